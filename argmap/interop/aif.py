"""AIF (Argument Interchange Format) as JSON, the format of AIFdb and OVA.

Export: every node -> an I-node (``nodeID`` = the argmap id); ``a supports b``
-> an RA node with edges a->RA->b; ``attacks``/``contradicts`` -> a CA node;
``c undercuts a -> b`` -> a CA node aimed at the RA/CA node of the link a->b
(so an undercut of an attack is a CA aimed at a CA). Each node carries an extra
``"argmap"`` object (kind, weight) that other tools ignore and import reads back.

Import tolerates real corpora (AIFdb, OVA3 files wrapped in ``{"AIF": ...}``):
integer or string ids, missing ``locutions``,
dialogue nodes (L, TA, YA) skipped with one warning, MA (rephrase) kept as a
note, unknown types skipped with a warning, duplicate ids reported. An RA with
several premises (linked premises) becomes one ``supports`` per premise plus a
note on the conclusion; scheme names other than the default (and other than a
bare type name such as ``RA``) are kept as notes on the premise (relations have
no notes in the model).
"""

from __future__ import annotations

import json
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.json_ import ImportResult, diag
from argmap.interop.writer import IdMaker, is_valid_id
from argmap.jsonio import dump_json, load_json
from argmap.model import LinkRef, Map, Node, NodeKind, Relation, RelationKind
from argmap.syntax import parse_text
from argmap.syntax.keywords import KEYWORDS

__all__ = ["to_aif", "dumps", "from_aif", "loads"]

# "RA"/"CA"/...: older AIFdb nodesets label a scheme node with its bare type and no scheme.
_DEFAULT_SCHEMES = {"default inference", "default conflict", "default rephrase", "default preference", "",
                    "ra", "ca", "ma", "pa"}
_DIALOGUE = {"L", "TA", "YA"}


def to_aif(argmap: Map) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for node in argmap.nodes:
        nodes.append({"nodeID": node.id, "text": node.text, "type": "I", "argmap": {"kind": node.kind.value}})
    scheme_of: dict[tuple[str, str], str] = {}

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": source, "toID": target, "formEdgeID": None})

    counter = 0
    for rel in argmap.relations:
        if rel.kind is RelationKind.UNDERCUTS:
            continue
        counter += 1
        support = rel.kind is RelationKind.SUPPORTS
        scheme_id = f"{'ra' if support else 'ca'}{counter}"
        meta: dict[str, Any] = {"kind": rel.kind.value}
        if rel.weight is not None:
            meta["weight"] = rel.weight
        nodes.append({"nodeID": scheme_id, "text": "Default Inference" if support else "Default Conflict",
                      "type": "RA" if support else "CA", "argmap": meta})
        edge(rel.source, scheme_id)
        edge(scheme_id, str(rel.target))
        scheme_of.setdefault((rel.source, str(rel.target)), scheme_id)
    for rel in argmap.relations:
        if rel.kind is not RelationKind.UNDERCUTS or rel.link is None:
            continue
        aimed = scheme_of.get((rel.link.source, rel.link.target))
        if aimed is None:
            continue  # the link is not a relation of the map (reported by `argmap check`)
        counter += 1
        scheme_id = f"ca{counter}"
        meta = {"kind": "undercuts"}
        if rel.weight is not None:
            meta["weight"] = rel.weight
        nodes.append({"nodeID": scheme_id, "text": "Default Conflict", "type": "CA", "argmap": meta})
        edge(rel.source, scheme_id)
        edge(scheme_id, aimed)
    return {"nodes": nodes, "edges": edges, "locutions": []}


def dumps(argmap: Map) -> str:
    return dump_json(to_aif(argmap)) + "\n"


def _meta(node: dict[str, Any]) -> dict[str, Any]:
    meta = node.get("argmap")
    return meta if isinstance(meta, dict) else {}


