"""Quick fixes: the ``fixes`` that rules attach to their diagnostics ("did you
mean" replacements, removing a duplicate relation), and a stub for a missing
source (E107)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from argmap.lsp.server import _same_file, _uri

if TYPE_CHECKING:
    from argmap.lsp.server import ArgmapServer

__all__ = ["actions_for"]

_QUOTED_ID = re.compile(r"'([^']+)'")


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)
    )


def actions_for(ls: ArgmapServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    state = ls.state(uri)
    path = ls.path_of(uri)
    actions: list[lsp.CodeAction] = []
    for item in state.analysis.diagnostics:
        if not _same_file(item.span.file, path):
            continue
        diagnostic = ls.to_lsp_diagnostic(item, state.lines)
        if not _overlaps(diagnostic.range, params.range):
            continue
        for fix in item.fixes:
            edit = lsp.TextEdit(range=ls.to_range(fix.span, state.lines), new_text=fix.replacement)
            actions.append(
                lsp.CodeAction(
                    title=fix.title,
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=len(item.fixes) == 1,
                    edit=lsp.WorkspaceEdit(changes={_uri(fix.span.file): [edit]}),
                )
            )
        if item.code == "E107":
            actions.extend(_source_stub(state, item, diagnostic, uri))
    return actions


def _source_stub(state, item, diagnostic: lsp.Diagnostic, uri: str) -> list[lsp.CodeAction]:  # type: ignore[no-untyped-def]
    match = _QUOTED_ID.search(item.message)
    if match is None:
        return []
    source_id = match.group(1)
    sources = [s for s in state.analysis.map.sources if s.span.line > 0]
    if sources:
        line = sources[-1].span.end_line  # after the last source block's first line range
        # move past the source's attribute lines
        while line < len(state.lines) and state.lines[line].startswith((" ", "\t")) and state.lines[line].strip():
            line += 1
        position = lsp.Position(line=line, character=0)
        text = f"\nsource {source_id} \"TITLE\"\n"
    else:
        first_block = next((n.span.line - 1 for n in state.analysis.map.nodes if n.span.line > 0), 0)
        position = lsp.Position(line=first_block, character=0)
        text = f"source {source_id} \"TITLE\"\n\n"
    edit = lsp.TextEdit(range=lsp.Range(start=position, end=position), new_text=text)
    return [
        lsp.CodeAction(
            title=f"Create source '{source_id}'",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
        )
    ]
