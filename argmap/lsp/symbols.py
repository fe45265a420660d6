"""Where every id of a map is defined and referenced: the index behind hover,
definition, references, rename and highlights. Pure: no pygls here.

Positions are argmap's (1-based lines and columns, end exclusive, in code
points); the server converts them to LSP's 0-based UTF-16 positions.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Iterator
from dataclasses import dataclass

from argmap.model import Map, Span

__all__ = ["SymbolKind", "Occurrence", "SymbolIndex", "CombinedIndex", "build_index"]


class SymbolKind(str, enum.Enum):
    NODE = "node"
    SOURCE = "source"
    SECTION = "section"
    INCLUDE = "include"


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place where an id is written: its definition or a reference to it."""

    kind: SymbolKind
    name: str
    span: Span
    definition: bool


def _id_span(span: Span, name: str) -> Span:
    """The span of an id written at the start of ``span`` (ratings, sections)."""
    return Span(span.file, span.line, span.column, span.line, span.column + len(name))


def _occurrences(argmap: Map) -> Iterator[Occurrence]:
    node, source, section = SymbolKind.NODE, SymbolKind.SOURCE, SymbolKind.SECTION
    for src in argmap.sources:
        yield Occurrence(source, src.id, src.id_span, True)
    for sec in argmap.sections:
        if sec.explicit_id:
            # `section ID "title"`: the id follows the keyword and one space at least.
            yield Occurrence(section, sec.id, _id_span(sec.span, sec.id), True)
    for item in argmap.nodes:
        yield Occurrence(node, item.id, item.id_span, True)
        for citation in item.citations:
            yield Occurrence(source, citation.source, citation.source_span, False)
        for rating in item.ratings:
            yield Occurrence(node, rating.hypothesis, _id_span(rating.span, rating.hypothesis), False)
    for relation in argmap.relations:
        if relation.link is not None:
            link = relation.link
            yield Occurrence(node, link.source, link.source_span, False)
            yield Occurrence(node, link.target, link.target_span, False)
        elif relation.target is not None:
            yield Occurrence(node, relation.target, relation.target_span, False)
    for expectation in argmap.expectations:
        yield Occurrence(node, expectation.node, expectation.node_span, False)
    for include in argmap.includes:
        yield Occurrence(SymbolKind.INCLUDE, include.path, include.span, False)


class SymbolIndex:
    """Occurrences by file and line, and by (kind, name)."""

    def __init__(self, occurrences: list[Occurrence]) -> None:
        self.occurrences = occurrences
        self._by_line: dict[tuple[str, int], list[Occurrence]] = {}
        self._by_name: dict[tuple[SymbolKind, str], list[Occurrence]] = {}
        for occurrence in occurrences:
            if occurrence.span.line <= 0:
                continue
            self._by_line.setdefault((occurrence.span.file, occurrence.span.line), []).append(occurrence)
            self._by_name.setdefault((occurrence.kind, occurrence.name), []).append(occurrence)

    def at(self, file: str, line: int, column: int) -> Occurrence | None:
        """The occurrence under ``line:column`` (1-based); the end of an id counts
        too, so a cursor just after ``conflict`` still finds it."""
        for occurrence in self._by_line.get((file, line), ()):
            span = occurrence.span
            if span.column <= column <= span.end_column and line == span.end_line:
                return occurrence
            if span.contains(line, column):
                return occurrence
        return None

    def definitions(self, kind: SymbolKind, name: str) -> list[Occurrence]:
        return [o for o in self._by_name.get((kind, name), ()) if o.definition]

    def references(self, kind: SymbolKind, name: str, *, include_definition: bool = True) -> list[Occurrence]:
        return [o for o in self._by_name.get((kind, name), ()) if include_definition or not o.definition]

    def names(self, kind: SymbolKind) -> list[str]:
        return sorted({name for (k, name), found in self._by_name.items() if k is kind and any(o.definition for o in found)})


def build_index(argmap: Map) -> SymbolIndex:
    return SymbolIndex(list(_occurrences(argmap)))


class CombinedIndex:
    """The indexes of the pieces of one document (each built once, when its
    piece was parsed), asked as one: by place through the piece holding the
    line, by name through every piece."""

    def __init__(self, pieces: list[tuple[int, SymbolIndex]]) -> None:
        self.pieces = sorted(pieces, key=lambda p: p[0])  # (first line, index)
        self._firsts = [first for first, _ in self.pieces]

    def at(self, file: str, line: int, column: int) -> Occurrence | None:
        at = bisect.bisect_right(self._firsts, line) - 1
        candidates = [self.pieces[at][1]] if at >= 0 else []
        candidates += [index for _, index in self.pieces if not candidates or index is not candidates[0]]
        for index in candidates:
            found = index.at(file, line, column)
            if found is not None:
                return found
        return None

    def definitions(self, kind: SymbolKind, name: str) -> list[Occurrence]:
        return [o for _, index in self.pieces for o in index.definitions(kind, name)]

    def references(self, kind: SymbolKind, name: str, *, include_definition: bool = True) -> list[Occurrence]:
        return [o for _, index in self.pieces for o in index.references(kind, name,
                                                                         include_definition=include_definition)]

    def names(self, kind: SymbolKind) -> list[str]:
        return sorted({name for _, index in self.pieces for name in index.names(kind)})
