"""DOT values and statement lines exactly as the ``graphviz`` package writes
them, without its per-call overhead (the hot path of argmap.render.dot).

Escaping: the package quotes ids and escapes ``"`` but leaves backslashes and
``&`` to the caller and passes ``<...>`` through as HTML. So every value from
the map goes in pre-escaped and marked ``nohtml`` (``label_value`` for labels,
``tooltip_value`` for the rest) so that Graphviz's entity decoding and its
escapes (``\\N``, ``\\G``) never fire; the SVG writer then escapes for XML.
Control characters are dropped.

``quoted_label(text)`` and ``quoted_tip(text)`` are
``quote(label_value(text))`` and ``quote(tooltip_value(text))`` in one step;
``a_list(pairs)`` is the package's ``a_list``; node and edge lines are the
lines ``Digraph.node`` / ``Digraph.edge`` append to ``Digraph.body``.
tests/test_render_dot_pkg.py holds each of them to the package.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from graphviz.quoting import ESCAPE_UNESCAPED_QUOTES, ID, KEYWORDS, NoHtml  # type: ignore[import-untyped]
from graphviz.quoting import quote as _package_quote

__all__ = ["Names", "Pairs", "a_list", "attr_list", "label_value", "plain_ids", "quote_constant", "quote_text",
           "quoted_label", "quoted_tip", "tooltip_value"]

Pairs = list[tuple[str, str]]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_IS_ID = ID.match


def _clean(text: str) -> str:
    """Control characters dropped, ``&`` written as an entity (Graphviz decodes
    entities in every string). Printable text (the usual case) skips the regex."""
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return text.replace("&", "&amp;")


def label_value(text: str) -> str:
    """A ``label`` value for the ``graphviz`` package that Graphviz shows as ``text``.

    Labels expand escapes (``\\N``, ``\\l``) once: each backslash is doubled
    (what ``graphviz.escape`` does) and the value is marked ``nohtml`` so that
    ``<b>`` stays text; a newline becomes a centred line break. The package's
    quoting then adds the quotes and escapes ``"`` (it leaves backslashes and
    ``&`` alone)."""
    return NoHtml(_clean(text).replace("\\", "\\\\").replace("\n", "\\n"))


def tooltip_value(text: str) -> str:
    """A value for tooltips, ids and names: Graphviz expands escapes in
    tooltips twice on the way to SVG, so each backslash becomes four
    (``escape(escape(text))``; tests/test_render_escaping.py holds it to this)."""
    return NoHtml(_clean(text).replace("\\", "\\" * 4).replace("\n", "\\n"))


def quote_text(value: str) -> str:
    """``graphviz.quoting.quote(value)`` for a pre-escaped ``NoHtml`` value,
    with the package's own ``ID``/``KEYWORDS``/``ESCAPE_UNESCAPED_QUOTES``
    but without its per-call checks (HTML test, odd trailing backslash, argument
    check). The values never end in an odd backslash (they are doubled) and are
    never HTML."""
    if " " not in value and _IS_ID(value) and value.lower() not in KEYWORDS:  # an ID has no space
        return value
    return '"' + (ESCAPE_UNESCAPED_QUOTES(value) if '"' in value else value) + '"'


def _escaped(text: str, backslash: str) -> str:
    """``_clean(text)`` with each backslash written as ``backslash`` and each
    newline as ``\\n``, in an order that lets multi-line text skip the
    control-character regex: newlines go first (no control character is a
    backslash, an ``n`` or an ``&``, so the steps commute)."""
    text = text.replace("\\", backslash).replace("\n", "\\n")
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return text.replace("&", "&amp;")


def quoted_label(text: str) -> str:
    """``quote_text(label_value(text))`` without the intermediate ``NoHtml``."""
    return quote_text(_escaped(text, "\\\\"))


def quoted_tip(text: str) -> str:
    """``quote_text(tooltip_value(text))`` without the intermediate ``NoHtml``."""
    return quote_text(_escaped(text, "\\" * 4))


_PLAIN = re.compile(r"[\w.\-]*\Z").match


def plain_ids(ids: Iterable[str]) -> set[str]:
    """The ids that need no escaping: word characters, dots and hyphens (what
    the grammar's ID allows). A string made of such ids, hyphens and spaces is
    its own escaped value, and with a space or a hyphen after its first
    character it is never a DOT ID: ``'"' + text + '"'`` is its quoted form."""
    return {name for name in ids if _PLAIN(name)}


quote_constant = functools.lru_cache(maxsize=None)(getattr(_package_quote, "__wrapped__", _package_quote))
"""The package's ``quote`` for keys and constant values (shapes, colours, numbers), cached."""


def a_list(pairs: Pairs) -> str:
    """``k=v ...`` as ``graphviz.quoting.a_list`` writes it: map text
    (``NoHtml`` values) quoted each time, keys and constants from a cache."""
    return " ".join(f"{quote_constant(key)}="
                    f"{quote_text(value) if type(value) is NoHtml else quote_constant(value)}"
                    for key, value in pairs)


def attr_list(pairs: Pairs) -> str:
    """`` [k=v ...]`` as ``graphviz.quoting.attr_list`` writes it."""
    return f" [{a_list(pairs)}]"


class Names:
    """Node name (an id, or the name of an undercut mid-point) -> quoted DOT
    name, each quoted once per map. ``plain``: names known to need no escaping
    (``plain_ids``), only quoting."""

    def __init__(self, plain: set[str] | frozenset[str] = frozenset()) -> None:
        self.quoted: dict[str, str] = {}
        self.plain = plain

    def __call__(self, name: str) -> str:
        quoted = self.quoted.get(name)
        if quoted is None:
            quoted = self.quoted[name] = quote_text(name) if name in self.plain else quoted_tip(name)
        return quoted

    def mid(self, a: str, b: str) -> str:
        return self(f"link {a}>{b}")  # a space never occurs in an id: no clash
