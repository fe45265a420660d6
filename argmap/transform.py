"""Lark tokens -> model. The only module that sees Lark's types.

The transformer runs *inside* the LALR parser (Lark's ``transformer=`` option),
so no parse tree is built: each rule's callback gets its children and returns
model pieces straight away. Blocks are appended to a ``DocumentBuilder``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from argmap.model import (
    Citation,
    Comment,
    Expectation,
    ExpectedStatus,
    Grade,
    Include,
    Level,
    LinkRef,
    Map,
    Node,
    NodeKind,
    PartialDate,
    Rating,
    Relation,
    RelationKind,
    Section,
    Source,
    Span,
)

if TYPE_CHECKING:  # Lark is imported only when a file needs the LALR parser
    from lark import Token

__all__ = ["DocumentBuilder", "MapTransformer", "decode_string", "normalize_text", "slugify"]

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


def slugify(title: str) -> str:
    slug = re.sub(r"[^\w]+", "-", title.lower()).strip("-")
    return slug or "section"


def _end(token: Token) -> tuple[int, int]:
    return (token.end_line, token.end_column)  # type: ignore[return-value]


@functools.lru_cache(maxsize=4096)
def parse_partial_date(text: str) -> PartialDate:
    """``2016-11`` -> PartialDate (cached: a map repeats the same few months)."""
    parts = text.split("-")
    numbers = [int(p) if p.isdigit() else None for p in parts] + [None, None]
    return PartialDate(text=text, year=numbers[0], month=numbers[1], day=numbers[2])


@dataclass
class DocumentBuilder:
    """Collects one file's blocks in order while the parser reduces them."""

    file: str
    title: str | None = None
    title_span: Span | None = None
    description: str | None = None
    sources: list[Source] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    current_section: str | None = None
    _section_ids: set[str] = field(default_factory=set)

    def build(self) -> Map:
        return Map(
            title=self.title,
            description=self.description,
            sources=tuple(self.sources),
            sections=tuple(self.sections),
            nodes=tuple(self.nodes),
            relations=tuple(self.relations),
            expectations=tuple(self.expectations),
            includes=tuple(self.includes),
            comments=tuple(sorted(self.comments, key=lambda c: (c.span.line, c.span.column))),
            files=(self.file,),
            title_span=self.title_span,
        )


# Keyword text -> enum member (a dict lookup is several times faster than Enum(value)).
KIND_OF = {kind.value: kind for kind in NodeKind}
LEVEL_OF = {level.value: level for level in Level}
GRADE_OF = {grade.value: grade for grade in Grade}

# Attribute tags returned by the attribute callbacks to the block callbacks.
_TAGS, _ACTORS, _DATE, _CRED, _REL, _NOTE, _CITE, _RATES, _RELATIONS, _AUTHOR, _URL, _FILE = range(12)


