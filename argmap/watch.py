"""`argmap watch`: re-check and re-render a map each time it (or a file it
includes, or a cited source) is saved. The last good output is kept when the
map breaks; the diagnostics are printed instead.

``--serve`` serves the HTML report on 127.0.0.1 and reloads the page after
each render. The reload script is injected into the *served* page only: the
file written to disk stays self-contained and CSP-clean.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.fileio import atomic_write

__all__ = ["Outcome", "build_once", "produce_output", "ReloadServer", "watch_loop"]


@dataclass
class Outcome:
    """One round: the output written (or None) and what the checks found."""

    written: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)
    version: int = 0


def produce_output(path: Path, fmt: str, sources: tuple[str, ...]) -> tuple[bytes | None, list[Diagnostic]]:
    """Check ``path``; when it has no errors, render it to ``fmt`` bytes."""
    from argmap.api import analyse

    analysis = analyse(path, sources=sources)
    if any(d.severity is Severity.ERROR for d in analysis.diagnostics):
        return None, analysis.diagnostics
    if fmt == "html":
        from argmap.render.html import render_html

        return render_html(analysis.map).encode("utf-8"), analysis.diagnostics
    from argmap.render import RenderOptions, render

    return render(analysis.map, fmt, RenderOptions()), analysis.diagnostics


def build_once(
    path: Path,
    out: Path,
    fmt: str,
    sources: tuple[str, ...] = (),
    produce: Callable[[Path, str, tuple[str, ...]], tuple[bytes | None, list[Diagnostic]]] = produce_output,
) -> Outcome:
    data, diagnostics = produce(path, fmt, sources)
    if data is None:
        return Outcome(False, diagnostics)
    atomic_write(out, data)
    return Outcome(True, diagnostics)


_RELOAD_SCRIPT = """<script>
(function(){var v=null;setInterval(function(){fetch('/__version').then(function(r){return r.text()})
.then(function(t){if(v!==null&&t!==v){location.reload()}v=t}).catch(function(){})},700)})();
</script>"""


class ReloadServer:
    """Serves one HTML file at / and its render count at /__version."""

    def __init__(self, html_path: Path, port: int = 0) -> None:
        self.html_path = html_path
        self.version = 0
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/__version":
                    body, kind = str(owner.version).encode(), "text/plain"
                elif self.path in ("/", "/index.html"):
                    try:
                        page = owner.html_path.read_text(encoding="utf-8")
                    except OSError:
                        page = "<p>No report yet: the map has errors.</p>"
                    # The served copy only: a reload script without the file's CSP.
                    page = _strip_csp(page).replace("</body>", _RELOAD_SCRIPT + "</body>")
                    body, kind = page.encode("utf-8"), "text/html; charset=utf-8"
                else:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Cache-Control", "no-store")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _strip_csp(page: str) -> str:
    import re

    return re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page, count=1)


def watch_loop(
    path: Path,
    out: Path,
    fmt: str,
    sources: tuple[str, ...],
    report: Callable[[Outcome], None],
    *,
    stop_event: threading.Event | None = None,
    extra_paths: Iterable[Path] = (),
    server: ReloadServer | None = None,
) -> None:
    """Build once, then after every change to the map's folder (or extras)."""
    from watchfiles import watch

    def round_() -> None:
        outcome = build_once(path, out, fmt, sources)
        if outcome.written and server is not None:
            server.version += 1
        outcome.version = server.version if server is not None else 0
        report(outcome)

    round_()
    folders = {path.resolve().parent, *(Path(p).resolve() for p in extra_paths)}
    output = out.resolve()
    for changes in watch(*sorted(folders), stop_event=stop_event, debounce=150, step=50):
        relevant = [c for c in changes if Path(c[1]).resolve() != output and not c[1].endswith((".tmp", "~"))]
        if any(Path(c[1]).suffix in (".arg", ".txt", ".md") or Path(c[1]).resolve() == path.resolve() for c in relevant):
            round_()
