"""Issue 15, findings 4 to 8 and "What to build" 4: writes that lose nothing.

* finding 4: ``fmt`` refuses (exit 2) to replace a file that changed since it read it;
* finding 5: ``-o`` naming an input is refused by every command;
* finding 6: a full disk or a closed pipe on standard output is exit 2 with a
  message, never a truncated output and exit 0 (/dev/full, a small tmpfs when
  ``mount`` is permitted, and a writer that raises ENOSPC);
* finding 7: ``fmt`` keeps symlinks (formats the target), mode, owner and hard
  links, and refuses a read-only file unless ``--force``;
* finding 8: map text is never altered on standard output (``fmt -`` and
  ``import`` keep an escape character inside a text).
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.errors import InputError
from argmap.fileio import OutputError, atomic_write, refuse_input_as_output, write_stdout

HANG_GUARD = 120
UNFORMATTED = 'thesis   t   "Tea is good."\nclaim c "Warm."\n    supports t\n'
FORMATTED = 'thesis t "Tea is good."\n\nclaim c "Warm."\n  supports t\n'
ESCAPE_MAP = 'thesis t "A \x1b[31mred\x1b[0m word and a bell \x07."\n'


def _argmap(args: list[str], cwd: Path | None = None, stdin: bytes | None = None,
            stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, input=stdin, stdout=stdout,  # type: ignore[arg-type]
                          stderr=subprocess.PIPE, timeout=HANG_GUARD, env={**os.environ, "NO_COLOR": "1"})


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ----------------------------------------------------------------- finding 4


def test_finding_4_fmt_refuses_a_file_changed_while_formatting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An append made while fmt formats (after it read the file) is kept: the
    file is not replaced, exit 2, and the message says to run fmt again."""
    import argmap.fmt

    path = _write(tmp_path / "m.arg", UNFORMATTED)
    real = argmap.fmt.format_text

    def format_and_meanwhile_append(text: str, name: str = "<string>") -> str:
        with path.open("a", encoding="utf-8") as handle:
            handle.write('claim appended "Written by someone else meanwhile."\n')
        return real(text, name)

    monkeypatch.setattr(argmap.fmt, "format_text", format_and_meanwhile_append)
    result = CliRunner().invoke(cli, ["fmt", str(path)], standalone_mode=False)
    assert result.return_value == 2
    assert "changed since argmap read it" in result.output
    assert path.read_text(encoding="utf-8") == UNFORMATTED + 'claim appended "Written by someone else meanwhile."\n'


