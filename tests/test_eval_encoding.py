"""The linear (or-gate) encoding of derived attacks against the old one that
materialised every supported and secondary attack.

The REFERENCE below is the previous ``build_framework`` (support-chain
reachability per node, quadratic in chain depth), kept verbatim except that
its cap on undercut-sets per chain (``_MAX_CHAINS``, 4) is lifted: with the cap
the old encoding dropped chains, the gate encoding is exact.
"""

from __future__ import annotations

import time
from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from argmap.api import loads
from argmap.evaluate import explain, grounded_labels
from argmap.evaluate.encoding import build_framework
from argmap.evaluate.framework import Attack, Bipolar, bipolar
from argmap.evaluate.semantics import AF, extensions, grounded

# ---------------------------------------------------------------- reference (old encoding)

_MAX_CHAINS = 10**6  # old value: 4


def _support_reach(graph: Bipolar) -> dict[str, list[tuple[str, frozenset[str], tuple[str, ...]]]]:
    out: dict[str, list] = {}
    for edge in graph.edges:
        if edge.kind == "support":
            out.setdefault(edge.source, []).append(edge)
    reach: dict[str, list[tuple[str, frozenset[str], tuple[str, ...]]]] = {}
    for start in graph.nodes:
        if start not in out:
            continue
        kept: dict[str, list[frozenset[str]]] = {}
        found: list[tuple[str, frozenset[str], tuple[str, ...]]] = []
        queue: deque[tuple[str, frozenset[str], tuple[str, ...]]] = deque([(start, frozenset(), (start,))])
        while queue:
            node, cut, chain = queue.popleft()
            for edge in out.get(node, ()):
                new_cut = cut | frozenset(edge.undercutters)
                sets = kept.setdefault(edge.target, [])
                if len(sets) >= _MAX_CHAINS or any(s <= new_cut for s in sets):
                    continue
                sets.append(new_cut)
                item = (edge.target, new_cut, chain + (edge.target,))
                found.append(item)
                if edge.target != start:
                    queue.append(item)
        reach[start] = found
    return reach


def _node_attacks(graph: Bipolar) -> list[Attack]:
    direct = [e for e in graph.edges if e.kind == "attack"]
    result = [Attack(e.source, e.target, frozenset(e.undercutters),
                     "contradicts" if " contradicts " in e.relation else "attacks") for e in direct]
    reach = _support_reach(graph)
    into: dict[str, list[tuple[str, frozenset[str], tuple[str, ...]]]] = {}
    for start, items in reach.items():
        for target, cut, chain in items:
            into.setdefault(target, []).append((start, cut, chain))
    for e in direct:
        cut = frozenset(e.undercutters)
        for start, chain_cut, chain in into.get(e.source, ()):
            result.append(Attack(start, e.target, cut | chain_cut, "supported attack", chain + (e.target,)))
        for target, chain_cut, chain in reach.get(e.target, ()):
            result.append(Attack(e.source, target, cut | chain_cut, "secondary attack", (e.source,) + chain))
    best: dict[tuple[str, str], list[Attack]] = {}
    for attack in result:
        group = best.setdefault((attack.source, attack.target), [])
        if any(other.undercutters <= attack.undercutters for other in group):
            continue
        group[:] = [o for o in group if not attack.undercutters < o.undercutters] + [attack]
    return [a for group in best.values() for a in group]


def reference_af(graph: Bipolar) -> AF:
    nodes = list(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    names = list(nodes)
    pairs: list[tuple[int, int]] = []
    for attack in _node_attacks(graph):
        a, b = index[attack.source], index[attack.target]
        if not attack.undercutters:
            pairs.append((a, b))
            continue
        x, y = len(names), len(names) + 1
        names += [f"~{attack.source}->{attack.target}#{x}", f"{attack.source}->{attack.target}#{y}"]
        pairs += [(a, x), (x, y), (y, b)] + [(index[u], y) for u in sorted(attack.undercutters)]
    return AF.from_pairs(names, pairs)


# ---------------------------------------------------------------- random maps

KINDS = ("supports", "supports", "supports", "attacks", "contradicts")


@st.composite
def small_maps(draw: st.DrawFn) -> str:
    """<= 10 nodes; supports (self-supports and cycles allowed), attacks,
    contradicts, and undercuts of relations that exist."""
    n = draw(st.integers(1, 10))
    rels = draw(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, n - 1), st.integers(0, n - 1)),
                         max_size=3 * n))
    rels = [(k, a, b) for k, a, b in rels if a != b or k == "supports"]
    cuts = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 10**6)), max_size=n)) if rels else []
    lines = []
    for i in range(n):
        lines.append(f'claim n{i} "N{i}."')
        lines += [f"  {k} n{b}" for k, a, b in rels if a == i]
        for u, pick in cuts:
            if u == i:
                _, a, b = rels[pick % len(rels)]
                lines.append(f"  undercuts n{a} -> n{b}")
    return "\n".join(lines) + "\n"


