"""A long fuzz campaign: mutate the repository's maps for a while and keep every
input that makes a front end raise anything but ArgmapError.

    nice -n 19 python bench/fuzz_campaign.py --minutes 40 --seed 1

Crashing inputs are written to tests/data/fuzz_regressions/crash_<hash>.arg
(replayed by tests/test_fuzz.py) with the traceback in a .txt next to them.

``--shapes 0.1`` makes that share of the inputs generated shapes instead of
mutations: random include graphs (fan-out, diamonds, cycles) and dense maps
(every node related to many earlier ones), the shapes of issue 15's findings 2
and 3. A shape that takes longer than ``--slow`` seconds is reported (and
counted) as slow, with the seed that rebuilds it; the time is this process's
CPU time, so a busy machine does not make shapes look slow.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fuzzing import REGRESSIONS, dense_map, include_graph, mutate, run_front_ends, run_shape, seeds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shapes", type=float, default=0.0, help="share of generated shapes (0 to 1)")
    parser.add_argument("--slow", type=float, default=5.0, help="report a shape slower than this (CPU seconds)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = seeds()
    deadline = time.monotonic() + args.minutes * 60
    runs = crashes = shapes = slow = 0
    seen: set[str] = set()
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < deadline:
            if rng.random() < args.shapes:
                shapes += 1
                slow += _shape(rng.randrange(2**32), Path(folder), args.slow)
                continue
            data = rng.choice(corpus)
            for _ in range(rng.randint(1, 3)):  # stacked mutations reach further
                data = mutate(data, rng)
            runs += 1
            try:
                run_front_ends(data, Path(folder))
            except RecursionError as exc:  # noqa: F841 - reported like any other crash
                kind = "RecursionError"
            except Exception as exc:
                kind = f"{type(exc).__name__}: {exc}"[:200]
            else:
                continue
            tb = traceback.format_exc()
            where = tb.strip().splitlines()[-3].strip() if len(tb.splitlines()) > 3 else kind
            if where in seen:  # one input per distinct crash site
                continue
            seen.add(where)
            crashes += 1
            name = "crash_" + hashlib.sha256(data).hexdigest()[:12]
            REGRESSIONS.mkdir(parents=True, exist_ok=True)
            (REGRESSIONS / f"{name}.arg").write_bytes(data)
            (REGRESSIONS / f"{name}.txt").write_text(tb, encoding="utf-8")
            print(f"[{runs}] {kind} -> {name}", flush=True)
            if len(corpus) < 200:
                corpus.append(data)
    print(f"{runs} mutated inputs and {shapes} shapes in {args.minutes} min: {crashes} distinct crashes, "
          f"{slow} slow shapes", flush=True)


def _shape(seed: int, folder: Path, limit: float) -> int:
    """One include graph or dense map from ``seed``; 1 if it was slow. A
    crash in a shape is printed with its seed (fuzzing.include_graph /
    dense_map rebuild it) and ends the campaign: shapes are not mutated."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(dir=folder) as here:
        if rng.random() < 0.5:
            kind, main = "include graph", include_graph(rng, Path(here))
        else:
            kind, main = "dense map", Path(here) / "dense.arg"
            main.write_text(dense_map(rng), encoding="utf-8")
        start = time.process_time()
        try:
            run_shape(main)
        except Exception:
            print(f"crash in a {kind} (seed {seed}):\n{traceback.format_exc()}", flush=True)
            raise
        took = time.process_time() - start
    if took > limit:
        print(f"slow {kind}: {took:.1f} s (seed {seed})", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    main()
