"""Helpers shared by the rule modules (this module registers no rule)."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import (
    TYPE_CHECKING,
    Protocol,
    TypeVar,
)

from argmap.diagnostics import Diagnostic, Fix, Related
from argmap.model import Span

if TYPE_CHECKING:
    from argmap.checks.base import Rule

__all__ = ["close_matches", "Suggester", "SUGGESTION_BUDGET", "did_you_mean", "prefix_span", "replace_fixes",
           "later_duplicates", "duplicate_ids"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def id_span(self) -> Span: ...


_T = TypeVar("_T", bound=_HasId)


def later_duplicates(items: Iterable[_T], first: Mapping[str, _T]) -> Iterator[tuple[_T, _T]]:
    """``(item, original)`` for every item whose id an earlier item already has
    (``first`` maps each id to its first item, e.g. ``Map.node_by_id``)."""
    for item in items:
        original = first[item.id]
        if original is not item:
            yield item, original


def duplicate_ids(rule: Rule, items: Iterable[_T], first: Mapping[str, _T], label: str,
                  noun: str) -> Iterator[Diagnostic]:
    """One diagnostic per later item that repeats an id (E101 nodes, E113 sources):
    "duplicate LABEL 'x' (first defined at line N)", pointing at the first one."""
    for item, original in later_duplicates(items, first):
        yield rule.diagnostic(
            f"duplicate {label} '{item.id}' (first defined at line {original.id_span.line})",
            item.id_span,
            hint=f"give this {noun} an id of its own",
            related=(Related(original.id_span, f"'{item.id}' first defined here"),),
        )

# Suggestions are a courtesy: beyond this many candidates, compare only ids of
# a similar length so a map of 20,000 nodes with many typos stays fast.
_MANY = 2000
# Distinct words a Suggester answers per run (past it: no suggestion).
SUGGESTION_BUDGET = 500


def close_matches(word: str, candidates: Sequence[str], *, limit: int = 3) -> list[str]:
    """The candidates most like ``word`` (best first), as ``difflib`` judges."""
    if len(candidates) > _MANY:
        size = len(word)
        candidates = [c for c in candidates if abs(len(c) - size) <= max(2, size // 3)]
    matches = difflib.get_close_matches(word, candidates, n=limit, cutoff=0.6)
    if not matches and word.lower() != word:
        lowered = {c.lower(): c for c in candidates}
        matches = [lowered[m] for m in difflib.get_close_matches(word.lower(), list(lowered), n=limit, cutoff=0.6)]
    return matches


class Suggester:
    """``close_matches`` for many words against many candidates, fast.

    With many candidates, a trigram index picks the few dozen ids that share
    the most trigrams with the word, and only those are compared with
    ``difflib``. Answers are remembered; past ``budget`` distinct words no
    more suggestions are computed (a map full of broken references, e.g. a
    bad merge, still checks fast).
    """

    def __init__(self, candidates: Sequence[str], budget: int = SUGGESTION_BUDGET) -> None:
        self.candidates = list(candidates)
        self.budget = budget
        self._memo: dict[str, list[str]] = {}
        self._index: dict[str, list[int]] | None = None

    def __call__(self, word: str) -> list[str]:
        found = self._memo.get(word)
        if found is None:
            if self.budget <= 0:
                return []
            self.budget -= 1
            found = self._memo[word] = close_matches(word, self._shortlist(word))
        return found

    def _shortlist(self, word: str) -> Sequence[str]:
        if len(self.candidates) <= 200:
            return self.candidates
        if self._index is None:
            self._index = _trigram_index(tuple(self.candidates))
        postings = [self._index.get(gram, []) for gram in _trigrams(word)]
        common = max(64, len(self.candidates) // 64)
        rare = [p for p in postings if len(p) <= common]
        counts: Counter[int] = Counter()
        for posting in rare if rare else sorted(postings, key=len)[:2]:
            counts.update(posting)
        return [self.candidates[number] for number, _ in counts.most_common(30)]


# The last index built: an editor re-checks the same ids after every keystroke.
_last_index: tuple[tuple[str, ...], dict[str, list[int]]] | None = None


def _trigram_index(candidates: tuple[str, ...]) -> dict[str, list[int]]:
    global _last_index
    if _last_index is not None and _last_index[0] == candidates:
        return _last_index[1]
    index: dict[str, list[int]] = {}
    for number, candidate in enumerate(candidates):
        for gram in _trigrams(candidate):
            index.setdefault(gram, []).append(number)
    _last_index = (candidates, index)
    return index


def _trigrams(word: str) -> set[str]:
    padded = f"  {word.lower()} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


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
