"""Evaluating maps: the attack graph from relations, strengths by hand, explain chains."""

from __future__ import annotations

import pytest

from argmap.api import loads
from argmap.evaluate import evaluate, explain, grounded_labels, strengths
from argmap.evaluate.encoding import build_framework


def _map(body: str):  # type: ignore[no-untyped-def]
    return loads(body)


def test_reinstatement_chain() -> None:
    m = _map('claim a "A"\nclaim b "B"\n  attacks a\nclaim c "C"\n  attacks b\n')
    assert grounded_labels(m) == {"a": "IN", "b": "OUT", "c": "IN"}


def test_contradiction_is_mutual_and_preferred_splits() -> None:
    m = _map('claim a "A"\n  contradicts b\nclaim b "B"\n')
    ev = evaluate(m, ("preferred", "stable"))
    assert ev.labels == {"a": "UNDEC", "b": "UNDEC"}
    assert ev.extensions["preferred"] == [["a"], ["b"]]
    assert ev.acceptance["a"]["preferred"] == {"credulous": True, "sceptical": False}


def test_undercut_disables_attack() -> None:
    m = _map('claim a "A"\nclaim b "B"\n  attacks a\nclaim u "U"\n  undercuts b -> a\n')
    assert grounded_labels(m) == {"a": "IN", "b": "IN", "u": "IN"}
    # without the undercut, a is defeated
    m2 = _map('claim a "A"\nclaim b "B"\n  attacks a\nclaim u "U"\n')
    assert grounded_labels(m2)["a"] == "OUT"


def test_undercut_that_is_defeated_does_not_help() -> None:
    m = _map('claim a "A"\nclaim b "B"\n  attacks a\nclaim u "U"\n  undercuts b -> a\nclaim k "K"\n  attacks u\n')
    assert grounded_labels(m) == {"a": "OUT", "b": "IN", "u": "OUT", "k": "IN"}


def test_supported_attack_and_secondary_attack() -> None:
    # s supports x, x attacks t  => s attacks t (supported attack)
    m = _map('claim s "S"\n  supports x\nclaim x "X"\n  attacks t\nclaim t "T"\n  attacks x\n')
    fw = build_framework(m)
    derived = {(a.source, a.target, a.origin) for a in fw.attacks}
    assert ("s", "t", "supported attack") in derived
    # a attacks x, x supports b => a attacks b (secondary attack)
    m2 = _map('claim a "A"\n  attacks x\nclaim x "X"\n  supports b\nclaim b "B"\n')
    assert grounded_labels(m2) == {"a": "IN", "x": "OUT", "b": "OUT"}
    origins = {(a.source, a.target, a.origin) for a in build_framework(m2).attacks}
    assert ("a", "b", "secondary attack") in origins


def test_supported_attack_decides_a_conflict() -> None:
    # the bipolar reading: x and t attack each other; s supports x, so s attacks t, and t is OUT
    m = _map('claim s "S"\n  supports x\nclaim x "X"\n  attacks t\nclaim t "T"\n  attacks x\n')
    assert grounded_labels(m, reading="bipolar") == {"s": "IN", "x": "IN", "t": "OUT"}
    # the argument reading: x needs its one argument, s, which stands; t is attacked by x,
    # and x by t: the conflict stays undecided (support does not add force to an attack)
    assert grounded_labels(m) == {"s": "IN", "x": "UNDEC", "t": "UNDEC"}


def test_undercut_support_cancels_derived_attack() -> None:
    m = _map('claim a "A"\n  attacks x\nclaim x "X"\n  supports b\nclaim b "B"\nclaim u "U"\n  undercuts x -> b\n')
    assert grounded_labels(m, reading="bipolar") == {"a": "IN", "x": "OUT", "b": "IN", "u": "IN"}
    # the argument reading: b's only argument (x -> b) is undercut: b lost its support
    assert grounded_labels(m) == {"a": "IN", "x": "OUT", "b": "OUT", "u": "IN"}


def test_dangling_relations_are_ignored() -> None:
    m = _map('claim a "A"\n  attacks ghost\nclaim u "U"\n  undercuts ghost -> a\n')
    assert grounded_labels(m) == {"a": "IN", "u": "IN"}


# ---------------------------------------------------------------- strengths by hand


def test_h_categoriser_chain() -> None:
    m = _map('claim a "A"\nclaim b "B"\n  attacks a\nclaim c "C"\n  attacks b\n')
    s = strengths(m, "h-categoriser")
    # c = 0.5; b = 0.5 / (1 + 0.5) = 1/3; a = 0.5 / (1 + 1/3) = 0.375
    assert s["c"] == pytest.approx(0.5)
    assert s["b"] == pytest.approx(1 / 3)
    assert s["a"] == pytest.approx(0.375)


