"""Issue 15, finding 1 and "What to build" 1: the trust model, fork-PR style.

An untrusted tree (what a pull request from a fork checks out): a map that
includes and cites files outside the repository (absolute paths, ``..``,
symlinks leading out, /proc/self/environ) and a pyproject.toml / setup.cfg
that tries to widen what argmap reads (``sources = ["/etc", ...]``,
``allow-outside = true``). Every command, in every report format, must print
nothing of those files. A positive control shows the same run does print the
outside passage once the user grants the folder on the command line, so the
assertions can fail.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.config import access, find_config, load_config

MARKER = "TOPSECRET-7f3a9c"  # in the outside files only
PHRASE = "passage to leak"  # in the outside file only (the map's quotations say "leek")
ENV_MARKER = "ENVSECRET-51b2e8"  # in the environment only (so in /proc/self/environ)
PASSWD = Path("/etc/passwd")


def _argmap(args: list[str], cwd: Path, env: dict[str, str] | None = None,
            stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    full_env = {k: v for k, v in os.environ.items() if k not in ("ARGMAP_SOURCES", "ARGMAP_ALLOW_OUTSIDE")}
    full_env.update({"NO_COLOR": "1", "ARGMAP_TEST_SECRET": ENV_MARKER, **(env or {})})
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, env=full_env, input=stdin,
                          capture_output=True, timeout=120)


def _passwd_line() -> str | None:
    """A line of /etc/passwd that would show in a leak (``root:x:0:0...``)."""
    try:
        lines = [line for line in PASSWD.read_text(encoding="utf-8", errors="replace").splitlines() if ":" in line]
    except OSError:
        return None
    return lines[0] if lines else None


MAP = '''title "Untrusted"

source outside "An outside file"
  file "{outside}"
source passwd "The password file"
  file "/etc/passwd"
source dotdot "Up and out"
  file "../../outside/secret.txt"
source linked "A symlink leading out"
  file "linked.txt"
source environ "The environment"
  file "/proc/self/environ"
source plain "A file found only in a config 'sources' folder"
  file "secret.txt"

include "/etc/passwd"
include "../../outside/secret.arg"
include "evil.arg"
include "{outside_arg}"

thesis t "The map is harmless."

evidence e1 "Quotes that resemble the outside files."
  date 2020
  cite outside "the passage to leek from outside"
  cite passwd "root x 0 0 root"
  cite dotdot "the passage to leek from outside"
  cite linked "the passage to leek from outside"
  cite environ "ARGMAP TEST SECRET"
  cite plain "the passage to leek from outside"
  supports t
'''


@pytest.fixture()
def untrusted(tmp_path: Path) -> Path:
    """tmp/outside (secret files) and tmp/work/repo (the untrusted checkout)."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{MARKER} the passage to leak from outside, word for word.\n",
                                        encoding="utf-8")
    (outside / "secret.arg").write_text(f'claim leaked "{MARKER}"\n  supports t\n', encoding="utf-8")
    repo = tmp_path / "work" / "repo"
    maps = repo / "maps"
    maps.mkdir(parents=True)
    (repo / ".git").mkdir()
    (maps / "linked.txt").symlink_to(outside / "secret.txt")
    (maps / "evil.arg").symlink_to(outside / "secret.arg")
    (repo / "outside_link").symlink_to(outside)
    (maps / "map.arg").write_text(MAP.format(outside=outside / "secret.txt", outside_arg=outside / "secret.arg"),
                                  encoding="utf-8")
    (repo / "pyproject.toml").write_text(
        "[tool.argmap]\n"
        f'sources = ["/etc", "/proc/self", "../..", "{outside}", "outside_link", "../../outside"]\n'
        "allow-outside = true\n",
        encoding="utf-8",
    )
    return repo


def _assert_no_leak(output: bytes, where: str) -> None:
    text = output.decode("utf-8", "replace")
    assert MARKER not in text and PHRASE not in text, f"{where}: the outside file leaked"
    assert ENV_MARKER not in text, f"{where}: /proc/self/environ leaked"
    line = _passwd_line()
    if line is not None:
        assert line not in text, f"{where}: /etc/passwd leaked"


CHECK_FORMATS = ["text", "json", "github", "sarif", "gitlab"]


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_finding_1_config_cannot_make_check_leak(untrusted: Path, fmt: str) -> None:
    result = _argmap(["check", "--format", fmt, "maps/map.arg"], untrusted)
    assert result.returncode == 1, result.stderr
    _assert_no_leak(result.stdout + result.stderr, f"check --format {fmt}")
    # the refused paths are reported as such, and the config's widening is named
    assert b"E115" in result.stdout
    assert b"allow-outside = true is ignored" in result.stderr
    assert b"sources folder '/etc' is outside the repository" in result.stderr


