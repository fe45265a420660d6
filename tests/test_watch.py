"""`argmap watch` re-renders after a change and keeps the last good output."""

from __future__ import annotations

import threading
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("watchfiles")

from argmap.watch import Outcome, ReloadServer, build_once, watch_loop

GOOD = 'thesis t "A thesis."\nclaim c "A claim."\n  supports t\n'


def _wait(predicate, timeout: float = 20.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_watch_rerenders_after_a_change_and_keeps_last_good_output(tmp_path: Path) -> None:
    render = pytest.importorskip("argmap.render")
    if not hasattr(render, "render"):
        pytest.skip("argmap.render.render is not available")
    source = tmp_path / "m.arg"
    out = tmp_path / "m.dot"
    source.write_text(GOOD, encoding="utf-8")
    outcomes: list[Outcome] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch_loop, args=(source, out, "dot", (), outcomes.append),
                              kwargs={"stop_event": stop}, daemon=True)
    thread.start()
    try:
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
    finally:
        stop.set()
        thread.join(timeout=10)


def test_build_once_refuses_a_broken_map(tmp_path: Path) -> None:
    source = tmp_path / "m.arg"
    source.write_text('thesis t "unclosed\n', encoding="utf-8")
    out = tmp_path / "m.svg"
    out.write_text("previous", encoding="utf-8")
    outcome = build_once(source, out, "svg")
    assert not outcome.written and any(d.code == "E001" for d in outcome.diagnostics)
    assert out.read_text(encoding="utf-8") == "previous"


def test_reload_server_serves_the_report_with_a_reload_script(tmp_path: Path) -> None:
    page = tmp_path / "r.html"
    page.write_text('<html><head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'">'
                    "</head><body><p>report</p></body></html>", encoding="utf-8")
    server = ReloadServer(page, 0)
    server.start()
    try:
        base = f"http://127.0.0.1:{server.port}"
        served = urllib.request.urlopen(base + "/", timeout=5).read().decode()
        assert "report" in served and "/__version" in served and "Content-Security-Policy" not in served
        assert urllib.request.urlopen(base + "/__version", timeout=5).read() == b"0"
        server.version += 1
        assert urllib.request.urlopen(base + "/__version", timeout=5).read() == b"1"
        assert "Content-Security-Policy" in page.read_text(encoding="utf-8")  # the file is untouched
    finally:
        server.stop()
