"""`argmap check`: options, formats, exit codes, standard input, config."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main

GOOD = 'thesis t "Tea is good."\nclaim c "It is warm."\n  supports t\n'
DUPLICATE = 'thesis t "Tea."\nclaim t "Again."\nclaim c "C."\n  supports t\n'
SYNTAX = 'thesis t "Tea."\nclaim c oops\n'


def run(args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        stdin: bytes = b"") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out, err


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository as the current folder (so no outer config applies)."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return tmp_path


def write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return name


def test_clean_file_exits_0(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(["check", "--select", "E", write(repo, "a.arg", GOOD)], capsys, monkeypatch)
    assert code == 0 and out.strip() == "no problems in 1 file"


def test_errors_exit_1_with_location_and_caret(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(["check", write(repo, "a.arg", DUPLICATE)], capsys, monkeypatch)
    assert code == 1
    assert "a.arg:2:7: error[E101]: duplicate id 't'" in out
    assert "  2 | claim t \"Again.\"\n    |       ^\n" in out
    assert out.rstrip().endswith("in 1 file") and "\x1b[" not in out


def test_syntax_error_exit_1(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(["check", write(repo, "a.arg", SYNTAX)], capsys, monkeypatch)
    assert code == 1 and "a.arg:2:9: error[E001]" in out


def test_stdin(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(["check", "-"], capsys, monkeypatch, stdin=DUPLICATE.encode())
    assert code == 1 and "<stdin>:2:7: error[E101]" in out and '  2 | claim t "Again."' in out


def test_stdin_invalid_utf8_is_reported(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(["check", "-"], capsys, monkeypatch, stdin=b'thesis t "\xff"\n')
    assert code == 1 and "error[E002]" in out


def test_several_files_one_report(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    a, b = write(repo, "a.arg", DUPLICATE), write(repo, "b.arg", SYNTAX)
    code, out, _ = run(["check", a, b], capsys, monkeypatch)
    assert code == 1 and "a.arg:2:7" in out and "b.arg:2:9" in out
    assert out.rstrip().splitlines()[-1].endswith("in 2 files")


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "missing.arg"], "cannot read missing.arg"),
        (["check", "."], "is a folder"),
        (["check", "--select", "X1", "x.arg"], "not a rule code"),
        (["check", "--format", "xml", "x.arg"], "xml"),
        (["check"], "Missing argument"),
        (["check", "--config", "nope.toml", "x.arg"], "not found"),
    ],
)
def test_usage_and_unreadable_exit_2(repo, capsys, monkeypatch, args, message) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(args, capsys, monkeypatch)
    assert code == 2 and message in out + err and "Traceback" not in out + err


def test_unreadable_file_does_not_hide_the_others(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(["check", "missing.arg", write(repo, "a.arg", DUPLICATE)], capsys, monkeypatch)
    assert code == 2 and "error[E101]" in out and "cannot read missing.arg" in err
    assert "1 file could not be read" in out


def test_select_and_ignore(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = write(repo, "a.arg", DUPLICATE)
    code, out, _ = run(["check", "--ignore", "E101", "--select", "E101,E102", name], capsys, monkeypatch)
    assert code == 0 and "E101" not in out
    code, out, _ = run(["check", "--select", "E101", name], capsys, monkeypatch)
    assert code == 1 and "E101" in out


def test_strict_fails_on_warnings(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from argmap.checks import all_rules

    assert [r.code for r in all_rules() if str(r.severity) == "warning"]
    text = 'hypothesis h "H."\nclaim c "A claim that rates."\n  rates h CC\nclaim lonely "Nobody links here."\n'
    name = write(repo, "a.arg", text)
    code, out, _ = run(["check", "--select", "W", name], capsys, monkeypatch)
    assert "warning[" in out
    assert code == 0
    assert run(["check", "--strict", "--select", "W", name], capsys, monkeypatch)[0] == 1


def test_config_ignore_and_cli_override(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = write(repo, "a.arg", DUPLICATE)
    (repo / "pyproject.toml").write_text('[tool.argmap]\nselect = ["E101", "E102"]\nignore = ["E101"]\n')
    assert run(["check", name], capsys, monkeypatch)[0] == 0
    assert run(["check", "--ignore", "W", name], capsys, monkeypatch)[0] == 1  # CLI replaces config
    assert run(["check", "--no-config", name], capsys, monkeypatch)[0] == 1


def test_config_per_file_ignores(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (repo / "legacy").mkdir()
    write(repo, "legacy/old.arg", DUPLICATE)
    (repo / "setup.cfg").write_text("[argmap]\nselect = E101\nper-file-ignores =\n    legacy/*.arg: E101\n")
    assert run(["check", "legacy/old.arg"], capsys, monkeypatch)[0] == 0


def test_bad_config_exits_2(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (repo / "pyproject.toml").write_text('[tool.argmap]\nstrict = "perhaps"\n')
    code, _, err = run(["check", write(repo, "a.arg", GOOD)], capsys, monkeypatch)
    assert code == 2 and "strict" in err


def test_suppression_comment(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = DUPLICATE.replace('claim t "Again."', 'claim t "Again."  # argmap: ignore[E101]')
    assert run(["check", "--select", "E101", write(repo, "a.arg", text)], capsys, monkeypatch)[0] == 0


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_formats_are_pure_json(repo, capsys, monkeypatch, fmt) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(["check", "--format", fmt, write(repo, "a.arg", DUPLICATE)], capsys, monkeypatch)
    data = json.loads(out)
    assert code == 1
    if fmt == "json":
        assert data["summary"]["errors"] >= 1 and data["diagnostics"][0]["code"] == "E101"
    else:
        result = data["runs"][0]["results"][0]
        assert result["ruleId"] == "E101"
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
        assert len(data["runs"][0]["tool"]["driver"]["rules"]) >= 5


def test_github_format(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _code, out, _ = run(["check", "--format", "github", write(repo, "a.arg", DUPLICATE)], capsys, monkeypatch)
    assert out.startswith("::error file=a.arg,line=2,col=7,") and "title=E101 duplicate-id::" in out


def test_format_from_config(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (repo / "pyproject.toml").write_text('[tool.argmap]\nformat = "json"\n')
    _, out, _ = run(["check", write(repo, "a.arg", GOOD)], capsys, monkeypatch)
    assert json.loads(out)["version"] == 1


def test_color_always_and_never(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = write(repo, "a.arg", DUPLICATE)
    assert "\x1b[" in run(["check", "--color", "always", name], capsys, monkeypatch)[1]
    assert "\x1b[" not in run(["check", "--color", "never", name], capsys, monkeypatch)[1]


def test_output_file_and_statistics(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    name = write(repo, "a.arg", DUPLICATE)
    code, out, _ = run(["check", "--statistics", "-o", "report.txt", name], capsys, monkeypatch)
    report = (repo / "report.txt").read_text()
    assert code == 1 and out == "" and "E101  duplicate-id" in report


def test_subprocess_no_traceback_and_no_color_env(tmp_path: Path) -> None:
    path = tmp_path / "a.arg"
    path.write_text(DUPLICATE)
    env = {"NO_COLOR": "1", "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "argmap", "check", "--no-config", str(path)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1 and "\x1b[" not in proc.stdout and "Traceback" not in proc.stderr


DOCS = Path(__file__).parent.parent / "docs" / "cli.md"


def test_cli_doc_lists_every_check_option_and_command() -> None:
    from argmap.cli import COMMANDS
    from argmap.commands.check import command

    text = DOCS.read_text(encoding="utf-8")
    for param in command.params:
        for opt in getattr(param, "opts", []) + getattr(param, "secondary_opts", []):
            if opt.startswith("-"):
                assert f"`{opt}" in text or f"{opt}`" in text, f"{opt} is not documented in docs/cli.md"
    for name in COMMANDS:
        assert f"`argmap {name}" in text, f"command {name} is not in docs/cli.md"


def test_json_output_matches_documented_schema(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import re

    import jsonschema
    blocks = re.findall(r"```json\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    schema = next(json.loads(b) for b in blocks if '"$schema"' in b)
    example = next(json.loads(b) for b in blocks if '"$schema"' not in b)
    jsonschema.validate(example, schema)
    text = 'thesis t "T."\nclaim t "Again."\nclaim c oops\nevidence e "E."\n  supports tt\n'
    _, out, _ = run(["check", "--format", "json", write(repo, "a.arg", text)], capsys, monkeypatch)
    data = json.loads(out)
    assert len(data["diagnostics"]) >= 2
    jsonschema.validate(data, schema)


def test_did_you_mean_for_a_misspelt_reference(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = 'thesis conflict "C."\nclaim c "X."\n  supports conflct\n'
    code, out, _ = run(["check", write(repo, "a.arg", text)], capsys, monkeypatch)
    assert code == 1 and "a.arg:3:12: error[E102]" in out and "'conflict'" in out


def test_statistics_report_the_share_of_the_analysts_inferences(repo, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = ('thesis t "T."\n  inferred "my framing"\nclaim c "C."\n  supports t (inferred)\n'
            'argument a\n  premises c\n  supports t\n  inferred\nquestion q "Q?"\n')
    name = write(repo, "a.arg", text)
    _code, out, _ = run(["check", "--statistics", name], capsys, monkeypatch)
    # t and a are inferred (2 of 3 statements and arguments; the question is not counted);
    # c -> t is marked, a -> t is written in an inferred argument
    assert "the analyst's inferences: 2 of 3 nodes and 2 of 2 relations (80%)" in out
