"""``argmap fmt``: one canonical layout for a .arg file, keeping every comment.

The formatter works on the token stream of Lark's contextual lexer (so a
keyword used as an id stays an id) and re-emits each block:

* one block header per line, attributes indented by two spaces, one attribute
  keyword per line in a canonical order (``tags actors date credibility
  relevance note cite rates`` then relations in their written order, so the
  model's tuples keep their order);
* texts re-escaped and wrapped at ``WIDTH`` columns (continuation lines are
  indented; :func:`argmap.syntax.text.normalize_text` folds them back);
* one blank line between blocks, two before a ``section``, none between
  consecutive ``title``/``description``, ``include`` or ``expect`` lines.

Comments: an end-of-line comment stays at the end of its attribute or header;
an own-line comment stays before the element that follows it; an indented
own-line comment at the end of a block stays at the end of that block.
Every result is re-parsed and compared with the original model (``==``), so
``format_text`` never changes what a map means.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from argmap.errors import ArgmapError, ArgmapSyntaxError
from argmap.model import Comment
from argmap.syntax import parse_text
from argmap.syntax.keywords import (
    ARGUMENT,
    ARGUMENT_ATTRIBUTES,
    HEADER_BLOCKS,
    NODE_ATTRIBUTES,
    RELATION_RANK,
    RELATIONS,
    SOURCE_ATTRIBUTES,
    terminal_name,
)
from argmap.syntax.lalr import token_parser
from argmap.syntax.text import decode_string

__all__ = ["WIDTH", "format_text", "FormatError"]

WIDTH = 88
_INDENT = "  "

# Lark token types of block keywords, and of attribute keywords with their place
# in the canonical layout (from the keyword tables; relations keep their written order)
_BLOCK_TYPES = {terminal_name(word) for word in (*HEADER_BLOCKS, ARGUMENT)} | {"KIND"}
_ATTR_RANK = {
    **{terminal_name(a.keyword): a.rank for a in NODE_ATTRIBUTES + ARGUMENT_ATTRIBUTES + SOURCE_ATTRIBUTES},
    **{terminal_name(r.keyword): RELATION_RANK for r in RELATIONS},
}
# consecutive blocks of the same group are written without a blank line between
_COMPACT = {terminal_name("title"): "header", terminal_name("description"): "header",
            terminal_name("include"): "include", terminal_name("expect"): "expect"}


class FormatError(ArgmapError):
    """The formatter would change the meaning of a map (a bug in argmap)."""


@dataclass
class _Unit:
    tokens: list[Any]
    leading: list[tuple[str, bool]] = field(default_factory=list)  # (text, blank line after)
    eol: list[str] = field(default_factory=list)

    @property
    def start(self) -> tuple[int, int]:
        return (self.tokens[0].line, self.tokens[0].column)


@dataclass
class _Block:
    header: _Unit
    attrs: list[_Unit] = field(default_factory=list)
    trailing: list[tuple[str, bool]] = field(default_factory=list)

    @property
    def type(self) -> str:
        return str(self.header.tokens[0].type)



def _wrap_string(value: str, column: int, indent: str) -> str:
    """Quote ``value`` starting at ``column`` (0-based), wrapping at WIDTH."""
    paragraphs = value.split("\n\n") if value else [""]
    out: list[str] = ['"']
    col = column + 1
    for p_index, paragraph in enumerate(paragraphs):
        if p_index:
            out.append("\n\n" + indent)
            col = len(indent)
        words = [w.replace("\\", "\\\\").replace('"', '\\"') for w in paragraph.split(" ") if w]
        first = True
        for w_index, word in enumerate(words):
            extra = 1 if w_index == len(words) - 1 and p_index == len(paragraphs) - 1 else 0
            if not first and col + 1 + len(word) + extra > WIDTH:
                out.append("\n" + indent + word)
                col = len(indent) + len(word)
            else:
                out.append(("" if first else " ") + word)
                col += (0 if first else 1) + len(word)
            first = False
    out.append('"')
    return "".join(out)


def _render_unit(unit: _Unit, indent: str, cont: str) -> str:
    text = indent
    previous = None
    for i, token in enumerate(unit.tokens):
        if token.type == "_COMMA":
            text += ","
            previous = token
            continue
        column = len(text) - (text.rfind("\n") + 1)
        if previous is not None and previous.type == "_COMMA" and column + 1 + len(str(token)) > WIDTH:
            text += "\n" + cont  # long lists break after a comma
        elif i:
            text += " "
        previous = token
        if token.type == "STRING":
            column = len(text) - (text.rfind("\n") + 1)
            text += _wrap_string(decode_string(str(token)), column, cont)
        else:
            text += str(token)
    if unit.eol:
        text += "  " + "  ".join(unit.eol)
    return text


def _render_comments(comments: list[tuple[str, bool]], indent: str, last_blank: bool = True) -> list[str]:
    lines: list[str] = []
    for i, (text, blank_after) in enumerate(comments):
        lines.append(indent + text)
        if blank_after and (i < len(comments) - 1 or last_blank):
            lines.append("")
    return lines


def _blocks(text: str, path: str) -> tuple[list[_Block], list[_Unit]]:
    parser = token_parser()
    blocks: list[_Block] = []
    units: list[_Unit] = []
    current: _Unit | None = None
    for token in parser.parse_interactive(text).iter_parse():
        if token.type in _BLOCK_TYPES:
            current = _Unit([token])
            blocks.append(_Block(current))
            units.append(current)
        elif token.type in _ATTR_RANK and blocks:
            current = _Unit([token])
            blocks[-1].attrs.append(current)
            units.append(current)
        elif current is not None:
            current.tokens.append(token)
    return blocks, units


def _attach(
    comments: tuple[Comment, ...], blocks: list[_Block], units: list[_Unit], lines: list[str]
) -> list[tuple[str, bool]]:
    """Give each comment to its unit; returns the file's trailing comments."""
    headers = {id(b.header) for b in blocks}
    owner_block: dict[int, _Block] = {}
    for block in blocks:
        owner_block[id(block.header)] = block
        for attr in block.attrs:
            owner_block[id(attr)] = block
    trailer: list[tuple[str, bool]] = []
    starts = [u.start for u in units]  # in file order
    start_lines = [s[0] for s in starts]

    def blank_between(line: int, next_line: int) -> bool:
        return any(not lines[i].strip() for i in range(line, min(next_line - 1, len(lines))))

    pending: list[tuple[Comment, list[tuple[str, bool]], int]] = []
    for comment in comments:
        line, column = comment.span.line, comment.span.column
        text = comment.text.rstrip()
        if not comment.own_line:
            index = bisect.bisect_right(starts, (line, column)) - 1
            if index >= 0:
                units[index].eol.append(text)
                continue
        after = bisect.bisect_right(start_lines, line)  # first unit starting below the comment
        nxt = units[after] if after < len(units) else None
        previous = units[after - 1] if after > 0 else None
        if nxt is None or (id(nxt) in headers and column > 1 and previous is not None):
            target = owner_block[id(previous)].trailing if column > 1 and previous is not None else trailer
        else:
            target = nxt.leading
        target.append((text, False))
        pending.append((comment, target, len(target) - 1))
    # blank lines after each comment (kept inside comment groups and before the element)
    for i, (comment, target, index) in enumerate(pending):
        line = comment.span.line
        after = bisect.bisect_right(start_lines, line)
        following = [start_lines[after]] if after < len(units) else []
        if i + 1 < len(pending):
            following.append(pending[i + 1][0].span.line)
        next_line = min(following, default=len(lines) + 1)
        target[index] = (target[index][0], blank_between(line, next_line))
    return trailer


