"""Dung semantics on an abstract attack graph: grounded, complete, preferred, stable.

Arguments are integers ``0..n-1``; names live in :class:`AF`. Nothing here
enumerates subsets:

* **grounded**: the classic linear-time labelling propagation (an argument is
  IN once all its attackers are OUT, OUT once one attacker is IN; what is left
  is UNDEC). O(arguments + attacks).
* **complete / preferred / stable**: every complete labelling extends the
  grounded one, so only the grounded-UNDEC arguments are searched. They are
  split into strongly connected components (iterative Tarjan), processed in
  topological order; each component is labelled under the *conditioning* of
  the labels already fixed upstream (SCC-recursiveness, Baroni, Giacomin and
  Guida 2005). Inside a component, arguments with an IN attacker upstream are
  OUT; when that removes arguments, the rest is decomposed again. A component
  that stays strongly connected is labelled by backtracking search over label
  domains {IN, OUT, UNDEC} with propagation (argmap.evaluate.search).
  Preferred keeps, per component, the complete labellings with a maximal IN
  set; stable forbids UNDEC.

Label codes: 1 IN, 2 OUT, 3 UNDEC (0 = not yet labelled).
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.evaluate import satsolve
from argmap.evaluate.af import (
    AF,
    IN,
    LABEL_NAMES,
    OUT,
    UNDEC,
    TooManyExtensions,
    grounded,
    grounded_layers,
    labelling_of,
    sccs,
)
from argmap.evaluate.search import preferred_labellings, search

__all__ = [
    "AF",
    "IN",
    "LABEL_NAMES",
    "OUT",
    "PURE_SEARCH_LIMIT",
    "SAT_THRESHOLD",
    "SEMANTICS",
    "SatSolverNeeded",
    "UNDEC",
    "TooManyExtensions",
    "extensions",
    "grounded",
    "grounded_layers",
    "labelling_of",
    "labellings",
    "needs_sat",
    "sccs",
]

SEMANTICS = ("grounded", "complete", "preferred", "stable")


def labellings(af: AF, semantics: str) -> Iterator[list[int]]:
    """Every labelling of ``af`` under ``semantics`` (each a fresh list)."""
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}")
    lab = grounded(af)
    if semantics == "grounded":
        yield lab
        return
    undecided = [i for i in range(af.size) if lab[i] == UNDEC]
    for i in undecided:
        lab[i] = 0
    for _ in _enumerate(af, undecided, lab, semantics):
        yield list(lab)


SAT_THRESHOLD = 40
PURE_SEARCH_LIMIT = 500


class SatSolverNeeded(TooManyExtensions):
    """The pure-Python search would take too long: python-sat is needed."""


def needs_sat(af: AF, ground: list[int], semantics: str) -> str | None:
    """Why the pure search should not be tried on ``af`` (a message), or None.

    The search time grows steeply with the size of the largest strongly
    connected part the grounded labelling leaves undecided: beyond
    PURE_SEARCH_LIMIT arguments (preferred: about 2 s at 400 arguments, minutes
    at 2,000 on a random single-component framework; stable: 7-27 s at 2,000)
    the SAT back end is required."""
    if semantics == "grounded":
        return None
    undecided = [i for i, label in enumerate(ground) if label == UNDEC]
    if len(undecided) <= PURE_SEARCH_LIMIT:
        return None
    largest = max(map(len, sccs(af, undecided)))
    if largest <= PURE_SEARCH_LIMIT:
        return None
    return (f"{semantics} semantics on a framework whose undecided part has a strongly connected "
            f"component of {largest:,} arguments needs the SAT back end: pip install 'argmap[sat]' "
            f"(python-sat); the pure-Python search is only tried up to {PURE_SEARCH_LIMIT} "
            f"(--solver search forces it)")


def extensions(af: AF, semantics: str, limit: int | None = None, solver: str = "auto") -> list[list[int]]:
    """The extensions (IN sets, sorted) under ``semantics``, in a stable order.
    Raises TooManyExtensions when there are more than ``limit``, and
    SatSolverNeeded when the search would be hopeless without python-sat.

    ``solver``: "search" (pure Python), "sat" (python-sat) or "auto" (sat when
    installed and more than SAT_THRESHOLD arguments are undecided in the
    grounded labelling)."""
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}")
    found: list[list[int]] = []
    if semantics != "grounded" and solver != "search":
        ground = grounded(af)
        big = sum(1 for label in ground if label == UNDEC) > SAT_THRESHOLD
        if solver == "sat" or (big and satsolve.available()):
            if not satsolve.available():
                raise SatSolverNeeded("the SAT back end needs python-sat: pip install 'argmap[sat]'")
            found = satsolve.sat_extensions(af, ground, semantics, limit)
            found.sort()
            return found
        why = needs_sat(af, ground, semantics) if big else None
        if why:
            raise SatSolverNeeded(why)
    for lab in labellings(af, semantics):
        found.append([i for i, label in enumerate(lab) if label == IN])
        if limit is not None and len(found) > limit:
            raise TooManyExtensions(f"more than {limit} {semantics} extensions")
    found.sort()
    return found


# ---------------------------------------------------------------- search


def _enumerate(af: AF, subset: list[int], lab: list[int], semantics: str) -> Iterator[None]:
    """Label ``subset`` (all 0 in ``lab``) in every admissible way; yield after each.
    Components are walked with an explicit stack of iterators."""
    comps = sccs(af, subset)
    if not comps:
        yield None
        return
    iters: list[Iterator[None]] = [_component(af, comps[0], lab, semantics)]
    while iters:
        k = len(iters) - 1
        try:
            next(iters[k])
        except StopIteration:
            for a in comps[k]:
                lab[a] = 0
            iters.pop()
            continue
        if k + 1 == len(comps):
            yield None
        else:
            iters.append(_component(af, comps[k + 1], lab, semantics))


def _component(af: AF, comp: list[int], lab: list[int], semantics: str) -> Iterator[None]:
    members = set(comp)
    beaten = [a for a in comp if any(lab[b] == IN for b in af.attackers[a] if b not in members)]
    if beaten:
        # Arguments attacked from upstream are OUT; the rest may fall apart into
        # smaller components, so it is decomposed again (depth <= size of comp).
        for a in beaten:
            lab[a] = OUT
        rest = [a for a in comp if lab[a] != OUT]
        yield from _enumerate(af, rest, lab, semantics)
        for a in beaten:
            lab[a] = 0
        return
    found = preferred_labellings(af, comp, lab) if semantics == "preferred" else list(search(af, comp, lab, semantics))
    for labels in found:
        for a, label in zip(comp, labels):
            lab[a] = label
        yield None
    for a in comp:
        lab[a] = 0
