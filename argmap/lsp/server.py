"""The language server: pygls wiring around the analysis and the pure features.

Documents are kept here (argmap.lsp.documents), changed in place by each
edit. Diagnostics come in two publications: syntax errors and every rule but
the expectations ``debounce`` seconds after the last change (see
argmap.lsp.analysis: only what the edit can change is checked again), then
the expectations, which evaluate the whole map, ``expectations_delay``
seconds later, computed in a worker thread so that typing stays answered.
Requests (hover, definition, ...) use the analysis of the document's current
version, computing it at once if the debounced one is not ready yet.

Every option arrives in ``ServerOptions``; nothing is read from the environment.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol.language_server import LanguageServerProtocol, lsp_method

from argmap import __version__
from argmap.diagnostics import Diagnostic
from argmap.lsp.analysis import DocumentAnalysis, IncrementalAnalyzer
from argmap.lsp.chunks import Part
from argmap.lsp.documents import Change, Document
from argmap.lsp.framing import Limits
from argmap.lsp.protocol import SEVERITY, codepoint_column, path_of, resolved, same_file, uri_of, utf16_column
from argmap.lsp.symbols import CombinedIndex, Occurrence, SymbolIndex, build_index
from argmap.model import Span

__all__ = ["ArgmapServer", "ServerOptions", "DocumentState"]

_log = logging.getLogger("argmap.lsp")


@dataclass(frozen=True)
class ServerOptions:
    """``sources``: folders of cited source files (``--sources``);
    ``debounce``: seconds after the last change before diagnostics;
    ``expectations_delay``: seconds after those before the expectations;
    ``limits``: bounds on each message read."""

    sources: tuple[str, ...] = ()
    debounce: float = 0.05
    expectations_delay: float = 0.3
    limits: Limits = field(default_factory=Limits)


class DocumentState:
    """One version of an open document, analysed."""

    def __init__(self, version: int | None, analysis: DocumentAnalysis, index: Callable[[], CombinedIndex]) -> None:
        self.version = version
        self.analysis = analysis
        self._make_index = index
        self._index: CombinedIndex | None = None

    @property
    def index(self) -> CombinedIndex:
        if self._index is None:
            self._index = self._make_index()
        return self._index


def _changes(params: lsp.DidChangeTextDocumentParams) -> list[Change]:
    found: list[Change] = []
    for change in params.content_changes:
        where = getattr(change, "range", None)
        if where is None:
            found.append((None, change.text))
        else:
            found.append(((where.start.line, where.start.character, where.end.line, where.end.character), change.text))
    return found


class ArgmapProtocol(LanguageServerProtocol):
    """pygls's protocol with argmap's own documents: opened, changed in place
    and closed here (pygls's workspace copy of each text is not kept)."""

    documents: dict[str, Document]

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Generator[Any, Any, None]:
        item = params.text_document
        self.documents[item.uri] = Document(item.uri, path_of(item.uri), item.version, item.text)
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_OPEN)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> Generator[Any, Any, None]:
        document = self.documents.get(params.text_document.uri)
        if document is None:
            return  # not opened: nothing to change
        document.apply(_changes(params), params.text_document.version)
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> Generator[Any, Any, None]:
        self.documents.pop(params.text_document.uri, None)
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CLOSE)) is not None:
            yield handler, (params,), None


