"""Issue 15, finding 11 and "What to build" 6: text that cannot mislead.

* lone CR line ends are line ends (a comment no longer swallows the rest of
  the file, so an undefined reference fails check);
* a newline in an imported file's name cannot inject .arg lines;
* escape codes and bidi overrides in file names and texts do not reach the
  terminal: check, outline, diff (text and Markdown), Argdown export and fmt
  on a terminal, and error messages;
* a lone surrogate in imported JSON is an I001 diagnostic, not an internal error;
* the JSON schema refuses an id such as "t\\n".
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.api import analyse
from argmap.interop.json_ import loads as json_loads
from argmap.loader import normalise_newlines

HANG_GUARD = 120
ESC = "\x1b]0;pwned\x07\x1b[2J"  # set the window title, clear the screen
RLO = "\u202e"  # right-to-left override
UNSAFE = [b"\x1b", "\u202e".encode(), b"\x07"]


def _argmap(args: list[str], cwd: Path | None = None, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=HANG_GUARD, env={**os.environ, "NO_COLOR": "1"})


def _on_terminal(args: list[str], cwd: Path) -> bytes:
    """Run argmap with standard output on a pseudo-terminal; what it printed there."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "argmap", *args], cwd=cwd, stdout=slave,
                               stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"})
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], HANG_GUARD)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    process.wait(timeout=HANG_GUARD)
    os.close(master)
    return out


def _clean(output: bytes, where: str) -> None:
    for unsafe in UNSAFE:
        assert unsafe not in output, f"{where}: {unsafe!r} reached the terminal"


# ----------------------------------------------------------------- lone CR


LONE_CR = 'thesis t "Tea."\r# a comment\rclaim c "Warm."\r  supports nowhere\r'


def test_finding_11_lone_cr_file_with_undefined_reference_fails_check(tmp_path: Path) -> None:
    path = tmp_path / "cr.arg"
    path.write_bytes(LONE_CR.encode())
    result = _argmap(["check", str(path)])
    assert result.returncode == 1
    assert b"cr.arg:4:12: error[E102]" in result.stdout


def test_finding_11_lone_cr_on_stdin_fails_check() -> None:
    result = _argmap(["check", "-"], stdin=LONE_CR.encode())
    assert result.returncode == 1 and b"<stdin>:4:12: error[E102]" in result.stdout


def test_finding_11_lone_cr_is_a_line_end_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "cr.arg"
    path.write_bytes(LONE_CR.replace("nowhere", "t").encode())
    analysis = analyse(path)
    assert [n.id for n in analysis.map.nodes] == ["t", "c"] and not analysis.errors
    formatted = _argmap(["fmt", "-"], stdin=path.read_bytes())
    assert formatted.returncode == 0 and b"\r" not in formatted.stdout
    assert _argmap(["fmt", str(path)]).returncode == 0 and b"\r" not in path.read_bytes()


@pytest.mark.parametrize("text", ["a\rb", "a\r\nb\rc", "\r", "\r\r\n", "no cr", "x\r\n"])
def test_normalise_newlines_keeps_length_and_crlf(text: str) -> None:
    out = normalise_newlines(text)
    assert len(out) == len(text) and out.count("\r\n") == text.count("\r\n") and "\r" not in out.replace("\r\n", "")


# ----------------------------------------------------------------- import names


def test_finding_11_newline_in_imported_name_cannot_inject_lines(tmp_path: Path) -> None:
    name = 'x\nclaim injected "Injected by the file name."\n\rthesis also "x"\u2028.json'
    path = tmp_path / name
    path.write_text('{"argmap": 1, "nodes": [{"id": "a", "kind": "claim", "text": "Real."}]}', encoding="utf-8")
    result = _argmap(["import", str(path), "--from", "json"])
    assert result.returncode == 0, result.stderr.decode()
    out = tmp_path / "out.arg"
    out.write_bytes(result.stdout)
    analysis = analyse(out)
    assert [n.id for n in analysis.map.nodes] == ["a"]
    assert result.stdout.decode().splitlines()[0].startswith("# Imported from x\ufffdclaim injected")