def test_finding_1_report_file_does_not_leak(untrusted: Path) -> None:
    result = _argmap(["check", "--format", "sarif", "-o", "report.sarif", "maps/map.arg"], untrusted)
    assert result.returncode == 1
    _assert_no_leak((untrusted / "report.sarif").read_bytes(), "check -o report.sarif")


def test_finding_1_setup_cfg_cannot_widen_either(untrusted: Path) -> None:
    (untrusted / "pyproject.toml").unlink()
    (untrusted / "setup.cfg").write_text("[argmap]\nsources = /etc, ../..\nallow-outside = yes\n", encoding="utf-8")
    result = _argmap(["check", "maps/map.arg"], untrusted)
    assert result.returncode == 1
    _assert_no_leak(result.stdout + result.stderr, "check with setup.cfg")
    assert b"allow-outside = true is ignored" in result.stderr


OTHER_COMMANDS = [
    ["render", "maps/map.arg", "--force", "-o", "-"],
    ["render", "maps/map.arg", "-o", "-"],
    ["render", "maps/map.arg", "--force", "--format", "dot", "-o", "-"],
    ["outline", "maps/map.arg"],
    ["outline", "maps/map.arg", "--format", "md"],
    ["outline", "maps/map.arg", "--format", "html"],
    ["export", "maps/map.arg", "--to", "json"],
    ["export", "maps/map.arg", "--to", "aif"],
    ["export", "maps/map.arg", "--to", "argdown"],
    ["export", "maps/map.arg", "--to", "apx"],
    ["eval", "maps/map.arg"],
    ["eval", "maps/map.arg", "--format", "json"],
    ["explain", "maps/map.arg", "t"],
    ["ach", "maps/map.arg"],
    ["diff", "maps/map.arg", "maps/other.arg"],
    ["diff", "maps/map.arg", "maps/other.arg", "--format", "md"],
    ["fmt", "--diff", "maps/map.arg"],
]


@pytest.mark.parametrize("args", OTHER_COMMANDS, ids=lambda a: " ".join(a[:1] + a[2:]))
def test_finding_1_no_command_prints_outside_content(untrusted: Path, args: list[str]) -> None:
    (untrusted / "maps" / "other.arg").write_text('thesis t "The map is harmless."\n', encoding="utf-8")
    result = _argmap(args, untrusted)
    assert result.returncode in (0, 1), result.stderr
    _assert_no_leak(result.stdout + result.stderr, " ".join(args))


def test_finding_1_stdin_map_is_confined_to_the_current_folder(untrusted: Path) -> None:
    text = (untrusted / "maps" / "map.arg").read_bytes()
    for args in (["check", "-"], ["check", "--format", "sarif", "-"], ["outline", "-"], ["export", "-", "--to", "json"]):
        result = _argmap(args, untrusted / "maps", stdin=text)
        _assert_no_leak(result.stdout + result.stderr, " ".join(args))


def test_finding_1_positive_control_command_line_grants(untrusted: Path) -> None:
    """The same run prints the outside passage when the user passes --sources
    on the command line (or ARGMAP_SOURCES): the leak checks above can fail."""
    outside = untrusted.parent.parent / "outside"
    granted = _argmap(["check", "--sources", str(outside), "maps/map.arg"], untrusted)
    assert PHRASE.encode() in granted.stdout  # the E111 hint: the closest passage
    by_env = _argmap(["check", "maps/map.arg"], untrusted, env={"ARGMAP_SOURCES": str(outside)})
    assert PHRASE.encode() in by_env.stdout
    allowed = _argmap(["check", "--allow-outside", "--select", "E", "maps/map.arg"], untrusted)
    assert PHRASE.encode() in allowed.stdout  # the source file outside is read
    line = _passwd_line()
    if line is not None:  # and the include of /etc/passwd, which does not parse: E001 shows it
        assert line.encode() in allowed.stdout


def test_finding_1_named_config_is_trusted(untrusted: Path, tmp_path: Path) -> None:
    outside = untrusted.parent.parent / "outside"
    named = tmp_path / "ci.toml"
    named.write_text(f'sources = ["{outside}"]\n', encoding="utf-8")
    result = _argmap(["check", "--config", str(named), "maps/map.arg"], untrusted)
    assert PHRASE.encode() in result.stdout and b"warning" not in result.stderr


