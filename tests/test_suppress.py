"""Suppression comments: per line, own line (next line / block), whole file."""

from __future__ import annotations

import pytest

from argmap.api import analyse, parse
from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Span
from argmap.suppress import filter_suppressed, parse_suppression

TEXT = """\
thesis t "T."   # argmap: ignore[W201]
claim a "A."    # argmap: ignore
# argmap: ignore[W203, orphan-node]

evidence e "E."
  date 2016
  supports t
claim b "B."
# argmap: ignore-file[W205]
claim c "C."  # just a comment
"""


def _d(code: str, line: int, rule: str = "some-rule", end_line: int | None = None) -> Diagnostic:
    return Diagnostic(code, rule, Severity.WARNING, "m", Span("m.arg", line, 1, end_line or line, 2))


@pytest.mark.parametrize(
    "comment, expected",
    [
        ("# argmap: ignore[W201,E102]", ("ignore", ("W201", "E102"))),
        ("#argmap:ignore", ("ignore", ())),
        ("# argmap: ignore[ w2 , orphan-node ] kept on purpose", ("ignore", ("W2", "orphan-node"))),
        ("# argmap: ignore-file[W203]", ("ignore-file", ("W203",))),
        ("# a comment about argmap: ignore", None),
        ("# argmap: ignored", None),
    ],
)
def test_parse_suppression(comment: str, expected: object) -> None:
    assert parse_suppression(comment) == expected


@pytest.mark.parametrize(
    "code, line, rule, kept",
    [
        ("W201", 1, "x", False),  # listed code, same line
        ("W202", 1, "x", True),  # other code, same line
        ("W201", 2, "x", False),  # bare ignore: every code
        ("E102", 2, "x", False),
        ("W203", 5, "x", False),  # own-line comment: the whole next block (lines 5-7)
        ("W203", 7, "x", False),
        ("W204", 6, "orphan-node", False),  # by rule name
        ("W203", 8, "x", True),  # the block after is not covered
        ("W205", 10, "x", False),  # ignore-file
        ("W205", 1, "x", False),
        ("E001", 2, "syntax-error", True),  # syntax errors cannot be suppressed
        ("W206", 10, "x", True),
    ],
)
def test_filter(code: str, line: int, rule: str, kept: bool) -> None:
    argmap = parse(TEXT, "m.arg").map
    diagnostic = _d(code, line, rule)
    assert (filter_suppressed(argmap, [diagnostic], {"m.arg": TEXT}) == [diagnostic]) is kept


def test_other_file_is_not_affected() -> None:
    argmap = parse(TEXT, "m.arg").map
    other = Diagnostic("W205", "x", Severity.WARNING, "m", Span("other.arg", 1, 1, 1, 2))
    assert filter_suppressed(argmap, [other], {"m.arg": TEXT}) == [other]


def test_multiline_span_is_covered_by_a_comment_on_its_last_line() -> None:
    text = 'claim a "one\ntwo"  # argmap: ignore[W201]\n'
    argmap = parse(text, "m.arg").map
    assert filter_suppressed(argmap, [_d("W201", 1, end_line=2)], {"m.arg": text}) == []


def test_per_file_ignores() -> None:
    argmap = parse("claim a \"A.\"\n", "m.arg").map
    kept = filter_suppressed(argmap, [_d("W201", 1), _d("E101", 1)], per_file=lambda f: ("W2",))
    assert [d.code for d in kept] == ["E101"]


def test_analyse_applies_comments() -> None:
    text = 'claim a "A."\nclaim a "again"  # argmap: ignore[E101]\nclaim b "B."\nclaim b "again"\n'
    codes = [(d.code, d.span.line) for d in analyse("<stdin>", text=text).diagnostics if d.code == "E101"]
    assert codes == [("E101", 4)]
    raw = analyse("<stdin>", text=text, suppress=False).diagnostics
    assert sorted(d.span.line for d in raw if d.code == "E101") == [2, 4]
