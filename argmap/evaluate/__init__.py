"""Evaluating a map: Dung semantics, gradual strengths, explanations, ACH.

Public API (see docs/evaluation.md)::

    evaluate(map, semantics=("grounded",), reading="argument") -> Evaluation
    grounded_labels(map) -> {node id: "IN" | "OUT" | "UNDEC"}
    grounded_status(map) -> {node id: (label, basis)}
    strengths(map, method="df-quad" | "h-categoriser") -> {node id: score}
    explain(map, node_id, semantics="grounded", reading="argument") -> Explanation
    ach_matrix(map) -> AchResult

Readings (argmap.evaluate.readings): ``argument`` (the default: independent
reasons, linked premises, evidence as given), ``bipolar`` (every support
necessary, supported and secondary attacks), ``dung`` (attacks only).
Questions are never evaluated.

Acceptance: a node is *credulously* accepted under a semantics when it is IN
in at least one extension, *sceptically* when it is IN in every extension; a
semantics with no extension (stable, on an odd cycle) accepts nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.evaluate.af import AF, IN
from argmap.evaluate.explain import Explanation, explain_labelling, grounded_rounds
from argmap.evaluate.explain_argument import explain_argument_labelling
from argmap.evaluate.framework import bipolar
from argmap.evaluate.readings import DEFAULT_READING, READINGS, AnyFramework, build
from argmap.evaluate.semantics import (
    LABEL_NAMES,
    SEMANTICS,
    TooManyExtensions,
    labelling_of,
)
from argmap.evaluate.semantics import extensions as af_extensions
from argmap.evaluate.semantics import grounded as af_grounded
from argmap.evaluate.strengths import METHODS, compute_strengths
from argmap.evaluate.structured import ArgumentFramework
from argmap.model import Map

if TYPE_CHECKING:
    from argmap.evaluate.ach import AchResult

__all__ = [
    "EXTENSION_LIMIT",
    "METHODS",
    "SEMANTICS",
    "READINGS",
    "DEFAULT_READING",
    "Evaluation",
    "Explanation",
    "TooManyExtensions",
    "ach_matrix",
    "evaluate",
    "evaluate_af",
    "explain",
    "grounded_labels",
    "grounded_status",
    "node_extensions",
    "strengths",
]

EXTENSION_LIMIT = 10_000


@dataclass(frozen=True)
class Evaluation:
    """What stands in a map.

    ``labels``: grounded label per node; ``basis``: why it stands or falls
    under grounded (argument reading: supported, given, unsupported, defeated,
    unsupported-out, undecided; other readings: empty); ``extensions``: per
    semantics, the extensions as sorted lists of node ids;
    ``acceptance[node][semantics]`` = {"credulous": bool, "sceptical": bool};
    ``strengths[method][node]``; ``reading``: how the map was read."""

    nodes: tuple[str, ...]
    labels: dict[str, str]
    extensions: dict[str, list[list[str]]]
    acceptance: dict[str, dict[str, dict[str, bool]]]
    strengths: dict[str, dict[str, float]] = field(default_factory=dict)
    basis: dict[str, str] = field(default_factory=dict)
    reading: str = DEFAULT_READING


def _acceptance(names: list[str], exts: dict[str, list[list[int]]]) -> dict[str, dict[str, dict[str, bool]]]:
    """Per name, per semantics: credulous / sceptical, in O(n + total extension size).
    Nodes with the same answers share one (read-only) dict."""
    counts: dict[str, tuple[list[int], int]] = {}
    for sem, found in exts.items():
        count = [0] * len(names)
        for ext in found:
            for i in ext:
                count[i] += 1
        counts[sem] = (count, len(found))
    shared: dict[tuple[tuple[bool, bool], ...], dict[str, dict[str, bool]]] = {}
    acceptance: dict[str, dict[str, dict[str, bool]]] = {}
    for i, name in enumerate(names):
        key = tuple((count[i] > 0, 0 < total == count[i]) for count, total in counts.values())
        per = shared.get(key)
        if per is None:
            per = shared[key] = {sem: {"credulous": c, "sceptical": s} for sem, (c, s) in zip(counts, key)}
        acceptance[name] = per
    return acceptance


def evaluate_af(af: AF, semantics: Iterable[str] = ("grounded",), limit: int | None = EXTENSION_LIMIT,
                solver: str = "auto") -> Evaluation:
    """Labels, extensions and acceptance of an abstract framework (an ICCMA
    file): like :func:`evaluate`, over the framework's argument names.
    Extensions list names in the framework's order."""
    wanted = [s for s in SEMANTICS if s in set(semantics) | {"grounded"}]
    unknown = set(semantics) - set(SEMANTICS)
    if unknown:
        raise ValueError(f"unknown semantics: {', '.join(sorted(unknown))}")
    lab = af_grounded(af)
    names = af.names
    found = {"grounded": [[i for i, label in enumerate(lab) if label == IN]]}
    for sem in wanted[1:]:
        found[sem] = af_extensions(af, sem, limit=limit, solver=solver)
    labels = dict(zip(names, map(LABEL_NAMES.__getitem__, lab)))
    exts = {sem: [[names[i] for i in ext] for ext in found[sem]] for sem in wanted}
    return Evaluation(tuple(names), labels, exts, _acceptance(names, found))


def _framework(argmap: Map | AnyFramework, reading: str) -> AnyFramework:
    return argmap if not isinstance(argmap, Map) else build(argmap, reading)