def test_h_categoriser_weights_and_credibility() -> None:
    m = _map('claim a "A"\n  credibility high\nclaim b "B"\n  credibility low\n  attacks a weight 0.5\n')
    s = strengths(m, "h-categoriser")
    assert s["b"] == pytest.approx(0.25)
    assert s["a"] == pytest.approx(0.75 / (1 + 0.5 * 0.25))


def test_h_categoriser_even_cycle_fixed_point() -> None:
    m = _map('claim a "A"\n  attacks b\nclaim b "B"\n  attacks a\n')
    s = strengths(m, "h-categoriser")
    # x = 0.5 / (1 + x)  =>  x = (-1 + sqrt(3)) / 2
    assert s["a"] == pytest.approx((3 ** 0.5 - 1) / 2, abs=1e-8)


def test_df_quad_attack_and_support() -> None:
    m = _map('claim b "B"\nclaim a "A"\n  attacks b\nevidence e "E"\n  credibility high\n  supports b weight 0.8\n')
    s = strengths(m, "df-quad")
    # va = 0.5, vs = 0.8 * 0.75 = 0.6 > va  =>  b = 0.5 + 0.5 * (0.6 - 0.5) = 0.55
    assert s["b"] == pytest.approx(0.55)
    m2 = _map('claim b "B"\nclaim a "A"\n  attacks b\nclaim c "C"\n  attacks b\n')
    # va = 1 - 0.5 * 0.5 = 0.75  =>  b = 0.5 - 0.5 * 0.75 = 0.125
    assert strengths(m2, "df-quad")["b"] == pytest.approx(0.125)


def test_df_quad_undercut_weakens_relation() -> None:
    m = _map('claim b "B"\nclaim a "A"\n  attacks b\nclaim u "U"\n  credibility high\n  undercuts a -> b\n')
    s = strengths(m, "df-quad")
    # attack acts with 0.5 * (1 - 0.75) = 0.125  =>  b = 0.5 - 0.5 * 0.125
    assert s["b"] == pytest.approx(0.4375)


def test_strengths_unknown_method() -> None:
    with pytest.raises(ValueError):
        strengths(_map('claim a "A"\n'), "nope")


# ---------------------------------------------------------------- explain


@pytest.mark.parametrize("reading, d_in, b_in", [
    ("bipolar", "- d is IN: not attacked", "- b is IN: every attacker is OUT"),
    ("argument", "- d is IN: unsupported, but not attacked", "- b is IN: unsupported, but every attacker fails"),
])
def test_explain_out_names_defeater_chain(reading: str, d_in: str, b_in: str) -> None:
    m = _map('claim a "A"\nclaim b "B"\n  attacks a\nclaim c "C"\n  attacks b\nclaim d "D"\n  attacks c\n')
    e = explain(m, "c", reading=reading)
    assert e.label == "OUT"
    assert e.defeaters == ("d",)
    assert e.lines[0] == "- c is OUT: defeated by d"
    assert e.lines[1] == "  " + d_in
    ea = explain(m, "a", reading=reading)
    assert ea.label == "OUT" and ea.defeaters == ("b",)
    eb = explain(m, "b", reading=reading)
    assert eb.label == "IN"
    assert eb.lines[0] == b_in
    assert "  - c is OUT: defeated by d" in eb.lines


def test_explain_undec_in_odd_cycle() -> None:
    m = _map('claim a "A"\n  attacks b\nclaim b "B"\n  attacks c\nclaim c "C"\n  attacks a\n')
    e = explain(m, "a")
    assert e.label == "UNDEC"
    assert "c is undecided" in e.lines[0]
    assert any("(see above)" in line for line in e.lines)


def test_explain_undercut() -> None:
    m = _map('claim a "A"\nclaim b "B"\n  attacks a\nclaim u "U"\n  undercuts b -> a\n')
    text = explain(m, "a").text()
    assert "undercut by u" in text


def test_explain_preferred_reports_acceptance() -> None:
    m = _map('claim a "A"\n  contradicts b\nclaim b "B"\n')
    e = explain(m, "a", "preferred")
    assert e.acceptance == {"credulous": True, "sceptical": False}
    assert e.summary.startswith("IN in 1 of 2 preferred extensions")
    assert e.label == "OUT"


def test_explain_names_the_support_chain_of_a_derived_attack() -> None:
    m = _map('claim a "A"\n  supports x\nclaim x "X"\n  attacks t\nclaim t "T"\n')
    e = explain(m, "t", reading="bipolar")
    assert e.lines[0] == "- t is OUT: defeated by a (supported attack via a -> x -> t)"
