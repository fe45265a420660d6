"""The flagship essay map (maps/syria_iran_russia.arg) stays faithful, checked and honest.

What is checked here comes from the audit in maps/README.md: the sections follow the
essay, the quotations are verbatim, node texts are our words, questions are answered and
never argued over, every inference of ours is marked, the ACH hypotheses exclude each
other, and the evaluation reaches the essay's conclusions because of the essay's own
reasoning: take away the essay's answer to a concession and the conclusion it defends
falls; take away every inference of ours and the essay's conclusions are still supported
(the forecast that Russia would prevail, which the essay does not argue, excepted).

The checks that need the essay itself (quotations, own words, a clean strict check) are
skipped when the shared seeds folder is not found: next to the repository, or where the
ARGMAP_SEEDS environment variable points.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
from collections import Counter
from pathlib import Path

import pytest

from argmap import api
from argmap.evaluate import ach_matrix, grounded_labels, grounded_status
from argmap.evaluate.expectations import check_expectations
from argmap.model import ExpectedStatus, Map, Node, NodeKind, Relation, RelationKind

ROOT = Path(__file__).parents[1]
MAP_PATH = ROOT / "maps" / "syria_iran_russia.arg"
README = ROOT / "maps" / "README.md"
SEEDS = Path(os.environ.get("ARGMAP_SEEDS") or ROOT / ".." / "shared" / "seeds")
ESSAY_FILE = "000_77b2cffc88a081bf.txt"

needs_seeds = pytest.mark.skipif(
    not (SEEDS / ESSAY_FILE).is_file(),
    reason=f"the essay {ESSAY_FILE} is not in {SEEDS} (the shared seeds folder; set ARGMAP_SEEDS "
    "to point elsewhere); quotations cannot be verified without it",
)

#: The essay's own headings, in order: the introduction and its seven parts.
HEADINGS = [
    "Introduction",
    "First: Aleppo, the aim and the end",
    "Second: challenge or obstinacy?",
    "Third: expanding influence",
    "Fourth: Old new question",
    "Fifth: Mixed War",
    "Sixth: Two contradicting projects",
    "Seventh: Current standards",
]
#: The closing paragraphs have no heading in the essay; the map's last section is
#: titled by us and says so.
CLOSING = "Closing (no heading in the essay)"

#: The relations that reason (questions take `about` / `answers`, which do not).
REASONING = (RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.CONTRADICTS, RelationKind.UNDERCUTS)

#: The essay's answers to its own concessions, and the conclusion each one keeps
#: standing: remove the answer's relations and that conclusion is no longer IN.
ANSWERS = {
    "a_differences_remain": "t_cover",  # shared interests do not remove the differences
    "a_hiding": "t_cover",  # the agreement is a cover: both sides hide the differences
    "a_facts_on_ground": "t_influence",  # the reports of Iran's retreat
    "a_strategy_differs": "t_conflict",  # the intervention at Iran's request
    "c_russia_must_consider": "t_russia_prevails",  # Iran's influence, "but that is all"
}

#: The essay's conclusions that it argues for: each stands because an argument for it
#: stands, and still does on the essay's own reasoning alone.
ARGUED = ["t_keep_assad", "t_conflict", "t_influence", "t_projects_clash", "t_cover", "t_political_battles"]
#: The forecast the essay gives without an argument: supported only by our grounds.
FORECAST, CONDITION = "t_russia_prevails", "c_rift_threatens"

#: The four rows on which the case for rivals against partners rests (maps/README.md,
#: "Reading the ACH matrix"): unnamed, interested or unsourced, or the essay's attribution.
DOUBTFUL_ROWS = {"ev_iran_derail", "ev_fifth_corps", "ev_iran_obstruct_corps", "ev_regime_rejects"}

#: A run of this many words copied from the essay into a node text is a quotation, and
#: quotations belong in `cite`.
COPIED_RUN = 7

_QUOTE_MARKS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def _normalise(text: str) -> str:
    """Straight quotes and dashes, one space for any run of whitespace."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS)).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.translate(_QUOTE_MARKS).lower())


