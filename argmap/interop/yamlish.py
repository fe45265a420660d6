"""The small part of YAML that Argdown data and front matter need, both ways.

Argdown keeps metadata as YAML: ``{key: value, ...}`` (a *flow* mapping) at the
end of a statement, and a YAML block between ``===`` lines at the top of a
document. argmap writes and reads this subset, without a YAML dependency:

* flow: mappings ``{a: 1, b: [x, y]}``, sequences ``[...]``, double-quoted
  strings (JSON escapes), single-quoted strings (``''`` for a quote), plain
  scalars (up to ``,``, ``}`` or ``]``); ``true``/``false``/``null`` and
  numbers as YAML reads them;
* block: ``key: value`` lines, a nested mapping under ``key:`` (indented),
  ``- item`` sequences whose items are flow values or scalars, ``>``/``|``
  folded or literal text, ``#`` comments.

The writer quotes every string that YAML could read as something else, so
Argdown (js-yaml) reads back exactly what was written.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["YamlError", "dump_flow", "dump_scalar", "load_block", "load_flow"]

_PLAIN_SAFE = re.compile(r"[A-Za-z_][A-Za-z0-9_ .\-/§]*\Z")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
_NUMBER = re.compile(r"[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?\Z|0x[0-9a-fA-F]+\Z|0o[0-7]+\Z")


class YamlError(ValueError):
    """Text outside the subset (a message with the position)."""


def dump_scalar(value: Any) -> str:
    """A scalar for a flow or block context: plain when YAML reads it back as
    the same string, else double-quoted (JSON escaping is valid YAML)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value, allow_nan=False)
    text = str(value)
    if (_PLAIN_SAFE.match(text) and text.strip() == text and text.lower() not in _RESERVED
            and not _NUMBER.match(text) and ": " not in text and " #" not in text):
        return text
    return json.dumps(text, ensure_ascii=False)


