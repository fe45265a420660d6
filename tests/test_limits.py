"""Limits that protect the user: each case ends in a clear diagnostic or completes,
with no RecursionError and no unbounded reading."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from argmap.api import analyse
from argmap.errors import InputError
from argmap.loader import MAX_FILE_BYTES, MAX_INCLUDE_DEPTH, load_path


def _codes(analysis) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in analysis.diagnostics]


@pytest.mark.slow
def test_deep_support_chain(tmp_path: Path) -> None:
    """100,000 nodes in one support chain: checked (cycle search included)
    without RecursionError, in reasonable time; DOT and outline too if present."""
    n = 100_000
    lines = ['thesis n0 "The end of the chain."']
    lines += [f'claim n{i} "Step {i}."\n  supports n{i - 1}' for i in range(1, n)]
    path = tmp_path / "chain.arg"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.perf_counter()
    analysis = analyse(path)
    elapsed = time.perf_counter() - start
    assert len(analysis.map.nodes) == n and len(analysis.map.relations) == n - 1
    assert not [d for d in analysis.diagnostics if d.code.startswith("E")]
    assert elapsed < 60, f"check of a 100,000-node chain took {elapsed:.1f} s"
    from argmap import render

    assert render.build_dot(analysis.map).count("->") >= n - 1


def test_deep_chain_outline(tmp_path: Path) -> None:
    """A 20,000-deep support chain through the outline (built and printed)."""
    from argmap.render import outline, outline_text

    n = 20_000
    text = 'thesis n0 "end"\n' + "".join(f'claim n{i} "s"\n  supports n{i - 1}\n' for i in range(1, n))
    path = tmp_path / "chain.arg"
    path.write_text(text, encoding="utf-8")
    printed = outline_text.render_text(outline.build_outline(analyse(path).map))
    assert "n19999" in printed


def test_one_megabyte_line(tmp_path: Path) -> None:
    words = ("word " * 200_000).strip()
    path = tmp_path / "long.arg"
    path.write_text(f'claim a "{words}"\n  tags ' + ", ".join(f"t{i}" for i in range(20_000)) + "\n",
                    encoding="utf-8")
    analysis = analyse(path)
    node = analysis.map.node("a")
    assert node is not None and len(node.text) == len(words) and len(node.tags) == 20_000


def test_one_megabyte_unclosed_text(tmp_path: Path) -> None:
    path = tmp_path / "open.arg"
    path.write_text('claim a "' + "x" * 1_000_000 + "\n", encoding="utf-8")
    analysis = analyse(path)
    assert "E001" in _codes(analysis)


def test_thousand_nested_includes(tmp_path: Path) -> None:
    for i in range(1000):
        body = f'claim c{i} "node {i}"\n'
        if i < 999:
            body += f'include "f{i + 1}.arg"\n'
        (tmp_path / f"f{i}.arg").write_text(body, encoding="utf-8")
    analysis = analyse(tmp_path / "f0.arg")
    too_deep = [d for d in analysis.diagnostics if d.code == "E110"]
    assert len(too_deep) == 1 and "deep" in too_deep[0].message
    assert len(analysis.map.nodes) == MAX_INCLUDE_DEPTH + 1


def test_include_cycle(tmp_path: Path) -> None:
    (tmp_path / "a.arg").write_text('include "b.arg"\nclaim a "x"\n', encoding="utf-8")
    (tmp_path / "b.arg").write_text('include "a.arg"\nclaim b "y"\n', encoding="utf-8")
    analysis = analyse(tmp_path / "a.arg")
    cycles = [d for d in analysis.diagnostics if d.code == "E110"]
    assert len(cycles) == 1 and "a.arg -> b.arg -> a.arg" in cycles[0].message
    assert {n.id for n in analysis.map.nodes} == {"a", "b"}


def test_map_including_itself(tmp_path: Path) -> None:
    (tmp_path / "self.arg").write_text('include "self.arg"\nclaim a "x"\n', encoding="utf-8")
    analysis = analyse(tmp_path / "self.arg")
    assert [d.code for d in analysis.diagnostics if d.code.startswith("E")] == ["E110"]
    assert len(analysis.map.nodes) == 1


def test_hundred_megabyte_file_refused(tmp_path: Path) -> None:
    """A sparse 100 MB file: refused from its size, before any reading."""
    path = tmp_path / "huge.arg"
    with path.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    assert path.stat().st_size > MAX_FILE_BYTES
    with pytest.raises(InputError, match=r"100 MB.*up to 64 MB"):
        load_path(path)
    with pytest.raises(InputError):
        analyse(path)


def test_huge_include_is_a_diagnostic(tmp_path: Path) -> None:
    with (tmp_path / "huge.arg").open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    (tmp_path / "main.arg").write_text('include "huge.arg"\nclaim a "x"\n', encoding="utf-8")
    analysis = analyse(tmp_path / "main.arg")
    assert [d.code for d in analysis.diagnostics if d.code.startswith("E")] == ["E109"]


@pytest.mark.parametrize("written", ["../outside.arg", "sub/../../outside.arg"])
def test_include_outside_refused(tmp_path: Path, written: str) -> None:
    folder = tmp_path / "map"
    (folder / "sub").mkdir(parents=True)
    (tmp_path / "outside.arg").write_text('claim secret "from outside"\n', encoding="utf-8")
    (folder / "main.arg").write_text(f'include "{written}"\nclaim a "x"\n', encoding="utf-8")
    refused = analyse(folder / "main.arg")
    assert "E115" in _codes(refused) and refused.map.node("secret") is None
    allowed = analyse(folder / "main.arg", allow_outside=True)
    assert "E115" not in _codes(allowed) and allowed.map.node("secret") is not None


def test_absolute_include_outside_refused(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (tmp_path / "outside.arg").write_text('claim secret "x"\n', encoding="utf-8")
    (folder / "main.arg").write_text(f'include "{tmp_path / "outside.arg"}"\n', encoding="utf-8")
    assert "E115" in _codes(analyse(folder / "main.arg"))


def test_source_file_outside_refused(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("the secret passage is here", encoding="utf-8")
    (folder / "main.arg").write_text(
        'source s "S"\n  file "../secret.txt"\n'
        'evidence e "x"\n  cite s "the secret passage"\n', encoding="utf-8")
    refused = analyse(folder / "main.arg")
    assert "E115" in _codes(refused)
    assert "E115" not in _codes(analyse(folder / "main.arg", allow_outside=True))
