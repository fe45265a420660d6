"""What each export carries, construct by construct, from the keyword tables.

A map's *constructs* are named as the language writes them (the tables of
:mod:`argmap.syntax.keywords`): the header blocks (``title``, ``source``,
``section``, ``expect`` ...), each node kind (``thesis`` ... ``question``,
``argument``), each attribute keyword (``tags``, ``credibility``,
``premises``, ``scheme``, ``cq`` ...), each source attribute (``source
reliability`` ...), each relation keyword (``undercuts`` split in
``undercuts A -> B`` and ``undercuts ARGUMENT``), and the relation marks
``weight`` and ``(inferred)``; plus ``text`` (the texts of nodes).
:func:`constructs` lists those present in a map, with counts.

Each exporter has a :class:`Table` (``TABLE`` in its module) saying, per construct name, how it
travels: ``NATIVE`` (the format says it), ``DATA`` (the format's own data
facility: kept, other tools keep it too), ``HIDDEN`` (only argmap reads it
back: other tools ignore or do not draw it) or ``LOST`` (not written). A
construct the table does not name is LOST: so a construct added to the
language is reported as lost by every export until someone teaches it.
:func:`lost_on_export` gives the warning lines; :func:`dropped` the names,
for tests.

Comments and layout are not constructs: like ``argmap fmt`` and the model's
equality, the exports carry what a map means.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from argmap.model import Map, NodeKind, Relation, RelationRole
from argmap.syntax.keywords import (
    ARGUMENT,
    ARGUMENT_ATTRIBUTES,
    INFERRED_MARK,
    NODE_ATTRIBUTES,
    NODE_KINDS,
    RELATIONS,
    SOURCE_ATTRIBUTES,
    Attribute,
    Repeat,
    Shape,
)

__all__ = ["Carry", "Way", "Table", "construct_names", "constructs", "relation_construct", "relations", "node_attributes",
           "classify", "lost_on_export", "dropped", "ways", "SOURCE_ATTRIBUTE_NAMES", "KINDS_BUT_CLAIM", "INCLUDE", "WEIGHT",
           "INFERRED_RELATION", "TEXT"]


class Carry(str, enum.Enum):
    NATIVE = "native"  # the format says it
    DATA = "data"  # the format's own data facility (kept by its tools too)
    HIDDEN = "hidden"  # only argmap reads it back; other tools ignore it or do not draw it
    LOST = "lost"  # not written


@dataclass(frozen=True)
class Way:
    carry: Carry
    how: str = ""  # how it is written (for HIDDEN and LOST: the warning's words)


_LINK_FORM, _ARGUMENT_FORM = " A -> B", " ARGUMENT"
WEIGHT, INFERRED_RELATION, TEXT = "weight", INFERRED_MARK, "text"
_HEADER = ("title", "description", "include", "source", "section", "expect")
_NODE_ATTRIBUTES = tuple(dict.fromkeys(a.keyword for a in NODE_ATTRIBUTES + ARGUMENT_ATTRIBUTES))


def relation_construct(rel: Relation) -> str:
    """A relation's construct name: its keyword (``undercuts A -> B`` or ``undercuts ARGUMENT``)."""
    keyword = next(r.keyword for r in RELATIONS if r.kind is rel.kind)
    if next(r.shape for r in RELATIONS if r.kind is rel.kind) is Shape.LINK:
        return keyword + (_LINK_FORM if rel.link is not None else _ARGUMENT_FORM)
    return keyword


def relations(*roles: RelationRole) -> tuple[str, ...]:
    """The construct names of the relation keywords whose role is one of *roles*
    (every relation keyword without *roles*): exporters' tables name relations
    by what they do, so a new keyword of a known role travels as its role does."""
    names: list[str] = []
    for r in RELATIONS:
        if roles and r.kind.role not in roles:
            continue
        names += [r.keyword + _LINK_FORM, r.keyword + _ARGUMENT_FORM] if r.shape is Shape.LINK else [r.keyword]
    return tuple(names)


