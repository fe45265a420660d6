"""An open document cut into chunks that are parsed alone and kept between
edits, so that an edit re-parses the chunks it touches and no others.

Chunks are cut before block keywords at the start of a line (where the parser
itself starts a block), about ``CHUNK_CHARS`` characters apart. After an
edit, the chunks before and after the changed text are kept as they are
(found by comparing their texts with the new text, not by scanning every
line); only the changed stretch is cut again, so the cuts elsewhere never
move. A kept chunk is parsed again only if it now starts on another line or
under another section.

The pieces put together must read exactly as the whole text would
(``parts``): a text in quotes may run over a cut (then the chunks it spans
are parsed as one piece), and a file with a syntax error is read block by
block by the parser, cutting before every block keyword even inside a text
(then a chunk that parsed whole but holds such a line is read that way too).
Implicit section ids are numbered across the file ("intro", "intro-2"), which
a chunk alone cannot know: a document where that matters is parsed whole.
"""

from __future__ import annotations

import itertools
import re
from collections import OrderedDict
from dataclasses import dataclass, field

from argmap.diagnostics import Diagnostic
from argmap.lsp.shift import shift_diagnostics, shift_map
from argmap.model import Map
from argmap.syntax import parse_text
from argmap.syntax.keywords import BLOCK_KEYWORDS

__all__ = ["CHUNK_CHARS", "Chunk", "Part", "Chunker", "split_chunks"]

CHUNK_CHARS = 4096
_KEYWORD = "(?:{})\\b".format("|".join(BLOCK_KEYWORDS))
_NEXT_BLOCK = re.compile("\n" + _KEYWORD)  # the line break before a block's first line
_BLOCK_AT = re.compile(_KEYWORD)
# Texts in quotes (maybe not closed) and comments, read left to right as the lexer does.
_LEXEME = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*("?)|#[^\n]*', re.S)
_REST_OF_TEXT = re.compile(r'[^"\\]*(?:\\.[^"\\]*)*("?)', re.S)
_KEYWORD_LINE = re.compile("\n" + _KEYWORD)
_RECENT = 64  # parses kept for texts seen a moment ago (a character typed, then deleted)


@dataclass(frozen=True)
class _Parsed:
    map: Map
    syntax: tuple[Diagnostic, ...]
    last_section: str | None


@dataclass(eq=False)
class Chunk:
    """A stretch of the text starting at a block (or at the file's start)."""

    first_line: int  # 1-based
    text: str
    section: str | None  # the section in force before it
    parsed: _Parsed
    lines: int = 0  # line breaks in ``text``
    _lexical: dict[bool, tuple[bool, bool]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.parsed.syntax)

    def lexical(self, inside: bool) -> tuple[bool, bool]:
        """Starting inside a text in quotes or not: (ends inside one, a block
        keyword starts a line inside one)."""
        if inside not in self._lexical:
            self._lexical[inside] = _lexical(self.text, inside)
        return self._lexical[inside]


@dataclass(eq=False)
class Part:
    """What one piece of the text gives: usually one chunk, parsed alone."""

    chunks: tuple[Chunk, ...]
    map: Map
    syntax: tuple[Diagnostic, ...]
    # its sections' ids, each with whether it was written (not made from a title)
    sections: tuple[tuple[str, bool], ...] = ()

    def __post_init__(self) -> None:
        self.sections = tuple((s.id, s.explicit_id) for s in self.map.sections)

    @property
    def first_line(self) -> int:
        return self.chunks[0].first_line

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chunks)


def _lexical(text: str, inside: bool) -> tuple[bool, bool]:
    keyword_inside = False
    position = 0
    if inside:
        match = _REST_OF_TEXT.match(text)
        assert match is not None  # the pattern matches the empty string
        keyword_inside = _KEYWORD_LINE.search(text, 0, match.end()) is not None
        if not match.group(1):
            return True, keyword_inside
        position = match.end()
    for match in _LEXEME.finditer(text, position):
        lexeme = match.group(0)
        if lexeme[0] != '"':
            continue
        if "\n" in lexeme and _KEYWORD_LINE.search(lexeme):
            keyword_inside = True
        if not match.group(1):
            return True, keyword_inside
    return False, keyword_inside


