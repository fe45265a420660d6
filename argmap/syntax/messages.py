"""Lark's syntax errors -> E001 diagnostics in plain words, with hints.

Lark names terminals (``_SUPPORTS``, ``STRING``, ``$END``); a writer knows
words (``supports``, a quoted text, the end of the file). Every message says
what was found and what was expected, and a hint says how to fix the usual
slips: a misspelt keyword, curly or single quotes, ``source`` written where
``cite`` was meant, a date range, a locator with a space.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Span
from argmap.syntax.keywords import (
    ATTRIBUTE_KEYWORDS,
    BLOCK_KEYWORDS,
    GRADES,
    KEYWORDS,
    LEVELS,
    NODE_ATTRIBUTES,
    NODE_KINDS,
    RELATIONS,
    SEMANTICS_WORDS,
    STATUSES,
    Shape,
    terminal_name,
)

__all__ = ["from_lark", "syntax_error"]

_CODE, _RULE = "E001", "syntax-error"


def _alternatives(words: tuple[str, ...]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1]


_TERMINAL_WORDS = {
    "ID": "an id",
    "KIND": f"a node kind ({', '.join(NODE_KINDS)})",
    "STATUS": _alternatives(STATUSES),
    "SEMANTICS": _alternatives(SEMANTICS_WORDS),
    "LEVEL": _alternatives(LEVELS),
    "CREDIBILITY_GRADE": "a grade from 1 to 6",
    "RELIABILITY_GRADE": "a grade from A to F",
    "INFERRED_MARK": "'(inferred)'",
    "GRADE": f"a rating ({_alternatives(GRADES)})",
    "_COMMA": "a comma",
    "_ARROW": "'->'",
    "STRING": 'a quoted text ("...")',
    "DATE": "a date such as 2016, 2016-11 or 2016-11-26",
    "NUMBER": "a number such as 0.8",
    "LOCATOR": "a locator such as §2 or p.12",
    "$END": "the end of the file",
}
_KEYWORD_OF_TERMINAL = {terminal_name(word): word for word in KEYWORDS}

# most used first, so the first five named are the ones a writer most likely meant
_ATTRIBUTE_ORDER = tuple(dict.fromkeys(
    [r.keyword for r in RELATIONS[:2]] + ["cite", "date", "tags"] + [r.keyword for r in RELATIONS[2:]]
    + [a.keyword for a in NODE_ATTRIBUTES] + list(ATTRIBUTE_KEYWORDS)))
_CURLY = "“”„«»"


def syntax_error(path: str, line: int, column: int, message: str, hint: str | None = None,
                 width: int = 1) -> Diagnostic:
    return Diagnostic(code=_CODE, rule=_RULE, severity=Severity.ERROR, message=message,
                      span=Span(path, line, column, line, column + width), hint=hint)


def _describe_expected(expected: set[str] | frozenset[str]) -> str:
    """Lark's terminal names -> the words a writer knows."""
    names = {_KEYWORD_OF_TERMINAL.get(n, n) for n in expected}
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
    match = re.match(r"[\w.\-]+", line_text[column - 1:]) if column >= 1 else None
    if not match:
        return ""
    # extend to the left: the error may point into the middle of a word
    start = column - 1
    while start > 0 and (line_text[start - 1].isalnum() or line_text[start - 1] in "_-."):
        start -= 1
    return line_text[start: column - 1] + match.group(0)


def _keyword_hint(word: str) -> str | None:
    if not word or word in KEYWORDS:
        return None
    close = difflib.get_close_matches(word.lower(), KEYWORDS, n=1, cutoff=0.75)
    return f"did you mean '{close[0]}'?" if close else None


_DATE_RANGE = re.compile(r"^\s*date\s+\d+(?:-\d+){0,2}\s*(?:/|–|—|-|to\b|until\b|\.\.)")
_SOURCE_AS_CITE = re.compile(r"^\s*source\s+([\w.\-]+)\s*(?:$|[^\s\"])")
_LINK_KEYWORDS = "|".join(re.escape(r.keyword) for r in RELATIONS if r.shape is Shape.LINK)
_UNDERCUT_WITHOUT_ARROW = re.compile(rf"^\s*(?:{_LINK_KEYWORDS})\s+[\w.\-]+\s+[\w.\-]")
_LOCATOR_WITH_SPACE = re.compile(r"^\s*cite\s+[\w.\-]+\s+[^\s\"#,]+\s+[^\s\"#,]")


