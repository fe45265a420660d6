"""A node's facts, gathered and worded once for every renderer.

    facts = MapFacts(argmap, statuses=..., strengths=...)   # once per map
    node = facts.of(map_node)                               # NodeFacts: plain data
    node.fields()        -> [Field("date", "Date", "2016-11"), ...]   (the table below)

The formatters that turn these facts into a header, a citation, a tooltip or
an editor's hover are in :mod:`argmap.render.wording`.

Everything here is plain text: nothing is escaped. Each output format escapes
what it writes (DOT, HTML, Markdown, Typst, terminal), with its own function,
passed in where a formatter builds markup (``hover_markdown(..., escape=)``).

The short facts of a node are table-driven (``FIELDS``): a row names the
fact, its label, where it comes from and how it is worded. A new node
attribute (a numeric credibility, a provenance flag, a scheme, ...) is one
more row; every renderer that lists a node's fields shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from argmap.model import Citation, Map, Node, NodeKind, Relation, RelationKind

__all__ = [
    "BASIS_WORDS",
    "FIELDS",
    "KIND_LABELS",
    "KIND_PLURALS",
    "PASSIVE",
    "CiteFacts",
    "Field",
    "FieldRow",
    "MapFacts",
    "Verdicts",
    "NodeFacts",
    "RelationFacts",
    "credibility_words",
    "kind_label",
    "one_line",
    "plural",
    "reliability",
    "status_word",
]

# ---------------------------------------------------------------- words

KIND_LABELS: Mapping[str, str] = {kind.value: kind.value for kind in NodeKind}
KIND_PLURALS: Mapping[str, str] = {
    "thesis": "theses", "claim": "claims", "evidence": "evidence", "counter": "counters",
    "hypothesis": "hypotheses", "assumption": "assumptions", "question": "questions",
    "argument": "arguments",
}
# a relation as read from the node it points at (its own line writes the keyword)
PASSIVE: Mapping[RelationKind, str] = {
    RelationKind.SUPPORTS: "supported by",
    RelationKind.ATTACKS: "attacked by",
    RelationKind.CONTRADICTS: "contradicted by",
    RelationKind.UNDERCUTS: "undercut by",
    RelationKind.ABOUT: "discussed by",
    RelationKind.ANSWERS: "answered by",
}
# a grounded status in words, for readers who do not know IN/OUT/UNDEC
STATUS_WORDS: Mapping[str, str] = {"IN": "accepted", "OUT": "rejected", "UNDEC": "undecided"}
# why a node stands or falls under the argument reading (argmap.evaluate.structured)
BASIS_WORDS: Mapping[str, str] = {
    "supported": "supported", "given": "given", "unsupported": "unsupported (nothing argues for it)",
    "defeated": "defeated", "support-lost": "its support fell", "premise-fails": "a premise fails",
    "undercut": "undercut", "undecided": "undecided",
}


def kind_label(kind: str) -> str:
    """``thesis`` -> ``thesis`` (a kind the table does not know is shown as written)."""
    return KIND_LABELS.get(kind, kind)


def plural(kind: str, count: int) -> str:
    """``thesis`` or ``theses``: the kind's name for ``count`` nodes."""
    return KIND_PLURALS.get(kind, kind) if count != 1 else kind_label(kind)


def reliability(source: object) -> str | None:
    """A source's grade with its meaning: ``C (fairly reliable)``; None when not given."""
    grade = getattr(source, "reliability", None)
    if grade is None:
        return None
    label = getattr(grade, "label", None)
    return f"{grade.value} ({label})" if label else str(grade.value)


def status_word(status: str) -> str:
    """``IN`` -> ``accepted``."""
    return STATUS_WORDS.get(status, status.lower())


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Field:
    """One short fact: ``key`` (stable, for CSS classes and tests), ``label``
    (for people), ``value`` (plain text)."""

    key: str
    label: str
    value: str

    def phrase(self, bare: frozenset[str] = frozenset({"status", "basis"})) -> str:
        """``credibility medium``, ``date 2016-11``; the keys in ``bare`` read
        as the value alone (a status: ``IN``)."""
        return self.value if self.key in bare else f"{self.label.lower()} {self.value}"


@dataclass(frozen=True)
class CiteFacts:
    source: str  # the source's id
    title: str | None  # None: the map has no such source
    date: str | None
    locator: str | None
    quote: str | None