def _ours(argmap: Map) -> set[str]:
    return {node.id for node in argmap.nodes if node.inferred is not None}


def _is_ours(relation: Relation, ours: set[str]) -> bool:
    return relation.inferred or relation.source in ours or bool(set(relation.referenced_ids) & ours)


def _essay_only(argmap: Map) -> Map:
    """The map without any node, argument or relation of ours."""
    ours = _ours(argmap)
    return dataclasses.replace(
        argmap,
        nodes=tuple(n for n in argmap.nodes if n.id not in ours),
        relations=tuple(r for r in argmap.relations if not _is_ours(r, ours)),
        expectations=(),
    )


def _defeated(argmap: Map, node_id: str) -> Map:
    """The map with an unanswered counter attacking ``node_id``."""
    counter = Node(id="test_defeater", kind=NodeKind.COUNTER, text="An objection nothing answers.")
    return dataclasses.replace(
        argmap, nodes=(*argmap.nodes, counter),
        relations=(*argmap.relations, Relation(RelationKind.ATTACKS, counter.id, node_id)),
    )


@pytest.fixture(scope="module")
def essay_map() -> Map:
    return api.load(MAP_PATH)


# ------------------------------------------------------------------ shape


def test_counts_are_the_ones_the_readme_gives(essay_map: Map) -> None:
    """maps/README.md states the map's size; it stays in step with the map."""
    kinds = Counter(node.kind for node in essay_map.nodes)
    statements = len(essay_map.nodes) - kinds[NodeKind.ARGUMENT]
    reasoning = [r for r in essay_map.relations if r.kind in REASONING]
    ours = _ours(essay_map)
    stated = (
        f"{statements} statements ({kinds[NodeKind.THESIS]} theses, {kinds[NodeKind.CLAIM]} claims, "
        f"{kinds[NodeKind.EVIDENCE]} evidence, {kinds[NodeKind.COUNTER]} counters, "
        f"{kinds[NodeKind.HYPOTHESIS]} hypotheses, {kinds[NodeKind.QUESTION]} questions), "
        f"{kinds[NodeKind.ARGUMENT]} linked arguments, {len(reasoning)} reasoning relations, "
        f"{len(essay_map.relations) - len(reasoning)} `about` / `answers`"
    )
    readme = " ".join(README.read_text(encoding="utf-8").split())
    assert stated in readme
    marked = sum(1 for r in reasoning if _is_ours(r, ours))
    assert f"{marked} of the {len(reasoning)} reasoning relations" in readme
    assert f"{len(ours - {n.id for n in essay_map.nodes_of_kind(NodeKind.ARGUMENT)})} of the {statements} statements" in readme


def test_map_is_substantial(essay_map: Map) -> None:
    kinds = Counter(node.kind for node in essay_map.nodes)
    assert len(essay_map.nodes) >= 60
    assert kinds[NodeKind.EVIDENCE] >= 20 and kinds[NodeKind.ARGUMENT] >= 8
    assert kinds[NodeKind.COUNTER] >= 4 and kinds[NodeKind.HYPOTHESIS] >= 3 and kinds[NodeKind.QUESTION] >= 2


def test_sections_are_the_essay_headings_in_order(essay_map: Map) -> None:
    assert [section.title for section in essay_map.sections] == [*HEADINGS, CLOSING]


def test_every_section_holds_nodes(essay_map: Map) -> None:
    used = Counter(node.section for node in essay_map.nodes)
    empty = [s.title for s in essay_map.sections if used[s.id] == 0]
    assert not empty, f"sections without nodes: {empty}"


