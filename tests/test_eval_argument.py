"""The argument reading (argmap/evaluate/structured.py): its encoding as a Dung
framework gives, under grounded semantics, exactly the least fixpoint of the
reading's own rules computed directly on the map (a reference written from
docs/evaluation.md, in Kleene's three-valued logic), on random maps with linked
arguments, independent reasons, undercuts of links and of arguments,
contradictions, evidence and questions. And the cases of the language issue."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from argmap.api import loads
from argmap.evaluate import evaluate, explain, grounded_labels, grounded_status
from argmap.model import Map, NodeKind, RelationRole

T, U, F = 1.0, 0.5, 0.0  # Kleene's true, unknown, false
LABEL = {T: "IN", U: "UNDEC", F: "OUT"}


def _any(values: list[float]) -> float:
    return max(values, default=F)


def _all(values: list[float]) -> float:
    return min(values, default=T)


def reference(argmap: Map) -> dict[str, str]:
    """Grounded labels of the argument reading, by Kleene iteration from 'unknown'."""
    nodes = {n.id: n for n in argmap.node_by_id.values() if n.kind is not NodeKind.QUESTION}
    is_arg = {i: n.kind is NodeKind.ARGUMENT for i, n in nodes.items()}
    link_cut: dict[tuple[str, str], list[str]] = {}
    arg_cut: dict[str, list[str]] = {}
    for r in argmap.relations:
        if r.kind.role is RelationRole.UNDERCUT and r.source in nodes:
            if r.link is not None and r.link.source in nodes and r.link.target in nodes:
                link_cut.setdefault((r.link.source, r.link.target), []).append(r.source)
            elif r.target in nodes and is_arg[r.target]:
                arg_cut.setdefault(r.target, []).append(r.source)
    pro: dict[str, list[tuple[str, list[str]]]] = {}  # c -> (source, cutters)
    con: dict[str, list[tuple[str, list[str]]]] = {}
    for r in argmap.relations:
        s, t = r.source, r.target
        if s not in nodes or t is None or t not in nodes or s == t:
            continue
        role = r.kind.role
        if role is RelationRole.SUPPORT and not is_arg[t]:
            if is_arg[s]:
                arg_cut.setdefault(s, []).extend(link_cut.get((s, t), []))
                pro.setdefault(t, []).append((s, []))
            else:
                pro.setdefault(t, []).append((s, link_cut.get((s, t), [])))
        elif role in (RelationRole.ATTACK, RelationRole.CONTRADICTION):
            pairs = [(s, t)] + ([(t, s)] if role is RelationRole.CONTRADICTION else [])
            for a, b in pairs:
                if is_arg[a]:
                    arg_cut.setdefault(a, []).extend(link_cut.get((a, b), []))
                    con.setdefault(b, []).append((a, []))
                else:
                    con.setdefault(b, []).append((a, link_cut.get((a, b), [])))
    value = dict.fromkeys(nodes, U)

    def inference(source: str, cutters: list[str]) -> float:
        return min(value[source], 1 - _any([value[u] for u in cutters]))

    for _ in range(4 * len(nodes) + 4):
        new = {}
        for i, node in nodes.items():
            defeated = _any([inference(a, cut) for a, cut in con.get(i, [])])
            if is_arg[i]:
                premises = [value[p] for p in node.premises if p in nodes and not is_arg[p] and p != i]
                new[i] = min(_all(premises), 1 - _any([value[u] for u in arg_cut.get(i, [])]), 1 - defeated)
                continue
            reasons = pro.get(i)
            needs = bool(reasons) and node.kind not in (NodeKind.EVIDENCE, NodeKind.ASSUMPTION)
            support = _any([inference(s, cut) for s, cut in reasons or []]) if needs else T
            new[i] = min(1 - defeated, support)
        if new == value:
            break
        value = new
    return {i: LABEL[v] for i, v in value.items()}


@st.composite
def maps(draw: st.DrawFn) -> str:
    rng = random.Random(draw(st.integers(0, 10**6)))
    n = draw(st.integers(1, 9))
    kinds = ["claim", "claim", "evidence", "thesis", "counter", "assumption", "question"]
    ids = [f"n{i}" for i in range(n)]
    kind = {i: rng.choice(kinds) for i in ids}
    statements = [i for i in ids if kind[i] != "question"]
    lines: list[str] = []
    for i in ids:
        lines.append(f'{kind[i]} {i} "{i}"')
        if kind[i] == "question" or not statements:
            continue
        for _ in range(rng.randint(0, 2)):
            verb = rng.choice(["supports", "supports", "attacks", "contradicts"])
            lines.append(f"  {verb} {rng.choice(statements)}")
    arguments = []
    for k in range(rng.randint(0, 3) if statements else 0):
        a = f"a{k}"
        arguments.append(a)
        premises = rng.sample(statements, min(len(statements), rng.randint(1, 3)))
        lines += [f"argument {a}", "  premises " + ", ".join(premises),
                  f"  {rng.choice(['supports', 'supports', 'attacks'])} {rng.choice(statements)}"]
    written = [line for line in lines if line.startswith(("  supports", "  attacks"))]
    for _ in range(rng.randint(0, 3) if statements else 0):
        u = rng.choice(statements)
        if arguments and rng.random() < 0.5:
            lines += [f'claim u{len(lines)} "cut"', f"  undercuts {rng.choice(arguments)}"]
        elif written:
            # undercut some written link a -> b (the block of a is found by its id)
            lines += [f'claim u{len(lines)} "cut"', f"  undercuts {u} -> {rng.choice(statements)}"]
    return "\n".join(lines) + "\n"


@settings(max_examples=examples(600), deadline=None)
@given(maps())
def test_grounded_is_the_readings_least_fixpoint(text: str) -> None:
    argmap = loads(text)
    assert grounded_labels(argmap) == reference(argmap)


@settings(max_examples=examples(200), deadline=None)
@given(maps())
def test_grounded_extension_is_complete_and_inside_every_preferred(text: str) -> None:
    ev = evaluate(loads(text), ("grounded", "preferred", "stable"))
    grounded = set(ev.extensions["grounded"][0])
    assert all(grounded <= set(e) for e in ev.extensions["preferred"])
    assert all(grounded <= set(e) for e in ev.extensions["stable"])


# ------------------------------------------------------------------ by hand


def _status(text: str) -> dict[str, tuple[str, str]]:
    return grounded_status(loads(text))


def test_independent_reasons_are_independent() -> None:
    status = _status('claim c "C"\nclaim p1 "P1"\n  supports c\nclaim p2 "P2"\n  supports c\n'
                     'claim x "X"\n  attacks p1\n')
    assert status["c"] == ("IN", "supported") and status["p1"] == ("OUT", "defeated")


def test_linked_premises_fall_together() -> None:
    status = _status('claim c "C"\nclaim p1 "P1"\nclaim p2 "P2"\nargument a\n  premises p1, p2\n  supports c\n'
                     'claim x "X"\n  attacks p1\n')
    assert status["c"] == ("OUT", "support-lost") and status["a"] == ("OUT", "premise-fails")


def test_a_claim_whose_every_reason_fails_falls_and_evidence_stands_as_given() -> None:
    status = _status('claim c "C"\nevidence e "E"\n  supports c\nclaim x "X"\n  attacks e\n'
                     'evidence f "F"\nclaim g "G"\n  supports f\nclaim y "Y"\n  attacks g\n')
    assert status["c"] == ("OUT", "support-lost")
    assert status["f"] == ("IN", "given")  # its only support failed: evidence needs none


def test_unsupported_and_unchallenged_is_told_apart_from_supported() -> None:
    status = _status('thesis alone "Nobody argues either way."\nthesis backed "B"\nevidence e "E"\n  supports backed\n')
    assert status["alone"] == ("IN", "unsupported") and status["backed"] == ("IN", "supported")


def test_undercutting_an_argument_defeats_the_inference_not_the_premises() -> None:
    status = _status('claim c "C"\nclaim p "P"\nargument a\n  premises p\n  supports c\n'
                     'claim u "U"\n  undercuts a\n')
    assert status["a"] == ("OUT", "undercut") and status["p"][0] == "IN" and status["c"] == ("OUT", "support-lost")


def test_questions_are_not_evaluated() -> None:
    labels = grounded_labels(loads('question q "Q?"\nevidence e "E"\n  about q\nclaim c "C"\n  answers q\n'))
    assert "q" not in labels and labels == {"e": "IN", "c": "IN"}


def test_explain_names_the_failing_premise_of_a_linked_argument() -> None:
    m = loads('claim c "C"\nclaim p1 "P1"\nclaim p2 "P2"\nargument a\n  premises p1, p2\n  supports c\n'
              'claim x "X"\n  attacks p1\n')
    lines = explain(m, "c").lines
    assert lines[0] == "- c is OUT: no argument for it stands (1 argument for it, every one fails)"
    assert lines[1] == "  - a fails: its premise p1 does not hold"
    assert lines[2] == "    - p1 is OUT: defeated by x"


@pytest.mark.parametrize("reading", ["argument", "bipolar", "dung"])
def test_every_reading_evaluates_the_new_constructs(reading: str) -> None:
    m = loads('question q "Q?"\nclaim c "C"\n  answers q\nclaim p "P"\n  about q\nargument a\n  premises p\n'
              '  supports c\nclaim u "U"\n  undercuts a\n')
    labels = grounded_labels(m, reading=reading)
    assert "q" not in labels and set(labels) == {"c", "p", "a", "u"}
