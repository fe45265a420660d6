"""Optional SAT back end (python-sat) for complete, preferred and stable semantics.

Used by :func:`argmap.evaluate.semantics.extensions` and by the ICCMA tasks
(argmap.evaluate.tasks) when ``python-sat`` is installed and the
grounded-UNDEC part is larger than a few dozen arguments; the pure-Python
search remains the reference (and the fallback).

Encoding (Cerutti et al., ArgSemSAT): per undecided argument ``a`` two
variables ``in_a`` and ``out_a``; a complete labelling satisfies
``in_a -> out_b`` for each attacker b, ``(all attackers out) -> in_a``,
``out_a -> (some attacker in)``, ``not (in_a and out_a)``; stable adds
``in_a or out_a``. Arguments the grounded labelling decides are left out (an
undecided argument has no IN attacker, and OUT attackers constrain nothing).
Preferred extensions are found by the usual counter-example loop: find a
complete labelling not contained in any found extension, grow it while a
strictly larger one exists, record it, exclude it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from argmap.evaluate.af import AF, IN, UNDEC, TooManyExtensions

__all__ = ["Encoding", "available", "sat_extensions"]


def available() -> bool:
    try:
        import pysat.solvers  # noqa: F401
    except ImportError:
        return False
    return True


class Encoding:
    """A SAT solver loaded with the complete (or stable) labellings of ``af``
    that extend the grounded labelling ``ground``. Extensions are returned as
    sorted lists of all IN arguments (the grounded IN ones included).
    Use as a context manager, or call :meth:`close`."""

    def __init__(self, af: AF, ground: list[int], stable: bool = False) -> None:
        from pysat.solvers import Solver

        self.fixed_in = [a for a in range(af.size) if ground[a] == IN]
        self.undec = [a for a in range(af.size) if ground[a] == UNDEC]
        self.index = {a: k for k, a in enumerate(self.undec)}
        self.next_var = 2 * len(self.undec) + 1
        self.solver: Any = Solver(name="cadical153")
        index, add = self.index, self.solver.add_clause
        attackers = af.attackers
        for a in self.undec:
            v_in, v_out = 2 * index[a] + 1, 2 * index[a] + 2
            atts = [2 * index[b] + 1 for b in attackers[a] if b in index]  # in_b; out_b = in_b + 1
            add([-v_in, -v_out])
            for b_in in atts:
                add([-v_in, b_in + 1])
                add([-b_in, v_out])
            add([v_in] + [-(b_in + 1) for b_in in atts])
            add([-v_out] + atts)
            if stable:
                add([v_in, v_out])

    def __enter__(self) -> Encoding:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self.solver.delete()

    def v_in(self, a: int) -> int:
        return 2 * self.index[a] + 1

    def _in_set(self) -> set[int]:
        model = self.solver.get_model()
        return {a for a in self.undec if model[2 * self.index[a]] > 0}

    def find(self, must_in: Sequence[int] = (), must_not_in: Sequence[int] = ()) -> list[int] | None:
        """A labelling with ``must_in`` IN and ``must_not_in`` not IN (undecided
        arguments only), or None."""
        assumptions = [self.v_in(a) for a in must_in] + [-self.v_in(a) for a in must_not_in]
        if not self.solver.solve(assumptions=assumptions):
            return None
        return sorted(self.fixed_in + list(self._in_set()))

    def some_in(self, arguments: Sequence[int]) -> None:
        """From now on, at least one of the (undecided) ``arguments`` is IN."""
        self.solver.add_clause([self.v_in(a) for a in arguments])

    def block(self, extension: Sequence[int], exact: bool) -> bool:
        """Exclude ``extension`` (``exact``) or every subset of it; False when
        nothing is left to exclude it with (all undecided arguments are in it)."""
        members = set(extension)
        clause = [self.v_in(a) for a in self.undec if a not in members]
        if exact:
            clause += [-self.v_in(a) for a in self.undec if a in members]
        if not clause:
            return False
        self.solver.add_clause(clause)
        return True

    def grow(self, extension: Sequence[int]) -> list[int]:
        """A preferred extension containing the complete ``extension``."""
        current = {a for a in extension if a in self.index}
        while True:
            others = [self.v_in(a) for a in self.undec if a not in current]
            if not others:
                break
            act = self.next_var
            self.next_var += 1
            self.solver.add_clause([-act] + others)
            found = self.solver.solve(assumptions=[act] + [self.v_in(a) for a in current])
            if found:
                current = self._in_set()
            self.solver.add_clause([-act])
            if not found:
                break
        return sorted(self.fixed_in + list(current))


def iter_extensions(af: AF, ground: list[int], semantics: str) -> Iterator[list[int]]:
    """The ``semantics`` ("complete", "preferred" or "stable") extensions, one by one."""
    with Encoding(af, ground, stable=semantics == "stable") as enc:
        while True:
            found = enc.find()
            if found is None:
                return
            if semantics == "preferred":
                found = enc.grow(found)
            yield found
            if not enc.block(found, exact=semantics != "preferred"):
                return


def sat_extensions(af: AF, ground: list[int], semantics: str, limit: int | None) -> list[list[int]]:
    """IN sets of the ``semantics`` ("complete", "preferred" or "stable") extensions, unsorted."""
    found: list[list[int]] = []
    for ext in iter_extensions(af, ground, semantics):
        found.append(ext)
        if limit is not None and len(found) > limit:
            raise TooManyExtensions(f"more than {limit} {semantics} extensions")
    return found
