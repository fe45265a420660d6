"""The JSON form of node and source attributes, by value shape, from the
keyword tables: encoding, decoding and the JSON Schema of each. So an
attribute added to :mod:`argmap.syntax.keywords` and to the model travels
through ``argmap export --to json`` and back, and is in ``argmap schema``,
without a change here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from argmap.model import (
    ID_REGEX,
    Citation,
    Credibility,
    CriticalAnswer,
    Grade,
    Inference,
    Level,
    Node,
    Rating,
    Reliability,
    Source,
)
from argmap.syntax.keywords import ARGUMENT_ATTRIBUTES, NODE_ATTRIBUTES, SOURCE_ATTRIBUTES, Attribute, Repeat, Shape
from argmap.syntax.terminals import DATE
from argmap.syntax.text import parse_partial_date

__all__ = ["NODE_FIELDS", "SOURCE_FIELDS", "encode", "decode", "field_schemas", "ID_PATTERN"]


def _by_field(attributes: Sequence[Attribute], model: type) -> tuple[Attribute, ...]:
    """One attribute per model field, in the model's field order."""
    found = {a.field: a for a in attributes}
    return tuple(found[f.name] for f in dataclasses.fields(model) if f.name in found)


NODE_FIELDS = _by_field(NODE_ATTRIBUTES + ARGUMENT_ATTRIBUTES, Node)
SOURCE_FIELDS = _by_field(SOURCE_ATTRIBUTES, Source)

# A whole id: JSON Schema patterns are searched, so they are anchored at both
# ends; `$(?!\n)` refuses the trailing line break a bare `$` lets through.
ID_PATTERN = f"^{ID_REGEX}$(?!\\n)"
_ID = {"type": "string", "pattern": ID_PATTERN}
_LEVELS = {Shape.LEVEL: [v.value for v in Level], Shape.CREDIBILITY: [v.value for v in Credibility],
           Shape.RELIABILITY: [v.value for v in Reliability]}
_ENUMS: dict[Shape, Any] = {Shape.LEVEL: Level, Shape.CREDIBILITY: Credibility, Shape.RELIABILITY: Reliability}


def _encode_one(shape: Shape, value: Any) -> Any:
    if shape in (Shape.TEXT, Shape.ID):
        return value
    if shape in (Shape.IDS, Shape.NAMES):
        return list(value)
    if shape is Shape.DATE:
        return value.text
    if shape in _ENUMS:
        return value.value
    if shape is Shape.FLAG:
        return {"reason": value.reason}
    if shape is Shape.ANSWER:
        return {"question": value.question, "answer": value.answer}
    if shape is Shape.CITATION:
        return {"source": value.source, "locator": value.locator, "quote": value.quote}
    if shape is Shape.RATINGS:
        return [{"hypothesis": r.hypothesis, "grade": r.grade.value} for r in value]
    raise TypeError(f"no JSON form for attribute values of shape {shape}")  # pragma: no cover - tested complete


def _decode_one(shape: Shape, data: Any) -> Any:
    if shape in (Shape.TEXT, Shape.ID):
        return data
    if shape in (Shape.IDS, Shape.NAMES):
        return tuple(data)
    if shape is Shape.DATE:
        return parse_partial_date(data)
    if shape in _ENUMS:
        return _ENUMS[shape](data)
    if shape is Shape.FLAG:
        return Inference(data.get("reason"))
    if shape is Shape.ANSWER:
        return CriticalAnswer(data["question"], data["answer"])
    if shape is Shape.CITATION:
        return Citation(data["source"], data.get("locator"), data.get("quote"))
    if shape is Shape.RATINGS:
        return tuple(Rating(r["hypothesis"], Grade(r["grade"])) for r in data)
    raise TypeError(f"no JSON form for attribute values of shape {shape}")  # pragma: no cover - tested complete


def encode(element: Node | Source, fields: Sequence[Attribute]) -> dict[str, Any]:
    """``{field: JSON value}`` for each attribute field of ``element`` (every
    key present: null or [] when not written)."""
    out: dict[str, Any] = {}
    for attribute in fields:
        value = getattr(element, attribute.field)
        if attribute.repeat is Repeat.APPEND:
            out[attribute.field] = [_encode_one(attribute.shape, item) for item in value]
        elif attribute.repeat is Repeat.EXTEND:
            encoded = _encode_one(attribute.shape, value)
            out[attribute.field] = encoded if isinstance(encoded, list) else list(encoded)
        else:
            out[attribute.field] = None if value is None else _encode_one(attribute.shape, value)
    return out


def decode(data: dict[str, Any], fields: Sequence[Attribute]) -> dict[str, Any]:
    """The model's keyword arguments for the attribute fields in ``data``."""
    out: dict[str, Any] = {}
    for attribute in fields:
        value = data.get(attribute.field)
        if attribute.repeat is Repeat.APPEND:
            out[attribute.field] = tuple(_decode_one(attribute.shape, item) for item in value or ())
        elif attribute.repeat is Repeat.EXTEND:
            out[attribute.field] = _decode_one(attribute.shape, value or [])
        elif value is not None:
            out[attribute.field] = _decode_one(attribute.shape, value)
    return out


def _one_schema(shape: Shape) -> dict[str, Any]:
    if shape is Shape.TEXT:
        return {"type": "string"}
    if shape is Shape.ID:
        return dict(_ID)
    if shape in (Shape.IDS, Shape.NAMES):
        return {"type": "array", "items": dict(_ID) if shape is Shape.IDS else {"type": "string"}}
    if shape is Shape.DATE:
        return {"type": "string", "pattern": f"^{DATE}$(?!\\n)"}
    if shape in _LEVELS:
        return {"enum": list(_LEVELS[shape])}
    if shape is Shape.FLAG:
        return {"type": "object", "additionalProperties": False,
                "properties": {"reason": {"type": ["string", "null"]}}}
    if shape is Shape.ANSWER:
        return {"type": "object", "additionalProperties": False, "required": ["question", "answer"],
                "properties": {"question": dict(_ID), "answer": {"type": "string"}}}
    if shape is Shape.CITATION:
        return {"type": "object", "additionalProperties": False, "required": ["source"],
                "properties": {"source": dict(_ID), "locator": {"type": ["string", "null"]},
                               "quote": {"type": ["string", "null"]}}}
    if shape is Shape.RATINGS:
        return {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["hypothesis", "grade"],
            "properties": {"hypothesis": dict(_ID), "grade": {"enum": [g.value for g in Grade]}}}}
    raise TypeError(f"no JSON schema for attribute values of shape {shape}")  # pragma: no cover - tested complete


def field_schemas(fields: Sequence[Attribute]) -> dict[str, Any]:
    """The JSON Schema of each attribute field."""
    out: dict[str, Any] = {}
    for attribute in fields:
        one = _one_schema(attribute.shape)
        if attribute.repeat is Repeat.APPEND:
            out[attribute.field] = {"type": "array", "items": one}
        elif attribute.repeat is Repeat.EXTEND:
            out[attribute.field] = one
        else:
            out[attribute.field] = {"anyOf": [one, {"type": "null"}]}
    return out
