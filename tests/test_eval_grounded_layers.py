"""grounded_layers (one pass: labels and rounds) agrees with the grounded
labelling and with the round-by-round reading explain orders attackers by."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from argmap.evaluate.semantics import AF, IN, OUT, UNDEC, grounded, grounded_layers


def _rounds_reference(af: AF, lab: list[int]) -> list[int]:
    """Round r: IN arguments whose attackers all went OUT by round r (0 = unattacked),
    OUT arguments first attacked by an IN argument of round r - 1; UNDEC = -1."""
    rounds = [-1] * af.size
    step = 0
    for i in range(af.size):
        if not af.attackers[i]:
            rounds[i] = 0
    changed = True
    while changed:
        changed = False
        step += 1
        done = list(rounds)
        for b in range(af.size):
            if done[b] == -1 and lab[b] == OUT and any(done[a] == step - 1 and lab[a] == IN for a in af.attackers[b]):
                rounds[b] = step
                changed = True
        for c in range(af.size):
            if rounds[c] == -1 and lab[c] == IN and all(rounds[a] != -1 and lab[a] == OUT for a in af.attackers[c]):
                rounds[c] = step
                changed = True
    return rounds


@st.composite
def frameworks(draw: st.DrawFn) -> AF:
    n = draw(st.integers(0, 14))
    pairs = draw(st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, max(n - 1, 0))),
                          max_size=3 * n)) if n else []
    return AF.from_pairs([str(i) for i in range(n)], pairs)


@settings(max_examples=examples(600), deadline=None)
@given(frameworks())
def test_layers_match_grounded_and_rounds(af: AF) -> None:
    lab, rounds = grounded_layers(af)
    assert lab == grounded(af)
    assert rounds == _rounds_reference(af, lab)
    assert all((r == -1) == (label == UNDEC) for r, label in zip(rounds, lab))


def test_chain_rounds() -> None:
    # 0 -> 1 -> 2 -> 3, and 4 <-> 5 undecided
    af = AF.from_pairs([str(i) for i in range(6)], [(0, 1), (1, 2), (2, 3), (4, 5), (5, 4)])
    lab, rounds = grounded_layers(af)
    assert lab == [IN, OUT, IN, OUT, UNDEC, UNDEC]
    assert rounds == [0, 1, 1, 2, -1, -1]
