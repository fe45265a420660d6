"""The sensitivity analysis re-scores one row at a time; it must agree with a full re-score."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from argmap.evaluate.ach import STEPS, _leader_with, _score
from argmap.model import Grade

GRADES = list(Grade)


@settings(max_examples=examples(300), deadline=None)
@given(st.integers(2, 4), st.lists(st.tuples(st.lists(st.sampled_from(GRADES), min_size=4, max_size=4),
                                             st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.25])), min_size=1, max_size=6),
       st.data())
def test_incremental_leader_equals_full_rescore(n_hyps: int, raw_rows, data) -> None:  # type: ignore[no-untyped-def]
    hyps = [f"h{i}" for i in range(n_hyps)]
    rows = {f"e{i}": dict(zip(hyps, grades)) for i, (grades, _) in enumerate(raw_rows)}
    weights = {f"e{i}": w for i, (_, w) in enumerate(raw_rows)}
    inc, con, _, _ = _score(hyps, rows, weights)
    e = data.draw(st.sampled_from(sorted(rows)))
    rest = {k: v for k, v in rows.items() if k != e}
    assert _leader_with(hyps, inc, con, weights[e], rows[e], {}) == _score(hyps, rest, weights)[3]
    h = data.draw(st.sampled_from(hyps))
    new = data.draw(st.sampled_from(STEPS))
    changed = dict(rows)
    changed[e] = {**rows[e], h: new}
    assert _leader_with(hyps, inc, con, weights[e], {h: rows[e][h]}, {h: new}) == _score(hyps, changed, weights)[3]
