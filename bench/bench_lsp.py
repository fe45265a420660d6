"""How fast the language server publishes diagnostics after an edit, measured
as an editor sees it: ``argmap lsp`` in its own process, over a pipe.

    python bench/bench_lsp.py --nodes 5000 20000
    python bench/bench_lsp.py --nodes 20000 --pythonpath /tmp/argmap-old   # another checkout

For each size, a generated map (bench/gen_map.py) is opened, then edited the
way an editor sends edits (incremental ``didChange`` messages with ranges),
in rounds that build on each other:

* a word typed inside a text (the map stays valid, no line moves);
* a half-typed line (``tags a, b x``: a syntax error), then taken back;
* a line inserted mid-file (every later line moves down).

Each figure is the time from sending the change to receiving the first
``publishDiagnostics`` for that version (syntax errors and every rule but the
expectations), with the server's debounce set to 0; the median of
``--repeat`` rounds; in brackets, the CPU time the server's main thread spent
meanwhile (Linux: /proc/PID/schedstat), which a busy machine inflates less.
The expectations follow in a second publication. Also given: the first
publication after opening, and the server's peak RSS.

``--in-process`` times the analysis alone (argmap.lsp.analysis), without the
server: a breakdown, not the figure an editor sees.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_map import generate, to_arg

_NODE_LINE = re.compile(r"^(?:thesis|claim|evidence|counter|hypothesis|assumption|question|argument) ", re.M)


class Server:
    """``argmap lsp`` in a child process, spoken to over its standard streams."""

    def __init__(self, pythonpath: str | None, folder: Path) -> None:
        env = dict(os.environ)
        if pythonpath:
            env["PYTHONPATH"] = pythonpath
        args = [sys.executable, "-m", "argmap", "lsp"]
        # Started in the map's folder: `python -m` puts the current folder first
        # on the path, which must not hold another argmap than the one meant.
        help_text = subprocess.run(args + ["--help"], env=env, cwd=folder, capture_output=True, text=True).stdout
        if "--debounce" in help_text:
            args += ["--debounce", "0"]
        else:  # an older server read its debounce from the environment
            env["ARGMAP_LSP_DEBOUNCE"] = "0"
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env, cwd=folder)
        self.inbox: queue.Queue[tuple[float, dict[str, Any]]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if not line.strip():
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = stream.read(length)
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict[str, Any]) -> float:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        sent = time.perf_counter()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return sent

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        while True:
            _, message = self.inbox.get(timeout=120)
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def publication(self, version: int, timeout: float = 120) -> float:
        """When the first diagnostics for ``version`` arrived."""
        deadline = time.perf_counter() + timeout
        while True:
            arrived, message = self.inbox.get(timeout=max(deadline - time.perf_counter(), 0.01))
            if message.get("method") == "textDocument/publishDiagnostics" and message["params"].get("version") == version:
                return arrived

    def settle(self, quiet: float = 1.5) -> None:
        """Wait until nothing more comes (the expectations' publication)."""
        while True:
            try:
                self.inbox.get(timeout=quiet)
            except queue.Empty:
                return

    def cpu_ms(self) -> float:
        """CPU time of the server's main thread so far (Linux; NaN elsewhere)."""
        try:
            return int(Path(f"/proc/{self.process.pid}/schedstat").read_text().split()[0]) / 1e6
        except (OSError, ValueError, IndexError):
            return float("nan")

    def peak_rss_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.send({"jsonrpc": "2.0", "method": "exit"})
            self.process.wait(timeout=20)
        except Exception:
            self.process.kill()


def _change(uri: str, version: int, line: int, column: int, end_line: int, end_column: int,
            text: str) -> dict[str, Any]:
    where = {"start": {"line": line, "character": column}, "end": {"line": end_line, "character": end_column}}
    return {"jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": {"textDocument": {"uri": uri, "version": version},
                       "contentChanges": [{"range": where, "text": text}]}}


def over_the_wire(nodes: int, repeat: int, pythonpath: str | None, given: Path | None = None) -> dict[str, float]:
    text = given.read_text(encoding="utf-8") if given is not None else to_arg(generate(nodes))
    lines = text.split("\n")
    folder = Path(tempfile.mkdtemp(prefix="bench_lsp_"))
    path = folder / "bench.arg"
    path.write_text(text, encoding="utf-8")
    uri = path.resolve().as_uri()
    server = Server(pythonpath, folder)
    server.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}})
    server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    sent = server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "arg", "version": 1, "text": text}}})
    opened = server.publication(1) - sent
    server.settle()
    note = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  note "))
    tags = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  tags "))
    times: dict[str, list[float]] = {"word": [], "broken": [], "inserted": []}
    cpu: dict[str, list[float]] = {"word": [], "broken": [], "inserted": []}
    version = 1

    def timed(key: str, message: dict[str, Any]) -> None:
        before = server.cpu_ms()
        sent = server.send(message)
        times[key].append((server.publication(message["params"]["textDocument"]["version"]) - sent) * 1000)
        cpu[key].append(server.cpu_ms() - before)
        server.settle()

    for round_ in range(repeat):
        # A word typed inside a text, just before its closing quote.
        column = len(lines[note]) - 1
        word = f" word{round_}"
        version += 1
        timed("word", _change(uri, version, note, column, note, column, word))
        lines[note] = lines[note][:column] + word + lines[note][column:]
        # A half-typed tag at the end of a tags line (a syntax error), then taken back.
        end = len(lines[tags])
        version += 1
        timed("broken", _change(uri, version, tags, end, tags, end, f" x{round_}"))
        version += 1
        server.send(_change(uri, version, tags, end, tags, end + len(f" x{round_}"), ""))
        server.publication(version)
        server.settle()
        # A line inserted mid-file: every later line moves down.
        version += 1
        timed("inserted", _change(uri, version, note, 0, note, 0, f"  # a comment typed in round {round_}\n"))
        lines.insert(note, f"  # a comment typed in round {round_}")
        note += 1
        tags += 1 if tags >= note - 1 else 0
    if os.environ.get("BENCH_LSP_VERBOSE"):
        print({key: [round(v) for v in values] for key, values in times.items()}, file=sys.stderr)
    result = {key: statistics.median(values) for key, values in times.items()}
    result.update({f"{key} cpu": statistics.median(values) for key, values in cpu.items()})
    result["open"] = opened * 1000
    result["rss"] = server.peak_rss_mb()
    server.close()
    path.unlink()
    folder.rmdir()
    return result


