"""Issue 15, findings 2, 3 and 9 (loader and input parts) and "What to build" 2
and 6: bounded work.

* finding 2: an include fan-out (each file including the next twice, 30
  levels) is read once per file and answered correctly by check, outline,
  eval and render;
* finding 3: a dense map (60 nodes, each supporting every earlier one)
  through check, outline (text) and eval;
* the load budget (files, bytes, nodes, relations) ends in E003 and stops;
* finding 9: standard input is read with the 64 MB cap (a 200 MB flood is
  refused within it) and /dev/zero is refused as a file and as stdin.

No timings are asserted: every subprocess has a generous hang guard, and
``bench/`` measures the speed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.api import analyse
from argmap.errors import ArgmapSyntaxError, InputError
from argmap.loader import MAX_FILE_BYTES, Budget, load_path, load_text, read_input

HANG_GUARD = 120  # seconds; the runs below take well under one


def _argmap(args: list[str], cwd: Path | None = None, stdin: object = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, stdin=stdin,  # type: ignore[arg-type]
                          capture_output=True, timeout=HANG_GUARD, env={**os.environ, "NO_COLOR": "1"})


def fan_out(folder: Path, levels: int = 30, copies: int = 2) -> Path:
    """f0 includes f1 ``copies`` times, f1 includes f2 ..., f<levels> is a leaf:
    a tree of copies**levels paths over levels+1 files."""
    for i in range(levels + 1):
        body = "".join(f'include "f{i + 1}.arg"\n' for _ in range(copies)) if i < levels else ""
        support = f"  supports c{i - 1}\n" if i else ""
        kind = "thesis" if i == 0 else "claim"
        (folder / f"f{i}.arg").write_text(f'{body}{kind} c{i} "n"\n{support}', encoding="utf-8")
    return folder / "f0.arg"


def dense(folder: Path, n: int = 60) -> Path:
    lines = ['thesis n0 "The root."']
    for i in range(1, n):
        lines.append(f'claim n{i} "Node {i}."')
        lines += [f"  supports n{j}" for j in range(i)]
    path = folder / "dense.arg"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ----------------------------------------------------------------- finding 2


def test_finding_2_fan_out_each_file_parsed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.loader as loader

    parsed: list[str] = []
    real = loader.parse_text
    monkeypatch.setattr(loader, "parse_text", lambda text, path, **kw: parsed.append(path) or real(text, path, **kw))
    analysis = analyse(fan_out(tmp_path))
    assert sorted(parsed) == sorted({*parsed}) and len(parsed) == 31  # once each
    assert len(analysis.map.nodes) == 31 and len(analysis.map.relations) == 30
    assert [d.code for d in analysis.diagnostics if d.is_error] == []  # no duplicate ids: merged once


@pytest.mark.parametrize("command", [
    ["check"], ["outline"], ["eval"], ["render", "--format", "dot", "-o", "-"], ["export", "--to", "json"],
])
def test_finding_2_fan_out_through_every_command(tmp_path: Path, command: list[str]) -> None:
    main = fan_out(tmp_path)
    result = _argmap([*command, str(main)])
    assert result.returncode == 0, result.stderr.decode()
    assert b"c30" in result.stdout or command == ["check"]


def test_finding_2_diamond_is_merged_once(tmp_path: Path) -> None:
    (tmp_path / "shared.arg").write_text('thesis t "Shared."\n', encoding="utf-8")
    (tmp_path / "a.arg").write_text('include "shared.arg"\nclaim a "A."\n  supports t\n', encoding="utf-8")
    (tmp_path / "b.arg").write_text('include "./shared.arg"\nclaim b "B."\n  supports t\n', encoding="utf-8")
    (tmp_path / "main.arg").write_text('include "a.arg"\ninclude "b.arg"\n', encoding="utf-8")
    analysis = analyse(tmp_path / "main.arg")
    assert [n.id for n in analysis.map.nodes] == ["a", "t", "b"]
    assert not analysis.errors


def test_finding_2_cycles_still_reported_with_a_graph(tmp_path: Path) -> None:
    (tmp_path / "a.arg").write_text('include "b.arg"\ninclude "c.arg"\nclaim a "x"\n', encoding="utf-8")
    (tmp_path / "b.arg").write_text('include "c.arg"\nclaim b "y"\n', encoding="utf-8")
    (tmp_path / "c.arg").write_text('include "a.arg"\nclaim c "z"\n', encoding="utf-8")
    analysis = analyse(tmp_path / "a.arg")
    cycles = [d.message for d in analysis.diagnostics if d.code == "E110"]
    assert cycles == ["include cycle: a.arg -> b.arg -> c.arg -> a.arg"]
    assert sorted(n.id for n in analysis.map.nodes) == ["a", "b", "c"]


def test_finding_2_a_file_shared_by_several_maps_is_parsed_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    import argmap.loader as loader
    from argmap.cli import main

    (tmp_path / "shared.arg").write_text('thesis t "Shared."\n', encoding="utf-8")
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.arg").write_text(f'include "shared.arg"\nclaim {name} "x"\n  supports t\n',
                                              encoding="utf-8")
    parsed: list[str] = []
    real = loader.parse_text
    monkeypatch.setattr(loader, "parse_text", lambda text, path, **kw: parsed.append(path) or real(text, path, **kw))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(["check", "a.arg", "b.arg", "c.arg"])
    assert exit_.value.code == 0, capsys.readouterr()
    assert sorted(parsed) == ["a.arg", "b.arg", "c.arg", "shared.arg"]


def test_finding_2_lsp_style_text_load_has_the_same_bounds(tmp_path: Path) -> None:
    main = fan_out(tmp_path)
    result = load_text(main.read_text(encoding="utf-8"), str(main), base_dir=tmp_path)
    assert len(result.map.nodes) == 31 and result.complete


# ----------------------------------------------------------------- the budget


@pytest.mark.parametrize(("budget", "words"), [
    (Budget(files=10), "more than 10 files"),
    (Budget(bytes=200), "more than 0 MB"),
    (Budget(nodes=5), "more than 5 nodes"),
    (Budget(relations=3), "more than 3 relations"),
])
def test_budget_stops_the_load_with_e003(tmp_path: Path, budget: Budget, words: str) -> None:
    result = load_path(fan_out(tmp_path), budget=budget)
    assert not result.complete
    e003 = [d for d in result.diagnostics if d.code == "E003"]
    assert len(e003) == 1 and words in e003[0].message


def test_budget_e003_cannot_be_silenced_and_rules_do_not_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.loader as loader

    monkeypatch.setattr(loader, "DEFAULT_BUDGET", Budget(files=3))
    main = fan_out(tmp_path)
    main.write_text("# argmap: ignore-file[E003]\n" + main.read_text(encoding="utf-8"), encoding="utf-8")
    analysis = analyse(main, ignore=["E003", "E1", "W"])
    assert [d.code for d in analysis.diagnostics] == ["E003"]
    with pytest.raises(ArgmapSyntaxError, match="too big for one run"):
        from argmap.api import load

        load(main)


def test_budget_main_file_over_the_node_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.arg"
    path.write_text("".join(f'claim c{i} "x"\n' for i in range(50)), encoding="utf-8")
    result = load_path(path, budget=Budget(nodes=10))
    assert not result.complete and [d.code for d in result.diagnostics] == ["E003"]


# ----------------------------------------------------------------- finding 3


@pytest.mark.parametrize("command", [["check"], ["outline"], ["eval"], ["ach"], ["explain"]])
def test_finding_3_dense_map_through_check_outline_eval(tmp_path: Path, command: list[str]) -> None:
    path = dense(tmp_path)
    args = [*command, str(path)] + (["n0"] if command == ["explain"] else [])
    result = _argmap(args)
    assert result.returncode == 0, result.stderr.decode()
    if command == ["eval"]:
        assert b"n59" in result.stdout


# ----------------------------------------------------------------- finding 9 (input)


def _flood(size: int) -> bytes:
    return (b'claim a "' + b"x" * 1000 + b'"\n') * (size // 1012 + 1)


@pytest.mark.parametrize("command", [
    ["check", "-"], ["fmt", "-"], ["outline", "-"], ["eval", "-"], ["export", "-", "--to", "json"],
    ["render", "-", "-o", "-", "--format", "dot"], ["import", "-", "--from", "json"], ["ach", "-"],
])
def test_finding_9_flood_on_stdin_refused_within_the_cap(tmp_path: Path, command: list[str]) -> None:
    """200 MB through a pipe: refused after reading the 64 MB cap (the writer
    gets a broken pipe, which is fine), never read whole."""
    import threading

    process = subprocess.Popen([sys.executable, "-m", "argmap", *command], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None
    block = _flood(1024 * 1024)[: 1024 * 1024]
    written = 0

    def feed() -> None:
        nonlocal written
        try:
            while written < 200 * 1024 * 1024:
                process.stdin.write(block)  # type: ignore[union-attr]
                written += len(block)
            process.stdin.close()  # type: ignore[union-attr]
        except (BrokenPipeError, ValueError, OSError):
            pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    process.wait(timeout=HANG_GUARD)  # the child writes a one-line message: no pipe fills up
    writer.join(timeout=HANG_GUARD)
    assert process.stderr is not None
    err = process.stderr.read()
    assert process.returncode == 2, err.decode()
    assert b"more than 64 MB" in err
    assert written < 200 * 1024 * 1024  # the reader stopped long before the end


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_finding_9_dev_zero_refused_as_file_and_stdin() -> None:
    with pytest.raises(InputError, match="more than 64 MB"):
        read_input("/dev/zero")
    with pytest.raises(InputError, match="more than 64 MB"):
        load_path("/dev/zero")
    as_file = _argmap(["check", "/dev/zero"])
    assert as_file.returncode == 2 and b"more than 64 MB" in as_file.stderr
    with open("/dev/zero", "rb") as zero:
        as_stdin = _argmap(["check", "-"], stdin=zero)
    assert as_stdin.returncode == 2 and b"more than 64 MB" in as_stdin.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_finding_9_dev_zero_include_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "zero.arg").symlink_to("/dev/zero")
    (tmp_path / "main.arg").write_text('include "zero.arg"\nclaim a "x"\n', encoding="utf-8")
    analysis = analyse(tmp_path / "main.arg", allow_outside=True)
    assert [d.code for d in analysis.diagnostics if d.is_error] == ["E109"]  # not a regular file


def test_stdin_at_the_cap_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class Stdin:
        buffer = io.BytesIO(b"x" * MAX_FILE_BYTES)

    monkeypatch.setattr(sys, "stdin", Stdin())
    assert len(read_input("-")) == MAX_FILE_BYTES
    Stdin.buffer = io.BytesIO(b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(InputError, match="standard input is more than 64 MB"):
        read_input("-")
