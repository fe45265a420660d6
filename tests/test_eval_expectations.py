"""Rule E116 (expectation-failed): data-driven cases in tests/data/eval/E116.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from argmap.api import analyse

CASES = yaml.safe_load((Path(__file__).parent / "data" / "eval" / "E116.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_e116(case: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    path.write_text(case["map"], encoding="utf-8")
    found = [d for d in analyse(path).diagnostics if d.code == "E116"]
    expected = case["expect"] or []
    assert [(d.span.line, d.span.column) for d in found] == [(e["line"], e["column"]) for e in expected], \
        [d.message for d in found]
    for diagnostic, want in zip(found, expected):
        assert diagnostic.rule == "expectation-failed"
        assert want["message_contains"] in diagnostic.message, diagnostic.message


def test_e116_notes_carry_the_explain_chain(tmp_path: Path) -> None:
    path = tmp_path / "map.arg"
    path.write_text('claim a "A."\nclaim b "B."\n  attacks a\nexpect a accepted\n', encoding="utf-8")
    (diagnostic,) = [d for d in analyse(path).diagnostics if d.code == "E116"]
    notes = [(r.span.line, r.message) for r in diagnostic.related]
    assert notes == [(1, "a is OUT: defeated by b"), (2, "  b is IN: unsupported, but not attacked")]
    assert "argmap explain" in (diagnostic.hint or "")
