"""The core of abstract argumentation: the attack graph, labels, and the linear
primitives every semantics builds on (grounded labelling, its rounds, strongly
connected components).

Arguments are integers ``0..n-1``; names live in :class:`AF`. This module
imports nothing from the rest of argmap, so the semantics, the search and the
SAT back end can all build on it without an import cycle.

Label codes: 1 IN, 2 OUT, 3 UNDEC (0 = not yet labelled). Label *domains* (sets
of labels still possible, for the search) are bit sets: ``D_IN | D_OUT | D_UND``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import chain

__all__ = [
    "AF",
    "D_IN",
    "D_OUT",
    "D_UND",
    "IN",
    "LABEL_NAMES",
    "OUT",
    "UNDEC",
    "TooManyExtensions",
    "grounded",
    "grounded_layers",
    "labelling_of",
    "sccs",
]

IN, OUT, UNDEC = 1, 2, 3
LABEL_NAMES = {IN: "IN", OUT: "OUT", UNDEC: "UNDEC"}
D_IN, D_OUT, D_UND = 1, 2, 4


class TooManyExtensions(Exception):
    """More extensions than the caller's ``limit``."""


class AF:
    """An abstract argumentation framework: ``names[i]``, ``attacks[i]`` (the
    arguments ``i`` attacks) and ``attackers[i]`` (those attacking ``i``).

    ``attackers`` is built from ``attacks`` on first use when it is not given:
    the grounded labelling needs only its counts (:meth:`in_degrees`)."""

    def __init__(self, names: Sequence[str], attacks: list[list[int]] | None = None,
                 attackers: list[list[int]] | None = None) -> None:
        self.names = list(names)
        self.attacks: list[list[int]] = attacks if attacks else [[] for _ in self.names]
        self._attackers = attackers if attackers else (None if attacks else [[] for _ in self.names])

    @classmethod
    def from_pairs(cls, names: Sequence[str], pairs: Iterable[tuple[int, int]]) -> AF:
        """Attack lists sorted, duplicates dropped."""
        af = cls(names)
        attacks, attackers = af.attacks, af.attackers
        for a, b in sorted(set(pairs)):
            attacks[a].append(b)
            attackers[b].append(a)
        return af

    @classmethod
    def from_edges(cls, names: Sequence[str], sources: Sequence[int], targets: Sequence[int]) -> AF:
        """From two parallel sequences of 0-based argument numbers, in O(n + m):
        each argument's attack list in the order given, duplicates dropped."""
        n = len(names)
        attacks: list[list[int]] = [[] for _ in range(n)]
        for a, b in zip(sources, targets):
            attacks[a].append(b)
        if len({a * n + b for a, b in zip(sources, targets)}) != len(sources):
            for i, targets_of in enumerate(attacks):
                if len(targets_of) > 1:
                    attacks[i] = list(dict.fromkeys(targets_of))
        return cls(names, attacks)

    @property
    def attackers(self) -> list[list[int]]:
        if self._attackers is None:
            attackers: list[list[int]] = [[] for _ in self.attacks]
            for a, targets in enumerate(self.attacks):
                for b in targets:
                    attackers[b].append(a)
            self._attackers = attackers
        return self._attackers

    @attackers.setter
    def attackers(self, value: list[list[int]]) -> None:
        self._attackers = value

    @property
    def size(self) -> int:
        return len(self.names)

    def pairs(self) -> list[tuple[int, int]]:
        return [(a, b) for a, targets in enumerate(self.attacks) for b in targets]

    def in_degrees(self) -> list[int]:
        """Per argument, how many attack it (grounded needs only these counts)."""
        if self._attackers is not None:
            return list(map(len, self._attackers))
        degrees = [0] * len(self.attacks)
        for b in chain.from_iterable(self.attacks):
            degrees[b] += 1
        return degrees

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AF):
            return NotImplemented
        return (self.names, self.attacks, self.attackers) == (other.names, other.attacks, other.attackers)

    def __repr__(self) -> str:
        return f"AF(names={self.names!r}, attacks={self.attacks!r}, attackers={self.attackers!r})"


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


def labelling_of(af: AF, extension: Iterable[int]) -> list[int]:
    """The labelling of a complete extension: IN, OUT if attacked by it, else UNDEC."""
    lab = [UNDEC] * af.size
    members = list(extension)
    for a in members:
        lab[a] = IN
    for a in members:
        for b in af.attacks[a]:
            lab[b] = OUT
    return lab
