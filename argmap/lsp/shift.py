"""Move what a piece of text parsed to other lines, without parsing it again.

When lines are inserted or deleted above a chunk, its text reads exactly as
before, lower or higher in the file: the same model with every span moved
(the parser's positions are the only thing the first line changes; its
messages name no line). Moving is several times cheaper than parsing.

Generic over the model: for each model class a mover is written once from its
field types (argmap.model's slotted dataclasses), so a new attribute with a
span needs nothing here.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

from argmap.diagnostics import Diagnostic
from argmap.model import Map, Span, positional_builder

__all__ = ["shift_map", "shift_diagnostics"]

_movers: dict[type, Callable[[Any, int], Any]] = {}


def _span(span: Span, delta: int) -> Span:
    if span.line <= 0:
        return span
    return Span(span.file, span.line + delta, span.column, span.end_line + delta, span.end_column)


def _kind(hint: Any) -> tuple[str, type | None]:
    """How a field holds spans: 'span', 'optspan', 'spans' (a tuple of them),
    'obj', 'optobj', 'tuple' (of objects) or 'plain'; with the object class
    where there is one."""
    args = typing.get_args(hint)
    origin = typing.get_origin(hint)
    if hint is Span:
        return "span", None
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        if len(inner) == 1:
            kind, cls = _kind(inner[0])
            if kind == "span":
                return "optspan", None
            if kind == "obj":
                return "optobj", cls
        return "plain", None
    if origin is tuple and args and args[0] is Span:
        return "spans", None
    if origin is tuple and args and isinstance(args[0], type) and _has_spans(args[0]):
        return "tuple", args[0]
    if isinstance(hint, type) and _has_spans(hint):
        return "obj", hint
    return "plain", None


def _has_spans(cls: type) -> bool:
    if cls is Span:
        return True
    if not dataclasses.is_dataclass(cls):
        return False
    return any(_kind(h)[0] != "plain" for h in typing.get_type_hints(cls).values())


def _mover(cls: type) -> Callable[[Any, int], Any]:
    """A function (obj, delta) -> obj moved, written for ``cls``."""
    found = _movers.get(cls)
    if found is not None:
        return found
    hints = typing.get_type_hints(cls)
    namespace: dict[str, Any] = {"build": positional_builder(cls), "span": _span}
    values = []
    for field in dataclasses.fields(cls):
        kind, inner = _kind(hints[field.name])
        value = f"obj.{field.name}"
        if kind == "span":
            value = f"span({value}, delta)"
        elif kind == "optspan":
            value = f"(None if {value} is None else span({value}, delta))"
        elif kind == "spans":
            value = f"tuple([span(item, delta) for item in {value}])"
        elif kind in ("obj", "optobj", "tuple"):
            assert inner is not None
            namespace[f"move_{field.name}"] = _mover(inner)
            if kind == "obj":
                value = f"move_{field.name}({value}, delta)"
            elif kind == "optobj":
                value = f"(None if {value} is None else move_{field.name}({value}, delta))"
            else:
                value = f"tuple([move_{field.name}(item, delta) for item in {value}])"
        values.append(value)
    source = f"def move(obj, delta):\n    return build({', '.join(values)})\n"
    exec(source, namespace)
    _movers[cls] = namespace["move"]
    return _movers[cls]


@functools.cache
def _map_plan() -> tuple[tuple[str, str, Callable[[Any, int], Any] | None], ...]:
    hints = typing.get_type_hints(Map)
    plan = []
    for field in dataclasses.fields(Map):
        kind, inner = _kind(hints[field.name])
        plan.append((field.name, kind, _mover(inner) if inner is not None else None))
    return tuple(plan)


def shift_map(argmap: Map, delta: int) -> Map:
    """``argmap`` with every span ``delta`` lines further down."""
    if not delta:
        return argmap
    values: dict[str, Any] = {}
    for name, kind, move in _map_plan():
        value = getattr(argmap, name)
        if move is not None and kind == "tuple":
            value = tuple([move(item, delta) for item in value])
        elif kind in ("span", "optspan"):
            value = None if value is None else _span(value, delta)
        elif kind == "spans":
            value = tuple([_span(item, delta) for item in value])
        elif kind != "plain":  # pragma: no cover - the map holds tuples and spans
            raise TypeError(f"cannot move Map.{name}")
        values[name] = value
    return Map(**values)


def shift_diagnostics(diagnostics: tuple[Diagnostic, ...], delta: int) -> tuple[Diagnostic, ...]:
    if not delta:
        return diagnostics
    move = _mover(Diagnostic)
    return tuple(move(d, delta) for d in diagnostics)
