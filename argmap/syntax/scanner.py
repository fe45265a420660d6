"""The parser's fast path for files written in the usual layout.

Almost every ``.arg`` file is written one construct per line: a block header
at the start of a line (``claim id "text"``, which may run over several lines
inside its quotes), then one attribute per line (``supports a, b weight 0.5``),
blank lines and ``#`` comments. This module reads such files line by line,
with one regular expression per line shape, and fills the same drafts as the
LALR path (:mod:`argmap.syntax.builder`). It is several times faster than
Lark because it makes no token objects and runs no parser actions for
keywords, commas and one-child rules.

The grammar (``grammar/argmap.lark``) stays the definition of the language
and the keyword tables (:mod:`argmap.syntax.keywords`) its vocabulary: the
line expressions below are built from the tables, so an attribute or relation
added there is read here without a change, by the reader of its value shape.
The scanner accepts a *subset* of the grammar and gives up (raises
:class:`NotInLayout`) at the first line it does not fully recognise: several
constructs on one line, a construct continued on the next line, a keyword
used as a locator, white space other than spaces and tabs, anything invalid.
The caller then parses the whole file with the LALR parser, which decides and
reports. Where the scanner accepts a file, its map (spans and comments
included) equals the LALR parser's: ``tests/test_scanner.py`` checks that on
the repository's maps, generated maps, mutations and hypothesis examples.

Why each accepted line reads the same as in the grammar: a line is accepted
only when its construct is complete at the line's end, and after every
complete construct the grammar accepts no id, so the next line's leading
keyword is a keyword for the LALR parser as well (the contextual lexer gives
keywords priority over ``LOCATOR``, the only other word-like terminal there).
"""

from __future__ import annotations

import re
from typing import Any

from argmap.model import Span
from argmap.syntax.builder import (
    ARGUMENT_LAYOUT,
    D_END,
    D_ID,
    KIND_OF,
    NODE_LAYOUT,
    SOURCE_LAYOUT,
    DocumentBuilder,
    Draft,
    new_citation,
    new_relation,
)
from argmap.syntax.keywords import (
    ARGUMENT,
    ARGUMENT_ATTRIBUTE_KEYWORDS,
    HEADER_BLOCKS,
    INFERRED_MARK,
    NODE_ATTRIBUTES,
    RELATION_OF,
    RELATIONS,
    SOURCE_ATTRIBUTE_KEYWORDS,
    Repeat,
    Shape,
)
from argmap.syntax.scanner_lines import ID_ONLY, NOT_KEYWORD, LineReaders, NotInLayout, O, S, span_of
from argmap.syntax.terminals import CREDIBILITY_GRADE, DATE, ID, KIND, LEVEL, LOCATOR, NUMBER, STRING
from argmap.syntax.text import decode_string, parse_partial_date
from argmap.syntax.transform import CREDIBILITY_OF, LEVEL_OF, MapTransformer

__all__ = ["NotInLayout", "scan"]


def _keywords(*shapes: Shape) -> str:
    found = [a.keyword for a in NODE_ATTRIBUTES if a.shape in shapes]
    return "|".join(found) if found else r"(?!)"  # (?!) matches nothing: no such attribute


# The common line shapes in one expression (one match per line); any other
# line goes the general way (scanner_lines). Each alternative ends at the line's end.
_EOL = r"[ \t\r]*(?:\n|\Z)"
_TARGET_WORDS = "|".join(r.keyword for r in RELATIONS if r.shape is Shape.TARGETS)
_MARK = re.escape(INFERRED_MARK)
_HOT = re.compile(
    r"[ \t]*(?:"
    rf"(?P<REL>(?P<rk>{_TARGET_WORDS})\b{S}(?P<rt>{ID})(?:{S}weight{S}(?P<rw>{NUMBER}))?(?P<ri>{S}{_MARK})?"
    rf"(?P<rm>(?:{O},{O}{ID}(?:{S}weight{S}(?:{NUMBER}))?(?:{S}{_MARK})?)*){_EOL})"
    # lists of bare ids: IDS, and NAMES written without quotes
    rf"|(?P<IDS>(?P<ik>{_keywords(Shape.IDS, Shape.NAMES)})\b{S}(?P<iv>{ID}(?:{O},{O}{ID})*){_EOL})"
    rf"|(?P<DATE>(?P<dk>{_keywords(Shape.DATE)})\b{S}(?P<dt>{DATE}){_EOL})"
    rf"|(?P<LEVEL>(?P<lk>{_keywords(Shape.LEVEL, Shape.CREDIBILITY)})\b{S}(?P<lv>{LEVEL}|{CREDIBILITY_GRADE}){_EOL})"
    rf"|(?P<NODE>(?P<nk>{KIND}){S}(?P<ni>{ID}){O}(?P<ns>{STRING}){_EOL})"
    rf"|(?P<CITE>(?P<ck>{_keywords(Shape.CITATION)})\b{S}(?P<cs>{ID})(?:{S}{NOT_KEYWORD}(?P<cl>{LOCATOR}))?"
    rf"(?:{O}(?P<cq>{STRING}))?{_EOL})"
    # a run of blank lines in one match
    r"|(?P<BLANK>[ \t\r\n]*\n|[ \t\r]*\Z)"
    ")",
    re.S,
)
# Group numbers (a number is a cheaper lookup than a name, on every line).
_NK, _NI, _NS, _RK, _RT, _RW, _RI, _RM, _IK, _IV, _DK, _DT, _LK, _LV = (
    _HOT.groupindex[name]
    for name in ("nk", "ni", "ns", "rk", "rt", "rw", "ri", "rm", "ik", "iv", "dk", "dt", "lk", "lv"))
