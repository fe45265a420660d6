"""The Python API: argmap.load, loads, check, analyse, parse; no click needed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import argmap
from argmap.diagnostics import Severity
from argmap.errors import ArgmapError, ArgmapSyntaxError, InputError

MAP = 'title "Tea"\nthesis t "Tea is good."\nclaim c "It is warm."\n  supports t weight 0.5\n'


def test_loads_gives_a_model() -> None:
    m = argmap.loads(MAP)
    assert m.title == "Tea"
    assert [n.id for n in m.nodes] == ["t", "c"]
    assert [(r.source, r.target, r.weight) for r in m.relations] == [("c", "t", 0.5)]


def test_loads_raises_syntax_error_with_diagnostics() -> None:
    with pytest.raises(ArgmapSyntaxError) as info:
        argmap.loads('thesis t "T."\nclaim c oops\nclaim d oops\n', "x.arg")
    assert [d.span.line for d in info.value.diagnostics] == [2, 3]
    assert "x.arg:2:9" in str(info.value) and "(and 1 more)" in str(info.value)
    assert isinstance(info.value, ArgmapError)


def test_load_file_with_include(tmp_path: Path) -> None:
    (tmp_path / "part.arg").write_text('claim p "Part."\n  supports t\n')
    (tmp_path / "main.arg").write_text('include "part.arg"\nthesis t "T."\n')
    m = argmap.load(tmp_path / "main.arg")
    assert sorted(n.id for n in m.nodes) == ["p", "t"]


def test_load_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        argmap.load(tmp_path / "nope.arg")


def test_check_a_map_object_and_a_path(tmp_path: Path) -> None:
    text = 'thesis t "T."\nclaim t "Again."\n'
    found = argmap.check(argmap.loads(text), select=["E101"])
    assert [(d.code, d.span.line) for d in found] == [("E101", 2)]
    path = tmp_path / "m.arg"
    path.write_text(text)
    assert [d.code for d in argmap.check(path, select=["E101"])] == ["E101"]
    assert argmap.check(path, select=["E101"], ignore=["E1"]) == []


def test_check_path_includes_syntax_errors(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text('claim c oops\n')
    assert [d.code for d in argmap.check(path)] == ["E001"]


def test_analyse_text_and_properties() -> None:
    result = argmap.analyse("<stdin>", text='thesis t "T."\nclaim t "Again."\nclaim x oops\n')
    assert {d.code for d in result.errors} >= {"E101", "E001"}
    assert all(d.severity is Severity.ERROR for d in result.errors)
    assert all(d.severity is Severity.WARNING for d in result.warnings)
    assert [n.id for n in result.map.nodes][:2] == ["t", "t"]


def test_analyse_signature_used_by_other_commands(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text(MAP)
    result = argmap.analyse(str(path), text=None, sources=[str(tmp_path)], select=(), ignore=("W",),
                            allow_outside=False)
    assert result.map.title == "Tea" and result.errors == []


def test_parse_never_raises() -> None:
    result = argmap.parse("\x00\xff garbage", "g.arg")
    assert result.diagnostics and not result.ok


def test_api_works_without_click(tmp_path: Path) -> None:
    (tmp_path / "m.arg").write_text('thesis t "T."\nclaim t "Again."\n')
    script = textwrap.dedent(
        """
        import sys
        sys.modules["click"] = None  # importing click now fails
        import argmap
        m = argmap.load("m.arg")
        found = argmap.check("m.arg", select=["E101"])
        print(len(m.nodes), [d.code for d in found], argmap.analyse("m.arg").map.nodes[0].id)
        from argmap.report import format_json, format_sarif
        format_json(found, ["m.arg"]); format_sarif(found, ["m.arg"])
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "2 ['E101'] t"


def _doc_examples() -> list[str]:
    import re

    text = (Path(__file__).parent.parent / "docs" / "language.md").read_text(encoding="utf-8")
    return re.findall(r"```arg\n(.*?)```", text, re.S)


def test_language_doc_has_examples() -> None:
    assert len(_doc_examples()) >= 15


@pytest.mark.parametrize("index", range(len(_doc_examples())))
def test_language_doc_examples_parse(index: int) -> None:
    example = _doc_examples()[index]
    result = argmap.parse(example, f"language.md#{index}")
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    assert result.map.nodes or result.map.title or result.map.sources or result.map.includes


def test_language_doc_claims_hold() -> None:
    """What docs/language.md says about folding, sections and CRLF is true."""
    m = argmap.loads('claim a "Both need Assad to survive."\nclaim b "Both need\n         Assad    to survive."\n'
                     'claim p "One\n   two.\n\n   Three."\nsection "Second: the challenge"\nclaim s "S."\n')
    assert m.nodes[0].text == m.nodes[1].text
    assert m.nodes[2].text == "One two.\n\nThree."
    assert m.nodes[3].section == "second-the-challenge"
    crlf = argmap.parse('thesis t "T."\r\nclaim c oops\r\n', "c.arg").diagnostics
    lf = argmap.parse('thesis t "T."\nclaim c oops\n', "c.arg").diagnostics
    assert [(d.span.line, d.span.column) for d in crlf] == [(d.span.line, d.span.column) for d in lf] == [(2, 9)]
    bom = argmap.loads('\ufeffthesis t "T."\n')
    assert bom.nodes[0].id == "t"
    assert argmap.loads('claim c "a \\" b \\\\ c \\# d"').nodes[0].text == 'a " b \\ c # d'