def test_access_keeps_sources_inside_the_repository(untrusted: Path) -> None:
    (untrusted / "seeds").mkdir()
    (untrusted / "pyproject.toml").write_text(
        '[tool.argmap]\nsources = ["seeds", "/etc", "outside_link"]\nallow-outside = true\n', encoding="utf-8")
    config = find_config(untrusted / "maps")
    granted = access(config, environ={})
    assert granted.sources == (str(untrusted / "seeds"),)
    assert granted.allow_outside is False
    assert len(granted.warnings) == 3  # /etc, the symlink leading out, allow-outside
    # the command line and the environment are the user's
    assert access(config, allow_outside=True, environ={}).allow_outside is True
    assert access(config, environ={"ARGMAP_ALLOW_OUTSIDE": "1"}).allow_outside is True
    assert "/etc" in access(config, ["/etc"], environ={}).sources
    assert "/srv/x" in access(config, environ={"ARGMAP_SOURCES": "/srv/x"}).sources
    # a config the user names is honoured as written
    named = load_config(untrusted / "pyproject.toml")
    assert access(named, environ={}).allow_outside is True and not access(named, environ={}).warnings


def test_report_reads_only_the_texts_it_was_given(tmp_path: Path) -> None:
    """The text report never opens a file by itself when given the loader's texts."""
    from argmap.diagnostics import Diagnostic, Severity
    from argmap.model import Span
    from argmap.report import SourceLines, format_text

    secret = tmp_path / "secret.arg"
    secret.write_text(f"{MARKER}\n", encoding="utf-8")
    d = Diagnostic("E001", "syntax-error", Severity.ERROR, "x", Span(str(secret), 1, 1, 1, 2))
    assert MARKER not in format_text([d], SourceLines({"other.arg": "claim a \"b\"\n"}))
    assert MARKER in format_text([d], SourceLines())  # a bare library call still reads the file


def test_json_check_report_is_valid_json_without_leaks(untrusted: Path) -> None:
    result = _argmap(["check", "--format", "json", "maps/map.arg"], untrusted)
    document = json.loads(result.stdout)
    codes = {d["code"] for d in document["diagnostics"]}
    assert "E115" in codes and "E111" not in codes


@pytest.mark.parametrize("name", ["pyproject.toml", "setup.cfg"])
def test_finding_1_config_symlink_leading_out_is_not_read(untrusted: Path, name: str) -> None:
    outside = untrusted.parent.parent / "outside" / "config.txt"
    outside.write_text(f"[{MARKER}]\n[{MARKER}]\n[tool.argmap]\nx = 1\n", encoding="utf-8")
    (untrusted / "pyproject.toml").unlink()
    (untrusted / name).symlink_to(outside)
    result = _argmap(["check", "maps/map.arg"], untrusted)
    assert result.returncode == 2 and b"outside the repository" in result.stderr
    _assert_no_leak(result.stdout + result.stderr, f"{name} -> outside")


def test_config_file_is_read_with_a_cap(untrusted: Path) -> None:
    with (untrusted / "pyproject.toml").open("ab") as handle:
        handle.write(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    result = _argmap(["check", "maps/map.arg"], untrusted)
    assert result.returncode == 2 and b"more than 4 MB" in result.stderr


@pytest.mark.parametrize("args", [["check"], ["check", "--format", "sarif"], ["outline"], ["render", "-o", "-"],
                                  ["export", "--to", "json"], ["fmt", "--diff"], ["fmt"], ["eval"]])
def test_finding_1_map_that_is_a_link_leading_out_is_not_read(untrusted: Path, args: list[str]) -> None:
    """`git ls-files '*.arg'` lists a committed symlink maps/x.arg -> /outside/...;
    naming it must not make argmap read (or format) what it points to."""
    outside = untrusted.parent.parent / "outside"
    (outside / "target.arg").write_text(f'claim a "{MARKER}" oops\n', encoding="utf-8")
    (untrusted / "maps" / "x.arg").symlink_to(outside / "target.arg")
    (untrusted / "maps" / "linked_dir").symlink_to(outside)
    for name in ("maps/x.arg", "maps/linked_dir/target.arg"):
        result = _argmap([*args, name], untrusted)
        assert result.returncode == 2 and b"outside the repository" in result.stderr, result.stderr
        _assert_no_leak(result.stdout + result.stderr, " ".join([*args, name]))
    assert MARKER in (outside / "target.arg").read_text(encoding="utf-8")  # fmt left it alone


def test_finding_1_link_inside_the_repository_is_followed(untrusted: Path) -> None:
    (untrusted / "maps" / "real.arg").write_text('thesis t "Inside."\n', encoding="utf-8")
    (untrusted / "alias.arg").symlink_to("maps/real.arg")
    (untrusted / "pyproject.toml").unlink()
    result = _argmap(["check", "alias.arg"], untrusted)
    assert result.returncode == 0, result.stderr
    # the user may grant the link: then the file it points to is read (its `supports t` is undefined there)
    allowed = _argmap(["check", "--allow-outside", "maps/evil.arg"], untrusted)
    assert allowed.returncode == 1 and b"E102" in allowed.stdout
