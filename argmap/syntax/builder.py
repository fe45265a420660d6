"""The one place where parsed blocks become model objects.

Both parsing paths (the line scanner and the Lark transformer) read a block
into a *draft* — a list with one slot per attribute field, laid out from the
syntax tables — and hand it to :class:`DocumentBuilder`, which builds the
frozen model object. So a node attribute added to
:mod:`argmap.syntax.keywords` and to the model is read, combined (once,
append, extend) and built the same way on both paths without touching them.

A draft is a list rather than an object: a big map fills hundreds of
thousands of slots line by line, and list indexing is the cheapest way.
The functions that turn a draft into a Node or Source are generated from the
model's field list when this module is imported; a field a block does not
take keeps its default (a statement has no premises); a model field that no
table fills, or a table entry naming no model field, is an error at import.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from argmap.model import (
    STATEMENT_KINDS,
    Citation,
    Comment,
    Expectation,
    Include,
    Map,
    Node,
    NodeKind,
    Relation,
    Section,
    Source,
    Span,
    positional_builder,
)
from argmap.syntax.keywords import ARGUMENT_ATTRIBUTES, NODE_ATTRIBUTES, SOURCE_ATTRIBUTES, Attribute, Repeat

__all__ = [
    "DocumentBuilder",
    "Draft",
    "DraftLayout",
    "NODE_LAYOUT",
    "ARGUMENT_LAYOUT",
    "SOURCE_LAYOUT",
    "new_relation",
    "new_citation",
]

Draft = list[Any]

# The fixed head of every draft: id, kind (nodes), text or title, (line, column)
# where the block starts, the id's span, (line, column) where it ends so far.
D_ID, D_KIND, D_TEXT, D_START, D_ID_SPAN, D_END = range(6)
_FIXED = 6

new_relation: Callable[..., Relation] = positional_builder(Relation)
new_citation: Callable[..., Citation] = positional_builder(Citation)


class DraftLayout:
    """Slots of one block type's draft, from its attribute table, and the
    generated function that builds the model object from a draft."""

    def __init__(self, model: type, text_field: str, attributes: Sequence[Attribute], *, sectioned: bool) -> None:
        self.attributes = tuple(attributes)
        self.slot: dict[str, int] = {}  # attribute keyword -> slot
        self.span_slot: dict[str, int] = {}  # attribute keyword -> slot of its value's span
        self.repeat: dict[str, Repeat] = {}
        fields: dict[str, int] = {}  # model field -> slot
        for attribute in self.attributes:
            if attribute.field not in fields:
                fields[attribute.field] = _FIXED + len(fields)
            self.slot[attribute.keyword] = fields[attribute.field]
            self.repeat[attribute.keyword] = attribute.repeat
        span_fields: dict[str, int] = {}
        for attribute in self.attributes:
            if attribute.span_field is not None:
                if attribute.span_field not in span_fields:
                    span_fields[attribute.span_field] = _FIXED + len(fields) + len(span_fields)
                self.span_slot[attribute.keyword] = span_fields[attribute.span_field]
        self.size = _FIXED + len(fields) + len(span_fields)
        # a fresh draft's slots: a list for the attributes that gather values (and their spans)
        gathering = [a for a in {a.field: a for a in self.attributes}.values() if a.repeat is not Repeat.ONCE]
        self.lists = tuple(fields[a.field] for a in gathering) + tuple(
            span_fields[a.span_field] for a in gathering if a.span_field is not None)
        self.build = _generate(model, text_field, fields, span_fields, set(self.lists), sectioned)
        # new(ident, kind, text, start, id_span, end) -> a fresh draft, as one list display
        slots = ", ".join("[]" if slot in self.lists else "None" for slot in range(_FIXED, self.size))
        namespace: dict[str, Any] = {}
        exec(f"def new(ident, kind, text, start, id_span, end):\n"  # generated from the tables above
             f"    return [ident, kind, text, start, id_span, end, {slots}]\n", namespace)
        self.new: Callable[[str, NodeKind | None, str, tuple[int, int], Span, tuple[int, int]], Draft] = (
            namespace["new"])

    def apply(self, draft: Draft, keyword: str, value: Any, value_span: Span | None = None) -> None:
        """One attribute line's value, combined as the table says."""
        slot = self.slot[keyword]
        repeat = self.repeat[keyword]
        if repeat is Repeat.ONCE:
            draft[slot] = value
        elif repeat is Repeat.APPEND:
            draft[slot].append(value)
        else:
            draft[slot].extend(value)
        span_slot = self.span_slot.get(keyword)
        if span_slot is not None:
            if repeat is Repeat.ONCE:
                draft[span_slot] = value_span
            elif repeat is Repeat.APPEND:
                draft[span_slot].append(value_span)
            else:  # one span per item of the list
                draft[span_slot].extend(value_span)


