"""How fast the language server's diagnostics come back after a one-line edit.

    python bench/bench_lsp.py --nodes 5000

Measures the analysis the server runs after each change (parse of the changed
chunk, merge, every quick rule: what it publishes at once), for an edit that
keeps the line count and one that inserts a line, on a generated map, then the
slow rules (whole-map evaluation, E116) it publishes a moment later.
Target: under 200 ms at 5,000 nodes for the first publication.
Also times a full (non-incremental) analysis of the same text for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_map import generate, to_arg

from argmap.api import analyse
from argmap.lsp.analysis import IncrementalAnalyzer


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

    note = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  note "))
    tags = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  tags "))
    timings: dict[str, list[float]] = {"word": [], "broken": [], "inserted": [], "slow": []}
    # Edits build on each other, as in an editor: each analysis starts from the
    # previous one's cache.
    for round_ in range(args.repeat):
        # A word typed inside a text: the map stays valid, no line moves.
        lines[note] = lines[note][:-1] + f' word{round_}"'
        started = time.perf_counter()
        quick = analyzer.analyse("\n".join(lines), quick=True)
        timings["word"].append(time.perf_counter() - started)
        started = time.perf_counter()
        analyzer.complete_slow(quick, "\n".join(lines))
        timings["slow"].append(time.perf_counter() - started)
        # A half-typed tag (`tags a, b x`): a syntax error; the block is dropped and
        # references to its node become undefined (with did-you-mean). Then fixed.
        saved = lines[tags]
        lines[tags] = saved + f" x{round_}"
        started = time.perf_counter()
        analyzer.analyse("\n".join(lines), quick=True)
        timings["broken"].append(time.perf_counter() - started)
        lines[tags] = saved
        analyzer.analyse("\n".join(lines), quick=True)
        # A new line in the middle: every later chunk moves down one line and is re-parsed.
        lines.insert(note, f"  # a comment typed in round {round_}")
        note += 1
        tags += 1 if tags >= note - 1 else 0
        started = time.perf_counter()
        analyzer.analyse("\n".join(lines), quick=True)
        timings["inserted"].append(time.perf_counter() - started)

    def median_ms(key: str) -> str:
        return f"{statistics.median(timings[key]) * 1000:.0f} ms"

    print("first publication (syntax + every quick rule), median of", args.repeat)
    print(f"  a word typed in a text:         {median_ms('word')}")
    print(f"  a line inserted mid-file:       {median_ms('inserted')} (later chunks move: re-parsed)")
    print(f"  a half-typed line (syntax error): {median_ms('broken')}")
    print(f"then the slow rules (E116), published after: {median_ms('slow')}")
    started = time.perf_counter()
    analyse(path, text=text)
    full = time.perf_counter() - started
    print(f"full analysis of the map (no cache, every rule): {full * 1000:.0f} ms")


if __name__ == "__main__":
    main()
