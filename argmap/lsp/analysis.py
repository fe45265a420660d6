"""Fast re-analysis of an open document after each edit.

A document is cut into chunks at block starts (a block keyword at column 1),
about ``CHUNK_LINES`` lines each. Each chunk is parsed alone, padded with line
breaks so that positions are the file's own, and the result is cached by
(chunk text, first line). An edit inside one line re-parses one chunk; the
other chunks come from the cache. The chunk maps are merged and every rule
runs on the merged map (rules are linear). A chunk that starts in the middle
of a section is parsed with that section in force, as the full parser would.

A document with ``include`` lines is analysed whole through the loader, which
follows the includes: correctness first; such documents are small in practice.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.diagnostics import Diagnostic, sort_diagnostics
from argmap.model import Map
from argmap.syntax import parse_text
from argmap.syntax.keywords import BLOCK_KEYWORDS

if TYPE_CHECKING:
    from argmap.checks import CheckContext

__all__ = ["DocumentAnalysis", "IncrementalAnalyzer", "CHUNK_LINES"]

CHUNK_LINES = 120
_BLOCK_START = re.compile(r"^(?:{})\b".format("|".join(BLOCK_KEYWORDS)))
_SECTION_START = re.compile(r"^section\b")
_INCLUDE_LINE = re.compile(r"^include\b", re.M)


@dataclass(frozen=True)
class DocumentAnalysis:
    map: Map
    diagnostics: tuple[Diagnostic, ...]
    complete: bool = True  # False: the slow rules (whole-map evaluation) have not run yet


@dataclass(frozen=True)
class _Chunk:
    first_line: int
    text: str


@dataclass(frozen=True)
class _Parsed:
    map: Map
    diagnostics: tuple[Diagnostic, ...]
    last_section: str | None  # the section in force at the end of the chunk


def split_chunks(text: str, chunk_lines: int = CHUNK_LINES) -> list[_Chunk]:
    """Cut at block starts once a chunk has ``chunk_lines`` lines (and always
    before a section, so that sections tend to start chunks)."""
    lines = text.split("\n")
    chunks: list[_Chunk] = []
    start = 0
    for number, line in enumerate(lines):
        if number == start or not _BLOCK_START.match(line):
            continue
        if number - start >= chunk_lines or (_SECTION_START.match(line) and number - start >= chunk_lines // 4):
            chunks.append(_Chunk(start + 1, "\n".join(lines[start:number]) + "\n"))
            start = number
    chunks.append(_Chunk(start + 1, "\n".join(lines[start:])))
    return chunks


class IncrementalAnalyzer:
    """One per open document. ``analyse(text)`` after every change."""

    def __init__(self, path: str, *, sources: tuple[str, ...] = (), select: tuple[str, ...] = (),
                 ignore: tuple[str, ...] = ()) -> None:
        self.path = path
        self.sources = sources
        self.select = select
        self.ignore = ignore
        # (first line, chunk text, section in force before it) -> parsed chunk
        self._cache: dict[tuple[int, str, str | None], _Parsed] = {}

    def analyse(self, text: str, *, quick: bool = False) -> DocumentAnalysis:
        """Every finding for ``text``; with ``quick``, all but the slow rules
        (then ``complete_slow`` adds theirs)."""
        if text.startswith("\ufeff"):
            text = text[1:]
        if _INCLUDE_LINE.search(text):
            return self._analyse_whole(text)
        from argmap.memory import collector_paused
        from argmap.suppress import filter_suppressed

        with collector_paused():
            merged, syntax = self._parse_incrementally(text)
            found = syntax + self._check(merged, "quick" if quick else "all")
            found = filter_suppressed(merged, found, {self.path: text})
        return DocumentAnalysis(merged, tuple(sort_diagnostics(found)), complete=not quick)

    def complete_slow(self, analysis: DocumentAnalysis, text: str) -> DocumentAnalysis:
        """``analysis`` plus the findings of the slow rules."""
        if analysis.complete:
            return analysis
        from argmap.memory import collector_paused
        from argmap.suppress import filter_suppressed

        if text.startswith("\ufeff"):
            text = text[1:]
        with collector_paused():
            slow = filter_suppressed(analysis.map, self._check(analysis.map, "slow"), {self.path: text})
        return DocumentAnalysis(analysis.map, tuple(sort_diagnostics([*analysis.diagnostics, *slow])))

    # -- stages
    def _parse_incrementally(self, text: str) -> tuple[Map, list[Diagnostic]]:
        from argmap.loader import merge_maps

        text = text.replace("\r\n", "\n")
        fresh: dict[tuple[int, str, str | None], _Parsed] = {}
        parts: list[Map] = []
        diagnostics: list[Diagnostic] = []
        section: str | None = None
        for chunk in split_chunks(text):
            key = (chunk.first_line, chunk.text, section)
            parsed = self._cache.get(key) or self._parse_chunk(chunk, section)
            fresh[key] = parsed
            parts.append(parsed.map)
            diagnostics.extend(parsed.diagnostics)
            section = parsed.last_section or section
        self._cache = fresh  # keep only what the current text uses
        merged = merge_maps(parts) if len(parts) > 1 else parts[0]
        if len(parts) > 1:
            merged = dataclasses.replace(merged, files=(self.path,))
        return merged, diagnostics

    def _parse_chunk(self, chunk: _Chunk, section: str | None) -> _Parsed:
        result = parse_text(chunk.text, self.path, section=section, first_line=chunk.first_line)
        last = result.map.sections[-1].id if result.map.sections else None
        return _Parsed(result.map, tuple(result.diagnostics), last)

    def _context(self) -> CheckContext:
        from argmap.checks import CheckContext

        map_dir = Path(self.path).parent if not self.path.startswith("<") else None
        return CheckContext(map_dir=map_dir, source_dirs=tuple(Path(s) for s in self.sources))

    def _check(self, merged: Map, speed: str = "all") -> list[Diagnostic]:
        """``quick``: the lint rules; ``slow``: the evaluation's findings
        (expectations); ``all``: both."""
        from argmap.api import expectation_findings
        from argmap.checks import run_checks

        found: list[Diagnostic] = []
        if speed != "slow":
            found += run_checks(merged, self._context(), select=self.select, ignore=self.ignore)
        if speed != "quick":
            found += expectation_findings(merged, select=self.select, ignore=self.ignore)
        return found

    def _analyse_whole(self, text: str) -> DocumentAnalysis:
        from argmap.api import analyse

        self._cache.clear()
        result = analyse(self.path, text=text, sources=self.sources, select=self.select, ignore=self.ignore)
        return DocumentAnalysis(result.map, tuple(result.diagnostics))