def _restricted(af: AF, n: int, semantics: str) -> set[frozenset[int]]:
    return {frozenset(i for i in ext if i < n) for ext in extensions(af, semantics, solver="search")}


@settings(max_examples=examples(2500), deadline=None)
@given(small_maps())
def test_gate_encoding_agrees_with_reference(text: str) -> None:
    argmap = loads(text)
    graph = bipolar(argmap)
    new = build_framework(argmap, graph).af
    old = reference_af(graph)
    n = len(graph.nodes)
    assert new.names[:n] == old.names[:n]
    assert grounded(new)[:n] == grounded(old)[:n]
    for semantics in ("preferred", "stable"):
        assert _restricted(new, n, semantics) == _restricted(old, n, semantics), semantics


@settings(max_examples=examples(300), deadline=None)
@given(small_maps())
def test_on_demand_attacks_are_the_reference_pairs(text: str) -> None:
    graph = bipolar(loads(text))
    fw = build_framework(loads(text), graph)
    assert {(a.source, a.target) for a in fw.attacks} == {(a.source, a.target) for a in _node_attacks(graph)}


# ---------------------------------------------------------------- cases by hand


@pytest.mark.parametrize("text,labels", [
    # a support cycle whose members are all OUT does not keep their attack alive
    (('claim k "K"\n  attacks a\n  attacks b\nclaim a "A"\n  supports b\n  attacks t\nclaim b "B"\n  supports a\n'
     'claim t "T"\n'), {"k": "IN", "a": "OUT", "b": "OUT", "t": "IN"}),
    # an IN member of a support cycle attacks through the whole cycle
    (('claim a "A"\n  supports b\nclaim b "B"\n  supports c\nclaim c "C"\n  supports a\n  attacks t\n'
     'claim t "T"\n'), {"a": "IN", "b": "IN", "c": "IN", "t": "OUT"}),
    # a cycle with an undercut support: k's secondary attack on c through b -> c is
    # cancelled (without u, c would be OUT); c still attacks t
    (('claim a "A"\n  supports b\nclaim b "B"\n  supports c\nclaim c "C"\n  supports a\n  attacks t\n'
     'claim t "T"\nclaim u "U"\n  undercuts b -> c\nclaim k "K"\n  attacks b\n'),
     {"a": "IN", "b": "OUT", "c": "IN", "t": "OUT", "u": "IN", "k": "IN"}),
    # secondary attack through a chain of two supports
    ('claim a "A"\n  attacks x\nclaim x "X"\n  supports y\nclaim y "Y"\n  supports z\nclaim z "Z"\n',
     {"a": "IN", "x": "OUT", "y": "OUT", "z": "OUT"}),
])
def test_cases_by_hand(text: str, labels: dict[str, str]) -> None:
    assert grounded_labels(loads(text), reading="bipolar") == labels
    graph = bipolar(loads(text))
    old = grounded(reference_af(graph))
    assert {n: {1: "IN", 2: "OUT", 3: "UNDEC"}[old[i]] for i, n in enumerate(graph.nodes)} == labels


def _chain(n: int) -> str:
    lines = [f'claim s{i} "S{i}."\n  supports s{i + 1}' for i in range(n - 1)]
    lines.append(f'claim s{n - 1} "Thesis."\nclaim k "K."\n  attacks s{n - 1}\nclaim t "T."\n  attacks s0')
    return "\n".join(lines) + "\n"


def test_long_support_chain_is_linear() -> None:
    # t attacks s0 (secondary attacks down the whole chain), k attacks the end
    argmap = loads(_chain(20_000))
    start = time.perf_counter()
    fw = build_framework(argmap)
    lab = grounded(fw.af)
    elapsed = time.perf_counter() - start
    assert fw.af.size < 4 * len(fw.nodes)  # a constant number of aux arguments per node
    assert all(lab[fw.index[f"s{i}"]] == 2 for i in (0, 1, 10_000, 19_999))
    assert elapsed < 5.0  # the old encoding took minutes here
    why = explain(fw, "s15000")
    assert why.label == "OUT" and why.lines[0].startswith("- s15000 is OUT: defeated by t (secondary attack via t")


def test_explain_names_secondary_chain() -> None:
    e = explain(loads('claim a "A"\n  attacks x\nclaim x "X"\n  supports y\nclaim y "Y"\n  supports z\n'
                      'claim z "Z"\n'), "z", reading="bipolar")
    assert e.lines[0] == "- z is OUT: defeated by a (secondary attack via a -> x -> y -> z)"
    assert e.defeaters == ("a",) and e.attackers == ("a",)
