"""`argmap watch`: re-check and re-render a map each time it (or a file it
includes, or a cited source) is saved. The last good output is kept when the
map breaks; the diagnostics are printed instead. A map that disappears for a
moment (editors save by writing a new file and renaming it over the old one)
is waited for, not given up on.

``--serve`` serves the HTML report on 127.0.0.1 only, to pages whose address
names this server (the ``Host`` header is checked, so a page elsewhere cannot
reach it through a DNS name pointing at 127.0.0.1). ``/`` is a small page
that shows the report in a frame and reloads the frame after each render;
the report itself is served exactly as written, under its own
Content-Security-Policy.
"""

from __future__ import annotations

import base64
import errno
import hashlib
import http.server
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import ArgmapError, InputError
from argmap.fileio import atomic_write

__all__ = ["Outcome", "build_once", "produce_output", "ReloadServer", "watch_loop", "allowed_host"]


@dataclass
class Outcome:
    """One round: the output written (or None) and what the checks found;
    ``missing`` says why nothing was checked (the map cannot be read now)."""

    written: bool
    diagnostics: list[Diagnostic] = field(default_factory=list)
    version: int = 0
    missing: str | None = None


def produce_output(path: Path, fmt: str, sources: tuple[str, ...]) -> tuple[bytes | None, list[Diagnostic]]:
    """Check ``path``; when it has no errors (a failing expectation is a verdict
    on the argument, not a broken map: as for ``argmap render``), render it to
    ``fmt`` bytes."""
    from argmap.api import analyse
    from argmap.evaluate.expectations import CODE as EXPECTATION

    analysis = analyse(path, sources=sources)
    if any(d.severity is Severity.ERROR and d.code != EXPECTATION for d in analysis.diagnostics):
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
    """One round. A map that cannot be read (gone for a moment while an editor
    saves) gives an outcome that says so; the output is left as it is."""
    if not path.exists():
        return Outcome(False, missing=f"{path} is not there")
    try:
        data, diagnostics = produce(path, fmt, sources)
    except InputError as exc:
        return Outcome(False, missing=str(exc))
    if data is None:
        return Outcome(False, diagnostics)
    atomic_write(out, data)
    return Outcome(True, diagnostics)


_SHELL_STYLE = "html,body,iframe{margin:0;border:0;width:100%;height:100%;display:block}"
# The version the page was served with is in the frame's data-version: a render
# between serving the page and the first poll still reloads the frame.
_SHELL_SCRIPT = (
    "(function(){var f=document.getElementById('report'),v=f.getAttribute('data-version');"
    "setInterval(function(){fetch('/__version',{cache:'no-store'}).then(function(r){return r.text()})"
    ".then(function(t){if(t!==v){v=t;f.contentWindow.location.reload()}}).catch(function(){})},700)})();"
)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


SHELL_CSP = (f"default-src 'none'; script-src {_sha256(_SHELL_SCRIPT)}; style-src {_sha256(_SHELL_STYLE)}; "
             "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'")
_SHELL_HEADER = SHELL_CSP + "; frame-ancestors 'none'"  # (a <meta> cannot say frame-ancestors)
_SHELL = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>argmap watch</title>'
    f'<meta http-equiv="Content-Security-Policy" content="{SHELL_CSP}">'
    f"<style>{_SHELL_STYLE}</style></head><body>"
    '<iframe id="report" src="/report" title="argmap report" data-version="{version}"></iframe>'
    f"<script>{_SHELL_SCRIPT}</script></body></html>\n"
)
_WAITING = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>argmap watch</title>"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head>"
            "<body><p>No report yet: the map has errors (see the terminal).</p></body></html>\n")


def allowed_host(host: str | None, port: int) -> bool:
    """Whether a request's ``Host`` names this server (127.0.0.1 or localhost,
    on its port): a page that reached 127.0.0.1 through another name (DNS
    rebinding) is refused."""
    if not host:
        return False
    return host.strip().lower() in (f"127.0.0.1:{port}", f"localhost:{port}")


class ReloadServer:
    """Serves the report (``/report``, exactly as written), a page that shows
    it and reloads it (``/``), and the render count (``/__version``)."""

    def __init__(self, html_path: Path, port: int = 0) -> None:
        self.html_path = html_path
        self.version = 0
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if not allowed_host(self.headers.get("Host"), owner.port):
                    self._send(403, b"argmap watch answers requests for 127.0.0.1 and localhost only\n",
                               "text/plain; charset=utf-8")
                    return
                route = self.path.split("?", 1)[0]
                if route == "/__version":
                    self._send(200, str(owner.version).encode(), "text/plain; charset=utf-8")
                elif route in ("/", "/index.html"):
                    shell = _SHELL.replace("{version}", str(owner.version))
                    self._send(200, shell.encode("utf-8"), "text/html; charset=utf-8", _SHELL_HEADER)
                elif route == "/report":
                    try:
                        body = owner.html_path.read_bytes()
                    except OSError:
                        body = _WAITING.encode("utf-8")
                    self._send(200, body, "text/html; charset=utf-8", "frame-ancestors 'self'")
                else:
                    self._send(404, b"not found\n", "text/plain; charset=utf-8")

            def _send(self, status: int, body: bytes, kind: str, policy: str | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Cache-Control", "no-store")
                self.send_header("X-Content-Type-Options", "nosniff")
                self.send_header("Referrer-Policy", "no-referrer")
                if policy is not None:
                    self.send_header("Content-Security-Policy", policy)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        try:
            self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
        except OSError as exc:
            raise ArgmapError(_bind_problem(port, exc)) from None
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _bind_problem(port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} on 127.0.0.1 is already in use (another argmap watch, or another server); "
                "choose another with --port N, or --port 0 for any free port")
    if exc.errno == errno.EACCES:
        return f"port {port} on 127.0.0.1 needs privileges this user lacks; choose a port above 1023 with --port N"
    return f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}"


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
    """Build once, then after every change to the map's folder (or extras).
    While the map is missing, each round says so and the loop goes on
    waiting for it to come back."""
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
    target = path.resolve()
    for changes in watch(*sorted(folders), stop_event=stop_event, debounce=150, step=50):
        relevant = [c for c in changes if Path(c[1]).resolve() != output and not c[1].endswith((".tmp", "~"))]
        if any(Path(c[1]).suffix in (".arg", ".txt", ".md") or Path(c[1]).resolve() == target for c in relevant):
            round_()
