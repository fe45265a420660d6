"""Messages over standard input and output (LSP's base protocol), read so that
no input can stop the server, silence it or make it grow without bound.

Each message is headers (``Content-Length: N``), a blank line and N bytes of
JSON. A header line is read up to ``MAX_HEADER_BYTES``; a length that is not
a number, is missing, or is above ``Limits.message_bytes`` is answered with a
JSON-RPC parse error and the reader looks for the next ``Content-Length``
line (so a client whose lengths were off, or a body larger than the cap,
costs one error and a skip, never the memory of a 10^12-byte buffer). A body
that is not JSON, not an object or not JSON-RPC 2.0 is answered with a
parse error or an invalid request; a request whose parameters do not fit its
method is answered with invalid params; a request that fails inside is
answered with an internal error. Notifications get no answer (JSON-RPC)
but what went wrong is written to standard error.
"""

from __future__ import annotations

import asyncio
import json
import logging
import queue
import re
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from pygls.exceptions import JsonRpcException
from pygls.protocol import JsonRPCProtocol

__all__ = ["Limits", "serve_stdio", "MAX_HEADER_BYTES"]

MAX_HEADER_BYTES = 8 * 1024
_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*(\S*)[ \t]*$", re.I)
_FIND_LENGTH = re.compile(rb"content-length[ \t]*:", re.I)
_HEADER = re.compile(rb"[!#-'*+.0-9A-Z^-z|~-]+[ \t]*:")  # a field name (RFC 9110 token), a colon
PARSE_ERROR, INVALID_REQUEST, INVALID_PARAMS, INTERNAL_ERROR = -32700, -32600, -32602, -32603
_log = logging.getLogger("argmap.lsp")


@dataclass(frozen=True)
class Limits:
    """Bounds on what one message may cost. ``message_bytes``: the largest
    body read (a map of the loader's 64 MB cap, escaped as JSON, fits)."""

    message_bytes: int = 256 * 1024 * 1024


class _Writer:
    """Messages out to standard output. Closing (the client said exit) flushes
    but leaves the stream to its owner, the program, which flushes it last."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class _Framing(Exception):
    """A message whose headers cannot be read; ``resume``: a Content-Length
    header found on the same line, where reading goes on."""

    def __init__(self, problem: str, resume: bytes | None = None) -> None:
        super().__init__(problem)
        self.resume = resume


class _Reader:
    """Blocking reads of standard input in a daemon thread (a read waiting for
    input never keeps the process from exiting), awaited by the event loop."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.requests: queue.Queue[tuple[Callable[[], bytes], asyncio.Future[bytes]]] = queue.Queue()
        threading.Thread(target=self._work, name="argmap-lsp-stdin", daemon=True).start()

    def _work(self) -> None:
        while True:
            read, future = self.requests.get()
            loop = future.get_loop()
            try:
                data = read()
            except Exception as exc:  # a closed or failing stream ends the input
                _log.warning("cannot read standard input: %s", exc)
                data = b""
            try:
                loop.call_soon_threadsafe(_settle, future, data)
            except RuntimeError:  # the loop is closed: the server is stopping
                return

    def _read(self, read: Callable[[], bytes]) -> asyncio.Future[bytes]:
        future: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self.requests.put((read, future))
        return future

    async def line(self) -> bytes:
        """One line, or its first MAX_HEADER_BYTES bytes (the rest skipped)."""
        line = await self._read(lambda: self.stream.readline(MAX_HEADER_BYTES))
        if line and not line.endswith(b"\n") and len(line) >= MAX_HEADER_BYTES:
            while True:  # the rest of an over-long line
                more = await self._read(lambda: self.stream.readline(MAX_HEADER_BYTES))
                if not more or more.endswith(b"\n"):
                    break
            raise _Framing(f"a header line longer than {MAX_HEADER_BYTES} bytes")
        return line

    async def exactly(self, size: int) -> bytes:
        return await self._read(lambda: self.stream.read(size))


def _settle(future: asyncio.Future[bytes], data: bytes) -> None:
    if not future.done():
        future.set_result(data)


