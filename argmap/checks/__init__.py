"""Semantic checks. Each family of rules lives in a ``rules_*.py`` module and
registers its classes with ``@register``; ``run_checks`` runs the selected ones.
"""

from __future__ import annotations

from collections.abc import Iterable

from argmap.checks.base import RESERVED, RULES, CheckContext, Rule, Scope, all_rules, register, rule_by_code
from argmap.diagnostics import Diagnostic, sort_diagnostics
from argmap.model import Map

__all__ = [
    "CheckContext",
    "Rule",
    "RULES",
    "RESERVED",
    "Scope",
    "register",
    "all_rules",
    "rule_by_code",
    "run_checks",
    "code_selected",
    "rule_entries",
]


def rule_entries() -> list[dict[str, str]]:
    """Every documented code (rule classes and codes the parser and loader
    report), sorted by code: code, name, severity, summary, doc."""
    entries: dict[str, dict[str, str]] = {}
    for code, (name, summary) in RESERVED.items():
        doc = (f"{summary[:1].upper()}{summary[1:]}.\n\n"
               "Reported while reading and parsing files, before the rules run.")
        entries[code] = {"code": code, "name": name, "severity": "error", "summary": summary, "doc": doc}
    for rule in all_rules():
        entries[rule.code] = {
            "code": rule.code,
            "name": rule.name,
            "severity": str(rule.severity),
            "summary": rule.summary,
            "doc": rule.documentation(),
        }
    return [entries[code] for code in sorted(entries)]


def code_selected(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """``select``/``ignore`` take codes or prefixes (``W2``, ``E1``, ``W203``)."""
    select = tuple(select)
    if select and not any(code.startswith(prefix) for prefix in select):
        return False
    return not any(code.startswith(prefix) for prefix in ignore)


def run_checks(
    argmap: Map,
    context: CheckContext | None = None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    speed: str = "all",
    fork: bool = False,
) -> list[Diagnostic]:
    """Run every selected rule over ``argmap``; diagnostics in a stable order.

    ``speed``: ``all`` rules, only the ``quick`` ones, or only the ``slow`` ones
    (whole-map evaluations): the language server publishes the quick findings
    at once and the slow ones a moment later. ``fork``: with ``all``, a big
    map's slow rules may run in a forked child process meanwhile (see
    argmap.checks.forked; for one-shot command-line runs)."""
    context = context or CheckContext()
    select, ignore = tuple(select), tuple(ignore)
    if fork and speed == "all":
        from argmap.checks.forked import run_forked, worth_forking

        if worth_forking(argmap):
            return sort_diagnostics(run_forked(argmap, context, select, ignore))
    found: list[Diagnostic] = []
    for rule_class in all_rules():
        if not code_selected(rule_class.code, select, ignore):
            continue
        if speed != "all" and rule_class.slow != (speed == "slow"):
            continue
        found.extend(rule_class().check(argmap, context))
    return sort_diagnostics(found)
