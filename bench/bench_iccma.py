"""argmap as an ICCMA solver, side by side with two Python solvers from PyPI.

    python bench/bench_iccma.py --compare-python /tmp/iccma-bench/bin/python
    python bench/bench_iccma.py --cases grounded-100k preferred-2000 --runs 5

The competitors are not argmap dependencies: install them in a separate
virtual environment and pass its interpreter (bench/requirements-iccma.txt)::

    python -m venv /tmp/iccma-bench
    /tmp/iccma-bench/bin/pip install -r bench/requirements-iccma.txt

* formal-argumentation (its ``argumentation.solving.iccma_cli``) for grounded
  semantics on large random frameworks;
* pygarg (``python -m pygarg``, SAT-based through python-sat) for complete
  and preferred semantics on single strongly connected frameworks.

The frameworks are written by seeded generators into ``--out`` as i23 files:
*uniform* (attacks drawn uniformly, 1.5 per argument) and *cyclic* (one attack
cycle through all arguments, so everything is one strongly connected
component and the grounded labelling decides nothing, then random attacks up
to 1.5 per argument). Every command runs in a fresh process, the tools
alternately; the table gives the median wall time and the peak memory (max
RSS of the child). "argmap, no python-sat" runs argmap with python-sat hidden,
to show what a plain ``pip install argmap`` does. Runs that time out, fail or
stop with a message are shown as such, never as a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from vs_argdown import compile_package, measure  # noqa: E402

ARGMAP = [sys.executable, "-m", "argmap"]
# argmap as a plain `pip install argmap` runs it: python-sat cannot be imported
NO_SAT = [sys.executable, "-c",
          "import sys; sys.modules['pysat'] = None; sys.argv[0] = 'argmap'; from argmap.cli import run; run()"]


def write_uniform(path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n * 3 // 2:
        pairs.add((rng.randrange(1, n + 1), rng.randrange(1, n + 1)))
    path.write_text(f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in sorted(pairs)), encoding="ascii")


def write_cyclic(path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    perm = list(range(1, n + 1))
    rng.shuffle(perm)
    pairs = {(perm[i], perm[(i + 1) % n]) for i in range(n)}
    while len(pairs) < n * 3 // 2:
        pairs.add((rng.randrange(1, n + 1), rng.randrange(1, n + 1)))
    path.write_text(f"p af {n}\n" + "".join(f"{a} {b}\n" for a, b in sorted(pairs)), encoding="ascii")


def cases(out: Path, other: str | None) -> dict[str, tuple[str, list[tuple[str, list[str]]]]]:
    """case name -> (framework description, [(tool, command)])."""
    fa = [other, "-m", "argumentation.solving.iccma_cli"] if other else None
    pg = [other, "-m", "pygarg"] if other else None
    table: dict[str, tuple[str, list[tuple[str, list[str]]]]] = {}
    for label, n in (("100k", 100_000), ("1m", 1_000_000)):
        f = str(out / f"uniform-{n}.i23")
        rows = [("argmap eval --semantics grounded", ARGMAP + ["eval", "--semantics", "grounded", f]),
                ("argmap eval -p SE-GR", ARGMAP + ["eval", "-p", "SE-GR", "-f", f])]
        if fa:
            rows.append(("formal-argumentation -p SE-GR", fa + ["-p", "SE-GR", "-f", f]))
        table[f"grounded-{label}"] = (f"uniform {n:,} arguments, {n * 3 // 2:,} attacks", rows)
    for n, seed in ((1000, 1), (1300, 2), (1600, 3)):
        f = str(out / f"cyclic-{n}-{seed}.i23")
        rows = [("argmap eval --semantics complete", ARGMAP + ["eval", "--semantics", "complete", f])]
        if pg:
            rows.append(("pygarg -p EE-CO", pg + ["-p", "EE-CO", "-f", f]))
        rows.append(("argmap, no python-sat", NO_SAT + ["eval", "--semantics", "complete", f]))
        table[f"complete-{n}"] = (f"one SCC, {n:,} arguments, {n * 3 // 2:,} attacks (seed {seed})", rows)
    for seed in (1, 2, 3):
        f = str(out / f"cyclic-2000-{seed}.i23")
        rows = [("argmap eval --semantics preferred", ARGMAP + ["eval", "--semantics", "preferred", f]),
                ("argmap eval -p SE-PR", ARGMAP + ["eval", "-p", "SE-PR", "-f", f]),
                ("argmap eval -p DS-PR -a 1", ARGMAP + ["eval", "-p", "DS-PR", "-f", f, "-a", "1"])]
        if pg:
            rows += [("pygarg -p EE-PR", pg + ["-p", "EE-PR", "-f", f]),
                     ("pygarg -p SE-PR", pg + ["-p", "SE-PR", "-f", f]),
                     ("pygarg -p DS-PR -a 1", pg + ["-p", "DS-PR", "-f", f, "-a", "1"])]
        rows += [("argmap, no python-sat", NO_SAT + ["eval", "--semantics", "preferred", f]),
                 ("argmap --solver search", ARGMAP + ["eval", "--semantics", "preferred", "--solver", "search", f])]
        table[f"preferred-2000-{seed}"] = (f"one SCC, 2,000 arguments, 3,000 attacks (seed {seed})", rows)
    return table


def make_frameworks(out: Path, commands: list[list[str]]) -> None:
    """Write the i23 files the chosen commands read (seeded: the same files every time)."""
    out.mkdir(parents=True, exist_ok=True)
    for word in {w for cmd in commands for w in cmd if w.endswith(".i23")}:
        path = Path(word)
        if path.exists():
            continue
        kind, n, *seed = path.stem.split("-")
        if kind == "uniform":
            write_uniform(path, int(n), 1)
        else:
            write_cyclic(path, int(n), int(seed[0]))


def _status(results: list[tuple[str, float, float]], output_hint: str) -> tuple[str, str]:
    good = [r for r in results if r[0] == "ok"]
    if not good:
        return (results[0][0] if results else "n/a") + output_hint, "-"
    return f"{statistics.median(r[1] for r in good):.2f}", f"{max(r[2] for r in good):.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare-python", help="a Python with formal-argumentation and pygarg installed")
    parser.add_argument("--cases", nargs="+", help="case names (default: all)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "argmap-bench-iccma")
    parser.add_argument("--make-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    table = cases(args.out, args.compare_python)
    chosen = {k: v for k, v in table.items() if not args.cases or k in args.cases}
    if args.make_only:
        make_frameworks(args.out, [cmd for _, rows in chosen.values() for _, cmd in rows])
        return
    # in a child: a child's peak RSS (wait4) starts from its parent's at fork, so
    # this process stays small
    subprocess.run([sys.executable, __file__, "--make-only", "--out", str(args.out),
                    *(["--cases", *args.cases] if args.cases else [])], check=True)
    compile_package()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at the start")
    print()
    print("| case | framework | tool | median s | peak MB |")
    print("|---|---|---|---:|---:|")
    for name, (framework, rows) in chosen.items():
        results: dict[str, list[tuple[str, float, float]]] = {tool: [] for tool, _ in rows}
        for _ in range(args.runs):  # the tools alternate
            for tool, cmd in rows:
                if results[tool] and results[tool][-1][0] != "ok":
                    continue  # a timeout or a message does not change on a second run
                results[tool].append(measure(cmd, args.timeout))
        for tool, _ in rows:
            hint = " (asks for python-sat)" if "no python-sat" in tool else ""
            seconds, memory = _status(results[tool], hint)
            print(f"| {name} | {framework} | {tool} | {seconds} | {memory} |", flush=True)


if __name__ == "__main__":
    main()
