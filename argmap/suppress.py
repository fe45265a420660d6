"""Suppression comments: silence chosen findings where they are known and accepted.

    claim x "..."   # argmap: ignore[W201]       this line, these codes
    claim y "..."   # argmap: ignore             this line, every code
    # argmap: ignore[W203]                       on its own line: the next line;
    evidence e "..."                             if that line starts a block, the
      date 2016                                  whole block
    # argmap: ignore-file[W205]                  anywhere: the whole file

Codes may be written as codes (``W201``), prefixes (``W2``) or rule names
(``orphan-node``), separated by commas. Syntax and encoding errors (E001,
E002) and a load stopped by its budget (E003) cannot be suppressed: a file
that does not parse must be fixed.
A trailing explanation is welcome: ``# argmap: ignore[W201] kept for context``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from argmap.diagnostics import Diagnostic
from argmap.model import Map, Span

__all__ = ["Suppression", "parse_suppression", "suppressions", "filter_suppressed", "UNSUPPRESSIBLE"]

UNSUPPRESSIBLE = frozenset({"E001", "E002", "E003"})

_PATTERN = re.compile(r"#\s*argmap\s*:\s*(ignore-file|ignore)\b\s*(?:\[([^\]]*)\])?", re.IGNORECASE)


@dataclass(frozen=True)
class Suppression:
    """Codes (empty: every code) silenced in ``file`` on lines ``first..last``
    (``first == 0``: the whole file)."""

    file: str
    first: int
    last: int
    codes: tuple[str, ...]
    span: Span

    def covers(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.code in UNSUPPRESSIBLE or diagnostic.span.file != self.file:
            return False
        if self.first:
            start, end = diagnostic.span.line, max(diagnostic.span.line, diagnostic.span.end_line)
            if end < self.first or start > self.last:
                return False
        if not self.codes:
            return True
        return any(diagnostic.code.startswith(c) or diagnostic.rule == c.lower() for c in self.codes)


def parse_suppression(comment: str) -> tuple[str, tuple[str, ...]] | None:
    """``'# argmap: ignore[W201, e102]'`` -> ``('ignore', ('W201', 'E102'))``;
    None for an ordinary comment."""
    match = _PATTERN.match(comment.strip())
    if not match:
        return None
    codes = tuple(
        code.upper() if re.fullmatch(r"[EeWw]\d*", code) else code.lower()
        for code in re.split(r"[\s,]+", match.group(2) or "")
        if code
    )
    return match.group(1).lower(), codes


def _reader() -> Callable[[str], list[str] | None]:
    cache: dict[str, list[str] | None] = {}

    def read(file: str) -> list[str] | None:
        if file not in cache:
            try:
                cache[file] = Path(file).read_bytes().decode("utf-8-sig", errors="replace").split("\n")
            except (OSError, ValueError):
                cache[file] = None
        return cache[file]

    return read


def _block_ends(argmap: Map) -> dict[tuple[str, int], int]:
    """(file, first line of a block) -> its last line."""
    ends: dict[tuple[str, int], int] = {}
    spans = [n.span for n in argmap.nodes] + [s.span for s in argmap.sources] + [s.span for s in argmap.sections]
    spans += [e.span for e in argmap.expectations] + [i.span for i in argmap.includes]
    for span in spans:
        if span.line > 0:
            key = (span.file, span.line)
            ends[key] = max(ends.get(key, 0), span.end_line)
    return ends


def _next_code_line(lines: list[str] | None, after: int) -> int | None:
    if lines is None:
        return None
    for number in range(after + 1, len(lines) + 1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def suppressions(argmap: Map, texts: dict[str, str] | None = None) -> list[Suppression]:
    """Every suppression comment in the map's files. ``texts`` gives the text of
    files that are not on disk (``<stdin>``)."""
    read = _reader()
    given: dict[str, list[str]] = {}
    ends: dict[tuple[str, int], int] | None = None  # built for the first own-line comment
    found: list[Suppression] = []
    for comment in argmap.comments:
        if "argmap" not in comment.text.lower():  # cheap test before the pattern
            continue
        parsed = parse_suppression(comment.text)
        if parsed is None:
            continue
        kind, codes = parsed
        span = comment.span
        if kind == "ignore-file":
            found.append(Suppression(span.file, 0, 0, codes, span))
        elif not comment.own_line:
            found.append(Suppression(span.file, span.line, span.line, codes, span))
        else:
            if texts and span.file in texts:
                if span.file not in given:
                    given[span.file] = texts[span.file].split("\n")
                lines: list[str] | None = given[span.file]
            else:
                lines = read(span.file)
            target = _next_code_line(lines, span.line)
            if target is not None:
                if ends is None:
                    ends = _block_ends(argmap)
                found.append(Suppression(span.file, target, ends.get((span.file, target), target), codes, span))
    return found


def filter_suppressed(
    argmap: Map,
    diagnostics: Iterable[Diagnostic],
    texts: dict[str, str] | None = None,
    *,
    per_file: Callable[[str], Iterable[str]] | None = None,
) -> list[Diagnostic]:
    """``diagnostics`` without those silenced by comments in ``argmap``'s files,
    or by ``per_file(path)`` codes (the config's per-file-ignores)."""
    active = suppressions(argmap, texts)
    if not active and per_file is None:
        return list(diagnostics)
    kept = []
    for diagnostic in diagnostics:
        if any(s.covers(diagnostic) for s in active):
            continue
        if (per_file is not None and diagnostic.code not in UNSUPPRESSIBLE
                and any(diagnostic.code.startswith(code) for code in per_file(diagnostic.span.file))):
            continue
        kept.append(diagnostic)
    return kept