class MapTransformer:
    """Rule callbacks, looked up by rule name (Lark's ``transformer=`` protocol;
    no Lark base class, so the line scanner can use them without importing
    Lark). ``builder`` is set before each parse (one per thread)."""

    builder: DocumentBuilder

    def __init__(self) -> None:
        self.builder = DocumentBuilder("<string>")

    # -- helpers
    def _span(self, first: Token, last: Token) -> Span:
        return Span(self.builder.file, first.line, first.column, last.end_line, last.end_column)  # type: ignore[arg-type]

    def _tspan(self, token: Token) -> Span:
        return Span(self.builder.file, token.line, token.column, token.end_line, token.end_column)  # type: ignore[arg-type]

    # -- header
    def title(self, children: list[Token]) -> None:
        self.builder.title = decode_string(children[0])
        self.builder.title_span = self._tspan(children[0])

    def description(self, children: list[Token]) -> None:
        self.builder.description = decode_string(children[0])

    def include(self, children: list[Token]) -> None:
        token = children[0]
        self.builder.includes.append(Include(decode_string(token), self._tspan(token)))

    # -- sections
    def section(self, children: list[Token]) -> None:
        if len(children) == 2:
            ident, title_token = children
            section_id, explicit, first = str(ident), True, ident
        else:
            title_token = children[0]
            section_id, explicit, first = slugify(decode_string(title_token)), False, title_token
            base, n = section_id, 2
            while section_id in self.builder._section_ids:
                section_id, n = f"{base}-{n}", n + 1
        self.builder._section_ids.add(section_id)
        span = Span(self.builder.file, first.line, first.column, title_token.end_line, title_token.end_column)  # type: ignore[arg-type]
        self.builder.sections.append(Section(section_id, decode_string(title_token), explicit, span))
        self.builder.current_section = section_id

    # -- expectations
    def expect(self, children: list[Token]) -> None:
        ident, status = children[0], children[1]
        semantics = str(children[2]) if len(children) > 2 else None
        self.builder.expectations.append(
            Expectation(
                node=str(ident),
                status=ExpectedStatus(str(status)),
                semantics=semantics,
                span=self._span(ident, children[-1]),
                node_span=self._tspan(ident),
            )
        )

    # -- attributes: each returns (tag, value, span-ish)
    def tags(self, children: list[Token]) -> tuple[Any, ...]:
        return (_TAGS, tuple(str(c) for c in children), _end(children[-1]))

    def actors(self, children: list[Token]) -> tuple[Any, ...]:
        names = tuple(decode_string(c) if c.type == "STRING" else str(c) for c in children)
        return (_ACTORS, names, _end(children[-1]))

    def date(self, children: list[Token]) -> tuple[Any, ...]:
        token = children[0]
        return (_DATE, parse_partial_date(str(token)), _end(token), self._tspan(token))

    def credibility(self, children: list[Token]) -> tuple[Any, ...]:
        return (_CRED, LEVEL_OF[children[0]], _end(children[0]))

    def relevance(self, children: list[Token]) -> tuple[Any, ...]:
        return (_REL, LEVEL_OF[children[0]], _end(children[0]))

    def note(self, children: list[Token]) -> tuple[Any, ...]:
        return (_NOTE, decode_string(children[0]), _end(children[0]))

    def author(self, children: list[Token]) -> tuple[Any, ...]:
        return (_AUTHOR, decode_string(children[0]), _end(children[0]))

    def url(self, children: list[Token]) -> tuple[Any, ...]:
        return (_URL, decode_string(children[0]), _end(children[0]))

    def file(self, children: list[Token]) -> tuple[Any, ...]:
        return (_FILE, decode_string(children[0]), _end(children[0]), self._tspan(children[0]))

    def cite(self, children: list[Token]) -> tuple[Any, ...]:
        source = children[0]
        locator: str | None = None
        quote: str | None = None
        quote_span: Span | None = None
        rest = children[1:]
        if rest and rest[0].type == "LOCATOR":
            locator = str(rest[0])
            rest = rest[1:]
        elif len(rest) == 2:  # two strings: "locator" "quotation"
            locator = decode_string(rest[0])
            rest = rest[1:]
        if rest:
            quote = decode_string(rest[0])
            quote_span = self._tspan(rest[0])
        last = children[-1]
        return (
            _CITE,
            Citation(
                source=str(source),
                locator=locator,
                quote=quote,
                span=self._span(source, last),
                source_span=self._tspan(source),
                quote_span=quote_span,
            ),
            _end(last),
        )

    def target(self, children: list[Token]) -> tuple[Token, float | None, Token]:
        weight = float(children[1]) if len(children) > 1 else None
        return (children[0], weight, children[-1])

    def supports(self, children: list[Any]) -> tuple[Any, ...]:
        return (_RELATIONS, (RelationKind.SUPPORTS, children), _end(children[-1][-1]))

    def attacks(self, children: list[Any]) -> tuple[Any, ...]:
        return (_RELATIONS, (RelationKind.ATTACKS, children), _end(children[-1][-1]))

    def contradicts(self, children: list[Any]) -> tuple[Any, ...]:
        return (_RELATIONS, (RelationKind.CONTRADICTS, children), _end(children[-1][-1]))

    def undercuts(self, children: list[Token]) -> tuple[Any, ...]:
        return (_RELATIONS, (RelationKind.UNDERCUTS, [tuple(children)]), _end(children[-1]))

    def rating(self, children: list[Token]) -> Rating:
        return Rating(str(children[0]), GRADE_OF[children[1]], self._span(children[0], children[1]))

    def rates(self, children: list[Rating]) -> tuple[Any, ...]:
        last = children[-1].span
        return (_RATES, tuple(children), (last.end_line, last.end_column))

    # -- blocks
    def source(self, children: list[Any]) -> None:
        ident, title_token = children[0], children[1]
        author = url = path = None
        date = date_span = file_span = None
        notes: list[str] = []
        end = _end(title_token)
        for attr in children[2:]:
            tag = attr[0]
            end = attr[2]
            if tag == _AUTHOR:
                author = attr[1]
            elif tag == _DATE:
                date, date_span = attr[1], attr[3]
            elif tag == _URL:
                url = attr[1]
            elif tag == _FILE:
                path, file_span = attr[1], attr[3]
            elif tag == _NOTE:
                notes.append(attr[1])
        self.builder.sources.append(
            Source(
                id=str(ident),
                title=decode_string(title_token),
                author=author,
                date=date,
                url=url,
                file=path,
                notes=tuple(notes),
                span=Span(self.builder.file, ident.line, ident.column, end[0], end[1]),
                id_span=self._tspan(ident),
                date_span=date_span,
                file_span=file_span,
            )
        )

    def node(self, children: list[Any]) -> None:
        kind_token, ident, text_token = children[0], children[1], children[2]
        node_id = str(ident)
        tags: list[str] = []
        actors: list[str] = []
        notes: list[str] = []
        citations: list[Citation] = []
        ratings: list[Rating] = []
        date = date_span = credibility = relevance = None
        relations = self.builder.relations
        file = self.builder.file
        end = _end(text_token)
        for attr in children[3:]:
            tag = attr[0]
            end = attr[2]
            if tag == _RELATIONS:
                kind, items = attr[1]
                for item in items:
                    if kind is RelationKind.UNDERCUTS:
                        link_source, link_target = item[0], item[1]
                        weight = float(item[2]) if len(item) > 2 else None
                        link = LinkRef(
                            str(link_source),
                            str(link_target),
                            self._span(link_source, link_target),
                            self._tspan(link_source),
                            self._tspan(link_target),
                        )
                        relations.append(
                            Relation(kind, node_id, None, link, weight, self._span(link_source, item[-1]), link.span)
                        )
                    else:
                        target_token, weight, last = item
                        line, column = target_token.line, target_token.column
                        target_span = Span(file, line, column, target_token.end_line, target_token.end_column)
                        span = target_span if last is target_token else Span(
                            file, line, column, last.end_line, last.end_column
                        )
                        relations.append(Relation(kind, node_id, str(target_token), None, weight, span, target_span))
            elif tag == _TAGS:
                tags.extend(attr[1])
            elif tag == _ACTORS:
                actors.extend(attr[1])
            elif tag == _DATE:
                date, date_span = attr[1], attr[3]
            elif tag == _CITE:
                citations.append(attr[1])
            elif tag == _RATES:
                ratings.extend(attr[1])
            elif tag == _NOTE:
                notes.append(attr[1])
            elif tag == _CRED:
                credibility = attr[1]
            elif tag == _REL:
                relevance = attr[1]
        self.builder.nodes.append(
            Node(
                id=node_id,
                kind=KIND_OF[kind_token],
                text=decode_string(text_token),
                section=self.builder.current_section,
                tags=tuple(tags),
                actors=tuple(actors),
                date=date,
                credibility=credibility,
                relevance=relevance,
                notes=tuple(notes),
                citations=tuple(citations),
                ratings=tuple(ratings),
                span=Span(file, kind_token.line, kind_token.column, end[0], end[1]),
                id_span=self._tspan(ident),
                date_span=date_span,
            )
        )

    def start(self, children: list[Any]) -> None:
        return None
