"""What of a map goes where in Argdown, both ways: one table per level.

* node attributes <-> the statement's ``{...}`` data (``NODE_DATA``);
* map-level parts <-> the front matter (``title``, and an ``argmap:`` block);
* which relations Argdown draws, and how (:func:`plan`), and how each
  construct travels (:data:`TABLE`, for the export's warning).

Export and import both go through these tables, so a new attribute travels
in the data without a change here; a new construct is reported as lost by
the export's warning until it is taught (argmap.interop.coverage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from argmap.interop import coverage
from argmap.interop.coverage import Carry, Way
from argmap.interop.json_ import (
    expectation_from_dict,
    expectation_to_dict,
    relation_from_dict,
    relation_to_dict,
    source_from_dict,
    source_to_dict,
)
from argmap.interop.json_fields import NODE_FIELDS, decode, encode
from argmap.interop.scheme_names import argdown_rule, scheme_id, written_name
from argmap.model import Map, Node, NodeKind, Relation, RelationRole

__all__ = ["SPECIAL_KEYS", "CONCLUSION_OF", "Plan", "TABLE", "plan", "front_matter", "map_parts", "node_data",
           "node_fields", "rule_for", "weight_key", "KINDS_OF_RELATION"]

# node attributes travel in the statement's data under their JSON names (the
# keyword tables decide them: argmap.interop.json_fields); tags are hashtags
_DATA_FIELDS = tuple(f for f in NODE_FIELDS if f.field != "tags")
WEIGHTS = "weights"  # {target or "a -> b": weight}: relations have no data in Argdown
INFERRED = "inferred_relations"  # [target or "a -> b"]: drawn relations marked as the analyst's inference
RELATIONS = "relations"  # relations Argdown has no arrow for, in their JSON form
LINKS = "undercut_links"  # ["a -> c"]: `_> <a>` was written `undercuts a -> c` (a's own conclusion)
CONCLUSION_OF = "conclusion_of"  # on the conclusion statement export writes for an argument that attacks or undercuts
SPECIAL_KEYS = (WEIGHTS, INFERRED, RELATIONS, LINKS, CONCLUSION_OF)
_PLAIN = {RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION}
_CONCLUDES = (RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.UNDERCUT)  # an argument's conclusion


def weight_key(rel: Relation) -> str:
    """How a relation is named in the data of its source: the target id, or
    ``a -> b`` for an undercut of a link."""
    return f"{rel.link.source} -> {rel.link.target}" if rel.link is not None else str(rel.target)


@dataclass
class Plan:
    """How a map is written in Argdown.

    ``arguments``: ids written ``<id>``: argument blocks, and statements
    whose one support or attack an undercut aims at (Argdown undercuts
    arguments: undercutting ``<a>`` undercuts that relation). ``structures``:
    each argument block with a premise-conclusion structure -> its conclusion
    relation (supports: the target is the structure's conclusion; attacks,
    undercuts: export writes a conclusion statement carrying the relation).
    ``drawn``: the relations Argdown draws (the rest go to the data)."""

    arguments: set[str]
    structures: dict[str, Relation]
    drawn: set[int]

    def is_drawn(self, rel: Relation) -> bool:
        return id(rel) in self.drawn


def plan(argmap: Map) -> Plan:
    by_id = argmap.node_by_id

    def statement(node_id: str | None) -> bool:
        node = by_id.get(str(node_id))
        return node is not None and node.kind is not NodeKind.ARGUMENT

    candidates: dict[str, Relation] = {}  # argument blocks that can have a structure -> their conclusion
    for node in argmap.nodes:
        if node.kind is NodeKind.ARGUMENT and any(statement(p) for p in node.premises):
            rel = next((r for r in argmap.outgoing.get(node.id, ()) if r.kind.role in _CONCLUDES), None)
            if rel is not None and rel.target not in node.premises:  # (a circular one stays in the data)
                candidates[node.id] = rel
    structures = {a: r for a, r in candidates.items() if r.kind.role is not RelationRole.UNDERCUT and statement(r.target)}
    plain = {n.id: [r for r in argmap.outgoing.get(n.id, ()) if r.kind.role in _PLAIN]
             for n in argmap.nodes if n.kind is not NodeKind.ARGUMENT}
    arguments = {n.id for n in argmap.nodes if n.kind is NodeKind.ARGUMENT}
    # statements a structure names (its premises, its conclusion) must stay statements
    premises = {p for n in argmap.nodes if n.kind is NodeKind.ARGUMENT for p in n.premises}
    premises |= {str(r.target) for r in structures.values()}
    arguments |= {r.link.source for r in argmap.relations if r.link is not None and len(plain.get(r.link.source, ())) == 1
                  and plain[r.link.source][0].kind.role in (RelationRole.SUPPORT, RelationRole.ATTACK)
                  and plain[r.link.source][0].target == r.link.target and r.link.source not in premises}

    def undercut_drawn(rel: Relation) -> bool:
        if rel.link is not None:
            if rel.link.source in structures:
                return structures[rel.link.source].target == rel.link.target
            return rel.link.source in arguments and rel.link.source in plain
        return rel.target in structures

    undercutting = {a: r for a, r in candidates.items() if r.kind.role is RelationRole.UNDERCUT}
    while True:  # an argument that undercuts one that undercuts ...: until nothing changes
        found = {a: r for a, r in undercutting.items() if a not in structures and undercut_drawn(r)}
        if not found:
            break
        structures.update(found)
    conclusions = {id(r) for r in structures.values()}

    drawn = set()
    for rel in argmap.relations:
        if rel.source in arguments and by_id[rel.source].kind is NodeKind.ARGUMENT:
            ok = id(rel) in conclusions and (rel.kind.role is not RelationRole.UNDERCUT or undercut_drawn(rel))
        elif not statement(rel.source):
            ok = False
        elif rel.kind.role in _PLAIN:
            ok = statement(rel.target)
        else:
            ok = rel.kind.role is RelationRole.UNDERCUT and undercut_drawn(rel)
        if ok:
            drawn.add(id(rel))
    return Plan(arguments, structures, drawn)


def _refine(argmap: Map) -> Any:
    layout = plan(argmap)

    def way(name: str, element: object, owner: object) -> Way | None:
        if isinstance(element, Relation):
            if layout.is_drawn(element) or element.kind.role in (RelationRole.BEARING, RelationRole.ANSWER):
                return None
            if element.kind.role is RelationRole.UNDERCUT and element.link is not None:
                return Way(Carry.HIDDEN, "Argdown undercuts arguments, and this link's source cannot be written as one")
            return Way(Carry.HIDDEN, "Argdown has no arrow for it: it names an argument or a missing node")
        if isinstance(owner, Node) and owner.kind is NodeKind.ARGUMENT and owner.id not in layout.structures \
                and name == "premises":
            return Way(Carry.HIDDEN, "an argument without premises or a conclusion, or a circular one, has no "
                       "premise-conclusion structure")
        return None
    return way


_SAID = ("tags", "premises", "scheme")  # the node attributes Argdown says natively; the others go to data
_ARGUING = coverage.relations(RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION, RelationRole.UNDERCUT)
_QUESTIONING = coverage.relations(RelationRole.BEARING, RelationRole.ANSWER)
TABLE = coverage.Table("argdown", coverage.ways(
    (Way(Carry.NATIVE), ("title", "section", "claim", "argument", coverage.TEXT, *_SAID,
                         *_ARGUING)),
    (Way(Carry.DATA), ("description", "source", "expect", *coverage.SOURCE_ATTRIBUTE_NAMES, *coverage.KINDS_BUT_CLAIM,
                       *coverage.node_attributes(but=_SAID))),
    (Way(Carry.HIDDEN, "Argdown has no relation for a question"), _QUESTIONING),
    (Way(Carry.HIDDEN, "Argdown relations have no data"), (coverage.WEIGHT, coverage.INFERRED_RELATION)),
    (coverage.INCLUDE, ("include",)),
), "kept only in the data of the statement that declares it, which argmap reads back", _refine)


def _compact(value: Any) -> Any:
    """JSON data without null members (the import reads a missing key as null)."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def node_data(node: Node, outgoing: tuple[Relation, ...], layout: Plan) -> dict[str, Any]:
    """The ``{...}`` data of a node's statement or argument (empty when there is nothing to say)."""
    structured = node.id in layout.structures  # an argument with a premise-conclusion structure
    data: dict[str, Any] = {} if node.kind is NodeKind.CLAIM or structured else {"kind": node.kind.value}
    fields = _DATA_FIELDS
    if structured:  # premises in the structure, the scheme as its inference rule
        fields = tuple(f for f in fields if f.field != "premises" and (f.field != "scheme" or not rule_for(node)))
    data.update({k: _compact(v) for k, v in encode(node, fields).items() if v not in (None, [], {})})
    shown = [r for r in outgoing if layout.is_drawn(r)]
    weights = {weight_key(r): r.weight for r in shown if r.weight is not None}
    if weights:
        data[WEIGHTS] = weights
    inferred = [weight_key(r) for r in shown if r.inferred]
    if inferred:
        data[INFERRED] = inferred
    links = [weight_key(r) for r in shown if r.kind.role is RelationRole.UNDERCUT and r.link is not None
             and r.link.source in layout.structures]
    if links:
        data[LINKS] = links
    others = [(at, r) for at, r in enumerate(outgoing) if not layout.is_drawn(r)]
    if others:  # with their place in the block, so that import gives back the block's order
        data[RELATIONS] = [{**{k: v for k, v in relation_to_dict(r).items() if k != "source" and v not in (None, False)},
                            "at": at} for at, r in others]
    return data


