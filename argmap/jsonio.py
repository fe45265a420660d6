"""Strict JSON in and out: no NaN, no infinities.

Python's ``json`` writes ``NaN`` and ``Infinity`` for such floats and reads
them back, but JSON has no words for them and other tools reject the file.
Every JSON argmap writes goes through :func:`dump_json`; importers read with
:func:`load_json`.
"""

from __future__ import annotations

import json
import math
from typing import Any

from argmap.errors import InputError

__all__ = ["dump_json", "load_json"]


def dump_json(data: Any, indent: int | None = 2) -> str:
    """JSON text; a NaN or infinity is an InputError naming its JSON path."""
    try:
        return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    except ValueError:
        where = _non_finite(data, "$") or "$"
        raise InputError(f"cannot write JSON: {where} is not a finite number (JSON has no NaN or Infinity)") from None


def _non_finite(value: Any, where: str) -> str | None:
    """The JSON path of the first NaN or infinity in ``value``."""
    if isinstance(value, float) and not math.isfinite(value):
        return where
    if isinstance(value, dict):
        items: Any = ((f"{where}.{k}", v) for k, v in value.items())
    elif isinstance(value, (list, tuple)):
        items = ((f"{where}[{i}]", v) for i, v in enumerate(value))
    else:
        return None
    for path, item in items:
        found = _non_finite(item, path)
        if found:
            return found
    return None


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (JSON has no NaN or Infinity)")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]}{'...' if len(text) > 20 else ''} is too large")
    return value


def load_json(text: str, strict: bool = True) -> Any:
    """``json.loads`` that refuses ``NaN``, ``Infinity`` and numbers too large
    for a float (json.JSONDecodeError for bad syntax, ValueError for these)."""
    return json.loads(text, strict=strict, parse_constant=_constant, parse_float=_finite)
