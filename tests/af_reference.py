"""A brute-force reference for Dung semantics (tests only): every subset of a
small framework is checked against the definitions, so the fast algorithms
(argmap.evaluate.semantics, .tasks, the SAT back end) can be compared with it."""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["frameworks", "reference"]


def reference(n: int, pairs: list[tuple[int, int]]) -> dict[str, list[list[int]]]:
    att_in = [0] * n
    out = [0] * n
    for a, b in pairs:
        att_in[b] |= 1 << a
        out[a] |= 1 << b
    complete = []
    for s in range(1 << n):
        members = [a for a in range(n) if s >> a & 1]
        if any(att_in[a] & s for a in members):
            continue
        hit = 0
        for a in members:
            hit |= out[a]
        defended = 0
        for a in range(n):
            if att_in[a] & ~hit == 0:
                defended |= 1 << a
        if defended == s:
            complete.append(s)
    full = (1 << n) - 1
    stable = []
    for s in complete:
        hit = 0
        for a in range(n):
            if s >> a & 1:
                hit |= out[a]
        if hit | s == full:
            stable.append(s)
    preferred = [s for s in complete if not any(t != s and t & s == s for t in complete)]
    ground = min(complete, key=lambda s: s.bit_count())
    def as_lists(xs):
        return sorted([a for a in range(n) if s >> a & 1] for s in xs)
    return {"grounded": as_lists([ground]), "complete": as_lists(complete),
            "preferred": as_lists(preferred), "stable": as_lists(stable)}


@st.composite
def frameworks(draw: st.DrawFn) -> tuple[int, list[tuple[int, int]]]:
    n = draw(st.integers(0, 12))
    if n == 0:
        return 0, []
    density = draw(st.sampled_from([0.5, 1.0, 1.5, 2.0, 3.0]))
    m = draw(st.integers(0, int(n * density)))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), min_size=m, max_size=m))
    return n, pairs


