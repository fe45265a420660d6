"""Numbers that cannot be computed with (E117)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from argmap.checks.base import CheckContext, Rule, Scope, register
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Map


@register
class WeightNotFinite(Rule):
    """A relation's ``weight`` is too large to be a number.

    ``weight`` takes a decimal number. One with hundreds of digits lies beyond
    the range of the numbers argmap computes with and would be read as
    infinity: the gradual evaluation could not use it, and neither JSON nor
    AIF can write it (a JSON writer would have to invent ``Infinity``, which
    other tools reject).

    Fix: write the weight as a number between 0 and 1.
    """

    code = "E117"
    scope = Scope.BLOCK
    name = "weight-not-finite"
    summary = "a relation's weight is too large to be a number"
    severity = Severity.ERROR

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for relation in argmap.relations:
            if relation.weight is not None and not math.isfinite(relation.weight):
                yield self.diagnostic(
                    f"the weight on '{relation.key}' is too large to be a number",
                    relation.span,
                    hint="weights run from 0 (no force) to 1 (full force)",
                )
