"""The line layer of the Argdown import: comments, front matter, data, and
hard-wrapped lines joined into logical lines (argmap.interop.argdown reads
the elements from these)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from argmap.interop.argdown_data import map_parts
from argmap.interop.argdown_export import EXPORT_COMMENT
from argmap.interop.yamlish import YamlError, load_block

__all__ = ["Warn", "front_matter", "logical_lines", "split_data", "strip_comments"]

Warn = Callable[[int, str, int], None]  # (line, message, column)


def split_data(text: str) -> tuple[str, str | None]:
    """(text, ``{...}`` data or None): the data starts at the first brace that
    is not escaped and runs to the end of the element."""
    i = 0
    while True:
        i = text.find("{", i)
        if i < 0:
            return text, None
        backslashes = len(text[:i]) - len(text[:i].rstrip("\\"))
        if backslashes % 2 == 0:
            tail = text[i:].rstrip()
            if tail.endswith("}"):
                return text[:i], tail
            return text, None
        i += 1


STARTER = re.compile(r"^(?:(?:<\+|\+>|<-|->|<_|_>|><|\+|-|_)\s|\(\d+\)\s|\*\s|\d+\.\s|\[(?![^\]]*\]\()|<|--|#{1,6}\s)")


def strip_comments(text: str, warn: Warn) -> list[str]:
    """Blank out ``/* */``, ``<!-- -->`` and ``//`` comments (line numbers kept); each is reported."""
    out: list[str] = []
    in_block = ""  # the closer of the open block comment: '*/' or '-->'
    own = False  # the comment argmap's export writes at the top: not reported
    for number, line in enumerate(text.split("\n"), start=1):
        if not in_block and "/" not in line and "<!--" not in line:
            out.append(line.rstrip())
            continue
        own = line.startswith(EXPORT_COMMENT) or (own and line.startswith("// - "))
        if own:
            out.append("")
            continue
        kept, i = [], 0
        while i < len(line):
            if in_block:
                close = line.find(in_block, i)
                if close < 0:
                    i = len(line)
                    continue
                in_block, i = "", close + len(in_block)
            elif line[i] == "\\" and i + 1 < len(line):  # an escaped character is text
                kept.append(line[i: i + 2])
                i += 2
            elif line.startswith("/*", i) or line.startswith("<!--", i):
                warn(number, "comment not imported", i + 1)
                closer = "*/" if line.startswith("/*", i) else "-->"
                in_block, i = closer, i + len("/*" if closer == "*/" else "<!--")
            elif line.startswith("//", i) and (i == 0 or line[i - 1] != ":"):
                warn(number, "comment not imported", i + 1)
                i = len(line)
            else:
                kept.append(line[i])
                i += 1
        out.append("".join(kept).rstrip())
    return out


def front_matter(lines: list[str], warn: Warn) -> tuple[dict[str, Any], int, bool]:
    """``===`` YAML front matter -> (map fields, the first line after it, strict mode)."""
    if not lines or lines[0].strip() != "===":
        return {}, 0, False
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "==="), None)
    if end is None:
        warn(1, "front matter without a closing '===' read as text", 1)
        return {}, 0, False
    try:
        data = load_block(lines[1:end])
    except YamlError as exc:
        found = re.match(r"line (\d+): (.*)", str(exc))
        at, message = (int(found.group(1)) + 1, found.group(2)) if found else (2, str(exc))
        warn(at, f"front matter not translated: {message}", 1)
        return {}, end + 1, False
    fields: dict[str, Any] = {}
    strict = False
    for key, value in data.items():
        where = next((i + 1 for i in range(1, end) if lines[i].lstrip().startswith(f"{key}:")), 2)
        if key == "title" and value is not None:
            fields["title"] = " ".join(str(value).split()) or None
        elif key == "model" and isinstance(value, dict) and set(value) <= {"mode"}:
            strict = value.get("mode") == "strict"
        elif key == "argmap":
            parts, problems = map_parts(value)
            fields.update(parts)
            for message in problems:
                warn(where, message, 1)
        else:
            warn(where, f"front matter {key!r} not translated", 1)
    return fields, end + 1, strict


def logical_lines(lines: list[str], first: int) -> list[tuple[int, int, str]]:
    """(line number, indent, text): hard-wrapped text joined to the line it continues."""
    out: list[tuple[int, int, str]] = []
    open_line = False
    for index in range(first, len(lines)):
        raw = lines[index]
        stripped = raw.strip()
        if not stripped:
            open_line = False
            continue
        heading = raw.startswith("#") and re.match(r"^#{1,6}\s", raw)
        if open_line and not heading and not STARTER.match(stripped):
            number, indent, text = out[-1]
            out[-1] = (number, indent, f"{text} {stripped}")
            continue
        out.append((index + 1, len(raw) - len(raw.lstrip()), stripped if not heading else raw))
        open_line = True  # a '--' line continues with its inference rule
    return out