def node_extensions(fw: AnyFramework, semantics: str, limit: int | None = EXTENSION_LIMIT) -> list[list[str]]:
    """Extensions of ``fw`` under ``semantics`` restricted to map nodes, sorted."""
    exts = af_extensions(fw.af, semantics, limit=limit)
    found = {tuple(sorted(fw.nodes[i] for i in ext if i < fw.node_count)) for ext in exts}
    return [list(e) for e in sorted(found)]


def grounded_labels(argmap: Map, reading: str = DEFAULT_READING) -> dict[str, str]:
    """The grounded label of every evaluated node (questions are not): "IN", "OUT" or "UNDEC"."""
    fw = build(argmap, reading)
    lab = fw.grounded()
    return {node: LABEL_NAMES[lab[i]] for i, node in enumerate(fw.nodes)}


def grounded_status(argmap: Map) -> dict[str, tuple[str, str]]:
    """(label, basis) of every evaluated node under grounded semantics and the
    argument reading: ("IN", "supported"), ("IN", "unsupported"), ("OUT", "defeated")..."""
    fw = build(argmap, "argument")
    assert isinstance(fw, ArgumentFramework)
    lab = fw.grounded()
    basis = fw.basis(lab)
    return {node: (LABEL_NAMES[lab[i]], basis[node]) for i, node in enumerate(fw.nodes)}


def strengths(argmap: Map, method: str = "df-quad") -> dict[str, float]:
    """Gradual strength of every node in [0, 1] (see argmap.evaluate.strengths)."""
    return compute_strengths(argmap, method).scores


def evaluate(
    argmap: Map,
    semantics: Iterable[str] = ("grounded",),
    strength_methods: Iterable[str] = (),
    limit: int | None = EXTENSION_LIMIT,
    reading: str = DEFAULT_READING,
) -> Evaluation:
    """Labels, bases, extensions, acceptance and (optionally) strengths of ``argmap``."""
    wanted = [s for s in SEMANTICS if s in set(semantics) | {"grounded"}]
    unknown = set(semantics) - set(SEMANTICS)
    if unknown:
        raise ValueError(f"unknown semantics: {', '.join(sorted(unknown))}")
    graph = bipolar(argmap)
    fw = build(argmap, reading, graph)
    lab = fw.grounded()
    labels = {node: LABEL_NAMES[lab[i]] for i, node in enumerate(fw.nodes)}
    basis = fw.basis(lab) if isinstance(fw, ArgumentFramework) else {}
    exts = {sem: node_extensions(fw, sem, limit) for sem in wanted}
    position = {node: i for i, node in enumerate(fw.nodes)}
    acceptance = _acceptance(list(fw.nodes), {sem: [[position[n] for n in e] for e in found]
                                               for sem, found in exts.items()})
    scores = {m: compute_strengths(argmap, m, graph=graph).scores for m in strength_methods}
    return Evaluation(tuple(fw.nodes), labels, exts, acceptance, scores, basis, reading)


def _explain_labelling(fw: AnyFramework, lab: list[int], node_id: str, semantics: str,
                       rounds: list[int] | None = None, prefix: str = "") -> Explanation:
    if isinstance(fw, ArgumentFramework):
        return explain_argument_labelling(fw, lab, node_id, semantics, rounds, prefix)
    return explain_labelling(fw, lab, node_id, semantics, rounds, prefix)


def explain(argmap: Map | AnyFramework, node_id: str, semantics: str = "grounded",
            reading: str = DEFAULT_READING) -> Explanation:
    """Why ``node_id`` is IN, OUT or UNDEC (under grounded), or accepted or not
    (preferred, stable, complete: explained in an extension that shows it).
    ``reading`` applies when ``argmap`` is a map."""
    fw = _framework(argmap, reading)
    if node_id not in fw.index:
        raise KeyError(node_id)
    if semantics == "grounded":
        lab = fw.grounded()
        if isinstance(fw, ArgumentFramework):
            rounds = fw.rounds_cache[1] if fw.rounds_cache is not None and fw.rounds_cache[0] is lab else None
            return explain_argument_labelling(fw, lab, node_id, "grounded", rounds)
        return explain_labelling(fw, lab, node_id, "grounded", grounded_rounds(fw, lab))
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}")
    exts = af_extensions(fw.af, semantics, limit=EXTENSION_LIMIT)
    i = fw.index[node_id]
    inside = [i in e for e in map(set, exts)]
    accept = {"credulous": any(inside), "sceptical": bool(inside) and all(inside)}
    if not exts:
        return Explanation(node_id, "UNDEC", semantics,
                           f"{node_id}: there is no {semantics} extension, so nothing is accepted",
                           acceptance=accept)
    # explain in an extension that shows the node's weakest status
    pick = next((e for e, hit in zip(exts, inside) if not hit), exts[0])
    lab = labelling_of(fw.af, pick)
    count = sum(inside)
    prefix = f"IN in {count} of {len(exts)} {semantics} extensions; in one of them, "
    result = _explain_labelling(fw, lab, node_id, semantics, prefix=prefix)
    return Explanation(result.node, result.label, semantics, result.summary, result.lines,
                       result.subjects, result.attackers, result.defeaters, accept)


def ach_matrix(argmap: Map) -> AchResult:
    """Analysis of Competing Hypotheses from the map's ratings (argmap.evaluate.ach)."""
    from argmap.evaluate.ach import ach_matrix as build

    return build(argmap)


