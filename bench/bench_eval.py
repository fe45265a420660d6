"""Benchmark of the evaluation engine (not a test; run by hand):

    python bench/bench_eval.py [--seed N] [--skip-pure]

Targets (issue 5): grounded on a random 100,000-argument framework < 1 s;
preferred and stable on a random 1,000-argument framework with 1,500 attacks
(many cycles) < 10 s.

Two kinds of random framework are used:

* *uniform*: attacks drawn uniformly at random. With 1.5 attacks per argument
  about a fifth of the arguments are unattacked and the grounded labelling
  decides nearly everything, so preferred/stable are easy;
* *cyclic*: first one attack cycle through all arguments (nobody is
  unattacked, so grounded decides nothing), then random attacks up to the
  total. One strongly connected component of 1,000 arguments: the hard case.

Preferred and stable are timed with the solver argmap picks ("auto": the SAT
back end when python-sat is installed and the undecided part is large) and
with the pure-Python search (--skip-pure to leave the slow runs out).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from argmap.evaluate.satsolve import available
from argmap.evaluate.semantics import AF, extensions, grounded


def uniform_af(n: int, m: int, seed: int) -> AF:
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < m:
        pairs.add((rng.randrange(n), rng.randrange(n)))
    return AF.from_pairs([f"a{i}" for i in range(n)], pairs)


def cyclic_af(n: int, m: int, seed: int) -> AF:
    rng = random.Random(seed)
    perm = list(range(n))
    rng.shuffle(perm)
    pairs = {(perm[i], perm[(i + 1) % n]) for i in range(n)}
    while len(pairs) < m:
        pairs.add((rng.randrange(n), rng.randrange(n)))
    return AF.from_pairs([f"a{i}" for i in range(n)], pairs)


def timed(label: str, fn: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = fn()
    print(f"{label:<58} {time.perf_counter() - start:8.3f} s", flush=True)
    return result


def _worker(kind: str, seed: int, sem: str, solver: str, queue: Any) -> None:
    af = (cyclic_af if kind == "cyclic" else uniform_af)(1000, 1500, seed)
    start = time.perf_counter()
    found = extensions(af, sem, solver=solver)
    queue.put((time.perf_counter() - start, len(found)))


def with_timeout(kind: str, seed: int, sem: str, solver: str, limit: float) -> None:
    queue: Any = multiprocessing.Queue()
    proc = multiprocessing.Process(target=_worker, args=(kind, seed, sem, solver, queue))
    proc.start()
    proc.join(limit)
    label = f"{sem:<9} {kind:<7} 1,000/1,500 seed {seed} ({solver})"
    if proc.is_alive():
        proc.terminate()
        proc.join()
        print(f"{label:<58}  > {limit:.0f} s (stopped)", flush=True)
        return
    seconds, count = queue.get()
    print(f"{label:<58} {seconds:8.3f} s  ({count} extensions)", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-pure", action="store_true")
    parser.add_argument("--timeout", type=float, default=30.0, help="per pure-Python run")
    args = parser.parse_args()
    print(f"python-sat installed: {available()}")
    big = uniform_af(100_000, 150_000, args.seed)
    lab = timed("grounded, uniform 100,000 args / 150,000 attacks", lambda: grounded(big))
    print(f"  IN {lab.count(1)}  OUT {lab.count(2)}  UNDEC {lab.count(3)}")
    big = cyclic_af(100_000, 150_000, args.seed)
    lab = timed("grounded, cyclic 100,000 args / 150,000 attacks", lambda: grounded(big))
    print(f"  IN {lab.count(1)}  OUT {lab.count(2)}  UNDEC {lab.count(3)}")
    for kind in ("uniform", "cyclic"):
        for seed in (args.seed, args.seed + 1, args.seed + 2):
            for sem in ("preferred", "stable"):
                with_timeout(kind, seed, sem, "auto", 60.0)
                if not args.skip_pure:
                    with_timeout(kind, seed, sem, "search", args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
