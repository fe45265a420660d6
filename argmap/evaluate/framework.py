"""From a Map to the graphs the evaluators work on.

Two views of one map:

* :class:`Bipolar` - the map's nodes with its attack and support edges, each
  with a weight and the nodes that undercut it. Gradual strengths use this.
* :class:`Framework` - a Dung attack graph (:class:`~argmap.evaluate.semantics.AF`)
  built from the bipolar view. Its first arguments are the map's nodes, in map
  order; auxiliary arguments for undercuttable attacks follow.

The construction (also in docs/evaluation.md):

1. ``a attacks b`` is an attack a -> b; ``a contradicts b`` is a -> b and b -> a.
2. ``a supports b`` creates no attack by itself; two kinds of attack are derived
   from supports (Cayrol and Lagasquie-Schiex's bipolar frameworks):
   *supported attack*: a supports x1 ... supports xk, and xk attacks b => a attacks b;
   *secondary attack*: a attacks x1, and x1 supports ... supports xk = b => a attacks b.
   The support chains have length >= 1; the two kinds are not combined with each
   other, and derived attacks are not derived from again.
3. ``c undercuts a -> b`` attacks the *relation* a -> b (any supports, attacks or
   contradicts written from a to b, or from b to a for contradicts). An attack
   that rests on undercut relations (directly, or through a support chain) is
   flattened into two auxiliary arguments (Modgil and Bench-Capon's encoding of
   attacks on attacks): a -> X -> Y -> b, and every undercutter c -> Y. Y is IN
   exactly when a is IN and no undercutter is IN, so the attack on b works only
   while it is not undercut. An attack with no undercutter stays a plain edge.
4. Relations naming unknown nodes are ignored (rule E102 reports them);
   duplicate node ids keep their first definition.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from argmap.evaluate.ancestors import ancestors_map
from argmap.evaluate.semantics import AF, IN, OUT, UNDEC, grounded_layers
from argmap.model import Map, NodeKind, RelationKind, RelationRole

__all__ = ["Attack", "Bipolar", "Edge", "Framework", "ancestors_map", "bipolar", "scan_links"]

CHAIN_SEARCH_LIMIT = 200_000  # nodes one on-demand chain search (explain) visits at most
CHAIN_SOURCES = 64  # derived attacks of each kind kept per search by attacks_on (the best ones)


class Edge(NamedTuple):
    """A node-to-node attack or support edge of the map (a named tuple: a big
    map has tens of thousands, built on every evaluation)."""

    source: str
    target: str
    kind: str  # "attack" | "support"
    weight: float
    undercutters: tuple[str, ...]
    relation: str  # the relation key as written: "a contradicts b"
    role: RelationRole  # what the relation does (an undercut of an argument: ATTACK)


Cut = tuple[int, ...]  # undercutters, as node indexes
_ATTACKS, _CONTRADICTS = RelationKind.ATTACKS.value, RelationKind.CONTRADICTS.value  # an attack's origin


@dataclass(frozen=True)
class IndexedLinks:
    """A bipolar graph on node indexes, as the encoding reads it: per node,
    ``supports[t]`` / ``attacks[t]`` list its incoming ``(source, undercutters)``
    (``()`` for none; self-supports left out: a chain never needs one);
    ``direct``: every attack edge ``(source, target, undercutters)`` in edge
    order; ``first_supported``: supported nodes in the order of their first support;
    ``contradicting``: ``(t, k)`` when ``attacks[t][k]`` comes from a contradicts."""

    supports: list[Sequence[tuple[int, Cut]]]
    attacks: list[Sequence[tuple[int, Cut]]]
    direct: list[tuple[int, int, Cut]]
    first_supported: list[int]
    contradicting: set[tuple[int, int]] = field(default_factory=set)

    @classmethod
    def of(cls, nodes: Sequence[str], edges: Iterable[Edge]) -> IndexedLinks:
        """Built from ``edges`` (for a Bipolar made without bipolar())."""
        index = {node: i for i, node in enumerate(nodes)}
        links = cls([()] * len(nodes), [()] * len(nodes), [], [])
        for e in edges:
            links.add(index[e.source], index[e.target], e.kind == "support",
                      tuple(index[u] for u in e.undercutters), _origin(e) == _CONTRADICTS)
        return links

    def add(self, s: int, t: int, support: bool, cut: Cut, contradicts: bool = False) -> None:
        if support:
            if s == t:
                return
            found = self.supports[t]
            if found:
                found.append((s, cut))  # type: ignore[attr-defined]
            else:
                self.supports[t] = [(s, cut)]
                self.first_supported.append(t)
        else:
            found = self.attacks[t]
            if contradicts:
                self.contradicting.add((t, len(found)))
            if found:
                found.append((s, cut))  # type: ignore[attr-defined]
            else:
                self.attacks[t] = [(s, cut)]
            self.direct.append((s, t, cut))


@dataclass(frozen=True)
class Bipolar:
    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    # the same edges on node indexes (filled by bipolar(); see IndexedLinks)
    indexed: IndexedLinks | None = field(default=None, compare=False, repr=False)

    def incoming(self) -> dict[str, list[Edge]]:
        result: dict[str, list[Edge]] = {n: [] for n in self.nodes}
        for edge in self.edges:
            result[edge.target].append(edge)
        return result


@dataclass(frozen=True)
class Attack:
    """One attack between nodes in the Dung view, with how it arises."""

    source: str
    target: str
    undercutters: frozenset[str]
    origin: str  # "attacks", "contradicts", "supported attack", "secondary attack"
    via: tuple[str, ...] = ()  # the chain of nodes for derived attacks

    def describe(self) -> str:
        if not self.via:
            return f"{self.source} {self.origin} {self.target}"
        return f"{self.source} {_ATTACKS} {self.target} ({self.origin} via {self.chain_text()})"

    def chain_text(self, most: int = 9) -> str:
        """``via`` as "a -> x -> b", long chains shortened in the middle."""
        if len(self.via) <= most:
            return " -> ".join(self.via)
        half = most // 2
        return (" -> ".join(self.via[:half]) + f" -> ... ({len(self.via) - 2 * half} more) -> "
                + " -> ".join(self.via[-half:]))


class Framework:
    """The Dung view of a map: ``af`` (map nodes first, in map order, then the
    auxiliary arguments of the encoding), the map's ``nodes`` and their ``index``.

    ``edge_origin`` maps the AF edges that are plain direct attacks between nodes
    to their :class:`Attack`. Derived attacks are not materialised; ask
    :meth:`attacks_on` for the ones on one node (explain does)."""

    def __init__(self, af: AF, nodes: list[str], index: dict[str, int], graph: Bipolar | None = None, *,
                 links: IndexedLinks | None = None, source: Map | None = None) -> None:
        if graph is None and source is None:
            raise ValueError("a Framework needs its Bipolar graph or the map to make it from")
        self.af, self.nodes, self.index = af, nodes, index
        self._graph, self._source = graph, source
        self._links = links if links is not None else (graph.indexed if graph is not None else None)
        self._all: list[Attack] | None = None
        self._origin: dict[tuple[int, int], Attack] | None = None
        self._grounded: list[int] | None = None
        self.rounds_cache: tuple[list[int], list[int]] | None = None  # explain.grounded_rounds

    @property
    def graph(self) -> Bipolar:
        """The bipolar view of the map (made on first use when the framework was built without it)."""
        if self._graph is None:
            assert self._source is not None
            self._graph = bipolar(self._source)
        return self._graph

    @property
    def edge_origin(self) -> dict[tuple[int, int], Attack]:
        """AF edges that are plain (not undercut) direct attacks between nodes -> their Attack."""
        if self._origin is None:
            self._origin = {}
            for e in self.graph.edges:
                if e.kind == "attack" and not e.undercutters:
                    key = (self.index[e.source], self.index[e.target])
                    self._origin.setdefault(key, Attack(e.source, e.target, frozenset(), _origin(e)))
        return self._origin

    def grounded(self) -> list[int]:
        """The grounded labelling of ``af`` (computed once; do not modify it)."""
        if self._grounded is None:
            # with the rounds explain orders attackers by (explain.grounded_rounds)
            self._grounded, rounds = grounded_layers(self.af)
            self.rounds_cache = (self._grounded, rounds)
        return self._grounded

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    @property
    def attacks(self) -> list[Attack]:
        """Every attack between nodes, derived ones included, one per (source,
        target). Quadratic in support-chain depth: for inspection and tests only."""
        if self._all is None:
            self._all = [a for n in self.nodes for a in self.attacks_on(n, limit=None)]
        return self._all

    def links(self) -> IndexedLinks:
        """The graph's edges on node indexes (bipolar() made them; else built once)."""
        if self._links is None:
            self._links = IndexedLinks.of(self.nodes, self.graph.edges)
        return self._links

    def status(self, attack: Attack, lab: list[int] | None) -> int:
        """IN (the attack holds), OUT (its source is OUT or an undercutter IN) or UNDEC in ``lab``."""
        if lab is None:
            return IN
        cut = [lab[self.index[u]] for u in attack.undercutters]
        source = lab[self.index[attack.source]]
        if source == OUT or IN in cut:
            return OUT
        return IN if source == IN and UNDEC not in cut else UNDEC

    def attacks_on(self, node: str, lab: list[int] | None = None,
                   limit: int | None = CHAIN_SEARCH_LIMIT) -> list[Attack]:
        """The attacks on ``node`` (direct, supported, secondary), one per
        attacking node: the one that fares best in ``lab`` (holds, undecided,
        fails), then the shortest chain. Found by searches backwards over
        supports that visit at most ``limit`` nodes each; at most
        ``CHAIN_SOURCES`` supported attacks per direct attack, and secondary
        attacks, are kept (the best: a chain costs its length to spell out)."""
        links = self.links()
        sup, att, contradicting, nodes = links.supports, links.attacks, links.contradicting, self.nodes
        t = self.index[node]
        best: dict[int, tuple[tuple[int, int], Attack]] = {}
        rank = {IN: 0, UNDEC: 1, OUT: 2}

        def key(source: int, cut: frozenset[int], hops: int) -> tuple[int, int]:
            return (rank[_status(lab, source, cut)], hops)

        def offer(source: int, cut: frozenset[int], origin: str, via: tuple[int, ...]) -> None:
            k = key(source, cut, len(via))
            if source not in best or k < best[source][0]:
                best[source] = (k, Attack(nodes[source], node, frozenset(nodes[u] for u in cut), origin,
                                          tuple(nodes[i] for i in via)))

        for k, (s, cut) in enumerate(att[t]):
            offer(s, frozenset(cut), _CONTRADICTS if (t, k) in contradicting else _ATTACKS, ())
        for s, direct_cut in att[t]:
            back = _Search(s, sup, lab, limit)
            last = frozenset(direct_cut)
            ranked = sorted((key(x, back.cut[x] | last, back.hops[x]), i) for i, x in enumerate(back.found))
            for _, i in ranked[:CHAIN_SOURCES]:
                start = back.found[i]
                offer(start, back.cut[start] | last, "supported attack", back.chain(start) + (t,))
        fwd = _Search(t, sup, lab, limit)
        found = [(key(s, fwd.cut[y] | frozenset(cut), fwd.hops[y]), i, j)
                 for i, y in enumerate(fwd.found) for j, (s, cut) in enumerate(att[y])]
        for _, i, j in sorted(found)[:CHAIN_SOURCES]:
            y = fwd.found[i]
            s, cut = att[y][j]
            offer(s, fwd.cut[y] | frozenset(cut), "secondary attack", (s,) + fwd.chain(y))
        return [best[s][1] for s in sorted(best)]


