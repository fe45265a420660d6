"""The encoding's AF builds its attackers lists on first use; it is the AF
``AF.from_pairs`` builds from the same attacks, whichever is asked first."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.api import loads
from argmap.evaluate.encoding import build_framework
from argmap.evaluate.semantics import AF, grounded, grounded_layers


def _random_map(seed: int, size: int) -> str:
    rng = random.Random(seed)
    lines, links = [], []
    for i in range(size):
        lines.append(f'claim n{i} "Node {i}."')
        for _ in range(rng.randrange(4)):
            kind = rng.choice(("supports", "supports", "attacks", "contradicts"))
            target = rng.randrange(size)
            lines.append(f"  {kind} n{target}")
            links.append((i, target))
        if links and rng.random() < 0.3:
            a, b = rng.choice(links)
            lines.append(f"  undercuts n{a} -> n{b}")
    return "\n".join(lines) + "\n"


@settings(max_examples=120, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 14), st.booleans())
def test_encoded_af_is_the_plain_af(seed: int, size: int, degrees_first: bool) -> None:
    af = build_framework(loads(_random_map(seed, size))).af
    plain = AF.from_pairs(af.names, af.pairs())
    assert all(targets == sorted(set(targets)) for targets in af.attacks)
    if degrees_first:  # counted from the attacks, before any attackers list exists
        assert af.in_degrees() == [len(a) for a in plain.attackers]
    assert af == plain and plain == af
    assert af.attackers == plain.attackers
    assert af.in_degrees() == [len(a) for a in plain.attackers]
    assert grounded(af) == grounded(plain)
    assert grounded_layers(af) == grounded_layers(plain)


@pytest.mark.parametrize("other", [AF(["a"]), AF(["a", "b"], [[1], []], [[], [0]])])
def test_encoded_af_differs_from_other_afs(other: AF) -> None:
    af = build_framework(loads('claim a "A."\n  attacks b\nclaim b "B."\n  attacks a\n')).af
    assert af != other and other != af
    assert af.attackers == [[1], [0]] and af.in_degrees() == [1, 1]
    assert repr(af).startswith("AF(names=['a', 'b']")


# Framework.attacks_on (explain) searches the IndexedLinks bipolar() made; a
# Bipolar made from its edges alone gives the same attacks, origins included.
@settings(max_examples=80, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 12))
def test_attacks_on_from_edges_or_index(seed: int, size: int) -> None:
    from argmap.evaluate.framework import Bipolar, bipolar

    argmap = loads(_random_map(seed, size))
    graph = bipolar(argmap)
    fast = build_framework(argmap, graph)
    slow = build_framework(argmap, Bipolar(graph.nodes, graph.edges))
    lab = fast.grounded()
    for node in fast.nodes:
        assert fast.attacks_on(node, lab) == slow.attacks_on(node, lab)
        assert fast.attacks_on(node) == slow.attacks_on(node)


def test_attack_origins() -> None:
    argmap = loads('claim a "A."\n  attacks b\n  contradicts b\nclaim b "B."\n  contradicts c\n'
                   'claim c "C."\n  attacks a\n  undercuts b -> c\n')
    fw = build_framework(argmap)
    described = {n: [a.describe() for a in fw.attacks_on(n)] for n in fw.nodes}
    assert described == {"a": ["b contradicts a", "c attacks a"], "b": ["a attacks b", "c contradicts b"],
                         "c": ["b contradicts c"]}
    assert fw.attacks_on("c")[0].undercutters == frozenset({"c"})


# build_framework(map) scans the relations once on node indexes (scan_links);
# its Bipolar view, made on first use, is the one bipolar() makes.
@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 12))
def test_framework_without_edges(seed: int, size: int) -> None:
    from argmap.evaluate.framework import Framework, bipolar, scan_links

    argmap = loads(_random_map(seed, size))
    graph = bipolar(argmap)
    assert scan_links(argmap) == (graph.nodes, {n: i for i, n in enumerate(graph.nodes)}, graph.indexed)
    lazy, eager = build_framework(argmap), build_framework(argmap, graph)
    assert lazy.af == eager.af and lazy.links() == eager.links()
    assert lazy.edge_origin == eager.edge_origin
    assert lazy.graph == graph and lazy.graph.edges == graph.edges
    with pytest.raises(ValueError):
        Framework(lazy.af, lazy.nodes, lazy.index)
