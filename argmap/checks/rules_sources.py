"""Rules about sources, citations, dates, sections and ACH completeness."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator

from argmap.checks.base import CheckContext, Rule, Scope, register
from argmap.checks.rules_common import duplicate_ids
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Map, NodeKind, PartialDate, Span

_DATE = re.compile(r"(\d+)(?:-(\d+))?(?:-(\d+))?")


def date_problem(date: PartialDate) -> str | None:
    """Why a written date is not a real calendar date, or None when it is."""
    match = _DATE.fullmatch(date.text)
    if match is None:
        return "write a date as YYYY, YYYY-MM or YYYY-MM-DD"
    year_text, month_text, day_text = match.groups()
    if len(year_text) != 4:
        return f"the year '{year_text}' must have four digits"
    year = int(year_text)
    if year == 0:
        return "there is no year 0"
    if month_text is None:
        return None
    if len(month_text) != 2:
        return f"write the month with two digits ('{int(month_text):02d}')" if int(month_text) <= 12 \
            else f"there is no month {int(month_text)}"
    month = int(month_text)
    if not 1 <= month <= 12:
        return f"there is no month {month} (months run from 01 to 12)"
    if day_text is None:
        return None
    day = int(day_text)
    last = calendar.monthrange(year, month)[1]
    if len(day_text) != 2 and 1 <= day <= last:
        return f"write the day with two digits ('{day:02d}')"
    if not 1 <= day <= last:
        return f"{calendar.month_name[month]} {year} has {last} days, not {day}"
    return None


@register
class InvalidDate(Rule):
    """A ``date`` on a node or a source is not a real calendar date: month
    13, 30 February, year 0, a two-digit year...

    Dates are written as ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and are
    used to sort and filter evidence, so a wrong one misleads silently.

    Fix: correct the date, or write only the parts you know (``2016-11``).
    """

    code = "E108"
    scope = Scope.BLOCK
    name = "invalid-date"
    summary = "a date is not a valid calendar date"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        problems: dict[str, str | None] = {}  # by date text: many nodes share a date

        def problem_of(date: PartialDate) -> str | None:
            if date.text not in problems:
                problems[date.text] = date_problem(date)
            return problems[date.text]

        dated: list[tuple[str, PartialDate, Span, str]] = []  # (owner, date, span, problem)
        for source in argmap.sources:
            if source.date is not None and (problem := problem_of(source.date)) is not None:
                dated.append((f"source '{source.id}'", source.date, source.date_span or source.id_span, problem))
        for node in argmap.nodes:
            if node.date is not None and (problem := problem_of(node.date)) is not None:
                dated.append((f"'{node.id}'", node.date, node.date_span or node.id_span, problem))
        for owner, date, span, problem in dated:
            yield self.diagnostic(
                f"invalid date '{date.text}' on {owner}: {problem}",
                span,
                hint="write YYYY, YYYY-MM or YYYY-MM-DD (only the parts you know)",
            )


@register
class DuplicateSourceId(Rule):
    """Two sources have the same id.

    Citations name sources by id; with two of them argmap cannot tell which
    one is meant (it uses the first).

    Fix: rename one source and the citations that mean it.
    """

    code = "E113"
    scope = Scope.BLOCK
    name = "duplicate-source-id"
    summary = "two sources share one id"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        yield from duplicate_ids(self, argmap.sources, argmap.source_by_id, "source id", "source")


@register
class UncitedEvidence(Rule):
    """An ``evidence`` node has no ``cite``.

    Evidence is what the sources say; without a citation a reader cannot
    check it, and argmap cannot verify its quotation.

    Fix: add ``cite SOURCE [LOCATOR] ["quotation"]``, or make it a ``claim``.
    """

    code = "W203"
    scope = Scope.BLOCK
    name = "uncited-evidence"
    summary = "evidence has no citation"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for node in argmap.nodes_of_kind(NodeKind.EVIDENCE):
            if not node.citations:
                yield self.diagnostic(
                    f"evidence '{node.id}' cites no source",
                    node.id_span,
                    hint="add: cite SOURCE \"short verbatim quotation\"",
                )


@register
class UnusedSource(Rule):
    """A source is declared but no node cites it.

    Either a citation is missing or the source is left over from an earlier
    version of the map.

    Fix: cite it where it is used, or delete the ``source`` block.
    """

    code = "W204"
    scope = Scope.BLOCK
    name = "unused-source"
    summary = "a source is never cited"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        cited = {citation.source for node in argmap.nodes for citation in node.citations}
        for source in argmap.sources:
            if source.id not in cited and argmap.source_by_id[source.id] is source:
                yield self.diagnostic(
                    f"source '{source.id}' is never cited",
                    source.id_span,
                    hint=f"cite it (cite {source.id} ...) or remove it",
                )


@register
class EvidenceWithoutDate(Rule):
    """An ``evidence`` node has no ``date``.

    Analysts weigh evidence by when it happened; undated evidence cannot be
    put on a timeline or filtered by period.

    Fix: add ``date YYYY[-MM[-DD]]`` with the parts you know.
    """

    code = "W207"
    scope = Scope.BLOCK
    name = "evidence-without-date"
    summary = "evidence has no date"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for node in argmap.nodes_of_kind(NodeKind.EVIDENCE):
            if node.date is None:
                yield self.diagnostic(
                    f"evidence '{node.id}' has no date",
                    node.id_span,
                    hint="add: date YYYY-MM (or YYYY, or YYYY-MM-DD)",
                )


@register
class UnratedHypothesis(Rule):
    """A ``hypothesis`` is rated by no evidence (no ``rates`` names it).

    In Analysis of Competing Hypotheses every hypothesis is weighed against
    the evidence; an unrated one cannot be ranked and looks untested.

    Fix: add ``rates HYPOTHESIS GRADE`` to the relevant evidence (``NA``
    when it does not apply).
    """

    code = "W208"
    scope = Scope.BLOCK
    name = "unrated-hypothesis"
    summary = "a hypothesis has no ratings"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        rated = {rating.hypothesis for node in argmap.nodes for rating in node.ratings}
        for node in argmap.nodes_of_kind(NodeKind.HYPOTHESIS):
            if node.id not in rated:
                yield self.diagnostic(
                    f"hypothesis '{node.id}' is not rated by any evidence",
                    node.id_span,
                    hint=f"add 'rates {node.id} C' (CC C N I II NA) to the evidence",
                )


@register
class EmptySection(Rule):
    """A ``section`` contains no node: the next block is another section,
    or the file ends.

    Fix: move the nodes that belong there under it, or delete the section.
    """

    code = "W209"
    scope = Scope.BLOCK
    name = "empty-section"
    summary = "a section has no nodes"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        used = {node.section for node in argmap.nodes}
        for section in argmap.sections:
            if section.id not in used and argmap.section_by_id[section.id] is section:
                yield self.diagnostic(
                    f"section '{section.title}' has no nodes",
                    section.span,
                    hint="write nodes after it, or delete it",
                )