def split_chunks(text: str, start: int = 0, end: int | None = None, size: int = CHUNK_CHARS) -> list[int]:
    """Where to cut ``text[start:end]``: the offsets of the chunk starts after
    ``start``, each the first block at least ``size`` characters on."""
    end = len(text) if end is None else end
    cuts: list[int] = []
    position = start
    while position + size < end:
        match = _NEXT_BLOCK.search(text, position + size - 1, end)
        if match is None:
            break
        position = match.start() + 1
        cuts.append(position)
    return cuts


class Chunker:
    """One per open document: ``update(text)`` after every change."""

    def __init__(self, path: str, size: int = CHUNK_CHARS) -> None:
        self.path = path
        self.size = size
        self.chunks: list[Chunk] = []
        self.failing = 0  # chunks with syntax errors
        self.text = ""
        self._recent: OrderedDict[tuple[int, str | None, str], _Parsed] = OrderedDict()
        self._parts: dict[tuple[int, ...], Part] = {}  # by the ids of the chunks a part covers
        # Chunks of the last update that are chunks of the text before moved to
        # other lines (their parse moved, not redone): id(new chunk) -> old chunk.
        self.moved: dict[int, Chunk] = {}
        self._blockwise: dict[int, Part] = {}  # by chunk id: the chunk read block by block

    # -- cutting
    def update(self, text: str) -> list[Chunk]:
        """Cut ``text`` into chunks, keeping every unchanged chunk of the last text."""
        old = self.chunks
        first, start = 0, 0
        while first < len(old) and text.startswith(old[first].text, start):
            start += len(old[first].text)
            first += 1
        # The changed stretch starts where a block starts (or at the file's start).
        while first > 0 and start < len(text) and not _starts_block(text, start):
            first -= 1
            start -= len(old[first].text)
        last, end = len(old), len(text)
        while last > first:
            chunk = old[last - 1]
            begin = end - len(chunk.text)
            if begin < start or not text.startswith(chunk.text, begin, end):
                break
            end = begin
            last -= 1
        # The first chunk kept after the changed stretch must still start a block.
        while last < len(old) and end > 0 and not _starts_block(text, end):
            end += len(old[last].text)
            last += 1
        self.moved = {}
        if first == len(old) and start == len(text) and old:
            return old  # the same text
        chunks = old[:first]
        line = chunks[-1].first_line + chunks[-1].lines if chunks else 1
        section = (chunks[-1].parsed.last_section or chunks[-1].section) if chunks else None
        bounds = [start, *split_chunks(text, start, end, self.size), end] if start < end else []
        for begin, finish in itertools.pairwise(bounds):
            chunk = self._chunk(line, text[begin:finish], section)
            chunks.append(chunk)
            line += chunk.lines
            section = chunk.parsed.last_section or section
        for chunk in old[last:]:  # an edit before it that kept the lines keeps it as it is
            if chunk.section != section:
                chunk = self._chunk(line, chunk.text, section)
            elif chunk.first_line != line:  # the same text on other lines: its parse moves with it
                delta = line - chunk.first_line
                parsed = _Parsed(shift_map(chunk.parsed.map, delta), shift_diagnostics(chunk.parsed.syntax, delta),
                                 chunk.parsed.last_section)
                moved = Chunk(line, chunk.text, section, parsed, chunk.lines, chunk._lexical)
                self.moved[id(moved)] = chunk
                chunk = moved
            chunks.append(chunk)
            line += chunk.lines
            section = chunk.parsed.last_section or section
        if not chunks:
            chunks.append(self._chunk(1, "", None))
        self.failing += sum(1 for c in chunks[first:len(chunks) - (len(old) - last)] if c.parsed.syntax) - sum(
            1 for c in old[first:last] if c.parsed.syntax)
        self.chunks = chunks
        self.text = text
        return chunks

    def _chunk(self, first_line: int, text: str, section: str | None) -> Chunk:
        key = (first_line, section, text)
        parsed = self._recent.get(key)
        if parsed is None:
            result = parse_text(text, self.path, section=section, first_line=first_line)
            last = result.map.sections[-1].id if result.map.sections else None
            parsed = _Parsed(result.map, tuple(result.diagnostics), last)
        self._recent[key] = parsed
        self._recent.move_to_end(key)
        while len(self._recent) > _RECENT:
            self._recent.popitem(last=False)
        return Chunk(first_line, text, section, parsed, text.count("\n"))

    # -- reading the pieces as the whole text reads
    def parts(self) -> list[Part] | None:
        """The pieces that, put together, read as the whole text; None when
        only a parse of the whole text reads right (repeated implicit section
        titles)."""
        chunks = self.chunks
        if not self.failing:  # the usual case: every chunk as it parsed
            singles = [self._single(c) for c in chunks]
            return self._kept(singles) if _sections_agree(singles) else None
        units: list[list[Chunk]] = []
        inside = False
        for chunk in chunks:
            if inside:
                units[-1].append(chunk)
            else:
                units.append([chunk])
            if inside or chunk.failed:
                inside = chunk.lexical(inside)[0]
            else:
                inside = False  # parsed: it cannot end inside a text
        joined = {id(unit[0]): self._joined(unit) for unit in units if len(unit) > 1}
        whole_fails = any(c.failed for unit in units if len(unit) == 1 for c in unit) or any(
            part.syntax for part in joined.values())
        parts: list[Part] = []
        if not whole_fails:  # the text parses: each piece as it parses
            for unit in units:
                parts.append(joined[id(unit[0])] if len(unit) > 1 else self._single(unit[0]))
        else:  # the parser reads a failing file block by block
            for chunk in chunks:
                if not chunk.failed and chunk.lexical(False)[1]:
                    parts.append(self._block_by_block(chunk))
                else:
                    parts.append(self._single(chunk))
        return self._kept(parts) if _sections_agree(parts) else None

    def _kept(self, parts: list[Part]) -> list[Part]:
        """Forget the parts no longer used; ``parts``."""
        if len(self._parts) + len(self._blockwise) > len(parts):
            live = {id(p) for p in parts}
            self._parts = {key: p for key, p in self._parts.items() if id(p) in live}
            self._blockwise = {key: p for key, p in self._blockwise.items() if id(p) in live}
        return parts

    def _single(self, chunk: Chunk) -> Part:
        key = (id(chunk),)
        part = self._parts.get(key)
        if part is not None and part.chunks[0] is chunk:
            return part
        if part is None or part.chunks[0] is not chunk:
            part = self._parts[key] = Part((chunk,), chunk.parsed.map, chunk.parsed.syntax)
        return part

    def _joined(self, unit: list[Chunk]) -> Part:
        key = tuple(id(c) for c in unit)
        part = self._parts.get(key)
        if part is None or any(a is not b for a, b in zip(part.chunks, unit)):
            text = "".join(c.text for c in unit)
            result = parse_text(text, self.path, section=unit[0].section, first_line=unit[0].first_line)
            part = self._parts[key] = Part(tuple(unit), result.map, tuple(result.diagnostics))
        return part

    def _block_by_block(self, chunk: Chunk) -> Part:
        part = self._blockwise.get(id(chunk))
        if part is None or part.chunks[0] is not chunk:
            from argmap.loader import merge_maps

            starts = [0, *(m.start() + 1 for m in _NEXT_BLOCK.finditer(chunk.text)), len(chunk.text)]
            maps: list[Map] = []
            syntax: list[Diagnostic] = []
            line, section = chunk.first_line, chunk.section
            for begin, end in itertools.pairwise(starts):
                piece = chunk.text[begin:end]
                result = parse_text(piece, self.path, section=section, first_line=line)
                maps.append(result.map)
                syntax.extend(result.diagnostics)
                if result.map.sections:
                    section = result.map.sections[-1].id
                line += piece.count("\n")
            merged = merge_maps(maps) if len(maps) > 1 else maps[0]
            part = self._blockwise[id(chunk)] = Part((chunk,), merged, tuple(syntax))
        return part


def _starts_block(text: str, position: int) -> bool:
    """A chunk may start here: at the file's start, or at a block keyword
    that starts a line."""
    return position == 0 or (text[position - 1] == "\n" and _BLOCK_AT.match(text, position) is not None)


def _sections_agree(parts: list[Part]) -> bool:
    """Each part was read under the section the parts before it leave in
    force, and no implicit section id repeats an earlier one (the whole file
    would have numbered it: "intro-2"; pieces parsed apart cannot)."""
    seen: set[str] = set()
    section: str | None = None
    for part in parts:
        if part.chunks[0].section != section:
            return False
        for name, explicit in part.sections:
            if not explicit and name in seen:
                return False
            seen.add(name)
            section = name
    return True