_LEAD = re.compile(r"[ \t]*([a-z]+)\b")
_NODE_HEAD = re.compile(f"{S}({ID}){O}({STRING})", re.S)
# attribute keyword -> (draft slot, how lines combine, slot of the value's span or None)
_SLOTS = {a.keyword: (NODE_LAYOUT.slot[a.keyword], a.repeat, NODE_LAYOUT.span_slot.get(a.keyword))
          for a in NODE_ATTRIBUTES}
# a level-like value -> its enum member, by attribute (credibility takes 1-6 too)
_LEVEL_VALUES = {a.keyword: CREDIBILITY_OF if a.shape is Shape.CREDIBILITY else LEVEL_OF
                 for a in NODE_ATTRIBUTES if a.shape in (Shape.LEVEL, Shape.CREDIBILITY)}
_NODE_WORDS = frozenset(a.keyword for a in NODE_ATTRIBUTES) | frozenset(RELATION_OF)
_ARGUMENT_WORDS = frozenset(ARGUMENT_ATTRIBUTE_KEYWORDS)
_BLOCK_WORDS = frozenset(HEADER_BLOCKS)
_SOURCE_WORDS = frozenset(SOURCE_ATTRIBUTE_KEYWORDS)
_EXTEND, _ONCE = Repeat.EXTEND, Repeat.ONCE


def scan(text: str, file: str, builder: DocumentBuilder, transformer: MapTransformer,
         first_line: int = 1) -> list[Any]:
    """Read ``text`` into ``builder`` (``transformer.builder`` must be it).
    Returns the comment tokens (for :mod:`argmap.syntax.parse` to turn into
    comments). Raises NotInLayout at the first line it does not read."""
    return Scanner(text, file, builder, transformer).run(first_line)


