"""Rules about ids: duplicates and references."""

from __future__ import annotations

from typing import Iterator

from argmap.checks.base import CheckContext, Rule, register
from argmap.checks.rules_common import later_duplicates
from argmap.diagnostics import Diagnostic, Related
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
    name = "duplicate-id"
    summary = "two nodes share one id"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for node, original in later_duplicates(argmap.nodes, argmap.node_by_id):
            yield self.diagnostic(
                f"duplicate id '{node.id}' (first defined at line {original.id_span.line})",
                node.id_span,
                hint="give this node an id of its own",
                related=(Related(original.id_span, f"'{node.id}' first defined here"),),
            )
