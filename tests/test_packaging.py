"""The package ships its grammar and templates and runs as `argmap` and `python -m argmap`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_grammar_is_package_data() -> None:
    text = resources.files("argmap.grammar").joinpath("argmap.lark").read_text(encoding="utf-8")
    assert "thesis" in text and "supports" in text


def test_python_dash_m_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "argmap", "--version"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("argmap, version ")


def test_help_lists_commands_without_traceback() -> None:
    done = subprocess.run([sys.executable, "-m", "argmap", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "check" in done.stdout and "Traceback" not in done.stderr


def test_unknown_command_is_a_usage_error() -> None:
    done = subprocess.run([sys.executable, "-m", "argmap", "nosuchcommand"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_wheel_contains_grammar_and_templates(tmp_path: Path) -> None:
    """A plain wheel build (what `pip install .` makes) carries the data folders."""
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"the wheel does not build: {done.stderr.strip()[-400:]}"
    wheel = next(tmp_path.glob("argmap-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "argmap/grammar/argmap.lark" in names
    assert "argmap/grammar/__init__.py" in names
    assert "argmap/templates/__init__.py" in names
    templates = [n for n in names if n.startswith("argmap/templates/") and not n.endswith(".py")]
    on_disk = [p for p in (ROOT / "templates").iterdir() if p.suffix in {".j2", ".css", ".js"}]
    assert len(templates) == len(on_disk)
    # every module of the package ships (a subpackage missing from setup.cfg's list would not)
    modules = {f"argmap/{p.relative_to(ROOT / 'argmap').as_posix()}" for p in (ROOT / "argmap").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
