"""What a map concludes, for the top of a report.

    line = bottom_line(argmap, statuses, strengths)
    line.theses        each thesis with its grounded status and strength
    line.hypotheses    each hypothesis with its status and its rank in the ACH matrix
    line.expectations  each ``expect`` line: what it expects, what is, whether it holds
    line.ach           the ACH matrix (argmap.evaluate.ach.AchResult) or None
    line.leader        the leading hypothesis (None: no ratings, or a tie)

Pure: the evaluation is passed in (``statuses``: grounded labels by node id);
expectations under preferred or stable semantics are computed here, only
when the map has such lines. Plain data: each renderer words and escapes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError
from argmap.model import Expectation, ExpectedStatus, Map, Node, NodeKind

if TYPE_CHECKING:
    from argmap.evaluate.ach import AchResult

__all__ = ["BottomLine", "ExpectationCheck", "Standing", "bottom_line"]

# grounded label -> the word an ``expect`` line uses
_EXPECT_WORD = {"IN": "accepted", "OUT": "rejected", "UNDEC": "undecided"}


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


class _Other:
    """Statuses under preferred / stable semantics, computed once per semantics."""

    def __init__(self, argmap: Map) -> None:
        self.map = argmap
        self.framework: object | None = None
        self.tables: dict[str, dict[str, str] | None] = {}

    def status(self, node: str, semantics: str) -> str | None:
        if semantics not in self.tables:
            self.tables[semantics] = self._table(semantics)
        table = self.tables[semantics]
        return None if table is None else table.get(node)

    def _table(self, semantics: str) -> dict[str, str] | None:
        """accepted (IN in every extension, and there is one), rejected (OUT in
        every extension) or undecided, as ``expect`` reads them (rule E116)."""
        from argmap.evaluate import EXTENSION_LIMIT, TooManyExtensions
        from argmap.evaluate.encoding import build_framework
        from argmap.evaluate.semantics import IN, OUT, extensions, labelling_of

        try:
            framework = build_framework(self.map)
            labellings = [labelling_of(framework.af, e)
                          for e in extensions(framework.af, semantics, limit=EXTENSION_LIMIT)]
        except (TooManyExtensions, ArgmapError, ValueError):
            return None
        table = {}
        for i, node in enumerate(framework.nodes):
            if labellings and all(lab[i] == IN for lab in labellings):
                table[node] = "accepted"
            elif labellings and all(lab[i] == OUT for lab in labellings):
                table[node] = "rejected"
            else:
                table[node] = "undecided"
        return table


def _check(expectation: Expectation, statuses: Mapping[str, str], ach: AchResult | None,
           other: _Other) -> ExpectationCheck:
    if expectation.status is ExpectedStatus.LEADS:
        if ach is None or expectation.node not in ach.ranking:
            return ExpectationCheck(expectation, "leads", "not rated", False if ach is not None else None)
        if ach.leader == expectation.node:
            return ExpectationCheck(expectation, "leads", "leads", True)
        rank = ach.ranking.index(expectation.node) + 1
        place = "tied first" if ach.leader is None and rank <= 2 else f"ranks {rank} of {len(ach.ranking)}"
        return ExpectationCheck(expectation, "leads", place, False)
    semantics = expectation.semantics or "grounded"
    expected = f"{expectation.status.value} under {semantics}"
    if not statuses:
        return ExpectationCheck(expectation, expected, None, None)
    found: str | None = None
    if semantics in ("grounded", "complete"):
        label = statuses.get(expectation.node)
        found = _EXPECT_WORD.get(label) if label is not None else None
    else:
        found = other.status(expectation.node, semantics)
    if found is None:
        return ExpectationCheck(expectation, expected, None, None)
    return ExpectationCheck(expectation, expected, found, found == expectation.status.value)


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
    other = _Other(argmap)
    checks = tuple(_check(e, statuses, ach, other) for e in argmap.expectations if e.node in known)
    return BottomLine(theses, tuple(hypotheses), checks, ach)
