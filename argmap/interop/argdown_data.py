"""What of a map goes where in Argdown, both ways: one table per level.

* node attributes <-> the statement's ``{...}`` data (``NODE_DATA``);
* map-level parts <-> the front matter (``title``, and an ``argmap:`` block);
* what Argdown cannot carry at all is listed by :func:`lost_on_export`.

Export and import both go through these tables, so a new construct (linked
arguments, schemes, provenance: issue 16) is one row here plus its syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from argmap.model import (
    Citation,
    Expectation,
    ExpectedStatus,
    Grade,
    Level,
    Map,
    Node,
    NodeKind,
    Rating,
    Relation,
    RelationKind,
    Source,
)
from argmap.syntax.text import parse_partial_date

__all__ = ["NODE_DATA", "FieldError", "front_matter", "lost_on_export", "map_parts", "node_data",
           "node_fields", "weight_key"]


class FieldError(ValueError):
    """A data value that does not fit its argmap attribute."""


def weight_key(rel: Relation) -> str:
    """How a relation is named in the ``weights`` data of its source: the target
    id, or ``a -> b`` for an undercut."""
    return f"{rel.link.source} -> {rel.link.target}" if rel.link is not None else str(rel.target)


def _text_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise FieldError("expected a list of texts")
    return tuple(value)


def _level(value: Any) -> Level:
    try:
        return Level(str(value))
    except ValueError:
        raise FieldError(f"expected one of {', '.join(m.value for m in Level)}") from None


def _date(value: Any) -> Any:
    date = parse_partial_date(str(value))
    if date is None:
        raise FieldError("expected a date YYYY, YYYY-MM or YYYY-MM-DD")
    return date


def _citations(value: Any) -> tuple[Citation, ...]:
    if not isinstance(value, list) or not all(isinstance(c, dict) and isinstance(c.get("source"), str) for c in value):
        raise FieldError("expected a list of {source, locator, quote}")
    return tuple(Citation(c["source"], _opt_str(c.get("locator")), _opt_str(c.get("quote"))) for c in value)


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _ratings(value: Any) -> tuple[Rating, ...]:
    if not isinstance(value, dict):
        raise FieldError("expected {hypothesis: grade}")
    try:
        return tuple(Rating(str(h), Grade(str(g))) for h, g in value.items())
    except ValueError:
        raise FieldError(f"grades are {', '.join(g.value for g in Grade)}") from None


def _kind(value: Any) -> NodeKind:
    try:
        return NodeKind(str(value))
    except ValueError:
        raise FieldError(f"expected one of {', '.join(k.value for k in NodeKind)}") from None


@dataclass(frozen=True)
class DataField:
    """One node attribute in a statement's data: its key, how to read it from a
    node (None: nothing to write) and how to turn a data value into the
    Node field of the same name."""

    key: str
    attribute: str
    write: Callable[[Node], Any]
    read: Callable[[Any], Any]


NODE_DATA: tuple[DataField, ...] = (
    DataField("kind", "kind", lambda n: n.kind.value if n.kind is not NodeKind.CLAIM else None, _kind),
    DataField("date", "date", lambda n: n.date.text if n.date else None, _date),
    DataField("actors", "actors", lambda n: list(n.actors) or None, _text_list),
    DataField("credibility", "credibility", lambda n: n.credibility.value if n.credibility else None, _level),
    DataField("relevance", "relevance", lambda n: n.relevance.value if n.relevance else None, _level),
    DataField("notes", "notes", lambda n: list(n.notes) or None, _text_list),
    DataField("cite", "citations", lambda n: [
        {k: v for k, v in (("source", c.source), ("locator", c.locator), ("quote", c.quote)) if v is not None}
        for c in n.citations] or None, _citations),
    DataField("rates", "ratings", lambda n: {r.hypothesis: r.grade.value for r in n.ratings} or None, _ratings),
)
WEIGHTS = "weights"  # {target or "a -> b": weight}: relations have no data in Argdown
UNDERCUTS = "undercuts"  # ["a -> b"]: undercuts Argdown cannot draw (see argdown_export)


def node_data(node: Node, outgoing: tuple[Relation, ...], hidden_undercuts: list[Relation]) -> dict[str, Any]:
    """The ``{...}`` data of a node's statement (empty when there is nothing to say)."""
    data = {f.key: value for f in NODE_DATA if (value := f.write(node)) is not None}
    weights = {weight_key(r): r.weight for r in outgoing if r.weight is not None}
    if weights:
        data[WEIGHTS] = weights
    if hidden_undercuts:
        data[UNDERCUTS] = [weight_key(r) for r in hidden_undercuts]
    return data


def node_fields(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Node fields from statement data, and a message per key that does not translate."""
    fields: dict[str, Any] = {}
    problems: list[str] = []
    by_key = {f.key: f for f in NODE_DATA}
    for key, value in data.items():
        row = by_key.get(key)
        if row is None:
            if key not in (WEIGHTS, UNDERCUTS):
                problems.append(f"data {key!r} not translated")
            continue
        try:
            fields[row.attribute] = row.read(value)
        except FieldError as exc:
            problems.append(f"data {key!r}: {exc}")
    return fields, problems


def front_matter(argmap: Map) -> dict[str, Any]:
    """The map-level parts Argdown has no place for, for the ``argmap:`` front-matter block."""
    block: dict[str, Any] = {}
    if argmap.description is not None:
        block["description"] = argmap.description
    if argmap.sources:
        block["sources"] = [
            {k: v for k, v in (("id", s.id), ("title", s.title), ("author", s.author),
                               ("date", s.date.text if s.date else None), ("url", s.url), ("file", s.file),
                               ("notes", list(s.notes) or None)) if v is not None}
            for s in argmap.sources]
    if argmap.expectations:
        block["expectations"] = [
            {k: v for k, v in (("node", e.node), ("status", e.status.value), ("semantics", e.semantics)) if v is not None}
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
        fields["sources"] = tuple(
            Source(str(s["id"]), str(s["title"]), _opt_str(s.get("author")),
                   _date(s["date"]) if s.get("date") is not None else None, _opt_str(s.get("url")),
                   _opt_str(s.get("file")), _text_list(s.get("notes") or []))
            for s in block.get("sources") or [])
    except (KeyError, TypeError, FieldError) as exc:
        problems.append(f"front matter 'argmap.sources' not translated ({exc})")
    try:
        fields["expectations"] = tuple(
            Expectation(str(e["node"]), ExpectedStatus(str(e["status"])), _opt_str(e.get("semantics")))
            for e in block.get("expectations") or [])
    except (KeyError, TypeError, ValueError) as exc:
        problems.append(f"front matter 'argmap.expectations' not translated ({exc})")
    for key in block:
        if key not in ("description", "sources", "expectations"):
            problems.append(f"front matter 'argmap.{key}' not translated")
    return fields, problems


def lost_on_export(argmap: Map, hidden_undercuts: int) -> list[str]:
    """What Argdown itself will not see (argmap reads it back from data or the
    front matter, other Argdown tools ignore it), for a comment at the top."""
    lost = []
    if hidden_undercuts:
        lost.append(f"{hidden_undercuts} undercut{'s' if hidden_undercuts != 1 else ''} of a relation whose "
                    "source has other relations (Argdown undercuts whole arguments): kept in the "
                    "undercutter's data only")
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


KINDS_OF_RELATION = {RelationKind.SUPPORTS: "+>", RelationKind.ATTACKS: "->", RelationKind.CONTRADICTS: "><"}
