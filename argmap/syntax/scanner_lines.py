"""The line scanner's general readers: every line shape it accepts, one value
shape at a time (see :class:`argmap.syntax.keywords.Shape`), with the
grammar's terminals as regular expressions.

:mod:`argmap.syntax.scanner` reads the most common shapes with one expression
per line and hands every other line here (trailing comments, quoted actors,
two quoted strings in a ``cite``, sources, sections, ...). See that module for
why a line read here means what it means to the LALR parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from argmap.model import CriticalAnswer, Inference, LinkRef, NodeKind, Rating, RelationKind, Span
from argmap.syntax.builder import (
    ARGUMENT_LAYOUT,
    D_END,
    D_ID,
    NODE_LAYOUT,
    SOURCE_LAYOUT,
    DocumentBuilder,
    Draft,
    DraftLayout,
    new_citation,
    new_relation,
)
from argmap.syntax.keywords import (
    ARGUMENT_ATTRIBUTE_OF,
    ARGUMENT_RELATIONS,
    ATTRIBUTE_OF,
    INFERRED_MARK,
    KEYWORDS,
    RELATION_OF,
    RELATION_SYNTAX,
    SOURCE_ATTRIBUTE_OF,
    Attribute,
    Shape,
)
from argmap.syntax.terminals import (
    CREDIBILITY_GRADE,
    DATE,
    GRADE,
    ID,
    LEVEL,
    LOCATOR,
    NUMBER,
    RELIABILITY_GRADE,
    SEMANTICS,
    STATUS,
    STRING,
)
from argmap.syntax.text import decode_string, parse_partial_date
from argmap.syntax.transform import CREDIBILITY_OF, GRADE_OF, LEVEL_OF, RELIABILITY_OF, MapTransformer, Token

__all__ = ["NotInLayout", "LineReaders", "S", "O", "token"]


class NotInLayout(Exception):
    """The file is not (entirely) in the layout the scanner reads: use the LALR parser."""


S = r"[ \t]+"  # between two words
O = r"[ \t]*"  # around punctuation and before a quote  # noqa: E741
_END = re.compile(r"[ \t\r]*(#[^\n]*)?(?:\n|\Z)")
_ID_STRING = re.compile(f"{S}({ID}){O}({STRING})", re.S)
_SECTION = re.compile(f"(?:{S}({ID}))?{O}({STRING})", re.S)
_STRING_ONLY = re.compile(f"{O}({STRING})", re.S)
_EXPECT = re.compile(f"{S}({ID}){S}({STATUS})(?:{S}under{S}({SEMANTICS}))?")
_IDS = re.compile(f"{S}({ID}(?:{O},{O}{ID})*)")
ID_ONLY = re.compile(ID)
_DATE = re.compile(f"{S}({DATE})")
_LEVEL = re.compile(f"{S}({LEVEL})")
_CREDIBILITY = re.compile(f"{S}({LEVEL}|{CREDIBILITY_GRADE})")
_RELIABILITY = re.compile(f"{S}({RELIABILITY_GRADE})")
_ONE_ID = re.compile(f"{S}({ID})")
_FLAG_REASON = re.compile(f"{O}({STRING})", re.S)
_ANSWER = re.compile(f"{S}({ID}){O}({STRING})", re.S)
_MARK = f"{S}({re.escape(INFERRED_MARK)})"
_TARGET = re.compile(f"({ID})(?:{S}weight{S}({NUMBER}))?(?:{_MARK})?")
_FIRST = re.compile(S)
_COMMA = re.compile(f"{O},{O}")
_LINK = re.compile(f"{S}({ID})(?:{O}->{O}({ID}))?(?:{S}weight{S}({NUMBER}))?(?:{_MARK})?")
_ARGUMENT_HEAD = re.compile(f"{S}({ID})(?:{O}({STRING}))?", re.S)
_RATING = re.compile(f"({ID}){S}({GRADE})")
_NAME = re.compile(f"({ID})|({STRING})", re.S)
_CITE_SOURCE = re.compile(f"{S}({ID})")
# A locator that starts like a keyword is lexed as that keyword by the LALR
# parser, so the scanner gives up there.
NOT_KEYWORD = f"(?!(?:{'|'.join(KEYWORDS)})\\b)"
_LOCATOR = re.compile(f"{S}{NOT_KEYWORD}({LOCATOR})")
_QUOTE = re.compile(f"{O}({STRING})", re.S)


def token(text: str, type_: str, start: int, end: int, line: int, line_start: int) -> Token:
    made = Token(text[start:end])
    made.type, made.start_pos, made.line, made.column = type_, start, line, start - line_start + 1
    newlines = text.count("\n", start, end)
    if newlines:
        made.end_line, made.end_column = line + newlines, end - text.rindex("\n", start, end)
    else:
        made.end_line, made.end_column = line, end - line_start + 1
    return made


def span_of(text: str, file: str, start: int, end: int, line: int, line_start: int) -> Span:
    newlines = text.count("\n", start, end)
    if newlines:
        return Span(file, line, start - line_start + 1, line + newlines, end - text.rindex("\n", start, end))
    return Span(file, line, start - line_start + 1, line, end - line_start + 1)


# (position after the value, its line, that line's start, the value, the value's span)
_Read = tuple[int, int, int, Any, Any]  # ..., the value's span (a list of spans for a list of ids)


class LineReaders:
    """The per-shape readers; :class:`argmap.syntax.scanner.Scanner` runs them."""

    text: str
    file: str
    builder: DocumentBuilder
    transformer: MapTransformer
    comments: list[Any]

    def after(self, start: int, end: int, line: int, line_start: int) -> tuple[int, int]:
        """(line, line start) after a token that may span lines."""
        newlines = self.text.count("\n", start, end)
        if newlines:
            return line + newlines, self.text.rindex("\n", start, end) + 1
        return line, line_start

    # ------------------------------------------------------------ attributes
    def attribute(self, word: str, at: int, line: int, line_start: int, draft: Draft,
                  layout: DraftLayout = NODE_LAYOUT) -> tuple[int, int, int]:
        """An attribute or relation line of a node or source; returns (end, line, line start)."""
        kind = RELATION_OF.get(word) if layout is not SOURCE_LAYOUT else None
        if kind is not None and layout is ARGUMENT_LAYOUT and RELATION_SYNTAX[kind] not in ARGUMENT_RELATIONS:
            raise NotInLayout  # a relation an argument does not take: the LALR parser reports it
        if kind is not None:
            if RELATION_SYNTAX[kind].shape is Shape.LINK:
                at = self._link(kind, at, line, line_start, draft)
            else:
                at = self.items(at, lambda at: self.target(kind, at, line, line_start, draft))
            draft[D_END] = (line, at - line_start + 1)
            return at, line, line_start
        table = (ATTRIBUTE_OF if layout is NODE_LAYOUT else ARGUMENT_ATTRIBUTE_OF if layout is ARGUMENT_LAYOUT
                 else SOURCE_ATTRIBUTE_OF)
        attribute = table.get(word)
        if attribute is None:
            raise NotInLayout
        at, line, line_start, value, value_span = self._value(attribute, at, line, line_start)
        layout.apply(draft, word, value, value_span)
        draft[D_END] = (line, at - line_start + 1)
        return at, line, line_start

    def _value(self, attribute: Attribute, at: int, line: int, line_start: int) -> _Read:
        text, file, shape = self.text, self.file, attribute.shape
        if shape is Shape.TEXT:
            t = _STRING_ONLY.match(text, at)
            if t is None:
                raise NotInLayout
            s, at = t.span(1)
            value_span = span_of(text, file, s, at, line, line_start)
            line, line_start = self.after(s, at, line, line_start)
            return at, line, line_start, decode_string(t.group(1)), value_span
        if shape is Shape.ID:
            t = _ONE_ID.match(text, at)
            if t is None:
                raise NotInLayout
            return t.end(), line, line_start, t.group(1), None
        if shape is Shape.CREDIBILITY or shape is Shape.RELIABILITY:
            t = (_CREDIBILITY if shape is Shape.CREDIBILITY else _RELIABILITY).match(text, at)
            if t is None:
                raise NotInLayout
            table: dict[str, Any] = CREDIBILITY_OF if shape is Shape.CREDIBILITY else RELIABILITY_OF
            return t.end(), line, line_start, table[t.group(1)], None
        if shape is Shape.FLAG:  # `inferred`, or `inferred "why"`
            keyword_start = at - len(attribute.keyword)
            t = _FLAG_REASON.match(text, at)
            reason = None
            if t is not None:
                s, at = t.span(1)
                reason = decode_string(t.group(1))
                end_line, end_start = self.after(s, at, line, line_start)
            else:
                end_line, end_start = line, line_start
            flag_span = Span(file, line, keyword_start - line_start + 1, end_line, at - end_start + 1)
            return at, end_line, end_start, Inference(reason, flag_span), None
        if shape is Shape.ANSWER:
            t = _ANSWER.match(text, at)
            if t is None:
                raise NotInLayout
            (q, _), (s, at) = t.span(1), t.span(2)
            end_line, end_start = self.after(s, at, line, line_start)
            answer_span = Span(file, line, q - line_start + 1, end_line, at - end_start + 1)
            return at, end_line, end_start, CriticalAnswer(t.group(1), decode_string(t.group(2)), answer_span), None
        if shape is Shape.IDS:
            t = _IDS.match(text, at)
            if t is None:
                raise NotInLayout
            values = t.group(1)
            if attribute.span_field is not None:  # where each id is written
                found = list(ID_ONLY.finditer(text, t.start(1), t.end(1)))
                spans = [Span(file, line, f.start() - line_start + 1, line, f.end() - line_start + 1) for f in found]
                return t.end(), line, line_start, [f.group() for f in found], spans
            return t.end(), line, line_start, ID_ONLY.findall(values) if "," in values else (values,), None
        if shape is Shape.DATE:
            t = _DATE.match(text, at)
            if t is None:
                raise NotInLayout
            s, at = t.span(1)
            value_span = Span(file, line, s - line_start + 1, line, at - line_start + 1)
            return at, line, line_start, parse_partial_date(t.group(1)), value_span
        if shape is Shape.LEVEL:
            t = _LEVEL.match(text, at)
            if t is None:
                raise NotInLayout
            return t.end(), line, line_start, LEVEL_OF[t.group(1)], None
        if shape is Shape.NAMES:
            return self._names(at, line, line_start)
        if shape is Shape.CITATION:
            return self._cite(at, line, line_start)
        if shape is Shape.RATINGS:
            ratings: list[Rating] = []

            def rating(at: int) -> int:
                t = _RATING.match(text, at)
                if t is None:
                    raise NotInLayout
                s, end = t.span()
                ratings.append(Rating(t.group(1), GRADE_OF[t.group(2)],
                                      Span(file, line, s - line_start + 1, line, end - line_start + 1)))
                return end

            return self.items(at, rating), line, line_start, ratings, None
        raise NotInLayout  # a shape the scanner does not read: the LALR parser does

    def target(self, kind: RelationKind, at: int, line: int, line_start: int, draft: Draft) -> int:
        """One target (``b`` or ``b weight 0.5``) of a relation line; returns its end."""
        t = _TARGET.match(self.text, at)
        if t is None:
            raise NotInLayout
        file = self.file
        s, e = t.span(1)
        target_span = Span(file, line, s - line_start + 1, line, e - line_start + 1)
        weight: Any = t.group(2)
        inferred = t.group(3) is not None
        if weight is None and not inferred:
            span = target_span
        else:
            span = Span(file, line, s - line_start + 1, line, t.end() - line_start + 1)
            if weight is not None:
                weight = float(weight)
        self.builder.relations.append(new_relation(kind, draft[D_ID], t.group(1), None, weight, inferred, span,
                                                   target_span))
        return t.end()

    def more_targets(self, kind: RelationKind, at: int, line: int, line_start: int, draft: Draft) -> int:
        """The targets after the first one (``supports a, b weight 0.5``); returns the end."""
        while (comma := _COMMA.match(self.text, at)) is not None:
            at = self.target(kind, comma.end(), line, line_start, draft)
        return at

    def _link(self, kind: RelationKind, at: int, line: int, line_start: int, draft: Draft) -> int:
        t = _LINK.match(self.text, at)
        if t is None:
            raise NotInLayout
        file = self.file
        a, a_end = t.span(1)
        a_span = Span(file, line, a - line_start + 1, line, a_end - line_start + 1)
        weight = None if t.group(3) is None else float(t.group(3))
        inferred = t.group(4) is not None
        at = t.end()
        span = Span(file, line, a - line_start + 1, line, at - line_start + 1)
        if t.group(2) is None:  # `undercuts ARGUMENT`: the argument is the target
            self.builder.relations.append(new_relation(
                kind, draft[D_ID], t.group(1), None, weight, inferred, span, a_span))
            return at
        b, b_end = t.span(2)
        b_span = Span(file, line, b - line_start + 1, line, b_end - line_start + 1)
        link_span = Span(file, line, a - line_start + 1, line, b_end - line_start + 1)
        link = LinkRef(t.group(1), t.group(2), link_span, a_span, b_span)
        self.builder.relations.append(new_relation(kind, draft[D_ID], None, link, weight, inferred, span, link_span))
        return at

    def line_end(self, at: int, line: int, line_start: int) -> int:
        """Past the end of the line at ``at``: blanks, a comment (kept), the line break."""
        e = _END.match(self.text, at)
        if e is None:
            raise NotInLayout
        if e.start(1) >= 0:
            self.comments.append(token(self.text, "COMMENT", e.start(1), e.end(1), line, line_start))
        return e.end()

    def _names(self, at: int, line: int, line_start: int) -> _Read:
        names: list[str] = []
        where = [line, line_start]  # quoted names may run over several lines

        def name(at: int) -> int:
            t = _NAME.match(self.text, at)
            if t is None:
                raise NotInLayout
            if t.group(1) is not None:
                names.append(t.group(1))
            else:
                names.append(decode_string(t.group(2)))
                where[:] = self.after(at, t.end(), where[0], where[1])
            return t.end()

        at = self.items(at, name)
        return at, where[0], where[1], names, None

    def items(self, at: int, read: Callable[[int], int]) -> int:
        """A comma-separated list after a keyword: ``read(position)`` reads one
        item and returns its end; returns the end of the last."""
        first = _FIRST.match(self.text, at)
        if first is None:
            raise NotInLayout
        at = read(first.end())
        while (comma := _COMMA.match(self.text, at)) is not None:
            at = read(comma.end())
        return at

    def _cite(self, at: int, line: int, line_start: int) -> _Read:
        text, file = self.text, self.file
        t = _CITE_SOURCE.match(text, at)
        if t is None:
            raise NotInLayout
        s, at = t.span(1)
        source_span = Span(file, line, s - line_start + 1, line, at - line_start + 1)
        first_line, first_column = line, s - line_start + 1
        locator = quote = quote_span = None
        loc = _LOCATOR.match(text, at)
        if loc is not None:
            locator = loc.group(1)
            at = loc.end()
        q = _QUOTE.match(text, at)
        if q is not None:
            qs, at = q.span(1)
            quote_span = span_of(text, file, qs, at, line, line_start)
            quote = decode_string(q.group(1))
            line, line_start = self.after(qs, at, line, line_start)
            if locator is None:
                second = _QUOTE.match(text, at)
                if second is not None:  # two strings: "locator" "quotation"
                    locator = quote
                    qs, at = second.span(1)
                    quote_span = span_of(text, file, qs, at, line, line_start)
                    quote = decode_string(second.group(1))
                    line, line_start = self.after(qs, at, line, line_start)
        citation = new_citation(t.group(1), locator, quote,
                                Span(file, first_line, first_column, line, at - line_start + 1),
                                source_span, quote_span)
        return at, line, line_start, citation, None

    # ------------------------------------------------------------ rare blocks
    def source_head(self, at: int, line: int, line_start: int) -> tuple[Draft, int, int, int]:
        """``source ID "Title"`` after its keyword: a source draft, (end, line, line start)."""
        text, file = self.text, self.file
        h = _ID_STRING.match(text, at)
        if h is None:
            raise NotInLayout
        (i, i_end), (s, e) = h.span(1), h.span(2)
        id_span = Span(file, line, i - line_start + 1, line, i_end - line_start + 1)
        start = (line, i - line_start + 1)  # a source's span starts at its id
        title = decode_string(h.group(2))
        line, line_start = self.after(s, e, line, line_start)
        draft = SOURCE_LAYOUT.new(h.group(1), None, title, start, id_span, (line, e - line_start + 1))
        return draft, h.end(), line, line_start

    def argument_head(self, keyword_at: int, at: int, line: int, line_start: int) -> tuple[Draft, int, int, int]:
        """``argument ID ["text"]`` after its keyword: an argument draft, (end, line, line start)."""
        text, file = self.text, self.file
        h = _ARGUMENT_HEAD.match(text, at)
        if h is None:
            raise NotInLayout
        i, i_end = h.span(1)
        id_span = Span(file, line, i - line_start + 1, line, i_end - line_start + 1)
        start = (line, keyword_at - line_start + 1)
        if h.group(2) is None:
            draft = ARGUMENT_LAYOUT.new(h.group(1), NodeKind.ARGUMENT, "", start, id_span, (line, i_end - line_start + 1))
            return draft, h.end(), line, line_start
        s, e = h.span(2)
        line, line_start = self.after(s, e, line, line_start)
        draft = ARGUMENT_LAYOUT.new(h.group(1), NodeKind.ARGUMENT, decode_string(h.group(2)), start, id_span,
                                    (line, e - line_start + 1))
        return draft, h.end(), line, line_start

    def other_block(self, word: str, at: int, line: int, line_start: int) -> tuple[int, int, int]:
        """title, description, include, section, expect: the transformer builds them."""
        text, transformer = self.text, self.transformer
        if word == "expect":
            t = _EXPECT.match(text, at)
            if t is None:
                raise NotInLayout
            children = [token(text, "ID", *t.span(1), line, line_start),
                        token(text, "STATUS", *t.span(2), line, line_start)]
            if t.group(3) is not None:
                children.append(token(text, "SEMANTICS", *t.span(3), line, line_start))
            transformer.expect(children)
            return t.end(), line, line_start
        t = (_SECTION if word == "section" else _STRING_ONLY).match(text, at)
        if t is None:
            raise NotInLayout
        children = []
        if word == "section" and t.group(1) is not None:
            children.append(token(text, "ID", *t.span(1), line, line_start))
        children.append(token(text, "STRING", *t.span(2 if word == "section" else 1), line, line_start))
        getattr(transformer, word)(children)
        line, line_start = self.after(t.start(), t.end(), line, line_start)
        return t.end(), line, line_start
