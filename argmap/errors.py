"""argmap's own exceptions. Bad input never escapes as anything else.

They are plain exceptions so the Python API works without click; the CLI turns
them into one-line messages and exit code 2 (or 1 for findings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic

__all__ = ["ArgmapError", "ArgmapSyntaxError", "InputError", "ToolNotFoundError", "MapHasErrors"]


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose."""

    exit_code = 2


class InputError(ArgmapError):
    """A file cannot be read, decoded, found, or is refused (outside the map's folder)."""


class ArgmapSyntaxError(ArgmapError):
    """The text does not parse. ``diagnostics`` holds one E001 per broken block."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        where = f"{first.span}: " if first else ""
        more = f" (and {len(self.diagnostics) - 1} more)" if len(self.diagnostics) > 1 else ""
        super().__init__(f"{where}{first.message if first else 'syntax error'}{more}")


class MapHasErrors(ArgmapError):
    """An operation needs a map without errors (render without --force, export...)."""

    exit_code = 1

    def __init__(self, diagnostics: list[Diagnostic], message: str = "the map has errors"):
        self.diagnostics = list(diagnostics)
        super().__init__(message)


class ToolNotFoundError(ArgmapError):
    """An external program (system Graphviz `dot`, ...) is needed and missing."""
