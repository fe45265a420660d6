"""Map -> AIF (AIFdb / OVA JSON): what AIF can say, in AIF; the rest in an
``"argmap"`` extension object that AIF tools ignore and ``argmap import`` reads.

* each statement -> an I-node; its ``nodeID`` is the argmap id, or the id of
  the AIF node it was imported from (kept in a note ``AIF nodeID ...``);
* an ``argument`` block -> one S-node (RA when it supports, CA when it attacks
  or undercuts) with an edge from each premise and one to its conclusion (an
  I-node, or the S-node it undercuts); its ``nodeID`` is the argument's id,
  its ``text`` and ``scheme`` the scheme's AIF name (``Expert Opinion``, or
  the name the import kept: argmap.interop.scheme_names), else ``Default
  Inference`` / ``Default Conflict``;
* ``a supports b`` -> an RA node ``Default Inference``, a -> RA -> b (a
  one-premise inference: independent reasons stay separate RAs); one the
  import read from an MA (a note ``rephrased as b (AIF MA)`` on ``a``) -> the
  MA node again;
* ``a attacks b`` -> a CA node ``Default Conflict``;
* ``a contradicts b`` -> two CA nodes, a -> CA -> b and b -> CA -> a (AIF's
  conflict is one-way; a contradiction is a conflict both ways), each marked
  ``{"argmap": {"kind": "contradicts"}}`` so the import reads one relation;
* ``c undercuts a -> b`` -> a CA node aimed at the S-node of ``a -> b``;
  ``c undercuts ARG`` -> a CA node aimed at the argument's S-node;
* what AIF has no place for (node kinds and attributes, relation weights and
  ``(inferred)`` marks, ``about`` / ``answers``, title, sources, sections,
  expectations) -> ``"argmap"`` objects on the I-nodes, S-nodes and top level.

:data:`TABLE` says how each construct travels (argmap.interop.coverage), and
:func:`lost_on_export` names what only the extension carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from argmap.interop import coverage
from argmap.interop.coverage import Carry, Way
from argmap.interop.json_ import (
    FORMAT_VERSION,
    expectation_to_dict,
    node_to_dict,
    relation_to_dict,
    section_to_dict,
    source_to_dict,
)
from argmap.interop.scheme_names import NAME_NOTE, aif_name, written_name
from argmap.jsonio import dump_json
from argmap.model import Map, Node, NodeKind, Relation, RelationRole

__all__ = ["NODE_ID_NOTE", "TABLE", "conclusion_of", "dumps", "lost_on_export", "rephrase_note", "scheme_note",
           "to_aif"]

NODE_ID_NOTE = "AIF nodeID "  # + the id of the AIF node a map node was imported from
_DEFAULT = {RelationRole.SUPPORT: "Default Inference", RelationRole.ATTACK: "Default Conflict",
            RelationRole.CONTRADICTION: "Default Conflict", RelationRole.UNDERCUT: "Default Conflict"}
_PLAIN = {RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION}
_CONCLUDES = (RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.UNDERCUT)  # an argument's conclusion

def scheme_note(rel_kind: str, target: str, scheme: str) -> str:
    """The note older imports left on a premise for a named scheme (still written back)."""
    return f"{rel_kind} {target}: scheme {scheme}"


def rephrase_note(target: str, name: str | None = None) -> str:
    """The note an import leaves on the premise of an AIF MA (rephrase) node,
    read as ``supports target``; export writes the MA back."""
    return f"rephrased as {target} (AIF MA{': ' + name if name else ''})"


def conclusion_of(argmap: Map, node: Node) -> Relation | None:
    """An argument block's conclusion: its first supports / attacks / undercuts."""
    return next((r for r in argmap.outgoing.get(node.id, ()) if r.kind.role in _CONCLUDES), None)


def _old_scheme(node: Node | None, rel: Relation) -> str | None:
    if node is None:
        return None
    target = f"{rel.link.source} -> {rel.link.target}" if rel.link is not None else str(rel.target)
    prefix = f"{rel.kind.value} {target}: scheme "
    return next((n[len(prefix):] for n in node.notes if n.startswith(prefix)), None)


