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

from argmap.linescan_lines import (
    _BLOCK_WORDS,
    _ID_ONLY,
    _ID_STRING,
    _LEAD,
    _NODE_HEAD,
    _NODE_WORDS,
    _O,
    _RELATION_OF,
    _S,
    _SOURCE_ATTRIBUTES,
    DATE,
    ID,
    KEYWORDS,
    KINDS,
    LEVEL,
    LOCATOR,
    N_ACTORS,
    N_CITATIONS,
    N_CREDIBILITY,
    N_DATE,
    N_DATE_SPAN,
    N_END,
    N_ID,
    N_RELEVANCE,
    N_TAGS,
    NUMBER,
    STRING,
    LineReaders,
    NotInLayout,
    _new_citation,
    _new_relation,
    _span_of,
    _token,
    open_node,
)
from argmap.model import Span
from argmap.transform import (
    KIND_OF,
    LEVEL_OF,
    DocumentBuilder,
    MapTransformer,
    decode_string,
    parse_partial_date,
)

__all__ = ["NotInLayout", "scan"]

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
    rf"|(?P<CITE>cite{_S}(?P<cs>{ID})(?:{_S}(?!(?:{'|'.join(KEYWORDS)})\b)(?P<cl>{LOCATOR}))?"
    rf"(?:{_O}(?P<cq>{STRING}))?{_EOL})"
    rf"|(?P<ACTORS>actors{_S}(?P<ac>{ID}(?:{_O},{_O}{ID})*){_EOL})"
    # a run of blank lines in one match
    r"|(?P<BLANK>[ \t\r\n]*\n|[ \t\r]*\Z)"
    ")",
    re.S,
)
# Group numbers (a number is a cheaper lookup than a name, on every line).
_NK, _NI, _NS, _RK, _RT, _RW, _RM, _TG, _DT, _LK, _LV, _AC = (
    _HOT.groupindex[name] for name in ("nk", "ni", "ns", "rk", "rt", "rw", "rm", "tg", "dt", "lk", "lv", "ac"))


def scan(text: str, file: str, builder: DocumentBuilder, transformer: MapTransformer,
         first_line: int = 1) -> list[Any]:
    """Read ``text`` into ``builder`` (``transformer.builder`` must be it).
    Returns the comment tokens (for :func:`argmap.parser` to turn into
    comments). Raises NotInLayout at the first line it does not read."""
    return _Scanner(text, file, builder, transformer).run(first_line)


class _Scanner(LineReaders):
    def __init__(self, text: str, file: str, builder: DocumentBuilder, transformer: MapTransformer) -> None:
        self.text, self.file, self.builder, self.transformer = text, file, builder, transformer
        self.comments: list[Any] = []

    def run(self, first_line: int = 1) -> list[Any]:
        text, file = self.text, self.file
        size = len(text)
        lead = _LEAD.match
        relations = self.builder.relations
        kinds, levels = KIND_OF, LEVEL_OF
        pos, line = 0, first_line
        node: list[Any] | None = None  # the node being read, see _flush
        block = None  # "node", "source", "other" or None before the first block
        source: list[Any] | None = None
        hot = _HOT.match
        # locals: a global lookup per use costs more than the work on most lines
        new_span, new_relation, decode, relation_of = Span, _new_relation, decode_string, _RELATION_OF
        ids_in, partial_date = _ID_ONLY.findall, parse_partial_date
        END, TAGS, ACTORS, DATE, DATE_SPAN = N_END, N_TAGS, N_ACTORS, N_DATE, N_DATE_SPAN  # node slots
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
                    self._close(node, source)
                    source = None
                    block = "node"
                    e = m.end(_NS)
                    id_start, id_end = m.span(_NI)
                    node_id, node_text, kind_word = m.group(_NI, _NS, _NK)
                    head, id_span = (line, m.start(_NK) - pos + 1), new_span(
                        file, line, id_start - pos + 1, line, id_end - pos + 1)
                    if "\n" in node_text:
                        line += node_text.count("\n")
                        node_end = (line, e - text.rindex("\n", 0, e))
                    else:
                        node_end = (line, e - pos + 1)
                    node = open_node(node_id, kinds[kind_word], decode(node_text), head, id_span, node_end)
                    pos = m.end()
                    line += 1
                    continue
                if block != "node":
                    m = None  # an attribute outside a node: the general way decides
                elif shape == "REL":
                    s, e = m.span(_RT)
                    target, weight, word, more = m.group(_RT, _RW, _RK, _RM)
                    target_span = new_span(file, line, s - pos + 1, line, e - pos + 1)
                    if weight is None:
                        span = target_span
                        end = e
                    else:
                        end = m.end(_RW)
                        span = new_span(file, line, s - pos + 1, line, end - pos + 1)
                        weight = float(weight)
                    kind = relation_of[word]
                    relations.append(new_relation(kind, node[N_ID], target, None, weight, span, target_span))  # type: ignore[index]
                    if more:
                        end = self._more_targets(kind, m.start(_RM), line, pos, node)  # type: ignore[arg-type]
                    node[END] = (line, end - pos + 1)  # type: ignore[index]
                elif shape == "TAGS":
                    tags = m.group(_TG)
                    node[TAGS].extend(ids_in(tags) if "," in tags else (tags,))  # type: ignore[index]
                    node[END] = (line, m.end(_TG) - pos + 1)  # type: ignore[index]
                elif shape == "DATE":
                    s, e = m.span(_DT)
                    node[DATE] = partial_date(m.group(_DT))  # type: ignore[index]
                    node[DATE_SPAN] = new_span(file, line, s - pos + 1, line, e - pos + 1)  # type: ignore[index]
                    node[END] = (line, e - pos + 1)  # type: ignore[index]
                elif shape == "LEVEL":
                    word, level = m.group(_LK, _LV)
                    node[N_CREDIBILITY if word == "credibility" else N_RELEVANCE] = levels[level]  # type: ignore[index]
                    node[END] = (line, m.end(_LV) - pos + 1)  # type: ignore[index]
                elif shape == "ACTORS":
                    names = m.group(_AC)
                    node[ACTORS].extend(ids_in(names) if "," in names else (names,))  # type: ignore[index]
                    node[END] = (line, m.end(_AC) - pos + 1)  # type: ignore[index]
                else:  # CITE
                    line = self._hot_cite(m, line, pos, node)  # type: ignore[arg-type]
                if m is not None:
                    pos = m.end()
                    line += 1
                    continue
            m = lead(text, pos)
            if m is None:  # a blank line or a comment line
                pos = self._line_end(pos, line, pos)
                line += 1
                continue
            word = m.group(1)
            at = m.end()
            line_start = pos
            if word in kinds:
                self._close(node, source)
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
                node = open_node(h.group(1), kinds[word], decode(h.group(2)), head, id_span, (line, e - line_start + 1))
                block = "node"
                at = h.end()
            elif block == "node" and word in _NODE_WORDS:
                at, line, line_start = self._attribute(word, at, line, pos, node)  # type: ignore[arg-type]
            elif word in _BLOCK_WORDS:
                self._close(node, source)
                node = source = None
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
            pos = self._line_end(at, line, line_start)
            line += 1
        self._close(node, source)
        return self.comments

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
        node[N_CITATIONS].append(_new_citation(m.group("cs"), m.group("cl"), quote,
                                 Span(file, first_line, first_column, end[0], end[1]), source_span, quote_span))
        node[N_END] = end
        return line
