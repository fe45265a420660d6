"""Map -> .arg text (canonical layout through ``argmap.fmt``). Used by importers.

``write_map(m)`` parses back to a map equal to ``m`` for every map whose ids
are valid and whose sections follow the nodes' order (what the parser can
produce). ``make_id`` turns titles or texts into unique, valid ids.
"""

from __future__ import annotations

import re
import unicodedata

from argmap.fmt import format_text
from argmap.model import Citation, Map, Node, Relation, RelationKind, Source, is_valid_id
from argmap.syntax.keywords import KEYWORDS
from argmap.syntax.text import escape_string

__all__ = ["write_map", "make_id", "IdMaker", "is_valid_id", "format_number"]

_LOCATOR_RE = re.compile(r'[^\s"#,]+')
_KEYWORD_PREFIX = re.compile(r"(?:{})\b".format("|".join(sorted(set(KEYWORDS) | {"CC", "C", "N", "II", "I", "NA"}, key=len, reverse=True))))


def make_id(text: str, max_words: int = 4, fallback: str = "n") -> str:
    """A readable id from a title or text: ``"Iran derails talks"`` -> ``iran_derails_talks``."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = re.findall(r"[^\W_]+", folded)
    slug = "_".join(words[:max_words]) or fallback
    if slug[0].isdigit():
        slug = f"{fallback}{slug}" if not fallback[-1].isdigit() else f"{fallback}_{slug}"
    return slug if is_valid_id(slug) else fallback


class IdMaker:
    """Unique ids: ``make`` adds ``_2``, ``_3``... on collisions."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def keep(self, text: str) -> str | None:
        """``text`` itself when it already is a valid, unused, lower-case id (an export's ids
        survive; a title such as ``Leakage`` still becomes ``leakage``)."""
        if is_valid_id(text) and text == text.lower() and text not in self.used and text not in KEYWORDS:
            self.used.add(text)
            return text
        return None

    def make(self, text: str, fallback: str = "n") -> str:
        base = make_id(text, fallback=fallback)
        candidate, n = base, 2
        while candidate in self.used or candidate in KEYWORDS:
            candidate, n = f"{base}_{n}", n + 1
        self.used.add(candidate)
        return candidate


def format_number(value: float) -> str:
    """A weight as the grammar's NUMBER: ``0.8``, ``1``, ``0.000001``."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.12f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def _name(value: str) -> str:
    return value if is_valid_id(value) and not _KEYWORD_PREFIX.fullmatch(value) else escape_string(value)


def _citation(cite: Citation) -> str:
    parts = ["cite", cite.source]
    if cite.locator is not None:
        bare = _LOCATOR_RE.fullmatch(cite.locator) and not _KEYWORD_PREFIX.match(cite.locator)
        parts.append(cite.locator if bare or cite.quote is None else escape_string(cite.locator))
    if cite.quote is not None:
        parts.append(escape_string(cite.quote))
    return " ".join(parts)


def _relation(rel: Relation) -> str:
    weight = f" weight {format_number(rel.weight)}" if rel.weight is not None else ""
    if rel.kind is RelationKind.UNDERCUTS and rel.link is not None:
        return f"undercuts {rel.link.source} -> {rel.link.target}{weight}"
    return f"{rel.kind.value} {rel.target}{weight}"


def _source(src: Source) -> list[str]:
    lines = [f"source {src.id} {escape_string(src.title)}"]
    if src.author is not None:
        lines.append(f"  author {escape_string(src.author)}")
    if src.date is not None:
        lines.append(f"  date {src.date.text}")
    if src.url is not None:
        lines.append(f"  url {escape_string(src.url)}")
    if src.file is not None:
        lines.append(f"  file {escape_string(src.file)}")
    lines += [f"  note {escape_string(n)}" for n in src.notes]
    return lines


def _node(node: Node, relations: tuple[Relation, ...]) -> list[str]:
    lines = [f"{node.kind.value} {node.id} {escape_string(node.text)}"]
    if node.tags:
        lines.append("  tags " + ", ".join(node.tags))
    if node.actors:
        lines.append("  actors " + ", ".join(_name(a) for a in node.actors))
    if node.date is not None:
        lines.append(f"  date {node.date.text}")
    if node.credibility is not None:
        lines.append(f"  credibility {node.credibility.value}")
    if node.relevance is not None:
        lines.append(f"  relevance {node.relevance.value}")
    lines += [f"  note {escape_string(n)}" for n in node.notes]
    lines += ["  " + _citation(c) for c in node.citations]
    if node.ratings:
        lines.append("  rates " + ", ".join(f"{r.hypothesis} {r.grade.value}" for r in node.ratings))
    lines += ["  " + _relation(r) for r in relations]
    return lines


def write_map(argmap: Map, header_comments: tuple[str, ...] = ()) -> str:
    """The map as canonical .arg text. ``header_comments`` (without ``#``) go on top."""
    blocks: list[list[str]] = []
    if argmap.title is not None:
        blocks.append([f"title {escape_string(argmap.title)}"])
    if argmap.description is not None:
        blocks.append([f"description {escape_string(argmap.description)}"])
    blocks += [[f"include {escape_string(i.path)}"] for i in argmap.includes]
    blocks += [_source(s) for s in argmap.sources]
    sections = list(argmap.sections)
    position = 0
    for node in argmap.nodes:
        if node.section is not None and (position == 0 or sections[position - 1].id != node.section):
            while position < len(sections):
                section = sections[position]
                position += 1
                head = f"section {section.id} " if section.explicit_id else "section "
                blocks.append([head + escape_string(section.title)])
                if section.id == node.section:
                    break
        blocks.append(_node(node, argmap.outgoing.get(node.id, ())))
    for section in sections[position:]:
        head = f"section {section.id} " if section.explicit_id else "section "
        blocks.append([head + escape_string(section.title)])
    for e in argmap.expectations:
        blocks.append([f"expect {e.node} {e.status.value}" + (f" under {e.semantics}" if e.semantics else "")])
    header = "".join(f"# {line}".rstrip() + "\n" for line in header_comments)
    text = header + ("\n" if header else "") + "\n\n".join("\n".join(b) for b in blocks) + "\n"
    return format_text(text)
