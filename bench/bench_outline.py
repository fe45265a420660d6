"""``argmap outline`` on maps of awkward shapes: flat, deep and dense.

    python bench/bench_outline.py                        # the default sizes, 3 runs each
    python bench/bench_outline.py --runs 5 --python /other/venv/bin/python   # another installation

Shapes (the generators are shared with tests/test_outline_linear.py):

* flat N: one thesis that N claims support;
* loose N: N claims that support nothing;
* deep N: a support chain N long;
* dense N: N nodes, each supporting every earlier one (N * (N - 1) / 2 relations);
* focus: ``argmap render --focus n10 --depth 1000000000 --format dot`` on a
  50-node chain (the depth loop must stop when nothing is left to visit).

Each run is a fresh process (``python -m argmap outline MAP -o OUT.txt``, the
text format, with the evaluation); the table gives the median wall time and
the peak memory (the child's max RSS). Time per node should stay flat as the
size doubles.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["deep", "dense", "flat", "loose"]


def flat(n: int) -> str:
    """One thesis and ``n`` claims that all support it."""
    return 'thesis t "T"\n' + "".join(f'claim c{i} "Claim {i}."\n  supports t\n' for i in range(n))


def loose(n: int) -> str:
    """``n`` claims that support nothing."""
    return "".join(f'claim c{i} "Claim {i}."\n' for i in range(n))


def deep(n: int) -> str:
    """A support chain ``n`` long: n{i} supports n{i-1}, n0 is a thesis."""
    return 'thesis n0 "Top."\n' + "".join(f'claim n{i} "Step {i}."\n  supports n{i - 1}\n' for i in range(1, n))


def dense(n: int) -> str:
    """``n`` nodes, each supporting every earlier one."""
    lines = ['thesis d0 "Dense 0."']
    for i in range(1, n):
        lines.append(f'claim d{i} "Dense {i}."\n  supports ' + ", ".join(f"d{j}" for j in range(i)))
    return "\n".join(lines) + "\n"


SHAPES = {"flat": flat, "loose": loose, "deep": deep, "dense": dense}
DEFAULT = ["flat:10000", "flat:20000", "flat:40000", "loose:40000", "deep:50000", "deep:100000",
           "deep:200000", "dense:30", "dense:60", "focus:50"]


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and the child's peak RSS in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed ({status}): {' '.join(command)}\n{process.stderr.read().decode() if process.stderr else ''}")
    return wall, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("cases", nargs="*", default=DEFAULT, help="SHAPE:SIZE (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--python", default=sys.executable,
                        help="the interpreter whose argmap runs (default: this one)")
    args = parser.parse_args()
    env = dict(os.environ)
    print("| case | nodes | relations | median s | µs per node | peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases:
            shape, _, count = case.partition(":")
            n = int(count)
            text = deep(n) if shape == "focus" else SHAPES[shape](n)
            path = Path(tmp) / f"{shape}_{n}.arg"
            path.write_text(text, encoding="utf-8")
            if shape == "focus":
                command = [args.python, "-m", "argmap", "render", str(path), "--focus", "n10",
                           "--depth", "1000000000", "--format", "dot", "-o", str(Path(tmp) / "out.dot")]
            else:
                command = [args.python, "-m", "argmap", "outline", str(path), "-o", str(Path(tmp) / "out.txt")]
            runs = [run(command, env) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            relations = text.count("supports ") + text.count(", ")
            print(f"| {shape} | {n:,} | {relations:,} | {wall:.2f} | {wall / n * 1e6:,.0f} | {peak:.0f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
