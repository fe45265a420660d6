"""ICCMA formats: writing, reading, round trips, errors, solver mode of argmap eval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.api import loads
from argmap.cli import cli
from argmap.errors import InputError
from argmap.evaluate.semantics import AF, extensions
from argmap.interop.iccma import export_map, read_framework, write_framework

MAP = 'claim a "A."\nclaim b "B."\n  attacks a\nclaim u "U."\n  undercuts b -> a\nclaim c "C."\n  contradicts a\n'


def test_export_i23() -> None:
    text = export_map(loads('claim a "A."\nclaim b "B."\n  attacks a\n'), "i23")
    assert text == "p af 2\n# 1 a\n# 2 b\n2 1\n"


def test_export_apx_quotes_aux_names() -> None:
    text = export_map(loads(MAP), "apx")
    assert "arg(a).\n" in text and "att(a,c).\n" in text and "att(c,a).\n" in text
    assert 'arg("b->a#5").' in text and 'att(u,"b->a#5").' in text


def test_export_tgf() -> None:
    text = export_map(loads('claim a "A."\nclaim b "B."\n  attacks a\n'), "tgf")
    assert text == "1 a\n2 b\n#\n2 1\n"


@pytest.mark.parametrize("fmt", ["i23", "apx", "tgf"])
def test_round_trip_map_graph(fmt: str) -> None:
    af = read_framework(export_map(loads(MAP), fmt), fmt)
    assert af.names[:4] == ["a", "b", "u", "c"]
    for sem in ("grounded", "preferred", "stable"):
        def named(g, sem=sem):
            return sorted(sorted(g.names[i] for i in e) for e in extensions(g, sem))
        from argmap.evaluate.encoding import build_framework

        assert named(af) == named(build_framework(loads(MAP)).af)


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 8).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=16))),
    st.sampled_from(["i23", "apx", "tgf"]))
def test_round_trip_random(fw: tuple[int, list[tuple[int, int]]], fmt: str) -> None:
    n, pairs = fw
    af = AF.from_pairs([f"x{i}" if i % 2 else f"Arg {i}" for i in range(n)], pairs)
    back = read_framework(write_framework(af, fmt), fmt)
    assert back.names == af.names
    assert sorted(back.pairs()) == sorted(af.pairs())


def test_plain_i23_and_comments() -> None:
    af = read_framework("# a comment\np af 3\n1 2\n2 3\n", "i23")
    assert af.names == ["1", "2", "3"] and af.pairs() == [(0, 1), (1, 2)]


@pytest.mark.parametrize("fmt,text,message", [
    ("i23", "1 2\n", "header"),
    ("i23", "p af 2\n1 3\n", "numbered 1..2"),
    ("i23", "p af x\n", "p af N"),
    ("i23", "", "missing the header"),
    ("apx", "arg(a).\natt(a,b).\n", "not declared"),
    ("apx", "arg(a\n", "expected arg(a)."),
    ("tgf", "1 a\n#\n1 2\n", "declared nodes"),
    ("tgf", "1 a\n1 b\n", "declared twice"),
])
def test_bad_input(fmt: str, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        read_framework(text, fmt)


def test_apx_several_statements_per_line() -> None:
    af = read_framework('arg(a). arg("b c"). att(a,"b c").\n', "apx")
    assert af.names == ["a", "b c"] and af.pairs() == [(0, 1)]


def test_eval_as_solver(tmp_path: Path) -> None:
    path = tmp_path / "cycle.apx"
    path.write_text("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,a).\natt(b,c).\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path), "--format", "json", "--semantics", "preferred,stable"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["extensions"]["preferred"] == [["a", "c"], ["b"]]
    assert data["extensions"]["stable"] == [["a", "c"], ["b"]]
    assert data["extensions"]["grounded"] == [[]]


def test_eval_solver_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.i23"
    path.write_text("p af 2\n1 9\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path)])
    assert result.exit_code != 0
    assert "i23 line 2" in str(result.exception) + result.output
