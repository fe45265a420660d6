"""Text -> model for one file, with syntax errors as diagnostics.

A file in the usual layout (one construct per line) is read by the line
scanner (:mod:`argmap.syntax.scanner`) without Lark; any other file, and any
file with an error, by the LALR parser (:mod:`argmap.syntax.lalr`). A valid
file is parsed in one pass. When a file has errors, it is cut into blocks (a
block keyword at the start of a line starts a block) and each block is parsed
alone, so one run reports every independent syntax error and keeps every
block that does parse. A block that fails keeps what comes before its error
(so a broken line after a complete block never loses the block), and a block
whose header is broken still *names* its id (``Map.unparsed_ids``), so the
references to it are not reported as undefined as well.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.memory import collector_paused
from argmap.model import Comment, Map, Span
from argmap.syntax.builder import DocumentBuilder
from argmap.syntax.keywords import BLOCK_KEYWORDS, NODE_KINDS
from argmap.syntax.scanner import NotInLayout, scan
from argmap.syntax.terminals import ID
from argmap.syntax.transform import MapTransformer

__all__ = ["ParseResult", "parse_text", "BLOCK_START"]

BLOCK_START = re.compile(r"^(?:%s)\b" % "|".join(BLOCK_KEYWORDS), re.M)  # noqa: UP031 - a regex
_NAMED_BLOCK = re.compile(rf"^(?:{'|'.join(NODE_KINDS)}|source)[ \t]+({ID})")


@dataclass(frozen=True)
class ParseResult:
    """One file parsed: the map of what parsed, and the syntax errors (E001)."""

    map: Map
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def parse_text(text: str, path: str = "<string>", *, section: str | None = None,
               first_line: int = 1) -> ParseResult:
    """Parse one file's text. Never raises for bad input: errors are diagnostics.

    ``section``: the section in force before the text starts, and
    ``first_line``: the line the text starts on (the language server parses a
    file in pieces; a piece may begin inside a section, further down)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    transformer = _scan_transformer()
    builder = transformer.builder = DocumentBuilder(path)
    builder.current_section = section
    with collector_paused():
        try:
            tokens = scan(text, path, builder, transformer, first_line)
        except NotInLayout:
            if first_line > 1:  # Lark counts from line 1: the lines before become blank lines
                text = "\n" * (first_line - 1) + text
            return parse_lalr(text, path, section)
        finally:
            # The cached transformer must not keep the last map alive (a long-lived
            # process would hold it; a CLI run would free it object by object at exit).
            transformer.builder = DocumentBuilder(path)
        builder.comments = _comments(tokens, text, path, first_line)
        return ParseResult(builder.build(), ())


_local = threading.local()


def _scan_transformer() -> MapTransformer:
    """Per thread: the transformer the scanner hands rare blocks to."""
    transformer: MapTransformer | None = getattr(_local, "scan", None)
    if transformer is None:
        transformer = _local.scan = MapTransformer()
    return transformer


def parse_lalr(text: str, path: str, section: str | None = None) -> ParseResult:
    """Parse with Lark's LALR parser only (the scanner's reference; error recovery)."""
    # imported here: a file the scanner reads needs neither Lark nor the messages
    from lark.exceptions import LarkError

    from argmap.syntax.lalr import transforming_parser
    from argmap.syntax.messages import syntax_error

    parser, transformer, comments = transforming_parser()

    def fresh_builder() -> DocumentBuilder:
        builder = DocumentBuilder(path)
        builder.current_section = section
        transformer.builder = builder
        comments.clear()
        return builder

    builder = fresh_builder()
    diagnostics: list[Diagnostic] = []
    try:
        parser.parse(text)
    except LarkError:
        builder = fresh_builder()
        diagnostics, builder.unparsed_ids = _parse_blocks(parser, builder, text, path)
    except RecursionError:  # pragma: no cover - the grammar is not recursive
        diagnostics = [syntax_error(path, 1, 1, "the file is nested too deeply to parse")]
    builder.comments = _comments(comments, text, path)
    comments.clear()
    transformer.builder = DocumentBuilder(path)  # see parse_text
    return ParseResult(builder.build(), tuple(diagnostics))


def _comments(tokens: list[Any], text: str, path: str, first_line: int = 1) -> list[Comment]:
    """Comment tokens -> comments. Whether a comment has its line to itself is
    read from the token's line and column in ``text`` (which starts on line
    ``first_line``), not from its offset: error recovery parses each block in a
    text of its own, so an offset need not be one in ``text``."""
    if not tokens:
        return []
    lines = text.split("\n")
    result = []
    for token in tokens:
        at = token.line - first_line
        own_line = not (lines[at][: token.column - 1].strip() if 0 <= at < len(lines) else "")
        value = str(token).rstrip("\r")
        result.append(Comment(value, Span(path, token.line, token.column, token.line, token.column + len(value)),
                              own_line))
    # A block parsed twice (error recovery) must not give its comments twice.
    unique = {(c.span.line, c.span.column): c for c in result}
    return [unique[key] for key in sorted(unique)]


def _parse_blocks(parser: Any, builder: DocumentBuilder, text: str, path: str) -> tuple[list[Diagnostic], list[str]]:
    """Parse each block alone; every block that fails gives one diagnostic.

    A failing block is parsed again up to the line of its error, so what
    comes before the error is kept; when even that fails (the header itself is
    broken), its id — if the header names one — is returned as unparsed."""
    from lark.exceptions import LarkError, UnexpectedInput

    from argmap.syntax.messages import from_lark, syntax_error

    starts = [m.start() for m in BLOCK_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    starts.append(len(text))
    diagnostics: list[Diagnostic] = []
    unparsed: list[str] = []
    line = 1
    for begin, end in itertools.pairwise(starts):
        chunk = text[begin:end]
        # Pad with line breaks so that Lark's positions are the file's positions.
        padded = "\n" * (line - 1) + chunk
        mark = builder.mark()
        try:
            parser.parse(padded)
        except UnexpectedInput as exc:
            diagnostic = from_lark(exc, padded, text, path)
            diagnostics.append(diagnostic)
            builder.rollback(mark)  # blocks completed before the error are parsed again below
            if not _keep_before(parser, builder, padded, diagnostic.span.line):
                named = _NAMED_BLOCK.match(chunk)
                if named is not None:
                    unparsed.append(named.group(1))
        except LarkError as exc:  # pragma: no cover - defensive
            diagnostics.append(syntax_error(path, line, 1, f"cannot parse this block ({exc})"))
        line += chunk.count("\n")
    return diagnostics, unparsed


def _keep_before(parser: Any, builder: DocumentBuilder, padded: str, error_line: int) -> bool:
    """Parse the block's lines before ``error_line``; True when that part parsed
    (its blocks are then in the builder) and holds something."""
    from lark.exceptions import LarkError

    lines = padded.split("\n")
    before = "\n".join(lines[: max(0, error_line - 1)])
    if not before.strip():
        return False
    mark = builder.mark()
    try:
        parser.parse(before)
    except LarkError:
        builder.rollback(mark)
        return False
    return True
