"""argmap against Argdown (`@argdown/cli`), side by side on the same maps.

    python bench/vs_argdown.py                         # sizes 100 1000 5000 20000, 3 runs
    python bench/vs_argdown.py --sizes 1000 --runs 5 --tasks check dot

One seeded generator (bench/gen_map.py) writes each map as .arg and .argdown.
Each task runs both tools alternately, each run in a fresh process; the table
gives the median wall time, the peak memory (max RSS of the child, from
wait4) and argmap / Argdown ratios. Tasks:

    check   argmap check MAP.arg                 vs  argdown json MAP.argdown
    dot     argmap render --format dot MAP.arg   vs  argdown map -f dot MAP.argdown
    svg     argmap render --format svg MAP.arg   vs  argdown map -f svg MAP.argdown

Argdown is installed with npm into a cache folder when `argdown` is not on
PATH (set ARGDOWN to use another executable). Runs that time out or fail are
shown as such, never as a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_map import write_pair  # noqa: E402

NPM_HOME = Path(os.environ.get("ARGDOWN_HOME", Path(tempfile.gettempdir()) / "argmap-argdown-cli"))


def argdown_executable() -> str:
    """`argdown` from ARGDOWN, PATH or the npm cache folder (installed if missing)."""
    if os.environ.get("ARGDOWN"):
        return os.environ["ARGDOWN"]
    found = shutil.which("argdown")
    if found:
        return found
    local = NPM_HOME / "node_modules" / ".bin" / "argdown"
    if not local.exists():
        print(f"installing @argdown/cli into {NPM_HOME} ...", file=sys.stderr)
        NPM_HOME.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NPM_HOME), "@argdown/cli"],
                       check=True, stdout=subprocess.DEVNULL)
    return str(local)


def measure(cmd: list[str], timeout: float, ok_codes: tuple[int, ...] = (0,)) -> tuple[str, float, float]:
    """Run ``cmd``; return (status, wall seconds, peak RSS MB of the child)."""
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below; not a pipe: a full pipe would block the child
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            log.close()
            return "timeout", time.perf_counter() - start, usage.ru_maxrss / 1024
        time.sleep(0.005)
    elapsed = time.perf_counter() - start
    log.seek(0)
    output = log.read().decode("utf-8", "replace")
    log.close()
    code = os.waitstatus_to_exitcode(status)
    failed = code not in ok_codes or "canceled" in output or "Error" in output
    return ("failed" if failed else "ok"), elapsed, usage.ru_maxrss / 1024


def commands(task: str, arg: Path, argdown_map: Path, out: Path, argdown: str) -> tuple[list[str], list[str]]:
    py = [sys.executable, "-m", "argmap"]
    if task == "check":
        return py + ["check", str(arg)], [argdown, "json", str(argdown_map), str(out)]
    fmt = "dot" if task == "dot" else "svg"
    return (py + ["render", str(arg), "--format", fmt, "--force", "-o", str(out / f"{arg.stem}.{fmt}")],
            [argdown, "map", "-f", fmt, str(argdown_map), str(out)])


def _cell(results: list[tuple[str, float, float]]) -> tuple[str, str, float | None, float | None]:
    good = [r for r in results if r[0] == "ok"]
    if not good:
        status = results[0][0] if results else "n/a"
        return status, "-", None, None
    time_s = statistics.median(r[1] for r in good)
    mem = max(r[2] for r in good)
    return f"{time_s:.2f}", f"{mem:.0f}", time_s, mem


def compile_package() -> None:
    """Write argmap's bytecode first, as ``pip install`` does: an editable
    checkout whose .pyc files are stale (or a shell with
    PYTHONDONTWRITEBYTECODE=1) would otherwise compile every module on
    every run and time the compiler, not argmap."""
    import compileall

    import argmap

    compileall.compile_dir(str(Path(argmap.__file__).parent), quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--tasks", nargs="+", default=["check", "dot", "svg"], choices=["check", "dot", "svg"])
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "argmap-vs-argdown")
    args = parser.parse_args()

    argdown = argdown_executable()
    compile_package()
    version = subprocess.run([argdown, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}, "
          f"Python {platform.python_version()}, @argdown/cli {version}")
    print()
    print("| nodes | task | argmap s | argmap MB | Argdown s | Argdown MB | time ratio | memory ratio |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size in args.sizes:
        arg, argdown_map = write_pair(size, args.out)
        for task in args.tasks:
            out = args.out / f"out_{size}_{task}"
            out.mkdir(parents=True, exist_ok=True)
            mine, theirs = commands(task, arg, argdown_map, out, argdown)
            ours_results, their_results = [], []
            for _ in range(args.runs):  # alternate, so load changes hit both tools alike
                ours_results.append(measure(mine, args.timeout, ok_codes=(0, 1) if task == "check" else (0,)))
                their_results.append(measure(theirs, args.timeout))
            a_t, a_m, a_ts, a_ms = _cell(ours_results)
            b_t, b_m, b_ts, b_ms = _cell(their_results)
            t_ratio = f"{a_ts / b_ts:.2f}" if a_ts and b_ts else "-"
            m_ratio = f"{a_ms / b_ms:.2f}" if a_ms and b_ms else "-"
            print(f"| {size:,} | {task} | {a_t} | {a_m} | {b_t} | {b_m} | {t_ratio} | {m_ratio} |", flush=True)


if __name__ == "__main__":
    main()
