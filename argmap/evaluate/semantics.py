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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

__all__ = [
    "AF",
    "IN",
    "LABEL_NAMES",
    "OUT",
    "SAT_THRESHOLD",
    "SEMANTICS",
    "UNDEC",
    "TooManyExtensions",
    "extensions",
    "grounded",
    "grounded_layers",
    "labelling_of",
    "labellings",
    "sccs",
]

IN, OUT, UNDEC = 1, 2, 3
LABEL_NAMES = {IN: "IN", OUT: "OUT", UNDEC: "UNDEC"}
SEMANTICS = ("grounded", "complete", "preferred", "stable")
_D_IN, _D_OUT, _D_UND = 1, 2, 4


class TooManyExtensions(Exception):
    """More extensions than the caller's ``limit``."""


@dataclass
class AF:
    """An abstract argumentation framework: ``names[i]`` and attack lists."""

    names: list[str]
    attacks: list[list[int]] = field(default_factory=list)  # i -> targets
    attackers: list[list[int]] = field(default_factory=list)  # i -> attackers

    def __post_init__(self) -> None:
        n = len(self.names)
        if not self.attacks:
            self.attacks = [[] for _ in range(n)]
        if not self.attackers:
            self.attackers = [[] for _ in range(n)]

    @classmethod
    def from_pairs(cls, names: Sequence[str], pairs: Iterable[tuple[int, int]]) -> AF:
        af = cls(list(names))
        for a, b in sorted(set(pairs)):
            af.attacks[a].append(b)
            af.attackers[b].append(a)
        return af

    @property
    def size(self) -> int:
        return len(self.names)

    def pairs(self) -> list[tuple[int, int]]:
        return [(a, b) for a in range(self.size) for b in self.attacks[a]]

    def in_degrees(self) -> list[int]:
        """Per argument, how many attack it (grounded needs only these counts)."""
        return list(map(len, self.attackers))


def grounded(af: AF) -> list[int]:
    """The grounded labelling in O(n + m)."""
    attacks = af.attacks
    lab = [0] * af.size
    alive = af.in_degrees()  # attackers not (yet) OUT
    queue = [i for i, count in enumerate(alive) if not count]
    for i in queue:
        lab[i] = IN
    for a in queue:  # the queue grows while it is read
        for b in attacks[a]:
            if not lab[b]:
                lab[b] = OUT
                for c in attacks[b]:
                    if not lab[c]:
                        alive[c] -= 1
                        if not alive[c]:
                            lab[c] = IN
                            queue.append(c)
    return [label or UNDEC for label in lab]


def grounded_layers(af: AF) -> tuple[list[int], list[int]]:
    """The grounded labelling and, per argument, the round it got its label in
    (0 = unattacked, then one round per IN -> OUT -> IN step; UNDEC = -1), in
    one O(n + m) pass. An argument attacked by an IN one is OUT; one whose
    attackers are all OUT is IN: the rounds visit exactly the grounded labels."""
    attacks = af.attacks
    lab = [UNDEC] * af.size
    rounds = [-1] * af.size
    alive = af.in_degrees()
    frontier = [i for i, count in enumerate(alive) if not count]
    for i in frontier:
        rounds[i] = 0
        lab[i] = IN
    step = 0
    while frontier:
        step += 1
        nxt: list[int] = []
        for a in frontier:
            for b in attacks[a]:
                if rounds[b] == -1:
                    rounds[b] = step
                    lab[b] = OUT
                    for c in attacks[b]:
                        alive[c] -= 1
                        if not alive[c] and rounds[c] == -1:
                            rounds[c] = step
                            lab[c] = IN
                            nxt.append(c)
        frontier = nxt
    return lab, rounds


def sccs(af: AF, subset: Sequence[int]) -> list[list[int]]:
    """Strongly connected components of the subgraph on ``subset``, upstream first
    (iterative Tarjan; components come out sinks first, so they are reversed)."""
    inside = set(subset)
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    result: list[list[int]] = []
    counter = 0
    for root in subset:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            targets = af.attacks[v]
            recurse = False
            while i < len(targets):
                w = targets[i]
                i += 1
                if w not in inside:
                    continue
                if w not in index:
                    work.append((v, i))
                    work.append((w, 0))
                    recurse = True
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            if recurse:
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                result.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    result.reverse()
    return result


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


def extensions(af: AF, semantics: str, limit: int | None = None, solver: str = "auto") -> list[list[int]]:
    """The extensions (IN sets, sorted) under ``semantics``, in a stable order.
    Raises TooManyExtensions when there are more than ``limit``.

    ``solver``: "search" (pure Python), "sat" (python-sat, preferred/stable
    only) or "auto" (sat when installed and more than SAT_THRESHOLD arguments
    are undecided in the grounded labelling)."""
    found: list[list[int]] = []
    if semantics in ("preferred", "stable") and solver != "search":
        from argmap.evaluate import satsolve

        ground = grounded(af)
        big = sum(1 for label in ground if label == UNDEC) > SAT_THRESHOLD
        if solver == "sat" or (big and satsolve.available()):
            found = satsolve.sat_extensions(af, ground, semantics, limit)
            found.sort()
            return found
    for lab in labellings(af, semantics):
        found.append([i for i, label in enumerate(lab) if label == IN])
        if limit is not None and len(found) > limit:
            raise TooManyExtensions(f"more than {limit} {semantics} extensions")
    found.sort()
    return found


def labelling_of(af: AF, extension: Iterable[int]) -> list[int]:
    """The labelling of a complete extension: IN, OUT if attacked by it, else UNDEC."""
    lab = [UNDEC] * af.size
    for a in extension:
        lab[a] = IN
    for a in extension:
        for b in af.attacks[a]:
            lab[b] = OUT
    return lab


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
    from argmap.evaluate.search import preferred_labellings, search

    found = preferred_labellings(af, comp, lab) if semantics == "preferred" else list(search(af, comp, lab, semantics))
    for labels in found:
        for a, label in zip(comp, labels):
            lab[a] = label
        yield None
    for a in comp:
        lab[a] = 0
