"""Quick fixes: the ``fixes`` that rules attach to their diagnostics ("did you
mean" replacements, removing a duplicate relation), and a stub for a missing
source (E107)."""

from __future__ import annotations

from lsprotocol import types as lsp

from argmap.diagnostics import Diagnostic
from argmap.lsp.documents import Document
from argmap.lsp.protocol import ranges_overlap, same_file, uri_of
from argmap.lsp.server import ArgmapServer
from argmap.model import Map, is_valid_id

__all__ = ["actions_for"]


def actions_for(ls: ArgmapServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    state = ls.state(uri)
    document = ls.document(uri)
    actions: list[lsp.CodeAction] = []
    for item in state.analysis.diagnostics:
        if not same_file(item.span.file, document.path):
            continue
        diagnostic = ls.to_lsp_diagnostic(item)
        if not ranges_overlap(diagnostic.range, params.range):
            continue
        for fix in item.fixes:
            edit = lsp.TextEdit(range=ls.to_range(fix.span), new_text=fix.replacement)
            actions.append(
                lsp.CodeAction(
                    title=fix.title,
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=len(item.fixes) == 1,
                    edit=lsp.WorkspaceEdit(changes={uri_of(fix.span.file): [edit]}),
                )
            )
        if item.code == "E107":
            actions.extend(_source_stub(state.analysis.map, document, item, diagnostic))
    return actions


def _source_stub(argmap: Map, document: Document, item: Diagnostic, diagnostic: lsp.Diagnostic) -> list[lsp.CodeAction]:
    span = item.span  # the unknown id, where it is cited
    source_id = document.line(span.line - 1)[span.column - 1: span.end_column - 1]
    if span.end_line != span.line or not is_valid_id(source_id):
        return []
    sources = [s for s in argmap.sources if s.span.line > 0 and same_file(s.span.file, document.path)]
    if sources:
        line = sources[-1].span.end_line  # after the last source block's first line range
        # move past the source's attribute lines
        while document.line(line).startswith((" ", "\t")) and document.line(line).strip():
            line += 1
        position = lsp.Position(line=line, character=0)
        text = f"\nsource {source_id} \"TITLE\"\n"
    else:
        first_block = next((n.span.line - 1 for n in argmap.nodes if n.span.line > 0), 0)
        position = lsp.Position(line=first_block, character=0)
        text = f"source {source_id} \"TITLE\"\n\n"
    edit = lsp.TextEdit(range=lsp.Range(start=position, end=position), new_text=text)
    return [
        lsp.CodeAction(
            title=f"Create source '{source_id}'",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=lsp.WorkspaceEdit(changes={document.uri: [edit]}),
        )
    ]
