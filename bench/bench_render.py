"""Wall time and peak memory of ``argmap render`` stages at several sizes, each
in a fresh process, plus a cold ``argmap render`` of the essay map.

    python bench/bench_render.py                          # 5000 and 20000 nodes
    python bench/bench_render.py --nodes 2000 5000 --engine system

Stages: load (parse + merge), DOT (argmap.render.build_dot), SVG (argmap.render.render: DOT, layout by the
chosen engine; its CPU time is also shown, since on a busy machine the wall
time says little; with the system engine the CPU time is the child's). Peak memory is the child's ``ru_maxrss`` (whole process,
including the WebAssembly instance's linear memory); the system engine's
``dot`` process is reported as the children's ``ru_maxrss``. Maps come from
``bench/gen_map.py`` (seeded). Targets (issue 4): 5,000 nodes SVG < 20 s,
20,000 nodes < 120 s, the essay map cold < 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_map import generate, to_arg  # noqa: E402 - after the sys.path line above

CHILD = r"""
import json, resource, sys, time
path, engine = sys.argv[1], sys.argv[2]
from argmap import api
from argmap.render import RenderOptions, build_dot, render
t0 = time.perf_counter()
argmap = api.load(path)
t1 = time.perf_counter()
dot = build_dot(argmap, RenderOptions())
t2 = time.perf_counter()
c2 = time.process_time()
svg = render(argmap, "svg", RenderOptions(), engine)  # the whole picture (two passes up to 1,000 nodes)
t3 = time.perf_counter()
c3 = time.process_time()
print(json.dumps({
    "nodes": len(argmap.nodes), "relations": len(argmap.relations),
    "load_s": t1 - t0, "dot_s": t2 - t1, "svg_s": t3 - t2,
    "dot_bytes": len(dot), "svg_bytes": len(svg),
    "svg_cpu_s": (c3 - c2) if engine == "wasm" else resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "child_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


def bench_size(nodes: int, out: Path, engine: str, seed: int) -> dict[str, float]:
    path = out / f"map_{nodes}.arg"
    if not path.exists():
        path.write_text(to_arg(generate(nodes, seed)), encoding="utf-8")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, str(path), engine], check=False, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"render of {path} failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def bench_cold(path: Path, runs: int) -> list[float]:
    """Cold `argmap render FILE -o tmp.svg` in fresh processes (compiled module cached)."""
    times = []
    target = Path(os.environ.get("TMPDIR", "/tmp")) / "argmap-bench-essay.svg"
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "argmap", "render", str(path), "-o", str(target)],
                              check=False, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(f"  (exit {done.returncode}: {done.stderr.strip().splitlines()[-1:]})")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--engine", choices=["wasm", "system"], default="wasm")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("/tmp/argmap-bench"))
    parser.add_argument("--essay", type=Path, default=ROOT / "maps" / "syria_iran_russia.arg")
    parser.add_argument("--runs", type=int, default=5, help="cold runs of the essay map")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    if args.essay.exists() and args.runs > 0:
        times = bench_cold(args.essay, args.runs)
        print(f"essay map cold `argmap render`: best {min(times):.2f} s, worst {max(times):.2f} s "
              f"over {len(times)} runs (target < 1.5 s)")
    for nodes in args.nodes:
        r = bench_size(nodes, args.out, args.engine, args.seed)
        target = 20 if nodes <= 5000 else 120
        print(f"{r['nodes']:>6} nodes {r['relations']:>6} relations [{args.engine}]: "
              f"load {r['load_s']:.2f} s, DOT {r['dot_s']:.2f} s ({r['dot_bytes'] / 1e6:.1f} MB), "
              f"SVG {r['svg_s']:.2f} s (CPU {r['svg_cpu_s']:.2f} s; {r['svg_bytes'] / 1e6:.1f} MB), "
              f"process {r['wall_s']:.2f} s; "
              f"peak {r['peak_mb']:.0f} MB"
              + (f" (dot {r['child_peak_mb']:.0f} MB)" if args.engine == "system" else "")
              + f"; DOT+SVG {'OK' if r['dot_s'] + r['svg_s'] < target else 'OVER'} vs {target} s")


if __name__ == "__main__":
    main()