def test_argument_blocks_and_answers_are_told_apart(essay_map: Map) -> None:
    """Argument blocks are `arg_...`; the essay's answers (`a_...`) are statements."""
    misnamed = [n.id for n in essay_map.nodes if (n.kind is NodeKind.ARGUMENT) != n.id.startswith("arg_")]
    assert not misnamed
    assert all(essay_map.node_by_id[answer].kind is NodeKind.CLAIM for answer in ANSWERS)


def test_linked_arguments_have_their_premises(essay_map: Map) -> None:
    arguments = list(essay_map.nodes_of_kind(NodeKind.ARGUMENT))
    assert all(a.premises and a.text for a in arguments)
    assert sum(1 for a in arguments if len(a.premises) >= 2) >= 6, "the essay reasons jointly in many places"
    assert {a.scheme for a in arguments if a.scheme} >= {"sign", "position_to_know", "witness_testimony",
                                                          "cause_to_effect", "practical_reasoning"}


# ------------------------------------------------------------------ the source


def test_one_source_declared_with_the_essay_file(essay_map: Map) -> None:
    assert [source.file for source in essay_map.sources] == [ESSAY_FILE]


def test_the_source_is_criticised_and_graded(essay_map: Map) -> None:
    """The essay itself is assessed: provenance, date, stance, structure, grade."""
    source = essay_map.sources[0]
    assert source.reliability is not None and source.reliability.value == "F"
    notes = " ".join(source.notes)
    for topic in ("Provenance:", "Date:", "Stance:", "Structure:", "Grade:"):
        assert topic in notes, f"the source notes say nothing under {topic!r}"


def test_evidence_is_dated_cited_quoted_and_graded(essay_map: Map) -> None:
    evidence = list(essay_map.nodes_of_kind(NodeKind.EVIDENCE))
    incomplete = [
        node.id
        for node in evidence
        if node.date is None
        or not node.actors
        or node.credibility is None
        or not node.notes
        or not any(c.quote for c in node.citations)
    ]
    assert not incomplete, f"evidence without date, actors, credibility, a note or a quotation: {incomplete}"
    grades = Counter(node.credibility.grade for node in evidence if node.credibility)
    assert set(grades) <= {2, 3, 4}, "1 would need a second source; 5 and 6 are not used"
    assert len(grades) == 3, "the grades discriminate"


# ------------------------------------------------------------------ provenance


def test_every_inference_of_ours_says_why(essay_map: Map) -> None:
    unexplained = [n.id for n in essay_map.nodes if n.inferred is not None and not n.inferred.reason]
    assert not unexplained
    # every relation marked as ours is explained in a note of its source node or block
    ours = _ours(essay_map)
    silent = [
        r.key for r in essay_map.relations
        if r.inferred and r.source not in ours and not any("ours" in note for note in essay_map.node_by_id[r.source].notes)
    ]
    assert not silent, f"relations marked (inferred) whose source's note does not say so: {silent}"


def test_the_analysts_framing_is_marked(essay_map: Map) -> None:
    """The ACH readings are ours, and so is every relation between them and the essay."""
    hypotheses = {n.id for n in essay_map.nodes_of_kind(NodeKind.HYPOTHESIS)}
    assert hypotheses <= _ours(essay_map)
    unmarked = [r.key for r in essay_map.relations if set(r.referenced_ids) & hypotheses and not r.inferred]
    assert not unmarked


# ------------------------------------------------------------------ questions


def test_nothing_supports_or_attacks_a_question(essay_map: Map) -> None:
    questions = {node.id for node in essay_map.nodes_of_kind(NodeKind.QUESTION)}
    aimed = [r.key for r in essay_map.relations if r.kind in REASONING and set(r.referenced_ids) & questions]
    assert not aimed, f"questions are answered, not supported or attacked: {aimed}"


def test_every_question_is_connected_by_about_or_answers(essay_map: Map) -> None:
    touched = {r.target for r in essay_map.relations if r.kind in (RelationKind.ABOUT, RelationKind.ANSWERS)}
    loose = [q.id for q in essay_map.nodes_of_kind(NodeKind.QUESTION) if q.id not in touched]
    assert not loose