def _slip_hint(line_text: str, char: str | None) -> str | None:
    """Hints for the usual slips, recognised from the line as written."""
    if char == "'" or (char is None and "'" in line_text and '"' not in line_text):
        return "texts are written in double quotes: \"...\" (single quotes are not quotes in .arg)"
    if char is not None and char in _CURLY:
        return 'texts are written in straight double quotes ("..."); curly quotes may appear inside them'
    if _DATE_RANGE.match(line_text):
        return ("a date is one day, month or year (2016-11-26, 2016-11 or 2016); for a period, "
                "write when it started and say the rest in a note")
    source = _SOURCE_AS_CITE.match(line_text)
    if source:
        name = source.group(1)
        return (f"'source' declares a source (source {name} \"Title\"); to cite one inside a node, "
                f"write: cite {name} [locator] \"quotation\"")
    if _UNDERCUT_WITHOUT_ARROW.match(line_text):
        return "an undercut names an inference: undercuts A -> B (the link from A to B), or undercuts ARGUMENT"
    if _LOCATOR_WITH_SPACE.match(line_text):
        return 'a locator is one word (p.4, §2) or a quoted text: cite SOURCE "p. 4" "quotation"'
    return None


def from_lark(exc: Any, padded: str, text: str, path: str) -> Diagnostic:
    """One Lark error (from parsing ``padded``: a block padded to its place in
    ``text``) as an E001 diagnostic."""
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
    single = _single_quoted(line_text, column)
    if single is not None:
        message = "this text is in single quotes; texts are written in double quotes"
        hint = f'write "{single}"'
        width = len(single) + 2 if line_text[column - 1 + len(single) + 1: column + len(single) + 1] == "'" else 1
    elif isinstance(exc, UnexpectedCharacters):
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
            hint = _keyword_hint(word) or _slip_hint(line_text, char)
    elif isinstance(exc, UnexpectedToken) and getattr(exc.token, "type", "$END") == "$END":
        # the block stops short: point just after its last word
        line, column, last = _last_word(padded)
        expected = _describe_expected(exc.accepts or exc.expected) or "more"
        message = f"expected {expected} after {last}"
        last_line = lines[line - 1] if 0 < line <= len(lines) else ""
        hint = _slip_hint(last_line, None)
    elif isinstance(exc, UnexpectedToken):
        token = exc.token
        accepted = exc.accepts or exc.expected
        expected = _describe_expected(accepted)
        message = f"unexpected {_found(token)}"
        if expected:
            message += f"; expected {expected}"
        if token is not None and getattr(token, "type", "") != "$END":
            width = max(1, len(str(token).split("\n")[0]))
        hint = _keyword_hint(_word_at(line_text, column)) or _slip_hint(line_text, str(token)[:1] or None)
        if hint is None and token is not None and token.type == "ID" and "STRING" in accepted:
            hint = 'put the text in double quotes: "..."'
        elif hint is None and token.type == "STRING" and "ID" in accepted:
            first = line_text.split()[0] if line_text.split() else ""
            hint = f'write an id before the text, as in: {first if first in BLOCK_KEYWORDS else "claim"} my_id "..."'
    else:
        message = "the file ends in the middle of a block"
        expected = _describe_expected(getattr(exc, "expected", set()) or set())
        if expected:
            message += f"; expected {expected}"
    return syntax_error(path, line, column, message, hint, width)


def _single_quoted(line_text: str, column: int) -> str | None:
    """The text of a single-quoted text starting at ``column``, if one does."""
    if line_text[column - 1: column] != "'":
        return None
    end = line_text.find("'", column)
    return line_text[column: end] if end > column else line_text[column:].rstrip()


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
