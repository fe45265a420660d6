"""The language server: pygls wiring around the pure features in this package.

Diagnostics are debounced (``DEBOUNCE_SECONDS`` after the last change) and come
from the same rules as ``argmap check``. Requests (hover, definition, ...) use
the analysis of the document's current version, computing it at once if the
debounced one is not ready yet.
"""

from __future__ import annotations

import asyncio
import functools
import os
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from argmap import __version__
from argmap.diagnostics import Diagnostic, Severity
from argmap.lsp.analysis import DocumentAnalysis, IncrementalAnalyzer
from argmap.lsp.symbols import Occurrence, SymbolIndex, build_index
from argmap.model import Span

__all__ = ["ArgmapServer", "create_server", "DEBOUNCE_SECONDS"]

DEBOUNCE_SECONDS = float(os.environ.get("ARGMAP_LSP_DEBOUNCE", "0.2"))
# The slow rules (whole-map evaluation, E116) are published this long after the quick ones.
SLOW_DELAY_SECONDS = float(os.environ.get("ARGMAP_LSP_SLOW_DELAY", "0.4"))
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
}
_COMPLETION_KIND = {
    "node": lsp.CompletionItemKind.Reference,
    "source": lsp.CompletionItemKind.File,
    "keyword": lsp.CompletionItemKind.Keyword,
    "kind": lsp.CompletionItemKind.Class,
    "tag": lsp.CompletionItemKind.Value,
    "grade": lsp.CompletionItemKind.EnumMember,
    "level": lsp.CompletionItemKind.EnumMember,
}
_SYMBOL_KIND = {
    "section": lsp.SymbolKind.Namespace,
    "source": lsp.SymbolKind.File,
    "thesis": lsp.SymbolKind.Class,
    "hypothesis": lsp.SymbolKind.Interface,
    "question": lsp.SymbolKind.Event,
    "evidence": lsp.SymbolKind.Constant,
    "counter": lsp.SymbolKind.Operator,
}


@dataclass
class _State:
    version: int | None
    analysis: DocumentAnalysis
    index: SymbolIndex
    lines: list[str]


class ArgmapServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("argmap", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.analyzers: dict[str, IncrementalAnalyzer] = {}
        self.states: dict[str, _State] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self._disk_lines: dict[str, tuple[int, list[str]]] = {}  # resolved path -> (mtime, lines)
        self.sources: tuple[str, ...] = tuple(s for s in os.environ.get("ARGMAP_SOURCES", "").split(os.pathsep) if s)

    # -- analysis
    def path_of(self, uri: str) -> str:
        return to_fs_path(uri) or uri

    def state(self, uri: str) -> _State:
        """The analysis of the document's current text (computed if stale)."""
        document = self.workspace.get_text_document(uri)
        current = self.states.get(uri)
        if current is not None and current.version == document.version and current.version is not None:
            return current
        analyzer = self.analyzers.get(uri)
        if analyzer is None:
            analyzer = self.analyzers[uri] = IncrementalAnalyzer(self.path_of(uri), sources=self.sources)
        text = document.source
        analysis = analyzer.analyse(text, quick=True)
        state = _State(document.version, analysis, build_index(analysis.map), text.replace("\r\n", "\n").split("\n"))
        self.states[uri] = state
        return state

    def publish(self, uri: str, *, then_slow: bool = True) -> None:
        """Publish the quick findings now and, a moment later, all of them."""
        state = self.state(uri)
        self._send(uri, state)
        if then_slow and not state.analysis.complete:
            self._schedule_slow(uri, state.version)

    def publish_complete(self, uri: str, version: int | None) -> None:
        state = self.states.get(uri)
        if state is None or state.version != version or state.analysis.complete:
            return  # the document changed meanwhile: its own round will do it
        text = self.workspace.get_text_document(uri).source
        state.analysis = self.analyzers[uri].complete_slow(state.analysis, text)
        self._send(uri, state)

    def _schedule_slow(self, uri: str, version: int | None) -> None:
        key = uri + "#slow"
        previous = self.pending.pop(key, None)
        if previous is not None:
            previous.cancel()

        async def later() -> None:
            await asyncio.sleep(SLOW_DELAY_SECONDS)
            self.pending.pop(key, None)
            self.publish_complete(uri, version)

        self.pending[key] = asyncio.ensure_future(later())

    def _send(self, uri: str, state: _State) -> None:
        path = self.path_of(uri)
        items = [self.to_lsp_diagnostic(d, state.lines) for d in state.analysis.diagnostics
                 if _same_file(d.span.file, path)]
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, diagnostics=items, version=state.version)
        )

    def schedule(self, uri: str) -> None:
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()

        async def later() -> None:
            await asyncio.sleep(DEBOUNCE_SECONDS)
            self.pending.pop(uri, None)
            self.publish(uri)

        self.pending[uri] = asyncio.ensure_future(later())

    # -- conversions (argmap: 1-based code points; LSP: 0-based UTF-16)
    def to_range(self, span: Span, lines: list[str] | None = None) -> lsp.Range:
        lines = lines if lines is not None else self.lines_of(span.file)
        return lsp.Range(
            start=lsp.Position(line=max(span.line - 1, 0), character=_utf16(lines, span.line, span.column)),
            end=lsp.Position(line=max(span.end_line - 1, 0), character=_utf16(lines, span.end_line, span.end_column)),
        )

    def lines_of(self, file: str) -> list[str]:
        """The lines of ``file``: the open document's text, else the file on disk
        (read once per modification, not once per range converted)."""
        wanted = _resolved(file)
        for uri, state in self.states.items():
            if _resolved(self.path_of(uri)) == wanted:
                return state.lines
        try:
            stamp = os.stat(wanted).st_mtime_ns
            cached = self._disk_lines.get(wanted)
            if cached is None or cached[0] != stamp:
                text = Path(wanted).read_text(encoding="utf-8-sig")
                cached = self._disk_lines[wanted] = (stamp, text.replace("\r\n", "\n").split("\n"))
            return cached[1]
        except (OSError, UnicodeDecodeError):
            return []

    def to_lsp_diagnostic(self, item: Diagnostic, lines: list[str]) -> lsp.Diagnostic:
        message = item.message + (f"\nhint: {item.hint}" if item.hint else "")
        related = [
            lsp.DiagnosticRelatedInformation(
                location=lsp.Location(uri=_uri(r.span.file), range=self.to_range(r.span)), message=r.message
            )
            for r in item.related
            if r.span.line > 0
        ]
        return lsp.Diagnostic(
            range=self.to_range(item.span, lines),
            message=message,
            severity=_SEVERITY.get(item.severity, lsp.DiagnosticSeverity.Information),
            code=item.code,
            source="argmap",
            related_information=related or None,
            data={"rule": item.rule},
        )

    def location(self, span: Span) -> lsp.Location:
        return lsp.Location(uri=_uri(span.file), range=self.to_range(span))

    def occurrence_at(self, uri: str, position: lsp.Position) -> tuple[_State, Occurrence | None]:
        state = self.state(uri)
        line = position.line + 1
        column = _codepoints(state.lines, line, position.character) + 1
        found = state.index.at(self.path_of(uri), line, column)
        if found is None:  # spans of the main file may be named as given to the analyser
            for occurrence in state.index._by_line.get((state.analysis.map.files[0] if state.analysis.map.files else "", line), ()):
                if occurrence.span.column <= column <= occurrence.span.end_column:
                    found = occurrence
        return state, found


@functools.lru_cache(maxsize=4096)
def _resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return path


def _same_file(a: str, b: str) -> bool:
    return a == b or _resolved(a) == _resolved(b)


def _uri(file: str) -> str:
    return from_fs_path(str(Path(file).resolve())) or file


def _utf16(lines: list[str], line: int, column: int) -> int:
    if line < 1 or line > len(lines):
        return max(column - 1, 0)
    text = lines[line - 1][: max(column - 1, 0)]
    return len(text.encode("utf-16-le")) // 2


def _codepoints(lines: list[str], line: int, character: int) -> int:
    """LSP's UTF-16 offset -> a 0-based code point offset in the line."""
    if line < 1 or line > len(lines):
        return character
    units = 0
    for index, char in enumerate(lines[line - 1]):
        if units >= character:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(lines[line - 1])


def create_server() -> ArgmapServer:
    from argmap.lsp import handlers

    server = ArgmapServer()
    handlers.register(server)
    return server

