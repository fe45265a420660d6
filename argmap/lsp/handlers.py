"""LSP request and notification handlers, registered on an ``ArgmapServer``,
and ``create_server`` (a server with every handler)."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcInvalidParams

from argmap.lsp.actions import actions_for
from argmap.lsp.features import completions, document_symbols, folding_ranges, hover_text, rename_problem
from argmap.lsp.protocol import COMPLETION_KIND, SYMBOL_KIND, same_file, uri_of
from argmap.lsp.server import ArgmapServer, ServerOptions
from argmap.lsp.symbols import SymbolKind

__all__ = ["register", "create_server"]

_TRIGGERS = [" ", ","]


def create_server(options: ServerOptions | None = None) -> ArgmapServer:
    server = ArgmapServer(options)
    register(server)
    return server


def register(server: ArgmapServer) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.forget(params.text_document.uri)
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgmapServer, params: lsp.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        state = ls.states.get(uri)
        if state is not None and any(s.file for s in state.analysis.map.sources):
            ls.forget(uri)  # cited files may have changed on disk too: check everything again
            ls.schedule(uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.forget(uri)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgmapServer, params: lsp.HoverParams) -> lsp.Hover | None:
        state, found = ls.occurrence_at(params.text_document.uri, params.position)
        if found is None:
            return None
        text = hover_text(state.analysis.map, found)
        if text is None:
            return None
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=text),
            range=ls.to_range(found.span),
        )

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgmapServer, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
        state, found = ls.occurrence_at(params.text_document.uri, params.position)
        if found is None:
            return None
        if found.kind is SymbolKind.INCLUDE:
            base = Path(ls.document(params.text_document.uri).path).parent
            target = (base / found.name).resolve()
            zero = lsp.Range(start=lsp.Position(line=0, character=0), end=lsp.Position(line=0, character=0))
            return [lsp.Location(uri=uri_of(str(target)), range=zero)] if target.is_file() else None
        return [ls.location(o.span) for o in state.index.definitions(found.kind, found.name)] or None

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgmapServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
        state, found = ls.occurrence_at(params.text_document.uri, params.position)
        if found is None:
            return None
        include = params.context.include_declaration
        return [ls.location(o.span) for o in state.index.references(found.kind, found.name, include_definition=include)]

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_HIGHLIGHT)
    def highlight(ls: ArgmapServer, params: lsp.DocumentHighlightParams) -> list[lsp.DocumentHighlight] | None:
        state, found = ls.occurrence_at(params.text_document.uri, params.position)
        if found is None or found.kind is SymbolKind.INCLUDE:
            return None
        here = ls.document(params.text_document.uri).path
        return [
            lsp.DocumentHighlight(
                range=ls.to_range(o.span),
                kind=lsp.DocumentHighlightKind.Write if o.definition else lsp.DocumentHighlightKind.Read,
            )
            for o in state.index.references(found.kind, found.name)
            if same_file(o.span.file, here)
        ]

    @server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: ArgmapServer, params: lsp.PrepareRenameParams) -> lsp.PrepareRenamePlaceholder | None:
        state, found = ls.occurrence_at(params.text_document.uri, params.position)
        if found is None or found.kind is SymbolKind.INCLUDE:
            return None
        if not state.index.definitions(found.kind, found.name):
            return None  # an undefined id: fix it first (the quick fix offers the match)
        return lsp.PrepareRenamePlaceholder(range=ls.to_range(found.span), placeholder=found.name)

    @server.feature(lsp.TEXT_DOCUMENT_RENAME)
    def rename(ls: ArgmapServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit | None:
        state, found = ls.occurrence_at(params.text_document.uri, params.position)
        if found is None or found.kind is SymbolKind.INCLUDE:
            return None
        problem = rename_problem(state.analysis.map, found.kind, found.name, params.new_name)
        if problem is not None:
            raise JsonRpcInvalidParams(problem)
        changes: dict[str, list[lsp.TextEdit]] = {}
        for occurrence in state.index.references(found.kind, found.name):
            changes.setdefault(uri_of(occurrence.span.file), []).append(
                lsp.TextEdit(range=ls.to_range(occurrence.span), new_text=params.new_name)
            )
        return lsp.WorkspaceEdit(changes=changes)

    @server.feature(lsp.TEXT_DOCUMENT_COMPLETION, lsp.CompletionOptions(trigger_characters=_TRIGGERS))
    def complete(ls: ArgmapServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        uri = params.text_document.uri
        state = ls.state(uri)
        line_text = ls.document(uri).line(params.position.line)
        column = ls.column_at(uri, params.position)
        items = [
            lsp.CompletionItem(label=c.label, kind=COMPLETION_KIND.get(c.kind), detail=c.detail or None)
            for c in completions(state.analysis.map, line_text, column)
        ]
        return lsp.CompletionList(is_incomplete=False, items=items)

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def symbols(ls: ArgmapServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        state = ls.state(params.text_document.uri)
        own = ls.document(params.text_document.uri).path

        def convert(symbol) -> lsp.DocumentSymbol:  # type: ignore[no-untyped-def]
            return lsp.DocumentSymbol(
                name=symbol.name,
                detail=symbol.detail,
                kind=SYMBOL_KIND.get(symbol.kind, lsp.SymbolKind.Object),
                range=ls.to_range(symbol.span),
                selection_range=ls.to_range(symbol.selection),
                children=[convert(c) for c in symbol.children] or None,
            )

        return [convert(s) for s in document_symbols(state.analysis.map, own)]

    @server.feature(lsp.TEXT_DOCUMENT_FOLDING_RANGE)
    def folds(ls: ArgmapServer, params: lsp.FoldingRangeParams) -> list[lsp.FoldingRange]:
        text = ls.document(params.text_document.uri).text.replace("\r\n", "\n").replace("\r", "\n")
        return [
            lsp.FoldingRange(
                start_line=r.start_line - 1,
                end_line=r.end_line - 1,
                kind=lsp.FoldingRangeKind.Comment if r.kind == "comment" else lsp.FoldingRangeKind.Region,
            )
            for r in folding_ranges(text)
        ]

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION)
    def code_actions(ls: ArgmapServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return actions_for(ls, params)

    @server.feature(lsp.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ArgmapServer, params: lsp.DocumentFormattingParams) -> list[lsp.TextEdit] | None:
        from argmap.errors import ArgmapError
        from argmap.fmt import format_text

        document = ls.document(params.text_document.uri)
        try:
            formatted = format_text(document.text, document.path)
        except ArgmapError:  # a text with syntax errors (or fmt refusing): nothing to change
            return None
        if formatted == document.text:
            return []
        end = lsp.Position(line=document.text.count("\n") + 1, character=0)
        return [lsp.TextEdit(range=lsp.Range(start=lsp.Position(line=0, character=0), end=end), new_text=formatted)]
