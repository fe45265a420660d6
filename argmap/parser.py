"""Text -> model for one file, with syntax errors as diagnostics.

The Lark LALR parser is built once per thread from ``grammar/argmap.lark``; the
analysed grammar is cached in the user's cache directory (never inside the
package, which may be read-only). A valid file is parsed in one pass. When a
file has errors, it is cut into blocks (a block keyword at the start of a line
starts a block) and each block is parsed alone, so one run reports every
independent syntax error and keeps every block that does parse.
"""

from __future__ import annotations

import difflib
import gc
import hashlib
import itertools
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Comment, Map, Span
from argmap.transform import DocumentBuilder, MapTransformer

__all__ = [
    "ParseResult",
    "parse_text",
    "grammar_text",
    "BLOCK_KEYWORDS",
    "ATTRIBUTE_KEYWORDS",
    "KEYWORDS",
    "decode_bytes",
]

BLOCK_KEYWORDS = (
    "title",
    "description",
    "source",
    "section",
    "include",
    "expect",
    "thesis",
    "claim",
    "evidence",
    "counter",
    "hypothesis",
    "assumption",
    "question",
)
NODE_ATTRIBUTES = (
    "tags",
    "actors",
    "date",
    "credibility",
    "relevance",
    "note",
    "cite",
    "supports",
    "attacks",
    "contradicts",
    "undercuts",
    "rates",
)
SOURCE_ATTRIBUTES = ("author", "date", "url", "file", "note")
ATTRIBUTE_KEYWORDS = tuple(dict.fromkeys(NODE_ATTRIBUTES + SOURCE_ATTRIBUTES))
OTHER_KEYWORDS = ("weight", "under", "low", "medium", "high", "accepted", "rejected",
                  "undecided", "leads", "grounded", "complete", "preferred", "stable")
KEYWORDS = BLOCK_KEYWORDS + ATTRIBUTE_KEYWORDS + OTHER_KEYWORDS

_BLOCK_START = re.compile(r"^(?:{})\b".format("|".join(BLOCK_KEYWORDS)), re.M)
_SYNTAX_CODE, _SYNTAX_RULE = "E001", "syntax-error"


@dataclass(frozen=True)
class ParseResult:
    """One file parsed: the map of what parsed, and the syntax errors (E001)."""

    map: Map
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def grammar_text() -> str:
    # The package is installed unzipped (zip_safe = False), so the file sits next
    # to the module; this avoids importing importlib.resources on every start.
    import argmap.grammar

    return (Path(argmap.grammar.__file__).parent / "argmap.lark").read_text(encoding="utf-8")


