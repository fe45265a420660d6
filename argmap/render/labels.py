"""What a node says in a diagram: its header (kind, date, credibility, status),
its text wrapped into lines, its tooltip, and the short name a stub gives it.

``node_header`` words a node's facts for the diagram with argmap.render.facts,
which words them for every renderer (outlines, the report, editor hovers).
"""

from __future__ import annotations

from argmap.model import Node, NodeKind
from argmap.render.facts import FIELDS, Field, MapFacts, Verdicts, kind_label, status_word
from argmap.render.wording import cite_text
from argmap.render.wrap import wrap_words

__all__ = ["HEADER_KEYS", "SEPARATOR", "node_header", "short_name", "text_width", "tooltip"]

SEPARATOR = " \u00b7 "
_KIND_NAMES = {kind: kind.value for kind in NodeKind}

# Helvetica advance widths (1/1000 em) of the printable ASCII characters, as in
# the font's metrics; other characters count as a wide letter.
_WIDTHS = dict(zip(
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~",
    [278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278]
    + [556] * 10
    + [278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
       722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556,
       556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556,
       500, 722, 500, 500, 500, 334, 260, 334, 584], strict=True))
_WIDTHS["\u00b7"] = 278
_WIDTHS["\u2026"] = 1000


def text_width(text: str, size: float) -> float:
    """The width in points of ``text`` set in Helvetica at ``size`` points (an
    estimate from the font's metrics, slightly generous)."""
    return sum(_WIDTHS.get(char, 667) for char in text) * size / 1000


HEADER_KEYS = ("date", "credibility", "relevance")


def node_header(node: Node, facts: MapFacts, *, ids: bool = False, status: bool = False, number: str | None = None,
                focus: bool = False, fields: tuple[Field, ...] | None = None) -> str:
    """The small line above a node's text, worded by argmap.render.facts: its
    kind (and ACH number), its id with ``ids``, ``inferred`` when it is the
    analyst's inference, its date, credibility and relevance, and with
    ``status`` its grounded status in words."""
    title = _TITLES[node.kind]
    parts = ["FOCUS", title] if focus else [title]
    if number:
        parts[-1] += f" {number}"
    if ids:
        parts.append(node.id)
    if node.inferred is not None:
        parts.append("inferred")
    for fact in facts.fields(node) if fields is None else fields:
        if fact.key == "status":
            if status:
                parts.append(status_word(fact.value).upper())
        elif fact.key in HEADER_KEYS:
            parts.append(fact.phrase(_BARE))
    return SEPARATOR.join(parts)


_BARE = frozenset({"date"})
_NO_VERDICTS = Verdicts()
_EVALUATED = frozenset({"status", "basis", "strength"})  # a tooltip lists what the map says, not the verdicts
_TITLES = {kind: kind_label(kind.value).upper() for kind in NodeKind}  # enum .value is a slow descriptor


def short_name(node: Node, ids: bool = False, width: int = 30) -> str:
    """How a stub names a node drawn elsewhere: its id with ``ids``, else the
    start of its text (at most ``width`` characters, cut at a word)."""
    if ids:
        return node.id
    words = " ".join(node.text.split())
    if len(words) <= width:
        return words
    cut = words.rfind(" ", 0, width)
    return (words[:cut] if cut > width // 2 else words[:width - 1]).rstrip(" ,.;:") + "\u2026"


def tooltip(facts: MapFacts, node: Node, words: str | None = None, fields: tuple[Field, ...] | None = None) -> str:
    """Kind, id, text and the node's details, one per line, as
    argmap.render.wording.tooltip_lines words them (``words``: the node's text
    with its whitespace collapsed, when the caller has it)."""
    if words is None:
        words = " ".join(node.text.split())
    text = f"{_KIND_NAMES[node.kind]} {node.id}\n{words}"
    found = {fact.key: fact for fact in (facts.fields(node) if fields is None else fields)}
    details = []
    for row in FIELDS:  # the header's facts as worded for it, the others (premises, scheme, ...) here
        if row.key in _EVALUATED:
            continue
        fact = found.get(row.key)
        if fact is None:
            value = row.get(node, _NO_VERDICTS)
            fact = Field(row.key, row.label, value) if value is not None else None
        if fact is not None:
            details.append(fact)
    if not (details or node.tags or node.actors or node.ratings or node.citations or node.notes
            or node.critical_answers):
        return text
    parts = [text] + [f"{fact.label.lower()}: {fact.value}" for fact in details]
    if node.tags:
        parts.append("tags: " + ", ".join(node.tags))
    if node.actors:
        parts.append("actors: " + ", ".join(" ".join(a.split()) for a in node.actors))
    if node.ratings:
        parts.append("rates: " + ", ".join(f"{r.hypothesis} {r.grade.value}" for r in node.ratings))
    parts += ["cite: " + cite_text(facts.cite(cite)) for cite in node.citations]
    parts += [f"note: {' '.join(note.split())}" for note in node.notes]
    parts += [f"cq {' '.join(c.question.split())}: {' '.join(c.answer.split())}" for c in node.critical_answers]
    return "\n".join(parts)


def text_lines(node: Node, wrap: int) -> list[str]:
    """The node's text wrapped at ``wrap`` columns (at most 10 lines)."""
    return wrap_words(" ".join(node.text.split()), wrap)
