"""ACH: a matrix computed by hand, warnings, sensitivity, output formats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.api import loads
from argmap.cli import cli
from argmap.evaluate import ach_matrix
from argmap.evaluate.ach_report import render_ach

MAP = '''title "ACH <test>"
hypothesis h1 "One."
hypothesis h2 "Two."
hypothesis h3 "Three."
evidence e1 "E1."
  credibility high
  rates h1 C, h2 I, h3 II
evidence e2 "E2."
  credibility low
  relevance high
  rates h1 I, h2 CC, h3 C
evidence e3 "E3."
  rates h1 N, h2 N, h3 N
evidence e4 "E4."
  rates h1 CC, h3 I
'''
# weights: e1 1.5; e2 0.5 * 1.5 = 0.75; e3 1; e4 1
# Inc: h1 = 0.75*1 = 0.75; h2 = 1.5*1 = 1.5; h3 = 1.5*2 + 1*1 = 4
# Con: h1 = 1.5*1 + 1*2 = 3.5; h2 = 0.75*2 = 1.5; h3 = 0.75*1 = 0.75
# D: e1 = 1.5 * (1 - -2) = 4.5; e2 = 0.75 * (2 - -1) = 2.25; e3 = 0; e4 = 1 * (2 - -1) = 3


def test_matrix_by_hand() -> None:
    r = ach_matrix(loads(MAP))
    assert r.hypotheses == ["h1", "h2", "h3"]
    assert r.evidence == ["e1", "e2", "e3", "e4"]
    assert r.weights == {"e1": 1.5, "e2": 0.75, "e3": 1.0, "e4": 1.0}
    assert r.inconsistency == pytest.approx({"h1": 0.75, "h2": 1.5, "h3": 4.0})
    assert r.consistency == pytest.approx({"h1": 3.5, "h2": 1.5, "h3": 0.75})
    assert r.ranking == ["h1", "h2", "h3"]
    assert r.leader == "h1"
    assert r.diagnosticity == pytest.approx({"e1": 4.5, "e2": 2.25, "e3": 0.0, "e4": 3.0})
    assert r.most_diagnostic == ["e1"]
    assert r.cells[("e4", "h2")] is None
    messages = [w.message for w in r.warnings]
    assert "e3 does not discriminate: it rates every hypothesis N" in messages
    assert "e4 does not rate h2" in messages


def test_sensitivity_by_hand() -> None:
    r = ach_matrix(loads(MAP))
    # removing e2 leaves h1 and h2 at 0 vs 1.5: h1 still leads; re-rating e2's h1 I -> N
    # keeps h1 first too. Re-rating e1's h2 I -> N gives h2 Inc 0 < h1 0.75: h2 leads.
    changes = {(s.evidence, s.change): s.leader for s in r.sensitivity}
    assert changes[("e1", "rates h2 I -> N")] == "h2"
    assert ("e2", "removed") not in changes
    assert all(leader != "h1" for leader in changes.values())


def test_tie_has_no_leader_and_empty_map() -> None:
    r = ach_matrix(loads('hypothesis a "A."\nhypothesis b "B."\nevidence e "E."\n  rates a C, b C\n'))
    assert r.leader is None and r.ranking == ["a", "b"]
    empty = ach_matrix(loads('claim x "X."\n'))
    assert empty.hypotheses == [] and empty.leader is None
    assert "No ratings" in render_ach(empty, "text")


def test_unknown_hypothesis_ignored() -> None:
    r = ach_matrix(loads('hypothesis a "A."\nevidence e "E."\n  rates a C, ghost II\n'))
    assert r.hypotheses == ["a"] and r.inconsistency == {"a": 0.0}


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_formats(fmt: str) -> None:
    text = render_ach(ach_matrix(loads(MAP)), fmt, title="ACH <test>")
    assert "h1" in text and "e1" in text
    if fmt == "html":
        assert "&lt;test&gt;" in text and "<test>" not in text
        assert 'class="g-II"' in text and 'class="unrated"' in text
    if fmt == "json":
        data = json.loads(text)
        assert data["leader"] == "h1" and data["ranking"] == ["h1", "h2", "h3"]
        assert data["evidence"][3]["ratings"] == {"h1": "CC", "h2": None, "h3": "I"}


def test_cli_writes_html_by_extension(tmp_path: Path) -> None:
    src = tmp_path / "m.arg"
    src.write_text(MAP, encoding="utf-8")
    out = tmp_path / "ach.html"
    result = CliRunner().invoke(cli, ["ach", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    text = CliRunner().invoke(cli, ["ach", str(src)]).output
    assert "Leading hypothesis: h1" in text and "Most diagnostic evidence: e1 (4.5)" in text


ESSAY = Path(__file__).parent.parent / "maps" / "syria_iran_russia.arg"


def test_essay_map_ranks_hypotheses() -> None:
    from argmap.api import load

    r = ach_matrix(load(ESSAY))
    assert len(r.hypotheses) >= 2 and len(r.ranking) == len(r.hypotheses)
    assert r.most_diagnostic
