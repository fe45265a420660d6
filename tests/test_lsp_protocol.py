"""The language server against bad input on the wire: raw bytes over stdio to
`argmap lsp`. Malformed framing, bodies that are not JSON-RPC and requests
with bad params get JSON-RPC errors and the server goes on; a lone surrogate
still gives diagnostics; an include bomb is answered, not hung on."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pygls")

from lsp_client import LspClient, LspError

HANG_GUARD = 120  # seconds: a generous bound that only a hang exceeds (not a speed test)


@pytest.fixture(scope="module")
def server():
    """One server for the whole module: each test sends it something bad and
    checks it still answers, so the server also lives through them all in a row."""
    lsp = LspClient()
    lsp.initialize()
    yield lsp
    lsp.close()


@pytest.fixture()
def client(server: LspClient) -> LspClient:
    # a round trip: whatever the last test made the server say has arrived...
    server.request("textDocument/documentSymbol", {"textDocument": {"uri": _open(server)}})
    server.notifications.clear()  # ...and is forgotten
    return server


def _frame(message: dict[str, Any]) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _error_reply(client: LspClient, ident: Any = None, timeout: float = 30) -> dict[str, Any]:
    """The next error answer for ``ident`` (None: a message that had no id)."""
    deadline = time.monotonic() + timeout
    for seen in list(client.notifications):
        if "error" in seen and seen.get("id") == ident:
            client.notifications.remove(seen)
            return seen["error"]
    while time.monotonic() < deadline:
        message = client.next_message(timeout=max(deadline - time.monotonic(), 0.01))
        if "error" in message and message.get("id") == ident:
            return message["error"]
        client.notifications.append(message)
    raise TimeoutError("no error answer")


def _still_answers(client: LspClient) -> None:
    assert client.request("textDocument/documentSymbol", {"textDocument": {"uri": _open(client)}}) is not None


def _open(client: LspClient, text: str = 'thesis t "A thesis."\n') -> str:
    uri = f"file:///nonexistent/alive_{time.monotonic_ns()}.arg"
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "arg", "version": 1,
                                                            "text": text}})
    return uri


def _peak_rss_mb(client: LspClient) -> float:
    for line in Path(f"/proc/{client.process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def test_a_content_length_of_a_terabyte_is_refused_without_taking_memory(client: LspClient) -> None:
    client.send_raw(b"Content-Length: 1000000000000\r\n\r\n" + b"x" * 5000 + b"\r\n")
    error = _error_reply(client)
    assert error["code"] == -32700 and "above the limit" in error["message"]
    _still_answers(client)
    if Path("/proc/self/status").exists():
        assert _peak_rss_mb(client) < 400  # nothing near the announced size was allocated


@pytest.mark.parametrize("header", [b"Content-Length: abc", b"Content-Length: -5", b"Content-Length:",
                                    b"Content-Length: " + b"9" * 6000, b"Content-Length: 12\xff",
                                    b"Content-Type: application/vscode-jsonrpc", b"garbage without a colon"])
def test_a_length_that_is_not_a_number_or_missing_is_answered(client: LspClient, header: bytes) -> None:
    client.send_raw(header + b"\r\n\r\n" + b'{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}')
    error = _error_reply(client)
    assert error["code"] == -32700 and "cannot read the message" in error["message"]
    _still_answers(client)


def test_a_short_length_costs_one_error_and_the_next_message_is_read(client: LspClient) -> None:
    whole = json.dumps({"jsonrpc": "2.0", "id": 41, "method": "textDocument/hover", "params": {}}).encode()
    client.send_raw(b"Content-Length: 10\r\n\r\n" + whole)  # 10 bytes read, the rest left over
    uri = _open(client)
    error = _error_reply(client)
    assert error["code"] == -32700
    assert client.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}}) is not None


def test_an_over_long_header_line_is_skipped(client: LspClient) -> None:
    client.send_raw(b"X-Padding: " + b"a" * 100_000 + b"\r\n\r\n")
    assert _error_reply(client)["code"] == -32700
    _still_answers(client)


@pytest.mark.parametrize("body, code", [
    (b"{not json", -32700),
    (b'"\xff\xfe"', -32700),
    (b"[" * 100_000 + b"]" * 100_000, -32700),
    (b'[{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}]', -32600),
    (b"42", -32600),
])
def test_bodies_that_are_not_json_rpc_objects_are_answered(client: LspClient, body: bytes, code: int) -> None:
    client.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    assert _error_reply(client)["code"] == code
    _still_answers(client)


def test_a_request_in_another_json_rpc_version_is_answered_with_its_id(client: LspClient) -> None:
    client.send_raw(_frame({"jsonrpc": "1.0", "id": 7, "method": "shutdown"}))
    assert _error_reply(client, 7)["code"] == -32600


@pytest.mark.parametrize("method, params", [
    ("textDocument/hover", {"textDocument": {"uri": "file:///x.arg"}}),
    ("textDocument/definition", 5),
    ("textDocument/rename", {"textDocument": {"uri": "file:///x.arg"}, "position": {"line": "one", "character": 0},
                             "newName": "y"}),
    ("textDocument/completion", {"textDocument": {}, "position": {"line": 0, "character": 0}}),
])
def test_requests_with_bad_params_get_invalid_params(client: LspClient, method: str, params: Any) -> None:
    with pytest.raises(LspError) as raised:
        client.request(method, params, timeout=30)
    assert raised.value.args[0]["code"] == -32602
    _still_answers(client)


def test_a_request_about_a_document_that_is_not_open_is_an_error(client: LspClient) -> None:
    with pytest.raises(LspError) as raised:
        client.request("textDocument/hover", {"textDocument": {"uri": "file:///etc/passwd"},
                                              "position": {"line": 0, "character": 0}})
    assert raised.value.args[0]["code"] == -32602 and "not open" in raised.value.args[0]["message"]


def test_an_unknown_method_is_answered(client: LspClient) -> None:
    with pytest.raises(LspError) as raised:
        client.request("argmap/noSuchThing", {})
    assert raised.value.args[0]["code"] == -32601


def test_positions_beyond_the_text_are_answered(client: LspClient) -> None:
    uri = _open(client, 'thesis t "A thesis."\nclaim c "x"\n  supports t\n')
    doc = {"uri": uri}
    assert client.request("textDocument/hover", {"textDocument": doc, "position": {"line": 999, "character": 5}}) is None
    past_the_end = client.request("textDocument/hover", {"textDocument": doc,
                                                         "position": {"line": 2, "character": 10_000}})
    assert past_the_end["range"]["start"]["line"] == 2  # the end of the line: the id just before it
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
        {"range": {"start": {"line": 50, "character": 3}, "end": {"line": 40, "character": 0}}, "text": "\n"}]})
    params = client.wait_for("textDocument/publishDiagnostics", lambda p: p.get("version") == 2)
    assert all(d["code"] != "E001" for d in params["diagnostics"])


def test_a_lone_surrogate_still_gives_diagnostics(client: LspClient) -> None:
    # json.dumps writes "\ud800" as an escape: what an editor sends for a lone surrogate
    text = 'thesis t "A th\ud800esis."\nclaim c "A claim \udc00 here."\n  supports tt\n'
    uri = "file:///nonexistent/surrogate.arg"
    client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "arg", "version": 1,
                                                            "text": text}})
    params = client.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri)
    by_code = {d["code"]: d for d in params["diagnostics"]}
    assert {"E002", "E102"} <= set(by_code)
    assert by_code["E002"]["range"]["start"] == {"line": 0, "character": 14}
    assert by_code["E102"]["range"]["start"] == {"line": 2, "character": 11}
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": {"line": 0, "character": 8}})
    assert "A th\ufffdesis" in hover["contents"]["value"]  # Markdown-escaped: "esis\\."
    with pytest.raises(LspError):
        client.request("textDocument/rename", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 8},
                                               "newName": "bad\ud800"})
    assert not [n for n in client.notifications if n.get("method") == "window/showMessage"]


def test_an_include_bomb_is_answered_not_hung_on(tmp_path: Path) -> None:
    """31 files, each including the next twice: 2^30 paths through 31 files."""
    for level in range(30):
        (tmp_path / f"f{level}.arg").write_text(f'include "f{level + 1}.arg"\ninclude "f{level + 1}.arg"\n',
                                                encoding="utf-8")
    (tmp_path / "f30.arg").write_text('claim leaf "A leaf."\n', encoding="utf-8")
    main = tmp_path / "f0.arg"
    lsp = LspClient()
    try:
        lsp.initialize()
        uri = main.resolve().as_uri()
        lsp.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "arg", "version": 1,
                                                             "text": main.read_text(encoding="utf-8")}})
        lsp.wait_for("textDocument/publishDiagnostics", lambda p: p["uri"] == uri, timeout=HANG_GUARD)
        assert lsp.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}}, timeout=HANG_GUARD) \
            is not None
    finally:
        lsp.close()


def test_shutdown_then_exit_ends_the_process_with_0() -> None:
    lsp = LspClient()
    lsp.initialize()
    lsp.request("shutdown", None)
    lsp.notify("exit", None)
    assert lsp.process.wait(timeout=30) == 0
    lsp.close()