def test_finding_4_same_size_rewrite_is_noticed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that keeps the size and (within the clock's grain) the time is
    still noticed: the bytes are compared too."""
    import argmap.fmt

    path = _write(tmp_path / "m.arg", UNFORMATTED)
    before = path.stat()
    real = argmap.fmt.format_text

    def edit(text: str, name: str = "<string>") -> str:
        path.write_text(UNFORMATTED.replace("Tea", "Tee"), encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        return real(text, name)

    monkeypatch.setattr(argmap.fmt, "format_text", edit)
    result = CliRunner().invoke(cli, ["fmt", str(path)], standalone_mode=False)
    assert result.return_value == 2 and "Tee" in path.read_text(encoding="utf-8")


# ----------------------------------------------------------------- finding 5


OUTPUT_COMMANDS = [
    ["check", "{map}", "-o", "{out}"],
    ["outline", "{map}", "-o", "{out}"],
    ["outline", "{map}", "--format", "html", "-o", "{out}"],
    ["export", "{map}", "--to", "json", "-o", "{out}"],
    ["ach", "{map}", "-o", "{out}"],
    ["render", "{map}", "--format", "svg", "-o", "{out}"],
    ["import", "{map}", "--from", "json", "-o", "{out}"],
]


@pytest.mark.parametrize("args", OUTPUT_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:-2]))
@pytest.mark.parametrize("alias", ["same", "symlink", "hardlink", "dotted"])
def test_finding_5_output_naming_the_input_is_refused(tmp_path: Path, args: list[str], alias: str) -> None:
    path = _write(tmp_path / "m.arg", FORMATTED)
    if args[0] == "import":
        path = _write(tmp_path / "m.json", '{"argmap": 1, "nodes": []}')
    original = path.read_bytes()
    out = {"same": path, "symlink": tmp_path / "link.arg", "hardlink": tmp_path / "hard.arg",
           "dotted": tmp_path / "sub" / ".." / path.name}[alias]
    if alias == "symlink":
        out.symlink_to(path)
    elif alias == "hardlink":
        os.link(path, out)
    elif alias == "dotted":
        (tmp_path / "sub").mkdir()
    result = _argmap([a.format(map=path, out=out) for a in args])
    assert result.returncode == 2, result.stderr.decode()
    assert b"refusing" in result.stderr
    assert path.read_bytes() == original


def test_finding_5_other_output_is_written(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.arg", FORMATTED)
    for args in (["check", str(path), "-o", str(tmp_path / "r.txt")],
                 ["export", str(path), "--to", "json", "-o", str(tmp_path / "m.json")]):
        assert _argmap(args).returncode == 0
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("no problems")


def test_refuse_input_as_output_unit(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.arg", FORMATTED)
    refuse_input_as_output("-", [path])
    refuse_input_as_output(tmp_path / "new.txt", [path, "-"])
    with pytest.raises(InputError, match="it is the input"):
        refuse_input_as_output(str(path), ["-", str(path)])


# ----------------------------------------------------------------- finding 6


def _big_map(folder: Path, nodes: int = 20_000) -> Path:
    return _write(folder / "big.arg", "".join(f'claim c{i} "Node number {i} of a big map, with words."\n'
                                             for i in range(nodes)))


DATA_COMMANDS = [
    ["fmt", "-"],
    ["export", "{map}", "--to", "json"],
    ["outline", "{map}", "--no-eval"],
    ["render", "{map}", "--format", "dot", "-o", "-"],
    ["import", "{json}", "--from", "json"],
    ["check", "{map}", "--format", "json"],
    ["eval", "{map}", "--format", "json"],
    ["eval", "{map}"],
    ["explain", "{map}", "c0"],
    ["diff", "{json}", "{map}"],
    ["rules"],
    ["schema"],
]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", DATA_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_finding_6_full_disk_on_stdout_is_exit_2(tmp_path: Path, args: list[str]) -> None:
    big = _big_map(tmp_path, 5_000)
    json_map = tmp_path / "big.json"
    json_map.write_bytes(_argmap(["export", str(big), "--to", "json"]).stdout)
    stdin = big.read_bytes() if args[1:2] == ["-"] else None
    if args[0] == "diff":
        args = ["diff", str(_write(tmp_path / "old.arg", 'thesis t "Old."\n')), "{map}"]
    with open("/dev/full", "wb") as full:
        result = _argmap([a.format(map=big, json=json_map) for a in args], stdin=stdin, stdout=full)
    assert result.returncode == 2, result.stderr.decode()
    assert b"cannot write" in result.stderr and b"no space left" in result.stderr.lower()


def _can_mount_tmpfs(folder: Path) -> str | None:
    """None when a tmpfs can be mounted on ``folder``; else why not."""
    if shutil.which("mount") is None or shutil.which("umount") is None:
        return "needs mount and umount"
    probe = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True)
    if probe.returncode != 0:
        return "mounting a tmpfs is not permitted here (needs CAP_SYS_ADMIN)"
    return None


@pytest.fixture()
def small_tmpfs(tmp_path: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "full"
    folder.mkdir()
    reason = _can_mount_tmpfs(folder)
    if reason is not None:
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def test_finding_6_fmt_stdin_into_a_full_tmpfs(tmp_path: Path, small_tmpfs: Path) -> None:
    big = _big_map(tmp_path)
    target = small_tmpfs / "out.arg"
    with target.open("wb") as out:
        result = _argmap(["fmt", "-"], stdin=big.read_bytes(), stdout=out)
    assert result.returncode == 2 and b"no space left" in result.stderr
    assert target.stat().st_size < big.stat().st_size  # what fitted; the exit code says it is incomplete


def test_finding_6_output_file_on_a_full_tmpfs_keeps_the_old_one(tmp_path: Path, small_tmpfs: Path) -> None:
    big = _big_map(tmp_path)
    target = small_tmpfs / "out.json"
    target.write_text("the previous export\n", encoding="utf-8")
    result = _argmap(["export", str(big), "--to", "json", "-o", str(target)])
    assert result.returncode == 2 and b"no space left" in result.stderr
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in small_tmpfs.iterdir()] == ["out.json"]  # no temporary file left


def test_finding_6_fmt_in_place_on_a_full_tmpfs_keeps_the_file(tmp_path: Path, small_tmpfs: Path) -> None:
    text = "".join(f'claim c{i} "x"\n' for i in range(2300))  # 36 KB; formatted (a blank line between) 38 KB
    path = _write(small_tmpfs / "m.arg", text)
    result = _argmap(["fmt", str(path)])
    assert result.returncode == 2 and b"no space left" in result.stderr
    assert path.read_text(encoding="utf-8") == text


class _Failing(io.RawIOBase):
    def __init__(self, code: int) -> None:
        self.code = code

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(self.code, os.strerror(self.code))


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "no space left"), (errno.EPIPE, "closed the pipe"),
                                             (errno.EIO, "Input/output error")])
def test_finding_6_writer_that_raises(monkeypatch: pytest.MonkeyPatch, code: int, words: str) -> None:
    stream = io.TextIOWrapper(io.BufferedWriter(_Failing(code)), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", stream)
    with pytest.raises(OutputError, match=words):
        write_stdout("x" * 100_000)


def test_finding_6_atomic_write_failure_is_output_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _write(tmp_path / "out.txt", "old\n")

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(OutputError, match="no space left"):
        atomic_write(target, "new\n")
    assert target.read_text(encoding="utf-8") == "old\n" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_finding_6_reader_closing_the_pipe_is_exit_2(tmp_path: Path) -> None:
    big = _big_map(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "argmap", "export", str(big), "--to", "json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)
    process.stdout.close()  # like `| head -c 100`
    process.wait(timeout=HANG_GUARD)
    err = process.stderr.read()
    assert process.returncode == 2 and b"closed the pipe" in err


# ----------------------------------------------------------------- finding 7


def test_finding_7_symlink_kept_and_target_formatted(tmp_path: Path) -> None:
    target = _write(tmp_path / "real.arg", UNFORMATTED)
    link = tmp_path / "link.arg"
    link.symlink_to("real.arg")
    result = _argmap(["fmt", str(link)])
    assert result.returncode == 0, result.stderr.decode()
    assert link.is_symlink() and os.readlink(link) == "real.arg"
    assert target.read_text(encoding="utf-8") == FORMATTED


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o755, 0o664])
def test_finding_7_mode_kept(tmp_path: Path, mode: int) -> None:
    path = _write(tmp_path / "m.arg", UNFORMATTED)
    path.chmod(mode)
    assert _argmap(["fmt", str(path)]).returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == mode and path.read_text(encoding="utf-8") == FORMATTED


def test_finding_7_read_only_refused_unless_force(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.arg", UNFORMATTED)
    path.chmod(0o444)
    refused = _argmap(["fmt", str(path)])
    assert refused.returncode == 2 and b"read-only" in refused.stderr
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    forced = _argmap(["fmt", "--force", str(path)])
    assert forced.returncode == 0 and path.read_text(encoding="utf-8") == FORMATTED
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_finding_7_hard_links_stay_one_file(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.arg", UNFORMATTED)
    other = tmp_path / "other.arg"
    os.link(path, other)
    inode = path.stat().st_ino
    assert _argmap(["fmt", str(path)]).returncode == 0
    assert path.stat().st_ino == inode == other.stat().st_ino and path.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FORMATTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.arg", "other.arg"]  # no backup left


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="giving a file to another user needs root (CAP_CHOWN)")
def test_finding_7_owner_kept(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.arg", UNFORMATTED)
    os.chown(path, 12345, 23456)
    assert _argmap(["fmt", str(path)]).returncode == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)
    assert path.read_text(encoding="utf-8") == FORMATTED


def test_finding_7_unchanged_file_is_not_touched(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.arg", FORMATTED)
    before = path.stat()
    assert _argmap(["fmt", str(path)]).returncode == 0
    assert path.stat().st_ino == before.st_ino and path.stat().st_mtime_ns == before.st_mtime_ns


# ----------------------------------------------------------------- finding 8


def test_finding_8_fmt_stdin_keeps_escape_characters() -> None:
    result = _argmap(["fmt", "-"], stdin=ESCAPE_MAP.encode())
    assert result.returncode == 0
    assert result.stdout == ESCAPE_MAP.encode()


def test_finding_8_import_and_export_keep_escape_characters(tmp_path: Path) -> None:
    path = _write(tmp_path / "m.arg", ESCAPE_MAP)
    exported = _argmap(["export", str(path), "--to", "json"])
    assert exported.returncode == 0 and b"\\u001b[31m" in exported.stdout  # JSON's own escape
    imported = _argmap(["import", "-", "--from", "json"], stdin=exported.stdout)
    assert imported.returncode == 0 and b"\x1b[31mred\x1b[0m" in imported.stdout
    argdown = _argmap(["export", str(path), "--to", "argdown"])  # escapes `[` its own way
    assert b"\x1b" in argdown.stdout and b"\x07" in argdown.stdout  # exact in a pipe


def test_finding_8_terminal_gets_neutralised_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Shown on a terminal, the same data has its control characters as U+FFFD."""
    buffer = io.BytesIO()

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdout", Terminal(buffer, encoding="utf-8"))
    write_stdout(ESCAPE_MAP)
    assert buffer.getvalue() == ESCAPE_MAP.replace("\x1b", "\ufffd").replace("\x07", "\ufffd").encode()
