"""The parser's fast path for files written in the usual layout.

Almost every ``.arg`` file is written one construct per line: a block header
at the start of a line (``claim id "text"``, which may run over several lines
inside its quotes), then one attribute per line (``supports a, b weight 0.5``),
blank lines and ``#`` comments. This module reads such files line by line,
with one regular expression per line shape, and builds the model directly. It
is about three times faster than even the tight LALR loop of
:mod:`argmap.fastpath`, because it makes no token objects and runs no parser
actions for keywords, commas and one-child rules.

The grammar (``grammar/argmap.lark``) stays the definition of the language.
This scanner accepts a *subset* of it and gives up (raises
:class:`NotInLayout`) at the first line it does not fully recognise: several
constructs on one line, a construct continued on the next line, a keyword used
as a locator, white space other than spaces and tabs, anything invalid. The
caller then parses the whole file with the LALR parser, which decides and
reports. Where the scanner accepts a file, its map (spans and comments
included) equals the LALR parser's: ``tests/test_linescan.py`` checks that on
the repository's maps, generated maps, mutations and hypothesis examples.

Why each accepted line reads the same as in the grammar: a line is accepted
only when its construct is complete at the line's end, and after every
complete construct the grammar accepts no id, so the next line's leading
keyword is a keyword for the LALR parser as well (the contextual lexer gives
keywords priority over ``LOCATOR``, the only other word-like terminal there).

Rare blocks (title, description, include, section, expect, source) are handed
to :class:`argmap.transform.MapTransformer`'s own callbacks, so their model is
built by the same code as on the LALR path; nodes and their attributes, which
are most of any big map, are built here.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.model import (
    Citation,
    Level,
    LinkRef,
    Node,
    NodeKind,
    Rating,
    Relation,
    RelationKind,
    Span,
    Grade,
    positional_builder,
)
from argmap.transform import DocumentBuilder, MapTransformer, decode_string, parse_partial_date

__all__ = ["NotInLayout", "scan"]


class NotInLayout(Exception):
    """The file is not (entirely) in the layout the scanner reads: use the LALR parser."""


# The grammar's terminals (tests/test_linescan.py checks they equal the grammar's).
ID = r"(?!\d)\w+(?:[.\-]\w+)*"
STRING = r'"[^"\\]*(?:\\.[^"\\]*)*"'
DATE = r"\d+(?:-\d+){0,2}"
NUMBER = r"\d+(?:\.\d+)?|\.\d+"
LOCATOR = r'[^\s"#,]+'
LEVEL = r"(?:low|medium|high)\b"
GRADE = r"(?:CC|C|N|II|I|NA)\b"
STATUS = r"(?:accepted|rejected|undecided|leads)\b"
SEMANTICS = r"(?:grounded|complete|preferred|stable)\b"
KINDS = ("thesis", "claim", "evidence", "counter", "hypothesis", "assumption", "question")

# Every lowercase keyword of the language: a locator that starts like one is
# lexed as that keyword by the LALR parser, so the scanner gives up there.
_KEYWORDS = (
    "title", "description", "include", "source", "section", "expect", *KINDS,
    "tags", "actors", "date", "credibility", "relevance", "note", "cite", "supports", "attacks",
    "contradicts", "undercuts", "rates", "author", "url", "file",
    "weight", "under", "low", "medium", "high", "accepted", "rejected", "undecided", "leads",
    "grounded", "complete", "preferred", "stable",
)

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
_LOCATOR = re.compile(f"{_S}(?!(?:{'|'.join(_KEYWORDS)})\\b)({LOCATOR})")
_QUOTE = re.compile(f"{_O}({STRING})", re.S)

# The common line shapes in one expression (one match per line); any other
# line goes the general way below. Each alternative ends at the line's end.
_EOL = r"[ \t\r]*(?:\n|\Z)"
_HOT = re.compile(
    r"[ \t]*(?:"
    rf"(?P<REL>(?P<rk>supports|attacks|contradicts){_S}(?P<rt>{ID})(?:{_S}weight{_S}(?P<rw>{NUMBER}))?"
    rf"(?P<rm>(?:{_O},{_O}{ID}(?:{_S}weight{_S}(?:{NUMBER}))?)*){_EOL})"
    rf"|(?P<TAGS>tags{_S}(?P<tg>{ID}(?:{_O},{_O}{ID})*){_EOL})"
    rf"|(?P<DATE>date{_S}(?P<dt>{DATE}){_EOL})"
    rf"|(?P<LEVEL>(?P<lk>credibility|relevance){_S}(?P<lv>{LEVEL}){_EOL})"
    rf"|(?P<NODE>(?P<nk>{'|'.join(KINDS)}){_S}(?P<ni>{ID}){_O}(?P<ns>{STRING}){_EOL})"
    rf"|(?P<CITE>cite{_S}(?P<cs>{ID})(?:{_S}(?!(?:{'|'.join(_KEYWORDS)})\b)(?P<cl>{LOCATOR}))?"
    rf"(?:{_O}(?P<cq>{STRING}))?{_EOL})"
    rf"|(?P<ACTORS>actors{_S}(?P<ac>{ID}(?:{_O},{_O}{ID})*){_EOL})"
    rf"|(?P<BLANK>{_EOL})"
    ")",
    re.S,
)

_new_node, _new_relation, _new_citation = (positional_builder(c) for c in (Node, Relation, Citation))
_KIND_OF = {kind.value: kind for kind in NodeKind}
_LEVEL_OF = {level.value: level for level in Level}
_GRADE_OF = {grade.value: grade for grade in Grade}
_RELATION_OF = {"supports": RelationKind.SUPPORTS, "attacks": RelationKind.ATTACKS,
                "contradicts": RelationKind.CONTRADICTS}
_SOURCE_ATTRIBUTES = frozenset(("author", "date", "url", "file", "note"))


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


def scan(text: str, file: str, builder: DocumentBuilder, transformer: MapTransformer) -> list[Any]:
    """Read ``text`` into ``builder`` (``transformer.builder`` must be it).
    Returns the comment tokens (for :func:`argmap.parser` to turn into
    comments). Raises NotInLayout at the first line it does not read."""
    return _Scanner(text, file, builder, transformer).run()


class _Scanner:
    def __init__(self, text: str, file: str, builder: DocumentBuilder, transformer: MapTransformer) -> None:
        self.text, self.file, self.builder, self.transformer = text, file, builder, transformer
        self.comments: list[Any] = []
        self.node: dict[str, Any] | None = None

    def run(self) -> list[Any]:  # noqa: C901 - one loop, kept flat for speed
        text, file = self.text, self.file
        size = len(text)
        lead, end_match = _LEAD.match, _END.match
        relations = self.builder.relations
        kinds, levels = _KIND_OF, _LEVEL_OF
        pos, line = 0, 1
        node: list[Any] | None = None  # the node being read, see _flush
        block = None  # "node", "source", "other" or None before the first block
        source: list[Any] | None = None
        hot = _HOT.match
        while pos < size:
            m = hot(text, pos)
            if m is not None:
                shape = m.lastgroup
                if shape == "BLANK":
                    pos = m.end()
                    line += 1
                    continue
                if shape == "NODE":
                    if node is not None:
                        self._flush(node)
                    elif source is not None:
                        self._source(source)
                        source = None
                    block = "node"
                    s, e = m.span("ns")
                    id_start, id_end = m.span("ni")
                    node_text = m.group("ns")
                    node = [
                        m.group("ni"), kinds[m.group("nk")], decode_string(node_text), (line, m.start("nk") - pos + 1),
                        Span(file, line, id_start - pos + 1, line, id_end - pos + 1),
                        [], [], None, None, None, None, [], [], [], None,
                    ]
                    if "\n" in node_text:
                        line += node_text.count("\n")
                        node[14] = (line, e - text.rindex("\n", s, e))
                    else:
                        node[14] = (line, e - pos + 1)
                    pos = m.end()
                    line += 1
                    continue
                if block != "node":
                    m = None  # an attribute outside a node: the general way decides
                elif shape == "REL":
                    s, e = m.span("rt")
                    target_span = Span(file, line, s - pos + 1, line, e - pos + 1)
                    weight = m.group("rw")
                    if weight is None:
                        span = target_span
                        end = e
                    else:
                        end = m.end("rw")
                        span = Span(file, line, s - pos + 1, line, end - pos + 1)
                        weight = float(weight)
                    kind = _RELATION_OF[m.group("rk")]
                    relations.append(_new_relation(kind, node[0], m.group("rt"), None, weight, span, target_span))  # type: ignore[index]
                    if m.start("rm") != m.end("rm"):
                        end = self._more_targets(kind, m.start("rm"), line, pos, node)  # type: ignore[arg-type]
                    node[14] = (line, end - pos + 1)  # type: ignore[index]
                elif shape == "TAGS":
                    tags = m.group("tg")
                    node[5].extend(_ID_ONLY.findall(tags) if "," in tags else (tags,))  # type: ignore[index]
                    node[14] = (line, m.end("tg") - pos + 1)  # type: ignore[index]
                elif shape == "DATE":
                    s, e = m.span("dt")
                    node[7] = parse_partial_date(m.group("dt"))  # type: ignore[index]
                    node[8] = Span(file, line, s - pos + 1, line, e - pos + 1)  # type: ignore[index]
                    node[14] = (line, e - pos + 1)  # type: ignore[index]
                elif shape == "LEVEL":
                    node[9 if m.group("lk") == "credibility" else 10] = levels[m.group("lv")]  # type: ignore[index]
                    node[14] = (line, m.end("lv") - pos + 1)  # type: ignore[index]
                elif shape == "ACTORS":
                    names = m.group("ac")
                    node[6].extend(_ID_ONLY.findall(names) if "," in names else (names,))  # type: ignore[index]
                    node[14] = (line, m.end("ac") - pos + 1)  # type: ignore[index]
                else:  # CITE
                    line = self._hot_cite(m, line, pos, node)  # type: ignore[arg-type]
                if m is not None:
                    pos = m.end()
                    line += 1
                    continue
            m = lead(text, pos)
            if m is None:  # a blank line or a comment line
                e = end_match(text, pos)
                if e is None:
                    raise NotInLayout
                if e.start(1) >= 0:
                    self.comments.append(_token(text, "COMMENT", e.start(1), e.end(1), line, pos))
                pos = e.end()
                line += 1
                continue
            word = m.group(1)
            at = m.end()
            line_start = pos
            if word in kinds:
                if node is not None:
                    self._flush(node)
                elif source is not None:
                    self._source(source)
                    source = None
                h = _NODE_HEAD.match(text, at)
                if h is None:
                    raise NotInLayout
                s, e = h.span(2)
                id_start, id_end = h.span(1)
                id_span = Span(file, line, id_start - pos + 1, line, id_end - pos + 1)
                head = (line, m.start(1) - pos + 1)
                newlines = text.count("\n", s, e)
                if newlines:
                    line += newlines
                    line_start = text.rindex("\n", s, e) + 1
                node = [
                    h.group(1), kinds[word], decode_string(h.group(2)), head, id_span,
                    [], [], None, None, None, None, [], [], [], (line, e - line_start + 1),
                ]
                block = "node"
                at = h.end()
            elif block == "node" and word in _NODE_WORDS:
                at, line, line_start = self._attribute(word, at, line, pos, node, relations, levels)  # type: ignore[arg-type]
            elif word in _BLOCK_WORDS:
                if node is not None:
                    self._flush(node)
                    node = None
                elif source is not None:
                    self._source(source)
                    source = None
                if word == "source":
                    h = _ID_STRING.match(text, at)
                    if h is None:
                        raise NotInLayout
                    source = [_token(text, "ID", *h.span(1), line, pos)]
                    source.append(_token(text, "STRING", *h.span(2), line, pos))
                    line, line_start = self._after(h.start(2), h.end(2), line, pos)
                    block = "source"
                    at = h.end()
                else:
                    at, line, line_start = self._other_block(word, at, line, pos)
                    block = "other"
            elif block == "source" and word in _SOURCE_ATTRIBUTES:
                at, line, line_start = self._source_attribute(word, at, line, pos, source)  # type: ignore[arg-type]
            else:
                raise NotInLayout
            e = end_match(text, at)
            if e is None:
                raise NotInLayout
            if e.start(1) >= 0:
                self.comments.append(_token(text, "COMMENT", e.start(1), e.end(1), line, line_start))
            pos = e.end()
            line += 1
        if node is not None:
            self._flush(node)
        elif source is not None:
            self._source(source)
        return self.comments

    def _after(self, start: int, end: int, line: int, line_start: int) -> tuple[int, int]:
        """(line, line start) after a token that may span lines."""
        newlines = self.text.count("\n", start, end)
        if newlines:
            return line + newlines, self.text.rindex("\n", start, end) + 1
        return line, line_start

    # ------------------------------------------------------------------ nodes
    def _attribute(self, word: str, at: int, line: int, line_start: int, node: list[Any],
                   relations: list[Relation], levels: dict[str, Level]) -> tuple[int, int, int]:
        text, file = self.text, self.file
        kind = _RELATION_OF.get(word)
        if kind is not None:
            first = _FIRST.match(text, at)
            if first is None:
                raise NotInLayout
            at = first.end()
            source_id = node[0]
            while True:
                t = _TARGET.match(text, at)
                if t is None:
                    raise NotInLayout
                s, e = t.span(1)
                target_span = Span(file, line, s - line_start + 1, line, e - line_start + 1)
                weight = t.group(2)
                if weight is None:
                    span = target_span
                else:
                    span = Span(file, line, s - line_start + 1, line, t.end() - line_start + 1)
                    weight = float(weight)
                relations.append(_new_relation(kind, source_id, t.group(1), None, weight, span, target_span))
                at = t.end()
                c = _COMMA.match(text, at)
                if c is None:
                    break
                at = c.end()
            node[14] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "tags":
            t = _TAGS.match(text, at)
            if t is None:
                raise NotInLayout
            tags = t.group(1)
            node[5].extend(_ID_ONLY.findall(tags) if "," in tags else (tags,))
            at = t.end()
            node[14] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "date":
            t = _DATE.match(text, at)
            if t is None:
                raise NotInLayout
            s, at = t.span(1)
            node[7] = parse_partial_date(t.group(1))
            node[8] = Span(file, line, s - line_start + 1, line, at - line_start + 1)
            node[14] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "credibility" or word == "relevance":
            t = _LEVEL.match(text, at)
            if t is None:
                raise NotInLayout
            node[9 if word == "credibility" else 10] = levels[t.group(1)]
            at = t.end()
            node[14] = (line, at - line_start + 1)
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
            node[11].append(decode_string(t.group(1)))
            line, line_start = self._after(s, at, line, line_start)
            node[14] = (line, at - line_start + 1)
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
            relations.append(_new_relation(RelationKind.UNDERCUTS, node[0], None, link,
                                      None if weight is None else float(weight), span, link_span))
            node[14] = (line, at - line_start + 1)
            return at, line, line_start
        if word == "rates":
            first = _FIRST.match(text, at)
            if first is None:
                raise NotInLayout
            at = first.end()
            ratings = node[13]
            while True:
                t = _RATING.match(text, at)
                if t is None:
                    raise NotInLayout
                s, at = t.span()
                ratings.append(Rating(t.group(1), _GRADE_OF[t.group(2)],
                                      Span(file, line, s - line_start + 1, line, at - line_start + 1)))
                c = _COMMA.match(text, at)
                if c is None:
                    break
                at = c.end()
            node[14] = (line, at - line_start + 1)
            return at, line, line_start
        raise NotInLayout  # pragma: no cover - _NODE_WORDS lists exactly the words above

    def _more_targets(self, kind: RelationKind, at: int, line: int, line_start: int, node: list[Any]) -> int:
        """The targets after the first one (``supports a, b weight 0.5``); returns the end."""
        text, file, relations = self.text, self.file, self.builder.relations
        while True:
            c = _COMMA.match(text, at)
            if c is None:
                return at
            t = _TARGET.match(text, c.end())
            if t is None:  # pragma: no cover - the line's expression matched these targets
                raise NotInLayout
            s, e = t.span(1)
            target_span = Span(file, line, s - line_start + 1, line, e - line_start + 1)
            weight = t.group(2)
            if weight is None:
                span = target_span
            else:
                span = Span(file, line, s - line_start + 1, line, t.end() - line_start + 1)
                weight = float(weight)
            relations.append(_new_relation(kind, node[0], t.group(1), None, weight, span, target_span))
            at = t.end()

    def _actors(self, at: int, line: int, line_start: int, node: list[Any]) -> tuple[int, int, int]:
        text = self.text
        first = _FIRST.match(text, at)
        if first is None:
            raise NotInLayout
        at = first.end()
        actors = node[6]
        while True:
            t = _ACTOR.match(text, at)
            if t is None:
                raise NotInLayout
            if t.group(1) is not None:
                actors.append(t.group(1))
            else:
                actors.append(decode_string(t.group(2)))
                line, line_start = self._after(at, t.end(), line, line_start)
            at = t.end()
            c = _COMMA.match(text, at)
            if c is None:
                break
            at = c.end()
        node[14] = (line, at - line_start + 1)
        return at, line, line_start

    def _hot_cite(self, m: re.Match[str], line: int, line_start: int, node: list[Any]) -> int:
        """A ``cite`` line matched by the line expression; returns the line it ends on."""
        file = self.file
        s, e = m.span("cs")
        source_span = Span(file, line, s - line_start + 1, line, e - line_start + 1)
        first_column = s - line_start + 1
        first_line = line
        quote = quote_span = None
        if m.start("cl") >= 0:
            e = m.end("cl")
        if m.start("cq") >= 0:
            qs, e = m.span("cq")
            quote_span = _span_of(self.text, file, qs, e, line, line_start)
            quote = decode_string(m.group("cq"))
            line, line_start = quote_span.end_line, e - quote_span.end_column + 1
        end = (line, e - line_start + 1)
        node[12].append(_new_citation(m.group("cs"), m.group("cl"), quote,
                                 Span(file, first_line, first_column, end[0], end[1]), source_span, quote_span))
        node[14] = end
        return line

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
        node[12].append(_new_citation(t.group(1), locator, quote,
                                 Span(file, first_line, first_column, end[0], end[1]), source_span, quote_span))
        node[14] = end
        return at, line, line_start

    def _flush(self, node: list[Any]) -> None:
        (node_id, kind, node_text, head, id_span, tags, actors, date, date_span, credibility,
         relevance, notes, citations, ratings, end) = node
        self.builder.nodes.append(_new_node(
            node_id, kind, node_text, self.builder.current_section, tuple(tags), tuple(actors), date,
            credibility, relevance, tuple(notes), tuple(citations), tuple(ratings),
            Span(self.file, head[0], head[1], end[0], end[1]), id_span, date_span,
        ))

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
            transformer.expect(children)
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


def _span_of(text: str, file: str, start: int, end: int, line: int, line_start: int) -> Span:
    newlines = text.count("\n", start, end)
    if newlines:
        return Span(file, line, start - line_start + 1, line + newlines, end - text.rindex("\n", start, end))
    return Span(file, line, start - line_start + 1, line, end - line_start + 1)


_NODE_WORDS = frozenset(("tags", "actors", "date", "credibility", "relevance", "note", "cite",
                         "supports", "attacks", "contradicts", "undercuts", "rates"))
_BLOCK_WORDS = frozenset(("title", "description", "include", "source", "section", "expect"))