class ArgmapServer(LanguageServer):
    protocol: ArgmapProtocol

    def __init__(self, options: ServerOptions | None = None) -> None:
        super().__init__("argmap", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=ArgmapProtocol)
        self.options = options or ServerOptions()
        self.documents: dict[str, Document] = {}
        self.protocol.documents = self.documents
        self.analyzers: dict[str, IncrementalAnalyzer] = {}
        self.states: dict[str, DocumentState] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self._part_indexes: dict[str, dict[int, tuple[Part, SymbolIndex]]] = {}  # by document
        self._disk_lines: dict[str, tuple[int, list[str]]] = {}  # resolved path -> (mtime, lines)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="argmap-lsp-expectations")

    # -- documents and their analyses
    def document(self, uri: str) -> Document:
        found = self.documents.get(uri)
        if found is None:
            raise JsonRpcInvalidParams(f"{uri} is not open (send textDocument/didOpen first)")
        return found

    def state(self, uri: str) -> DocumentState:
        """The analysis of the document's current text (computed if stale)."""
        document = self.document(uri)
        current = self.states.get(uri)
        if current is not None and current.version == document.version and current.version is not None:
            return current
        analyzer = self.analyzers.get(uri)
        if analyzer is None:
            analyzer = self.analyzers[uri] = IncrementalAnalyzer(document.path, sources=self.options.sources)
        analysis = analyzer.analyse(document.text)
        state = DocumentState(document.version, analysis, lambda: self._index(uri, analysis))
        self.states[uri] = state
        # What is alive now (a big map: millions of small acyclic objects) is left
        # out of the cyclic collector's passes, which would walk it all again
        # after the next edits (hundreds of ms each on a 20,000-node map). What
        # dies later is still freed at once (reference counting).
        gc.freeze()
        return state

    def _index(self, uri: str, analysis: DocumentAnalysis) -> CombinedIndex:
        """Where every id is written: one index per part, kept while the part is."""
        if not analysis.parts:  # analysed whole (includes): one index
            return CombinedIndex([(1, build_index(analysis.map))])
        pieces = []
        known = self._part_indexes.get(uri, {})
        kept: dict[int, tuple[Part, SymbolIndex]] = {}
        for part in analysis.parts:
            found = known.get(id(part))
            index = found[1] if found is not None and found[0] is part else build_index(part.map)
            kept[id(part)] = (part, index)
            pieces.append((part.first_line, index))
        self._part_indexes[uri] = kept
        return CombinedIndex(pieces)

    def forget(self, uri: str) -> None:
        for key in (uri, uri + "#expectations"):
            task = self.pending.pop(key, None)
            if task is not None:
                task.cancel()
        self.states.pop(uri, None)
        self.analyzers.pop(uri, None)
        self._part_indexes.pop(uri, None)

    # -- publishing
    def schedule(self, uri: str, delay: float | None = None) -> None:
        """Publish the diagnostics ``delay`` seconds from now (default: the
        debounce), unless another change comes first."""
        self._later(uri, self.options.debounce if delay is None else delay, self.publish)

    def _later(self, key: str, delay: float, action: Callable[[str], None], uri: str | None = None) -> None:
        previous = self.pending.pop(key, None)
        if previous is not None:
            previous.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            self.pending.pop(key, None)
            action(uri or key)

        self.pending[key] = asyncio.ensure_future(later())

    def publish(self, uri: str) -> None:
        """Publish what the document's current text gives, then (a moment
        later) with the expectations."""
        if uri not in self.documents:
            return
        state = self.state(uri)
        self._send(uri, state)
        if not state.analysis.complete:
            self._later(uri + "#expectations", self.options.expectations_delay, self._expectations, uri)

    def _expectations(self, uri: str) -> None:
        state = self.states.get(uri)
        analyzer = self.analyzers.get(uri)
        if state is None or analyzer is None or state.analysis.complete:
            return
        version, analysis = state.version, state.analysis

        def done(future: Any) -> None:
            try:
                finished = future.result()
            except Exception:  # a failure leaves the first publication standing, and is logged
                _log.exception("the expectations of %s could not be evaluated", uri)
                return
            current = self.states.get(uri)
            if current is not None and current.version == version and current.analysis is analysis:
                current.analysis = finished
                self._send(uri, current)

        future = asyncio.get_running_loop().run_in_executor(self._worker, analyzer.complete, analysis)
        future.add_done_callback(done)

    def _send(self, uri: str, state: DocumentState) -> None:
        path = self.documents[uri].path if uri in self.documents else path_of(uri)
        items = [self.to_lsp_diagnostic(d) for d in state.analysis.diagnostics if same_file(d.span.file, path)]
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=state.version))

    # -- conversions (argmap: 1-based code points; LSP: 0-based UTF-16)
    def open_document(self, file: str) -> Document | None:
        """The open document that is ``file``, if any."""
        for document in self.documents.values():
            if document.path == file:
                return document
        wanted = resolved(file)
        for document in self.documents.values():
            if resolved(document.path) == wanted:
                return document
        return None

    def line_text(self, file: str, line: int) -> str:
        """1-based ``line`` of ``file``: the open document's text, else the
        file on disk (read once per modification)."""
        document = self.open_document(file)
        if document is not None:
            return document.line(line - 1)
        wanted = resolved(file)
        try:
            stamp = os.stat(wanted).st_mtime_ns
            cached = self._disk_lines.get(wanted)
            if cached is None or cached[0] != stamp:
                text = Path(wanted).read_text(encoding="utf-8-sig", errors="replace")
                cached = self._disk_lines[wanted] = (stamp, text.replace("\r\n", "\n").split("\n"))
            lines = cached[1]
        except (OSError, ValueError):
            return ""
        return lines[line - 1] if 0 < line <= len(lines) else ""

    def to_range(self, span: Span) -> lsp.Range:
        document = self.open_document(span.file)
        if document is not None and document.text.isascii():  # a column is a UTF-16 offset
            return lsp.Range(start=lsp.Position(line=max(span.line - 1, 0), character=max(span.column - 1, 0)),
                             end=lsp.Position(line=max(span.end_line - 1, 0), character=max(span.end_column - 1, 0)))
        start_text = self.line_text(span.file, span.line) if span.line > 0 else ""
        end_text = start_text if span.end_line == span.line else self.line_text(span.file, span.end_line)
        return lsp.Range(
            start=lsp.Position(line=max(span.line - 1, 0), character=utf16_column(start_text, span.column)),
            end=lsp.Position(line=max(span.end_line - 1, 0), character=utf16_column(end_text, span.end_column)),
        )

    def to_lsp_diagnostic(self, item: Diagnostic) -> lsp.Diagnostic:
        message = item.message + (f"\nhint: {item.hint}" if item.hint else "")
        related = [
            lsp.DiagnosticRelatedInformation(location=self.location(r.span), message=r.message)
            for r in item.related if r.span.line > 0
        ]
        return lsp.Diagnostic(
            range=self.to_range(item.span),
            message=message,
            severity=SEVERITY.get(item.severity, lsp.DiagnosticSeverity.Information),
            code=item.code,
            source="argmap",
            related_information=related or None,
            data={"rule": item.rule},
        )

    def location(self, span: Span) -> lsp.Location:
        return lsp.Location(uri=uri_of(span.file), range=self.to_range(span))

    def column_at(self, uri: str, position: lsp.Position) -> int:
        """LSP's position -> argmap's 1-based column on that line."""
        return codepoint_column(self.document(uri).line(position.line), position.character) + 1

    def occurrence_at(self, uri: str, position: lsp.Position) -> tuple[DocumentState, Occurrence | None]:
        state = self.state(uri)
        found = state.index.at(self.document(uri).path, position.line + 1, self.column_at(uri, position))
        return state, found

    def shutdown(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)
        super().shutdown()
