"""The full model as JSON (``argmap export --to json``) and back.

The document is described by ``argmap/interop/argmap.schema.json`` (``argmap
schema``). Every key is always present (``null`` when absent), keys and lists
keep a fixed order, so exports are deterministic and diff well.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.json_fields import NODE_FIELDS, SOURCE_FIELDS, decode, encode
from argmap.interop.json_schema import FORMAT_VERSION, SCHEMA_ID, schema, schema_text
from argmap.jsonio import dump_json, load_json
from argmap.model import (
    Expectation,
    ExpectedStatus,
    Include,
    LinkRef,
    Map,
    Node,
    NodeKind,
    Relation,
    RelationKind,
    Section,
    Source,
    Span,
)

__all__ = ["FORMAT_VERSION", "to_dict", "dumps", "from_dict", "loads", "schema", "schema_text", "ImportResult",
           "node_to_dict", "node_from_dict", "source_to_dict", "source_from_dict", "section_to_dict",
           "section_from_dict", "expectation_to_dict", "expectation_from_dict", "relation_to_dict",
           "relation_from_dict"]

_RELATION_KIND = {kind.value: kind for kind in RelationKind}


def source_to_dict(s: Source) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, **encode(s, SOURCE_FIELDS)}


def section_to_dict(s: Section) -> dict[str, Any]:
    return {"id": s.id, "title": s.title, "explicit_id": s.explicit_id}


def node_to_dict(n: Node) -> dict[str, Any]:
    return {"id": n.id, "kind": n.kind.value, "text": n.text, "section": n.section, **encode(n, NODE_FIELDS)}


def relation_to_dict(r: Relation) -> dict[str, Any]:
    return {"kind": r.kind.value, "source": r.source, "target": r.target,
            "link": {"source": r.link.source, "target": r.link.target} if r.link else None,
            "weight": r.weight, "inferred": r.inferred}


def relation_from_dict(r: dict[str, Any]) -> Relation:
    return Relation(_RELATION_KIND[r["kind"]], r["source"], r.get("target"),
                    _opt(r.get("link"), lambda link: LinkRef(link["source"], link["target"])),
                    _opt(r.get("weight"), float), bool(r.get("inferred", False)))


def expectation_to_dict(e: Expectation) -> dict[str, Any]:
    return {"node": e.node, "status": e.status.value, "semantics": e.semantics}


def source_from_dict(s: dict[str, Any]) -> Source:
    """KeyError, TypeError or ValueError on bad data (as the other *_from_dict)."""
    return Source(id=s["id"], title=s["title"], **decode(s, SOURCE_FIELDS))


def section_from_dict(s: dict[str, Any]) -> Section:
    return Section(s["id"], s["title"], bool(s.get("explicit_id", True)))


def node_from_dict(n: dict[str, Any]) -> Node:
    return Node(id=n["id"], kind=NodeKind(n["kind"]), text=n["text"], section=n.get("section"),
                **decode(n, NODE_FIELDS))


def expectation_from_dict(e: dict[str, Any]) -> Expectation:
    return Expectation(e["node"], ExpectedStatus(e["status"]), e.get("semantics"))


def to_dict(argmap: Map) -> dict[str, Any]:
    """The map as plain JSON data (spans and comments are not exported)."""
    return {
        "$schema": SCHEMA_ID,
        "argmap": FORMAT_VERSION,
        "title": argmap.title,
        "description": argmap.description,
        "includes": [i.path for i in argmap.includes],
        "sources": [source_to_dict(s) for s in argmap.sources],
        "sections": [section_to_dict(s) for s in argmap.sections],
        "nodes": [node_to_dict(n) for n in argmap.nodes],
        "relations": [relation_to_dict(r) for r in argmap.relations],
        "expectations": [expectation_to_dict(e) for e in argmap.expectations],
    }


def dumps(argmap: Map) -> str:
    return dump_json(to_dict(argmap)) + "\n"


class ImportResult:
    """An imported map (or None when the input is unusable), its diagnostics, and
    ``header``: lines for a comment on top of the written .arg (what the input
    had beyond the map, e.g. an AIF dialogue layer, summarised)."""

    def __init__(self, argmap: Map | None, diagnostics: list[Diagnostic], header: tuple[str, ...] = ()) -> None:
        self.map = argmap
        self.diagnostics = diagnostics
        self.header = header

    @property
    def ok(self) -> bool:
        return self.map is not None and not any(d.is_error for d in self.diagnostics)


def diag(path: str, where: str, message: str, *, severity: Severity = Severity.ERROR,
         line: int = 0, column: int = 1, hint: str | None = None) -> Diagnostic:
    """An import diagnostic: I001 (error: nothing usable) or I002 (warning: something
    did not translate). ``where`` is a JSON path (``$.nodes[3].kind``) or '' for line-based ones."""
    code, rule = ("I001", "import-error") if severity is Severity.ERROR else ("I002", "import-not-translated")
    text = f"{where}: {message}" if where else message
    return Diagnostic(code, rule, severity, text, Span(path, line, column, line, column + 1), hint)


def _json_path(parts: Any) -> str:
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    try:
        import jsonschema
    except ImportError:  # pragma: no cover - the conversion below still checks types
        return None
    return jsonschema.Draft202012Validator(schema())


def _validate(data: Any, path: str) -> list[Diagnostic]:
    validator = _validator()
    if validator is None:  # pragma: no cover
        return []
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    return [diag(path, _json_path(e.absolute_path), e.message) for e in errors[:50]]


def _opt(value: Any, convert: Any) -> Any:
    return convert(value) if value is not None else None


def from_dict(data: Any, path: str = "<json>") -> ImportResult:
    """JSON data -> Map. Problems are diagnostics with a JSON path."""
    problems = _validate(data, path)
    if problems:
        return ImportResult(None, problems)
    try:
        argmap = Map(
            title=data.get("title"),
            description=data.get("description"),
            includes=tuple(Include(p) for p in data.get("includes", [])),
            sources=tuple(source_from_dict(s) for s in data.get("sources", [])),
            sections=tuple(section_from_dict(s) for s in data.get("sections", [])),
            nodes=tuple(node_from_dict(n) for n in data.get("nodes", [])),
            relations=tuple(relation_from_dict(r) for r in data.get("relations", [])),
            expectations=tuple(expectation_from_dict(e) for e in data.get("expectations", [])),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return ImportResult(None, [diag(path, "$", f"not an argmap JSON document ({type(exc).__name__}: {exc})")])
    return ImportResult(argmap, [])


def loads(text: str, path: str = "<json>") -> ImportResult:
    try:
        data = load_json(text)
    except json.JSONDecodeError as exc:
        return ImportResult(None, [diag(path, "", f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)])
    except ValueError as exc:  # NaN, Infinity, a number beyond float range
        return ImportResult(None, [diag(path, "", f"invalid JSON: {exc}")])
    except RecursionError:
        return ImportResult(None, [diag(path, "", "invalid JSON: nested too deeply")])
    where = _lone_surrogate(data)
    if where is not None:
        return ImportResult(None, [diag(path, where, "a \\uD800-\\uDFFF escape that is not part of a pair "
                                                     "(a lone surrogate is not a character)")])
    return from_dict(data, path)


def _lone_surrogate(data: Any) -> str | None:
    """The JSON path of the first string (key or value) holding a lone
    surrogate, which JSON's ``\\uD800`` escapes allow and UTF-8 cannot encode."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, where = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return _json_path(where)
        elif isinstance(value, dict):
            for key, item in value.items():
                stack.append((key, where))
                stack.append((item, (*where, key)))
        elif isinstance(value, list):
            stack.extend((item, (*where, i)) for i, item in enumerate(value))
    return None