def _cache_dir() -> Path:
    base = os.environ.get("ARGMAP_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "argmap" if not os.environ.get("ARGMAP_CACHE_DIR") else root


_local = threading.local()


def _cache_dirs() -> Iterator[Path]:
    """The user's cache folder, then a temporary one (imported only if needed)."""
    yield _cache_dir()
    import tempfile

    yield Path(tempfile.gettempdir()) / "argmap-cache"


def _build_parser(transformer: MapTransformer | None, comments: list[Any]) -> Any:
    import lark
    from lark import Lark

    text = grammar_text()
    digest = hashlib.sha256(f"{lark.__version__}\0{text}".encode()).hexdigest()[:16]
    options: dict[str, Any] = {
        "parser": "lalr",
        "lexer": "contextual",
        "maybe_placeholders": False,
        "lexer_callbacks": {"COMMENT": comments.append},
    }
    if transformer is not None:
        options["transformer"] = transformer
    for directory in _cache_dirs():
        try:
            directory.mkdir(parents=True, exist_ok=True)
            cache = directory / f"grammar-{digest}.lark.cache"
            return Lark(text, cache=str(cache), **options)
        except OSError:
            continue
    return Lark(text, **options)


def _parser() -> tuple[Any, MapTransformer, list[Any]]:
    state = getattr(_local, "state", None)
    if state is None:
        transformer = MapTransformer()
        comments: list[Any] = []
        state = (_build_parser(transformer, comments), transformer, comments)
        _local.state = state
    return state


def decode_bytes(data: bytes, path: str) -> tuple[str, Diagnostic | None]:
    """UTF-8 (with or without BOM) -> text. Invalid bytes give an E002 diagnostic
    and are replaced, so the rest of the file is still checked."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        prefix = data[: exc.start].decode("utf-8-sig", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        return text, Diagnostic(
            code="E002",
            rule="invalid-encoding",
            severity=Severity.ERROR,
            message=f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            span=Span(path, line, column, line, column + 1),
            hint="save the file as UTF-8; argmap reads only UTF-8 (a BOM is fine)",
        )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a map is built and checked.

    Building a map allocates hundreds of thousands of small objects that all
    live on; every collection pass walks them again (measured: rules on a
    20,000-node map take 3.0 s with the collector on, 0.8 s with it paused).
    Reference counting still frees what dies; the collector resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_text(text: str, path: str = "<string>", *, section: str | None = None,
               first_line: int = 1) -> ParseResult:
    """Parse one file's text. Never raises for bad input: errors are diagnostics.

    ``section``: the section in force before the text starts, and
    ``first_line``: the line the text starts on (the language server parses a
    file in pieces; a piece may begin inside a section, further down).

    A file in the usual layout (one construct per line) is read by
    :mod:`argmap.linescan` without Lark; any other file, and any file with an
    error, by the LALR parser (fast loop first, then Lark's own entry point,
    which reports)."""
    from argmap.linescan import NotInLayout, scan

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
            return _parse_lalr(text, path, section)
        finally:
            # The cached transformer must not keep the last map alive (a long-lived
            # process would hold it; a CLI run would free it object by object at exit).
            transformer.builder = DocumentBuilder(path)
        builder.comments = _comments(tokens, text, path)
        return ParseResult(builder.build(), ())


def _scan_transformer() -> MapTransformer:
    transformer = getattr(_local, "scan_transformer", None)
    if transformer is None:
        transformer = _local.scan_transformer = MapTransformer()
    return transformer


def _parse_lalr(text: str, path: str, section: str | None) -> ParseResult:
    from lark.exceptions import LarkError

    from argmap.fastpath import Fallback, fast_parse

    parser, transformer, comments = _parser()

    def fresh_builder() -> DocumentBuilder:
        builder = DocumentBuilder(path)
        builder.current_section = section
        transformer.builder = builder
        comments.clear()
        return builder

    builder = fresh_builder()
    diagnostics: list[Diagnostic] = []
    try:
        try:
            fast_parse(parser, text)
        except Fallback:
            # Not a valid file (or something the fast loop does not take):
            # Lark's own entry point decides, and reports, exactly as before.
            builder = fresh_builder()
            parser.parse(text)
    except LarkError:
        builder = fresh_builder()
        diagnostics = _parse_blocks(parser, text, path)
    except RecursionError:  # pragma: no cover - the grammar is not recursive
        diagnostics = [_diagnostic(path, 1, 1, "the file is nested too deeply to parse", None, None)]
    builder.comments = _comments(comments, text, path)
    comments.clear()
    transformer.builder = DocumentBuilder(path)  # see parse_text
    return ParseResult(builder.build(), tuple(diagnostics))


def _comments(tokens: list[Any], text: str, path: str) -> list[Comment]:
    if not tokens:
        return []
    result = []
    for token in tokens:
        line_start = text.rfind("\n", 0, token.start_pos) + 1
        own_line = not text[line_start : token.start_pos].strip()
        result.append(
            Comment(
                str(token).rstrip("\r"),
                Span(path, token.line, token.column, token.line, token.column + len(str(token).rstrip("\r"))),
                own_line,
            )
        )
    # A block parsed twice (error recovery) must not give its comments twice.
    unique = {(c.span.line, c.span.column): c for c in result}
    return [unique[key] for key in sorted(unique)]


def _parse_blocks(parser: Any, text: str, path: str) -> list[Diagnostic]:
    """Parse each block alone; every block that fails gives one diagnostic."""
    from lark.exceptions import LarkError, UnexpectedInput

    starts = [m.start() for m in _BLOCK_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    starts.append(len(text))
    diagnostics: list[Diagnostic] = []
    line = 1
    for begin, end in itertools.pairwise(starts):
        chunk = text[begin:end]
        # Pad with line breaks so that Lark's positions are the file's positions.
        padded = "\n" * (line - 1) + chunk
        try:
            parser.parse(padded)
        except UnexpectedInput as exc:
            diagnostics.append(_from_lark(exc, padded, text, path))
        except LarkError as exc:  # pragma: no cover - defensive
            diagnostics.append(_diagnostic(path, line, 1, f"cannot parse this block ({exc})", None, None))
        line += chunk.count("\n")
    return diagnostics


# ----------------------------------------------------------------- messages

_TERMINAL_WORDS = {
    "ID": "an id",
    "KIND": "a node kind (thesis, claim, evidence, counter, hypothesis, assumption, question)",
    "STATUS": "accepted, rejected, undecided or leads",
    "SEMANTICS": "grounded, complete, preferred or stable",
    "LEVEL": "low, medium or high",
    "GRADE": "a rating (CC, C, N, I, II or NA)",
    "_COMMA": "a comma",
    "_ARROW": "'->'",
    "STRING": 'a quoted text ("...")',
    "DATE": "a date such as 2016, 2016-11 or 2016-11-26",
    "NUMBER": "a number such as 0.8",
    "LOCATOR": "a locator such as §2 or p.12",
    "$END": "the end of the file",
}


# most used first, so the first five named are the ones a writer most likely meant
_ATTRIBUTE_ORDER = ("supports", "attacks", "cite", "date", "tags", "undercuts", "contradicts", "credibility",
                    "relevance", "actors", "note", "rates", "author", "url", "file")


def _describe_expected(expected: set[str] | frozenset[str]) -> str:
    """Lark's terminal names -> the words a writer knows."""
    # keyword terminals are named _TAGS, _CITE...: show them as the words
    names = {n[1:].lower() if n.startswith("_") and n[1:].lower() in KEYWORDS else n for n in expected}
    words: list[str] = []
    starts_block = "KIND" in names and "source" in names
    if starts_block:
        names -= set(BLOCK_KEYWORDS) | {"KIND", "$END"}
    attributes = sorted((n for n in names if n in ATTRIBUTE_KEYWORDS), key=_ATTRIBUTE_ORDER.index)
    if len(attributes) > 3:
        names -= set(attributes)
        words.append("an attribute (" + ", ".join(attributes[:5]) + ", ...)")
    for name in sorted(names):
        words.append(_TERMINAL_WORDS.get(name) or f"'{name}'")
    if starts_block:
        words.append("a new block (thesis, claim, evidence, source, section, ...)")
    words = list(dict.fromkeys(words))
    if len(words) <= 1:
        return words[0] if words else ""
    return ", ".join(words[:-1]) + " or " + words[-1]


def _found(token: Any) -> str:
    if token is None or getattr(token, "type", "") == "$END":
        return "end of file"
    value = str(token)
    if token.type == "STRING":
        short = value if len(value) <= 30 else value[:27] + '..."'
        return f"text {short}"
    if token.type == "ID" or value.isidentifier():
        return f"'{value}'"
    return f"'{value[:30]}'"


def _word_at(line_text: str, column: int) -> str:
    match = re.match(r"[\w.\-]+", line_text[column - 1 :]) if column >= 1 else None
    if not match:
        return ""
    # extend to the left: the error may point into the middle of a word
    start = column - 1
    while start > 0 and (line_text[start - 1].isalnum() or line_text[start - 1] in "_-."):
        start -= 1
    return line_text[start : column - 1] + match.group(0)


def _keyword_hint(word: str) -> str | None:
    if not word or word in KEYWORDS:
        return None
    close = difflib.get_close_matches(word.lower(), KEYWORDS, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else None


def _from_lark(exc: Any, padded: str, text: str, path: str) -> Diagnostic:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    line = getattr(exc, "line", None) or 1
    column = getattr(exc, "column", None) or 1
    if isinstance(exc, UnexpectedEOF) or (line == -1):
        lines = padded.rstrip().split("\n")
        line, column = len(lines), len(lines[-1]) + 1
    lines = text.split("\n")
    line_text = lines[line - 1] if 0 < line <= len(lines) else ""
    hint: str | None = None
    width = 1
    if isinstance(exc, UnexpectedCharacters):
        char = exc.char
        if char == '"':
            message = "this text is never closed: a closing double quote (\") is missing"
            hint = 'texts are written in double quotes; write \\" for a quote inside a text'
        else:
            expected = _describe_expected(exc.allowed or set())
            word = _word_at(line_text, column)
            if word and (char.isalnum() or char == "_"):
                message = f"unexpected word '{word}'"
            else:
                message = "unexpected character " + ("a tab" if char == "\t" else repr(char))
            if expected:
                message += f"; expected {expected}"
            hint = _keyword_hint(word)
            if hint is None and char in "“”„«»":
                hint = 'texts are written in straight double quotes ("..."); curly quotes may appear inside them'
    elif isinstance(exc, UnexpectedToken) and getattr(exc.token, "type", "$END") == "$END":
        # the block stops short: point just after its last word
        line, column, last = _last_word(padded)
        expected = _describe_expected(exc.accepts or exc.expected) or "more"
        message = f"expected {expected} after {last}"
    elif isinstance(exc, UnexpectedToken):
        token = exc.token
        expected = _describe_expected(exc.accepts or exc.expected)
        message = f"unexpected {_found(token)}"
        if expected:
            message += f"; expected {expected}"
        if token is not None and getattr(token, "type", "") != "$END":
            width = max(1, len(str(token).split("\n")[0]))
        word = _word_at(line_text, column)
        hint = _keyword_hint(word)
        if hint is None and token is not None and token.type == "ID" and "STRING" in (exc.accepts or exc.expected):
            hint = 'put the text in double quotes: "..."'
        elif hint is None and token.type == "STRING" and "ID" in (exc.accepts or exc.expected):
            first = line_text.split()[0] if line_text.split() else ""
            hint = f'write an id before the text, as in: {first if first in BLOCK_KEYWORDS else "claim"} my_id "..."'
        elif hint is None and str(token)[:1] in "“”„«»":
            hint = 'texts are written in straight double quotes ("..."); curly quotes may appear inside them'
    else:
        message = "the file ends in the middle of a block"
        expected = _describe_expected(getattr(exc, "expected", set()) or set())
        if expected:
            message += f"; expected {expected}"
    return _diagnostic(path, line, column, message, hint, None, width)


def _last_word(padded: str) -> tuple[int, int, str]:
    """(line, column just after it, the last word shown quoted) of a block,
    skipping blank and comment-only lines at its end."""
    lines = padded.split("\n")
    number = len(lines)
    while number > 1 and (not lines[number - 1].strip() or lines[number - 1].lstrip().startswith("#")):
        number -= 1
    content = re.sub(r'^((?:[^"#]|"(?:[^"\\]|\\.)*")*)#.*$', r"\1", lines[number - 1]).rstrip()
    match = re.search(r'([^\s,]+|,)$', content)
    word = match.group(1) if match else ""
    if word.endswith('"') and '"' in content[:-1]:
        return number, len(content) + 1, "the text"
    return number, len(content) + 1, f"'{word[:30]}'" if word else "the keyword"


def _diagnostic(
    path: str, line: int, column: int, message: str, hint: str | None, context: str | None, width: int = 1
) -> Diagnostic:
    return Diagnostic(
        code=_SYNTAX_CODE,
        rule=_SYNTAX_RULE,
        severity=Severity.ERROR,
        message=message,
        span=Span(path, line, column, line, column + width),
        hint=hint,
        context=context,
    )