async def _headers(reader: _Reader, limits: Limits, pending: bytes | None) -> int | None:
    """Read one message's headers (``pending``: a first header line already
    read); its length, or None at the end of input."""
    length: int | None = None
    first = True
    while True:
        if pending is not None:
            line, pending = pending, None
        else:
            line = await reader.line()
        if not line:
            return None
        stripped = line.strip()
        if not stripped:
            if first:
                continue  # blank lines between messages
            if length is None:
                raise _Framing("a message without a Content-Length header")
            return length
        first = False
        found = _LENGTH.match(stripped)
        if found is not None:
            value = found.group(1)
            if not value.isdigit():
                raise _Framing(f"Content-Length is not a number: {value[:40]!r}")
            if len(value) > len(str(limits.message_bytes)) or int(value) > limits.message_bytes:
                raise _Framing(f"Content-Length {value[:40].decode()} is above the limit of "
                               f"{limits.message_bytes} bytes")
            length = int(value)
        elif not _HEADER.match(stripped):
            later = _FIND_LENGTH.search(stripped, 1)  # the rest of a body, then the next message's header?
            raise _Framing(f"not a header: {stripped[:40]!r}", stripped[later.start():] if later else None)


async def _resync(reader: _Reader) -> bytes | None:
    """Skip to the next line that holds a Content-Length header; that header
    (from where it starts on the line), or None at the end of input."""
    while True:
        try:
            line = await reader.line()
        except _Framing:
            continue
        if not line:
            return None
        found = _FIND_LENGTH.search(line)
        if found is not None:
            return line[found.start():]


def _write(writer: _Writer, message: dict[str, Any]) -> None:
    body = json.dumps(message, ensure_ascii=True).encode("ascii")
    writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)


def _error(writer: _Writer, ident: Any, code: int, message: str) -> None:
    if not isinstance(ident, (int, str)) or isinstance(ident, bool):
        ident = None
    _write(writer, {"jsonrpc": "2.0", "id": ident, "error": {"code": code, "message": message}})
    _log.warning("answered %s with error %d: %s", ident, code, message)


def _invalid_params(exc: BaseException, method: str) -> str:
    cause = exc.__cause__
    try:
        import cattrs

        details = cattrs.transform_error(cause) if isinstance(cause, cattrs.ClassValidationError) else []
    except Exception:  # pragma: no cover - a cattrs without transform_error
        details = []
    return f"invalid params for {method}" + (": " + "; ".join(details[:3]) if details else "")


def _dispatch(protocol: JsonRPCProtocol, writer: _Writer, body: bytes) -> None:
    try:
        raw = json.loads(body)
    except (ValueError, RecursionError) as exc:
        _error(writer, None, PARSE_ERROR, f"the message is not JSON ({str(exc)[:120]})")
        return
    if not isinstance(raw, dict):
        _error(writer, None, INVALID_REQUEST, "a message must be a JSON object (batches are not part of LSP)")
        return
    ident, method = raw.get("id"), raw.get("method")
    is_request = "id" in raw and method is not None
    if raw.get("jsonrpc") != "2.0" or (method is not None and not isinstance(method, str)):
        if "id" in raw:
            _error(writer, ident, INVALID_REQUEST, "not a JSON-RPC 2.0 request")
        return
    try:
        message = protocol.structure_message(raw)
    except (JsonRpcException, RecursionError) as exc:
        if is_request:
            _error(writer, ident, INVALID_PARAMS, _invalid_params(exc, str(method)))
        else:
            _log.warning("dropped a notification %s with bad params", method)
        return
    try:
        protocol.handle_message(message)
    except (SystemExit, KeyboardInterrupt):
        raise
    except Exception as exc:  # a handler's failure: answered, never fatal
        _log.exception("error while handling %s", method)
        if is_request:
            _error(writer, ident, INTERNAL_ERROR, f"{type(exc).__name__}: {exc}"[:300])


async def _loop(protocol: JsonRPCProtocol, writer: _Writer, reader: _Reader, limits: Limits) -> None:
    pending: bytes | None = None
    while True:
        try:
            length = await _headers(reader, limits, pending)
            pending = None
        except _Framing as problem:
            _error(writer, None, PARSE_ERROR, f"cannot read the message: {problem}")
            pending = problem.resume if problem.resume is not None else await _resync(reader)
            if pending is None:
                return
            continue
        if length is None:
            return  # the client closed its end
        body = await reader.exactly(length)
        if len(body) < length:
            return
        _dispatch(protocol, writer, body)


def serve_stdio(protocol: JsonRPCProtocol, limits: Limits = Limits(), stdin: BinaryIO | None = None,
                stdout: BinaryIO | None = None) -> int:
    """Read and answer messages until the client says exit or closes its end;
    the exit code (0 after shutdown and exit, as LSP asks)."""
    writer = _Writer(stdout or sys.stdout.buffer)
    protocol.set_writer(writer)
    reader = _Reader(stdin or sys.stdin.buffer)
    try:
        asyncio.run(_loop(protocol, writer, reader, limits))
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 0
    except (BrokenPipeError, KeyboardInterrupt):
        return 0
    return 0
