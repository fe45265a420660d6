"""A bound on what a document's includes make the loader read, checked before
loading: a few small files that include each other many times over (each
file twice, 30 levels: 2^30 paths) would keep the server busy for ever.

The loader reads an included file once per path that leads to it; this
counts those reads (each file's include lines are read once) and refuses
a document whose count is past ``MAX_READS``, with a diagnostic on its first
include line. (Until the loader bounds a load itself.)
"""

from __future__ import annotations

import re
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Span

__all__ = ["MAX_READS", "include_problem"]

MAX_READS = 10_000  # file reads over all paths (a real map with includes reads tens)
_MAX_FILES = 2_000
_INCLUDE = re.compile(r'^include[ \t]+"((?:[^"\\\n]|\\.)*)"', re.M)


def _included(text: str) -> list[str]:
    return [m.group(1).replace('\\"', '"').replace("\\\\", "\\") for m in _INCLUDE.finditer(text)]


def include_problem(text: str, path: str) -> Diagnostic | None:
    """An E110 diagnostic when loading ``text`` (the document at ``path``)
    would read more than ``MAX_READS`` files, counted over every path."""
    base = Path(path).parent
    reads: dict[Path, int] = {}

    def count(folder: Path, names: list[str], open_files: set[Path]) -> int:
        total = 0
        for name in names:
            target = (folder / name).resolve()
            if target in open_files:
                continue  # a cycle: the loader reports it and stops there
            if target not in reads:
                if len(reads) >= _MAX_FILES:
                    return MAX_READS + 1
                try:
                    inner = _included(target.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    inner = []
                reads[target] = 1 + count(target.parent, inner, open_files | {target})
            total += reads[target]
            if total > MAX_READS:
                return total
        return total

    names = _included(text)
    if not names:
        return None
    total = count(base, names, {Path(path).resolve()})
    if total <= MAX_READS:
        return None
    first = _INCLUDE.search(text)
    assert first is not None
    line = text.count("\n", 0, first.start()) + 1
    return Diagnostic(
        code="E110", rule="include-cycle", severity=Severity.ERROR,
        message=f"the includes lead to more than {MAX_READS:,} file reads (files included over and over "
                "through many paths); the map is not loaded",
        span=Span(path, line, 1, line, len(first.group(0)) + 1),
        hint="include each file once, from one place",
    )
