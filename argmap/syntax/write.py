"""Model -> .arg text: the parser's inverse, from the same keyword tables.

``write_map(m)`` gives canonical text (through ``argmap fmt``) that parses
back to a map equal to ``m``, for every map whose ids are valid and whose
sections follow the nodes' order (what the parser can produce). Each
attribute is written by the shape of its value, so an attribute added to the
tables is written without a change here. Importers use it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from argmap.model import (
    Citation,
    Credibility,
    CriticalAnswer,
    Inference,
    Level,
    Map,
    Node,
    NodeKind,
    PartialDate,
    Rating,
    Relation,
    Reliability,
    Source,
    is_valid_id,
)
from argmap.syntax.keywords import (
    ARGUMENT,
    ARGUMENT_ATTRIBUTES,
    GRADES,
    INFERRED_MARK,
    KEYWORDS,
    NODE_ATTRIBUTES,
    RELATION_KEYWORD,
    RELATION_SYNTAX,
    SOURCE_ATTRIBUTES,
    Attribute,
    Repeat,
    Shape,
)
from argmap.syntax.terminals import LOCATOR
from argmap.syntax.text import escape_string

__all__ = ["write_map", "format_number", "attribute_lines", "relation_line"]

_LOCATOR_RE = re.compile(LOCATOR)
_KEYWORD_PREFIX = re.compile(r"(?:{})\b".format("|".join(sorted(set(KEYWORDS) | set(GRADES), key=len,
                                                                  reverse=True))))


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
    parts = [cite.source]
    if cite.locator is not None:
        bare = _LOCATOR_RE.fullmatch(cite.locator) and not _KEYWORD_PREFIX.match(cite.locator)
        parts.append(cite.locator if bare or cite.quote is None else escape_string(cite.locator))
    if cite.quote is not None:
        parts.append(escape_string(cite.quote))
    return " ".join(parts)


def _value(shape: Shape, value: Any) -> str:
    """One value of an attribute line, as written after its keyword."""
    if shape is Shape.TEXT:
        return escape_string(value)
    if shape is Shape.ID:
        return str(value)
    if shape is Shape.CREDIBILITY or shape is Shape.RELIABILITY:
        assert isinstance(value, (Credibility, Reliability))
        return value.value
    if shape is Shape.ANSWER:
        assert isinstance(value, CriticalAnswer)
        return f"{value.question} {escape_string(value.answer)}"
    if shape is Shape.IDS:
        return ", ".join(value)
    if shape is Shape.NAMES:
        return ", ".join(_name(name) for name in value)
    if shape is Shape.DATE:
        assert isinstance(value, PartialDate)
        return value.text
    if shape is Shape.LEVEL:
        assert isinstance(value, Level)
        return value.value
    if shape is Shape.CITATION:
        return _citation(value)
    if shape is Shape.RATINGS:
        ratings: Sequence[Rating] = value
        return ", ".join(f"{r.hypothesis} {r.grade.value}" for r in ratings)
    raise TypeError(f"no writer for attribute values of shape {shape}")  # pragma: no cover - tested complete


def attribute_lines(attribute: Attribute, value: Any) -> list[str]:
    """The lines (without indentation) that write ``value`` of ``attribute``."""
    if value is None or (attribute.repeat is not Repeat.ONCE and not value):
        return []
    if attribute.shape is Shape.FLAG:
        assert isinstance(value, Inference)
        return [attribute.keyword + ("" if value.reason is None else " " + escape_string(value.reason))]
    if attribute.repeat is Repeat.APPEND:
        return [f"{attribute.keyword} {_value(attribute.shape, item)}" for item in value]
    return [f"{attribute.keyword} {_value(attribute.shape, value)}"]


def relation_line(relation: Relation) -> str:
    """A relation as written in its source node's block."""
    weight = f" weight {format_number(relation.weight)}" if relation.weight is not None else ""
    mark = f" {INFERRED_MARK}" if relation.inferred else ""
    keyword = RELATION_KEYWORD[relation.kind]
    if RELATION_SYNTAX[relation.kind].shape is Shape.LINK and relation.link is not None:
        return f"{keyword} {relation.link.source} -> {relation.link.target}{weight}{mark}"
    return f"{keyword} {relation.target}{weight}{mark}"


def _block(head: str, attributes: Sequence[Attribute], element: Node | Source) -> list[str]:
    lines = [head]
    for attribute in sorted(attributes, key=lambda a: a.rank):
        lines += ["  " + line for line in attribute_lines(attribute, getattr(element, attribute.field))]
    return lines


def _source(source: Source) -> list[str]:
    return _block(f"source {source.id} {escape_string(source.title)}", SOURCE_ATTRIBUTES, source)


def _node(node: Node, relations: Sequence[Relation]) -> list[str]:
    if node.kind is NodeKind.ARGUMENT:
        head = f"{ARGUMENT} {node.id}" + (f" {escape_string(node.text)}" if node.text else "")
        lines = _block(head, ARGUMENT_ATTRIBUTES, node)
    else:
        lines = _block(f"{node.kind.value} {node.id} {escape_string(node.text)}", NODE_ATTRIBUTES, node)
    return lines + ["  " + relation_line(r) for r in relations]


def write_map(argmap: Map, header_comments: tuple[str, ...] = ()) -> str:
    """The map as canonical .arg text. ``header_comments`` (without ``#``) go on top."""
    from argmap.fmt import format_text

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
