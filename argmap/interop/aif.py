"""AIF (Argument Interchange Format) as JSON, the format of AIFdb and OVA.

Export: argmap.interop.aif_export (re-exported here: ``to_aif``, ``dumps``).

Import tolerates real corpora (AIFdb, OVA3 files wrapped in ``{"AIF": ...}``):
integer or string ids, missing ``locutions``, unknown types skipped with a
warning, duplicate ids reported. The mapping (docs/interop.md has the table):

* I node -> a statement: its id is the AIF id when that is a valid argmap
  id, else made from its text, with a note ``AIF nodeID 111803`` that export
  writes back as the ``nodeID``;
* RA with one premise and no scheme -> ``supports`` (independent reasons stay
  independent); RA with several premises (linked), or with a named scheme ->
  one ``argument`` block (its premises, ``supports`` its conclusion; the
  scheme by the catalogue's id where it is one of its schemes, else by the
  name's words: argmap.interop.scheme_names);
* CA -> ``attacks`` (linked or named: an argument block that attacks); a CA
  aimed at an RA/CA node -> ``undercuts`` of that argument block, or of the
  link a -> b of a one-premise RA/CA;
* MA (rephrase) -> ``supports`` with a note ``rephrased as b (AIF MA)`` on the
  premise, written back as the MA; PA -> a warning;
* L, TA, YA (the dialogue layer) -> not imported; the .arg gets a header
  comment summarising it (counts, speakers), and one warning;
* argmap's own ``"argmap"`` extension objects (written by export) give back
  what AIF cannot say: kinds, sections, tags, dates, citations, ratings,
  notes, weights, contradictions, about / answers, title, sources, expectations.
"""

from __future__ import annotations

import json
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.aif_export import dumps, to_aif
from argmap.interop.aif_graph import Graph, Reading, extension
from argmap.interop.json_ import (
    ImportResult,
    diag,
    expectation_from_dict,
    section_from_dict,
    source_from_dict,
)
from argmap.interop.writer import write_map
from argmap.jsonio import load_json
from argmap.model import Map
from argmap.syntax import parse_text

__all__ = ["to_aif", "dumps", "from_aif", "loads"]


def from_aif(data: Any, path: str = "<aif>") -> ImportResult:
    """AIF JSON data -> Map; problems are diagnostics with JSON paths."""
    root = "$"
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict) and "nodes" not in data:
        data, root = data["AIF"], "$.AIF"  # OVA3 wraps the AIF graph: {"AIF": {...}, "OVA": {...}, "text": ...}
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        return ImportResult(None, [diag(path, "$", "not an AIF document: expected an object with a 'nodes' list")])
    if not isinstance(data.get("edges", []), list):
        return ImportResult(None, [diag(path, f"{root}.edges", "expected a list of edges")])
    graph = Graph(data, root, path)
    header = graph.dialogue_summary()
    top = extension(data)
    own = bool(top)  # argmap's own export: its extension objects are authoritative
    reading = Reading(graph, own)
    nodes, relations = reading.run()
    fields: dict[str, Any] = {"title": data.get("title") if isinstance(data.get("title"), str) else None}
    if own:
        try:
            fields = {"title": _text_or_none(top.get("title"), "title"),
                      "description": _text_or_none(top.get("description"), "description"),
                      "sources": tuple(source_from_dict(s) for s in top.get("sources", [])),
                      "sections": tuple(section_from_dict(s) for s in top.get("sections", [])),
                      "expectations": tuple(expectation_from_dict(e) for e in top.get("expectations", []))}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            graph.warn(f"{root}.argmap", f"argmap extension not read ({type(exc).__name__}: {exc})")
    built = Map(nodes=tuple(nodes), relations=tuple(relations), **fields)
    return ImportResult(parse_text(write_map(built), path).map, graph.warnings, header)


def _text_or_none(value: object, name: str) -> str | None:
    """A header text of the extension; another type is refused (the import warns)."""
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"{name} is {type(value).__name__}, not a text")


def loads(text: str, path: str = "<aif>") -> ImportResult:
    """Parse AIF JSON. Raw line breaks or tabs inside strings (OVA exports of pasted
    text have them; strict JSON forbids them) are read anyway, with a warning."""
    early: list[Diagnostic] = []
    try:
        data = load_json(text)
    except json.JSONDecodeError as exc:
        if not exc.msg.startswith("Invalid control character"):
            return ImportResult(None, [diag(path, "", f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno)])
        try:
            data = load_json(text, strict=False)
        except json.JSONDecodeError as again:
            return ImportResult(None, [diag(path, "", f"invalid JSON: {again.msg}", line=again.lineno, column=again.colno)])
        except ValueError as bad:
            return ImportResult(None, [diag(path, "", f"invalid JSON: {bad}")])
        early.append(diag(path, "", "raw control character (line break or tab) inside a JSON string; read anyway",
                          severity=Severity.WARNING, line=exc.lineno, column=exc.colno))
    except ValueError as exc:  # NaN, Infinity, a number beyond float range
        return ImportResult(None, [diag(path, "", f"invalid JSON: {exc}")])
    result = from_aif(data, path)
    return ImportResult(result.map, early + list(result.diagnostics), result.header) if early else result