def _status(lab: list[int] | None, source: int, cut: frozenset[int]) -> int:
    """:meth:`Framework.status` on node indexes."""
    if lab is None:
        return IN
    labels = [lab[u] for u in cut]
    first = lab[source]
    if first == OUT or IN in labels:
        return OUT
    return IN if first == IN and UNDEC not in labels else UNDEC


class _Search:
    """Support chains start -> ... -> ``end`` (>= 1 step; node indexes), one
    per start: the cheapest (a step costs 2 when an undercutter is IN in
    ``lab``, 1 when one is UNDEC, else 0), then the shortest. ``found``: the
    starts, best first; ``cut``/``hops``: per start, the chain's undercutters
    and length. ``sup``: per node, its incoming ``(supporter, undercutters)``."""

    def __init__(self, end: int, sup: list[Sequence[tuple[int, Cut]]],
                 lab: list[int] | None, limit: int | None) -> None:
        self.end = end
        self.parent: dict[int, int] = {}  # a node -> the next node of its chain
        self.cut: dict[int, frozenset[int]] = {end: frozenset()}
        self.hops: dict[int, int] = {end: 0}
        dist: dict[int, int] = {end: 0}
        heap: list[tuple[int, int, int, int]] = [(0, 0, 0, end)]
        self.found: list[int] = []
        counter = 0
        while heap and (limit is None or len(self.found) < limit):
            c, hops, _, node = heapq.heappop(heap)
            if (c, hops) != (dist[node], self.hops[node]):
                continue
            if node != end:
                self.found.append(node)
            for source, cut in sup[node]:
                step = 0
                if lab is not None and cut:
                    labels = {lab[u] for u in cut}
                    step = 2 if IN in labels else (1 if UNDEC in labels else 0)
                new = (c + step, hops + 1)
                if source != end and (source not in dist or new < (dist[source], self.hops[source])):
                    dist[source], self.hops[source] = new
                    self.parent[source] = node
                    self.cut[source] = self.cut[node] | frozenset(cut) if cut else self.cut[node]
                    counter += 1
                    heapq.heappush(heap, (new[0], new[1], counter, source))

    def chain(self, start: int) -> tuple[int, ...]:
        chain, node = [start], start
        while node != self.end:
            node = self.parent[node]
            chain.append(node)
        return tuple(chain)