def _layout(blocks: list[_Block], trailer: list[tuple[str, bool]]) -> str:
    out: list[str] = []
    previous: _Block | None = None
    for block in blocks:
        if previous is not None:
            group = _COMPACT.get(block.type)
            same = group is not None and group == _COMPACT.get(previous.type)
            blanks = 2 if block.type == "_SECTION" else (0 if same and not block.header.leading else 1)
            out.extend([""] * blanks)
        out.extend(_render_comments(block.header.leading, ""))
        out.append(_render_unit(block.header, "", "    "))
        for attr in sorted(block.attrs, key=lambda u: _ATTR_RANK[u.tokens[0].type]):
            out.extend(_render_comments(attr.leading, _INDENT))
            out.append(_render_unit(attr, _INDENT, _INDENT + "    "))
        out.extend(_render_comments(block.trailing, _INDENT, last_blank=False))
        previous = block
    if trailer:
        if out:
            out.append("")
        out.extend(_render_comments(trailer, "", last_blank=False))
    return "\n".join(out) + "\n" if out else ""


def format_text(text: str, path: str = "<string>") -> str:
    """Format one file's text. Raises ArgmapSyntaxError (with E001 diagnostics)
    when the text does not parse; includes are not followed."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    before = parse_text(text, path)
    if before.diagnostics:
        raise ArgmapSyntaxError(list(before.diagnostics))
    blocks, units = _blocks(text, path)
    trailer = _attach(before.map.comments, blocks, units, text.split("\n"))
    result = _layout(blocks, trailer)
    after = parse_text(result, path)
    if after.diagnostics or after.map != before.map:
        raise FormatError(f"{path}: formatting would change the map's meaning; the file is left as it is (a bug in argmap fmt)")
    kept = [c.text for c in after.map.comments]
    exact = set(kept)
    joined = [k for k in kept if k.count("#") > 1]  # end-of-line comments joined on one line
    for comment in before.map.comments:
        text = comment.text.rstrip()
        if text not in exact and not any(text in k for k in joined):
            raise FormatError(f"{comment.span}: formatting would lose a comment; the file is left as it is (a bug in argmap fmt)")
    return result
