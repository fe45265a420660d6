"""Diagnostics -> text for people, and json / github / sarif for tools.

Formats: ``text`` (people), ``json``, ``github`` (workflow commands),
``sarif`` (code scanning) and ``gitlab`` (GitLab Code Quality). Text format,
like a compiler:

    maps/x.arg:3:9: error[E001]: unexpected 'oops'; expected a quoted text ("...")
      3 | claim b oops text
        |         ^~~~
        = hint: put the text in double quotes: "..."
        = note: maps/x.arg:1:7: 'b' first defined here

Every format is deterministic: diagnostics are printed in the order given
(callers sort them with ``sort_diagnostics``), JSON keys in a fixed order.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.jsonio import dump_json
from argmap.report_scanning import PROJECT_URL, SARIF_SCHEMA, format_gitlab, format_sarif

__all__ = [
    "FORMATS",
    "SARIF_SCHEMA",
    "JSON_VERSION",
    "PROJECT_URL",
    "SourceLines",
    "format_diagnostic",
    "format_text",
    "format_json",
    "format_github",
    "format_sarif",
    "format_gitlab",
    "neutralise",
    "render",
    "summary_line",
    "use_color",
]

FORMATS = ("text", "json", "github", "sarif", "gitlab")
JSON_VERSION = 1


class SourceLines:
    """The lines of the files diagnostics point into (cached).

    ``texts`` (file name -> text, as the loader read them) are the only
    source when given: a report then never opens a file by itself, so it
    can show nothing but what argmap was allowed to read. Without ``texts``
    the files are read from disk (library callers with bare diagnostics)."""

    def __init__(self, texts: dict[str, str] | None = None) -> None:
        self._texts = dict(texts or {})  # split on first use: most texts get no diagnostic
        self._read_files = texts is None
        self._cache: dict[str, list[str]] = {}

    def line(self, file: str, number: int) -> str | None:
        if file not in self._cache:
            if file in self._texts:
                self._cache[file] = _lines(self._texts.pop(file))
                return self.line(file, number)
            if not self._read_files:
                self._cache[file] = []
                return None
            try:
                data = Path(file).read_bytes()
                self._cache[file] = _lines(data.decode("utf-8-sig", errors="replace"))
            except (OSError, ValueError):
                self._cache[file] = []
        lines = self._cache[file]
        if 1 <= number <= len(lines):
            return lines[number - 1].rstrip("\r")
        return None


def _lines(text: str) -> list[str]:
    return (text[1:] if text.startswith("\ufeff") else text).split("\n")


# ----------------------------------------------------------------- colour

_ANSI = {"red": "31", "yellow": "33", "blue": "34", "cyan": "36"}


def _identity(text: str, **_: object) -> str:
    return text


def _ansi(text: str, fg: str | None = None, bold: bool = False) -> str:
    codes = ([_ANSI[fg]] if fg else []) + (["1"] if bold else [])
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text


def use_color(mode: str = "auto", stream: object = None) -> bool:
    """``--color``: ``always``, ``never``, or ``auto``: ``stream`` (default
    standard output) is a terminal and ``NO_COLOR`` is not set (https://no-color.org)."""
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    if stream is None:
        import sys

        stream = sys.stdout
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


# ----------------------------------------------------------------- text


def _display_width(text: str) -> int:
    """Terminal columns taken by ``text`` (wide CJK/emoji count 2, combining 0)."""
    if text.isascii():  # no wide or combining character
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


# Explicit direction overrides/isolates can reorder what a terminal shows ("Trojan Source").
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSAFE = {ord(c): "\ufffd" for c in _BIDI_CONTROLS}
_UNSAFE.update(dict.fromkeys((*range(32), *range(127, 160)), "�"))


def neutralise(text: str, keep: str = "\n\t") -> str:
    """``text`` fit for a terminal: control characters (escape sequences,
    carriage returns, ...) and bidirectional overrides shown as U+FFFD, so
    a map or a file name cannot drive or reorder the terminal. The
    characters in ``keep`` (line feed and tab by default) stay, as does a
    carriage return before a line feed."""
    if text.isascii() and text.isprintable():  # nothing to replace
        return text
    table = {k: v for k, v in _UNSAFE.items() if chr(k) not in keep}
    if "\n" in keep and "\r" not in keep and "\r\n" in text:
        return "\r\n".join(part.translate(table) for part in text.split("\r\n"))
    return text.translate(table)


def _clean(text: str) -> str:
    """A source line fit for a terminal: tabs as spaces, control characters and
    direction overrides shown as \ufffd."""
    if text.isascii() and text.isprintable():  # nothing to replace
        return text
    return neutralise(text.replace("\t", " "), keep="")


def format_diagnostic(
    diagnostic: Diagnostic, lines: SourceLines, style: Callable[..., str] = _identity
) -> str:
    """One diagnostic: header, source line, caret (``^~~~`` under the span), hint, notes."""
    span = diagnostic.span
    colour = "red" if diagnostic.severity is Severity.ERROR else "yellow"
    file = _clean(span.file)
    where = f"{file}:{span.line}:{span.column}:" if span.line > 0 else f"{file}:"
    head = (
        f"{style(where, bold=True)} "
        f"{style(f'{diagnostic.severity}[{diagnostic.code}]', fg=colour, bold=True)}: {_clean(diagnostic.message)}"
    )
    out = [head]
    source = lines.line(span.file, span.line) if span.line > 0 else None
    pad = "  "
    if source is not None:
        number = str(span.line)
        pad = " " * (len(number) + 3)
        shown = _clean(source)
        start = min(max(span.column, 1), len(shown) + 1)
        end = span.end_column if span.end_line == span.line else len(shown) + 1
        end = min(max(end, start + 1), max(len(shown) + 1, start + 1))
        indent = _display_width(shown[: start - 1])
        width = max(1, _display_width(shown[start - 1 : end - 1]))
        caret = "^" + "~" * (width - 1)
        out.append(f"{style(f'  {number} |', fg='blue', bold=True)} {shown}")
        out.append(f"{style(pad + '|', fg='blue', bold=True)} {' ' * indent}{style(caret, fg=colour, bold=True)}")
    if diagnostic.context:
        out.append(f"{pad}= {_clean(diagnostic.context)}")
    if diagnostic.hint:
        out.append(f"{pad}= {style('hint', bold=True)}: {_clean(diagnostic.hint)}")
    for related in diagnostic.related:
        rs = related.span
        out.append(f"{pad}= {style('note', bold=True)}: {_clean(rs.file)}:{rs.line}:{rs.column}: {_clean(related.message)}")
    return "\n".join(out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(diagnostics: Iterable[Diagnostic], files: int) -> str:
    """``2 errors, 1 warning in 1 file`` (or ``no problems in 3 files``)."""
    diagnostics = list(diagnostics)
    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    warnings = len(diagnostics) - errors
    where = f"in {_plural(files, 'file')}"
    if not diagnostics:
        return f"no problems {where}"
    parts = ([_plural(errors, "error")] if errors else []) + ([_plural(warnings, "warning")] if warnings else [])
    return ", ".join(parts) + f" {where}"


def format_text(
    diagnostics: Iterable[Diagnostic], lines: SourceLines | None = None, *, color: bool | str = False
) -> str:
    """Diagnostics separated by blank lines. ``color=True`` colours unless
    ``NO_COLOR`` is set; ``color="always"`` colours regardless."""
    lines = lines or SourceLines()
    coloured = color == "always" or (color is True and not os.environ.get("NO_COLOR"))
    style: Callable[..., str] = _ansi if coloured else _identity
    return "\n\n".join(format_diagnostic(d, lines, style) for d in diagnostics)


# ----------------------------------------------------------------- json


def _location(span: object) -> dict[str, object]:
    return {
        "path": span.file,  # type: ignore[attr-defined]
        "line": span.line,  # type: ignore[attr-defined]
        "column": span.column,  # type: ignore[attr-defined]
        "end_line": span.end_line,  # type: ignore[attr-defined]
        "end_column": span.end_column,  # type: ignore[attr-defined]
    }


def diagnostic_to_dict(diagnostic: Diagnostic) -> dict[str, object]:
    """The JSON object of one diagnostic (schema in docs/cli.md)."""
    return {
        "code": diagnostic.code,
        "rule": diagnostic.rule,
        "severity": str(diagnostic.severity),
        "message": diagnostic.message,
        **_location(diagnostic.span),
        "hint": diagnostic.hint,
        "context": diagnostic.context,
        "related": [{**_location(r.span), "message": r.message} for r in diagnostic.related],
        "fixes": [{"title": f.title, **_location(f.span), "replacement": f.replacement} for f in diagnostic.fixes],
    }


def _summary(diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> dict[str, int]:
    errors = sum(1 for d in diagnostics if d.is_error)
    return {"files": len(files), "errors": errors, "warnings": len(diagnostics) - errors}


def format_json(diagnostics: Sequence[Diagnostic], files: Sequence[str]) -> str:
    """``{"version": 1, "files": [...], "diagnostics": [...], "summary": {...}}``."""
    document = {
        "version": JSON_VERSION,
        "files": list(files),
        "diagnostics": [diagnostic_to_dict(d) for d in diagnostics],
        "summary": _summary(diagnostics, files),
    }
    return dump_json(document)


# ----------------------------------------------------------------- github


def _escape_data(text: str) -> str:
    """Workflow-command escaping; other control characters and bidi overrides
    (the Actions log is a terminal: it renders escape sequences) as U+FFFD."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return neutralise(escaped, keep="")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands: one ``::error ...::message`` per line."""
    out = []
    for d in diagnostics:
        s = d.span
        props = [f"file={_escape_property(s.file)}"]
        if s.line > 0:
            props += [f"line={s.line}", f"col={s.column}", f"endLine={s.end_line}", f"endColumn={s.end_column}"]
        props.append(f"title={_escape_property(f'{d.code} {d.rule}')}")
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        out.append(f"::{d.severity} {','.join(props)}::{_escape_data(message)}")
    return "\n".join(out)


def render(
    diagnostics: Sequence[Diagnostic],
    files: Sequence[str],
    fmt: str = "text",
    *,
    lines: SourceLines | None = None,
    color: bool | str = False,
) -> str:
    """Diagnostics in one of FORMATS (text without the summary line)."""
    if fmt == "json":
        return format_json(diagnostics, files)
    if fmt == "github":
        return format_github(diagnostics)
    if fmt == "sarif":
        return format_sarif(diagnostics, files)
    if fmt == "gitlab":
        return format_gitlab(diagnostics)
    if fmt == "text":
        return format_text(diagnostics, lines, color=color)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
