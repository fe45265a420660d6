"""argmap check may run a big map's slow rules (E116) in a forked child while
the quick rules run (argmap/checks/forked.py). The findings must be exactly
those of a run in one process, and a failing child must cost nothing but time.
Both are run in fresh interpreters: forking the test runner itself is not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from gen_map import generate, to_arg  # noqa: E402

from argmap.api import analyse  # noqa: E402
from argmap.checks.forked import MIN_NODES, worth_forking  # noqa: E402


@pytest.fixture(scope="module")
def big_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forked") / "big.arg"
    text = to_arg(generate(MIN_NODES, seed=4))
    path.write_text(text + "\nexpect strategy_0 accepted\nexpect strategy_0 rejected under preferred\n",
                    encoding="utf-8")
    return path


def _in_one_process(path: Path) -> list[dict[str, object]]:
    from argmap.report import diagnostic_to_dict

    return [diagnostic_to_dict(d) for d in analyse(path).diagnostics]


def test_the_program_forks_and_reports_the_same(big_map: Path) -> None:
    assert worth_forking(analyse(big_map).map)
    done = subprocess.run([sys.executable, "-m", "argmap", "check", "--format", "json", str(big_map)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    reported = json.loads(done.stdout)
    found = reported["diagnostics"]
    expected = _in_one_process(big_map)
    assert any(d["code"] == "E116" for d in expected)
    assert [(d["code"], d["message"]) for d in found] == [(d["code"], d["message"]) for d in expected]


def test_a_failing_child_is_replaced_by_the_parent(big_map: Path) -> None:
    script = f"""
import pickle, sys
from argmap.api import analyse
from argmap.checks import forked
real = pickle.dumps
def broken(*args, **kwargs):
    raise RuntimeError("child cannot send")
forked.pickle.dumps = broken  # the child inherits this: it sends nothing
analysis = analyse({str(big_map)!r}, fork=True)
forked.pickle.dumps = real
print(sorted(d.code + d.message for d in analysis.diagnostics).__len__(),
      sum(d.code == "E116" for d in analysis.diagnostics))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    count, e116 = map(int, done.stdout.split())
    expected = _in_one_process(big_map)
    assert count == len(expected) and e116 == sum(d["code"] == "E116" for d in expected) > 0


def test_small_maps_and_maps_without_expectations_stay_in_one_process() -> None:
    from argmap.api import loads

    assert not worth_forking(loads(to_arg(generate(200, seed=1))))
    big = loads("\n".join(line for line in to_arg(generate(MIN_NODES, seed=4)).split("\n")
                           if not line.startswith("expect ")))
    assert not big.expectations and not worth_forking(big)
