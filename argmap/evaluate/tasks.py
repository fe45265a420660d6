"""The ICCMA reasoning tasks on an abstract framework: DC (credulous), DS
(sceptical) and SE (some extension) under GR, CO, PR and ST.

Each answer comes with the certificate ICCMA 2023 asks for: DC-σ YES with a
σ-extension containing the query, DS-σ NO with a σ-extension without it, SE-σ
a σ-extension (or none: only stable can have none). Extensions are sorted
lists of 0-based arguments.

How each task is decided:

* GR: the grounded labelling (linear). CO: DS-CO is DS-GR (the grounded
  extension is the least complete one), SE-CO is the grounded extension,
  DC-CO looks for a complete labelling with the query IN.
* PR: DC-PR is DC-CO with the witness grown to a preferred extension (every
  admissible set lies in one); SE-PR grows the grounded extension; DS-PR runs
  the counter-example loop: find a complete extension without the query and
  not inside a preferred extension found so far, grow it to a preferred one;
  if that one lacks the query it is the certificate, otherwise exclude its
  subsets and go on; when nothing is left the query is sceptically accepted.
* ST: stable labellings with the query IN (DC) or not IN (DS).

The labellings are found by the SAT back end (argmap.evaluate.satsolve) when
python-sat is installed, else by the pure-Python search over the part the
grounded labelling leaves undecided (argmap.evaluate.search).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from argmap.evaluate import satsolve
from argmap.evaluate.af import AF, IN, OUT, UNDEC, grounded, labelling_of
from argmap.evaluate.search import grow as search_grow
from argmap.evaluate.search import search
from argmap.evaluate.semantics import SatSolverNeeded, needs_sat

__all__ = ["PROBLEMS", "Answer", "solve"]

TASKS = ("DC", "DS", "SE")
CODES = {"CO": "complete", "GR": "grounded", "PR": "preferred", "ST": "stable"}
PROBLEMS = tuple(f"{task}-{code}" for task in TASKS for code in ("CO", "GR", "PR", "ST"))


@dataclass(frozen=True)
class Answer:
    """``accepted``: the YES/NO of a DC or DS task (None for SE); ``witness``:
    the certificate extension, or None (no certificate is due, or SE-ST found
    no stable extension)."""

    task: str
    accepted: bool | None
    witness: list[int] | None


class _Oracle(Protocol):
    def find(self, must_in: Sequence[int] = (), must_not_in: Sequence[int] = ()) -> list[int] | None: ...

    def some_in(self, arguments: Sequence[int]) -> None: ...

    def grow(self, extension: Sequence[int]) -> list[int]: ...

    def close(self) -> None: ...


class _Search:
    """The same questions answered by the pure-Python search over the
    grounded-undecided part (one search, no decomposition)."""

    def __init__(self, af: AF, ground: list[int], stable: bool) -> None:
        self.af = af
        self.semantics = "stable" if stable else "complete"
        self.fixed_in = [a for a, label in enumerate(ground) if label == IN]
        self.undec = [a for a, label in enumerate(ground) if label == UNDEC]
        self.pos = {a: i for i, a in enumerate(self.undec)}
        self.lab = list(ground)
        for a in self.undec:
            self.lab[a] = 0
        self.clauses: list[list[int]] = []

    def _extension(self, labels: list[int]) -> list[int]:
        return sorted(self.fixed_in + [a for a, label in zip(self.undec, labels) if label == IN])

    def find(self, must_in: Sequence[int] = (), must_not_in: Sequence[int] = ()) -> list[int] | None:
        found = next(search(self.af, self.undec, self.lab, self.semantics,
                            fixed_in=[self.pos[a] for a in must_in], clauses=self.clauses,
                            not_in=[self.pos[a] for a in must_not_in]), None)
        return None if found is None else self._extension(found)

    def some_in(self, arguments: Sequence[int]) -> None:
        self.clauses.append([self.pos[a] for a in arguments])

    def grow(self, extension: Sequence[int]) -> list[int]:
        full = labelling_of(self.af, extension)  # exact for a complete extension
        current = [full[a] for a in self.undec]
        while True:
            bigger = search_grow(self.af, self.undec, self.lab, current)
            if bigger is None:
                return self._extension(current)
            current = bigger

    def close(self) -> None:
        pass


def _oracle(af: AF, ground: list[int], semantics: str, solver: str) -> _Oracle:
    stable = semantics == "stable"
    if solver == "sat" or (solver == "auto" and satsolve.available()):
        if not satsolve.available():
            raise SatSolverNeeded("the SAT back end needs python-sat: pip install 'argmap[sat]'")
        return satsolve.Encoding(af, ground, stable=stable)
    if solver == "auto":
        why = needs_sat(af, ground, semantics)
        if why:
            raise SatSolverNeeded(why)
    return _Search(af, ground, stable)


def solve(af: AF, problem: str, query: int | None = None, solver: str = "auto") -> Answer:
    """Answer the ICCMA ``problem`` (``"DC-PR"``...) about argument ``query``
    (0-based; DC and DS only). ``solver``: "auto", "sat" or "search"."""
    task, _, code = problem.partition("-")
    if problem not in PROBLEMS:
        raise ValueError(f"unknown problem {problem!r} (choose from {', '.join(PROBLEMS)})")
    if task != "SE" and (query is None or not 0 <= query < af.size):
        raise ValueError(f"{problem} needs a query argument 1..{af.size}")
    semantics = CODES[code]
    ground = grounded(af)
    grounded_ext = [a for a, label in enumerate(ground) if label == IN]
    if semantics == "grounded" or (semantics == "complete" and task != "DC"):
        if task == "SE":
            return Answer(problem, None, grounded_ext)
        inside = ground[query] == IN  # type: ignore[index]
        if task == "DC":
            return Answer(problem, inside, grounded_ext if inside else None)
        return Answer(problem, inside, None if inside else grounded_ext)
    assert task == "SE" or query is not None
    if semantics == "preferred" and task == "SE" and not any(label == UNDEC for label in ground):
        return Answer(problem, None, grounded_ext)
    oracle = _oracle(af, ground, semantics, solver)
    try:
        return _decide(oracle, problem, task, semantics, ground, grounded_ext, query)
    finally:
        oracle.close()


def _decide(oracle: _Oracle, problem: str, task: str, semantics: str, ground: list[int],
            grounded_ext: list[int], query: int | None) -> Answer:
    if task == "SE":
        found = oracle.find()
        if found is not None and semantics == "preferred":
            found = oracle.grow(found)
        return Answer(problem, None, found)
    assert query is not None
    label = ground[query]
    if task == "DC":
        if label == OUT:
            return Answer(problem, False, None)
        found = oracle.find(must_in=[query] if label == UNDEC else [])
        if found is not None and semantics == "preferred":
            found = oracle.grow(found)
        return Answer(problem, found is not None, found)
    # DS
    if semantics == "stable":
        if label == OUT:
            found = oracle.find()
        elif label == IN:
            return Answer(problem, True, None)
        else:
            found = oracle.find(must_not_in=[query])
        return Answer(problem, found is None, found)
    # DS-PR
    if label == IN:
        return Answer(problem, True, None)
    if label == OUT:
        return Answer(problem, False, oracle.grow(grounded_ext))
    while True:
        start = oracle.find(must_not_in=[query])
        if start is None:
            return Answer(problem, True, None)
        found = oracle.grow(start)
        if query not in found:
            return Answer(problem, False, found)
        members = set(found)
        undecided_out = [a for a, lab in enumerate(ground) if lab == UNDEC and a not in members]
        if not undecided_out:
            return Answer(problem, True, None)
        oracle.some_in(undecided_out)
