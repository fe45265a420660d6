"""Rules about the shape of the argument: cycles, clashes, duplicates, orphans."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterator
from operator import attrgetter

from argmap.checks.base import CheckContext, Rule, Scope, register
from argmap.diagnostics import Diagnostic, Fix, Related, Severity
from argmap.model import Expectation, Map, Node, NodeKind, Relation, RelationKind, RelationRole, Section, Source, Span
from argmap.syntax.keywords import RELATION_KEYWORD, relation_line

_CONTRADICTS = RELATION_KEYWORD[RelationKind.CONTRADICTS]
MAX_CYCLE_SHOWN = 25  # longer cycles are printed with "... (N more) ..."


def strongly_connected(successors: list[list[int]]) -> list[list[int]]:
    """Tarjan's strongly connected components of the graph ``node -> successors``
    (nodes are 0..n-1), iterative: no recursion limit, whatever the depth."""
    size = len(successors)
    index = [-1] * size
    low = [0] * size
    on_stack = [False] * size
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(size):
        if index[root] >= 0:
            continue
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        work = [(root, 0)]
        while work:
            node, position = work[-1]
            edges = successors[node]
            if position < len(edges):
                work[-1] = (node, position + 1)
                nxt = edges[position]
                if index[nxt] < 0:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack[nxt] = True
                    work.append((nxt, 0))
                elif on_stack[nxt] and index[nxt] < low[node]:
                    low[node] = index[nxt]
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                if low[node] < low[parent]:
                    low[parent] = low[node]
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def _shortest_cycle(start: int, members: set[int], successors: list[list[int]]) -> list[int]:
    """A shortest cycle through ``start`` inside one component (BFS)."""
    parent: dict[int, int] = {}
    queue = deque([start])
    seen = {start}
    while queue:
        node = queue.popleft()
        for nxt in successors[node]:
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
    summary = "a cycle of support (circular reasoning)"

    @classmethod
    def reads(cls, element: Node | Source | Section | Expectation,
              relations: tuple[Relation, ...]) -> Hashable | None:
        """Node ids in file order and each support's target with its place:
        typing inside a text (or a note, a date...) cannot change a cycle."""
        if not isinstance(element, Node):
            return ()
        return element.id, tuple((r.target, r.target_span) for r in relations if r.kind is RelationKind.SUPPORTS)

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        known = argmap.node_by_id
        ids = list(known)
        order = {node_id: position for position, node_id in enumerate(ids)}
        successors: list[list[int]] = [[] for _ in ids]
        indegree = [0] * len(ids)
        supports = RelationRole.SUPPORT
        for relation in argmap.relations:
            if relation.kind.role is not supports or relation.target is None or relation.target == relation.source:
                continue  # self-supports are E103
            target = order.get(relation.target)
            source = order.get(relation.source)
            if target is not None and source is not None:
                successors[source].append(target)
                indegree[target] += 1
        # Peel off nodes no cycle can reach (Kahn); most maps end here.
        queue = [n for n, degree in enumerate(indegree) if degree == 0]
        while queue:
            node = queue.pop()
            for nxt in successors[node]:
                indegree[nxt] -= 1
                if indegree[nxt] == 0:
                    queue.append(nxt)
        rest = [n for n, degree in enumerate(indegree) if degree > 0]
        if not rest:
            return
        local = {n: i for i, n in enumerate(rest)}
        graph = [[local[t] for t in dict.fromkeys(successors[n]) if t in local] for n in rest]
        for component in strongly_connected(graph):
            if len(component) < 2:
                continue
            start = min(component)  # the first in file order
            found = _shortest_cycle(start, set(component), graph)
            cycle = [ids[rest[i]] for i in found]
            start_id = cycle[0]
            shown = cycle[:MAX_CYCLE_SHOWN]
            steps = [_first_support(argmap, a, b) for a, b in zip(shown, cycle[1:MAX_CYCLE_SHOWN + 1] + [start_id])]
            if len(cycle) > MAX_CYCLE_SHOWN:
                text = " -> ".join(shown) + f" -> ... ({len(cycle) - MAX_CYCLE_SHOWN} more) -> {cycle[-1]} -> {start_id}"
            else:
                text = " -> ".join(cycle + [start_id])
            extra = f" ({len(component)} nodes support each other)" if len(component) > len(cycle) else ""
            yield self.diagnostic(
                f"circular reasoning: {text}{extra}",
                steps[0].target_span,
                hint="remove or reverse one of these supports",
                related=tuple(Related(r.target_span, f"'{r.source}' {RELATION_KEYWORD[r.kind]} '{r.target}'")
                              for r in steps[1:]),
            )


def _first_support(argmap: Map, source: str, target: str) -> Relation:
    return next(r for r in argmap.outgoing[source] if r.kind.role is RelationRole.SUPPORT and r.target == target)


@register
class SupportsAndAttacks(Rule):
    """A node both supports and attacks the same target.

    A reason cannot speak for and against one claim at once; usually one of
    the two relations is a slip, or the node mixes two ideas.

    Fix: keep the relation you mean, or split the node in two.
    """

    code = "E106"
    scope = Scope.BLOCK
    name = "supports-and-attacks"
    summary = "a node supports and attacks the same target"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        supports: dict[tuple[str, str], Relation] = {}
        attacks: dict[tuple[str, str], Relation] = {}
        kind_support, kind_attack = RelationRole.SUPPORT, RelationRole.ATTACK
        for relation in argmap.relations:
            if relation.kind.role is kind_attack and relation.target is not None and relation.target != relation.source:
                attacks.setdefault((relation.source, relation.target), relation)
        if not attacks:
            return
        for relation in argmap.relations:
            if relation.kind.role is kind_support:
                pair = (relation.source, relation.target)
                if pair in attacks and pair not in supports:
                    supports[pair] = relation
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


_SOURCE, _TARGET = attrgetter("source"), attrgetter("target")


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
    scope = Scope.BLOCK
    name = "duplicate-relation"
    summary = "the same relation is written twice"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        seen: dict[tuple[RelationKind, str, str | None, str | None], Relation] = {}
        setdefault = seen.setdefault
        for relation in argmap.relations:
            link = relation.link
            key: tuple[RelationKind, str, str | None, str | None]
            if link is not None:
                key = (relation.kind, relation.source, link.source, link.target)
            else:
                key = (relation.kind, relation.source, relation.target, None)
            first = setdefault(key, relation)
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
    scope = Scope.BLOCK
    name = "mutual-contradiction"
    summary = "a contradiction is written in both directions"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        first: dict[tuple[str, str], Relation] = {}
        for relation in argmap.relations:
            if relation.kind.role is RelationRole.CONTRADICTION and relation.target not in (None, relation.source):
                first.setdefault((relation.source, relation.target or ""), relation)
        for (source, target), relation in first.items():
            other = first.get((target, source))
            if other is not None and _position(other) < _position(relation):
                yield self.diagnostic(
                    f"'{source}' {_CONTRADICTS} '{target}' and '{target}' {_CONTRADICTS} '{source}'; "
                    f"{_CONTRADICTS} is symmetric",
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
    scope = Scope.BLOCK
    name = "orphan-node"
    summary = "a node is not related to anything"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        relations = argmap.relations
        # every relation's source, target and undercut link (Map.outgoing/incoming
        # would build per-node tuples this rule does not need)
        linked: set[str | None] = set(map(_SOURCE, relations))
        linked.update(map(_TARGET, relations))
        for link in [r.link for r in relations if r.link is not None]:
            linked.update((link.source, link.target))
        for node in argmap.nodes:
            if node.ratings:
                linked.add(node.id)
                linked.update(rating.hypothesis for rating in node.ratings)
            if node.premises:  # an argument links its premises
                linked.add(node.id)
                linked.update(node.premises)
        for node in argmap.nodes:
            if node.id not in linked:
                yield self.diagnostic(
                    f"{node.kind.value} '{node.id}' is not related to any other node",
                    node.id_span,
                    hint=("say what bears on it (about) or answers it (answers)" if node.kind is NodeKind.QUESTION
                          else "add supports/attacks/contradicts, or remove the node"),
                )


@register
class UnsupportedThesis(Rule):
    """A thesis has no incoming ``supports`` (from a statement or an argument),
    and is not marked as the analyst's own framing (``inferred``).

    A thesis is what the map argues for; without a single reason it is a
    bare assertion. A thesis the analyst sets up to organise the map (not a
    claim of the source) says so with ``inferred "why"``.

    Fix: add ``supports THESIS`` to the claims or evidence that back it, or
    mark it ``inferred``.
    """

    code = "W202"
    scope = Scope.BLOCK
    name = "unsupported-thesis"
    summary = "a thesis has no support"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        theses = list(argmap.nodes_of_kind(NodeKind.THESIS))
        if not theses:
            return
        supports = RelationRole.SUPPORT
        supported = {r.target for r in argmap.relations if r.kind.role is supports and r.source != r.target}
        for node in theses:
            if node.id not in supported and node.inferred is None:
                yield self.diagnostic(
                    f"thesis '{node.id}' has no support",
                    node.id_span,
                    hint=f"add '{relation_line(RelationKind.SUPPORTS, node.id)}' to a claim or evidence that backs it",
                )


@register
class WeightOutOfRange(Rule):
    """A relation's ``weight`` is above 1.

    Weights are strengths between 0 and 1 (``supports t weight 0.8``); the
    gradual evaluation clamps larger numbers to 1, so ``weight 8`` (meant as
    0.8, or as a score out of 10) silently becomes ``weight 1``.

    Fix: write the weight as a number between 0 and 1.
    """

    code = "W213"
    scope = Scope.BLOCK
    name = "weight-out-of-range"
    summary = "a relation's weight is above 1"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for relation in argmap.relations:
            if relation.weight is not None and 1 < relation.weight < float("inf"):  # inf: E117
                yield self.diagnostic(
                    f"weight {relation.weight:g} on '{relation.key}' is above 1 (evaluation treats it as 1)",
                    relation.span,
                    hint="weights run from 0 (no force) to 1 (full force)",
                )