class Scanner(LineReaders):
    def __init__(self, text: str, file: str, builder: DocumentBuilder, transformer: MapTransformer) -> None:
        self.text, self.file, self.builder, self.transformer = text, file, builder, transformer
        self.comments: list[Any] = []

    def run(self, first_line: int = 1) -> list[Any]:  # one loop, kept flat for speed
        text, file = self.text, self.file
        size = len(text)
        lead = _LEAD.match
        relations = self.builder.relations
        kinds, level_values, slots = KIND_OF, _LEVEL_VALUES, _SLOTS
        pos, line = 0, first_line
        node: Draft | None = None  # the node (statement or argument) being read
        source: Draft | None = None  # the source being read
        block = None  # "node", "argument", "source", "other" or None before the first block
        hot = _HOT.match
        new_node = NODE_LAYOUT.new
        # locals: a global lookup per use costs more than the work on most lines
        new_span, decode, relation_of, add_relation = Span, decode_string, RELATION_OF, new_relation
        ids_in, partial_date = ID_ONLY.findall, parse_partial_date
        EXTEND, ONCE = _EXTEND, _ONCE
        while pos < size:
            m = hot(text, pos)
            if m is not None:
                shape = m.lastgroup
                if shape == "BLANK":
                    end = m.end()
                    line += text.count("\n", pos, end)
                    pos = end
                    continue
                if shape == "NODE":
                    self._close(node, source, block)
                    source = None
                    block = "node"
                    e = m.end(_NS)
                    id_start, id_end = m.span(_NI)
                    node_id, node_text, kind_word = m.group(_NI, _NS, _NK)
                    start, id_span = (line, m.start(_NK) - pos + 1), new_span(
                        file, line, id_start - pos + 1, line, id_end - pos + 1)
                    if "\n" in node_text:
                        line += node_text.count("\n")
                        node_end = (line, e - text.rindex("\n", 0, e))
                    else:
                        node_end = (line, e - pos + 1)
                    node = new_node(node_id, kinds[kind_word], decode(node_text), start, id_span, node_end)
                    pos = m.end()
                    line += 1
                    continue
                if node is None or block != "node":
                    m = None  # an attribute outside a node: the general way decides
                elif shape == "REL":
                    s, e = m.span(_RT)
                    target, weight, word, more, mark = m.group(_RT, _RW, _RK, _RM, _RI)
                    target_span = new_span(file, line, s - pos + 1, line, e - pos + 1)
                    if weight is None and mark is None:
                        span = target_span
                        end = e
                    else:
                        end = m.end(_RI) if mark is not None else m.end(_RW)
                        span = new_span(file, line, s - pos + 1, line, end - pos + 1)
                        if weight is not None:
                            weight = float(weight)
                    kind = relation_of[word]
                    relations.append(add_relation(kind, node[D_ID], target, None, weight, mark is not None, span,
                                                  target_span))
                    if more:
                        end = self.more_targets(kind, m.start(_RM), line, pos, node)
                    node[D_END] = (line, end - pos + 1)
                elif shape == "IDS":
                    word, values = m.group(_IK, _IV)
                    slot, repeat, _ = slots[word]
                    found = ids_in(values) if "," in values else (values,)
                    if repeat is EXTEND:
                        node[slot].extend(found)
                    elif repeat is ONCE:
                        node[slot] = found
                    else:
                        node[slot].append(found)
                    node[D_END] = (line, m.end(_IV) - pos + 1)
                elif shape == "DATE":
                    word, value = m.group(_DK, _DT)
                    slot, _, span_slot = slots[word]
                    s, e = m.span(_DT)
                    node[slot] = partial_date(value)
                    if span_slot is not None:
                        node[span_slot] = new_span(file, line, s - pos + 1, line, e - pos + 1)
                    node[D_END] = (line, e - pos + 1)
                elif shape == "LEVEL":
                    word, value = m.group(_LK, _LV)
                    found_value = level_values[word].get(value)
                    if found_value is None:  # a grade where only a level is written: the LALR parser reports
                        raise NotInLayout
                    node[slots[word][0]] = found_value
                    node[D_END] = (line, m.end(_LV) - pos + 1)
                else:  # CITE
                    line = self._hot_cite(m, line, pos, node)
                if m is not None:
                    pos = m.end()
                    line += 1
                    continue
            m = lead(text, pos)
            if m is None:  # a blank line or a comment line
                pos = self.line_end(pos, line, pos)
                line += 1
                continue
            word = m.group(1)
            at = m.end()
            line_start = pos
            if word in kinds:
                self._close(node, source, block)
                source = None
                h = _NODE_HEAD.match(text, at)
                if h is None:
                    raise NotInLayout
                s, e = h.span(2)
                id_start, id_end = h.span(1)
                id_span = Span(file, line, id_start - pos + 1, line, id_end - pos + 1)
                start = (line, m.start(1) - pos + 1)
                newlines = text.count("\n", s, e)
                if newlines:
                    line += newlines
                    line_start = text.rindex("\n", s, e) + 1
                node = new_node(h.group(1), kinds[word], decode(h.group(2)), start, id_span,
                                (line, e - line_start + 1))
                block = "node"
                at = h.end()
            elif block == "node" and node is not None and word in _NODE_WORDS:
                at, line, line_start = self.attribute(word, at, line, pos, node)
            elif block == ARGUMENT and node is not None and word in _ARGUMENT_WORDS:
                at, line, line_start = self.attribute(word, at, line, pos, node, ARGUMENT_LAYOUT)
            elif word == ARGUMENT:
                self._close(node, source, block)
                source = None
                node, at, line, line_start = self.argument_head(m.start(1), at, line, pos)
                block = ARGUMENT
            elif word in _BLOCK_WORDS:
                self._close(node, source, block)
                node = source = None
                if word == "source":
                    source, at, line, line_start = self.source_head(at, line, pos)
                    block = "source"
                else:
                    at, line, line_start = self.other_block(word, at, line, pos)
                    block = "other"
            elif block == "source" and source is not None and word in _SOURCE_WORDS:
                at, line, line_start = self.attribute(word, at, line, pos, source, SOURCE_LAYOUT)
            else:
                raise NotInLayout
            pos = self.line_end(at, line, line_start)
            line += 1
        self._close(node, source, block)
        return self.comments

    def _hot_cite(self, m: re.Match[str], line: int, line_start: int, node: Draft) -> int:
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
            quote_span = span_of(self.text, file, qs, e, line, line_start)
            quote = decode_string(m.group("cq"))
            line, line_start = quote_span.end_line, e - quote_span.end_column + 1
        end = (line, e - line_start + 1)
        citation = new_citation(m.group("cs"), m.group("cl"), quote,
                                Span(file, first_line, first_column, end[0], end[1]), source_span, quote_span)
        NODE_LAYOUT.apply(node, m.group("ck"), citation)
        node[D_END] = end
        return line

    def _close(self, node: Draft | None, source: Draft | None, block: str | None) -> None:
        """Add the block being read (a node, an argument or a source), if any, to the builder."""
        if node is not None:
            self.builder.add_node(node, ARGUMENT_LAYOUT if block == ARGUMENT else NODE_LAYOUT)
        elif source is not None:
            self.builder.add_source(source)
