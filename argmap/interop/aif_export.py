"""Map -> AIF (AIFdb / OVA JSON): what AIF can say, in AIF; the rest in an
``"argmap"`` extension object that AIF tools ignore and ``argmap import`` reads.

* each node -> an I-node; its ``nodeID`` is the argmap id, or the id of the AIF
  node it was imported from (kept in a note ``AIF nodeID ...``, written back);
* ``a supports b`` -> an RA node (its scheme: ``Default Inference``, or the
  scheme the import kept in a note ``supports b: scheme ...`` on ``a``);
* ``a attacks b`` -> a CA node (``Default Conflict`` or a kept scheme);
* ``a contradicts b`` -> two CA nodes, a -> CA -> b and b -> CA -> a (AIF's
  conflict is one-way; a contradiction is a conflict both ways), each marked
  ``{"argmap": {"kind": "contradicts"}}`` so the import reads one relation;
* ``c undercuts a -> b`` -> a CA node aimed at the RA/CA node of ``a -> b``;
* node attributes (kind, section, tags, actors, date, credibility, relevance,
  notes, citations, ratings) -> the I-node's ``"argmap"`` object; relation
  kinds and weights -> the S-node's; title, description, sources, sections
  and expectations -> a top-level ``"argmap"`` object.

:func:`lost_on_export` lists what only the extension carries, so that the
command can warn: other AIF tools will not see it.
"""

from __future__ import annotations

import re
from typing import Any

from argmap.interop.json_ import (
    FORMAT_VERSION,
    expectation_to_dict,
    node_to_dict,
    relation_to_dict,
    section_to_dict,
    source_to_dict,
)
from argmap.jsonio import dump_json
from argmap.model import Map, Node, Relation, RelationKind, RelationRole

__all__ = ["NODE_ID_NOTE", "dumps", "in_aif", "lost_on_export", "scheme_note", "to_aif"]

NODE_ID_NOTE = "AIF nodeID "  # + the id of the AIF node a map node was imported from
_DEFAULT = {RelationRole.SUPPORT: "Default Inference", RelationRole.ATTACK: "Default Conflict",
            RelationRole.CONTRADICTION: "Default Conflict", RelationRole.UNDERCUT: "Default Conflict"}
_DRAWN = {RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION}


def in_aif(rel: Relation) -> bool:
    """Relations AIF has a node for: supports (RA), attacks and contradictions
    (CA), undercuts of a link (a CA aimed at an S-node). The others (about,
    answers, an undercut of a whole argument) stay in the extension for now."""
    return rel.kind.role in _DRAWN or (rel.kind is RelationKind.UNDERCUTS and rel.link is not None)


def scheme_note(rel_kind: str, target: str, scheme: str) -> str:
    """The note an import leaves on a premise for a named scheme (read back by export)."""
    return f"{rel_kind} {target}: scheme {scheme}"


def _scheme(node: Node | None, rel: Relation) -> str | None:
    if node is None:
        return None
    target = f"{rel.link.source} -> {rel.link.target}" if rel.link is not None else str(rel.target)
    prefix = f"{rel.kind.value} {target}: scheme "
    return next((n[len(prefix):] for n in node.notes if n.startswith(prefix)), None)


def _node_ids(argmap: Map) -> dict[str, str]:
    """argmap id -> AIF nodeID (an imported node's original id, when unique)."""
    wanted: dict[str, str] = {}
    for node in argmap.nodes:
        original = next((n[len(NODE_ID_NOTE):] for n in node.notes if n.startswith(NODE_ID_NOTE)), None)
        wanted[node.id] = original or node.id
    counts: dict[str, int] = {}
    for value in wanted.values():
        counts[value] = counts.get(value, 0) + 1
    return {k: v if counts[v] == 1 else k for k, v in wanted.items()}


def _meta(node: Node, others: list[tuple[int, Relation]]) -> dict[str, Any]:
    data = node_to_dict(node)
    del data["text"]
    meta = {k: v for k, v in data.items() if v not in (None, [], "")}
    if others:  # "at": the place in the node's block, for the import to give back the order
        meta["relations"] = [{**{k: v for k, v in relation_to_dict(r).items() if k != "source" and v not in (None, False)},
                              "at": at} for at, r in others]
    return meta


