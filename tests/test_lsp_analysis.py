"""The language server's incremental analysis gives what a full analysis gives."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from argmap.api import analyse
from argmap.lsp.analysis import IncrementalAnalyzer, split_chunks

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def _key(diagnostics):  # type: ignore[no-untyped-def]
    return sorted((d.code, d.span.line, d.span.column, d.message) for d in diagnostics)


@pytest.fixture(scope="module")
def generated() -> str:
    import gen_map

    return gen_map.to_arg(gen_map.generate(600, seed=7))


def test_chunks_cover_the_text_exactly(generated: str) -> None:
    chunks = split_chunks(generated, 40)
    assert len(chunks) > 5
    assert "".join(c.text for c in chunks) == generated
    line = 1
    for chunk in chunks:
        assert chunk.first_line == line
        line += chunk.text.count("\n")


def test_incremental_equals_full_analysis_through_random_edits(generated: str, tmp_path: Path) -> None:
    path = str(tmp_path / "m.arg")
    analyzer = IncrementalAnalyzer(path)
    lines = generated.split("\n")
    rng = random.Random(3)
    for _ in range(6):
        text = "\n".join(lines)
        incremental = analyzer.analyse(text)
        full = analyse(path, text=text)
        assert incremental.map == full.map
        assert [n.section for n in incremental.map.nodes] == [n.section for n in full.map.nodes]
        assert _key(incremental.diagnostics) == _key(full.diagnostics)
        index = rng.randrange(len(lines))
        edit = rng.choice(("insert", "delete", "typo"))
        if edit == "insert":
            lines.insert(index, "# a new comment")
        elif edit == "delete":
            del lines[index]
        else:
            lines[index] = lines[index].replace("supports", "suports", 1) + " x"


def test_suppression_comments_are_honoured(tmp_path: Path) -> None:
    text = 'thesis t "A thesis."  # argmap: ignore[W201,W202]\nclaim lone "Alone."  # argmap: ignore[W201]\n'
    codes = {d.code for d in IncrementalAnalyzer(str(tmp_path / "m.arg")).analyse(text).diagnostics}
    assert "W201" not in codes and "W202" not in codes
    plain = text.replace("  # argmap: ignore[W201,W202]", "").replace("  # argmap: ignore[W201]", "")
    codes = {d.code for d in IncrementalAnalyzer(str(tmp_path / "m.arg")).analyse(plain).diagnostics}
    assert {"W201", "W202"} <= codes


def test_quick_then_slow_equals_all(generated: str, tmp_path: Path) -> None:
    analyzer = IncrementalAnalyzer(str(tmp_path / "m.arg"))
    quick = analyzer.analyse(generated, quick=True)
    assert not quick.complete
    assert all(d.code != "E116" for d in quick.diagnostics)
    done = analyzer.complete_slow(quick, generated)
    assert done.complete
    assert _key(done.diagnostics) == _key(analyse(str(tmp_path / "m.arg"), text=generated).diagnostics)
