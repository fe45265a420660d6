"""Diagnostics: what checks and the parser find. Plain data; nothing here prints."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from argmap.model import Span

__all__ = ["Severity", "Fix", "Related", "Diagnostic", "sort_diagnostics", "has_errors"]


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Fix:
    """A suggested edit: replace the text at ``span`` with ``replacement``."""

    title: str
    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains a diagnostic (the first definition, a cycle step...)."""

    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding.

    ``code`` is stable (E001, E101, W201...) and ``rule`` is the rule's kebab-case
    name. ``context`` is optional extra text printed under the caret (for syntax
    errors: what was expected).
    """

    code: str
    rule: str
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    related: tuple[Related, ...] = ()
    fixes: tuple[Fix, ...] = ()
    context: str | None = field(default=None)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def sort_diagnostics(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """Stable, reader-friendly order: by file, position, then code."""
    return sorted(
        diagnostics,
        key=lambda d: (d.span.file, d.span.line, d.span.column, d.code, d.message),
    )


def has_errors(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> bool:
    return any(d.is_error for d in diagnostics)
