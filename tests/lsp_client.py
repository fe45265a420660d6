"""A minimal LSP client speaking Content-Length framed JSON-RPC to `argmap lsp`."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
import time
from typing import Any


class LspClient:
    def __init__(self, *args: str, env: dict[str, str] | None = None, debounce: float = 0.05) -> None:
        full_env = dict(os.environ, **(env or {}))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "argmap", "lsp", "--debounce", str(debounce), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=full_env,
        )
        self._next_id = 0
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.notifications: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                key, _, value = line.decode("ascii").partition(":")
                headers[key.lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send_raw(self, data: bytes) -> None:
        """Bytes as they are, framing included (or not)."""
        assert self.process.stdin is not None
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def next_message(self, timeout: float = 30) -> dict[str, Any]:
        """The next message from the server, whatever it is."""
        return self.messages.get(timeout=timeout)

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        self._next_id += 1
        ident = self._next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                break
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise LspError(message["error"])
                return message.get("result")
            self._handle(message)
        raise TimeoutError(f"no answer to {method}")

    def _handle(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:  # a request from the server: answer null
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        else:
            self.notifications.append(message)

    def wait_for(self, method: str, predicate: Any = lambda params: True, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for seen in self.notifications:
            if seen.get("method") == method and predicate(seen["params"]):
                self.notifications.remove(seen)
                return seen["params"]
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                break
            if message.get("method") == method and predicate(message.get("params")):
                return message["params"]
            self._handle(message)
        raise TimeoutError(f"no {method} notification")

    def initialize(self, root_uri: str | None = None) -> Any:
        result = self.request("initialize", {"processId": os.getpid(), "rootUri": root_uri, "capabilities": {}})
        self.notify("initialized", {})
        return result

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
                self.process.wait(timeout=10)
        except Exception:
            self.process.kill()
        finally:
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError):  # the server is gone: nothing left to flush to
                        stream.close()


class LspError(Exception):
    pass
