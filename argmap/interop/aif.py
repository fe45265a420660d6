"""AIF (Argument Interchange Format) as JSON, the format of AIFdb and OVA.

Export: argmap.interop.aif_export (re-exported here: ``to_aif``, ``dumps``).

Import tolerates real corpora (AIFdb, OVA3 files wrapped in ``{"AIF": ...}``):
integer or string ids, missing ``locutions``, unknown types skipped with a
warning, duplicate ids reported. The mapping (docs/interop.md has the table):

* I node -> a node: its id is the AIF id when that is a valid argmap id, else
  made from its text, with a note ``AIF nodeID 111803`` that export writes
  back as the ``nodeID``;
* RA -> one ``supports`` per premise; with several premises (linked premises,
  which argmap cannot say yet: issue 16's linked arguments) a note on the
  conclusion ``linked premises (RA id): p1, p2``;
* CA -> ``attacks``; a CA aimed at an RA/CA node -> ``undercuts``;
* a named scheme -> a note on the premise ``supports c: scheme Argument From
  Expert Opinion`` (export writes it back as the RA's scheme);
* MA (rephrase) -> a note ``rephrased by x``; PA -> a warning;
* L, TA, YA (the dialogue layer) -> not imported; the .arg gets a header
  comment summarising it (counts, speakers), and one warning;
* argmap's own ``"argmap"`` extension objects (written by export) give back
  what AIF cannot say: kinds, sections, tags, dates, citations, ratings,
  notes, weights, contradictions, title, sources, expectations.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.aif_export import NODE_ID_NOTE, dumps, scheme_note, to_aif
from argmap.interop.json_ import (
    ImportResult,
    diag,
    expectation_from_dict,
    node_from_dict,
    relation_from_dict,
    section_from_dict,
    source_from_dict,
)
from argmap.interop.writer import IdMaker, is_valid_id, place_relations, write_map
from argmap.jsonio import load_json
from argmap.model import LinkRef, Map, Node, NodeKind, Relation, RelationKind
from argmap.syntax import parse_text
from argmap.syntax.keywords import KEYWORDS

__all__ = ["to_aif", "dumps", "from_aif", "loads"]

# "RA"/"CA"/...: older AIFdb nodesets label a scheme node with its bare type and no scheme.
_DEFAULT_SCHEMES = {"default inference", "default conflict", "default rephrase", "default preference", "",
                    "ra", "ca", "ma", "pa"}
_DIALOGUE = {"L": "locution", "TA": "transition", "YA": "illocution"}
_SPEAKER = re.compile(r"^\s*([^:]{1,40}?)\s*:\s")


def _meta(node: Any) -> dict[str, Any]:
    meta = node.get("argmap") if isinstance(node, dict) else None
    return meta if isinstance(meta, dict) else {}


def _weight(meta: dict[str, Any]) -> float | None:
    value = meta.get("weight")
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


class _Graph:
    """The AIF nodes argmap reads, by id, with their edges."""

    def __init__(self, data: dict[str, Any], root: str, path: str) -> None:
        self.root, self.path = root, path
        self.warnings: list[Diagnostic] = []
        self.by_id: dict[str, dict[str, Any]] = {}
        self.position: dict[str, int] = {}
        self.dialogue: dict[str, list[dict[str, Any]]] = {}
        for index, node in enumerate(data["nodes"]):
            where = f"{root}.nodes[{index}]"
            if not isinstance(node, dict) or "nodeID" not in node:
                self.warn(where, "a node without 'nodeID' is skipped")
                continue
            key = str(node["nodeID"])
            if key in self.by_id:
                self.warn(f"{where}.nodeID", f"duplicate node id {key!r}; the first one is kept")
                continue
            kind = str(node.get("type", ""))
            if kind in _DIALOGUE:
                self.dialogue.setdefault(kind, []).append(node)
                continue
            if kind not in ("I", "RA", "CA", "MA", "PA"):
                self.warn(f"{where}.type", f"unknown node type {kind!r}; node skipped")
                continue
            self.by_id[key] = node
            self.position[key] = index
        self.incoming: dict[str, list[str]] = {}
        self.outgoing: dict[str, list[str]] = {}
        for index, edge in enumerate(data.get("edges", [])):
            if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
                self.warn(f"{root}.edges[{index}]", "an edge without fromID/toID is skipped")
                continue
            source, target = str(edge["fromID"]), str(edge["toID"])
            if source in self.by_id and target in self.by_id:  # else edges of dialogue or skipped nodes
                self.outgoing.setdefault(source, []).append(target)
                self.incoming.setdefault(target, []).append(source)

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(diag(self.path, where, message, severity=Severity.WARNING))

    def where(self, key: str) -> str:
        return f"{self.root}.nodes[{self.position[key]}]"

    def dialogue_summary(self) -> tuple[str, ...]:
        """Header comment lines for the dialogue layer, and one warning."""
        if not self.dialogue:
            return ()
        counts = ", ".join(f"{len(nodes)} {kind}" for kind, nodes in sorted(self.dialogue.items()))
        self.warn(f"{self.root}.nodes", f"dialogue nodes skipped ({counts}): argmap maps have no dialogue layer")
        named = ", ".join(f"{len(nodes)} {kind} ({_DIALOGUE[kind]}s)" for kind, nodes in sorted(self.dialogue.items()))
        lines = [f"AIF dialogue layer not imported (argmap maps have no dialogue): {named}."]
        speakers = sorted({m.group(1) for n in self.dialogue.get("L", [])
                           if (m := _SPEAKER.match(str(n.get("text") or "")))})
        if speakers:
            lines.append("Speakers: " + ", ".join(speakers) + ".")
        return tuple(lines)


def from_aif(data: Any, path: str = "<aif>") -> ImportResult:
    """AIF JSON data -> Map; problems are diagnostics with JSON paths."""
    root = "$"
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict) and "nodes" not in data:
        data, root = data["AIF"], "$.AIF"  # OVA3 wraps the AIF graph: {"AIF": {...}, "OVA": {...}, "text": ...}
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        return ImportResult(None, [diag(path, "$", "not an AIF document: expected an object with a 'nodes' list")])
    if not isinstance(data.get("edges", []), list):
        return ImportResult(None, [diag(path, f"{root}.edges", "expected a list of edges")])
    graph = _Graph(data, root, path)
    header = graph.dialogue_summary()
    top = _meta(data)
    own = bool(top)  # argmap's own export: its extension objects are authoritative
    node_id, nodes, notes = _nodes(graph, own)
    relations = _relations(graph, node_id, notes, own)
    nodes = [dataclasses.replace(n, notes=tuple(notes[n.id])) for n in nodes]
    fields: dict[str, Any] = {"title": data.get("title") if isinstance(data.get("title"), str) else None}
    if own:
        try:
            fields = {"title": top.get("title"), "description": top.get("description"),
                      "sources": tuple(source_from_dict(s) for s in top.get("sources", [])),
                      "sections": tuple(section_from_dict(s) for s in top.get("sections", [])),
                      "expectations": tuple(expectation_from_dict(e) for e in top.get("expectations", []))}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            graph.warn(f"{root}.argmap", f"argmap extension not read ({type(exc).__name__}: {exc})")
    built = Map(nodes=tuple(nodes), relations=tuple(relations), **fields)
    return ImportResult(parse_text(write_map(built), path).map, graph.warnings, header)


def _nodes(graph: _Graph, own: bool) -> tuple[dict[str, str], list[Node], dict[str, list[str]]]:
    ids = IdMaker()
    node_id: dict[str, str] = {}
    nodes: list[Node] = []
    notes: dict[str, list[str]] = {}
    for key, raw in graph.by_id.items():
        if raw.get("type") != "I":
            continue
        text = " ".join(str(raw.get("text") or "").split())
        if not text:
            graph.warn(f"{graph.where(key)}.text", f"I node {key!r} has no text")
        meta = _meta(raw)
        node: Node | None = None
        if own and meta:
            try:
                node = node_from_dict({"text": text, **meta})
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                graph.warn(f"{graph.where(key)}.argmap", f"argmap extension not read ({type(exc).__name__}: {exc})")
        wanted = node.id if node is not None and is_valid_id(node.id) else key
        wanted = wanted if is_valid_id(wanted) and wanted not in KEYWORDS and wanted not in ids.used else ""
        if wanted:
            ids.used.add(wanted)
        node_id[key] = wanted or ids.make(text, fallback="n")
        if node is None:
            kind_name = meta.get("kind", "claim")
            known = isinstance(kind_name, str) and kind_name in NodeKind._value2member_map_
            node = Node(node_id[key], NodeKind(kind_name) if known else NodeKind.CLAIM, text)
        nodes.append(dataclasses.replace(node, id=node_id[key], text=text, notes=()))
        notes[node_id[key]] = list(node.notes)
        if node_id[key] != key and not own and f"{NODE_ID_NOTE}{key}" not in notes[node_id[key]]:
            notes[node_id[key]].append(f"{NODE_ID_NOTE}{key}")
    return node_id, nodes, notes


def _relations(graph: _Graph, node_id: dict[str, str], notes: dict[str, list[str]], own: bool) -> list[Relation]:
    """Relations from the RA/CA/MA nodes; generated notes only for foreign AIF
    (argmap's own export carries its notes in the extension objects)."""
    def note(node: str, text: str) -> None:
        if not own and text not in notes[node]:
            notes[node].append(text)

    def ends(scheme: str) -> tuple[list[str], list[str]]:
        return ([s for s in graph.incoming.get(scheme, []) if s in node_id],
                [t for t in graph.outgoing.get(scheme, []) if t in node_id])

    relations: list[Relation] = []
    placed: list[tuple[int, Relation]] = []  # argmap's own export: (place in the source's block, relation)

    def add(rel: Relation, meta: dict[str, Any]) -> None:
        at = meta.get("at")
        if own and isinstance(at, int) and not isinstance(at, bool):
            placed.append((at, rel))
        else:
            relations.append(rel)

    seen: set[tuple[RelationKind, str, str]] = set()
    links: dict[str, list[tuple[str, str]]] = {}
    for key, raw in graph.by_id.items():
        kind = str(raw.get("type"))
        if kind == "I":
            continue
        premises, conclusions = ends(key)
        scheme = " ".join(str(raw.get("scheme") or raw.get("text") or "").split())
        named = scheme.lower() not in _DEFAULT_SCHEMES
        meta = _meta(raw)
        if kind in ("RA", "CA") and premises and conclusions:
            rel_kind = RelationKind.SUPPORTS if kind == "RA" else RelationKind.ATTACKS
            if meta.get("kind") == "contradicts":
                rel_kind = RelationKind.CONTRADICTS
            for conclusion in conclusions:
                for premise in premises:
                    source, target = node_id[premise], node_id[conclusion]
                    if rel_kind is RelationKind.CONTRADICTS and (rel_kind, target, source) in seen:
                        continue  # the second CA of a contradiction
                    if (rel_kind, source, target) not in seen:
                        seen.add((rel_kind, source, target))
                        add(Relation(rel_kind, source, target, None, _weight(meta), meta.get("inferred") is True), meta)
                    if rel_kind is not RelationKind.CONTRADICTS:  # only supports/attacks can be undercut
                        links.setdefault(key, []).append((source, target))
                    if named:
                        note(source, scheme_note(rel_kind.value, target, scheme))
                if len(premises) > 1:
                    note(node_id[conclusion], f"linked premises ({kind} {key}): " + ", ".join(node_id[p] for p in premises))
        elif kind == "MA" and premises and conclusions:
            for premise in premises:
                for conclusion in conclusions:
                    note(node_id[conclusion], f"rephrased by {node_id[premise]}" + (f" ({scheme})" if named else ""))
        elif kind == "PA":
            graph.warn(graph.where(key), "preference node (PA) not translated: argmap has no preferences")
        elif kind != "CA" or not premises:
            graph.warn(graph.where(key), f"{kind} node {key!r} lacks a premise or a conclusion; skipped")
    for key, raw in graph.by_id.items():  # CA nodes aimed at scheme nodes: undercuts
        if raw.get("type") != "CA":
            continue
        premises, _ = ends(key)
        scheme = " ".join(str(raw.get("scheme") or raw.get("text") or "").split())
        for target in [t for t in graph.outgoing.get(key, []) if graph.by_id[t].get("type") in ("RA", "CA")]:
            if not links.get(target):
                graph.warn(graph.where(key), f"CA node {key!r} attacks scheme node {target!r}, which links no two claims; skipped")
                continue
            for premise in premises:
                for source, conclusion in links[target]:
                    add(Relation(RelationKind.UNDERCUTS, node_id[premise], None, LinkRef(source, conclusion),
                                 _weight(_meta(raw)), _meta(raw).get("inferred") is True), _meta(raw))
                    if scheme.lower() not in _DEFAULT_SCHEMES:
                        note(node_id[premise], scheme_note("undercuts", f"{source} -> {conclusion}", scheme))
    if own:  # relations AIF has no node for, kept in the I-node's extension object
        for key, raw in graph.by_id.items():
            extra = _meta(raw).get("relations")
            if raw.get("type") == "I" and isinstance(extra, list):
                try:
                    for item in extra:
                        add(relation_from_dict({**item, "source": node_id[key]}), item)
                except (KeyError, TypeError, ValueError, AttributeError) as exc:
                    graph.warn(f"{graph.where(key)}.argmap.relations", f"not read ({type(exc).__name__}: {exc})")
    return place_relations(relations, placed)


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
