"""Node text wrapped for labels: the lines ``textwrap.wrap`` writes, found in
one pass with ``str.rfind`` instead of its chunk-by-chunk loop.

``wrap_text`` gives exactly what ``textwrap.wrap(words, width,
break_long_words=True, break_on_hyphens=False)`` gives on whitespace-collapsed
text (tests/test_render_wrap.py holds it to that with hypothesis), including
the module's quirks: a word longer than ``width`` fills the rest of the current
line and goes on at the start of the next, and when the space before such a
word ends exactly at ``width`` that space stays at the end of the line.
"""

from __future__ import annotations

__all__ = ["MAX_CHARACTERS", "MAX_LINES", "greedy_lines", "line_limit", "wrap_text", "wrap_words"]

MAX_LINES = 10
MAX_CHARACTERS = 600  # a label shows about this much text whatever its width (the rest is in its tooltip)


_LIMITS: dict[int, int] = {}


def line_limit(width: int) -> int:
    """The most lines a label wrapped at ``width`` shows: 10, or more for a
    narrow width, so that about ``MAX_CHARACTERS`` of text always fit."""
    return max(MAX_LINES, -(-MAX_CHARACTERS // max(width, 1)))


def greedy_lines(text: str, width: int, limit: int) -> list[str]:
    """At most ``limit`` lines of ``text`` (words separated by single spaces,
    none leading or trailing) wrapped at ``width`` >= 1 columns as
    ``textwrap.wrap(text, width, break_on_hyphens=False)`` wraps it."""
    lines: list[str] = []
    end = len(text)
    start = 0
    while start < end and len(lines) < limit:
        stop = start + width
        if stop >= end:  # the rest fits
            lines.append(text[start:])
            break
        if text[stop] == " ":  # a word ends exactly at the width
            lines.append(text[start:stop])
            start = stop + 1
            continue
        space = text.rfind(" ", start, stop)
        if space < 0:  # the first word alone is too long: break it at the width
            lines.append(text[start:stop])
            start = stop
            continue
        after = text.find(" ", space + 1)
        if (end if after < 0 else after) - space - 1 > width:
            # the next word is longer than a line: it fills this line's rest
            lines.append(text[start:stop])
            start = stop
        else:
            lines.append(text[start:space])
            start = space + 1
    return lines


def wrap_text(text: str, width: int) -> list[str]:
    """Whitespace-collapsed text wrapped to ``width`` columns (at most
    ``line_limit(width)`` lines; the last then ends with an ellipsis)."""
    return wrap_words(" ".join(text.split()), width)


def wrap_words(words: str, width: int) -> list[str]:
    """``wrap_text`` for text whose whitespace is collapsed already."""
    if width <= 0 or len(words) <= width:
        return [words] if words else []
    limit = _LIMITS.get(width) or _LIMITS.setdefault(width, line_limit(width))
    lines = greedy_lines(words, width, limit + 1)
    if len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = lines[-1][: max(width - 1, 1)] + "…"
    return lines
