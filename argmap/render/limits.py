"""Bounded layout: what one Graphviz layout may cost, and what to leave out
when a graph would cost more.

Graphviz's ``dot`` spends its time on network simplex (ranks, x positions)
and crossing minimisation over the nodes *and* the virtual nodes it adds along
every edge that spans several ranks. A map where each of 60 claims supports
every earlier one has only 60 nodes but 1,770 edges and about 36,000 virtual
nodes: minutes and gigabytes. So the cost is estimated from the relations as
well as the nodes:

* ``virtual_nodes(edges)`` ranks the graph by longest path (cheap, in
  Python) and counts the virtual nodes the edges would need;
* ``simplify`` leaves out, when a graph has more than ``edge_limit(n)``
  edges or more than ``VIRTUAL_LIMIT`` virtual nodes, first the supports that
  follow from a chain of other supports (a transitive reduction), then the
  longest remaining edges, and says how many it left out;
* ``graph_settings(work)`` caps network simplex and crossing minimisation
  (``nslimit``, ``mclimit``, ``searchsize``, straight lines) as the work grows.

``full=True`` (``--full``) turns all of this off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from argmap.model import RelationRole
from argmap.render.edges import Edge, Premise

__all__ = ["VIRTUAL_LIMIT", "edge_limit", "graph_settings", "ranks_of", "simplify", "virtual_nodes"]

VIRTUAL_LIMIT = 6000  # virtual nodes one layout may need
WORK_TIERS: tuple[tuple[int, dict[str, str]], ...] = (
    (3000, {}),
    (12000, {"nslimit": "2", "nslimit1": "2", "mclimit": "0.5", "searchsize": "30"}),
    (40000, {"splines": "line", "nslimit": "0.2", "nslimit1": "0.5", "mclimit": "0.3", "searchsize": "20",
             "remincross": "false"}),
)
LAST_TIER = {"splines": "line", "nslimit": "0.05", "nslimit1": "0.1", "mclimit": "0.1", "searchsize": "10",
             "remincross": "false"}


def edge_limit(nodes: int) -> int:
    """The most edges a layout of ``nodes`` nodes draws before simplifying."""
    return 3 * nodes + 60


def _ranks(names: Iterable[str], edges: Sequence[Edge]) -> dict[str, int]:
    """Longest-path ranks (tail below head) on the graph without its back edges."""
    out: dict[str, list[Edge]] = {name: [] for name in names}
    for edge in edges:
        out.setdefault(edge.tail, [])
        out.setdefault(edge.head, [])
        out[edge.tail].append(edge)
    order: list[str] = []  # reverse post-order of an iterative DFS
    state: dict[str, int] = {}
    back: set[int] = set()
    for root in out:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(out[root]))]
        while stack:
            name, successors = stack[-1]
            for edge in successors:
                mark = state.get(edge.head)
                if mark is None:
                    state[edge.head] = 1
                    stack.append((edge.head, iter(out[edge.head])))
                    break
                if mark == 1:
                    back.add(id(edge))
            else:
                state[name] = 2
                order.append(name)
                stack.pop()
    rank = dict.fromkeys(out, 0)
    for name in reversed(order):
        for edge in out[name]:
            if id(edge) not in back and rank[edge.head] < rank[name] + edge.minlen:
                rank[edge.head] = rank[name] + edge.minlen
    return rank


def ranks_of(names: Iterable[str], edges: Sequence[Edge]) -> dict[str, int]:
    """Longest-path ranks: 0 for the nodes no edge points at, then one more per edge."""
    return _ranks(names, edges)


def virtual_nodes(names: Iterable[str], edges: Sequence[Edge]) -> int:
    """About how many virtual nodes ``dot`` adds for ``edges``."""
    rank = _ranks(names, edges)
    return sum(max(0, abs(rank[e.head] - rank[e.tail]) - 1) for e in edges)


def _reduce_supports(names: list[str], edges: list[Edge], droppable: set[int]) -> set[int]:
    """The ids of the droppable supports that a chain of other supports implies."""
    supports = [e for e in edges if e.relation.kind.role is RelationRole.SUPPORT and e.part == "whole"
                and not isinstance(e.relation, Premise)]
    index = {name: i for i, name in enumerate(names)}
    for edge in supports:
        for name in (edge.tail, edge.head):
            if name not in index:
                index[name] = len(index)
    successors: dict[int, list[int]] = {}
    for edge in supports:
        successors.setdefault(index[edge.tail], []).append(index[edge.head])
    rank = _ranks(list(index), supports)
    order = sorted(index, key=lambda name: -rank[name])  # heads before tails
    reach: dict[int, int] = {}  # node -> bit set of nodes reachable in >= 1 step
    for name in order:
        node = index[name]
        bits = 0
        for head in successors.get(node, ()):
            bits |= (1 << head) | reach.get(head, 0)
        reach[node] = bits
    implied: set[int] = set()
    for edge in supports:
        if id(edge) not in droppable:
            continue
        tail, head = index[edge.tail], index[edge.head]
        for other in successors.get(tail, ()):
            if other != head and (reach.get(other, 0) >> head) & 1:
                implied.add(id(edge))
                break
    return implied


def _within(names: list[str], edges: list[Edge], limit: int) -> bool:
    return len(edges) <= limit and virtual_nodes(names, edges) <= VIRTUAL_LIMIT


def simplify(names: list[str], edges: list[Edge], full: bool = False) -> tuple[list[Edge], str | None]:
    """The edges to lay out and, when some are left out, why (one sentence)."""
    if full:
        return edges, None
    limit = edge_limit(len(names))
    if _within(names, edges, limit):
        return edges, None
    droppable = {id(e) for e in edges if e.part == "whole" and not isinstance(e.relation, Premise)}
    implied = _reduce_supports(names, edges, droppable)
    kept = [e for e in edges if id(e) not in implied]
    longest = 0
    if not _within(names, kept, limit):
        rank = _ranks(names, kept)
        candidates = sorted((e for e in kept if id(e) in droppable), key=lambda e: -abs(rank[e.head] - rank[e.tail]))
        dropped: set[int] = set()
        for count, edge in enumerate(candidates):
            if count % 32 == 0 and _within(names, [e for e in kept if id(e) not in dropped], limit):
                break
            dropped.add(id(edge))
        kept = [e for e in kept if id(e) not in dropped]
        longest = len(dropped)
    left_out = len(edges) - len(kept)
    if not left_out:
        return edges, None
    reasons = []
    if implied:
        reasons.append(f"{len(implied):,} supports that follow from a chain of drawn supports")
    if longest:
        reasons.append(f"{longest:,} of the longest edges")
    return kept, f"{left_out:,} of {len(edges):,} relations not drawn ({'; '.join(reasons)})"


def graph_settings(work: int, full: bool = False) -> dict[str, str]:
    """Graphviz settings for a layout of ``work`` = nodes + edges + virtual nodes."""
    if full:
        return {}
    for bound, settings in WORK_TIERS:
        if work <= bound:
            return dict(settings)
    return dict(LAST_TIER)
