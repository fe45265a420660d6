"""Every diagnostic code argmap reports, with its documentation: the lint
rules' (argmap.checks) and the other stages' (parser, loader, evaluation,
importers). ``argmap rules``, docs/rules.md and the SARIF report read them here."""

from __future__ import annotations

__all__ = ["code_entries"]


def code_entries() -> list[dict[str, str]]:
    """code, name, severity, summary, doc of every code, sorted by code."""
    from argmap.checks import rule_entries
    from argmap.evaluate.expectations import CODE, DOCUMENTATION

    return rule_entries({CODE: DOCUMENTATION})