_RULE = re.compile(r"[^\W_][\w ,.'()/&]*")


def rule_for(node: Node) -> str | None:
    """The inference rule naming an argument's scheme, when Argdown can carry
    it and the import reads back the same scheme (else the scheme is in the data)."""
    if node.scheme is None:
        return None
    name = written_name(node) or argdown_rule(node.scheme)
    if not _RULE.fullmatch(name) or "--" in name or scheme_id(name) != node.scheme:
        return None
    return name


def node_fields(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Node fields from statement data (kind included), and a message per key that does not translate."""
    fields: dict[str, Any] = {}
    problems: list[str] = []
    known = {f.field for f in _DATA_FIELDS}
    for key, value in data.items():
        if key == "kind":
            try:
                fields["kind"] = NodeKind(str(value))
            except ValueError:
                problems.append(f"data 'kind': expected one of {', '.join(k.value for k in NodeKind)}")
        elif key in known:
            try:
                fields.update(decode({key: value}, [f for f in _DATA_FIELDS if f.field == key]))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                problems.append(f"data {key!r} not translated ({type(exc).__name__}: {exc})")
        elif key not in SPECIAL_KEYS:
            problems.append(f"data {key!r} not translated")
    return fields, problems


def extra_relations(source: str, data: Any) -> list[tuple[int, Relation]]:
    """(place in the block, relation) for the relations kept in a statement's
    ``relations`` data (ValueError when malformed)."""
    if not isinstance(data, list):
        raise ValueError("expected a list of relations")
    try:
        return [(int(item.get("at", 1 << 30)), relation_from_dict({**item, "source": source})) for item in data]
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{type(exc).__name__}: {exc}") from None


def front_matter(argmap: Map) -> dict[str, Any]:
    """The map-level parts Argdown has no place for, for the ``argmap:`` front-matter block."""
    block: dict[str, Any] = {}
    if argmap.description is not None:
        block["description"] = argmap.description
    if argmap.sources:
        block["sources"] = [{k: v for k, v in source_to_dict(s).items() if v not in (None, [])}
                            for s in argmap.sources]
    if argmap.expectations:
        block["expectations"] = [{k: v for k, v in expectation_to_dict(e).items() if v is not None}
                                 for e in argmap.expectations]
    return block


def map_parts(block: Any) -> tuple[dict[str, Any], list[str]]:
    """Map fields (description, sources, expectations) from the ``argmap:`` block."""
    if not isinstance(block, dict):
        return {}, ["front matter 'argmap' is not a mapping; not translated"]
    fields: dict[str, Any] = {}
    problems: list[str] = []
    if isinstance(block.get("description"), str):
        fields["description"] = block["description"]
    try:
        fields["sources"] = tuple(source_from_dict(s) for s in block.get("sources") or [])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        problems.append(f"front matter 'argmap.sources' not translated ({type(exc).__name__}: {exc})")
    try:
        fields["expectations"] = tuple(expectation_from_dict(e) for e in block.get("expectations") or [])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        problems.append(f"front matter 'argmap.expectations' not translated ({type(exc).__name__}: {exc})")
    for key in block:
        if key not in ("description", "sources", "expectations"):
            problems.append(f"front matter 'argmap.{key}' not translated")
    return fields, problems


KINDS_OF_RELATION = {RelationRole.SUPPORT: "+>", RelationRole.ATTACK: "->", RelationRole.CONTRADICTION: "><"}
