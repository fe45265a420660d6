"""The values of .arg text: quoted strings, folded white space, section slugs,
partial dates. Shared by the line scanner, the Lark transformer, ``fmt`` and
the importers, so a value is decoded the same way on every path."""

from __future__ import annotations

import functools
import re

from argmap.model import PartialDate

__all__ = ["decode_string", "normalize_text", "slugify", "parse_partial_date", "escape_string"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\u00a0]*\n\s*")
_ESCAPE = re.compile(r"\\(.)", re.S)


def normalize_text(raw: str) -> str:
    """Fold a written text to its meaning: runs of white space become one space,
    a blank line stays a paragraph break. So re-wrapping a text never changes it."""
    if "\n" not in raw:
        return " ".join(raw.split())
    paragraphs = _PARAGRAPH_BREAK.split(raw)
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def decode_string(token_text: str) -> str:
    """A STRING token's text -> its value (quotes off, escapes resolved, folded)."""
    inner = token_text[1:-1]
    if "\\" in inner:
        inner = _ESCAPE.sub(r"\1", inner)
    if "\n" not in inner:  # the usual case, without normalize_text's call
        return " ".join(inner.split())
    return normalize_text(inner)


def escape_string(value: str) -> str:
    """A text value -> its quoted .arg form on one line (``\\`` and ``\"`` escaped)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slugify(title: str) -> str:
    """A section title -> the section's id when none is written."""
    slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
    return slug or "section"


@functools.lru_cache(maxsize=4096)
def parse_partial_date(text: str) -> PartialDate:
    """``2016-11`` -> PartialDate (cached: a map repeats the same few months)."""
    parts = text.split("-")
    numbers = [int(p) if p.isdigit() else None for p in parts] + [None, None]
    return PartialDate(text=text, year=numbers[0], month=numbers[1], day=numbers[2])