def _rephrase(node: Node | None, rel: Relation) -> tuple[bool, str | None]:
    """(read from an MA, its scheme name) for ``supports`` relations."""
    if node is None or rel.kind.role is not RelationRole.SUPPORT or rel.target is None:
        return False, None
    prefix = f"rephrased as {rel.target} (AIF MA"
    for note in node.notes:
        if note.startswith(prefix) and note.endswith(")"):
            rest = note[len(prefix):-1]
            return True, (rest[2:] if rest.startswith(": ") else None)
    return False, None


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


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Without empty members (``0`` is a value: ``False`` compares equal to it, so it is tested by identity)."""
    return {k: v for k, v in data.items() if v is not None and v is not False and v != [] and v != ""}


def _relation_meta(rel: Relation, at: int) -> dict[str, Any]:
    return {**{k: v for k, v in relation_to_dict(rel).items() if k != "source" and v not in (None, False)}, "at": at}


@dataclass
class _Writer:
    argmap: Map
    ids: dict[str, str]
    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    counter: int = 0

    def edge(self, source: str, target: str) -> None:
        self.edges.append({"edgeID": f"e{len(self.edges) + 1}", "fromID": source, "toID": target, "formEdgeID": None})

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        while f"{prefix}{self.counter}" in self.taken:
            self.counter += 1
        self.taken.add(f"{prefix}{self.counter}")
        return f"{prefix}{self.counter}"

    def s_node(self, node_id: str, kind: str, name: str | None, default: str, meta: dict[str, Any]) -> None:
        entry: dict[str, Any] = {"nodeID": node_id, "text": name or default, "type": kind}
        if name:
            entry["scheme"] = name
        entry["argmap"] = meta
        self.nodes.append(entry)


@dataclass
class _Plan:
    """Which relations AIF draws, and how: plain one-premise relations between
    statements, undercuts from statements (with the link or argument they aim
    at), and each argument's conclusion."""

    plain: list[Relation]
    undercuts: list[Relation]
    conclusions: dict[str, Relation | None]
    links: set[tuple[str, str]]  # links a -> b that have an S-node

    @property
    def drawn(self) -> set[int]:
        return ({id(r) for r in self.plain} | {id(r) for r in self.undercuts}
                | {id(r) for r in self.conclusions.values() if r is not None})


def _plan(argmap: Map) -> _Plan:
    by_id = argmap.node_by_id
    statement = {n.id for n in argmap.nodes if n.kind is not NodeKind.ARGUMENT}
    conclusions = {n.id: conclusion_of(argmap, n) for n in argmap.nodes if n.kind is NodeKind.ARGUMENT}
    plain = [r for r in argmap.relations if r.kind.role in _PLAIN and r.source in statement and r.target in statement]
    links = {(r.source, str(r.target)) for r in plain}
    links |= {(arg, r.target) for arg, r in conclusions.items() if r is not None and r.target is not None}

    def aims(rel: Relation) -> bool:
        if rel.link is not None:
            return (rel.link.source, rel.link.target) in links
        target = by_id.get(str(rel.target))
        return target is not None and target.kind is NodeKind.ARGUMENT

    undercuts = [r for r in argmap.relations if r.kind.role is RelationRole.UNDERCUT and r.source in statement and aims(r)]
    return _Plan(plain, undercuts, conclusions, links)


def _bookkeeping(note: str) -> bool:
    """A note an AIF import wrote, that export turns back into AIF."""
    return note.startswith((NODE_ID_NOTE, NAME_NOTE, "rephrased as ")) or ": scheme " in note


def _refine(argmap: Map) -> Any:
    drawn = _plan(argmap).drawn

    def way(name: str, element: object, owner: object) -> Way | None:
        if name == "note" and isinstance(element, str) and _bookkeeping(element):
            return Way(Carry.NATIVE)  # written back as a nodeID, a scheme name, an MA node
        if isinstance(element, Relation) and element.kind.role not in (RelationRole.BEARING, RelationRole.ANSWER) and id(element) not in drawn:
            return Way(Carry.HIDDEN, "a relation AIF cannot draw here: it names an argument or a missing link")
        return None
    return way


def to_aif(argmap: Map) -> dict[str, Any]:
    ids = _node_ids(argmap)
    by_id = argmap.node_by_id
    w = _Writer(argmap, ids, taken=set(ids.values()))
    plan = _plan(argmap)
    place: dict[int, int] = {}  # id(relation) -> its place in its source's block
    for block in argmap.outgoing.values():
        for at, rel in enumerate(block):
            place[id(rel)] = at
    # the S-node that stands for each link a -> b (a plain relation, or an argument's conclusion)
    plain_ids = {id(r): w.fresh("ma" if _rephrase(by_id.get(r.source), r)[0] else
                                "ra" if r.kind.role is RelationRole.SUPPORT else "ca") for r in plan.plain}
    s_node_of: dict[tuple[str, str], str] = {}
    for rel in plan.plain:
        s_node_of.setdefault((rel.source, str(rel.target)), plain_ids[id(rel)])
    for arg, end in plan.conclusions.items():
        if end is not None and end.target is not None:
            s_node_of.setdefault((arg, end.target), ids[arg])

    def aimed(rel: Relation) -> str | None:
        """The S-node an undercut aims at, or None."""
        if rel.link is not None:
            return s_node_of.get((rel.link.source, rel.link.target))
        target = by_id.get(str(rel.target))
        return ids[target.id] if target is not None and target.kind is NodeKind.ARGUMENT else None

    drawn = plan.drawn
    for node in argmap.nodes:
        others = [_relation_meta(r, place[id(r)]) for r in argmap.outgoing.get(node.id, ()) if id(r) not in drawn]
        if node.kind is NodeKind.ARGUMENT:
            _argument(w, node, plan.conclusions[node.id], aimed, place, others)
            continue
        meta = _compact({k: v for k, v in node_to_dict(node).items() if k != "text"})
        if others:  # relations AIF has no node for, with their place in the block
            meta["relations"] = others
        w.nodes.append({"nodeID": ids[node.id], "text": node.text, "type": "I", "argmap": meta})
    for rel in plan.plain:
        _plain(w, rel, plain_ids[id(rel)], place[id(rel)])
    for rel in plan.undercuts:
        meta = _compact({"kind": rel.kind.value, "at": place[id(rel)], "weight": rel.weight,
                         "inferred": rel.inferred})
        if rel.link is None:
            meta["whole"] = True  # `undercuts ARG`, not `undercuts ARG -> c`
        node_id = w.fresh("ca")
        w.s_node(node_id, "CA", _old_scheme(by_id.get(rel.source), rel), "Default Conflict", meta)
        w.edge(ids[rel.source], node_id)
        w.edge(node_id, str(aimed(rel)))
    top = {"format": FORMAT_VERSION, "title": argmap.title, "description": argmap.description,
           "sources": [source_to_dict(s) for s in argmap.sources],
           "sections": [section_to_dict(s) for s in argmap.sections],
           "expectations": [expectation_to_dict(e) for e in argmap.expectations]}
    return {"nodes": w.nodes, "edges": w.edges, "locutions": [],
            "argmap": {k: v for k, v in top.items() if v not in (None, [])}}


