"""Outline -> a tree for the terminal, drawn with box characters.

    conflict [thesis] · IN
    Russia and Iran pursue conflicting objectives in Syria.
    ├── supports: ankara [evidence] · date 2016-11
    │   Iran worked to derail the Ankara talks.
    │   cite essay §First "Iran was pressing by all means"
    └── attacks: shared_stakes [counter]
        Both need Assad to survive.

Texts are wrapped to ``width``; colour (ANSI) only when asked, ``ascii`` draws
with ``|--`` and ``` `-- ``` instead. Output is deterministic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from argmap.model import NodeKind, RelationRole, Source
from argmap.render.facts import NodeFacts
from argmap.render.outline import Entry, Outline, relation_label
from argmap.render.wording import source_fields

__all__ = ["render_text", "display_width"]

_BOX = {"tee": "├── ", "last": "└── ", "pipe": "│   ", "gap": "    "}
_ASCII = {"tee": "|-- ", "last": "`-- ", "pipe": "|   ", "gap": "    "}
# Kind colours match the diagram's palette as closely as 16 colours allow.
_KIND_COLOUR = {
    NodeKind.THESIS: "35", NodeKind.CLAIM: "34", NodeKind.EVIDENCE: "32", NodeKind.COUNTER: "31",
    NodeKind.HYPOTHESIS: "36", NodeKind.ASSUMPTION: "33", NodeKind.QUESTION: "33", NodeKind.ARGUMENT: "",
}
# a relation's colour by what it does (a premise is drawn as a support)
_ROLE_COLOUR = {
    RelationRole.SUPPORT: "32", RelationRole.ATTACK: "31", RelationRole.CONTRADICTION: "31",
    RelationRole.UNDERCUT: "33", RelationRole.BEARING: "", RelationRole.ANSWER: "",
}
MIN_TEXT_WIDTH = 24

Style = Callable[[str, str], str]


def _relation_colour(entry: Entry) -> str:
    """The colour of an entry's relation, by what it does (a premise: as a support)."""
    if entry.premise:
        return _ROLE_COLOUR[RelationRole.SUPPORT]
    return _ROLE_COLOUR[entry.relation.kind.role] if entry.relation is not None else ""


def _plain(text: str, _code: str) -> str:
    return text


