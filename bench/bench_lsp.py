"""How fast the language server's diagnostics come back after a one-line edit.

    python bench/bench_lsp.py --nodes 5000

Measures the analysis the server runs after each change (parse of the changed
chunk, merge, every rule), for an edit that keeps the line count and one that
inserts a line, on a generated map. Target: under 200 ms at 5,000 nodes.
Also times a full (non-incremental) analysis of the same text for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_map import generate, to_arg  # noqa: E402

from argmap.api import analyse  # noqa: E402
from argmap.lsp.analysis import IncrementalAnalyzer  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    text = to_arg(generate(args.nodes))
    lines = text.split("\n")
    path = str(Path("/tmp/bench_lsp.arg"))
    analyzer = IncrementalAnalyzer(path)
    started = time.perf_counter()
    first = analyzer.analyse(text)
    cold = time.perf_counter() - started
    print(f"map: {args.nodes} nodes, {len(first.map.relations)} relations, {len(text) / 1e6:.1f} MB, "
          f"{len(first.diagnostics)} diagnostics")
    print(f"first analysis (cold cache): {cold * 1000:.0f} ms")

    target = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  note ") or lines[i].startswith("  tags "))
    in_place, inserted = [], []
    for round_ in range(args.repeat):
        edited = lines.copy()
        edited[target] = edited[target] + f" x{round_}" if edited[target].startswith("  tags ") else edited[target][:-1] + f' {round_}"'
        started = time.perf_counter()
        analyzer.analyse("\n".join(edited))
        in_place.append(time.perf_counter() - started)
        grown = lines.copy()
        grown.insert(target, f"# a comment typed in round {round_}")
        started = time.perf_counter()
        analyzer.analyse("\n".join(grown))
        inserted.append(time.perf_counter() - started)
    started = time.perf_counter()
    analyse(path, text=text)
    full = time.perf_counter() - started
    print(f"one-line edit, same line count: median {statistics.median(in_place) * 1000:.0f} ms")
    print(f"one line inserted:              median {statistics.median(inserted) * 1000:.0f} ms")
    print(f"full analysis (no cache):       {full * 1000:.0f} ms")


if __name__ == "__main__":
    main()
