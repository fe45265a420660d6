"""The label wrapper (argmap.render.wrap) writes exactly the lines of the
``textwrap`` call it replaces, on any words and any width."""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from argmap.render.wrap import MAX_LINES, greedy_lines, wrap_text


def reference(text: str, width: int) -> list[str]:
    """What argmap wrote before: textwrap.wrap on collapsed whitespace, cut at 10 lines."""
    words = " ".join(text.split())
    if width <= 0:
        return [words] if words else []
    lines = textwrap.wrap(words, width, break_long_words=True, break_on_hyphens=False)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: max(width - 1, 1)] + "…"
    return lines


WORD = st.one_of(
    st.text(alphabet="abcdefg-", min_size=1, max_size=8),
    st.text(alphabet="xyz", min_size=20, max_size=130),  # longer than many widths
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12),
)
SPACE = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u3000", " \r\n "])


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, max_size=40))
    out = draw(SPACE) if draw(st.booleans()) else ""
    for word in words:
        out += word + draw(SPACE)
    return out


@settings(max_examples=examples(600), deadline=None)
@given(texts(), st.integers(min_value=-1, max_value=60))
def test_same_lines_as_textwrap(text: str, width: int) -> None:
    assert wrap_text(text, width) == reference(text, width)


@settings(max_examples=examples(300), deadline=None)
@given(st.text(), st.integers(min_value=1, max_value=60))
def test_same_lines_as_textwrap_on_any_text(text: str, width: int) -> None:
    assert wrap_text(text, width) == reference(text, width)


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("abcd efghijkl", 5, ["abcd ", "efghi", "jkl"]),  # textwrap keeps that space: so do we
    ("ab cdefghij", 4, ["ab c", "defg", "hij"]),
    ("one two three", 7, ["one two", "three"]),
    ("one two three", 3, ["one", "two", "thr", "ee"]),
    ("  many   spaces\there ", 36, ["many spaces here"]),
    ("", 10, []),
    ("x", 0, ["x"]),
])
def test_known_cases(text: str, width: int, lines: list[str]) -> None:
    assert wrap_text(text, width) == lines == reference(text, width)


def test_ten_lines_at_most_and_work_bounded() -> None:
    text = "word " * 200_000  # a megabyte of text
    lines = wrap_text(text, 10)
    assert len(lines) == MAX_LINES and lines[-1].endswith("…")
    assert len(greedy_lines(" ".join(text.split()), 10, 3)) == 3
