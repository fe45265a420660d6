"""Evaluate only the part of a map that the labels of some nodes depend on.

A node's grounded, complete and preferred status depends only on its
ancestors (directionality); checking a few ``expect`` lines on a big map
evaluates that part. Split from ``framework.py``, which re-exports
``ancestors_map``. (Walking the ancestors on ``scan_links``'s node indexes
instead was measured: 4% faster when they are the whole 20,000-node bench
map, twice as slow when they are a few nodes of it.)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Set as AbstractSet

from argmap.model import Map, NodeKind, RelationRole

__all__ = ["ancestors_map"]


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
    undercuts, contradicts = RelationRole.UNDERCUT, RelationRole.CONTRADICTION  # by role, whatever the spelling
    incoming: dict[str, list[str]] = {}
    undercutters: dict[tuple[str, str], list[str]] = {}
    for rel in argmap.relations:
        kind, target = rel.kind.role, rel.target
        if kind is undercuts:
            link = rel.link
            if link is not None:
                undercutters.setdefault((link.source, link.target), []).append(rel.source)
                continue
        if target is None:
            continue
        if target in incoming:
            incoming[target].append(rel.source)
        else:
            incoming[target] = [rel.source]
        if kind is contradicts:
            incoming.setdefault(rel.source, []).append(target)
    for node in argmap.nodes:  # an argument depends on its premises
        if node.kind is NodeKind.ARGUMENT and node.premises:
            incoming.setdefault(node.id, []).extend(node.premises)
    # an undercutter of x -> y is reached with y through x, or with x through y
    reached = [(t, cutters) for (x, y), cutters in undercutters.items()
               for s, t in ((x, y), (y, x)) if s in incoming.get(t, ())]
    for t, cutters in reached:
        incoming[t] += cutters
    known = argmap.node_by_id
    keep = {t for t in targets if t in known}
    stack = list(keep)
    push, add = stack.append, keep.add
    while stack:
        for source in incoming.get(stack.pop(), ()):
            if source not in keep:
                add(source)
                push(source)
    if len(keep) == len(argmap.node_by_id):
        return argmap
    return _restrict(argmap, keep)


def _restrict(argmap: Map, keep: AbstractSet[str]) -> Map:
    """``argmap`` with only the nodes in ``keep`` and the relations between them."""
    nodes = tuple(n for n in argmap.nodes if n.id in keep)
    relations = tuple(
        r for r in argmap.relations
        if r.source in keep and (r.target in keep if r.link is None else (r.link.source in keep and r.link.target in keep))
    )
    return dataclasses.replace(argmap, nodes=nodes, relations=relations)
