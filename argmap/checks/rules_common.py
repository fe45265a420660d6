"""Helpers shared by the rule modules (this module registers no rule)."""

from __future__ import annotations

import difflib
from typing import Iterable, Sequence

from argmap.diagnostics import Fix
from argmap.model import Span

__all__ = ["close_matches", "did_you_mean", "prefix_span", "replace_fixes"]

# Suggestions are a courtesy: beyond this many candidates, compare only ids of
# a similar length so a map of 20,000 nodes with many typos stays fast.
_MANY = 2000


def close_matches(word: str, candidates: Sequence[str], *, limit: int = 3) -> list[str]:
    """The candidates most like ``word`` (best first), as ``difflib`` judges."""
    if len(candidates) > _MANY:
        size = len(word)
        candidates = [c for c in candidates if abs(len(c) - size) <= max(2, size // 3)]
    matches = difflib.get_close_matches(word, candidates, n=limit, cutoff=0.6)
    if not matches:
        lowered = {c.lower(): c for c in candidates}
        matches = [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=limit, cutoff=0.6)]
    return matches


def did_you_mean(matches: Iterable[str]) -> str:
    """``did you mean 'a'?`` / ``did you mean 'a' or 'b'?`` or an empty string."""
    quoted = [f"'{m}'" for m in matches]
    if not quoted:
        return ""
    if len(quoted) == 1:
        return f"did you mean {quoted[0]}?"
    return f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"


def prefix_span(span: Span, length: int) -> Span:
    """The first ``length`` characters of a one-line span (e.g. the id in ``rivals CC``)."""
    return Span(span.file, span.line, span.column, span.line, span.column + length)


def replace_fixes(span: Span, matches: Iterable[str]) -> tuple[Fix, ...]:
    """One fix per suggestion: replace the text at ``span`` with it."""
    return tuple(Fix(f"replace with '{m}'", span, m) for m in matches)
