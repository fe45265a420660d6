"""argmap check may evaluate a big map's expectations (E116) in a forked child
while the lint rules run here (argmap/parallel.py, asked for by the program
through ``analyse(..., parallel=True)``). The findings must be exactly those of
a run in one process, and a failing child must cost nothing but time. Both are
run in fresh interpreters: forking the test runner itself is not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from gen_map import generate, to_arg  # noqa: E402

from argmap.api import PARALLEL_MIN_NODES, analyse  # noqa: E402


@pytest.fixture(scope="module")
def big_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("parallel") / "big.arg"
    text = to_arg(generate(PARALLEL_MIN_NODES, seed=4))
    path.write_text(text + "\nexpect strategy_0 accepted\nexpect strategy_0 rejected under preferred\n",
                    encoding="utf-8")
    return path


def _in_one_process(path: Path) -> list[dict[str, object]]:
    from argmap.report import diagnostic_to_dict

    return [diagnostic_to_dict(d) for d in analyse(path).diagnostics]


# Runs `argmap check` as the program does, counting the forks it makes.
_PROGRAM = """
import sys
import argmap.parallel as parallel
real = parallel.side_by_side
def counted(here, there):
    print("forked", file=sys.stderr)
    return real(here, there)
parallel.side_by_side = counted
from argmap.cli import run
sys.argv = ["argmap", "check", "--format", "json", {path!r}]
run()
"""


def test_the_program_uses_a_second_core_and_reports_the_same(big_map: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _PROGRAM.format(path=str(big_map))],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("forked") == 1
    found = json.loads(done.stdout)["diagnostics"]
    expected = _in_one_process(big_map)
    assert any(d["code"] == "E116" for d in expected)
    assert [(d["code"], d["message"]) for d in found] == [(d["code"], d["message"]) for d in expected]


def test_a_failing_child_is_replaced_by_the_parent(big_map: Path) -> None:
    script = f"""
import pickle
from argmap.api import analyse
from argmap import parallel
real = pickle.dumps
def broken(*args, **kwargs):
    raise RuntimeError("child cannot send")
parallel.pickle.dumps = broken  # the child inherits this: it sends nothing
analysis = analyse({str(big_map)!r}, parallel=True)
parallel.pickle.dumps = real
print(len(analysis.diagnostics), sum(d.code == "E116" for d in analysis.diagnostics))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    count, e116 = map(int, done.stdout.split())
    expected = _in_one_process(big_map)
    assert count == len(expected) and e116 == sum(d["code"] == "E116" for d in expected) > 0


@pytest.mark.parametrize("nodes, expectations", [(200, True), (PARALLEL_MIN_NODES, False)])
def test_small_maps_and_maps_without_expectations_stay_in_one_process(tmp_path: Path, nodes: int,
                                                                      expectations: bool) -> None:
    text = to_arg(generate(nodes, seed=1))
    if not expectations:
        text = "\n".join(line for line in text.split("\n") if not line.startswith("expect "))
    path = tmp_path / "m.arg"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _PROGRAM.format(path=str(path))],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert "forked" not in done.stderr