# ----------------------------------------------------------------- terminal


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    """A map whose file name and texts carry escape sequences and a bidi override."""
    (tmp_path / f"evil{ESC}{RLO}.arg").write_text(
        f'title "Title {ESC}{RLO}"\n'
        f'thesis t "Text with {ESC} and {RLO}reversed."\n'
        f"claim c \"Claim {ESC}\"\n  supports t\n  supports missing\n",
        encoding="utf-8",
    )
    (tmp_path / "old.arg").write_text('thesis t "Old."\n', encoding="utf-8")
    return tmp_path


def _evil(folder: Path) -> str:
    return next(p.name for p in folder.iterdir() if p.name.startswith("evil"))


@pytest.mark.parametrize("args", [
    ["check", "{evil}"],
    ["check", "--format", "github", "{evil}"],
    ["outline", "{evil}"],
    ["outline", "--ascii", "{evil}"],
    ["diff", "old.arg", "{evil}"],
    ["diff", "old.arg", "{evil}", "--format", "md"],
    ["eval", "{evil}"],
    ["explain", "{evil}", "t"],
    ["check", "missing{esc}.arg"],
    ["render", "{evil}", "-o", "-"],
], ids=lambda a: " ".join(x for x in a if "{" not in x))
def test_finding_11_no_control_or_bidi_character_reaches_the_terminal(hostile: Path, args: list[str]) -> None:
    """Reports for people (and every message on standard error)."""
    result = _argmap([a.format(evil=_evil(hostile), esc=ESC) for a in args], cwd=hostile)
    assert result.returncode in (0, 1, 2)
    _clean(result.stdout + result.stderr, " ".join(args))
    if args[0] not in ("eval", "explain"):  # those print ids and labels only
        assert "\ufffd".encode() in result.stdout + result.stderr  # shown, not dropped


@pytest.mark.parametrize("args", [
    ["export", "{evil}", "--to", "argdown"],
    ["export", "{evil}", "--to", "json"],
    ["fmt", "--diff", "{evil}"],
    ["ach", "{evil}"],
    ["outline", "{evil}", "--format", "md"],
])
def test_finding_11_data_shown_on_a_terminal_is_neutralised(hostile: Path, args: list[str]) -> None:
    shown = _on_terminal([a.format(evil=_evil(hostile)) for a in args], hostile)
    assert shown, "nothing printed"
    _clean(shown, " ".join(args))


def test_finding_11_argdown_export_to_a_pipe_is_exact(hostile: Path) -> None:
    result = _argmap(["export", _evil(hostile), "--to", "argdown"], cwd=hostile)
    assert "\u202e".encode() in result.stdout and b"\x1b" in result.stdout


# ----------------------------------------------------------------- JSON


def test_finding_11_lone_surrogate_in_json_is_a_diagnostic(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"argmap": 1, "nodes": [{"id": "a", "kind": "claim", "text": "bad \\ud800 text"}]}',
                    encoding="utf-8")
    result = _argmap(["import", str(path)])
    assert result.returncode == 1, result.stderr.decode()
    assert b"I001" in result.stderr and b"surrogate" in result.stderr and b"internal error" not in result.stderr
    assert b"$.nodes[0].text" in result.stderr


def test_deeply_nested_json_is_a_diagnostic() -> None:
    result = json_loads("[" * 200_000 + "]" * 200_000)
    assert result.map is None and "nested too deeply" in result.diagnostics[0].message


@pytest.mark.parametrize("node_id", ["t\n", "t\r", "\nt", "a b"])
def test_finding_11_schema_refuses_ids_with_line_ends(node_id: str) -> None:
    document = {"argmap": 1, "nodes": [{"id": node_id, "kind": "claim", "text": "x"}]}
    result = json_loads(json.dumps(document))
    assert result.map is None and result.diagnostics


def test_schema_accepts_a_plain_id() -> None:
    result = json_loads(json.dumps({"argmap": 1, "nodes": [{"id": "t", "kind": "claim", "text": "x"}]}))
    assert result.map is not None and not result.diagnostics
