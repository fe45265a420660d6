"""What the language server's modules share about the protocol: URIs and
paths, positions (argmap's 1-based code points <-> LSP's 0-based UTF-16
units) and the tables that name argmap's kinds in LSP's terms.

No pygls here and no server state: the server, the handlers and the quick
fixes all import from this module, and it imports none of them.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lsprotocol import types as lsp
from pygls.uris import from_fs_path, to_fs_path

from argmap.diagnostics import Severity

__all__ = [
    "COMPLETION_KIND",
    "SEVERITY",
    "SYMBOL_KIND",
    "codepoint_column",
    "path_of",
    "ranges_overlap",
    "resolved",
    "same_file",
    "uri_of",
    "utf16_column",
]

SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
}
COMPLETION_KIND = {
    "node": lsp.CompletionItemKind.Reference,
    "source": lsp.CompletionItemKind.File,
    "keyword": lsp.CompletionItemKind.Keyword,
    "kind": lsp.CompletionItemKind.Class,
    "tag": lsp.CompletionItemKind.Value,
    "grade": lsp.CompletionItemKind.EnumMember,
    "level": lsp.CompletionItemKind.EnumMember,
}
SYMBOL_KIND = {
    "section": lsp.SymbolKind.Namespace,
    "source": lsp.SymbolKind.File,
    "thesis": lsp.SymbolKind.Class,
    "hypothesis": lsp.SymbolKind.Interface,
    "question": lsp.SymbolKind.Event,
    "evidence": lsp.SymbolKind.Constant,
    "counter": lsp.SymbolKind.Operator,
}


# -- files
def path_of(uri: str) -> str:
    """The file a ``file:`` URI names (other URIs are kept as they are)."""
    try:
        return to_fs_path(uri) or uri
    except (ValueError, TypeError):  # a malformed URI names no file
        return uri


def uri_of(file: str) -> str:
    return from_fs_path(resolved(file)) or file


@functools.lru_cache(maxsize=4096)
def resolved(path: str) -> str:
    try:
        return str(Path(path).resolve())
    except (OSError, ValueError, RuntimeError):
        return path


def same_file(a: str, b: str) -> bool:
    return a == b or resolved(a) == resolved(b)


# -- positions
def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def utf16_column(line_text: str, column: int) -> int:
    """argmap's 1-based code point ``column`` in ``line_text`` -> LSP's 0-based
    UTF-16 offset. Counts code units without encoding, so a lone surrogate in
    the text (one unit, as in the editor) cannot make it fail."""
    prefix = line_text[: max(column - 1, 0)]
    if prefix.isascii():
        return len(prefix)
    return sum(_units(char) for char in prefix)


def codepoint_column(line_text: str, character: int) -> int:
    """LSP's 0-based UTF-16 ``character`` -> a 0-based code point offset in
    ``line_text`` (clamped to the line)."""
    if line_text.isascii():
        return max(min(character, len(line_text)), 0)
    units = 0
    for index, char in enumerate(line_text):
        if units >= character:
            return index
        units += _units(char)
    return len(line_text)


def ranges_overlap(a: lsp.Range, b: lsp.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (
        (b.start.line, b.start.character) <= (a.end.line, a.end.character)
    )
