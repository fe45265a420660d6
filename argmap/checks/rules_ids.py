"""Rules about ids: duplicates and references."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.base import CheckContext, Rule, Scope, register
from argmap.checks.rules_common import duplicate_ids
from argmap.diagnostics import Diagnostic
from argmap.model import Map


@register
class DuplicateId(Rule):
    """Two nodes have the same id.

    Every node needs its own id: relations, citations and expectations name
    nodes by id, so a repeated id makes them ambiguous. argmap keeps the first
    definition and reports each later one.

    Fix: rename one of the nodes (and the relations that mean it).
    """

    code = "E101"
    scope = Scope.BLOCK
    name = "duplicate-id"
    summary = "two nodes share one id"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        yield from duplicate_ids(self, argmap.nodes, argmap.node_by_id, "id", "node")
