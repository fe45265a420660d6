"""A long fuzz campaign: mutate the repository's maps for a while and keep every
input that makes a front end raise anything but ArgmapError.

    nice -n 19 python bench/fuzz_campaign.py --minutes 40 --seed 1

Crashing inputs are written to tests/data/fuzz_regressions/crash_<hash>.arg
(replayed by tests/test_fuzz.py) with the traceback in a .txt next to them.
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

from fuzzing import REGRESSIONS, mutate, run_front_ends, seeds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    corpus = seeds()
    deadline = time.monotonic() + args.minutes * 60
    runs = crashes = 0
    seen: set[str] = set()
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < deadline:
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
    print(f"{runs} inputs in {args.minutes} min, {crashes} distinct crashes", flush=True)


if __name__ == "__main__":
    main()
