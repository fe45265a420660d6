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

from collections import deque
from dataclasses import dataclass, field

from argmap.evaluate.semantics import AF
from argmap.model import Map, RelationKind

__all__ = ["Attack", "Bipolar", "Edge", "Framework", "bipolar", "build_framework"]

_MAX_CHAINS = 4  # undercut-sets kept per (start, reached node) in support chains


@dataclass(frozen=True)
class Edge:
    """A node-to-node attack or support edge of the map."""

    source: str
    target: str
    kind: str  # "attack" | "support"
    weight: float
    undercutters: tuple[str, ...]
    relation: str  # the relation key as written: "a contradicts b"


@dataclass(frozen=True)
class Bipolar:
    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]

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
        return f"{self.source} attacks {self.target} ({self.origin} via {' -> '.join(self.via)})"


@dataclass
class Framework:
    af: AF
    nodes: list[str]
    attacks: list[Attack]
    index: dict[str, int] = field(default_factory=dict)
    # AF edge (i, j) between nodes or gadget parts -> the Attack it encodes
    edge_origin: dict[tuple[int, int], Attack] = field(default_factory=dict)

    @property
    def node_count(self) -> int:
        return len(self.nodes)


def _clamp(value: float | None) -> float:
    return 1.0 if value is None else max(0.0, min(1.0, float(value)))


def bipolar(argmap: Map) -> Bipolar:
    """The node-level attack/support graph with weights and undercutters."""
    ids = tuple(argmap.node_by_id)
    known = set(ids)
    undercut: dict[tuple[str, str], list[str]] = {}
    for rel in argmap.relations:
        if rel.kind is RelationKind.UNDERCUTS and rel.link is not None and rel.source in known:
            undercut.setdefault((rel.link.source, rel.link.target), []).append(rel.source)
    edges: list[Edge] = []
    for rel in argmap.relations:
        if rel.kind is RelationKind.UNDERCUTS or rel.target is None:
            continue
        if rel.source not in known or rel.target not in known:
            continue
        cutters = list(undercut.get((rel.source, rel.target), ()))
        if rel.kind is RelationKind.CONTRADICTS:
            cutters += undercut.get((rel.target, rel.source), ())
        cut = tuple(sorted(set(cutters)))
        weight = _clamp(rel.weight)
        if rel.kind is RelationKind.SUPPORTS:
            edges.append(Edge(rel.source, rel.target, "support", weight, cut, rel.key))
        else:
            edges.append(Edge(rel.source, rel.target, "attack", weight, cut, rel.key))
            if rel.kind is RelationKind.CONTRADICTS:
                edges.append(Edge(rel.target, rel.source, "attack", weight, cut, rel.key))
    return Bipolar(ids, tuple(edges))


def _support_reach(graph: Bipolar) -> dict[str, list[tuple[str, frozenset[str], tuple[str, ...]]]]:
    """For each node, the nodes it reaches by support chains (>= 1 edge):
    (reached, undercutters along the chain, chain of nodes)."""
    out: dict[str, list[Edge]] = {}
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
        for start, chain_cut, chain in into.get(e.source, ()):  # start supports* e.source
            result.append(Attack(start, e.target, cut | chain_cut, "supported attack", chain + (e.target,)))
        for target, chain_cut, chain in reach.get(e.target, ()):  # e.target supports* target
            result.append(Attack(e.source, target, cut | chain_cut, "secondary attack", (e.source,) + chain))
    # keep, per (source, target), only attacks whose undercutter set is minimal
    best: dict[tuple[str, str], list[Attack]] = {}
    for attack in result:
        group = best.setdefault((attack.source, attack.target), [])
        if any(other.undercutters <= attack.undercutters for other in group):
            continue
        group[:] = [o for o in group if not attack.undercutters < o.undercutters] + [attack]
    return [a for group in best.values() for a in group]


def build_framework(argmap: Map, graph: Bipolar | None = None) -> Framework:
    """The Dung attack graph of ``argmap`` (see the module docstring)."""
    graph = graph or bipolar(argmap)
    nodes = list(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    names = list(nodes)
    pairs: list[tuple[int, int]] = []
    origin: dict[tuple[int, int], Attack] = {}
    attacks = _node_attacks(graph)
    for attack in attacks:
        a, b = index[attack.source], index[attack.target]
        if not attack.undercutters:
            pairs.append((a, b))
            origin.setdefault((a, b), attack)
            continue
        x, y = len(names), len(names) + 1
        label = f"{attack.source}->{attack.target}"
        names += [f"~{label}#{x}", f"{label}#{y}"]
        for edge in [(a, x), (x, y), (y, b)] + [(index[u], y) for u in sorted(attack.undercutters)]:
            pairs.append(edge)
            origin.setdefault(edge, attack)
    af = AF.from_pairs(names, pairs)
    return Framework(af, nodes, attacks, index, origin)


def ancestors_map(argmap: Map, targets: set[str] | frozenset[str]) -> Map:
    """The part of ``argmap`` the labels of ``targets`` depend on.

    A node's grounded, complete and preferred status depends only on the nodes
    that can reach it backwards: its attackers (direct, contradicting, and the
    supported and secondary attacks derived through support chains) and the
    undercutters of those relations. Walking every relation backwards from
    ``targets`` (from a relation's target to its source and undercutters)
    collects a set that nothing outside attacks, so those semantics give its
    nodes the same labels as in the whole map (directionality). Stable
    semantics is not directional: evaluate the whole map for it.
    """
    import dataclasses

    incoming: dict[str, list[str]] = {}
    undercutters: dict[tuple[str, str], list[str]] = {}
    for rel in argmap.relations:
        if rel.kind is RelationKind.UNDERCUTS:
            if rel.link is not None:
                undercutters.setdefault((rel.link.source, rel.link.target), []).append(rel.source)
            continue
        if rel.target is None:
            continue
        incoming.setdefault(rel.target, []).append(rel.source)
        if rel.kind is RelationKind.CONTRADICTS:
            incoming.setdefault(rel.source, []).append(rel.target)
    keep = set(t for t in targets if t in argmap.node_by_id)
    stack = list(keep)
    while stack:
        node = stack.pop()
        for source in incoming.get(node, ()):
            for found in [source, *undercutters.get((source, node), ()), *undercutters.get((node, source), ())]:
                if found not in keep:
                    keep.add(found)
                    stack.append(found)
    if len(keep) == len(argmap.node_by_id):
        return argmap
    nodes = tuple(n for n in argmap.nodes if n.id in keep)
    relations = tuple(
        r for r in argmap.relations
        if r.source in keep and (r.target in keep if r.link is None else (r.link.source in keep and r.link.target in keep))
    )
    return dataclasses.replace(argmap, nodes=nodes, relations=relations)
