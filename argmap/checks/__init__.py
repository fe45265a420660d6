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


def rule_entries(documentation: dict[str, str] | None = None) -> list[dict[str, str]]:
    """Every documented code (rule classes and the codes other stages report),
    sorted by code: code, name, severity, summary, doc, default ("on", or
    "off" for an opt-in rule). ``documentation``: the
    full text of codes reported outside the rules (by code), where a stage
    documents its own (the evaluation's E116)."""
    entries: dict[str, dict[str, str]] = {}
    for code, (name, summary, stage) in RESERVED.items():
        doc = (documentation or {}).get(code) or (
            f"{summary[:1].upper()}{summary[1:]}.\n\nReported while {stage}, not by a lint rule.")
        severity = "warning" if code.startswith("W") or code == "I002" else "error"
        entries[code] = {"code": code, "name": name, "severity": severity, "summary": summary, "doc": doc,
                         "default": "on"}
    for rule in all_rules():
        entries[rule.code] = {
            "code": rule.code,
            "name": rule.name,
            "severity": str(rule.severity),
            "default": "off" if rule.opt_in else "on",
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
) -> list[Diagnostic]:
    """Run every selected rule over ``argmap``; diagnostics in a stable order.
    (Rules never evaluate the argument: expectations are the evaluation
    stage's, see :func:`argmap.api.analyse`.)"""
    context = context or CheckContext()
    select, ignore = tuple(select), tuple(ignore)
    found: list[Diagnostic] = []
    for rule_class in all_rules():
        if rule_class.opt_in and not select:
            continue
        if code_selected(rule_class.code, select, ignore):
            found.extend(rule_class().check(argmap, context))
    return sort_diagnostics(found)
