"""Rules about the shape of the argument: cycles, clashes, duplicates, orphans."""

from __future__ import annotations

from collections import deque
from typing import Iterator

from argmap.checks.base import CheckContext, Rule, register
from argmap.diagnostics import Diagnostic, Fix, Related, Severity
from argmap.model import Map, NodeKind, Relation, RelationKind, Span


def strongly_connected(nodes: list[str], edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iterative (no recursion limit).

    Components come in a deterministic order; each lists its nodes as found."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, position = work[-1]
            successors = edges.get(node, ())
            if position < len(successors):
                work[-1] = (node, position + 1)
                nxt = successors[position]
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _shortest_cycle(start: str, members: set[str], edges: dict[str, list[str]]) -> list[str]:
    """A shortest cycle through ``start`` inside one component (BFS)."""
    parent: dict[str, str] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        for nxt in edges.get(node, ()):
            if nxt == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return list(reversed(path))
            if nxt in members and nxt not in seen:
                seen.add(nxt)
                parent[nxt] = node
                queue.append(nxt)
    return [start]  # pragma: no cover - a component of two or more always has a cycle


@register
class SupportCycle(Rule):
    """Nodes support each other in a circle: ``a`` supports ``b``, ``b``
    supports ``c`` and ``c`` supports ``a``.

    That is circular reasoning: each claim is offered as a reason for itself,
    through the others. argmap prints one cycle per group of nodes that
    support each other (a shortest cycle through the group's first node).

    Fix: remove or reverse one of the supports in the cycle.
    """

    code = "E104"
    name = "support-cycle"
    summary = "supports form a cycle (circular reasoning)"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        known = argmap.node_by_id
        edges: dict[str, list[str]] = {}
        first_relation: dict[tuple[str, str], Relation] = {}
        for relation in argmap.relations:
            if relation.kind is not RelationKind.SUPPORTS or relation.target not in known:
                continue
            if relation.target == relation.source:
                continue  # E103
            pair = (relation.source, relation.target)
            if pair not in first_relation:
                first_relation[pair] = relation
                edges.setdefault(relation.source, []).append(relation.target)
        order = {node_id: position for position, node_id in enumerate(known)}
        for component in strongly_connected(list(known), edges):
            if len(component) < 2:
                continue
            start = min(component, key=order.__getitem__)
            cycle = _shortest_cycle(start, set(component), edges)
            steps = [first_relation[(a, b)] for a, b in zip(cycle, cycle[1:] + cycle[:1])]
            text = " -> ".join(cycle + [start])
            extra = f" ({len(component)} nodes support each other)" if len(component) > len(cycle) else ""
            yield self.diagnostic(
                f"circular reasoning: {text}{extra}",
                steps[0].target_span,
                hint="remove or reverse one of these supports",
                related=tuple(Related(r.target_span, f"'{r.source}' supports '{r.target}'") for r in steps[1:]),
            )


@register
class SupportsAndAttacks(Rule):
    """A node both supports and attacks the same target.

    A reason cannot speak for and against one claim at once; usually one of
    the two relations is a slip, or the node mixes two ideas.

    Fix: keep the relation you mean, or split the node in two.
    """

    code = "E106"
    name = "supports-and-attacks"
    summary = "a node supports and attacks the same target"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        supports: dict[tuple[str, str], Relation] = {}
        attacks: dict[tuple[str, str], Relation] = {}
        for relation in argmap.relations:
            if relation.target is None or relation.target == relation.source:
                continue
            pair = (relation.source, relation.target)
            if relation.kind is RelationKind.SUPPORTS:
                supports.setdefault(pair, relation)
            elif relation.kind is RelationKind.ATTACKS:
                attacks.setdefault(pair, relation)
        for pair, attack in attacks.items():
            support = supports.get(pair)
            if support is None:
                continue
            later, earlier = max(support, attack, key=_position), min(support, attack, key=_position)
            yield self.diagnostic(
                f"'{pair[0]}' both supports and attacks '{pair[1]}'",
                later.target_span,
                hint="keep the relation you mean, or split the node",
                related=(Related(earlier.target_span, f"'{pair[0]}' {earlier.kind.value} '{pair[1]}' here"),),
            )


def _position(relation: Relation) -> tuple[str, int, int]:
    return (relation.span.file, relation.span.line, relation.span.column)


def _removal_fix(relation: Relation, siblings: tuple[Relation, ...]) -> tuple[Fix, ...]:
    """Remove ``relation`` from a comma list on its line (``supports a, b``).

    Only when a neighbour of the same kind sits on the same line, so the edit
    is exact without the text: between two targets of one clause there is
    only a comma and blanks."""
    same = [r for r in siblings if r.kind is relation.kind and r.span.file == relation.span.file
            and r.span.line == relation.span.line and r.span.end_line == r.span.line]
    same.sort(key=_position)
    at = next((i for i, r in enumerate(same) if r is relation), None)
    if at is None:
        return ()
    span = relation.span
    if at > 0:
        before = same[at - 1].span
        cut = Span(span.file, span.line, before.end_column, span.end_line, span.end_column)
    elif at + 1 < len(same):
        after = same[at + 1].span
        cut = Span(span.file, span.line, span.column, span.line, after.column)
    else:
        return ()
    return (Fix("remove the duplicate", cut, ""),)


@register
class DuplicateRelation(Rule):
    """The same relation is written twice: same kind, same source, same
    target (or the same undercut link).

    The repetition adds nothing, and with weights it double-counts.

    Fix: delete the second one (argmap offers the edit when the two are in
    one comma list).
    """

    code = "W206"
    name = "duplicate-relation"
    summary = "the same relation is written twice"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        seen: dict[tuple[str, str, str, str], Relation] = {}
        for relation in argmap.relations:
            if relation.link is not None:
                key = (relation.kind.value, relation.source, relation.link.source, relation.link.target)
            else:
                key = (relation.kind.value, relation.source, relation.target or "", "")
            first = seen.setdefault(key, relation)
            if first is relation:
                continue
            yield self.diagnostic(
                f"duplicate relation '{relation.key}' (first at line {first.span.line})",
                relation.span,
                hint="delete this repetition",
                related=(Related(first.span, "first written here"),),
                fixes=_removal_fix(relation, argmap.outgoing.get(relation.source, ())),
            )


@register
class MutualContradiction(Rule):
    """``a contradicts b`` and ``b contradicts a`` are both written.

    ``contradicts`` is symmetric: one of the two says everything.

    Fix: delete one of them.
    """

    code = "W211"
    name = "mutual-contradiction"
    summary = "a contradiction is written in both directions"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        first: dict[tuple[str, str], Relation] = {}
        for relation in argmap.relations:
            if relation.kind is RelationKind.CONTRADICTS and relation.target not in (None, relation.source):
                first.setdefault((relation.source, relation.target or ""), relation)
        for (source, target), relation in first.items():
            other = first.get((target, source))
            if other is not None and _position(other) < _position(relation):
                yield self.diagnostic(
                    f"'{source}' contradicts '{target}' and '{target}' contradicts '{source}'; "
                    "contradicts is symmetric",
                    relation.target_span,
                    hint="keep one of the two",
                    related=(Related(other.target_span, "the other direction"),),
                )


@register
class OrphanNode(Rule):
    """A node takes part in no relation: it supports, attacks, undercuts or
    contradicts nothing and nothing points at it (ratings count as links
    between evidence and hypotheses).

    An orphan does not contribute to the argument; it is often a node whose
    ``supports`` line was forgotten.

    Fix: relate it to the argument, or remove it.
    """

    code = "W201"
    name = "orphan-node"
    summary = "a node is not related to anything"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        linked: set[str] = set(argmap.outgoing) | set(argmap.incoming)
        for relation in argmap.relations:
            if relation.link is not None:
                linked.update((relation.link.source, relation.link.target))
        for node in argmap.nodes:
            if node.ratings:
                linked.add(node.id)
                linked.update(rating.hypothesis for rating in node.ratings)
        for node in argmap.nodes:
            if node.id not in linked:
                yield self.diagnostic(
                    f"{node.kind.value} '{node.id}' is not related to any other node",
                    node.id_span,
                    hint="add supports/attacks/contradicts, or remove the node",
                )


@register
class UnsupportedThesis(Rule):
    """A thesis has no incoming ``supports``.

    A thesis is what the map argues for; without a single reason it is a
    bare assertion.

    Fix: add ``supports THESIS`` to the claims or evidence that back it.
    """

    code = "W202"
    name = "unsupported-thesis"
    summary = "a thesis has no support"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        incoming = argmap.incoming
        for node in argmap.nodes_of_kind(NodeKind.THESIS):
            if not any(r.kind is RelationKind.SUPPORTS and r.source != node.id for r in incoming.get(node.id, ())):
                yield self.diagnostic(
                    f"thesis '{node.id}' has no support",
                    node.id_span,
                    hint=f"add 'supports {node.id}' to a claim or evidence that backs it",
                )
