"""The rule framework: a rule is a class with a stable code, a name, a summary
and a docstring that is its user documentation. Rules yield diagnostics; they
never print and never raise.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from argmap.diagnostics import Diagnostic, Fix, Related, Severity
from argmap.model import Map, Span

__all__ = ["CheckContext", "Rule", "RULES", "register", "rule_by_code", "all_rules"]


@dataclass(frozen=True)
class CheckContext:
    """What rules may need besides the map.

    ``source_dirs``: folders where source files (for quotation checks) are
    looked for, after the map's own folder. ``map_dir``: the main map's folder
    (None for text from standard input: then only ``source_dirs`` are used).
    ``texts``: each map file's text as read (by the name in spans), for fixes
    that need the line as written; empty when the caller has none.
    """

    map_dir: Path | None = None
    source_dirs: tuple[Path, ...] = ()
    allow_outside: bool = False
    extra: dict[str, object] = field(default_factory=dict)
    texts: Mapping[str, str] = field(default_factory=dict)

    def line(self, file: str, number: int) -> str | None:
        """Line ``number`` (1-based) of ``file`` as written, if the text is known."""
        text = self.texts.get(file)
        if text is None:
            return None
        lines = text.split("\n", number)
        return lines[number - 1].rstrip("\r") if 0 < number <= len(lines) else None


class Rule:
    """Base class. Subclasses set ``code``, ``name``, ``summary``, ``severity``
    and implement ``check``. The class docstring is shown by ``argmap rules CODE``."""

    code: ClassVar[str]
    name: ClassVar[str]
    summary: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    groups: ClassVar[tuple[str, ...]] = ()
    # an opt-in rule runs only when selected (--select CODE, or a prefix of it)
    opt_in: ClassVar[bool] = False

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:  # pragma: no cover
        raise NotImplementedError

    # -- helpers for subclasses
    def diagnostic(
        self,
        message: str,
        span: Span,
        *,
        hint: str | None = None,
        related: tuple[Related, ...] = (),
        fixes: tuple[Fix, ...] = (),
        severity: Severity | None = None,
    ) -> Diagnostic:
        return Diagnostic(
            code=self.code,
            rule=self.name,
            severity=severity or self.severity,
            message=message,
            span=span,
            hint=hint,
            related=related,
            fixes=fixes,
        )

    @classmethod
    def documentation(cls) -> str:
        import inspect  # only `argmap rules` needs it

        return inspect.cleandoc(cls.__doc__ or cls.summary)


RULES: dict[str, type[Rule]] = {}

# Codes reported by the other stages (parser, loader, evaluation, importers):
# code -> (name, summary, when it is reported), listed so `argmap rules`
# documents them and codes are never reused.
RESERVED = {
    "E001": ("syntax-error", "the text does not follow the .arg syntax", "parsing files"),
    "E002": ("invalid-encoding", "the file is not valid UTF-8", "reading files"),
    "E003": ("too-much-input", "the map and its includes exceed what one run reads (files, bytes, nodes, relations)",
             "reading files (the load stops there)"),
    "E109": ("missing-include", "an included file cannot be found or read", "reading included files"),
    "E110": ("include-cycle", "files include each other in a cycle (or too deeply)", "reading included files"),
    "E115": ("path-outside-map", "an include or source file path leaves the map's folder", "reading files"),
    "E116": ("expectation-failed", "an expect line does not hold (computed status differs)",
             "evaluating the map's expect lines"),
    "I001": ("import-error", "argmap import: the file cannot be imported (nothing usable)", "importing"),
    "I002": ("import-not-translated", "argmap import: a part of the file has no .arg equivalent", "importing"),
}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry (codes are unique forever)."""
    if cls.code in RULES or (cls.code in RESERVED and RESERVED[cls.code][0] != cls.name):
        raise ValueError(f"rule code {cls.code} is already used")
    RULES[cls.code] = cls
    return cls


def all_rules() -> list[type[Rule]]:
    _load_rule_modules()
    return [RULES[code] for code in sorted(RULES)]


def rule_by_code(code_or_name: str) -> type[Rule] | None:
    _load_rule_modules()
    wanted = code_or_name.strip()
    for rule in RULES.values():
        if rule.code.lower() == wanted.lower() or rule.name == wanted:
            return rule
    return None


_loaded = False


def _load_rule_modules() -> None:
    """Import every rule module once (they register themselves)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    import importlib
    import pkgutil

    import argmap.checks as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.startswith("rules_"):
            importlib.import_module(f"argmap.checks.{info.name}")