def to_aif(argmap: Map) -> dict[str, Any]:
    ids = _node_ids(argmap)
    by_id = argmap.node_by_id
    taken = set(ids.values())
    others: dict[str, list[tuple[int, Relation]]] = {}
    place: dict[int, int] = {}  # id(relation) -> its place in its source's block
    for source, block in argmap.outgoing.items():
        for at, rel in enumerate(block):
            place[id(rel)] = at
            if not in_aif(rel):
                others.setdefault(source, []).append((at, rel))
    nodes: list[dict[str, Any]] = [{"nodeID": ids[n.id], "text": n.text, "type": "I",
                                    "argmap": _meta(n, others.get(n.id, []))} for n in argmap.nodes]
    edges: list[dict[str, Any]] = []
    scheme_of: dict[tuple[str, str], str] = {}
    counter = 0

    def scheme_node(rel: Relation, kind: str) -> str:
        nonlocal counter
        counter += 1
        node_id = f"{'ra' if kind == 'RA' else 'ca'}{counter}"
        while node_id in taken:
            counter += 1
            node_id = f"{'ra' if kind == 'RA' else 'ca'}{counter}"
        meta: dict[str, Any] = {"kind": rel.kind.value, "at": place.get(id(rel), 0)}
        if rel.weight is not None:
            meta["weight"] = rel.weight
        if rel.inferred:
            meta["inferred"] = True
        name = _scheme(by_id.get(rel.source), rel)
        entry = {"nodeID": node_id, "text": name or _DEFAULT[rel.kind.role], "type": kind, "argmap": meta}
        if name:
            entry["scheme"] = name
        nodes.append(entry)
        return node_id

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": f"e{len(edges) + 1}", "fromID": source, "toID": target, "formEdgeID": None})

    for rel in argmap.relations:
        if rel.kind.role not in _DRAWN or rel.target not in ids or rel.source not in ids:
            continue  # an unknown id is reported by `argmap check` (E102)
        kind = "RA" if rel.kind.role is RelationRole.SUPPORT else "CA"
        scheme_id = scheme_node(rel, kind)
        edge(ids[rel.source], scheme_id)
        edge(scheme_id, ids[rel.target])
        scheme_of.setdefault((rel.source, rel.target), scheme_id)
        if rel.kind.role is RelationRole.CONTRADICTION:  # a conflict both ways: the second CA
            back = scheme_node(rel, "CA")
            edge(ids[rel.target], back)
            edge(back, ids[rel.source])
    for rel in argmap.relations:
        if rel.kind is not RelationKind.UNDERCUTS or rel.link is None or rel.source not in ids:
            continue
        aimed = scheme_of.get((rel.link.source, rel.link.target))
        if aimed is None:
            continue  # the link is not a relation of the map (reported by `argmap check`)
        scheme_id = scheme_node(rel, "CA")
        edge(ids[rel.source], scheme_id)
        edge(scheme_id, aimed)
    top = {"format": FORMAT_VERSION, "title": argmap.title, "description": argmap.description,
           "sources": [source_to_dict(s) for s in argmap.sources],
           "sections": [section_to_dict(s) for s in argmap.sections],
           "expectations": [expectation_to_dict(e) for e in argmap.expectations]}
    return {"nodes": nodes, "edges": edges, "locutions": [],
            "argmap": {k: v for k, v in top.items() if v not in (None, [])}}


def dumps(argmap: Map) -> str:
    return dump_json(to_aif(argmap)) + "\n"


def lost_on_export(argmap: Map) -> list[str]:
    """What only argmap's extension objects carry (other AIF tools ignore them)."""
    def count(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    nodes = argmap.nodes
    parts = [
        ("the title", argmap.title is not None), ("the description", argmap.description is not None),
        (count(len(argmap.sections), "section"), bool(argmap.sections)),
        (count(len(argmap.sources), "source"), bool(argmap.sources)),
        (count(sum(1 for n in nodes if n.kind.value != "claim"), "node kind"), any(n.kind.value != "claim" for n in nodes)),
        (count(sum(len(n.tags) for n in nodes), "tag"), any(n.tags for n in nodes)),
        (count(sum(1 for n in nodes if n.date), "date"), any(n.date for n in nodes)),
        (count(sum(1 for n in nodes if n.actors), "actor list"), any(n.actors for n in nodes)),
        (count(sum(1 for n in nodes if n.credibility or n.relevance), "credibility/relevance level"),
         any(n.credibility or n.relevance for n in nodes)),
        (count(sum(len(n.citations) for n in nodes), "citation"), any(n.citations for n in nodes)),
        (count(sum(len(n.ratings) for n in nodes), "rating"), any(n.ratings for n in nodes)),
        (count(sum(1 for n in nodes for note in n.notes if not note.startswith(NODE_ID_NOTE)
                   and not re.search(r": scheme ", note)), "note"),
         any(not note.startswith(NODE_ID_NOTE) for n in nodes for note in n.notes)),
        (count(sum(1 for r in argmap.relations if r.weight is not None), "relation weight"),
         any(r.weight is not None for r in argmap.relations)),
        (count(len(argmap.expectations), "expectation"), bool(argmap.expectations)),
        (count(sum(1 for r in argmap.relations if not in_aif(r)), "relation") + " (about, answers, undercut of an "
         "argument)", any(not in_aif(r) for r in argmap.relations)),
        (count(sum(1 for r in argmap.relations if r.inferred), "inferred mark"), any(r.inferred for r in argmap.relations)),
        (count(sum(1 for n in nodes if n.inferred or n.scheme or n.premises or n.critical_answers),
               "node") + " with linked premises, a scheme or provenance (a linked argument is an I-node until "
         "its AIF mapping lands)",
         any(n.inferred or n.scheme or n.premises or n.critical_answers for n in nodes)),
        (count(sum(1 for s in argmap.sources if s.reliability), "source reliability"),
         any(s.reliability for s in argmap.sources)),
    ]
    lost = [text for text, present in parts if present]
    return [f"kept only in argmap's \"argmap\" extension objects, which other AIF tools ignore: {', '.join(lost)}"] \
        if lost else []
