"""The full model as JSON (``argmap export --to json``) and back.

The document is described by ``argmap/interop/argmap.schema.json`` (``argmap
schema``). Every key is always present (``null`` when absent), keys and lists
keep a fixed order, so exports are deterministic and diff well.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.jsonio import dump_json, load_json
from argmap.model import (
    Citation,
    Expectation,
    ExpectedStatus,
    Grade,
    Include,
    Level,
    LinkRef,
    Map,
    Node,
    NodeKind,
    Rating,
    Relation,
    RelationKind,
    Section,
    Source,
    Span,
)
from argmap.syntax.text import parse_partial_date

__all__ = ["FORMAT_VERSION", "to_dict", "dumps", "from_dict", "loads", "schema", "schema_text", "ImportResult"]

FORMAT_VERSION = 1
SCHEMA_ID = "https://github.com/argmap/argmap/blob/main/argmap/interop/argmap.schema.json"


def schema_text() -> str:
    return resources.files("argmap.interop").joinpath("argmap.schema.json").read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    return json.loads(schema_text())


def _date(value: Any) -> str | None:
    return value.text if value is not None else None


def to_dict(argmap: Map) -> dict[str, Any]:
    """The map as plain JSON data (spans and comments are not exported)."""
    return {
        "$schema": SCHEMA_ID,
        "argmap": FORMAT_VERSION,
        "title": argmap.title,
        "description": argmap.description,
        "includes": [i.path for i in argmap.includes],
        "sources": [
            {"id": s.id, "title": s.title, "author": s.author, "date": _date(s.date), "url": s.url,
             "file": s.file, "notes": list(s.notes)}
            for s in argmap.sources
        ],
        "sections": [{"id": s.id, "title": s.title, "explicit_id": s.explicit_id} for s in argmap.sections],
        "nodes": [
            {"id": n.id, "kind": n.kind.value, "text": n.text, "section": n.section, "tags": list(n.tags),
             "actors": list(n.actors), "date": _date(n.date),
             "credibility": n.credibility.value if n.credibility else None,
             "relevance": n.relevance.value if n.relevance else None, "notes": list(n.notes),
             "citations": [{"source": c.source, "locator": c.locator, "quote": c.quote} for c in n.citations],
             "ratings": [{"hypothesis": r.hypothesis, "grade": r.grade.value} for r in n.ratings]}
            for n in argmap.nodes
        ],
        "relations": [
            {"kind": r.kind.value, "source": r.source, "target": r.target,
             "link": {"source": r.link.source, "target": r.link.target} if r.link else None,
             "weight": r.weight}
            for r in argmap.relations
        ],
        "expectations": [
            {"node": e.node, "status": e.status.value, "semantics": e.semantics} for e in argmap.expectations
        ],
    }


def dumps(argmap: Map) -> str:
    return dump_json(to_dict(argmap)) + "\n"


class ImportResult:
    """An imported map (or None when the input is unusable) and its diagnostics."""

    def __init__(self, argmap: Map | None, diagnostics: list[Diagnostic]) -> None:
        self.map = argmap
        self.diagnostics = diagnostics

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
            sources=tuple(
                Source(s["id"], s["title"], s.get("author"), _opt(s.get("date"), parse_partial_date), s.get("url"),
                       s.get("file"), tuple(s.get("notes", [])))
                for s in data.get("sources", [])
            ),
            sections=tuple(Section(s["id"], s["title"], bool(s.get("explicit_id", True))) for s in data.get("sections", [])),
            nodes=tuple(
                Node(n["id"], NodeKind(n["kind"]), n["text"], n.get("section"), tuple(n.get("tags", [])),
                     tuple(n.get("actors", [])), _opt(n.get("date"), parse_partial_date),
                     _opt(n.get("credibility"), Level), _opt(n.get("relevance"), Level), tuple(n.get("notes", [])),
                     tuple(Citation(c["source"], c.get("locator"), c.get("quote")) for c in n.get("citations", [])),
                     tuple(Rating(r["hypothesis"], Grade(r["grade"])) for r in n.get("ratings", [])))
                for n in data.get("nodes", [])
            ),
            relations=tuple(
                Relation(RelationKind(r["kind"]), r["source"], r.get("target"),
                         _opt(r.get("link"), lambda link: LinkRef(link["source"], link["target"])),
                         _opt(r.get("weight"), float))
                for r in data.get("relations", [])
            ),
            expectations=tuple(
                Expectation(e["node"], ExpectedStatus(e["status"]), e.get("semantics"))
                for e in data.get("expectations", [])
            ),
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
    return from_dict(data, path)
