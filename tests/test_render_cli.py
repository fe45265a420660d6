"""`argmap render` on the command line: output paths, formats, stdout, several
inputs, atomic writes, maps with errors, and the missing-`dot` error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli

DATA = Path(__file__).parent / "data" / "render"
GOOD = DATA / "undercut.arg"  # no errors
BAD = DATA / "small.arg"  # E104: circular reasoning


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["render", *args], standalone_mode=False, catch_exceptions=False)
    return result.return_value, result.stdout, result.stderr


@pytest.fixture()
def good(tmp_path: Path) -> Path:
    target = tmp_path / "map.arg"
    shutil.copy(GOOD, target)
    return target


def test_default_output_is_svg_next_to_the_input(good: Path) -> None:
    code, out, err = run(str(good))
    assert (code, out, err) == (0, "", "")
    root = ET.parse(good.with_suffix(".svg")).getroot()
    assert root.tag.endswith("svg")


@pytest.mark.parametrize(("name", "check"), [
    ("out.dot", lambda b: b.startswith(b"digraph argmap {")),
    ("out.gv", lambda b: b.startswith(b"digraph argmap {")),
    ("out.svg", lambda b: b"<svg" in b),
    ("out.json", lambda b: b.lstrip().startswith(b"{")),
])
def test_format_from_extension(good: Path, name: str, check: object) -> None:
    target = good.parent / name
    assert run(str(good), "-o", str(target))[0] == 0
    assert check(target.read_bytes())  # type: ignore[operator]


def test_format_option_wins_and_unknown_extension_is_a_usage_error(good: Path) -> None:
    target = good.parent / "diagram.txt"
    assert run(str(good), "-o", str(target), "--format", "dot")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("digraph")
    result = CliRunner().invoke(cli, ["render", str(good), "-o", str(good.parent / "x.weird")])
    assert result.exit_code == 2 and "--format" in result.output


def test_dash_writes_to_stdout(good: Path) -> None:
    code, out, _ = run(str(good), "-o", "-", "--format", "dot")
    assert code == 0 and out.startswith("digraph argmap {") and '"link a>t"' in out
    assert not good.with_suffix(".dot").exists()


def test_stdin_to_stdout() -> None:
    result = CliRunner().invoke(cli, ["render", "-", "--format", "dot"], input=GOOD.read_text(encoding="utf-8"),
                                standalone_mode=False)
    assert result.return_value == 0 and result.stdout.startswith("digraph")


def test_several_inputs_each_rendered(tmp_path: Path) -> None:
    names = []
    for name in ("one", "two"):
        shutil.copy(GOOD, tmp_path / f"{name}.arg")
        names.append(str(tmp_path / f"{name}.arg"))
    out = tmp_path / "out"
    out.mkdir()
    assert run(*names, "-o", str(out), "--format", "dot")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == ["one.dot", "two.dot"]
    result = CliRunner().invoke(cli, ["render", *names, "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 2 and "folder" in result.output


def test_map_with_errors_is_not_rendered(tmp_path: Path) -> None:
    bad = tmp_path / "bad.arg"
    shutil.copy(BAD, bad)
    existing = tmp_path / "bad.svg"
    existing.write_text("old", encoding="utf-8")
    code, out, err = run(str(bad))
    assert code == 1 and out == ""
    assert "error[E104]" in err and "^" in err and "not rendered" in err
    assert existing.read_text(encoding="utf-8") == "old"  # untouched
    code, _, err = run(str(bad), "--force")
    assert code == 0 and "--force" in err
    assert "<svg" in existing.read_text(encoding="utf-8")


def test_failed_render_leaves_existing_output_untouched(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.render import engines

    target = good.with_suffix(".svg")
    target.write_text("keep me", encoding="utf-8")

    def broken(self: object, dot: str, fmt: str) -> bytes:
        raise engines.RenderFailed("Graphviz (embedded) failed: simulated")

    monkeypatch.setattr(engines.WasmEngine, "render", broken)
    code, _, err = run(str(good))
    assert code == 2 and "simulated" in err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert [p.name for p in good.parent.iterdir() if p.name.startswith(".")] == []  # no temp files left


@pytest.mark.parametrize(("args", "message"), [
    (["--focus", "nope"], "no node 'nope'"),
    (["--section", "nope"], "no section 'nope'"),
    (["--kinds", "thesis,bogus"], "unknown kind 'bogus'"),
])
def test_view_errors_are_one_line(good: Path, args: list[str], message: str) -> None:
    code, _, err = run(str(good), *args)
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_views_reach_the_output(good: Path) -> None:
    code, out, _ = run(str(good), "-o", "-", "--format", "dot", "--focus", "e", "--depth", "1",
                       "--no-legend", "--rankdir", "lr")
    assert code == 0 and "rankdir=LR" in out
    assert 'id="node-e"' in out and 'id="node-a"' in out and 'id="node-t"' not in out and "Legend" not in out


def _no_dot_env(tmp_path: Path) -> dict[str, str]:
    empty = tmp_path / "bin"
    empty.mkdir()
    return {**os.environ, "PATH": str(empty)}


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_png_without_dot_exits_2_naming_the_package(good: Path, tmp_path: Path, fmt: str) -> None:
    done = subprocess.run([sys.executable, "-m", "argmap", "render", str(good), "--format", fmt],
                          check=False, capture_output=True, text=True, env=_no_dot_env(tmp_path))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt install graphviz" in lines[0] and "brew install graphviz" in lines[0]
    assert not good.with_suffix(f".{fmt}").exists()


def test_engine_system_without_dot(good: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "argmap", "render", str(good), "--engine", "system"],
                          check=False, capture_output=True, text=True, env=_no_dot_env(tmp_path))
    assert done.returncode == 2 and "graphviz" in done.stderr and "Traceback" not in done.stderr


def test_html_is_the_outline_report(good: Path) -> None:
    pytest.importorskip("argmap.render.html")
    target = good.parent / "report.html"
    assert run(str(good), "-o", str(target))[0] == 0
    expected = CliRunner().invoke(cli, ["outline", str(good), "--format", "html"], standalone_mode=False)
    assert target.read_text(encoding="utf-8") == expected.stdout


@pytest.mark.system_dot
@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz `dot` on PATH")
@pytest.mark.parametrize(("fmt", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_system_dot_formats(good: Path, fmt: str, magic: bytes) -> None:
    assert run(str(good), "--format", fmt)[0] == 0
    assert good.with_suffix(f".{fmt}").read_bytes().startswith(magic)


@pytest.mark.system_dot
@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz `dot` on PATH")
def test_system_engine_svg_has_ids(good: Path) -> None:
    assert run(str(good), "--engine", "system")[0] == 0
    ids = {el.get("id") for el in ET.parse(good.with_suffix(".svg")).getroot().iter()}
    assert {"node-t", "node-a", "edge-u-undercuts-a-t", "link-a-t"} <= ids


@pytest.mark.parametrize("args", [["-o", "{input}", "--format", "dot"], ["--format", "dot"]])
def test_never_overwrites_the_input(tmp_path: Path, args: list[str]) -> None:
    source = tmp_path / "map.dot"  # an input whose name is its own default output
    shutil.copy(GOOD, source)
    before = source.read_bytes()
    code, _, err = run(str(source), *[a.replace("{input}", str(source)) for a in args])
    assert code == 2 and "refusing to overwrite the input" in err
    assert source.read_bytes() == before


BROKEN = """thesis t "T."
claim a "A."
  supports t
  supports missing
