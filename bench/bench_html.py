"""The HTML report of a big map in Chromium: how soon it answers, what a key
typed in the search box costs.

    python bench/bench_html.py                         # 5,000 nodes, 5 runs
    python bench/bench_html.py --nodes 1000 5000 --runs 3
    python bench/bench_html.py --python /other/venv/bin/python   # another installation's report

Needs Python Playwright and Debian's ``chromium`` (Playwright's own browser
download is not used). The map comes from bench/gen_map.py (seeded); the
report is written by ``python -m argmap outline MAP --format html -o FILE``
with the interpreter given by ``--python``. Each run opens the report in a
fresh browser page (1400 x 900) from ``file://`` and measures:

* **ready**: from navigation start until the load event has fired and two
  frames have been painted after it (the page answers input from then on);
* **load**: navigation start to the end of the load event (Navigation Timing);
* **key**: one character typed into the search box, from its keydown (in the
  page's clock) until the frame after the result is shown (the results' line
  has changed, the next frame drawn): what the key costs the reader, without
  the test driver's latency; a debounce, if any, is part of the figure;
* **task**: the longest main-thread task during that key (Long Tasks API;
  0 when no task took 50 ms);
* **clear**: Escape in the search box, measured the same way, until the full
  outline is shown again;
* **diagram**: a click on the first "Show in diagram" button until the
  diagram has been painted.

The table gives medians over the runs.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_map import generate, to_arg  # noqa: E402 - after the sys.path line above

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))"
OBSERVE = """() => { window.__tasks = []; try { new PerformanceObserver(l => { for (const e of l.getEntries())
  window.__tasks.push(e.duration); }).observe({entryTypes: ['longtask']}); } catch (e) {} }"""
STATUS = "() => { const s = document.getElementById('filter-status'); return s ? s.textContent : ''; }"
# from a keydown in the search box to the frame after the results' line changes, in the page's clock
HOOK = """() => { window.__cost = null;
  const search = document.getElementById('search'), line = document.getElementById('filter-status');
  search.addEventListener('keydown', () => { window.__t0 = performance.now(); }, {capture: true, once: true});
  new MutationObserver((records, observer) => { observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__cost = performance.now() - window.__t0; }, 0)); })
    .observe(line, {childList: true, characterData: true, subtree: true}); }"""


def write_report(python: str, nodes: int, folder: Path) -> Path:
    source = folder / f"map_{nodes}.arg"
    source.write_text(to_arg(generate(nodes)), encoding="utf-8")
    target = folder / f"report_{nodes}.html"
    subprocess.run([python, "-m", "argmap", "outline", str(source), "--format", "html", "-o", str(target)],
                   check=True, cwd=folder)  # not from a checkout: `-m` would import its argmap
    return target


def one_run(browser: Any, url: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="load", timeout=120_000)
    page.evaluate(FRAMES)
    ready = time.perf_counter() - start
    load = page.evaluate("() => { const n = performance.getEntriesByType('navigation')[0];"
                         " return n ? n.loadEventEnd : 0; }") / 1000
    page.evaluate(OBSERVE)
    search = page.locator("#search")
    search.focus()
    page.evaluate(FRAMES)
    page.evaluate(HOOK)
    page.keyboard.type("a")
    page.wait_for_function("() => window.__cost !== null", timeout=60_000)
    key = page.evaluate("window.__cost") / 1000
    tasks = page.evaluate("() => window.__tasks.slice()")
    page.evaluate(HOOK)
    page.keyboard.press("Escape")
    page.wait_for_function("() => window.__cost !== null", timeout=60_000)
    clear = page.evaluate("window.__cost") / 1000
    diagram = float("nan")
    button = page.locator("button.locate").first
    if button.count():
        start = time.perf_counter()
        button.click()
        page.wait_for_selector("#diagram svg", state="attached", timeout=60_000)
        page.evaluate(FRAMES)
        diagram = time.perf_counter() - start
    context.close()
    return {"ready": ready, "load": load, "key": key, "task": max(tasks, default=0.0) / 1000,
            "clear": clear, "diagram": diagram}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, nargs="+", default=[5000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--python", default=sys.executable, help="the interpreter whose argmap writes the report")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("no `chromium` on PATH")
    print("| nodes | report MB | ready s | load s | key ms | longest task ms | clear ms | diagram ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=ARGS)
        for nodes in args.nodes:
            report = write_report(args.python, nodes, Path(tmp))
            runs = [one_run(browser, report.as_uri()) for _ in range(args.runs)]

            def median(key: str, runs: list[dict[str, float]] = runs) -> float:
                return statistics.median(run[key] for run in runs)

            print(f"| {nodes:,} | {report.stat().st_size / 1e6:.1f} | {median('ready'):.2f} | {median('load'):.2f} "
                  f"| {median('key') * 1000:.0f} | {median('task') * 1000:.0f} | {median('clear') * 1000:.0f} "
                  f"| {median('diagram') * 1000:.0f} |", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
