"""Optional SAT back end (python-sat) for preferred and stable extensions.

Used by :func:`argmap.evaluate.semantics.extensions` when ``python-sat`` is
installed and the grounded-UNDEC part is larger than a few dozen arguments;
the pure-Python search remains the reference (and the fallback).

Encoding (Cerutti et al., ArgSemSAT): per undecided argument ``a`` two
variables ``in_a`` and ``out_a``; a complete labelling satisfies
``in_a -> out_b`` for each attacker b, ``(all attackers out) -> in_a``,
``out_a -> (some attacker in)``, ``not (in_a and out_a)``; stable adds
``in_a or out_a``. Preferred extensions are enumerated by the usual
counter-example loop: find a complete labelling not contained in any found
extension, grow it while a strictly larger one exists, record it, exclude it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.evaluate.semantics import AF

__all__ = ["available", "sat_extensions"]


def available() -> bool:
    try:
        import pysat.solvers  # noqa: F401
    except ImportError:
        return False
    return True


def sat_extensions(af: AF, ground: list[int], semantics: str, limit: int | None) -> list[list[int]]:
    """IN sets of the ``semantics`` ("preferred" or "stable") extensions, unsorted."""
    from pysat.solvers import Solver

    from argmap.evaluate.semantics import IN, UNDEC, TooManyExtensions

    fixed_in = [a for a in range(af.size) if ground[a] == IN]
    undec = [a for a in range(af.size) if ground[a] == UNDEC]
    index = {a: k for k, a in enumerate(undec)}

    def v_in(a: int) -> int:
        return 2 * index[a] + 1

    def v_out(a: int) -> int:
        return 2 * index[a] + 2

    solver = Solver(name="cadical153")
    for a in undec:
        atts = [b for b in af.attackers[a] if b in index]
        solver.add_clause([-v_in(a), -v_out(a)])
        for b in atts:
            solver.add_clause([-v_in(a), v_out(b)])
            solver.add_clause([-v_in(b), v_out(a)])
        solver.add_clause([v_in(a)] + [-v_out(b) for b in atts])
        solver.add_clause([-v_out(a)] + [v_in(b) for b in atts])
        if semantics == "stable":
            solver.add_clause([v_in(a), v_out(a)])
    found: list[list[int]] = []
    next_var = 2 * len(undec) + 1

    def in_set(model: list[int]) -> set[int]:
        return {a for a in undec if model[v_in(a) - 1] > 0}

    try:
        while solver.solve():
            current = in_set(solver.get_model())
            if semantics == "preferred":
                while True:
                    others = [v_in(a) for a in undec if a not in current]
                    if not others:
                        break
                    act = next_var
                    next_var += 1
                    solver.add_clause([-act] + others)
                    if not solver.solve(assumptions=[act] + [v_in(a) for a in current]):
                        solver.add_clause([-act])
                        break
                    current = in_set(solver.get_model())
                    solver.add_clause([-act])
            found.append(sorted(fixed_in + list(current)))
            if limit is not None and len(found) > limit:
                raise TooManyExtensions(f"more than {limit} {semantics} extensions")
            block = [v_in(a) for a in undec if a not in current]
            if semantics == "stable":
                block += [-v_in(a) for a in current]
            if not block:
                break
            solver.add_clause(block)
    finally:
        solver.delete()
    return found
