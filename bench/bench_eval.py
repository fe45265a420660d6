"""Benchmark of the evaluation engine (not a test; run by hand):

    python bench/bench_eval.py [--seed N]

Targets (issue 5): grounded on a random 100,000-argument framework < 1 s;
preferred and stable on a random 1,000-argument framework with 1,500 attacks
(many cycles) < 10 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from argmap.evaluate.semantics import AF, extensions, grounded, sccs


def random_af(n: int, m: int, seed: int) -> AF:
    rng = random.Random(seed)
    pairs = {(rng.randrange(n), rng.randrange(n)) for _ in range(m)}
    while len(pairs) < m:
        pairs.add((rng.randrange(n), rng.randrange(n)))
    return AF.from_pairs([f"a{i}" for i in range(n)], pairs)


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    print(f"{label:<48} {time.perf_counter() - start:8.3f} s", flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    big = timed("build 100,000 args / 150,000 attacks", lambda: random_af(100_000, 150_000, args.seed))
    lab = timed("grounded, 100,000 args", lambda: grounded(big))
    print(f"  IN {lab.count(1)}  OUT {lab.count(2)}  UNDEC {lab.count(3)}")
    small = random_af(1000, 1500, args.seed)
    undec = [i for i, label in enumerate(grounded(small)) if label == 3]
    comps = sccs(small, undec)
    print(f"1,000 args / 1,500 attacks: {len(undec)} grounded-UNDEC, largest SCC {max(map(len, comps), default=0)}, "
          f"cyclic SCCs {sum(1 for c in comps if len(c) > 1 or c[0] in small.attacks[c[0]])}")
    for sem in ("complete", "preferred", "stable"):
        if sem == "complete":
            continue
        exts = timed(f"{sem}, 1,000 args / 1,500 attacks", lambda: extensions(small, sem))
        print(f"  {len(exts)} extensions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
