"""The line scanner's general readers: every line shape it accepts, one
keyword at a time, with the grammar's terminals as regular expressions.

:mod:`argmap.linescan` reads the most common shapes with one expression per
line and hands every other line here (trailing comments, quoted actors, two
quoted strings in a ``cite``, sources, sections, ...). See that module for
why a line read here means what it means to the LALR parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from argmap.model import (
    ID_REGEX,
    Citation,
    LinkRef,
    Node,
    NodeKind,
    Rating,
    Relation,
    RelationKind,
    Span,
    positional_builder,
)
from argmap.parser import BLOCK_KEYWORDS, KEYWORDS, NODE_ATTRIBUTES, SOURCE_ATTRIBUTES
from argmap.transform import (
    GRADE_OF,
    LEVEL_OF,
    DocumentBuilder,
    MapTransformer,
    decode_string,
    parse_partial_date,
)

__all__ = ["NotInLayout", "LineReaders", "ID", "STRING", "DATE", "NUMBER", "LOCATOR", "LEVEL", "GRADE",
           "STATUS", "SEMANTICS", "KINDS", "KEYWORDS"]


class NotInLayout(Exception):
    """The file is not (entirely) in the layout the scanner reads: use the LALR parser."""


# The grammar's terminals (tests/test_linescan.py checks they equal the grammar's).
ID = ID_REGEX
STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
DATE = r"\d+(?:-\d+){0,2}"
NUMBER = r"\d+(?:\.\d+)?|\.\d+"
LOCATOR = r'[^\s"#,]+'
LEVEL = r"(?:low|medium|high)\b"
GRADE = r"(?:CC|C|N|II|I|NA)\b"
STATUS = r"(?:accepted|rejected|undecided|leads)\b"
SEMANTICS = r"(?:grounded|complete|preferred|stable)\b"
KINDS = tuple(kind.value for kind in NodeKind)
# KEYWORDS (argmap.parser): a locator that starts like one is lexed as that
# keyword by the LALR parser, so the scanner gives up there.

_S = r"[ \t]+"  # between two words
_O = r"[ \t]*"  # around punctuation and before a quote
_LEAD = re.compile(r"[ \t]*([a-z]+)\b")
_END = re.compile(r"[ \t\r]*(#[^\n]*)?(?:\n|\Z)")
_NODE_HEAD = re.compile(f"{_S}({ID}){_O}({STRING})", re.S)
_ID_STRING = re.compile(f"{_S}({ID}){_O}({STRING})", re.S)
_SECTION = re.compile(f"(?:{_S}({ID}))?{_O}({STRING})", re.S)
_STRING_ONLY = re.compile(f"{_O}({STRING})", re.S)
_EXPECT = re.compile(f"{_S}({ID}){_S}({STATUS})(?:{_S}under{_S}({SEMANTICS}))?")
_TAGS = re.compile(f"{_S}({ID}(?:{_O},{_O}{ID})*)")
_ID_ONLY = re.compile(ID)
_DATE = re.compile(f"{_S}({DATE})")
_LEVEL = re.compile(f"{_S}({LEVEL})")
_TARGET = re.compile(f"({ID})(?:{_S}weight{_S}({NUMBER}))?")
_FIRST = re.compile(_S)
_COMMA = re.compile(f"{_O},{_O}")
_UNDERCUT = re.compile(f"{_S}({ID}){_O}->{_O}({ID})(?:{_S}weight{_S}({NUMBER}))?")
_RATING = re.compile(f"({ID}){_S}({GRADE})")
_ACTOR = re.compile(f"({ID})|({STRING})", re.S)
_CITE_SOURCE = re.compile(f"{_S}({ID})")
_LOCATOR = re.compile(f"{_S}(?!(?:{'|'.join(KEYWORDS)})\\b)({LOCATOR})")
_QUOTE = re.compile(f"{_O}({STRING})", re.S)

_new_node, _new_relation, _new_citation = (positional_builder(c) for c in (Node, Relation, Citation))
_RELATION_OF = {"supports": RelationKind.SUPPORTS, "attacks": RelationKind.ATTACKS,
                "contradicts": RelationKind.CONTRADICTS}
_SOURCE_ATTRIBUTES = frozenset(SOURCE_ATTRIBUTES)


_NODE_WORDS = frozenset(NODE_ATTRIBUTES)
_BLOCK_WORDS = frozenset(BLOCK_KEYWORDS) - frozenset(KINDS)


# The node being read is a list (cheaper to fill than an object, line by line):
(N_ID, N_KIND, N_TEXT, N_HEAD, N_ID_SPAN, N_TAGS, N_ACTORS, N_DATE, N_DATE_SPAN, N_CREDIBILITY, N_RELEVANCE,
 N_NOTES, N_CITATIONS, N_RATINGS, N_END) = range(15)


def open_node(node_id: str, kind: NodeKind, text: str, head: tuple[int, int], id_span: Span,
              end: tuple[int, int]) -> list[Any]:
    """A node's list: id, kind, text, (line, column) of its keyword, id span,
    tags, actors, date, date span, credibility, relevance, notes, citations,
    ratings, (line, column) where it ends so far."""
    return [node_id, kind, text, head, id_span, [], [], None, None, None, None, [], [], [], end]


class _Token(str):
    """What the transformer's callbacks read of a Lark token (rare blocks only)."""

    type: str
    start_pos: int
    line: int
    column: int
    end_line: int
    end_column: int


