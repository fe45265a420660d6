"""The .arg language: its words (:mod:`~argmap.syntax.keywords`), the
grammar's terminals, and the parser (text -> model, with syntax errors as
diagnostics).

    parse_text(text, path) -> ParseResult(map, diagnostics)
    decode_bytes(data, path) -> (text, E002 diagnostic or None)

The parser's layers: the line scanner (:mod:`~argmap.syntax.scanner`) reads
files in the usual layout; everything else goes to Lark's LALR parser
(:mod:`~argmap.syntax.lalr`, :mod:`~argmap.syntax.transform`); both fill the
same drafts (:mod:`~argmap.syntax.builder`); Lark's errors are worded by
:mod:`~argmap.syntax.messages`.
"""

from __future__ import annotations

from argmap.syntax.decode import decode_bytes
from argmap.syntax.parse import ParseResult, parse_text

__all__ = ["ParseResult", "parse_text", "decode_bytes"]