def dump_flow(value: Any) -> str:
    """``value`` (dicts, lists, scalars) as one line of flow YAML."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{dump_scalar(k)}: {dump_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(dump_flow(v) for v in value) + "]"
    return dump_scalar(value)


class _Flow:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, message: str) -> YamlError:
        return YamlError(f"{message} at column {self.pos + 1}")

    def space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] in " \t\r\n":
            self.pos += 1

    def value(self, stops: str) -> Any:
        self.space()
        if self.pos >= len(self.text):
            return None
        ch = self.text[self.pos]
        if ch == "{":
            return self.mapping()
        if ch == "[":
            return self.sequence()
        if ch == '"':
            return self.double()
        if ch == "'":
            return self.single()
        return self.plain(stops)

    def mapping(self) -> dict[str, Any]:
        self.pos += 1
        out: dict[str, Any] = {}
        while True:
            self.space()
            if self.pos >= len(self.text):
                raise self.fail("unclosed '{'")
            if self.text[self.pos] == "}":
                self.pos += 1
                return out
            key = self.value(":,}")
            self.space()
            if self.pos < len(self.text) and self.text[self.pos] == ":":
                self.pos += 1
                item = self.value(",}")
            else:
                item = None
            out[str(key)] = item
            self.space()
            if self.pos < len(self.text) and self.text[self.pos] == ",":
                self.pos += 1
            elif self.pos < len(self.text) and self.text[self.pos] != "}":
                raise self.fail("expected ',' or '}'")

    def sequence(self) -> list[Any]:
        self.pos += 1
        out: list[Any] = []
        while True:
            self.space()
            if self.pos >= len(self.text):
                raise self.fail("unclosed '['")
            if self.text[self.pos] == "]":
                self.pos += 1
                return out
            out.append(self.value(",]"))
            self.space()
            if self.pos < len(self.text) and self.text[self.pos] == ",":
                self.pos += 1
            elif self.pos < len(self.text) and self.text[self.pos] != "]":
                raise self.fail("expected ',' or ']'")

    def double(self) -> str:
        end = self.pos + 1
        while end < len(self.text) and self.text[end] != '"':
            end += 2 if self.text[end] == "\\" else 1
        if end >= len(self.text):
            raise self.fail("unclosed '\"'")
        try:
            result: str = json.loads(self.text[self.pos:end + 1])
        except ValueError:
            raise self.fail("a double-quoted string YAML would not read") from None
        self.pos = end + 1
        return result

    def single(self) -> str:
        out, i = [], self.pos + 1
        while i < len(self.text):
            if self.text[i] == "'":
                if self.text.startswith("''", i):
                    out.append("'")
                    i += 2
                    continue
                self.pos = i + 1
                return "".join(out)
            out.append(self.text[i])
            i += 1
        raise self.fail("unclosed \"'\"")

    def plain(self, stops: str) -> Any:
        start = self.pos
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch in stops and (ch != ":" or self.text[self.pos + 1:self.pos + 2] in (" ", "", ",", "}")):
                break
            self.pos += 1
        return _scalar(self.text[start:self.pos].strip())


def _scalar(word: str) -> Any:
    lower = word.lower()
    if lower in ("null", "~", ""):
        return None
    if lower == "true":
        return True
    if lower == "false":
        return False
    if re.fullmatch(r"[-+]?\d+", word):
        return int(word)
    if re.fullmatch(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?", word):
        return float(word)
    return word


def load_flow(text: str) -> Any:
    """One flow value (``{...}``, ``[...]``, a scalar); YamlError outside the subset."""
    reader = _Flow(text)
    value = reader.value("")
    reader.space()
    if reader.pos != len(text):
        raise reader.fail("unexpected text after the value")
    return value


def load_block(lines: list[str]) -> dict[str, Any]:
    """A block mapping (front matter); YamlError ``line N: ...`` outside the subset."""
    rows = [(i, line) for i, line in enumerate(lines, 1)
            if line.strip() and not line.lstrip().startswith("#")]
    value, rest = _block(rows, 0, lines)
    if rest:
        raise YamlError(f"line {rows[len(rows) - len(rest)][0]}: unexpected indentation")
    if not isinstance(value, dict):
        raise YamlError("line 1: expected 'key: value' lines")
    return value


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block(rows: list[tuple[int, str]], at: int, lines: list[str]) -> tuple[Any, list[tuple[int, str]]]:
    """Parse the block starting with ``rows[0]`` at indentation ``at``."""
    if not rows:
        return None, rows
    if rows[0][1].lstrip().startswith("- ") or rows[0][1].strip() == "-":
        items: list[Any] = []
        while rows and _indent(rows[0][1]) == at and rows[0][1].lstrip().startswith("-"):
            number, line = rows[0]
            item = line.strip()[1:].strip()
            rows = rows[1:]
            if item:
                items.append(_inline(item, number))
            else:
                nested, rows = _block(rows, _indent(rows[0][1]) if rows else at + 2, lines)
                items.append(nested)
        return items, rows
    mapping: dict[str, Any] = {}
    while rows and _indent(rows[0][1]) == at:
        number, line = rows[0]
        match = re.match(r"\s*(\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^:#]+?)\s*:(?:\s+(.*))?$", line)
        if not match:
            raise YamlError(f"line {number}: expected 'key: value'")
        key = str(load_flow(match.group(1))) if match.group(1)[0] in "\"'" else match.group(1).strip()
        rest = (match.group(2) or "").strip()
        rows = rows[1:]
        if rest in (">", "|", ">-", "|-"):
            body = []
            while rows and _indent(rows[0][1]) > at:
                body.append(rows[0][1].strip())
                rows = rows[1:]
            mapping[key] = (" " if rest[0] == ">" else "\n").join(body)
        elif rest:
            if rest[0] not in "\"'{[":  # a plain scalar may go on over more indented lines
                while rows and _indent(rows[0][1]) > at and not rows[0][1].lstrip().startswith("- "):
                    rest += " " + rows[0][1].strip()
                    rows = rows[1:]
            mapping[key] = _inline(rest, number)
        elif rows and _indent(rows[0][1]) > at:
            mapping[key], rows = _block(rows, _indent(rows[0][1]), lines)
        elif rows and rows[0][1].lstrip().startswith("- ") and _indent(rows[0][1]) == at:
            mapping[key], rows = _block(rows, at, lines)
        else:
            mapping[key] = None
    return mapping, rows


def _inline(text: str, number: int) -> Any:
    text = re.sub(r"\s+#.*$", "", text) if text[:1] not in "\"'{[" else text
    try:
        return load_flow(text)
    except YamlError as exc:
        raise YamlError(f"line {number}: {exc}") from None