def _origin(edge: Edge) -> str:
    return _CONTRADICTS if edge.role is RelationRole.CONTRADICTION else _ATTACKS


def _clamp(value: float | None) -> float:
    return 1.0 if value is None else max(0.0, min(1.0, float(value)))


def bipolar(argmap: Map) -> Bipolar:
    """The node-level attack/support graph with weights and undercutters."""
    edges: list[Edge] = []
    ids, _, indexed = scan_links(argmap, edges)
    return Bipolar(ids, tuple(edges), indexed)


def scan_links(argmap: Map, edges: list[Edge] | None = None
               ) -> tuple[tuple[str, ...], dict[str, int], IndexedLinks]:
    """The map's node ids, their indexes and its bipolar graph on them, in one pass
    over the relations; the :class:`Edge` objects are appended to ``edges``
    when it is given (the encoding and explain need only the indexes).

    Questions are not evaluated (they are answered, not supported); an
    argument node is supported by each of its premises and attacks, supports
    or undercuts what its relation names; undercutting an argument attacks it;
    ``about`` and ``answers`` are not part of the graph."""
    ids = tuple(node for node, n in argmap.node_by_id.items() if n.kind is not NodeKind.QUESTION)
    known = {node: i for i, node in enumerate(ids)}
    relations = argmap.relations
    # the relations act by their role (RelationKind.role), whatever their spelling
    undercuts, supports, contradicts = RelationRole.UNDERCUT, RelationRole.SUPPORT, RelationRole.CONTRADICTION
    undercut: dict[tuple[str, str], list[str]] = {}
    for rel in relations:
        if rel.kind.role is undercuts and rel.link is not None and rel.source in known:
            undercut.setdefault((rel.link.source, rel.link.target), []).append(rel.source)
    premises = [(p, n.id) for n in argmap.nodes if n.kind is NodeKind.ARGUMENT and n.id in known
                for p in n.premises if p in known and p != n.id]
    if premises:  # each premise supports its argument (the bipolar reading has no linked premises)
        from argmap.model import Relation

        relations = tuple(Relation(RelationKind.SUPPORTS, p, a) for p, a in premises) + tuple(relations)
    cut_from = {source for source, _ in undercut}  # sources of undercut links
    verbs = {kind: kind.value for kind in RelationKind}
    keep = edges is not None
    indexed = IndexedLinks([()] * len(ids), [()] * len(ids), [], [])
    sup_in, att_in, direct, first_supported = indexed.supports, indexed.attacks, indexed.direct, indexed.first_supported
    contradicting = indexed.contradicting
    append, new_edge = (edges if edges is not None else []).append, tuple.__new__
    for rel in relations:
        s, t = rel.source, rel.target
        role = rel.kind.role
        if t is None or role is RelationRole.BEARING or role is RelationRole.ANSWER:
            continue
        if role is RelationRole.UNDERCUT:  # undercutting an argument attacks its inference: the argument
            role = RelationRole.ATTACK
        elif role not in (RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION):
            raise AssertionError(f"no bipolar reading for relation role {role}")  # pragma: no cover
        si, ti = known.get(s), known.get(t)
        if si is None or ti is None:
            continue
        cut: tuple[str, ...] = ()
        cut_index: tuple[int, ...] = ()
        if s in cut_from or (t in cut_from and role is contradicts):  # something may undercut it
            cutters = undercut.get((s, t), [])
            if role is contradicts:
                cutters = cutters + undercut.get((t, s), [])
            if cutters:
                cut = tuple(sorted(set(cutters)))
                cut_index = tuple(known[u] for u in cut)
        if keep:
            w = rel.weight
            weight = 1.0 if w is None else _clamp(w)
            key = f"{s} {verbs[rel.kind]} {t}" if rel.link is None else rel.key
        # tuple.__new__ skips the named tuple's Python-level __new__ (same object)
        # IndexedLinks.add, inlined: this loop runs once per relation
        if role is supports:
            if keep:
                append(new_edge(Edge, (s, t, "support", weight, cut, key, role)))
            if si != ti:
                found = sup_in[ti]
                if found:
                    found.append((si, cut_index))  # type: ignore[attr-defined]
                else:
                    sup_in[ti] = [(si, cut_index)]
                    first_supported.append(ti)
            continue
        if keep:
            append(new_edge(Edge, (s, t, "attack", weight, cut, key, role)))
        found = att_in[ti]
        if role is contradicts:
            contradicting.add((ti, len(found)))
        if found:
            found.append((si, cut_index))  # type: ignore[attr-defined]
        else:
            att_in[ti] = [(si, cut_index)]
        direct.append((si, ti, cut_index))
        if role is contradicts:
            if keep:
                append(new_edge(Edge, (t, s, "attack", weight, cut, key, role)))
            found = att_in[si]
            contradicting.add((si, len(found)))
            if found:
                found.append((ti, cut_index))  # type: ignore[attr-defined]
            else:
                att_in[si] = [(ti, cut_index)]
            direct.append((ti, si, cut_index))
    return ids, known, indexed
