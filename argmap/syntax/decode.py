"""Bytes -> text, with E002 for invalid UTF-8 (the rest of the file is still read)."""

from __future__ import annotations

from argmap.diagnostics import Diagnostic, Severity
from argmap.model import Span

__all__ = ["decode_bytes"]


def decode_bytes(data: bytes, path: str) -> tuple[str, Diagnostic | None]:
    """UTF-8 (with or without BOM) -> text. Invalid bytes give an E002 diagnostic
    and are replaced, so the rest of the file is still checked."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        prefix = data[: exc.start].decode("utf-8-sig", errors="replace")
        line = prefix.count("\n") + 1
        column = len(prefix) - (prefix.rfind("\n") + 1) + 1
        return text, Diagnostic(
            code="E002",
            rule="invalid-encoding",
            severity=Severity.ERROR,
            message=f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            span=Span(path, line, column, line, column + 1),
            hint="save the file as UTF-8; argmap reads only UTF-8 (a BOM is fine)",
        )
