"""`argmap` (argmap.cli:run) ends with os._exit after flushing: every byte of
output must still arrive, through a pipe larger than its buffer, and every exit
code must be the one `main` chose."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from argmap.cli import cli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from gen_map import generate, to_arg  # noqa: E402


def _program(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", *args], capture_output=True, text=True, timeout=120)


def test_output_larger_than_a_pipe_buffer_arrives_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.arg"
    path.write_text(to_arg(generate(800, seed=2)), encoding="utf-8")
    done = _program("outline", "--format", "md", str(path))
    expected = CliRunner().invoke(cli, ["outline", "--format", "md", str(path)])
    assert done.returncode == expected.exit_code == 0
    assert len(done.stdout) > 256 * 1024
    assert done.stdout == expected.output


def test_exit_codes_survive_the_fast_exit(tmp_path: Path) -> None:
    bad = tmp_path / "bad.arg"
    bad.write_text('claim a "x"\n  supports nowhere\n', encoding="utf-8")
    assert _program("--version").returncode == 0
    assert _program("check", str(ROOT / "maps" / "syria_iran_russia.arg")).returncode == 0
    found = _program("check", str(bad))
    assert found.returncode == 1 and "E102" in found.stdout
    missing = _program("check", str(tmp_path / "missing.arg"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert _program("no-such-command").returncode == 2


def test_a_written_file_is_complete(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text(to_arg(generate(300, seed=5)), encoding="utf-8")
    out = tmp_path / "m.dot"
    assert _program("render", str(path), "--format", "dot", "--force", "-o", str(out)).returncode == 0
    expected = CliRunner().invoke(cli, ["render", str(path), "--format", "dot", "--force", "-o", "-"])
    assert out.read_text(encoding="utf-8") == expected.output
