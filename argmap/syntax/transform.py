"""Lark tokens -> drafts -> model. The only module that sees Lark's types.

The transformer runs *inside* the LALR parser (Lark's ``transformer=`` option),
so no parse tree is built: each rule's callback gets its children and returns
model pieces straight away. The attribute callbacks are made from the keyword
tables (one per attribute keyword, by the shape of its value), and blocks go
to the :class:`~argmap.syntax.builder.DocumentBuilder` as drafts, like the
line scanner's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from argmap.model import (
    Citation,
    Credibility,
    CriticalAnswer,
    Expectation,
    ExpectedStatus,
    Grade,
    Include,
    Inference,
    Level,
    LinkRef,
    NodeKind,
    Rating,
    RelationKind,
    Reliability,
    Span,
)
from argmap.syntax.builder import (
    ARGUMENT_LAYOUT,
    D_END,
    KIND_OF,
    NODE_LAYOUT,
    SOURCE_LAYOUT,
    DocumentBuilder,
    DraftLayout,
    new_relation,
)
from argmap.syntax.keywords import (
    ARGUMENT_ATTRIBUTES,
    NODE_ATTRIBUTES,
    RELATIONS,
    SOURCE_ATTRIBUTES,
    Attribute,
    Shape,
)
from argmap.syntax.text import decode_string, parse_partial_date

__all__ = ["MapTransformer", "Token", "LEVEL_OF", "GRADE_OF"]


class Token(str):
    """What the callbacks read of a token: Lark's tokens on the LALR path, and
    tokens the line scanner makes for the rare blocks it hands over (so
    neither path needs Lark's types, and Lark is imported only when used)."""

    type: str
    start_pos: int
    line: int
    column: int
    end_line: int
    end_column: int


# Keyword text -> enum member (a dict lookup is several times faster than Enum(value)).
LEVEL_OF = {level.value: level for level in Level}
GRADE_OF = {grade.value: grade for grade in Grade}
CREDIBILITY_OF = {c.value: c for c in Credibility}
RELIABILITY_OF = {r.value: r for r in Reliability}

_RELATION = object()  # the tag of a relation line among a node's attribute values


def _end(token: Token) -> tuple[int, int]:
    return (token.end_line, token.end_column)


class MapTransformer:
    """Rule callbacks, looked up by rule name (Lark's ``transformer=`` protocol;
    no Lark base class, so the line scanner can use them without importing
    Lark). ``builder`` is set before each parse (one per thread). The attribute
    and relation callbacks are added below, from the keyword tables."""

    builder: DocumentBuilder

    def __init__(self) -> None:
        self.builder = DocumentBuilder("<string>")

    # -- helpers
    def span(self, first: Token, last: Token) -> Span:
        return Span(self.builder.file, first.line, first.column, last.end_line, last.end_column)

    def token_span(self, token: Token) -> Span:
        return Span(self.builder.file, token.line, token.column, token.end_line, token.end_column)

    # -- header
    def title(self, children: list[Token]) -> None:
        self.builder.title = decode_string(children[0])
        self.builder.title_span = self.token_span(children[0])

    def description(self, children: list[Token]) -> None:
        self.builder.description = decode_string(children[0])

    def include(self, children: list[Token]) -> None:
        token = children[0]
        self.builder.includes.append(Include(decode_string(token), self.token_span(token)))

    def section(self, children: list[Token]) -> None:
        title_token = children[-1]
        first = children[0]
        span = Span(self.builder.file, first.line, first.column, title_token.end_line, title_token.end_column)
        section_id = str(children[0]) if len(children) == 2 else None
        self.builder.add_section(section_id, decode_string(title_token), span)

    def expect(self, children: list[Token]) -> None:
        ident, status = children[0], children[1]
        semantics = str(children[2]) if len(children) > 2 else None
        self.builder.expectations.append(
            Expectation(
                node=str(ident),
                status=ExpectedStatus(str(status)),
                semantics=semantics,
                span=self.span(ident, children[-1]),
                node_span=self.token_span(ident),
            )
        )

    # -- pieces of attributes
    def target(self, children: list[Token]) -> tuple[Token, float | None, bool, Token]:
        """(the target, its weight, whether it is marked (inferred), the last token)."""
        inferred = children[-1].type == "INFERRED_MARK"
        numbers = children[1:-1] if inferred else children[1:]
        weight = float(numbers[0]) if numbers else None
        return (children[0], weight, inferred, children[-1])

    def rating(self, children: list[Token]) -> Rating:
        return Rating(str(children[0]), GRADE_OF[children[1]], self.span(children[0], children[1]))

    def citation(self, children: list[Token]) -> Citation:
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
            quote_span = self.token_span(rest[0])
        return Citation(source=str(source), locator=locator, quote=quote, span=self.span(source, children[-1]),
                        source_span=self.token_span(source), quote_span=quote_span)

    # -- blocks
    def source(self, children: list[Any]) -> None:
        ident, title_token = children[0], children[1]
        start = (ident.line, ident.column)  # a source's span starts at its id
        draft = SOURCE_LAYOUT.new(str(ident), None, decode_string(title_token), start, self.token_span(ident),
                                  _end(title_token))
        for keyword, value, value_span, end in children[2:]:
            SOURCE_LAYOUT.apply(draft, keyword, value, value_span)
            draft[D_END] = end
        self.builder.add_source(draft)

    def node(self, children: list[Any]) -> None:
        kind_token, ident, text_token = children[0], children[1], children[2]
        draft = NODE_LAYOUT.new(str(ident), KIND_OF[kind_token], decode_string(text_token),
                                (kind_token.line, kind_token.column), self.token_span(ident), _end(text_token))
        self._block(draft, NODE_LAYOUT, children[3:])

    def argument(self, children: list[Any]) -> None:
        keyword, ident = children[0], children[1]
        has_text = len(children) > 2 and getattr(children[2], "type", "") == "STRING"
        text_token = children[2] if has_text else None
        rest = children[3:] if has_text else children[2:]
        start = (keyword.line, keyword.column)
        draft = ARGUMENT_LAYOUT.new(str(ident), NodeKind.ARGUMENT,
                                    decode_string(text_token) if text_token is not None else "",
                                    start, self.token_span(ident), _end(text_token or ident))
        self._block(draft, ARGUMENT_LAYOUT, rest)

    def _block(self, draft: list[Any], layout: DraftLayout, attributes: list[Any]) -> None:
        node_id = draft[0]
        for keyword, value, value_span, end in attributes:
            if keyword is _RELATION:
                self._relations(node_id, *value)
            else:
                layout.apply(draft, keyword, value, value_span)
            draft[D_END] = end
        self.builder.add_node(draft, layout)

    def _relations(self, node_id: str, kind: RelationKind, shape: Shape, items: list[Any]) -> None:
        relations, file = self.builder.relations, self.builder.file
        for item in items:
            if shape is Shape.TARGETS:
                target_token, weight, inferred, last = item
                target_span = self.token_span(target_token)
                span = target_span if last is target_token else Span(
                    file, target_token.line, target_token.column, last.end_line, last.end_column)
                relations.append(new_relation(kind, node_id, str(target_token), None, weight, inferred, span,
                                              target_span))
                continue
            # an undercut: a -> b [weight] [(inferred)], or an argument's id
            inferred = item[-1].type == "INFERRED_MARK"
            parts = item[:-1] if inferred else item
            ids = [t for t in parts if t.type == "ID"]
            numbers = [t for t in parts if t.type == "NUMBER"]
            weight = float(numbers[0]) if numbers else None
            span = self.span(item[0], item[-1])
            if len(ids) == 2:
                link = LinkRef(str(ids[0]), str(ids[1]), self.span(ids[0], ids[1]),
                               self.token_span(ids[0]), self.token_span(ids[1]))
                relations.append(new_relation(kind, node_id, None, link, weight, inferred, span, link.span))
            else:
                relations.append(new_relation(kind, node_id, str(ids[0]), None, weight, inferred, span,
                                              self.token_span(ids[0])))

    def start(self, children: list[Any]) -> None:
        return None


# ---------------------------------------------------------------- attribute callbacks
# Each returns (keyword, value, the value's span or None, (line, column) where it ends).

def _value_reader(shape: Shape) -> Callable[[MapTransformer, list[Any]], tuple[Any, Any]]:
    """The value of an attribute line of ``shape``, from its rule's children."""
    if shape is Shape.TEXT:
        return lambda self, c: (decode_string(c[0]), self.token_span(c[0]))
    if shape is Shape.ID:
        return lambda self, c: (str(c[0]), None)
    if shape is Shape.CREDIBILITY:
        return lambda self, c: (CREDIBILITY_OF[c[0]], None)
    if shape is Shape.RELIABILITY:
        return lambda self, c: (RELIABILITY_OF[c[0]], None)
    if shape is Shape.FLAG:  # the kept keyword, then an optional reason
        return lambda self, c: (Inference(decode_string(c[1]) if len(c) > 1 else None, self.span(c[0], c[-1])),
                                None)
    if shape is Shape.ANSWER:
        return lambda self, c: (CriticalAnswer(str(c[0]), decode_string(c[1]), self.span(c[0], c[1])), None)
    if shape is Shape.IDS:  # the values, and where each is written
        return lambda self, c: (tuple(str(t) for t in c), tuple(self.token_span(t) for t in c))
    if shape is Shape.NAMES:
        return lambda self, c: (tuple(decode_string(t) if t.type == "STRING" else str(t) for t in c), None)
    if shape is Shape.DATE:
        return lambda self, c: (parse_partial_date(str(c[0])), self.token_span(c[0]))
    if shape is Shape.LEVEL:
        return lambda self, c: (LEVEL_OF[c[0]], None)
    if shape is Shape.CITATION:
        return lambda self, c: (self.citation(c), None)
    if shape is Shape.RATINGS:
        return lambda self, c: (tuple(c), None)
    raise TypeError(f"no reader for attribute values of shape {shape}")  # pragma: no cover - tested complete


def _last_end(children: list[Any]) -> tuple[int, int]:
    last = children[-1]
    if isinstance(last, (Rating, Citation)):
        return (last.span.end_line, last.span.end_column)
    return _end(last)


def _attribute_callback(attribute: Attribute) -> Callable[[MapTransformer, list[Any]], tuple[Any, ...]]:
    read = _value_reader(attribute.shape)
    keyword = attribute.keyword

    def callback(self: MapTransformer, children: list[Any]) -> tuple[Any, ...]:
        value, value_span = read(self, children)
        return (keyword, value, value_span, _last_end(children))

    callback.__name__ = keyword
    return callback


def _relation_callback(kind: RelationKind, shape: Shape) -> Callable[[MapTransformer, list[Any]], tuple[Any, ...]]:
    def callback(self: MapTransformer, children: list[Any]) -> tuple[Any, ...]:
        if shape is Shape.LINK:
            return (_RELATION, (kind, shape, [tuple(children)]), None, _end(children[-1]))
        return (_RELATION, (kind, shape, children), None, _end(children[-1][-1]))

    return callback


_BY_KEYWORD: dict[str, Attribute] = {}
for _attribute in NODE_ATTRIBUTES + ARGUMENT_ATTRIBUTES + SOURCE_ATTRIBUTES:
    # a keyword used by two blocks (date, note) is one grammar rule: one value shape
    if _BY_KEYWORD.setdefault(_attribute.keyword, _attribute).shape is not _attribute.shape:
        raise TypeError(f"attribute '{_attribute.keyword}' has two value shapes")  # pragma: no cover
for _attribute in _BY_KEYWORD.values():
    setattr(MapTransformer, _attribute.keyword, _attribute_callback(_attribute))
for _relation in RELATIONS:
    setattr(MapTransformer, _relation.keyword, _relation_callback(_relation.kind, _relation.shape))
