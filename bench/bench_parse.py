"""Wall time and peak memory of parse + check at several sizes, each in a fresh
process, plus a cold ``argmap check`` of the essay map.

    python bench/bench_parse.py                       # sizes 1000 5000 20000, 3 runs each
    python bench/bench_parse.py --nodes 20000 --runs 5 --profile   # + cProfile top 25

Peak memory is the child's ``ru_maxrss`` (the whole process: interpreter,
imports, text, model, diagnostics); ``tracemalloc`` is also reported for the
parse+check step alone. Maps come from ``bench/gen_map.py`` (seeded).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_map import write_pair  # noqa: E402
from vs_argdown import compile_package  # noqa: E402

CHILD = r"""
import json, resource, sys, time, tracemalloc
path, trace = sys.argv[1], sys.argv[2] == "1"
t0 = time.perf_counter()
from argmap.api import analyse
t1 = time.perf_counter()
if trace:
    tracemalloc.start()
analysis = analyse(path)
t2 = time.perf_counter()
peak = tracemalloc.get_traced_memory()[1] if trace else 0
print(json.dumps({"import": t1 - t0, "work": t2 - t1, "nodes": len(analysis.map.nodes),
                  "relations": len(analysis.map.relations), "diagnostics": len(analysis.diagnostics),
                  "traced_mb": peak / 1e6,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run_child(path: Path, trace: bool = False) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), "1" if trace else "0"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def cold_check(path: Path, runs: int) -> float:
    """Median wall time of ``python -m argmap check PATH`` in a fresh process."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "argmap", "check", str(path)], capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def profile(path: Path) -> None:
    import cProfile
    import pstats

    from argmap.api import analyse

    analyse(path)  # warm the grammar cache
    profiler = cProfile.Profile()
    profiler.enable()
    analyse(path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path("/tmp/argmap-bench"))
    parser.add_argument("--essay", type=Path, default=HERE.parent / "maps" / "syria_iran_russia.arg")
    parser.add_argument("--profile", action="store_true", help="cProfile the largest size")
    args = parser.parse_args()
    compile_package()

    print(f"{'nodes':>7} {'MB':>6} {'relations':>9} {'parse+check s':>14} {'import s':>9} "
          f"{'peak RSS MB':>11} {'traced MB':>9}")
    for n in args.nodes:
        arg, _ = write_pair(n, args.out)
        results = [run_child(arg) for _ in range(args.runs)]
        traced = run_child(arg, trace=True)
        work = statistics.median(r["work"] for r in results)
        imp = statistics.median(r["import"] for r in results)
        rss = max(r["maxrss_mb"] for r in results)
        print(f"{n:>7} {arg.stat().st_size / 1e6:>6.2f} {results[0]['relations']:>9} {work:>14.3f} "
              f"{imp:>9.3f} {rss:>11.1f} {traced['traced_mb']:>9.1f}")
    if args.essay.exists():
        print(f"cold `argmap check {args.essay.name}`: {cold_check(args.essay, max(args.runs, 5)):.3f} s (median)")
    else:
        print(f"(essay map {args.essay} not found: cold check skipped)")
    if args.profile:
        profile(args.out / f"map_{max(args.nodes)}.arg")


if __name__ == "__main__":
    main()
