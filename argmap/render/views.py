"""Views of a big map: which nodes a diagram draws.

``select(map, section=, kinds=, focus=, depth=)`` names the nodes a view keeps
(a ``Selection``); the diagram then draws every relation that leaves the view
as a stub naming the node outside (argmap.render.scene), so a view never hides
that a node is connected. The Map -> Map filters (``restrict``, ``section``,
``kinds``, ``focus``) keep only the nodes and the relations among them, for
callers that want a smaller map.

Unknown ids, sections and kinds are errors (exit status 2) with a "did you
mean" when a name is close to one in the map.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, replace

from argmap.errors import ArgmapError
from argmap.model import Map, NodeKind

__all__ = ["Selection", "did_you_mean", "focus", "kinds", "neighbours", "restrict", "section", "select"]


@dataclass(frozen=True)
class Selection:
    """The nodes a view draws. ``keep`` None: every node. ``others``: the nodes a
    stub may name (None: any; ``--kinds`` limits it to the kinds asked for).
    ``focus``: the focal node; ``section``: the section's id."""

    keep: frozenset[str] | None = None
    others: frozenset[str] | None = None
    focus: str | None = None
    section: str | None = None

    @property
    def is_whole(self) -> bool:
        return self.keep is None


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest names, or ``""``."""
    pool = list(dict.fromkeys(choices))
    close = difflib.get_close_matches(name, pool, n=3, cutoff=0.6)
    if not close:
        lowered = {choice.lower(): choice for choice in pool}
        close = [lowered[c] for c in difflib.get_close_matches(name.lower(), list(lowered), n=3, cutoff=0.6)]
    if not close:
        close = [choice for choice in pool if name.lower() in choice.lower()][:3]
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{c}'" for c in close) + "?)"


def restrict(argmap: Map, keep: set[str] | frozenset[str]) -> Map:
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
    An undercut links its attacker with both ends of the link it attacks; an
    argument block is related to each of its premises."""
    adjacent: dict[str, list[str]] = {n.id: [] for n in argmap.nodes}
    for relation in argmap.relations:
        for other in relation.referenced_ids:
            if other in adjacent and relation.source in adjacent:
                adjacent[relation.source].append(other)
                adjacent[other].append(relation.source)
    for node in argmap.nodes:  # an argument block and its premises
        for premise in node.premises:
            if premise in adjacent:
                adjacent[node.id].append(premise)
                adjacent[premise].append(node.id)
    return adjacent


def _check_node(argmap: Map, node_id: str) -> None:
    if argmap.node(node_id) is None:
        raise ArgmapError(f"--focus: no node {node_id!r} in the map" + did_you_mean(node_id, argmap.node_by_id))


def _reach(argmap: Map, node_id: str, depth: int, within: frozenset[str] | None) -> set[str]:
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
                if other not in seen and (within is None or other in within):
                    seen.add(other)
                    following.append(other)
        frontier = following
    return seen


def focus(argmap: Map, node_id: str, depth: int = 2) -> Map:
    """The neighbourhood of ``node_id``: nodes at most ``depth`` relations away."""
    _check_node(argmap, node_id)
    return restrict(argmap, _reach(argmap, node_id, depth, None))


def section_id(argmap: Map, name: str) -> str:
    """The id of the section named ``name`` (its id or its exact title)."""
    for candidate in argmap.sections:
        if name in (candidate.id, candidate.title):
            return candidate.id
    for candidate in argmap.sections:  # then without regard to case
        if name.lower() in (candidate.id.lower(), candidate.title.lower()):
            return candidate.id
    known = ", ".join(s.id for s in argmap.sections) or "none"
    hint = did_you_mean(name, [s.id for s in argmap.sections] + [s.title for s in argmap.sections])
    raise ArgmapError(f"--section: no section {name!r}{hint or ''} (sections: {known})")


def section(argmap: Map, name: str) -> Map:
    """The nodes of one section, named by its id or its exact title."""
    wanted = section_id(argmap, name)
    return restrict(argmap, {n.id for n in argmap.nodes if n.section == wanted})


def _kind_set(names: Iterable[str]) -> set[NodeKind]:
    wanted: set[NodeKind] = set()
    for name in names:
        try:
            wanted.add(NodeKind(name.strip().lower()))
        except ValueError:
            choices = ", ".join(k.value for k in NodeKind)
            hint = did_you_mean(name.strip().lower(), [k.value for k in NodeKind])
            raise ArgmapError(f"--kinds: unknown kind {name!r}{hint} (kinds: {choices})") from None
    return wanted


def kinds(argmap: Map, names: Iterable[str]) -> Map:
    """Only the nodes of these kinds (``thesis``, ``claim``, ...)."""
    wanted = _kind_set(names)
    return restrict(argmap, {n.id for n in argmap.nodes if n.kind in wanted})


def select(argmap: Map, section: str | None = None, kinds: Iterable[str] = (), focus: str | None = None,
           depth: int = 2) -> Selection:
    """The nodes a view keeps: one section, then these kinds, then the
    neighbourhood of ``focus`` (``depth`` relations away, within what is left)."""
    if focus is not None:
        _check_node(argmap, focus)
    kind_names = tuple(kinds)
    if section is None and not kind_names and focus is None:
        return Selection()
    keep: frozenset[str] | None = None
    others: frozenset[str] | None = None
    sid = None
    if section is not None:
        sid = section_id(argmap, section)
        keep = frozenset(n.id for n in argmap.nodes if n.section == sid)
    if kind_names:
        wanted = _kind_set(kind_names)
        others = frozenset(n.id for n in argmap.nodes if n.kind in wanted)
        keep = others if keep is None else keep & others
    if focus is not None:
        if keep is not None and focus not in keep:
            raise ArgmapError(f"--focus: node {focus!r} is not in the view that --section/--kinds ask for")
        keep = frozenset(_reach(argmap, focus, depth, keep))
    return Selection(keep, others, focus, sid)