claim u "U."
  undercuts a -> nowhere
"""


def test_force_draws_what_it_can(tmp_path: Path) -> None:
    source = tmp_path / "broken.arg"
    source.write_text(BROKEN, encoding="utf-8")
    code, out, err = run(str(source), "-o", "-", "--format", "dot")
    assert code == 1 and out == "" and err.count("error[E102]") == 2
    code, out, err = run(str(source), "-o", "-", "--format", "dot", "--force")
    assert code == 0 and "rendering anyway" in err
    assert '\ta -> t [' in out and "missing" not in out and "nowhere" not in out


def test_syntax_error_is_reported_not_rendered(tmp_path: Path) -> None:
    source = tmp_path / "bad.arg"
    source.write_text('thesis t "unterminated\n', encoding="utf-8")
    code, _, err = run(str(source))
    assert code == 1 and "error[E001]" in err and "Traceback" not in err
    assert not source.with_suffix(".svg").exists()


def test_stdin_into_a_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", "-", "-o", str(tmp_path), "--format", "dot"],
                                input=GOOD.read_text(encoding="utf-8"), standalone_mode=False)
    assert result.return_value == 0
    assert (tmp_path / "stdin.dot").read_text(encoding="utf-8").startswith("digraph")


FAILING_EXPECTATION = """thesis t "The thesis."
claim a "An unanswered objection."
  attacks t
expect t accepted under grounded
"""


def test_failing_expectation_does_not_block_the_drawing(tmp_path: Path) -> None:
    """E116 is a verdict about the argument, not broken structure: render runs
    only the quick rules and draws the map (without --force), check reports it."""
    source = tmp_path / "verdict.arg"
    source.write_text(FAILING_EXPECTATION, encoding="utf-8")
    checked = CliRunner().invoke(cli, ["check", str(source)], standalone_mode=False, catch_exceptions=False)
    assert checked.return_value == 1 and "error[E116]" in checked.stdout + checked.stderr
    code, out, err = run(str(source), "-o", "-", "--format", "dot")
    assert (code, err) == (0, "")
    assert "\ta -> t [" in out and 'id="node-t"' in out


def test_structural_error_still_blocks_the_drawing_next_to_a_failing_expectation(tmp_path: Path) -> None:
    source = tmp_path / "broken.arg"
    source.write_text(FAILING_EXPECTATION + "claim b \"Points nowhere.\"\n  supports missing\n", encoding="utf-8")
    code, out, err = run(str(source), "-o", "-", "--format", "dot")
    assert code == 1 and out == "" and "error[E102]" in err and "not rendered" in err
    assert "E116" not in err  # the expectations were not evaluated


def test_analyse_without_the_evaluation_skips_expectations(tmp_path: Path) -> None:
    from argmap.api import analyse, expectation_findings

    source = tmp_path / "verdict.arg"
    source.write_text(FAILING_EXPECTATION, encoding="utf-8")
    analysis = analyse(source)
    assert [d.code for d in analysis.errors] == ["E116"]
    assert analyse(source, expectations=False).errors == []
    assert [d.code for d in expectation_findings(analysis.map)] == ["E116"]
    assert expectation_findings(analysis.map, ignore=("E116",)) == []
