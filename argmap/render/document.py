"""Outline -> a report's document: numbered chapters and entries, the bottom
line, the sources listed once. Shared by the HTML and the PDF report.

Every entry gets a number: chapter, then its place among its siblings
(``1.3.2`` is the second child of the third top entry of chapter 1). A pointer
to a node shown elsewhere carries that entry's number (``target``), so a
printed "see 1.3.2" can be followed, and a renderer can add the page.

Pure and linear in the outline's size; nothing is escaped here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.model import Source
from argmap.render.bottom_line import BottomLine, bottom_line
from argmap.render.facts import NodeFacts
from argmap.render.outline import Entry, Outline, preorder, relation_label

if TYPE_CHECKING:
    from argmap.evaluate.ach import AchResult

__all__ = ["AchTable", "Chapter", "DocEntry", "Document", "SourceItem", "ach_table", "build_document",
           "MAX_ACH_COLUMNS", "MAX_ACH_ROWS", "MAX_STANDINGS"]

MAX_ACH_ROWS = 60  # a report's ACH table: the most diagnostic evidence beyond this many rows
MAX_ACH_COLUMNS = 12  # and the best-ranked hypotheses beyond this many columns
MAX_STANDINGS = 15  # theses, hypotheses or expectations listed in a bottom line; the rest are counted


@dataclass
class DocEntry:
    number: str
    facts: NodeFacts
    relation: str | None  # "supports", "undercuts a -> b (weight 0.8)"; None at the top
    verb: str | None
    ref: bool  # a pointer to the node's full entry (``target``)
    where: str  # "above" / "below"
    show_section: bool  # the node's section differs from its parent's
    depth: int
    children: list[DocEntry] = field(default_factory=list)
    target: str | None = None  # for a pointer: the number of the full entry

    @property
    def id(self) -> str:
        return self.facts.id


@dataclass(frozen=True)
class Chapter:
    number: str
    key: str  # "theses", "continued", "unreached"
    title: str
    entries: tuple[DocEntry, ...]


@dataclass(frozen=True)
class AchTable:
    """The part of an ACH matrix a report prints: every row and column of a
    small matrix; of a big one, the best-ranked hypotheses and the most
    diagnostic evidence (``argmap ach`` prints it all)."""

    result: AchResult
    hypotheses: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def cut(self) -> bool:
        return len(self.hypotheses) < len(self.result.hypotheses) or len(self.evidence) < len(self.result.evidence)


def ach_table(result: AchResult, max_rows: int = MAX_ACH_ROWS, max_columns: int = MAX_ACH_COLUMNS) -> AchTable:
    """The rows and columns of ``result`` a report shows (see AchTable)."""
    columns = list(result.hypotheses)
    if len(columns) > max_columns:
        columns = list(result.ranking[:max_columns])
    rows = list(result.evidence)
    if len(rows) > max_rows:
        order = {e: i for i, e in enumerate(result.evidence)}
        best = sorted(rows, key=lambda e: (-result.diagnosticity[e], order[e]))[:max_rows]
        keep = set(best)
        rows = [e for e in result.evidence if e in keep]
    return AchTable(result, tuple(columns), tuple(rows))


@dataclass(frozen=True)
class SourceItem:
    source: Source
    cited_by: tuple[str, ...]  # entry numbers, in document order, each once
    quotes: int  # citations with a quotation


@dataclass(frozen=True)
class Document:
    outline: Outline
    bottom_line: BottomLine
    chapters: tuple[Chapter, ...]
    sources: tuple[SourceItem, ...]
    numbers: Mapping[str, str]  # node id -> the number of its full entry

    @property
    def title(self) -> str:
        return self.outline.title

    @property
    def ach(self) -> AchTable | None:
        """The ACH table to print, or None when nothing is rated."""
        result = self.bottom_line.ach
        return ach_table(result) if result is not None else None

    def walk(self) -> list[DocEntry]:
        """Every entry, in document order."""
        return preorder([entry for chapter in self.chapters for entry in chapter.entries], lambda entry: entry.children)


def build_document(outline: Outline, *, ach: AchResult | None = None) -> Document:
    """The numbered document of ``outline`` (its evaluation, if any, included)."""
    facts = outline.facts
    numbers: dict[str, str] = {}
    pointers: list[DocEntry] = []

    def number(entry: Entry, prefix: str, depth: int, parent_section: str | None) -> DocEntry:
        node = entry.node
        doc = DocEntry(
            number=prefix, facts=facts.of(node), relation=relation_label(entry) or None, verb=entry.verb,
            ref=entry.ref, where=entry.where,
            show_section=not entry.ref and node.section is not None and node.section != parent_section,
            depth=depth,
        )
        if entry.ref:
            pointers.append(doc)
        else:
            numbers.setdefault(node.id, prefix)
        # iterative over siblings, recursive over depth (the outline caps it at MAX_DEPTH)
        doc.children = [number(child, f"{prefix}.{i}", depth + 1, node.section)
                        for i, child in enumerate(entry.children, 1)]
        return doc

    chapters = []
    for index, part in enumerate(outline.parts, 1):
        entries = tuple(number(e, f"{index}.{i}", 0, None) for i, e in enumerate(part.entries, 1))
        chapters.append(Chapter(str(index), part.key, part.title, entries))
    for pointer in pointers:
        pointer.target = numbers.get(pointer.id)

    cited: dict[str, dict[str, None]] = {}
    quotes: dict[str, int] = {}
    for chapter in chapters:
        stack = list(reversed(chapter.entries))
        while stack:
            entry = stack.pop()
            if not entry.ref:
                for cite in entry.facts.citations:
                    cited.setdefault(cite.source, {})[entry.number] = None
                    quotes[cite.source] = quotes.get(cite.source, 0) + (1 if cite.quote else 0)
            stack.extend(reversed(entry.children))
    sources = tuple(SourceItem(s, tuple(cited.get(s.id, {})), quotes.get(s.id, 0)) for s in outline.map.sources)
    line = bottom_line(outline.map, outline.statuses, outline.strengths, ach=ach)
    return Document(outline, line, tuple(chapters), sources, numbers)
