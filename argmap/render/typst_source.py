"""Writing Typst source safely: every value a template prints is a Typst
literal, never markup.

    typst_string("a #b") -> '"a #b"'          a string literal: shown as written
    typst_value({"id": "t", "n": 2, "x": None}) -> '("id": "t", "n": 2, "x": none)'
    TypstCode("#pagebreak()")                  trusted code from argmap itself

A Jinja environment whose ``finalize`` is :func:`typst_value` turns every
``{{ expression }}`` of a ``.typ.j2`` template into a literal, the way HTML
autoescaping turns text into entities: a map text such as ``#eval("...")``,
``$x$``, ``*bold*``, ``<label>`` or ``@ref`` reaches the document as those very
characters. Only :class:`TypstCode` passes unchanged, and argmap never builds
one from map text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

__all__ = ["TypstCode", "environment", "typst_string", "typst_value"]

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# backslash, quote, and every character that is not plainly printable in a
# literal: C0/C1 controls, line/paragraph separators, lone surrogates
_SPECIAL = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]')


class TypstCode(str):
    """Typst source written by argmap itself (never from map text): printed as is."""


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if "\ud800" <= ch <= "\udfff":
        return "\ufffd"  # a lone surrogate cannot be written as UTF-8
    return f"\\u{{{ord(ch):x}}}"


def typst_string(text: str) -> str:
    """``text`` as a Typst string literal (shown exactly as written)."""
    return '"' + _SPECIAL.sub(_escape, text) + '"'


def typst_value(value: Any) -> str:
    """A Python value as a Typst literal: str, bool, int, float, None, list,
    tuple, dict (string keys), or :class:`TypstCode` (as is)."""
    if isinstance(value, TypstCode):
        return str(value)
    if isinstance(value, str):
        return typst_string(value)
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no Typst literal for {value!r}")
        return repr(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "()"
        return "(" + ", ".join(typst_value(v) for v in value) + ("," if len(value) == 1 else "") + ")"
    if isinstance(value, Mapping):
        if not value:
            return "(:)"
        return "(" + ", ".join(f"{typst_string(str(k))}: {typst_value(v)}" for k, v in value.items()) + ")"
    raise TypeError(f"no Typst literal for a {type(value).__name__}")


@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja environment for ``argmap.templates/*.typ.j2``: every printed
    expression goes through :func:`typst_value`."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("argmap.templates", "."),
        autoescape=False,  # finalize makes every value a Typst literal instead
        finalize=typst_value,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