def _token(text: str, type_: str, start: int, end: int, line: int, line_start: int) -> _Token:
    token = _Token(text[start:end])
    token.type, token.start_pos, token.line, token.column = type_, start, line, start - line_start + 1
    newlines = text.count("\n", start, end)
    if newlines:
        token.end_line, token.end_column = line + newlines, end - text.rindex("\n", start, end)
    else:
        token.end_line, token.end_column = line, end - line_start + 1
    return token


def _span_of(text: str, file: str, start: int, end: int, line: int, line_start: int) -> Span:
    newlines = text.count("\n", start, end)
    if newlines:
        return Span(file, line, start - line_start + 1, line + newlines, end - text.rindex("\n", start, end))
    return Span(file, line, start - line_start + 1, line, end - line_start + 1)



class LineReaders:
    """The per-keyword readers; :class:`argmap.linescan._Scanner` runs them."""

    text: str
    file: str
    builder: DocumentBuilder
    transformer: MapTransformer
    comments: list[Any]

    def _after(self, start: int, end: int, line: int, line_start: int) -> tuple[int, int]:
        """(line, line start) after a token that may span lines."""
        newlines = self.text.count("\n", start, end)
        if newlines:
            return line + newlines, self.text.rindex("\n", start, end) + 1
        return line, line_start

    # ------------------------------------------------------------------ nodes
    def _attribute(self, word: str, at: int, line: int, line_start: int, node: list[Any]) -> tuple[int, int, int]:
        text, file = self.text, self.file
        kind = _RELATION_OF.get(word)
        if kind is not None:
            at = self._items(at, lambda at: self._target(kind, at, line, line_start, node))
            node[N_END] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "tags":
            t = _TAGS.match(text, at)
            if t is None:
                raise NotInLayout
            tags = t.group(1)
            node[N_TAGS].extend(_ID_ONLY.findall(tags) if "," in tags else (tags,))
            at = t.end()
            node[N_END] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "date":
            t = _DATE.match(text, at)
            if t is None:
                raise NotInLayout
            s, at = t.span(1)
            node[N_DATE] = parse_partial_date(t.group(1))
            node[N_DATE_SPAN] = Span(file, line, s - line_start + 1, line, at - line_start + 1)
            node[N_END] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "credibility" or word == "relevance":
            t = _LEVEL.match(text, at)
            if t is None:
                raise NotInLayout
            node[N_CREDIBILITY if word == "credibility" else N_RELEVANCE] = LEVEL_OF[t.group(1)]
            at = t.end()
            node[N_END] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "cite":
            return self._cite(at, line, line_start, node)
        if word == "actors":
            return self._actors(at, line, line_start, node)
        if word == "note":
            t = _STRING_ONLY.match(text, at)
            if t is None:
                raise NotInLayout
            s, at = t.span(1)
            node[N_NOTES].append(decode_string(t.group(1)))
            line, line_start = self._after(s, at, line, line_start)
            node[N_END] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "undercuts":
            t = _UNDERCUT.match(text, at)
            if t is None:
                raise NotInLayout
            (a, a_end), (b, b_end) = t.span(1), t.span(2)
            a_span = Span(file, line, a - line_start + 1, line, a_end - line_start + 1)
            b_span = Span(file, line, b - line_start + 1, line, b_end - line_start + 1)
            link_span = Span(file, line, a - line_start + 1, line, b_end - line_start + 1)
            link = LinkRef(t.group(1), t.group(2), link_span, a_span, b_span)
            weight = t.group(3)
            at = t.end()
            span = Span(file, line, a - line_start + 1, line, at - line_start + 1)
            self.builder.relations.append(_new_relation(
                RelationKind.UNDERCUTS, node[N_ID], None, link, None if weight is None else float(weight), span, link_span))
            node[N_END] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "rates":
            ratings = node[N_RATINGS]

            def rating(at: int) -> int:
                t = _RATING.match(text, at)
                if t is None:
                    raise NotInLayout
                s, end = t.span()
                ratings.append(Rating(t.group(1), GRADE_OF[t.group(2)],
                                      Span(file, line, s - line_start + 1, line, end - line_start + 1)))
                return end

            at = self._items(at, rating)
            node[N_END] = (line, at - line_start + 1)
            return at, line, line_start
        raise NotInLayout  # pragma: no cover - _NODE_WORDS lists exactly the words above

    def _target(self, kind: RelationKind, at: int, line: int, line_start: int, node: list[Any]) -> int:
        """One target (``b`` or ``b weight 0.5``) of a relation line; returns its end."""
        t = _TARGET.match(self.text, at)
        if t is None:
            raise NotInLayout
        file = self.file
        s, e = t.span(1)
        target_span = Span(file, line, s - line_start + 1, line, e - line_start + 1)
        weight = t.group(2)
        if weight is None:
            span = target_span
        else:
            span = Span(file, line, s - line_start + 1, line, t.end() - line_start + 1)
            weight = float(weight)
        self.builder.relations.append(_new_relation(kind, node[N_ID], t.group(1), None, weight, span, target_span))
        return t.end()

    def _more_targets(self, kind: RelationKind, at: int, line: int, line_start: int, node: list[Any]) -> int:
        """The targets after the first one (``supports a, b weight 0.5``); returns the end."""
        while (comma := _COMMA.match(self.text, at)) is not None:
            at = self._target(kind, comma.end(), line, line_start, node)
        return at

    def _line_end(self, at: int, line: int, line_start: int) -> int:
        """Past the end of the line at ``at``: blanks, a comment (kept), the line break."""
        e = _END.match(self.text, at)
        if e is None:
            raise NotInLayout
        if e.start(1) >= 0:
            self.comments.append(_token(self.text, "COMMENT", e.start(1), e.end(1), line, line_start))
        return e.end()

    def _actors(self, at: int, line: int, line_start: int, node: list[Any]) -> tuple[int, int, int]:
        actors = node[N_ACTORS]
        where = [line, line_start]  # quoted names may run over several lines

        def actor(at: int) -> int:
            t = _ACTOR.match(self.text, at)
            if t is None:
                raise NotInLayout
            if t.group(1) is not None:
                actors.append(t.group(1))
            else:
                actors.append(decode_string(t.group(2)))
                where[:] = self._after(at, t.end(), where[0], where[1])
            return t.end()

        at = self._items(at, actor)
        line, line_start = where
        node[N_END] = (line, at - line_start + 1)
        return at, line, line_start

    def _items(self, at: int, read: Callable[[int], int]) -> int:
        """A comma-separated list after a keyword: ``read(position)`` reads one
        item and returns its end; returns the end of the last."""
        first = _FIRST.match(self.text, at)
        if first is None:
            raise NotInLayout
        at = read(first.end())
        while (comma := _COMMA.match(self.text, at)) is not None:
            at = read(comma.end())
        return at

    def _cite(self, at: int, line: int, line_start: int, node: list[Any]) -> tuple[int, int, int]:
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
            quote_span = _span_of(text, file, qs, at, line, line_start)
            quote = decode_string(q.group(1))
            line, line_start = self._after(qs, at, line, line_start)
            if locator is None:
                second = _QUOTE.match(text, at)
                if second is not None:  # two strings: "locator" "quotation"
                    locator = quote
                    qs, at = second.span(1)
                    quote_span = _span_of(text, file, qs, at, line, line_start)
                    quote = decode_string(second.group(1))
                    line, line_start = self._after(qs, at, line, line_start)
        end = (line, at - line_start + 1)
        node[N_CITATIONS].append(_new_citation(t.group(1), locator, quote,
                                 Span(file, first_line, first_column, end[0], end[1]), source_span, quote_span))
        node[N_END] = end
        return at, line, line_start

    def _flush(self, node: list[Any]) -> None:
        (node_id, kind, node_text, head, id_span, tags, actors, date, date_span, credibility,
         relevance, notes, citations, ratings, end) = node
        self.builder.nodes.append(_new_node(
            node_id, kind, node_text, self.builder.current_section, tuple(tags), tuple(actors), date,
            credibility, relevance, tuple(notes), tuple(citations), tuple(ratings),
            Span(self.file, head[0], head[1], end[0], end[1]), id_span, date_span,
        ))

    def _close(self, node: list[Any] | None, source: list[Any] | None) -> None:
        """Add the block being read (a node or a source), if any, to the builder."""
        if node is not None:
            self._flush(node)
        elif source is not None:
            self._source(source)

    # ------------------------------------------------------------ rare blocks
    def _other_block(self, word: str, at: int, line: int, line_start: int) -> tuple[int, int, int]:
        """title, description, include, section, expect: the transformer builds them."""
        text, transformer = self.text, self.transformer
        if word == "expect":
            t = _EXPECT.match(text, at)
            if t is None:
                raise NotInLayout
            children = [_token(text, "ID", *t.span(1), line, line_start),
                        _token(text, "STATUS", *t.span(2), line, line_start)]
            if t.group(3) is not None:
                children.append(_token(text, "SEMANTICS", *t.span(3), line, line_start))
            transformer.expect(children)  # type: ignore[arg-type]  # _Token stands in for lark.Token
            return t.end(), line, line_start
        t = (_SECTION if word == "section" else _STRING_ONLY).match(text, at)
        if t is None:
            raise NotInLayout
        children = []
        if word == "section" and t.group(1) is not None:
            children.append(_token(text, "ID", *t.span(1), line, line_start))
        children.append(_token(text, "STRING", *t.span(2 if word == "section" else 1), line, line_start))
        getattr(transformer, word)(children)
        line, line_start = self._after(t.start(), t.end(), line, line_start)
        return t.end(), line, line_start

    def _source_attribute(self, word: str, at: int, line: int, line_start: int,
                          source: list[Any]) -> tuple[int, int, int]:
        text = self.text
        if word == "date":
            t = _DATE.match(text, at)
            type_ = "DATE"
        else:
            t = _STRING_ONLY.match(text, at)
            type_ = "STRING"
        if t is None:
            raise NotInLayout
        token = _token(text, type_, *t.span(1), line, line_start)
        source.append(getattr(self.transformer, word)([token]))
        line, line_start = self._after(t.start(1), t.end(1), line, line_start)
        return t.end(), line, line_start

    def _source(self, source: list[Any]) -> None:
        self.transformer.source(source)
