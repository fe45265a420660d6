"""The JSON Schema of argmap's JSON export, made from the model's kinds and
the keyword tables (``argmap schema`` prints it).

    python -m argmap.interop.json_schema    # rewrite argmap/interop/argmap.schema.json

The committed file is kept equal to this (``tests/test_interop.py``), so the
schema's address always names the schema argmap writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from argmap.interop.json_fields import ID_PATTERN, NODE_FIELDS, SOURCE_FIELDS, field_schemas
from argmap.model import ExpectedStatus, NodeKind, RelationKind
from argmap.syntax.keywords import SEMANTICS_WORDS

__all__ = ["FORMAT_VERSION", "SCHEMA_ID", "SCHEMA_FILE", "schema", "schema_text"]

FORMAT_VERSION = 1
SCHEMA_ID = "https://github.com/argmap/argmap/blob/main/argmap/interop/argmap.schema.json"
SCHEMA_FILE = Path(__file__).with_name("argmap.schema.json")

_ID: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN}
_TEXT_OR_NULL: dict[str, Any] = {"type": ["string", "null"]}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


def _object(required: list[str], properties: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": properties, **more}


def schema() -> dict[str, Any]:
    """The schema as data."""
    link = _object(["source", "target"], {"source": _ID, "target": _ID})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "argmap JSON export",
        "description": (f"An argument map as written by `argmap export --to json` (format version "
                        f"{FORMAT_VERSION}). Spans and comments are not part of it."),
        "type": "object",
        "additionalProperties": False,
        "required": ["argmap", "nodes"],
        "properties": {
            "$schema": {"type": "string"},
            "argmap": {"const": FORMAT_VERSION, "description": "format version"},
            "title": _TEXT_OR_NULL,
            "description": _TEXT_OR_NULL,
            "includes": _array({"type": "string"}),
            "sources": _array(_object(["id", "title"], {"id": _ID, "title": {"type": "string"},
                                                        **field_schemas(SOURCE_FIELDS)})),
            "sections": _array(_object(["id", "title"], {"id": _ID, "title": {"type": "string"},
                                                         "explicit_id": {"type": "boolean"}})),
            "nodes": _array(_object(["id", "kind", "text"], {
                "id": _ID, "kind": {"enum": [k.value for k in NodeKind]}, "text": {"type": "string"},
                "section": _TEXT_OR_NULL, **field_schemas(NODE_FIELDS)})),
            "relations": _array(_object(["kind", "source"], {
                "kind": {"enum": [k.value for k in RelationKind]},
                "source": _ID,
                "target": {"anyOf": [_ID, {"type": "null"}]},
                "link": {"anyOf": [link, {"type": "null"}]},
                "weight": {"type": ["number", "null"], "minimum": 0},
                "inferred": {"type": "boolean"},
            }, description="A relation has a target, except an undercut of a link (undercuts a -> b), "
                           "which has the link instead.",
                allOf=[
                    {"if": {"properties": {"kind": {"const": RelationKind.UNDERCUTS.value}}},
                     "then": {"anyOf": [{"required": ["link"], "properties": {"link": link}},
                                        {"required": ["target"], "properties": {"target": _ID}}]},
                     "else": {"required": ["target"], "properties": {"target": _ID}}},
                ])),
            "expectations": _array(_object(["node", "status"], {
                "node": _ID, "status": {"enum": [s.value for s in ExpectedStatus]},
                "semantics": {"enum": [*SEMANTICS_WORDS, None]}})),
        },
    }


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_FILE}\n")
