"""How each relation is drawn in each group of a scene (argmap.render.scene).

A relation is drawn in every group that holds one of its ends. An end drawn
in another group, or outside the view, becomes a *stub* in this group: a small
node naming that node and where it lives. An undercut ends on the middle of
the edge it attacks: that edge is drawn in two halves through a small mark
(``id="link-A-B"``) in each group that draws it; where the attacked edge is not
drawn, the undercut ends on a stub naming the link.

Every instance of a relation gets an element id: ``edge-SRC-KIND-DST`` (or
``edge-SRC-undercuts-A-B``) in the group of its source, the same followed by
``--GROUP`` in the other groups. Repeats of the same relation get ``-2``,
``-3``... The first half of a split edge adds ``-tail``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.model import Map, NodeKind, Relation, RelationKind
from argmap.render.scene import Group, Scene

__all__ = ["Edge", "EdgeIds", "Premise", "Stub", "group_edges", "premise_links", "stagger"]

_VERBS = {kind: kind.value for kind in RelationKind}


@dataclass(frozen=True, slots=True)
class Stub:
    """A node drawn elsewhere (``node``) or a link drawn elsewhere (``link``)."""

    name: str
    node: str | None = None
    link: tuple[str, str] | None = None


@dataclass(slots=True)
class Edge:
    """One edge statement: ``tail -> head`` for ``relation``. ``part``: whole,
    tail (the first half of an undercut edge, up to its mark) or head."""

    relation: Relation
    tail: str
    head: str
    part: str
    id: str
    minlen: int = 1


@dataclass(frozen=True, slots=True)
class Premise(Relation):
    """A premise of an argument block, drawn as an edge into the argument (the
    argument's own relation then points at its conclusion). Not a relation of
    the map: made here for the drawing, styled by style.PREMISE_STYLE."""

    @property
    def key(self) -> str:
        return f"{self.source} premise of {self.target}"


def premise_links(argmap: Map) -> list[Premise]:
    """An edge from each premise of each argument block to the argument."""
    return [Premise(RelationKind.SUPPORTS, premise, node.id)
            for node in argmap.nodes if node.kind is NodeKind.ARGUMENT for premise in node.premises]


class EdgeIds:
    """Hands out unique edge ids."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        count = self.seen.get(base, 0) + 1
        self.seen[base] = count
        return base if count == 1 else f"{base}-{count}"


def mid_name(a: str, b: str) -> str:
    return f"link {a}>{b}"  # a space never occurs in an id: no clash with a node


def stub_name(group: str, node_id: str) -> str:
    return f"stub {group}>{node_id}"


def link_stub_name(group: str, a: str, b: str) -> str:
    return f"stub {group}>{a}>{b}"


def base_id(relation: Relation) -> str:
    if isinstance(relation, Premise):
        return f"edge-{relation.source}-premise-{relation.target}"
    if relation.link is not None:
        return f"edge-{relation.source}-{_VERBS[relation.kind]}-{relation.link.source}-{relation.link.target}"
    return f"edge-{relation.source}-{_VERBS[relation.kind]}-{relation.target}"


@dataclass
class GroupEdges:
    edges: list[Edge]
    stubs: dict[str, Stub]  # name -> stub, in first-use order
    mids: dict[tuple[str, str], Relation]  # undercut links drawn in two halves here


def group_edges(scene: Scene, group: Group, relations: list[Relation], ids: EdgeIds,
                linked: set[tuple[str, str]]) -> GroupEdges:
    """The edges, stubs and undercut marks of ``group`` for ``relations`` (those
    touching it, in file order). ``linked``: the (source, target) of every
    drawable relation of the map, for undercuts of links drawn elsewhere."""
    home = scene.home
    key = group.key
    others = scene.selection.others
    known = scene.argmap.node_by_id

    def visible(node_id: str) -> bool:  # may a stub name it?
        return node_id in known and (node_id in home or others is None or node_id in others)

    stubs: dict[str, Stub] = {}  # the stubs an edge ends on, in first-use order
    named: dict[str, str] = {}  # stub name -> the node it names
    edges: list[Edge] = []

    def end(node_id: str) -> str | None:
        if home.get(node_id) == key:
            return node_id
        if not visible(node_id):
            return None
        name = stub_name(key, node_id)
        named[name] = node_id
        return name

    def add(edge: Edge) -> None:
        for name in (edge.tail, edge.head):
            if name in named and name not in stubs:
                stubs[name] = Stub(name, node=named[name])
        edges.append(edge)

    pairs = {(r.source, r.target): r for r in relations if r.target is not None}
    # the links an undercut drawn here attacks (its author is here, or a stub may name it)
    undercut = list(dict.fromkeys((r.link.source, r.link.target) for r in relations
                                  if r.link is not None and (home.get(r.source) == key or visible(r.source))))
    mids: dict[tuple[str, str], Relation] = {}
    for pair in undercut:
        attacked = pairs.get(pair)
        if attacked is not None and (home.get(pair[0]) == key or home.get(pair[1]) == key) and (
                (home.get(pair[0]) == key or visible(pair[0])) and (home.get(pair[1]) == key or visible(pair[1]))):
            mids.setdefault(pair, attacked)
    for relation in relations:
        source = end(relation.source)
        if relation.link is not None:
            a, b = relation.link.source, relation.link.target
            if (a, b) in mids:
                head: str | None = mid_name(a, b)
            elif home.get(relation.source) == key and (a, b) in linked and scene.link_stubs:
                head = link_stub_name(key, a, b)
            else:
                head = None
            if source is None or head is None:
                continue
            if head.startswith("stub ") and head not in stubs:
                stubs[head] = Stub(head, link=(a, b))
            add(Edge(relation, source, head, "whole", _instance_id(scene, group, relation, ids)))
            continue
        assert relation.target is not None
        target = end(relation.target)
        if source is None or target is None or (source not in known and target not in known):
            continue  # both ends are stubs: the relation belongs to other groups
        eid = _instance_id(scene, group, relation, ids)
        if mids.get((relation.source, relation.target)) is relation:
            mid = mid_name(relation.source, relation.target)
            add(Edge(relation, source, mid, "tail", eid + "-tail"))
            add(Edge(relation, mid, target, "head", eid))
        else:
            add(Edge(relation, source, target, "whole", eid))
    return GroupEdges(edges, stubs, mids)


def _instance_id(scene: Scene, group: Group, relation: Relation, ids: EdgeIds) -> str:
    base = base_id(relation)
    owner = scene.home.get(relation.source)
    if owner is None:  # the source is outside the view: the relation's first drawn end owns it
        owner = next((scene.home[t] for t in relation.referenced_ids if t in scene.home), group.key)
    return ids(base if owner == group.key else f"{base}--{group.key}")


def stagger(edges: list[Edge], widths: Mapping[str, float], row_width: float, gap: float = 16.0) -> None:
    """Set ``minlen`` on the edges into a node when the nodes they come from,
    side by side, would be wider than ``row_width`` points (``widths``: each
    node's estimated width): the nodes nothing points at (leaves, typically
    evidence and stubs) go 1, 2, 3, 1, ... ranks away so that they stack in a
    few rows instead of one very wide row (like ``unflatten -l``); the others
    stay one rank away. Other edges keep ``minlen`` 1."""
    targeted = {e.head for e in edges}
    by_head: dict[str, list[Edge]] = {}
    for edge in edges:
        edge.minlen = 1
        if edge.part != "tail":
            by_head.setdefault(edge.head, []).append(edge)
    for group in by_head.values():
        tails = list(dict.fromkeys(e.tail for e in group))
        total = sum(widths.get(name, 40.0) + gap for name in tails)
        leaves = [name for name in tails if name not in targeted]
        inner = total - sum(widths.get(name, 40.0) + gap for name in leaves)
        if total <= row_width or len(leaves) < 2:
            continue
        levels = min(len(leaves), max(2, math.ceil(total / max(row_width, 1.0))))
        if inner > 0:  # the first row also holds the nodes that have reasons of their own
            levels = min(len(leaves), max(levels, 1 + math.ceil((total - inner) / max(row_width, 1.0))))
        index = {name: i for i, name in enumerate(leaves)}
        start = 1 if inner > 0 else 0
        for edge in group:
            if edge.tail in index:
                edge.minlen = 1 + (start + index[edge.tail]) % levels