def test_the_question_the_essay_leaves_open_has_two_answers_and_no_verdict(essay_map: Map) -> None:
    """'no clear answer': the two Syrian views answer q_iran_level and stay undecided."""
    answers = {r.source for r in essay_map.relations if r.kind is RelationKind.ANSWERS and r.target == "q_iran_level"}
    assert {"c_view_decline", "c_view_no_decline"} <= answers
    labels = grounded_labels(essay_map)
    assert labels["c_view_decline"] == labels["c_view_no_decline"] == "UNDEC"


# ------------------------------------------------------------------ theses


def test_every_thesis_rests_on_evidence_or_is_ours(essay_map: Map) -> None:
    """Walking back over supports and premises, every thesis reaches evidence."""
    feeders: dict[str, set[str]] = {}
    for r in essay_map.relations:
        if r.kind is RelationKind.SUPPORTS and r.target:
            feeders.setdefault(r.target, set()).add(r.source)
    for node in essay_map.nodes_of_kind(NodeKind.ARGUMENT):
        feeders.setdefault(node.id, set()).update(node.premises)

    def reaches_evidence(start: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            if essay_map.node_by_id[current].kind is NodeKind.EVIDENCE:
                return True
            todo.extend(feeders.get(current, ()))
        return False

    bare = [t.id for t in essay_map.nodes_of_kind(NodeKind.THESIS) if t.inferred is None and not reaches_evidence(t.id)]
    assert not bare, f"theses without support from evidence: {bare}"


def test_the_conclusion_is_attacked_by_its_concessions(essay_map: Map) -> None:
    attackers = {r.source for r in essay_map.relations if r.kind is RelationKind.ATTACKS and r.target == "t_cover"}
    assert attackers == {"ev_coordination", "k_shared_assad", "k_common_front"}
    answered = {r.link.source for r in essay_map.relations if r.link is not None and r.link.target == "t_cover"}
    assert answered == attackers, "each concession is answered by an undercut"


def test_the_forecast_is_tied_to_its_condition(essay_map: Map) -> None:
    """'if so': the condition is a premise of the forecast's argument, so the forecast
    falls with it."""
    assert any(CONDITION in a.premises for a in essay_map.nodes_of_kind(NodeKind.ARGUMENT)
               if any(r.source == a.id and r.target == FORECAST for r in essay_map.relations))
    assert grounded_labels(_defeated(essay_map, CONDITION))[FORECAST] == "OUT"


# ------------------------------------------------------------------ evaluation


def test_the_expectations_hold(essay_map: Map) -> None:
    assert essay_map.expectations, "the map states what the essay concludes"
    assert check_expectations(essay_map) == []
    supported = {e.node for e in essay_map.expectations if e.status is ExpectedStatus.SUPPORTED}
    assert set(ARGUED) <= supported and FORECAST not in supported


def test_the_essays_conclusions_are_supported(essay_map: Map) -> None:
    status = grounded_status(essay_map)
    assert {t: status[t] for t in ARGUED} == dict.fromkeys(ARGUED, ("IN", "supported"))
    assert status["h_rivals"] == ("IN", "supported")
    assert {h: status[h][0] for h in ("h_partners", "h_russia_leads", "h_iran_leads")} == dict.fromkeys(
        ("h_partners", "h_russia_leads", "h_iran_leads"), "OUT")


def test_the_essays_own_reasoning_carries_its_conclusions(essay_map: Map) -> None:
    """Without a single node, argument or relation of ours, what the essay argues for is
    still supported; the forecast it does not argue is then merely unchallenged."""
    status = grounded_status(_essay_only(essay_map))
    assert {t: status[t] for t in ARGUED} == dict.fromkeys(ARGUED, ("IN", "supported"))
    assert status[FORECAST] == ("IN", "unsupported")
    assert status["k_waning"][0] == "OUT"


@pytest.mark.parametrize(("answer", "conclusion"), sorted(ANSWERS.items()))
def test_a_conclusion_falls_without_the_essays_answer(essay_map: Map, answer: str, conclusion: str) -> None:
    """The evaluation reaches the conclusion through the essay's reasoning, not the
    wiring: without the answer the essay gives to its own concession, it is not IN."""
    assert grounded_labels(essay_map)[conclusion] == "IN"
    without = dataclasses.replace(essay_map, relations=tuple(r for r in essay_map.relations if r.source != answer))
    assert grounded_labels(without)[conclusion] != "IN"


def test_independent_reasons_are_independent(essay_map: Map) -> None:
    """One reason lost is not the conclusion lost: the closing forecast has grounds of its
    own, and the central thesis does not hang on the single interested Aleppo testimony."""
    assert grounded_status(_defeated(essay_map, "t_cover"))["t_political_battles"] == ("IN", "supported")
    for item in ("ev_iran_derail", "ev_fifth_corps", "ev_russia_silence"):
        labels = grounded_labels(_defeated(essay_map, item))
        assert [labels[t] for t in ARGUED] == ["IN"] * len(ARGUED), item


# ------------------------------------------------------------------ ACH


def test_every_evidence_rates_every_hypothesis(essay_map: Map) -> None:
    hypotheses = {node.id for node in essay_map.nodes_of_kind(NodeKind.HYPOTHESIS)}
    gaps = {
        node.id: sorted(hypotheses - {rating.hypothesis for rating in node.ratings})
        for node in essay_map.nodes_of_kind(NodeKind.EVIDENCE)
    }
    partial = {node_id: missing for node_id, missing in gaps.items() if missing}
    assert not partial, f"ACH matrix has empty cells: {partial}"


def test_hypotheses_exclude_each_other(essay_map: Map) -> None:
    hypotheses = [node.id for node in essay_map.nodes_of_kind(NodeKind.HYPOTHESIS)]
    contradicting = {
        frozenset((r.source, r.target)) for r in essay_map.relations if r.kind is RelationKind.CONTRADICTS and r.target
    }
    missing = [pair for pair in itertools.combinations(hypotheses, 2) if frozenset(pair) not in contradicting]
    assert not missing, f"hypotheses that do not exclude each other: {missing}"


def test_ratings_discriminate_between_hypotheses(essay_map: Map) -> None:
    """A serious ACH matrix: every hypothesis meets some inconsistent evidence
    except, at most, the one the essay argues for."""
    inconsistent: Counter[str] = Counter()
    for node in essay_map.nodes_of_kind(NodeKind.EVIDENCE):
        for rating in node.ratings:
            if rating.grade.value in ("I", "II"):
                inconsistent[rating.hypothesis] += 1
    hypotheses = [node.id for node in essay_map.nodes_of_kind(NodeKind.HYPOTHESIS)]
    assert sum(1 for h in hypotheses if inconsistent[h] == 0) <= 1, inconsistent


def test_the_leader_does_not_rest_on_one_row(essay_map: Map) -> None:
    result = ach_matrix(essay_map)
    assert result.leader == "h_rivals"
    assert not result.sensitivity, f"one row changes the leader: {result.sensitivity}"
    top = max(result.diagnosticity.values())
    assert sum(1 for d in result.diagnosticity.values() if d == top) >= 4, "no single row dominates"


def test_the_case_against_partners_rests_on_the_doubtful_rows(essay_map: Map) -> None:
    """What maps/README.md reads in the matrix: without the four unnamed, interested or
    unsourced rows, the partners reading leads."""
    cut = dataclasses.replace(essay_map, nodes=tuple(
        dataclasses.replace(n, ratings=()) if n.id in DOUBTFUL_ROWS else n for n in essay_map.nodes))
    result = ach_matrix(cut)
    assert result.leader == "h_partners"
    assert result.inconsistency["h_partners"] == 0


def test_every_rejected_hypothesis_is_attacked_by_an_argument(essay_map: Map) -> None:
    """Not only by the other hypotheses: the essay's own answer to each reading."""
    leader = ach_matrix(essay_map).leader
    kinds = {node.id: node.kind for node in essay_map.nodes}
    attacked = {
        r.target for r in essay_map.relations if r.kind is RelationKind.ATTACKS and kinds.get(r.source) is not NodeKind.HYPOTHESIS
    }
    others = [n.id for n in essay_map.nodes_of_kind(NodeKind.HYPOTHESIS) if n.id != leader]
    assert [h for h in others if h not in attacked] == []


# ------------------------------------------------------------------ citations


def test_quotations_are_short(essay_map: Map) -> None:
    long_quotes = [
        (node.id, len(c.quote.split()))
        for node in essay_map.nodes
        for c in node.citations
        if c.quote and len(c.quote.split()) > 40
    ]
    assert not long_quotes, f"quotations over 40 words: {long_quotes}"


def test_every_statement_of_the_essays_is_cited(essay_map: Map) -> None:
    """Everything but our own nodes and the argument blocks points to where the essay says it."""
    ours = _ours(essay_map)
    uncited = [n.id for n in essay_map.nodes if n.kind is not NodeKind.ARGUMENT and n.id not in ours and not n.citations]
    assert not uncited, f"statements without a citation: {uncited}"


@needs_seeds
def test_headings_are_the_essays_own() -> None:
    lines = {_normalise(line) for line in (SEEDS / ESSAY_FILE).read_text(encoding="utf-8").splitlines()}
    assert [h for h in HEADINGS if h not in lines] == []
    assert CLOSING not in lines


@needs_seeds
def test_every_quotation_is_verbatim_in_the_essay(essay_map: Map) -> None:
    essay = _normalise((SEEDS / ESSAY_FILE).read_text(encoding="utf-8"))
    quotations = [(node.id, c.quote) for node in essay_map.nodes for c in node.citations if c.quote]
    assert len(quotations) >= 100
    not_found = [(node_id, quote) for node_id, quote in quotations if _normalise(quote) not in essay]
    assert not not_found, f"quotations not in the essay: {not_found}"


@needs_seeds
def test_node_texts_are_our_words(essay_map: Map) -> None:
    words = _words((SEEDS / ESSAY_FILE).read_text(encoding="utf-8"))
    runs = {tuple(words[i : i + COPIED_RUN]) for i in range(len(words) - COPIED_RUN + 1)}
    copied = {}
    for node in essay_map.nodes:
        text = _words(node.text)
        found = [" ".join(text[i : i + COPIED_RUN]) for i in range(len(text) - COPIED_RUN + 1) if tuple(text[i : i + COPIED_RUN]) in runs]
        if found:
            copied[node.id] = found
    assert not copied, f"node texts copying the essay (quote it in a cite instead): {copied}"


@needs_seeds
def test_strict_check_is_clean() -> None:
    analysis = api.analyse(MAP_PATH, sources=[SEEDS])
    findings = [f"{d.span}: {d.code} {d.message}" for d in analysis.diagnostics]
    assert findings == []


@needs_seeds
def test_open_critical_questions_are_the_ones_the_readme_lists() -> None:
    """W216 is opt-in: the questions the essay leaves open are listed in maps/README.md."""
    analysis = api.analyse(MAP_PATH, sources=[SEEDS], select=["W216"])
    open_questions = {d.message.split("'")[1]: d.message.rsplit(": ", 1)[1] for d in analysis.diagnostics if d.code == "W216"}
    assert open_questions, "the essay leaves some critical questions open"
    readme = " ".join(README.read_text(encoding="utf-8").split())
    for argument, questions in open_questions.items():
        assert f"`{argument}`" in readme
        for question in questions.split(", "):
            assert question in readme, (argument, question)
