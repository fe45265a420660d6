"""Bounded work (issue 15): the shapes that used to hang, timed as whole commands.

    python bench/bench_limits.py            # median of 5 runs each
    python bench/bench_limits.py --runs 9

* include fan-out: 31 files, each including the next twice (30 levels: 2**30
  paths if includes were followed as a tree), through check, outline, eval and
  render --format dot;
* dense maps: 60 and 300 nodes, each supporting every earlier one, through
  check, outline (text) and eval;
* a 200 MB flood on standard input (``check -``): refused at the 64 MB cap.

Each figure is the median wall time of whole ``python -m argmap`` processes
and the largest peak memory (ru_maxrss of the child, from wait4).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def fan_out(folder: Path, levels: int = 30) -> Path:
    for i in range(levels + 1):
        body = f'include "f{i + 1}.arg"\ninclude "f{i + 1}.arg"\n' if i < levels else ""
        support = f"  supports c{i - 1}\n" if i else ""
        (folder / f"f{i}.arg").write_text(f'{body}{"thesis" if i == 0 else "claim"} c{i} "n"\n{support}',
                                          encoding="utf-8")
    return folder / "f0.arg"


def dense(folder: Path, n: int) -> Path:
    lines = ['thesis n0 "The root."']
    for i in range(1, n):
        lines.append(f'claim n{i} "Node {i}."')
        lines += [f"  supports n{j}" for j in range(i)]
    path = folder / f"dense{n}.arg"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(args: list[str], flood: int = 0) -> tuple[float, int, int]:
    """(wall seconds, peak KiB, exit code) of one ``python -m argmap`` run;
    ``flood``: that many bytes of map text written to its standard input."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "argmap", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.PIPE if flood else subprocess.DEVNULL)
    if flood:
        block = (b'claim a "' + b"x" * 1000 + b'"\n') * 1024

        def feed() -> None:
            sent = 0
            try:
                while sent < flood:
                    process.stdin.write(block)  # type: ignore[union-attr]
                    sent += len(block)
                process.stdin.close()  # type: ignore[union-attr]
            except OSError:
                pass

        threading.Thread(target=feed, daemon=True).start()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss, process.returncode


def measure(label: str, args: list[str], runs: int, flood: int = 0) -> None:
    results = [run(args, flood) for _ in range(runs)]
    walls = [r[0] for r in results]
    codes = sorted({r[2] for r in results})
    print(f"{label:<44} {statistics.median(walls):7.2f} s  (min {min(walls):.2f}, max {max(walls):.2f})  "
          f"peak {max(r[1] for r in results) / 1024:6.0f} MiB  exit {codes}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "fan").mkdir()
        main_map = str(fan_out(root / "fan"))
        for command in (["check"], ["outline"], ["eval"], ["render", "--format", "dot", "-o", "-"]):
            measure(f"fan-out 30 levels x2: {command[0]}", [*command, main_map], args.runs)
        for n in (60, 300):
            path = str(dense(root, n))
            for command in (["check"], ["outline"], ["eval"]):
                measure(f"dense {n} nodes: {command[0]}", [*command, path], args.runs)
        measure("200 MB on stdin: check - (refused)", ["check", "-"], args.runs, flood=200 * 1024 * 1024)


if __name__ == "__main__":
    main()
