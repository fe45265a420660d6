"""What a map concludes, for the top of a report.

    line = bottom_line(argmap, statuses, strengths)
    line.theses        each thesis with its grounded status and strength
    line.hypotheses    each hypothesis with its status and its rank in the ACH matrix
    line.expectations  each ``expect`` line: what it expects, what is, whether it holds
    line.ach           the ACH matrix (argmap.evaluate.ach.AchResult) or None
    line.leader        the leading hypothesis (None: no ratings, or a tie)

The statuses (grounded labels by node id) are passed in; the expectations
are checked as ``argmap check`` checks them (argmap.evaluate.expectations):
one verdict everywhere. Plain data: each renderer words and escapes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.model import Expectation, ExpectedStatus, Map, Node, NodeKind

if TYPE_CHECKING:
    from argmap.evaluate.ach import AchResult

__all__ = ["BottomLine", "ExpectationCheck", "Standing", "bottom_line"]



@dataclass(frozen=True)
class Standing:
    """A thesis or hypothesis and where it stands."""

    node: Node
    status: str | None  # IN / OUT / UNDEC; None: not evaluated
    strength: float | None
    rank: int | None = None  # ACH rank (hypotheses rated by evidence)

    @property
    def id(self) -> str:
        return self.node.id


@dataclass(frozen=True)
class ExpectationCheck:
    expectation: Expectation
    expected: str  # "accepted under grounded", "leads"
    found: str | None  # "accepted", "ranks 2 of 4", ...; None: not checked
    holds: bool | None  # None: not checked (no evaluation, too many extensions)

    @property
    def node(self) -> str:
        return self.expectation.node


@dataclass(frozen=True)
class BottomLine:
    theses: tuple[Standing, ...]
    hypotheses: tuple[Standing, ...]
    expectations: tuple[ExpectationCheck, ...]
    ach: AchResult | None

    @property
    def leader(self) -> str | None:
        return self.ach.leader if self.ach is not None else None

    @property
    def evaluated(self) -> bool:
        return any(s.status is not None for s in self.theses + self.hypotheses)

    @property
    def held(self) -> int:
        return sum(1 for e in self.expectations if e.holds)

    @property
    def failed(self) -> int:
        return sum(1 for e in self.expectations if e.holds is False)


def _ach(argmap: Map) -> AchResult | None:
    from argmap.evaluate.ach import ach_matrix

    result = ach_matrix(argmap)
    return result if result.hypotheses and result.evidence else None


def _checks(argmap: Map, evaluated: bool) -> tuple[ExpectationCheck, ...]:
    """Each ``expect`` line with its verdict, as ``argmap check`` gives it
    (argmap.evaluate.expectations, rule E116): a line with no finding holds.
    Not checked when the report is written without the evaluation."""
    known = argmap.node_by_id
    lines = [e for e in argmap.expectations if e.node in known and known[e.node].kind is not NodeKind.QUESTION]
    if not lines:
        return ()
    findings = {}
    if evaluated:
        from argmap.evaluate.expectations import check_expectations

        findings = {d.span: d for d in check_expectations(argmap)}
    found = []
    for line in lines:
        expected = "leads" if line.status is ExpectedStatus.LEADS else \
            f"{line.status.value} under {line.semantics or 'grounded'}"
        if not evaluated:
            found.append(ExpectationCheck(line, expected, None, None))
            continue
        finding = findings.get(line.span)
        if finding is None:
            found.append(ExpectationCheck(line, expected, expected.split(" under ")[0], True))
        elif finding.message.startswith("cannot check"):
            found.append(ExpectationCheck(line, expected, finding.message, None))
        else:
            found.append(ExpectationCheck(line, expected, finding.message.split(", but ", 1)[-1], False))
    return tuple(found)


def bottom_line(
    argmap: Map,
    statuses: Mapping[str, str] | None = None,
    strengths: Mapping[str, float] | None = None,
    *,
    ach: AchResult | None = None,
) -> BottomLine:
    """The bottom line of ``argmap`` (see the module docstring). ``ach``: the
    ACH matrix when the caller has it (computed here otherwise)."""
    statuses = statuses or {}
    strengths = strengths or {}
    if ach is None:
        ach = _ach(argmap)
    known = argmap.node_by_id

    def standing(node: Node) -> Standing:
        rank = ach.ranking.index(node.id) + 1 if ach is not None and node.id in ach.ranking else None
        value = strengths.get(node.id)
        return Standing(node, statuses.get(node.id), None if value is None else float(value), rank)

    theses = tuple(standing(n) for n in argmap.nodes_of_kind(NodeKind.THESIS) if known[n.id] is n)
    hypotheses = [standing(n) for n in argmap.nodes_of_kind(NodeKind.HYPOTHESIS) if known[n.id] is n]
    hypotheses.sort(key=lambda s: s.rank if s.rank is not None else 1 << 30)  # stable: file order otherwise
    return BottomLine(theses, tuple(hypotheses), _checks(argmap, bool(statuses)), ach)
