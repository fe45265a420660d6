"""Commands that need an optional extra say which one, exit 2, and print no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Runs argmap with the named modules made unimportable (as if the extra were not installed).
_WITHOUT = """
import sys
for name in {modules!r}:
    sys.modules[name] = None
from argmap.cli import main
sys.argv = ["argmap", *{args!r}]
main()
"""


def _run_without(modules: list[str], args: list[str]) -> subprocess.CompletedProcess[str]:
    code = _WITHOUT.format(modules=modules, args=args)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


def test_lsp_without_pygls(tmp_path: Path) -> None:
    done = _run_without(["pygls", "pygls.lsp", "pygls.lsp.server", "lsprotocol"], ["lsp"])
    assert done.returncode == 2
    assert "pip install 'argmap[lsp]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_watch_without_watchfiles(tmp_path: Path) -> None:
    source = tmp_path / "m.arg"
    source.write_text('thesis t "A thesis."\n', encoding="utf-8")
    done = _run_without(["watchfiles"], ["watch", str(source)])
    assert done.returncode == 2
    assert "pip install 'argmap[watch]'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("args", [["lsp", "--help"], ["watch", "--help"]])
def test_help_works_without_the_extra(args: list[str]) -> None:
    done = _run_without(["pygls", "watchfiles"], args)
    assert done.returncode == 0, done.stderr
    assert "Usage" in done.stdout
