"""Analysis of Competing Hypotheses (Heuer; PARC ACH scoring).

Rows: every node that ``rates`` a hypothesis (map order). Columns: the map's
``hypothesis`` nodes (map order), then any other known node that is rated.
Ratings naming unknown ids are ignored (rule E102 reports them).

For evidence e and hypothesis h with grade g (formulas also in docs/evaluation.md):

* weight ``w(e) = c(e) * s(e) * r(e)``: the information's credibility c
  (Admiralty 1 confirmed 2, 2 probably true 1.5, 3 possibly true 1, 4 doubtful
  0.5, 5 improbable 0.25, 6 cannot be judged 1; low/medium/high read as 4/3/2),
  the reliability s of the best source it cites (A 1.5, B 1.25, C 1, D 0.75,
  E 0.5, F 1), and its relevance r (low 0.5, medium 1, high 1.5); each 1 when
  not given;
* inconsistency ``inc(g)``: I = 1, II = 2, otherwise 0; consistency ``con(g)``:
  C = 1, CC = 2, otherwise 0; NA and unrated cells count nothing;
* ``Inc(h) = sum_e w(e) * inc(g(e, h))``, ``Con(h) = sum_e w(e) * con(g(e, h))``;
* ranking: least ``Inc`` first, then most ``Con``, then map order. The *leader*
  is the first hypothesis if it is strictly ahead of the second;
* diagnosticity ``D(e) = w(e) * (max - min)`` of the values CC +2, C +1, N 0,
  I -1, II -2 over e's rated hypotheses; ``D(e) = 0`` means e does not
  discriminate (a warning when it rates two or more hypotheses);
* sensitivity: for each evidence item, is the leader different when the item
  is removed, or when one of its cells is re-rated one step (CC <-> C <-> N <->
  I <-> II)? Every such change is listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.model import Credibility, Grade, Level, Map, Node, NodeKind, Reliability, Span

__all__ = ["LEVEL_WEIGHT", "CREDIBILITY_WEIGHT", "RELIABILITY_WEIGHT", "AchResult", "AchWarning", "Sensitivity",
           "ach_matrix", "evidence_weight"]

LEVEL_WEIGHT = {Level.LOW: 0.5, Level.MEDIUM: 1.0, Level.HIGH: 1.5}
# by Admiralty grade (1 confirmed ... 6 cannot be judged)
CREDIBILITY_WEIGHT = {1: 2.0, 2: 1.5, 3: 1.0, 4: 0.5, 5: 0.25, 6: 1.0}
RELIABILITY_WEIGHT = {Reliability.A: 1.5, Reliability.B: 1.25, Reliability.C: 1.0, Reliability.D: 0.75,
                      Reliability.E: 0.5, Reliability.F: 1.0}
INCONSISTENCY = {Grade.INCONSISTENT: 1, Grade.VERY_INCONSISTENT: 2}
CONSISTENCY = {Grade.CONSISTENT: 1, Grade.VERY_CONSISTENT: 2}
VALUE = {Grade.VERY_CONSISTENT: 2, Grade.CONSISTENT: 1, Grade.NEUTRAL: 0,
         Grade.INCONSISTENT: -1, Grade.VERY_INCONSISTENT: -2}
STEPS = [Grade.VERY_CONSISTENT, Grade.CONSISTENT, Grade.NEUTRAL, Grade.INCONSISTENT, Grade.VERY_INCONSISTENT]


@dataclass(frozen=True)
class AchWarning:
    message: str
    span: Span | None = None
    evidence: str | None = None
    hypothesis: str | None = None


@dataclass(frozen=True)
class Sensitivity:
    evidence: str
    change: str  # "removed" or "rates H C -> I"
    leader: str | None  # the leader after the change (None: a tie)


@dataclass(frozen=True)
class AchResult:
    hypotheses: list[str]
    evidence: list[str]
    cells: dict[tuple[str, str], str | None]  # (evidence, hypothesis) -> grade or None
    weights: dict[str, float]
    inconsistency: dict[str, float]
    consistency: dict[str, float]
    ranking: list[str]
    leader: str | None
    diagnosticity: dict[str, float]
    most_diagnostic: list[str]
    warnings: list[AchWarning] = field(default_factory=list)
    sensitivity: list[Sensitivity] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON form (documented in docs/evaluation.md)."""
        return {
            "hypotheses": [
                {"id": h, "rank": self.ranking.index(h) + 1, "inconsistency": round(self.inconsistency[h], 6),
                 "consistency": round(self.consistency[h], 6)} for h in self.hypotheses],
            "ranking": list(self.ranking),
            "leader": self.leader,
            "evidence": [
                {"id": e, "weight": self.weights[e], "diagnosticity": round(self.diagnosticity[e], 6),
                 "ratings": {h: self.cells[(e, h)] for h in self.hypotheses}} for e in self.evidence],
            "most_diagnostic": list(self.most_diagnostic),
            "warnings": [{"message": w.message, "evidence": w.evidence, "hypothesis": w.hypothesis,
                          "location": str(w.span) if w.span else None} for w in self.warnings],
            "sensitivity": [{"evidence": s.evidence, "change": s.change, "leader": s.leader}
                            for s in self.sensitivity],
        }


def _weight(level: Level | None) -> float:
    return LEVEL_WEIGHT.get(level, 1.0) if level is not None else 1.0


def _credibility_weight(credibility: Credibility | None) -> float:
    return CREDIBILITY_WEIGHT[credibility.grade] if credibility is not None else 1.0