def _ansi(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if code and text else text


# Direction overrides and isolates reorder what a terminal shows ("Trojan Source").
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# Unicode categories Cc, Zl and Zp: the C0 and C1 controls, DEL, the line and paragraph separators
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BIDI_RE = re.compile("[" + "".join(sorted(_BIDI)) + "]")


def _one_line(text: str) -> str:
    """Collapse the whitespace (line breaks included) of a map text; control
    characters (escape sequences) become spaces, bidi overrides U+FFFD."""
    cleaned = _CONTROL.sub(" ", text)
    if not cleaned.isascii():
        cleaned = _BIDI_RE.sub("\ufffd", cleaned)
    return " ".join(cleaned.split())


def display_width(text: str) -> int:
    """Terminal columns: wide East Asian characters and emoji take two, combining marks none."""
    if text.isascii():
        return len(text)
    total = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


@lru_cache(maxsize=4096)
def _prefix_width(prefix: str) -> int:
    """The width of a tree prefix (few distinct ones, each measured once)."""
    return display_width(prefix)


def _chop(word: str, width: int) -> list[str]:
    """A word wider than ``width`` cut into pieces that fit."""
    pieces, current = [], ""
    for ch in word:
        if current and display_width(current + ch) > width:
            pieces.append(current)
            current = ""
        current += ch
    return pieces + [current]


def _wrap(text: str, width: int) -> list[str]:
    """Greedy word wrap by display width (never wider than ``width``)."""
    width = max(width, MIN_TEXT_WIDTH)
    lines: list[str] = []
    line, used = "", 0
    for word in _one_line(text).split(" "):
        for piece in _chop(word, width) if display_width(word) > width else [word]:
            size = display_width(piece)
            if line and used + 1 + size > width:
                lines.append(line)
                line, used = "", 0
            line, used = (f"{line} {piece}", used + 1 + size) if line else (piece, size)
    lines.append(line)
    return lines


def _cite_lines(facts: NodeFacts) -> list[str]:
    """``cite essay (2016-12) §First “quote”``: the source by id (listed under
    SOURCES at the end), its date, the locator and the quotation."""
    lines = []
    for cite in facts.citations:
        words = [f"cite {cite.source}" + (f" ({cite.date})" if cite.date else "")]
        if cite.locator:
            words.append(_one_line(cite.locator))
        if cite.quote:
            words.append(f"\u201c{_one_line(cite.quote)}\u201d")
        lines.append(" ".join(words))
    return lines


class _Writer:
    def __init__(self, outline: Outline, width: int, ascii: bool, style: Style) -> None:
        self.outline = outline
        self.width = width
        self.box = _ASCII if ascii else _BOX
        self.style = style
        self.lines: list[str] = []

    def emit(self, prefix: str, text: str, code: str = "", wrap: bool = True, indent: str = "") -> None:
        room = self.width - _prefix_width(prefix) - len(indent)
        chunks = _wrap(text, room) if wrap else [text]
        for i, chunk in enumerate(chunks):
            lead = indent if i else ""
            self.lines.append((prefix + lead + self.style(chunk, code)).rstrip())

    def segments(self, entry: Entry) -> list[tuple[str, str]]:
        """The entry's first line as (text, colour) pieces: relation, id, kind, facts."""
        node = entry.node
        pieces: list[tuple[str, str]] = []
        if relation_label(entry):
            pieces.append((relation_label(entry) + ":", _relation_colour(entry)))
        if entry.ref:
            return pieces + [(f"see {node.id} {entry.where}", "")]
        pieces.append((node.id, "1"))
        pieces.append((f"[{node.kind.value}]", _KIND_COLOUR[node.kind]))
        for fact in self.outline.facts.of(node).fields():  # (cached: entry() asks again)
            pieces.append(("·", ""))
            pieces.append((fact.phrase(), ""))
        return pieces

    def emit_segments(self, first: str, rest: str, pieces: list[tuple[str, str]]) -> None:
        """Greedy word wrap of coloured pieces (widths counted on the plain text)."""
        words = [(word, code) for text, code in pieces for word in _one_line(text).split(" ") if word]
        room = max(self.width - _prefix_width(first), MIN_TEXT_WIDTH)
        line: list[str] = []
        used = 0
        prefix = first
        for word, code in words:
            size = display_width(word)
            if line and used + 1 + size > room:
                self.lines.append((prefix + " ".join(line)).rstrip())
                prefix, line, used = rest + "  ", [], 0
                room = max(self.width - _prefix_width(prefix), MIN_TEXT_WIDTH)
            used += size + (1 if line else 0)
            line.append(self.style(word, code))
        self.lines.append((prefix + " ".join(line)).rstrip())

    def entry(self, entry: Entry, first: str, rest: str, parent_section: str | None) -> None:
        node = entry.node
        self.emit_segments(first, rest, self.segments(entry))
        if entry.ref:
            return
        body = rest
        dim = "2"
        for line in _wrap(node.text, self.width - _prefix_width(body)):
            self.lines.append((body + line).rstrip())
        facts = self.outline.facts.of(node)
        details: list[str] = []
        section = facts.section_title
        if section and node.section != parent_section:
            details.append(f"section: {_one_line(section)}")
        details += [f"{fact.label.lower()}: {_one_line(fact.value)}" for fact in facts.lists()]
        if details:
            self.emit(body, " · ".join(details), dim, indent="  ")
        for line in _cite_lines(facts):
            self.emit(body, line, dim, indent="  ")
        for note in node.notes:
            self.emit(body, f"note: {_one_line(note)}", dim, indent="  ")
        for question, answer in facts.critical_answers:
            self.emit(body, f"cq {_one_line(question)}: {_one_line(answer)}", dim, indent="  ")
        for i, child in enumerate(entry.children):
            last = i == len(entry.children) - 1
            child_first = body + (self.box["last"] if last else self.box["tee"])
            child_rest = body + (self.box["gap"] if last else self.box["pipe"])
            self.entry(child, child_first, child_rest, node.section)

    def source(self, source: Source) -> None:
        """``essay: Title`` then its facts (author, date, ...) on the lines below."""
        self.lines.append("")
        self.emit("", f"{source.id}: {_one_line(source.title)}", indent="  ")
        facts = [f"{fact.label.lower()}: {_one_line(fact.value)}" for fact in source_fields(source)
                 if fact.key != "note"]
        if facts:
            self.emit("  ", " · ".join(facts), "2", indent="  ")
        for fact in source_fields(source):
            if fact.key == "note":
                self.emit("  ", f"note: {_one_line(fact.value)}", "2", indent="  ")

    def render(self) -> str:
        outline = self.outline
        title = _one_line(outline.title)
        self.lines.append(self.style(title, "1"))
        self.lines.append("=" * min(display_width(title), self.width))
        if outline.map.description:
            self.emit("", outline.map.description)
        self.emit("", outline.summary.line())
        for part in outline.parts:
            self.lines.append("")
            self.lines.append(self.style(part.title.upper(), "1"))
            for entry in part.entries:
                self.lines.append("")
                self.entry(entry, "", "", None)
        if outline.map.sources:
            self.lines += ["", self.style("SOURCES", "1")]
            for source in outline.map.sources:
                self.source(source)
        return "\n".join(self.lines) + "\n"


def render_text(outline: Outline, *, width: int = 80, ascii: bool = False, color: bool = False) -> str:
    """The outline as text lines of at most ``width`` columns (long ids aside)."""
    return _Writer(outline, max(width, 40), ascii, _ansi if color else _plain).render()