@dataclass(frozen=True)
class RelationFacts:
    """A relation seen from one of its ends. ``other`` is the node at the other
    end (for an undercut seen from its source: the link's source)."""

    kind: str  # supports, attacks, contradicts, undercuts
    direction: str  # "out": this node's own line; "in": another node's line about this one
    other: str
    link: tuple[str, str] | None = None  # the inference an undercut attacks
    weight: float | None = None
    inferred: bool = False  # the analyst's own link, not the source's


@dataclass(frozen=True)
class NodeFacts:
    node: Node
    section_title: str | None
    citations: tuple[CiteFacts, ...]
    status: str | None
    strength: float | None
    outgoing: tuple[RelationFacts, ...]
    incoming: tuple[RelationFacts, ...]
    _fields: tuple[Field, ...] = field(default=(), repr=False)

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def kind(self) -> str:
        return self.node.kind.value

    @property
    def kind_label(self) -> str:
        return kind_label(self.node.kind.value)

    @property
    def text(self) -> str:
        return self.node.text

    @property
    def section(self) -> str | None:
        return self.node.section

    @property
    def date(self) -> str | None:
        return self.node.date.text if self.node.date is not None else None

    @property
    def credibility(self) -> str | None:
        return self.node.credibility.value if self.node.credibility is not None else None

    @property
    def tags(self) -> tuple[str, ...]:
        return self.node.tags

    @property
    def actors(self) -> tuple[str, ...]:
        return self.node.actors

    @property
    def notes(self) -> tuple[str, ...]:
        return self.node.notes

    @property
    def critical_answers(self) -> tuple[tuple[str, str], ...]:
        """(critical question, answer) of an argument's scheme."""
        return tuple((c.question, c.answer) for c in self.node.critical_answers)

    @property
    def ratings(self) -> tuple[tuple[str, str], ...]:
        """(hypothesis, grade) for each ``rates`` line."""
        return tuple((r.hypothesis, r.grade.value) for r in self.node.ratings)

    def lists(self) -> list[Field]:
        """The node's lists, each on one line: tags, actors, ACH ratings
        (``rates h1 CC, h2 I``); empty ones left out."""
        rows = (("tags", "Tags", self.tags), ("actors", "Actors", self.actors),
                ("rates", "Rates", tuple(f"{h} {g}" for h, g in self.ratings)))
        return [Field(key, label, ", ".join(one_line(v) for v in values)) for key, label, values in rows if values]

    def fields(self, *, evaluation: bool = True, keys: Sequence[str] | None = None) -> list[Field]:
        """The short facts in table order (``FIELDS``); ``evaluation=False``
        leaves out status and strength; ``keys`` keeps only those."""
        found = [f for f in self._fields if evaluation or f.key not in _EVALUATION]
        return found if keys is None else [f for f in found if f.key in keys]


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class Verdicts:
    """What the evaluation says of the nodes, by id (each mapping may be empty)."""

    statuses: Mapping[str, str] = field(default_factory=dict)  # IN / OUT / UNDEC
    strengths: Mapping[str, float] = field(default_factory=dict)
    bases: Mapping[str, str] = field(default_factory=dict)  # supported, given, unsupported, defeated, ...


@dataclass(frozen=True)
class FieldRow:
    """A row of the table: ``get`` gives the value (or None: not shown)."""

    key: str
    label: str
    get: Callable[[Node, Verdicts], str | None]


def _status(node: Node, verdicts: Verdicts) -> str | None:
    return verdicts.statuses.get(node.id)


def _basis(node: Node, verdicts: Verdicts) -> str | None:
    basis = verdicts.bases.get(node.id)
    # the status says it already for a plain defeat or an undecided node
    return None if basis is None or basis in ("defeated", "undecided") else BASIS_WORDS.get(basis, basis)


def _strength(node: Node, verdicts: Verdicts) -> str | None:
    value = verdicts.strengths.get(node.id)
    return None if value is None else f"{value:.2f}"


def _date(node: Node, _v: Verdicts) -> str | None:
    return node.date.text if node.date is not None else None


def _credibility(node: Node, _v: Verdicts) -> str | None:
    """As written: ``medium`` or a grade, ``2`` (the diagrams' headers are short;
    ``credibility_words`` gives a grade's meaning)."""
    return node.credibility.value if node.credibility is not None else None


def credibility_words(value: str) -> str:
    """``2`` -> ``2 (probably true)``; a word as it is."""
    from argmap.model import Credibility

    try:
        level = Credibility(value)
    except ValueError:
        return value
    return f"{value} ({level.label})" if value.isdigit() else value


def _relevance(node: Node, _v: Verdicts) -> str | None:
    return node.relevance.value if node.relevance is not None else None


def _inferred(node: Node, _v: Verdicts) -> str | None:
    if node.inferred is None:
        return None
    return node.inferred.reason or "the analyst's own"