def evidence_weight(argmap: Map, node: Node) -> float:
    """``w(e)``: credibility x the best cited source's reliability x relevance."""
    graded = [RELIABILITY_WEIGHT[s.reliability] for c in node.citations
              if (s := argmap.source(c.source)) is not None and s.reliability is not None]
    return _credibility_weight(node.credibility) * (max(graded) if graded else 1.0) * _weight(node.relevance)


def _score(hyps: list[str], rows: dict[str, dict[str, Grade]], weights: dict[str, float]
           ) -> tuple[dict[str, float], dict[str, float], list[str], str | None]:
    inc = dict.fromkeys(hyps, 0.0)
    con = dict.fromkeys(hyps, 0.0)
    for e, row in rows.items():
        w = weights[e]
        for h, grade in row.items():
            inc[h] += w * INCONSISTENCY.get(grade, 0)
            con[h] += w * CONSISTENCY.get(grade, 0)
    ranking, leader = _rank(hyps, inc, con)
    return inc, con, ranking, leader


def _rank(hyps: list[str], inc: dict[str, float], con: dict[str, float]) -> tuple[list[str], str | None]:
    """Least inconsistent first (then most consistent, then file order); the
    leader is the first unless it is tied with the second."""
    order = {h: i for i, h in enumerate(hyps)}
    key = {h: (round(inc[h], 9), -round(con[h], 9)) for h in hyps}
    ranking = sorted(hyps, key=lambda h: (key[h], order[h]))
    leader = None
    if ranking and (len(ranking) == 1 or key[ranking[0]] < key[ranking[1]]):
        leader = ranking[0]
    return ranking, leader


def _leader_with(hyps: list[str], inc: dict[str, float], con: dict[str, float], w: float,
                 remove: dict[str, Grade], add: dict[str, Grade]) -> str | None:
    """The leader once one row's cells ``remove`` are replaced by ``add``
    (weight ``w``): O(hypotheses) instead of re-scoring the whole matrix."""
    inc, con = dict(inc), dict(con)
    for h, grade in remove.items():
        inc[h] -= w * INCONSISTENCY.get(grade, 0)
        con[h] -= w * CONSISTENCY.get(grade, 0)
    for h, grade in add.items():
        inc[h] += w * INCONSISTENCY.get(grade, 0)
        con[h] += w * CONSISTENCY.get(grade, 0)
    return _rank(hyps, inc, con)[1]


def ach_matrix(argmap: Map) -> AchResult:
    """Build and score the ACH matrix of ``argmap`` (see the module docstring)."""
    known = argmap.node_by_id
    hyps = [n.id for n in argmap.nodes_of_kind(NodeKind.HYPOTHESIS) if known[n.id] is n]
    rows: dict[str, dict[str, Grade]] = {}
    spans: dict[tuple[str, str], Span] = {}
    for node in argmap.nodes:
        if known[node.id] is not node or not node.ratings:
            continue
        row: dict[str, Grade] = {}
        for rating in node.ratings:
            if rating.hypothesis not in known:
                continue  # E102's business
            if rating.hypothesis not in hyps:
                hyps.append(rating.hypothesis)
            row.setdefault(rating.hypothesis, rating.grade)
            spans.setdefault((node.id, rating.hypothesis), rating.span)
        if row:
            rows[node.id] = row
    evidence = list(rows)
    weights = {e: evidence_weight(argmap, known[e]) for e in evidence}
    inc, con, ranking, leader = _score(hyps, rows, weights)
    cells = {(e, h): (rows[e][h].value if h in rows[e] else None) for e in evidence for h in hyps}

    warnings: list[AchWarning] = []
    diagnosticity: dict[str, float] = {}
    for e in evidence:
        values = [VALUE[g] for g in rows[e].values() if g in VALUE]
        diagnosticity[e] = weights[e] * (max(values) - min(values)) if values else 0.0
        missing = [h for h in hyps if h not in rows[e]]
        if missing:
            warnings.append(AchWarning(f"{e} does not rate {', '.join(missing)}",
                                       known[e].id_span, e, missing[0]))
        if len(values) >= 2 and diagnosticity[e] == 0:
            warnings.append(AchWarning(f"{e} does not discriminate: it rates every hypothesis "
                                       f"{next(iter(rows[e].values())).value}", known[e].id_span, e))
    if len(hyps) < 2 and hyps:
        warnings.append(AchWarning("only one hypothesis: there is nothing to compare"))
    top = max(diagnosticity.values(), default=0.0)
    most = [e for e in evidence if top > 0 and diagnosticity[e] == top]

    sensitivity: list[Sensitivity] = []
    for e in evidence:
        new_leader = _leader_with(hyps, inc, con, weights[e], rows[e], {})
        if new_leader != leader:
            sensitivity.append(Sensitivity(e, "removed", new_leader))
        for h, grade in rows[e].items():
            if grade not in VALUE:
                continue
            i = STEPS.index(grade)
            for j in (i - 1, i + 1):
                if 0 <= j < len(STEPS):
                    new_leader = _leader_with(hyps, inc, con, weights[e], {h: grade}, {h: STEPS[j]})
                    if new_leader != leader:
                        sensitivity.append(Sensitivity(e, f"rates {h} {grade.value} -> {STEPS[j].value}", new_leader))
    return AchResult(hyps, evidence, cells, weights, inc, con, ranking, leader,
                     diagnosticity, most, warnings, sensitivity)
