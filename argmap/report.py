"""Diagnostics -> text for people, and json / github / sarif for tools.

Text format, like a compiler:

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

__all__ = [
    "FORMATS",
    "JSON_VERSION",
    "PROJECT_URL",
    "SourceLines",
    "format_diagnostic",
    "format_text",
    "format_json",
    "format_github",
    "format_sarif",
    "render",
    "summary_line",
    "use_color",
]

FORMATS = ("text", "json", "github", "sarif")
JSON_VERSION = 1
PROJECT_URL = "https://github.com/argmap/argmap"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SourceLines:
    """Reads (and caches) the lines of the files diagnostics point into.
    ``texts`` gives text for names that are not files (``<stdin>``)."""

    def __init__(self, texts: dict[str, str] | None = None) -> None:
        self._texts = dict(texts or {})  # split on first use: most texts get no diagnostic
        self._cache: dict[str, list[str]] = {}

    def line(self, file: str, number: int) -> str | None:
        if file not in self._cache:
            if file in self._texts:
                self._cache[file] = _lines(self._texts.pop(file))
                return self.line(file, number)
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


def _clean(text: str) -> str:
    """A source line fit for a terminal: tabs as spaces, control characters and
    direction overrides shown as \ufffd."""
    if text.isascii() and text.isprintable():  # nothing to replace
        return text
    out = []
    for char in text:
        if char == "\t":
            out.append(" ")
        elif unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
            out.append("\ufffd")
        else:
            out.append(char)
    return "".join(out)


def format_diagnostic(
    diagnostic: Diagnostic, lines: SourceLines, style: Callable[..., str] = _identity
) -> str:
    """One diagnostic: header, source line, caret (``^~~~`` under the span), hint, notes."""
    span = diagnostic.span
    colour = "red" if diagnostic.severity is Severity.ERROR else "yellow"
    where = f"{span.file}:{span.line}:{span.column}:" if span.line > 0 else f"{span.file}:"
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
        out.append(f"{pad}= {style('note', bold=True)}: {rs.file}:{rs.line}:{rs.column}: {_clean(related.message)}")
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
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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


# ----------------------------------------------------------------- sarif


def _rule_table() -> list[dict[str, object]]:
    """Every code (the rules' and the other stages') as SARIF rules, by code."""
    from argmap.codes import code_entries

    return [
        {
            "id": entry["code"],
            "name": entry["name"],
            "shortDescription": {"text": entry["summary"]},
            "fullDescription": {"text": entry["doc"]},
            "defaultConfiguration": {"level": entry["severity"]},
            "helpUri": f"{PROJECT_URL}/blob/main/docs/rules.md#{entry['code'].lower()}",
            "properties": {"tags": [entry["name"]]},
        }
        for entry in code_entries()
    ]


def _uri(path: str) -> str:
    """A relative URI with forward slashes when the file is under the current
    folder; an absolute ``file://`` URI otherwise."""
    from urllib.parse import quote

    if path.startswith("<"):
        return quote(path.strip("<>"))
    candidate = Path(path)
    try:
        relative = candidate.resolve().relative_to(Path.cwd().resolve())
        return quote(relative.as_posix())
    except (ValueError, OSError):
        pass
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix())


def _region(span: object) -> dict[str, int]:
    line = max(1, span.line)  # type: ignore[attr-defined]
    column = max(1, span.column)  # type: ignore[attr-defined]
    end_line = max(line, span.end_line)  # type: ignore[attr-defined]
    end_column = span.end_column if end_line > line else max(column, span.end_column)  # type: ignore[attr-defined]
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": max(1, end_column)}


def _physical(span: object) -> dict[str, object]:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(span.file)}, "region": _region(span)}}  # type: ignore[attr-defined]


def format_sarif(diagnostics: Sequence[Diagnostic], files: Sequence[str] = ()) -> str:
    """SARIF 2.1.0 (what GitHub code scanning and many editors read)."""
    from argmap import __version__

    rules = _rule_table()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for d in diagnostics:
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": "error" if d.is_error else "warning",
            "message": {"text": d.message + (f"\nhint: {d.hint}" if d.hint else "")},
            "locations": [_physical(d.span)],
        }
        if d.code in index:
            result = {"ruleId": d.code, "ruleIndex": index[d.code], **{k: v for k, v in result.items() if k != "ruleId"}}
        if d.related:
            result["relatedLocations"] = [
                {"id": i, **_physical(r.span), "message": {"text": r.message}} for i, r in enumerate(d.related)
            ]
        if d.fixes:
            result["fixes"] = [
                {
                    "description": {"text": f.title},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(f.span.file)},
                        "replacements": [{"deletedRegion": _region(f.span), "insertedContent": {"text": f.replacement}}],
                    }],
                }
                for f in d.fixes
            ]
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "argmap",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": PROJECT_URL,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": _uri(f)}} for f in files],
            "results": results,
        }],
    }
    return dump_json(document)


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
    if fmt == "text":
        return format_text(diagnostics, lines, color=color)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
