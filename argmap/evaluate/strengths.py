"""Gradual strengths: each node gets a score in [0, 1].

Base score tau(a): credibility low 0.25, medium 0.5, high 0.75; 0.5 when
not given. An edge e = b -> a (attack or support) acts with the strength

    v_e = w_e * s(b) * prod over undercutters u of e of (1 - s(u))

where w_e is the relation's ``weight`` (clamped to [0, 1], 1 when not given);
a contradiction acts both ways.

* **h-categoriser** (weighted, with base scores; Besnard and Hunter, Amgoud et al.):
  ``s(a) = tau(a) / (1 + sum of v_e over attacks e on a)``. Supports do not count.
* **DF-QuAD** (Rago et al. 2016): with ``F(v1..vn) = 1 - prod (1 - vi)``,
  ``va = F(attacks on a)`` and ``vs = F(supports of a)``:
  ``s(a) = tau - tau * (va - vs)`` if ``va >= vs``, else ``tau + (1 - tau) * (vs - va)``.

Both are computed by simultaneous (Jacobi) iteration from s = tau until no
score moves by more than ``tolerance``; on a cyclic map that oscillates, the
iteration switches to damping (s <- (s + f(s)) / 2), which has the same fixed
points. On an acyclic map the result is exact after depth + 1 rounds.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.evaluate.framework import Bipolar, bipolar
from argmap.model import Map

__all__ = ["BASE_SCORES", "METHODS", "Strengths", "base_scores", "compute_strengths"]

# by Admiralty credibility grade (low / medium / high read as 4 / 3 / 2)
BASE_SCORES = {1: 0.9, 2: 0.75, 3: 0.5, 4: 0.25, 5: 0.1, 6: 0.5}
DEFAULT_BASE = 0.5
METHODS = ("df-quad", "h-categoriser")


@dataclass(frozen=True)
class Strengths:
    method: str
    scores: dict[str, float]
    iterations: int
    converged: bool


def base_scores(argmap: Map) -> dict[str, float]:
    return {
        node_id: BASE_SCORES[node.credibility.grade] if node.credibility else DEFAULT_BASE
        for node_id, node in argmap.node_by_id.items()
    }


def compute_strengths(
    argmap: Map,
    method: str = "df-quad",
    *,
    graph: Bipolar | None = None,
    tolerance: float = 1e-9,
    max_iterations: int = 10_000,
) -> Strengths:
    """Scores for every node of ``argmap`` (see the module docstring)."""
    if method not in METHODS:
        raise ValueError(f"unknown strength method {method!r} (choose from {', '.join(METHODS)})")
    graph = graph or bipolar(argmap)
    tau = base_scores(argmap)
    nodes = list(graph.nodes)
    pos = {n: i for i, n in enumerate(nodes)}
    base = [tau[n] for n in nodes]
    # incoming edges as (source index, weight, undercutter indices, is_support)
    incoming: list[list[tuple[int, float, tuple[int, ...], bool]]] = [[] for _ in nodes]
    for edge in graph.edges:
        if method == "h-categoriser" and edge.kind == "support":
            continue
        incoming[pos[edge.target]].append(
            (pos[edge.source], edge.weight, tuple(pos[u] for u in edge.undercutters), edge.kind == "support"))

    def step(s: list[float]) -> list[float]:
        new = []
        for i, edges in enumerate(incoming):
            if method == "h-categoriser":
                total = 0.0
                for src, w, cut, _ in edges:
                    total += _act(s, src, w, cut)
                new.append(base[i] / (1.0 + total))
                continue
            keep_att = keep_sup = 1.0
            for src, w, cut, support in edges:
                v = _act(s, src, w, cut)
                if support:
                    keep_sup *= 1.0 - v
                else:
                    keep_att *= 1.0 - v
            va, vs = 1.0 - keep_att, 1.0 - keep_sup
            t = base[i]
            new.append(t - t * (va - vs) if va >= vs else t + (1.0 - t) * (vs - va))
        return new

    scores = list(base)
    damped = False
    converged = False
    iterations = 0
    undamped_budget = min(1000, max_iterations)
    while iterations < max_iterations:
        iterations += 1
        target = step(scores)
        if damped:
            target = [(a + b) / 2.0 for a, b in zip(scores, target)]
        delta = max((abs(a - b) for a, b in zip(scores, target)), default=0.0)
        scores = target
        if delta <= tolerance:
            converged = True
            break
        if not damped and iterations >= undamped_budget:
            damped = True
    clean = {n: round(min(1.0, max(0.0, v)), 12) for n, v in zip(nodes, scores)}
    return Strengths(method, clean, iterations, converged)


def _act(s: list[float], src: int, weight: float, cut: tuple[int, ...]) -> float:
    value = weight * s[src]
    for u in cut:
        value *= 1.0 - s[u]
    return value
