"""Quotation verification: is a short quotation in its source's text?

Both texts are normalised first, so typography never causes a false alarm:
Unicode NFKC (non-breaking spaces, ``…`` -> ``...``), curly and angled quotes
-> straight ones, dashes -> ``-``, soft hyphens dropped, words hyphenated
across lines joined (``conflict-\\ning`` -> ``conflicting``), all whitespace
runs -> one space, letter case ignored. ``...`` (or ``[...]``) inside a
quotation marks an omission: the pieces must appear in order.

When a quotation is not found, ``closest_passage`` finds the most similar
passage quickly: candidate windows are anchored on the quotation's rarest
words and ranked with ``difflib``.
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SourceText", "normalise", "load_source_text", "find_quote", "closest_passage", "Passage"]

_CHARS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2039": "'", "\u203a": "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u00ad": None, "\u200b": None, "\ufeff": None,
})
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_OMISSION = re.compile(r"\s*(?:\[\s*\.\.\.\s*\]|\.\.\.)\s*")
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
MAX_SOURCE_BYTES = 32 * 1024 * 1024


def normalise(text: str) -> str:
    """One line or a quotation: NFKC, straight quotes and dashes, one space."""
    text = unicodedata.normalize("NFKC", text).translate(_CHARS)
    return _SPACES.sub(" ", text).strip()


@dataclass
class SourceText:
    """A source file's normalised text, with what is needed to search it."""

    text: str
    line_starts: list[int]
    lowered: str = field(init=False)
    _index: dict[str, list[int]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.lowered = self.text.lower()
        if len(self.lowered) != len(self.text):  # rare letters whose lower case is longer
            self.lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in self.text)

    @classmethod
    def from_raw(cls, raw: str) -> SourceText:
        """Normalise line by line, joining words hyphenated across lines."""
        parts: list[str] = []
        starts: list[int] = []
        size = 0
        for line in raw.splitlines():
            clean = normalise(line)
            starts.append(size)
            if not clean:
                continue
            if parts and parts[-1].endswith("-") and len(parts[-1]) > 1 and parts[-1][-2].isalpha() and clean[0].isalpha():
                parts[-1] = parts[-1][:-1]
                size -= 1
                starts[-1] = size
            elif parts:
                parts.append(" ")
                size += 1
                starts[-1] = size
            parts.append(clean)
            size += len(clean)
        return cls("".join(parts), starts)

    def line_of(self, offset: int) -> int:
        """The 1-based line of the original file where ``offset`` falls."""
        return max(1, bisect.bisect_right(self.line_starts, offset))

    @property
    def index(self) -> dict[str, list[int]]:
        """Word -> its offsets in ``lowered`` (built on first use)."""
        if self._index is None:
            index: dict[str, list[int]] = {}
            for match in _WORD.finditer(self.lowered):
                index.setdefault(match.group(), []).append(match.start())
            self._index = index
        return self._index


_CACHE: dict[tuple[str, int, int], SourceText] = {}


def load_source_text(path: Path) -> SourceText:
    """Read and normalise a source file once per process (keyed by path,
    size and modification time). Raises OSError or ValueError (too big)."""
    stat = path.stat()
    key = (os.fspath(path.resolve()), stat.st_size, stat.st_mtime_ns)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    if stat.st_size > MAX_SOURCE_BYTES:
        raise ValueError(f"{path} is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB")
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    text = SourceText.from_raw(raw)
    if len(_CACHE) >= 64:
        _CACHE.clear()
    _CACHE[key] = text
    return text


def _pieces(quote: str) -> list[str]:
    return [piece for piece in _OMISSION.split(normalise(quote).lower()) if piece]


def find_quote(source: SourceText, quote: str) -> int | None:
    """Offset of the quotation in the normalised source, or None."""
    for variant in (quote, _INNER_HYPHEN.sub("", normalise(quote))):
        pieces = _pieces(variant)
        if not pieces:
            return 0
        position = first = source.lowered.find(pieces[0])
        for previous, piece in itertools.pairwise(pieces):
            if position < 0:
                break
            position = source.lowered.find(piece, position + len(previous))
        if position >= 0 and first >= 0:
            return first
    return None


@dataclass(frozen=True)
class Passage:
    """The source passage most like a quotation."""

    text: str
    line: int
    ratio: float


def closest_passage(source: SourceText, quote: str, *, max_windows: int = 300) -> Passage | None:
    """The most similar passage (ratio >= 0.5), or None. Fast: windows start
    where the quotation's rarest words occur, best few re-ranked exactly."""
    wanted = " ".join(_pieces(quote))
    if not wanted or not source.lowered:
        return None
    index = source.index
    words = [(m.group(), m.start()) for m in _WORD.finditer(wanted)]
    known = sorted({w for w, _ in words if w in index}, key=lambda w: (len(index[w]), w))
    starts: set[int] = set()
    for word in known[:6]:
        offset = next(pos for w, pos in words if w == word)
        for hit in index[word][:max_windows]:
            starts.add(max(0, hit - offset))
        if len(starts) >= max_windows:
            break
    if not starts:
        return None
    size = len(wanted)
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    ranked = []
    for start in sorted(starts):
        matcher.set_seq1(source.lowered[start:start + size])
        ranked.append((matcher.quick_ratio(), start))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    best: tuple[float, int, int] | None = None
    for _, start in ranked[:12]:
        for shift, extra in ((0, 0), (-size // 8, 0), (size // 8, 0), (0, size // 8), (-size // 8, size // 4)):
            lo = max(0, start + shift)
            hi = _word_end(source.lowered, lo + size + extra)
            lo = _word_start(source.lowered, lo)
            matcher.set_seq1(source.lowered[lo:hi])
            ratio = matcher.ratio()
            if best is None or ratio > best[0]:
                best = (ratio, lo, hi)
    if best is None or best[0] < 0.5:
        return None
    ratio, lo, hi = _trim(source.lowered, matcher, *best)
    return Passage(source.text[lo:hi].strip(), source.line_of(lo), round(ratio, 2))


def _trim(text: str, matcher: difflib.SequenceMatcher[str], ratio: float, lo: int, hi: int) -> tuple[float, int, int]:
    """Drop words at either end of the passage while that makes it more similar."""
    for _ in range(8):
        cut_end = text.rfind(" ", lo, hi)
        cut_start = text.find(" ", lo, hi)
        options = []
        if cut_end > lo:
            options.append((lo, cut_end))
        if 0 <= cut_start < hi - 1:
            options.append((cut_start + 1, hi))
        improved = False
        for new_lo, new_hi in options:
            matcher.set_seq1(text[new_lo:new_hi])
            new_ratio = matcher.ratio()
            if new_ratio > ratio:
                ratio, lo, hi, improved = new_ratio, new_lo, new_hi, True
        if not improved:
            break
    return ratio, lo, hi


def _word_start(text: str, position: int) -> int:
    while 0 < position < len(text) and text[position - 1].isalnum():
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    position = min(position, len(text))
    while position < len(text) and text[position].isalnum():
        position += 1
    return position
