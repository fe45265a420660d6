"""Bad input never produces a traceback: every file in tests/data/bad_input/
gives one-line errors or diagnostics and exit code 0, 1 or 2 as expected."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from argmap.cli import main

DATA = Path(__file__).parent / "data" / "bad_input"

# file -> expected exit code (0 clean, 1 findings, 2 unreadable)
EXPECTED = {
    "binary_junk.arg": 1,
    "control_chars.arg": 1,
    "deep_nonsense.arg": 1,
    "empty.arg": 0,
    "huge_number.arg": 1,
    "include_binary.arg": 1,
    "include_folder.arg": 1,
    "include_missing.arg": 1,
    "include_outside.arg": 1,
    "invalid_utf8.arg": 1,
    "keywords_only.arg": 1,
    "many_errors.arg": 1,
    "nul_bytes.arg": 1,
    "old_mac_cr.arg": 0,
    "only_bom.arg": 0,
    "only_comments.arg": 0,
    "self_include.arg": 1,
    "unclosed_string_eof.arg": 1,
    "utf16.arg": 1,
    "weird_unicode.arg": 1,
}


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--no-config", "--select", "E", "--color", "never", *args])
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out + err


def test_every_data_file_has_an_expectation() -> None:
    assert sorted(p.name for p in DATA.glob("*.arg")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    code, output = _run([name], capsys)
    assert "Traceback" not in output and "internal error" not in output
    assert code == EXPECTED[name], output[-2000:]
    # nothing that can drive a terminal gets through
    assert "\x1b" not in output and "\x00" not in output and "\u202e" not in output


@pytest.mark.parametrize(
    "args, message",
    [
        (["."], "is a folder"),
        (["no_such_file.arg"], "cannot read"),
        (["empty.arg", "no_such_file.arg"], "1 file could not be read"),
    ],
)
def test_unreadable_paths_exit_2(args: list[str], message: str, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(DATA)
    code, output = _run(args, capsys)
    assert code == 2 and message in output and "Traceback" not in output


def test_huge_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "huge.arg"
    path.write_text('thesis t "' + "word " * 400_000 + '" oops\n', encoding="utf-8")
    code, output = _run([str(path)], capsys)
    assert code == 1 and "Traceback" not in output and len(output) < 5_000_000


def test_unreadable_permissions(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the system refuses to read (permissions; simulated, since root reads everything)."""
    path = tmp_path / "secret.arg"
    path.write_text('thesis t "T."\n')
    real = Path.open

    def refused(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "secret.arg":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refused)  # the loader opens files to read them with a cap
    code, output = _run([str(path)], capsys)
    assert code == 2 and "cannot read" in output


def test_subprocess_whole_set_no_traceback() -> None:
    """The real process, every bad file at once (plus a folder and a missing file)."""
    names = sorted(EXPECTED) + [".", "no_such_file.arg"]
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "--no-config", "--color", "never", *names],
        cwd=DATA, capture_output=True, timeout=120,
    )
    output = (proc.stdout + proc.stderr).decode("utf-8", errors="replace")
    assert proc.returncode == 2
    assert "Traceback" not in output and "internal error" not in output
    assert "2 files could not be read" in output
