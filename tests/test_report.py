"""Report formats: text (caret, hint, notes, colour), json, github, sarif."""

from __future__ import annotations

import json

import pytest

from argmap.diagnostics import Diagnostic, Fix, Related, Severity
from argmap.model import Span
from argmap.report import (
    SourceLines,
    format_github,
    format_json,
    format_sarif,
    format_text,
    render,
    summary_line,
    use_color,
)

TEXT = 'thesis t "Tea."\nclaim c "Warm."\n  supports tea\n'


def _diag(code: str = "E102", severity: Severity = Severity.ERROR, **kw: object) -> Diagnostic:
    values: dict[str, object] = {
        'code': code,
        'rule': "undefined-reference",
        'severity': severity,
        'message': "'tea' is not defined",
        'span': Span("m.arg", 3, 12, 3, 15),
        'hint': "did you mean 't'?",
        'related': (Related(Span("m.arg", 1, 8, 1, 9), "'t' is defined here"),),
    }
    values.update(kw)
    return Diagnostic(**values)  # type: ignore[arg-type]


def test_text_has_header_source_caret_hint_and_note() -> None:
    out = format_text([_diag()], SourceLines({"m.arg": TEXT}))
    assert out.splitlines() == [
        "m.arg:3:12: error[E102]: 'tea' is not defined",
        "  3 |   supports tea",
        "    |            ^~~",
        "    = hint: did you mean 't'?",
        "    = note: m.arg:1:8: 't' is defined here",
    ]


@pytest.mark.parametrize(
    "line, column, end, caret_line",
    [
        ("\tsupports x", 11, 12, "    |           ^"),  # a tab is shown as one space
        ('claim 中文 "x" y', 14, 15, "    |                ^"),  # wide characters take 2 columns
        ("abc", 2, 99, "    |  ^~"),  # caret never runs past the line
        ("abc", 4, 5, "    |    ^"),  # at the end of the line
    ],
)
def test_caret_alignment(line: str, column: int, end: int, caret_line: str) -> None:
    d = _diag(span=Span("x.arg", 1, column, 1, end), hint=None, related=())
    out = format_text([d], SourceLines({"x.arg": line})).splitlines()
    assert out[2] == caret_line


def test_multiline_span_caret_runs_to_end_of_line() -> None:
    d = _diag(span=Span("x.arg", 1, 7, 3, 2), hint=None, related=())
    out = format_text([d], SourceLines({"x.arg": 'claim "abc\ndef\n"'})).splitlines()
    assert out[2] == "    |       ^~~~"


def test_control_characters_never_reach_the_terminal() -> None:
    d = _diag(message="bad \x1b[31m thing", span=Span("x.arg", 1, 1, 1, 2), hint=None, related=())
    out = format_text([d], SourceLines({"x.arg": "a\x1b[2Jb"}))
    assert "\x1b" not in out


def test_missing_line_prints_no_source() -> None:
    out = format_text([_diag(span=Span("nowhere.arg", 9, 1, 9, 2))], SourceLines())
    assert out.splitlines()[1] == "  = hint: did you mean 't'?"


def test_colour_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = SourceLines({"m.arg": TEXT})
    assert "\x1b[" not in format_text([_diag()], lines, color=False)
    assert "\x1b[" in format_text([_diag()], lines, color="always")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in format_text([_diag()], lines, color=True)
    assert "\x1b[" in format_text([_diag()], lines, color="always")


class _Tty:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_use_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color("auto", _Tty(True)) is True
    assert use_color("auto", _Tty(False)) is False
    assert use_color("never", _Tty(True)) is False
    assert use_color("always", _Tty(False)) is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color("auto", _Tty(True)) is False


@pytest.mark.parametrize(
    "severities, files, expected",
    [
        ([], 1, "no problems in 1 file"),
        ([Severity.ERROR], 1, "1 error in 1 file"),
        ([Severity.ERROR, Severity.ERROR, Severity.WARNING], 1, "2 errors, 1 warning in 1 file"),
        ([Severity.WARNING, Severity.WARNING], 3, "2 warnings in 3 files"),
    ],
)
def test_summary(severities: list[Severity], files: int, expected: str) -> None:
    assert summary_line([_diag(severity=s) for s in severities], files) == expected


def test_json_schema_and_values() -> None:
    fix = Fix("use 't'", Span("m.arg", 3, 12, 3, 15), "t")
    data = json.loads(format_json([_diag(fixes=(fix,))], ["m.arg"]))
    assert list(data) == ["version", "files", "diagnostics", "summary"]
    assert data["version"] == 1 and data["files"] == ["m.arg"]
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0}
    d = data["diagnostics"][0]
    assert {k: d[k] for k in ("code", "rule", "severity", "path", "line", "column", "end_line", "end_column")} == {
        "code": "E102", "rule": "undefined-reference", "severity": "error", "path": "m.arg",
        "line": 3, "column": 12, "end_line": 3, "end_column": 15,
    }
    assert d["related"] == [{"path": "m.arg", "line": 1, "column": 8, "end_line": 1, "end_column": 9,
                             "message": "'t' is defined here"}]
    assert d["fixes"][0]["replacement"] == "t" and d["fixes"][0]["title"] == "use 't'"


def test_json_keeps_unicode() -> None:
    out = format_json([_diag(message="'حلب' is not defined")], ["m.arg"])
    assert "حلب" in out and json.loads(out)["diagnostics"][0]["message"] == "'حلب' is not defined"


def test_github_escaping() -> None:
    d = _diag(
        message="50% sure\nsecond line\r",
        span=Span("dir,with:odd/m.arg", 3, 12, 3, 15),
        hint=None,
        severity=Severity.WARNING,
        code="W201",
        rule="orphan-node",
    )
    out = format_github([d])
    assert out == (
        "::warning file=dir%2Cwith%3Aodd/m.arg,line=3,col=12,endLine=3,endColumn=15,"
        "title=W201 orphan-node::50%25 sure%0Asecond line%0D"
    )
    assert "\n" not in out


def test_sarif_structure() -> None:
    data = json.loads(format_sarif([_diag(), _diag(code="E001", rule="syntax-error", related=())], ["m.arg"]))
    assert data["version"] == "2.1.0" and "sarif" in data["$schema"]
    driver = data["runs"][0]["tool"]["driver"]
    assert driver["name"] == "argmap" and driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(ids) and "E001" in ids
    for rule in driver["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning")
        assert rule["helpUri"].endswith("#" + rule["id"].lower())
    results = data["runs"][0]["results"]
    e001 = results[1]
    assert e001["ruleId"] == "E001" and driver["rules"][e001["ruleIndex"]]["id"] == "E001"
    location = e001["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "m.arg"
    assert location["region"] == {"startLine": 3, "startColumn": 12, "endLine": 3, "endColumn": 15}
    assert results[0]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_sarif_uri_is_relative_with_forward_slashes(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub dir").mkdir()
    d = _diag(span=Span(str(tmp_path / "sub dir" / "m.arg"), 1, 1, 1, 2))
    data = json.loads(format_sarif([d]))
    assert data["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub%20dir/m.arg"


def test_render_rejects_unknown_format() -> None:
    with pytest.raises(ValueError):
        render([], [], "xml")


def test_output_is_deterministic() -> None:
    ds = [_diag(), _diag(code="W201", severity=Severity.WARNING)]
    for fmt in ("text", "json", "github", "sarif"):
        assert render(ds, ["m.arg"], fmt, lines=SourceLines({"m.arg": TEXT})) == render(
            ds, ["m.arg"], fmt, lines=SourceLines({"m.arg": TEXT})
        )
