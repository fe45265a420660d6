"""Views of a big map: pure Map -> Map filters, composable, order-keeping.

A view keeps a subset of the nodes, the relations among them (an undercut
only when its attacker and both ends of the link it attacks are kept), and the
sections that still have nodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from argmap.errors import ArgmapError
from argmap.model import Map, NodeKind

__all__ = ["focus", "kinds", "neighbours", "restrict", "section"]


def restrict(argmap: Map, keep: set[str]) -> Map:
    """``argmap`` with only the nodes whose id is in ``keep``."""
    nodes = tuple(n for n in argmap.nodes if n.id in keep)
    relations = tuple(r for r in argmap.relations
                      if r.source in keep and all(t in keep for t in r.referenced_ids))
    used = {n.section for n in nodes}
    sections = tuple(s for s in argmap.sections if s.id in used)
    expectations = tuple(e for e in argmap.expectations if e.node in keep)
    return replace(argmap, nodes=nodes, relations=relations, sections=sections, expectations=expectations)


def neighbours(argmap: Map) -> dict[str, list[str]]:
    """Node id -> ids it is related to, in either direction (file order).
    An undercut links its attacker with both ends of the link it attacks."""
    adjacent: dict[str, list[str]] = {n.id: [] for n in argmap.nodes}
    for relation in argmap.relations:
        for other in relation.referenced_ids:
            if other in adjacent and relation.source in adjacent:
                adjacent[relation.source].append(other)
                adjacent[other].append(relation.source)
    return adjacent


def focus(argmap: Map, node_id: str, depth: int = 2) -> Map:
    """The neighbourhood of ``node_id``: nodes at most ``depth`` relations away."""
    if argmap.node(node_id) is None:
        raise ArgmapError(f"--focus: no node {node_id!r} in the map")
    if depth < 0:
        raise ArgmapError("--depth must be 0 or more")
    adjacent = neighbours(argmap)
    seen = {node_id}
    frontier = [node_id]
    for _ in range(depth):
        if not frontier:  # nothing left to visit: a huge --depth ends here
            break
        following: list[str] = []
        for current in frontier:
            for other in adjacent[current]:
                if other not in seen:
                    seen.add(other)
                    following.append(other)
        frontier = following
    return restrict(argmap, seen)


def section(argmap: Map, name: str) -> Map:
    """The nodes of one section, named by its id or its exact title."""
    matches = [s.id for s in argmap.sections if name in (s.id, s.title)]
    if not matches:
        known = ", ".join(s.id for s in argmap.sections) or "none"
        raise ArgmapError(f"--section: no section {name!r} (sections: {known})")
    return restrict(argmap, {n.id for n in argmap.nodes if n.section == matches[0]})


def kinds(argmap: Map, names: Iterable[str]) -> Map:
    """Only the nodes of these kinds (``thesis``, ``claim``, ...)."""
    wanted: set[NodeKind] = set()
    for name in names:
        try:
            wanted.add(NodeKind(name.strip().lower()))
        except ValueError:
            choices = ", ".join(k.value for k in NodeKind)
            raise ArgmapError(f"--kinds: unknown kind {name!r} (kinds: {choices})") from None
    return restrict(argmap, {n.id for n in argmap.nodes if n.kind in wanted})