def from_aif(data: Any, path: str = "<aif>") -> ImportResult:
    """AIF JSON data -> Map; problems are diagnostics with JSON paths."""
    warnings = []
    root = "$"
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict) and "nodes" not in data:
        data, root = data["AIF"], "$.AIF"  # OVA3 wraps the AIF graph: {"AIF": {...}, "OVA": {...}, "text": ...}
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        return ImportResult(None, [diag(path, "$", "not an AIF document: expected an object with a 'nodes' list")])
    raw_edges = data.get("edges", [])
    if not isinstance(raw_edges, list):
        return ImportResult(None, [diag(path, f"{root}.edges", "expected a list of edges")])
    by_id: dict[str, dict[str, Any]] = {}
    position: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for index, node in enumerate(data["nodes"]):
        where = f"{root}.nodes[{index}]"
        if not isinstance(node, dict) or "nodeID" not in node:
            warnings.append(diag(path, where, "a node without 'nodeID' is skipped", severity=Severity.WARNING))
            continue
        key = str(node["nodeID"])
        if key in by_id:
            warnings.append(diag(path, f"{where}.nodeID", f"duplicate node id {key!r}; the first one is kept",
                                 severity=Severity.WARNING))
            continue
        kind = str(node.get("type", ""))
        if kind in _DIALOGUE:
            skipped[kind] = skipped.get(kind, 0) + 1
            continue
        if kind not in ("I", "RA", "CA", "MA", "PA"):
            warnings.append(diag(path, f"{where}.type", f"unknown node type {kind!r}; node skipped",
                                 severity=Severity.WARNING))
            continue
        by_id[key] = node
        position[key] = index
    if skipped:
        counts = ", ".join(f"{n} {k}" for k, n in sorted(skipped.items()))
        warnings.append(diag(path, f"{root}.nodes", f"dialogue nodes skipped ({counts}): argmap maps have no dialogue layer",
                             severity=Severity.WARNING))
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for index, edge in enumerate(raw_edges):
        if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
            warnings.append(diag(path, f"{root}.edges[{index}]", "an edge without fromID/toID is skipped", severity=Severity.WARNING))
            continue
        source, target = str(edge["fromID"]), str(edge["toID"])
        if source not in by_id or target not in by_id:
            continue  # edges of dialogue or skipped nodes
        outgoing.setdefault(source, []).append(target)
        incoming.setdefault(target, []).append(source)
    ids = IdMaker()
    node_id: dict[str, str] = {}
    nodes: list[Node] = []
    notes: dict[str, list[str]] = {}
    for key, node in by_id.items():
        if node.get("type") != "I":
            continue
        text = " ".join(str(node.get("text") or "").split())
        if not text:
            warnings.append(diag(path, f"{root}.nodes[{position[key]}].text", f"I node {key!r} has no text",
                                 severity=Severity.WARNING))
        wanted = key if is_valid_id(key) and key not in KEYWORDS and key not in ids.used else None
        if wanted:
            ids.used.add(wanted)
        node_id[key] = wanted or ids.make(text, fallback="n")
        kind_name = _meta(node).get("kind", "claim")
        known = isinstance(kind_name, str) and kind_name in NodeKind._value2member_map_
        kind = NodeKind(kind_name) if known else NodeKind.CLAIM
        nodes.append(Node(node_id[key], kind, text))
        notes[node_id[key]] = []

    def ends(scheme: str) -> tuple[list[str], list[str]]:
        return ([s for s in incoming.get(scheme, []) if s in node_id],
                [t for t in outgoing.get(scheme, []) if t in node_id])

    relations: list[Relation] = []
    links: dict[str, list[tuple[str, str]]] = {}
    for key, node in by_id.items():
        kind = str(node.get("type"))
        if kind == "I":
            continue
        where = f"{root}.nodes[{position[key]}]"
        premises, conclusions = ends(key)
        scheme = " ".join(str(node.get("scheme") or node.get("text") or "").split())
        meta = _meta(node)
        weight = meta.get("weight") if isinstance(meta.get("weight"), (int, float)) else None
        if kind in ("RA", "CA") and premises and conclusions:
            rel_kind = RelationKind.SUPPORTS if kind == "RA" else RelationKind.ATTACKS
            if meta.get("kind") == "contradicts":
                rel_kind = RelationKind.CONTRADICTS
            for conclusion in conclusions:
                for premise in premises:
                    relations.append(Relation(rel_kind, node_id[premise], node_id[conclusion], None, weight))
                    if rel_kind is not RelationKind.CONTRADICTS:  # only supports/attacks can be undercut
                        links.setdefault(key, []).append((node_id[premise], node_id[conclusion]))
                    if scheme.lower() not in _DEFAULT_SCHEMES:
                        notes[node_id[premise]].append(f"{rel_kind.value} {node_id[conclusion]}: scheme {scheme}")
                if len(premises) > 1:
                    linked = ", ".join(node_id[p] for p in premises)
                    notes[node_id[conclusion]].append(f"linked premises ({kind} {key}): {linked}")
        elif kind == "MA" and premises and conclusions:
            for premise in premises:
                for conclusion in conclusions:
                    notes[node_id[conclusion]].append(f"rephrased by {node_id[premise]}" + (f" ({scheme})" if scheme.lower() not in _DEFAULT_SCHEMES else ""))
        elif kind == "PA":
            warnings.append(diag(path, where, "preference node (PA) not translated: argmap has no preferences",
                                 severity=Severity.WARNING))
        elif kind not in ("RA", "CA", "MA"):
            continue
        elif kind != "CA" or not premises:
            warnings.append(diag(path, where, f"{kind} node {key!r} lacks a premise or a conclusion; skipped",
                                 severity=Severity.WARNING))
    # CA nodes aimed at scheme nodes: undercuts
    for key, node in by_id.items():
        if node.get("type") != "CA":
            continue
        premises, _ = ends(key)
        aimed = [t for t in outgoing.get(key, []) if t in by_id and by_id[t].get("type") in ("RA", "CA")]
        for target in aimed:
            weight = _meta(node).get("weight") if isinstance(_meta(node).get("weight"), (int, float)) else None
            if not links.get(target):
                warnings.append(diag(path, f"{root}.nodes[{position[key]}]",
                                     f"CA node {key!r} attacks scheme node {target!r}, which links no two claims; skipped",
                                     severity=Severity.WARNING))
                continue
            scheme = " ".join(str(node.get("scheme") or node.get("text") or "").split())
            for premise in premises:
                for source, conclusion in links[target]:
                    relations.append(Relation(RelationKind.UNDERCUTS, node_id[premise], None,
                                              LinkRef(source, conclusion), weight))
                    if scheme.lower() not in _DEFAULT_SCHEMES:
                        notes[node_id[premise]].append(f"undercuts {source} -> {conclusion}: scheme {scheme}")
    nodes = [Node(n.id, n.kind, n.text, notes=tuple(notes[n.id])) for n in nodes]
    from argmap.interop.writer import write_map

    built = Map(title=data.get("title") if isinstance(data.get("title"), str) else None,
                nodes=tuple(nodes), relations=tuple(relations))
    return ImportResult(parse_text(write_map(built), path).map, warnings)


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
    return ImportResult(result.map, early + list(result.diagnostics)) if early else result
