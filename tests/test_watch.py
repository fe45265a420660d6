"""`argmap watch`: re-renders after a change, keeps the last good output, waits
for a map that disappears for a moment; `--serve` answers 127.0.0.1 and
localhost only, serves the report as written under its CSP, and says so
plainly when its port is taken."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("watchfiles")

from argmap.errors import ArgmapError
from argmap.watch import SHELL_CSP, Outcome, ReloadServer, allowed_host, build_once, watch_loop

GOOD = 'thesis t "A thesis."\nclaim c "A claim."\n  supports t\n'
REPORT = ('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
          "</head><body><p>report</p></body></html>")


def _wait(predicate, timeout: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def _get(port: int, path: str, host: str | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.putrequest("GET", path, skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


@dataclass
class Watched:
    source: Path
    out: Path
    outcomes: list[Outcome]
    thread: threading.Thread


@contextmanager
def _watched(tmp_path: Path) -> Iterator[Watched]:
    """``watch_loop`` rendering m.arg (written as GOOD) to m.dot in a thread, stopped at the end."""
    source, out = tmp_path / "m.arg", tmp_path / "m.dot"
    source.write_text(GOOD, encoding="utf-8")
    outcomes: list[Outcome] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_loop, args=(source, out, "dot", (), outcomes.append),
                              kwargs={"stop_event": stop}, daemon=True)
    thread.start()
    try:
        yield Watched(source, out, outcomes, thread)
    finally:
        stop.set()
        thread.join(timeout=10)


def test_watch_rerenders_after_a_change_and_keeps_last_good_output(tmp_path: Path) -> None:
    with _watched(tmp_path) as w:
        source, out, outcomes = w.source, w.out, w.outcomes
        assert _wait(lambda: len(outcomes) >= 1 and out.exists())
        first = out.read_text(encoding="utf-8")
        time.sleep(0.3)  # let the watcher settle before the first edit
        source.write_text(GOOD + 'claim d "Another claim."\n  supports t\n', encoding="utf-8")
        assert _wait(lambda: len(outcomes) >= 2 and out.read_text(encoding="utf-8") != first)
        assert "Another claim" in out.read_text(encoding="utf-8")
        good = out.read_text(encoding="utf-8")
        source.write_text('thesis t "unclosed\n', encoding="utf-8")
        assert _wait(lambda: len(outcomes) >= 3)
        assert outcomes[-1].written is False and outcomes[-1].diagnostics
        assert out.read_text(encoding="utf-8") == good  # the last good output is kept


def test_watch_waits_for_a_map_saved_by_rename_or_gone_for_a_moment(tmp_path: Path) -> None:
    with _watched(tmp_path) as w:
        source, out, outcomes = w.source, w.out, w.outcomes
        assert _wait(lambda: out.exists())
        time.sleep(0.3)
        # An editor's save: a new file renamed over the map.
        fresh = tmp_path / ".m.arg.swp-new"
        fresh.write_text(GOOD + 'claim renamed "Saved by rename."\n  supports t\n', encoding="utf-8")
        os.replace(fresh, source)
        assert _wait(lambda: "Saved by rename" in out.read_text(encoding="utf-8"))
        # The map gone, then back: the loop says so and goes on.
        source.unlink()
        assert _wait(lambda: any(o.missing for o in outcomes))
        assert w.thread.is_alive()
        source.write_text(GOOD + 'claim back "It came back."\n  supports t\n', encoding="utf-8")
        assert _wait(lambda: "It came back" in out.read_text(encoding="utf-8"))
        assert outcomes[-1].written and outcomes[-1].missing is None


def test_build_once_refuses_a_broken_map_and_waits_for_a_missing_one(tmp_path: Path) -> None:
    source = tmp_path / "m.arg"
    source.write_text('thesis t "unclosed\n', encoding="utf-8")
    out = tmp_path / "m.svg"
    out.write_text("previous", encoding="utf-8")
    outcome = build_once(source, out, "svg")
    assert not outcome.written and any(d.code == "E001" for d in outcome.diagnostics)
    assert out.read_text(encoding="utf-8") == "previous"
    source.unlink()
    outcome = build_once(source, out, "svg")
    assert not outcome.written and outcome.missing and "m.arg" in outcome.missing
    assert out.read_text(encoding="utf-8") == "previous"


def test_a_failing_expectation_does_not_stop_the_render(tmp_path: Path) -> None:
    source = tmp_path / "m.arg"
    source.write_text(GOOD + "counter k \"An objection.\"\n  attacks t\nexpect t accepted\n", encoding="utf-8")
    outcome = build_once(source, tmp_path / "m.dot", "dot")
    assert outcome.written and "E116" in {d.code for d in outcome.diagnostics}


@contextmanager
def _serving(tmp_path: Path) -> Iterator[tuple[ReloadServer, Path]]:
    """A ReloadServer on a free port serving REPORT from r.html, stopped at the end."""
    page = tmp_path / "r.html"
    page.write_text(REPORT, encoding="utf-8")
    server = ReloadServer(page, 0)
    server.start()
    try:
        yield server, page
    finally:
        server.stop()


def test_the_report_is_served_as_written_under_its_csp_in_a_reloading_frame(tmp_path: Path) -> None:
    with _serving(tmp_path) as (server, page):
        host = f"127.0.0.1:{server.port}"
        status, headers, body = _get(server.port, "/report", host)
        assert status == 200 and body == page.read_bytes()  # byte for byte, its CSP included
        assert "frame-ancestors 'self'" in headers["content-security-policy"]
        status, headers, shell = _get(server.port, "/", host)
        assert status == 200 and headers["content-security-policy"] == SHELL_CSP + "; frame-ancestors 'none'"
        assert b'<iframe id="report" src="/report"' in shell and SHELL_CSP.encode() in shell
        assert "unsafe-inline" not in SHELL_CSP and "default-src 'none'" in SHELL_CSP
        assert _get(server.port, "/__version", host)[2] == b"0"
        server.version += 1
        assert _get(server.port, "/__version", f"localhost:{server.port}")[2] == b"1"
        assert _get(server.port, "/elsewhere", host)[0] == 404


def test_requests_naming_another_host_are_refused(tmp_path: Path) -> None:
    with _serving(tmp_path) as (server, _):
        for host in ("attacker.example", f"attacker.example:{server.port}", f"127.0.0.1.nip.io:{server.port}",
                     "127.0.0.1", f"127.0.0.1:{server.port + 1}", None):
            status, _, body = _get(server.port, "/report", host)
            assert status == 403 and b"report" not in body, host
    assert allowed_host("LOCALHOST:80", 80) and not allowed_host("localhost", 80)


def test_a_busy_port_is_reported_plainly(tmp_path: Path) -> None:
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        with pytest.raises(ArgmapError, match="already in use"):
            ReloadServer(tmp_path / "r.html", port)
        source = tmp_path / "m.arg"
        source.write_text(GOOD, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "argmap", "watch", str(source), "-o", str(tmp_path / "r.html"),
                               "--serve", "--port", str(port)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2
        assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    finally:
        taken.close()


@pytest.mark.browser
def test_the_served_page_shows_the_report_and_reloads_it_in_chromium(tmp_path: Path) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Debian's chromium is not installed")
    playwright = pytest.importorskip("playwright.sync_api")
    from argmap.api import loads
    from argmap.render.html import render_html

    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(loads(GOOD)), encoding="utf-8")
    server = ReloadServer(page_file, 0)
    server.start()
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            problems: list[str] = []
            page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None)
            page.goto(f"http://localhost:{server.port}/")
            body = page.frame_locator("#report").locator("body")
            assert _wait(lambda: "A thesis." in (body.text_content() or ""))
            page.screenshot(path=str(tmp_path / "watch-serve.png"))
            if os.environ.get("ARGMAP_ARTIFACTS"):
                page.screenshot(path=str(Path(os.environ["ARGMAP_ARTIFACTS"]) / "watch-serve.png"))
            page_file.write_text(render_html(loads(GOOD.replace("A thesis.", "A changed thesis."))),
                                 encoding="utf-8")
            server.version += 1
            assert _wait(lambda: "A changed thesis." in (body.text_content() or ""))
            browser.close()
        assert not [m for m in problems if "Content Security Policy" in m or "Refused" in m], problems
    finally:
        server.stop()