def _scheme(node: Node, _v: Verdicts) -> str | None:
    return node.scheme.replace("_", " ") if node.scheme else None


def _premises(node: Node, _v: Verdicts) -> str | None:
    return ", ".join(node.premises) if node.premises else None


FIELDS: tuple[FieldRow, ...] = (
    FieldRow("status", "Status", _status),
    FieldRow("basis", "Basis", _basis),
    FieldRow("strength", "Strength", _strength),
    FieldRow("premises", "Premises", _premises),
    FieldRow("scheme", "Scheme", _scheme),
    FieldRow("date", "Date", _date),
    FieldRow("credibility", "Credibility", _credibility),
    FieldRow("relevance", "Relevance", _relevance),
    FieldRow("inferred", "Inferred", _inferred),
)
_EVALUATION = frozenset({"status", "basis", "strength"})


# ---------------------------------------------------------------- gathering


class MapFacts:
    """The facts of a map's nodes; the indexes are built once, on first use."""

    def __init__(
        self,
        argmap: Map,
        *,
        statuses: Mapping[str, str] | None = None,
        strengths: Mapping[str, float] | None = None,
        bases: Mapping[str, str] | None = None,
        rows: Sequence[FieldRow] = FIELDS,
    ) -> None:
        self.map = argmap
        self.verdicts = Verdicts(statuses or {}, strengths or {}, bases or {})
        self.statuses: Mapping[str, str] = self.verdicts.statuses
        self.strengths: Mapping[str, float] = self.verdicts.strengths
        self.rows = tuple(rows)
        self._undercut_from: dict[str, list[Relation]] | None = None
        self._of: dict[str, NodeFacts] = {}

    def section_title(self, section_id: str | None) -> str | None:
        """The title of a section (its id when the map has no such section)."""
        if section_id is None:
            return None
        section = self.map.section_by_id.get(section_id)
        return section.title if section is not None else section_id

    def cite(self, cite: Citation) -> CiteFacts:
        source = self.map.source(cite.source)
        return CiteFacts(
            cite.source,
            source.title if source is not None else None,
            source.date.text if source is not None and source.date is not None else None,
            cite.locator,
            cite.quote,
        )

    def fields(self, node: Node) -> tuple[Field, ...]:
        found = []
        for row in self.rows:
            value = row.get(node, self.verdicts)
            if value is not None:
                found.append(Field(row.key, row.label, value))
        return tuple(found)

    def _undercuts_by_link_source(self) -> dict[str, list[Relation]]:
        if self._undercut_from is None:
            index: dict[str, list[Relation]] = {}
            for relation in self.map.relations:
                if relation.link is not None:
                    index.setdefault(relation.link.source, []).append(relation)
            self._undercut_from = index
        return self._undercut_from

    def outgoing(self, node: Node) -> tuple[RelationFacts, ...]:
        found = []
        for r in self.map.outgoing.get(node.id, ()):
            if r.link is not None:
                found.append(RelationFacts(r.kind.value, "out", r.link.source, (r.link.source, r.link.target),
                                           r.weight, r.inferred))
            elif r.target is not None:
                found.append(RelationFacts(r.kind.value, "out", r.target, None, r.weight, r.inferred))
        return tuple(found)

    def incoming(self, node: Node) -> tuple[RelationFacts, ...]:
        found = [RelationFacts(r.kind.value, "in", r.source, None, r.weight, r.inferred)
                 for r in self.map.incoming.get(node.id, ())]
        found += [RelationFacts(r.kind.value, "in", r.source, (r.link.source, r.link.target), r.weight, r.inferred)
                  for r in self._undercuts_by_link_source().get(node.id, ()) if r.link is not None]
        return tuple(found)

    def of(self, node: Node) -> NodeFacts:
        """The facts of ``node`` (gathered once per node)."""
        found = self._of.get(node.id)
        if found is None or found.node is not node:  # (a duplicate id is another node)
            found = self._gather(node)
            if node.id not in self._of:
                self._of[node.id] = found
        return found

    def _gather(self, node: Node) -> NodeFacts:
        strength = self.strengths.get(node.id)
        return NodeFacts(
            node=node,
            section_title=self.section_title(node.section),
            citations=tuple(self.cite(c) for c in node.citations),
            status=self.statuses.get(node.id),
            strength=None if strength is None else float(strength),
            outgoing=self.outgoing(node),
            incoming=self.incoming(node),
            _fields=self.fields(node),
        )


def one_line(text: str) -> str:
    """A map text with its whitespace (line breaks included) collapsed."""
    return " ".join(text.split())