def _generate(model: type, text_field: str, fields: dict[str, int], span_fields: dict[str, int],
              gathered: set[int], sectioned: bool) -> Callable[..., Any]:
    """``build(draft, section, file)`` for ``model``, every field in order
    (the fields this block's attributes do not fill keep their defaults)."""
    expressions: list[str] = []
    known = {"id", text_field, "span", "id_span"} | set(fields) | set(span_fields)
    if sectioned:
        known |= {"section", "kind"}
    defaults: dict[str, Any] = {}
    for f in dataclasses.fields(model):
        if f.name not in known:
            defaults[f"_default_{f.name}"] = f.default
            expressions.append(f"_default_{f.name}")
        elif f.name == "id":
            expressions.append(f"d[{D_ID}]")
        elif f.name == text_field:
            expressions.append(f"d[{D_TEXT}]")
        elif f.name == "kind":
            expressions.append(f"d[{D_KIND}]")
        elif f.name == "section":
            expressions.append("section")
        elif f.name == "span":
            expressions.append(f"_Span(file, d[{D_START}][0], d[{D_START}][1], d[{D_END}][0], d[{D_END}][1])")
        elif f.name == "id_span":
            expressions.append(f"d[{D_ID_SPAN}]")
        elif f.name in fields:
            slot = fields[f.name]
            expressions.append(f"tuple(d[{slot}])" if slot in gathered else f"d[{slot}]")
        else:
            slot = span_fields[f.name]
            expressions.append(f"tuple(d[{slot}])" if slot in gathered else f"d[{slot}]")
    names = {f.name for f in dataclasses.fields(model)}
    for name in set(fields) | set(span_fields):
        if name not in names:
            raise TypeError(f"the syntax tables fill {model.__name__}.{name}, which the model does not have")
    source = "def build(d, section, file):\n    return _new(" + ", ".join(expressions) + ")\n"
    namespace: dict[str, Any] = {"_new": positional_builder(model), "_Span": Span, **defaults}
    exec(source, namespace)  # generated from the model's own field names
    build: Callable[..., Any] = namespace["build"]
    return build


NODE_LAYOUT = DraftLayout(Node, "text", NODE_ATTRIBUTES, sectioned=True)
ARGUMENT_LAYOUT = DraftLayout(Node, "text", ARGUMENT_ATTRIBUTES, sectioned=True)
SOURCE_LAYOUT = DraftLayout(Source, "title", SOURCE_ATTRIBUTES, sectioned=False)


def _every_field_is_written(model: type, *layouts: DraftLayout) -> None:
    written = {"id", "kind", "text", "title", "section", "span", "id_span"}
    for layout in layouts:
        written |= {a.field for a in layout.attributes} | {a.span_field for a in layout.attributes if a.span_field}
    missing = [f.name for f in dataclasses.fields(model) if f.name not in written]
    if missing:
        raise TypeError(f"{model.__name__}.{missing[0]} is filled by no attribute of the syntax tables")


_every_field_is_written(Node, NODE_LAYOUT, ARGUMENT_LAYOUT)
_every_field_is_written(Source, SOURCE_LAYOUT)
# the statement kinds, written `KIND id "text"` (an argument has its own block)
KIND_OF: dict[str, NodeKind] = {kind.value: kind for kind in STATEMENT_KINDS}


@dataclass
class DocumentBuilder:
    """Collects one file's blocks in order while a parser reads them."""

    file: str
    title: str | None = None
    title_span: Span | None = None
    description: str | None = None
    sources: list[Source] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    expectations: list[Expectation] = field(default_factory=list)
    includes: list[Include] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    current_section: str | None = None
    section_ids: set[str] = field(default_factory=set)
    unparsed_ids: list[str] = field(default_factory=list)  # blocks whose header did not parse

    def mark(self) -> tuple[Any, ...]:
        """The builder's state, to return to with :meth:`rollback` (error
        recovery: a block that fails to parse may have completed others first)."""
        return (len(self.sources), len(self.sections), len(self.nodes), len(self.relations),
                len(self.expectations), len(self.includes), self.title, self.title_span, self.description,
                self.current_section, set(self.section_ids))

    def rollback(self, mark: tuple[Any, ...]) -> None:
        (sources, sections, nodes, relations, expectations, includes, self.title, self.title_span,
         self.description, self.current_section, self.section_ids) = mark
        del self.sources[sources:], self.sections[sections:], self.nodes[nodes:]
        del self.relations[relations:], self.expectations[expectations:], self.includes[includes:]

    def add_node(self, draft: Draft, layout: DraftLayout | None = None) -> None:
        """A node from its draft (a statement's, or ``layout``'s: an argument's)."""
        self.nodes.append((layout or NODE_LAYOUT).build(draft, self.current_section, self.file))

    def add_source(self, draft: Draft) -> None:
        self.sources.append(SOURCE_LAYOUT.build(draft, None, self.file))

    def add_section(self, section_id: str | None, title: str, span: Span) -> None:
        """A section; without an id, one made from the title (unique in the file)."""
        explicit = section_id is not None
        if section_id is None:
            from argmap.syntax.text import slugify

            base = section_id = slugify(title)
            n = 2
            while section_id in self.section_ids:
                section_id, n = f"{base}-{n}", n + 1
        self.section_ids.add(section_id)
        self.sections.append(Section(section_id, title, explicit, span))
        self.current_section = section_id

    def build(self) -> Map:
        return Map(
            title=self.title,
            description=self.description,
            sources=tuple(self.sources),
            sections=tuple(self.sections),
            nodes=tuple(self.nodes),
            relations=tuple(self.relations),
            expectations=tuple(self.expectations),
            includes=tuple(self.includes),
            comments=tuple(sorted(self.comments, key=lambda c: (c.span.line, c.span.column))),
            files=(self.file,),
            title_span=self.title_span,
            unparsed_ids=tuple(self.unparsed_ids),
        )
