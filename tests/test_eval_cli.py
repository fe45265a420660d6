"""argmap eval / explain on the command line: JSON schema, text, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli

MAP = 'claim a "A."\n  contradicts b\nclaim b "B."\nclaim c "C."\n  attacks b\nclaim d "D."\n  supports c weight 0.5\n'


@pytest.fixture()
def map_file(tmp_path: Path) -> Path:
    path = tmp_path / "m.arg"
    path.write_text(MAP, encoding="utf-8")
    return path


def test_json_schema(map_file: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(map_file), "--format", "json",
                                      "--semantics", "grounded,complete,preferred,stable"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"schema", "semantics", "strength_methods", "nodes", "extensions", "reading"}
    assert data["schema"] == "argmap-eval/2" and data["reading"] == "argument"
    assert data["semantics"] == ["grounded", "complete", "preferred", "stable"]
    assert [n["id"] for n in data["nodes"]] == ["a", "b", "c", "d"]
    node_b = data["nodes"][1]
    assert node_b["grounded"] == "OUT" and node_b["basis"] == "defeated"
    assert data["nodes"][2]["basis"] == "supported"  # c: d's argument for it stands
    assert node_b["acceptance"]["preferred"] == {"credulous": False, "sceptical": False}
    assert set(node_b["strengths"]) == {"df-quad"}
    assert data["extensions"]["grounded"] == [["a", "c", "d"]]
    assert data["extensions"]["complete"] == [["a", "c", "d"]]
    for node in data["nodes"]:
        assert 0.0 <= node["strengths"]["df-quad"] <= 1.0


def test_text_output(map_file: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(map_file), "--strengths", "h-categoriser"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["node", "grounded", "preferred", "stable", "h-categoriser"]
    assert lines[2].split()[:4] == ["b", "OUT", "(defeated)", "-"]
    assert "preferred: 1 extension" in result.output and "  {a, c, d}" in result.output


def test_bad_semantics(map_file: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(map_file), "--semantics", "grounded,ideal"])
    assert result.exit_code == 2 and "--semantics" in result.output


def test_explain_cli(map_file: Path) -> None:
    result = CliRunner().invoke(cli, ["explain", str(map_file), "b"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == ["b is OUT (defeated) under grounded semantics",
                                              "- b is OUT: defeated by c"]
    js = CliRunner().invoke(cli, ["explain", str(map_file), "b", "--format", "json"])
    assert json.loads(js.output)["defeaters"] == ["a", "c"]  # d supports c: it is no attacker of b
    bipolar = CliRunner().invoke(cli, ["explain", str(map_file), "b", "--format", "json", "--reading", "bipolar"])
    assert json.loads(bipolar.output)["defeaters"] == ["a", "c", "d"]  # read bipolar, d's support attacks b


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, check=False)


def test_errors_are_messages_not_tracebacks(map_file: Path, tmp_path: Path) -> None:
    missing = _run("explain", str(map_file), "bb")
    assert missing.returncode == 2 and "no node 'bb'" in missing.stderr and "did you mean 'b'" in missing.stderr
    broken = tmp_path / "broken.arg"
    broken.write_text('claim a "A\n', encoding="utf-8")
    result = _run("eval", str(broken))
    assert result.returncode == 1 and "Traceback" not in result.stderr and "broken.arg:1" in result.stderr
    nofile = _run("ach", str(tmp_path / "nope.arg"))
    assert nofile.returncode == 2 and "Traceback" not in nofile.stderr


def test_stdin(map_file: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", "-", "--format", "json"], input=MAP)
    assert result.exit_code == 0 and json.loads(result.output)["nodes"][0]["id"] == "a"