def node_attributes(*, but: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The construct names of the node and argument attributes, but those in *but*:
    the exports keep a node's attributes in its data (the JSON fields of
    :mod:`argmap.interop.json_fields`), so an attribute added to the language
    travels as the others do, and a table names only those it says natively."""
    return tuple(name for name in _NODE_ATTRIBUTES if name not in but)


def construct_names() -> tuple[str, ...]:
    """Every construct name :func:`constructs` can give (from the keyword tables)."""
    return (_HEADER + tuple(f"source {a.keyword}" for a in SOURCE_ATTRIBUTES) + NODE_KINDS + (ARGUMENT, TEXT)
            + _NODE_ATTRIBUTES + relations() + (WEIGHT, INFERRED_RELATION))


def _values(attribute: Attribute, value: object) -> tuple[object, ...]:
    """The values an attribute holds: each item of a list (a note, a tag, a
    premise), or the one value."""
    if value in (None, (), ""):
        return ()
    if attribute.repeat is Repeat.ONCE:
        return (value,)
    return tuple(value) if isinstance(value, tuple) else (value,)


def _items(argmap: Map) -> Iterator[tuple[str, object, object]]:
    """(construct name, the element, its owner) for each construct present:
    the element is the node, source or relation, or an attribute's value
    (each item of a list), owned by its node or source."""
    for name, present in (("title", argmap.title is not None), ("description", argmap.description is not None)):
        if present:
            yield name, argmap, argmap
    for name, elements in (("include", argmap.includes), ("source", argmap.sources),
                           ("section", argmap.sections), ("expect", argmap.expectations)):
        for element in elements:
            yield name, element, argmap
    for source in argmap.sources:
        for attribute in SOURCE_ATTRIBUTES:
            for value in _values(attribute, getattr(source, attribute.field)):
                yield f"source {attribute.keyword}", value, source
    for node in argmap.nodes:
        yield node.kind.value, node, argmap
        if node.text.strip():
            yield TEXT, node, node
        attributes = ARGUMENT_ATTRIBUTES if node.kind is NodeKind.ARGUMENT else NODE_ATTRIBUTES
        for attribute in attributes:
            for value in _values(attribute, getattr(node, attribute.field)):
                yield attribute.keyword, value, node
    for rel in argmap.relations:
        yield relation_construct(rel), rel, rel
        if rel.weight is not None:
            yield WEIGHT, rel.weight, rel
        if rel.inferred:
            yield INFERRED_RELATION, rel.inferred, rel


def constructs(argmap: Map) -> Counter[str]:
    """The constructs present in ``argmap``, by name, with how often each is written."""
    return Counter(name for name, _, _ in _items(argmap))


# a format's per-element exceptions to its table: given the map, a function of
# (construct name, element, owner) giving its way, or None for the table's
Refine = Callable[[Map], Callable[[str, object, object], "Way | None"]]


@dataclass(frozen=True)
class Table:
    """How one export carries each construct; ``refine`` may decide per element."""

    format: str
    ways: Mapping[str, Way]
    hidden_where: str = ""  # where HIDDEN constructs go, for the warning
    refine: Refine | None = None
    lost_how: str = "not written"  # the warning's words for a construct the table does not name


def classify(table: Table, argmap: Map) -> dict[tuple[Carry, str], Counter[str]]:
    """(carry, how) -> construct counts, for the constructs of ``argmap``."""
    out: dict[tuple[Carry, str], Counter[str]] = {}
    refine = table.refine(argmap) if table.refine is not None else None
    for name, element, owner in _items(argmap):
        way = refine(name, element, owner) if refine is not None else None
        if way is None:
            way = table.ways.get(name, Way(Carry.LOST, table.lost_how))
        out.setdefault((way.carry, way.how), Counter())[name] += 1
    return out


def _listed(counts: Counter[str]) -> str:
    return ", ".join(name if n == 1 else f"{name} ({n})" for name, n in counts.items())


def lost_on_export(table: Table, argmap: Map) -> list[str]:
    """The warning lines: what other tools will not see, and what is not written at all."""
    lines = []
    classes = classify(table, argmap)
    for (carry, how), counts in classes.items():
        if carry is Carry.HIDDEN:
            lines.append(f"{_listed(counts)}: {table.hidden_where}" + (f" ({how})" if how else ""))
    for (carry, how), counts in classes.items():
        if carry is Carry.LOST:
            lines.append(f"{_listed(counts)}: {how}")
    return lines


def dropped(table: Table, argmap: Map) -> set[str]:
    """The construct names present in ``argmap`` that the export does not carry
    where other tools see them (HIDDEN or LOST)."""
    return {name for (carry, _), counts in classify(table, argmap).items()
            if carry in (Carry.HIDDEN, Carry.LOST) for name in counts}


# ----------------------------------------------------------------- helpers for the tables

def ways(*groups: tuple[Way, tuple[str, ...]]) -> dict[str, Way]:
    """A table's ways from (way, construct names) groups."""
    out: dict[str, Way] = {}
    for way, names in groups:
        for name in names:
            out[name] = way
    return out


SOURCE_ATTRIBUTE_NAMES = tuple(f"source {a.keyword}" for a in SOURCE_ATTRIBUTES)
KINDS_BUT_CLAIM = tuple(k for k in NODE_KINDS if k != NodeKind.CLAIM.value)
INCLUDE = Way(Carry.LOST, "include lines not written (argmap export writes the merged map)")
