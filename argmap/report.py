"""Diagnostics -> text for people (and, later, json / github / sarif for tools).

Text format, like a compiler:

    maps/x.arg:3:9: error[E001]: unexpected 'oops'; expected a quoted text ("...")
      3 | claim b oops text
        |         ^^^^
        = hint: put the text in double quotes: "..."
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable

from argmap.diagnostics import Diagnostic, Severity

__all__ = ["format_text", "format_diagnostic", "summary_line", "SourceLines"]


class SourceLines:
    """Reads (and caches) the lines of the files diagnostics point into."""

    def __init__(self, texts: dict[str, str] | None = None) -> None:
        self._cache: dict[str, list[str]] = {k: v.split("\n") for k, v in (texts or {}).items()}

    def line(self, file: str, number: int) -> str | None:
        if file not in self._cache:
            try:
                self._cache[file] = Path(file).read_text(encoding="utf-8-sig", errors="replace").split("\n")
            except OSError:
                self._cache[file] = []
        lines = self._cache[file]
        if 1 <= number <= len(lines):
            return lines[number - 1].rstrip("\r")
        return None


def _identity(text: str, **_: object) -> str:
    return text


def format_diagnostic(
    diagnostic: Diagnostic, lines: SourceLines, style: Callable[..., str] = _identity
) -> str:
    span = diagnostic.span
    colour = "red" if diagnostic.severity is Severity.ERROR else "yellow"
    head = (
        f"{style(f'{span.file}:{span.line}:{span.column}:', bold=True)} "
        f"{style(f'{diagnostic.severity}[{diagnostic.code}]', fg=colour, bold=True)}: {diagnostic.message}"
    )
    out = [head]
    source = lines.line(span.file, span.line) if span.line > 0 else None
    if source is not None:
        number = str(span.line)
        pad = " " * len(number)
        expanded = source.replace("\t", " ")
        width = span.end_column - span.column if span.end_line == span.line else len(expanded) - span.column + 1
        width = max(1, min(width, max(1, len(expanded) - span.column + 1)))
        out.append(f"  {number} | {expanded}")
        out.append(f"  {pad} | {' ' * (span.column - 1)}{style('^' * width, fg=colour, bold=True)}")
        if diagnostic.context:
            out.append(f"  {pad} = {diagnostic.context}")
        if diagnostic.hint:
            out.append(f"  {pad} = hint: {diagnostic.hint}")
    else:
        if diagnostic.context:
            out.append(f"    = {diagnostic.context}")
        if diagnostic.hint:
            out.append(f"    = hint: {diagnostic.hint}")
    for related in diagnostic.related:
        out.append(f"  note: {related.span.file}:{related.span.line}:{related.span.column}: {related.message}")
    return "\n".join(out)


def summary_line(diagnostics: Iterable[Diagnostic], files: int) -> str:
    diagnostics = list(diagnostics)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    noun = "file" if files == 1 else "files"
    if not diagnostics:
        return f"{files} {noun} checked: no problems"
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{files} {noun} checked: " + ", ".join(parts)


def format_text(
    diagnostics: Iterable[Diagnostic], lines: SourceLines | None = None, *, color: bool = False
) -> str:
    lines = lines or SourceLines()
    style: Callable[..., str] = _identity
    if color and not os.environ.get("NO_COLOR"):
        import click

        style = click.style
    return "\n\n".join(format_diagnostic(d, lines, style) for d in diagnostics)