def _argument(w: _Writer, node: Node, rel: Relation | None, aimed: Any, place: dict[int, int],
              others: list[dict[str, Any]]) -> None:
    """An argument block: one S-node, an edge from each premise, one to its conclusion."""
    ids, by_id = w.ids, w.argmap.node_by_id
    data = node_to_dict(node)
    meta: dict[str, Any] = {"argument": _compact({k: v for k, v in data.items() if k != "kind"})}
    if rel is not None:
        meta["conclusion"] = _relation_meta(rel, place[id(rel)])
    if others:
        meta["relations"] = others
    role = rel.kind.role if rel is not None else RelationRole.SUPPORT
    name = written_name(node) or (aif_name(node.scheme) if node.scheme else None)
    w.s_node(ids[node.id], "RA" if role is RelationRole.SUPPORT else "CA", name, _DEFAULT[role], meta)
    for premise in node.premises:
        found = by_id.get(premise)
        if found is not None and found.kind is not NodeKind.ARGUMENT:
            w.edge(ids[premise], ids[node.id])
    if rel is None:
        return
    if rel.kind.role is RelationRole.UNDERCUT:
        target = aimed(rel)
    else:
        found = by_id.get(str(rel.target))
        target = ids[found.id] if found is not None and found.kind is not NodeKind.ARGUMENT else None
    if target is not None:
        w.edge(ids[node.id], target)


def _plain(w: _Writer, rel: Relation, node_id: str, at: int) -> None:
    """A one-premise relation between statements: its S-node (two CAs for a contradiction)."""
    ids, source = w.ids, w.argmap.node_by_id.get(rel.source)
    meta = _compact({"kind": rel.kind.value, "at": at, "weight": rel.weight, "inferred": rel.inferred})
    rephrase, ma_name = _rephrase(source, rel)
    if rephrase:
        w.s_node(node_id, "MA", ma_name, "Default Rephrase", meta)
    else:
        kind = "RA" if rel.kind.role is RelationRole.SUPPORT else "CA"
        w.s_node(node_id, kind, _old_scheme(source, rel), _DEFAULT[rel.kind.role], meta)
    w.edge(ids[rel.source], node_id)
    w.edge(node_id, ids[str(rel.target)])
    if rel.kind.role is RelationRole.CONTRADICTION:  # a conflict both ways: the second CA
        back = w.fresh("ca")
        w.s_node(back, "CA", None, "Default Conflict", dict(meta))
        w.edge(ids[str(rel.target)], back)
        w.edge(back, ids[rel.source])


_SAID = ("premises", "scheme")  # the node attributes AIF says natively; the others go to the extension
TABLE = coverage.Table("aif", coverage.ways(
    (Way(Carry.NATIVE), ("claim", "argument", coverage.TEXT, *_SAID,
                         *coverage.relations(RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION,
                                             RelationRole.UNDERCUT))),
    (Way(Carry.HIDDEN), ("title", "description", "source", "section", "expect", *coverage.SOURCE_ATTRIBUTE_NAMES,
                         *coverage.KINDS_BUT_CLAIM, *coverage.node_attributes(but=_SAID),
                         coverage.WEIGHT, coverage.INFERRED_RELATION)),
    (Way(Carry.HIDDEN, "AIF has no relation for a question"),
     coverage.relations(RelationRole.BEARING, RelationRole.ANSWER)),
    (coverage.INCLUDE, ("include",)),
), "kept only in argmap's \"argmap\" extension objects, which other AIF tools ignore", _refine)


def dumps(argmap: Map) -> str:
    return dump_json(to_aif(argmap)) + "\n"


def lost_on_export(argmap: Map) -> list[str]:
    """What other AIF tools will not see (argmap reads it back from its extension objects)."""
    return coverage.lost_on_export(TABLE, argmap)
