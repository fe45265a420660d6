"""What of a map goes where in Argdown, both ways: one table per level.

* node attributes <-> the statement's ``{...}`` data (``NODE_DATA``);
* map-level parts <-> the front matter (``title``, and an ``argmap:`` block);
* what Argdown cannot carry at all is listed by :func:`lost_on_export`.

Export and import both go through these tables, so a new construct (linked
arguments, schemes, provenance: issue 16) is one row here plus its syntax.
"""

from __future__ import annotations

from typing import Any

from argmap.interop.json_ import (
    expectation_from_dict,
    expectation_to_dict,
    relation_from_dict,
    relation_to_dict,
    source_from_dict,
    source_to_dict,
)
from argmap.interop.json_fields import NODE_FIELDS, decode, encode
from argmap.model import Map, Node, NodeKind, Relation, RelationKind, RelationRole

__all__ = ["DRAWN", "SPECIAL_KEYS", "drawn", "front_matter", "lost_on_export", "map_parts", "node_data",
           "node_fields", "weight_key"]

# node attributes travel in the statement's data under their JSON names (the
# keyword tables decide them: argmap.interop.json_fields); tags are hashtags
_DATA_FIELDS = tuple(f for f in NODE_FIELDS if f.field != "tags")
WEIGHTS = "weights"  # {target or "a -> b": weight}: relations have no data in Argdown
INFERRED = "inferred_relations"  # [target or "a -> b"]: drawn relations marked as the analyst's inference
RELATIONS = "relations"  # relations Argdown has no arrow for, in their JSON form
SPECIAL_KEYS = (WEIGHTS, INFERRED, RELATIONS)
DRAWN = {RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION}


def weight_key(rel: Relation) -> str:
    """How a relation is named in the data of its source: the target id, or
    ``a -> b`` for an undercut of a link."""
    return f"{rel.link.source} -> {rel.link.target}" if rel.link is not None else str(rel.target)


def drawn(rel: Relation, arguments: set[str]) -> bool:
    """Argdown draws supports, attacks, contradictions, and an undercut of a link
    whose source is written as an argument (see argdown_export)."""
    if rel.kind.role in DRAWN:
        return True
    return rel.kind is RelationKind.UNDERCUTS and rel.link is not None and rel.link.source in arguments


def _compact(value: Any) -> Any:
    """JSON data without null members (the import reads a missing key as null)."""
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value


def node_data(node: Node, outgoing: tuple[Relation, ...], arguments: set[str]) -> dict[str, Any]:
    """The ``{...}`` data of a node's statement (empty when there is nothing to say)."""
    data: dict[str, Any] = {"kind": node.kind.value} if node.kind is not NodeKind.CLAIM else {}
    data.update({k: _compact(v) for k, v in encode(node, _DATA_FIELDS).items() if v not in (None, [], {})})
    shown = [r for r in outgoing if drawn(r, arguments)]
    weights = {weight_key(r): r.weight for r in shown if r.weight is not None}
    if weights:
        data[WEIGHTS] = weights
    inferred = [weight_key(r) for r in shown if r.inferred]
    if inferred:
        data[INFERRED] = inferred
    others = [(at, r) for at, r in enumerate(outgoing) if not drawn(r, arguments)]
    if others:  # with their place in the block, so that import gives back the block's order
        data[RELATIONS] = [{**{k: v for k, v in relation_to_dict(r).items() if k != "source" and v not in (None, False)},
                            "at": at} for at, r in others]
    return data


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


def lost_on_export(argmap: Map, hidden_undercuts: int, others: int = 0) -> list[str]:
    """What Argdown itself will not see (argmap reads it back from data or the
    front matter, other Argdown tools ignore it), for a comment at the top."""
    lost = []
    if hidden_undercuts:
        lost.append(f"{hidden_undercuts} undercut{'s' if hidden_undercuts != 1 else ''} of a relation whose "
                    "source has other relations (Argdown undercuts whole arguments): kept in the "
                    "undercutter's data only")
    if others:
        lost.append(f"{others} relation{'s' if others != 1 else ''} Argdown has no arrow for (about, answers, "
                    "undercuts of arguments): kept in the source's data only")
    linked = sum(1 for n in argmap.nodes if n.kind is NodeKind.ARGUMENT)
    if linked:
        lost.append(f"{linked} linked argument{'s' if linked != 1 else ''}: written as statements with their "
                    "premises in data (not yet as premise-conclusion structures)")
    weights = sum(1 for r in argmap.relations if r.weight is not None)
    if weights:
        lost.append(f"{weights} relation weight{'s' if weights != 1 else ''}: kept in the source's data only")
    broken = sum(1 for n in argmap.nodes if "\n" in n.text.strip())
    if broken:
        lost.append(f"the line breaks inside {broken} text{'s' if broken != 1 else ''} (an Argdown statement "
                    "is one line here: each break becomes a space)")
    if argmap.includes:
        lost.append("include lines (export merges the included files)")
    return lost


KINDS_OF_RELATION = {RelationRole.SUPPORT: "+>", RelationRole.ATTACK: "->", RelationRole.CONTRADICTION: "><"}