def in_process(nodes: int, repeat: int) -> dict[str, float]:
    from argmap.lsp.analysis import IncrementalAnalyzer

    text = to_arg(generate(nodes))
    lines = text.split("\n")
    analyzer = IncrementalAnalyzer(str(Path(tempfile.gettempdir()) / "bench.arg"))
    started = time.perf_counter()
    analyzer.analyse(text)
    opened = time.perf_counter() - started
    note = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  note "))
    tags = next(i for i in range(len(lines) // 2, len(lines)) if lines[i].startswith("  tags "))
    times: dict[str, list[float]] = {"word": [], "broken": [], "inserted": []}

    def timed(key: str) -> None:
        joined = "\n".join(lines)
        begin = time.perf_counter()
        analyzer.analyse(joined)
        times[key].append(time.perf_counter() - begin)

    for round_ in range(repeat):
        lines[note] = lines[note][:-1] + f' word{round_}"'
        timed("word")
        saved = lines[tags]
        lines[tags] = saved + f" x{round_}"
        timed("broken")
        lines[tags] = saved
        analyzer.analyse("\n".join(lines))
        lines.insert(note, f"  # a comment typed in round {round_}")
        note += 1
        timed("inserted")
    result = {key: statistics.median(values) * 1000 for key, values in times.items()}
    result["open"] = opened * 1000
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pythonpath", help="run the server from this checkout (PYTHONPATH)")
    parser.add_argument("--map", type=Path, nargs="+", help="maps to open instead of generated ones (for a server "
                        "that reads an older language: one made by that checkout's bench/gen_map.py)")
    parser.add_argument("--in-process", action="store_true", help="time the analysis alone, without the server")
    args = parser.parse_args()
    print("| nodes | a word typed | a half-typed line | a line inserted mid-file | open | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|")
    runs: list[tuple[int, Path | None]] = [(0, m) for m in args.map] if args.map else [(n, None) for n in args.nodes]
    for nodes, given in runs:
        found = in_process(nodes, args.repeat) if args.in_process else over_the_wire(nodes, args.repeat,
                                                                                    args.pythonpath, given)
        if given is not None:
            nodes = len(_NODE_LINE.findall(given.read_text(encoding="utf-8")))
        rss = f"{found['rss']:.0f} MB" if "rss" in found else "-"
        cells = []
        for key in ("word", "broken", "inserted"):
            cpu = f" (CPU {found[key + ' cpu']:.0f})" if key + " cpu" in found else ""
            cells.append(f"{found[key]:.0f} ms{cpu}")
        print(f"| {nodes:,} | {' | '.join(cells)} | {found['open']:.0f} ms | {rss} |", flush=True)


if __name__ == "__main__":
    main()
