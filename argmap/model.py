"""The semantic model of an argument map: frozen dataclasses, each with a span.

Spans and comments are excluded from equality (``compare=False``), so two maps
compare equal when they *mean* the same thing, whatever their layout. That is
what ``argmap fmt`` and the interchange round trips promise.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

__all__ = [
    "ID_REGEX",
    "is_valid_id",
    "Span",
    "NO_SPAN",
    "NodeKind",
    "STATEMENT_KINDS",
    "RelationKind",
    "RelationRole",
    "Level",
    "Credibility",
    "Reliability",
    "Inference",
    "CriticalAnswer",
    "Grade",
    "ExpectedStatus",
    "PartialDate",
    "Citation",
    "Rating",
    "Source",
    "Section",
    "Node",
    "LinkRef",
    "Relation",
    "Expectation",
    "Include",
    "Comment",
    "Map",
    "positional_builder",
]

# What an id looks like: the grammar's ID terminal (tests/test_model_ids.py keeps
# the two equal). Importers, the language server and highlighters use this.
ID_REGEX = r"(?!\d)\w+(?:[.\-]\w+)*"
_ID_FULL = re.compile(ID_REGEX)


def is_valid_id(text: str) -> bool:
    """Whether ``text`` is written as an id (keywords are the caller's business)."""
    return _ID_FULL.fullmatch(text) is not None



class Span(NamedTuple):
    """Where an element is written: 1-based lines and columns, end exclusive.

    An immutable named tuple rather than a frozen dataclass: a big map has
    about five spans per node, and a tuple is built four times faster (the
    parse of a 20,000-node map spends a tenth of its time making spans)."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def contains(self, line: int, column: int) -> bool:
        """Whether the 1-based position ``line:column`` lies inside the span."""
        if (line, column) < (self.line, self.column):
            return False
        return (line, column) < (self.end_line, self.end_column)


NO_SPAN = Span("<generated>", 0, 0, 0, 0)


class NodeKind(str, enum.Enum):
    """What a node is. Every kind but ``argument`` is a statement (something
    that can be true or false); an ``argument`` is a linked inference: its
    premises together support or attack its conclusion."""

    THESIS = "thesis"
    CLAIM = "claim"
    EVIDENCE = "evidence"
    COUNTER = "counter"
    HYPOTHESIS = "hypothesis"
    ASSUMPTION = "assumption"
    QUESTION = "question"
    ARGUMENT = "argument"

    def __str__(self) -> str:
        return self.value


# the kinds written `KIND id "text"` (an argument is written `argument id ["text"]`)
STATEMENT_KINDS: tuple[NodeKind, ...] = tuple(kind for kind in NodeKind if kind is not NodeKind.ARGUMENT)


class RelationRole(str, enum.Enum):
    """What a relation does, whatever its spelling: the evaluation, the
    diagram and the exporters act on roles, so every relation kind has one."""

    SUPPORT = "support"  # a reason for the target
    ATTACK = "attack"  # a reason against the target
    CONTRADICTION = "contradiction"  # the two cannot both hold (both ways)
    UNDERCUT = "undercut"  # attacks an inference, not its conclusion
    BEARING = "bearing"  # bears on a question (neither for nor against)
    ANSWER = "answer"  # proposes an answer to a question

    def __str__(self) -> str:
        return self.value


class RelationKind(str, enum.Enum):
    """A relation as written; ``role`` says what it does."""

    role: RelationRole

    SUPPORTS = "supports", RelationRole.SUPPORT
    ATTACKS = "attacks", RelationRole.ATTACK
    UNDERCUTS = "undercuts", RelationRole.UNDERCUT
    CONTRADICTS = "contradicts", RelationRole.CONTRADICTION
    ABOUT = "about", RelationRole.BEARING
    ANSWERS = "answers", RelationRole.ANSWER

    def __new__(cls, value: str, role: RelationRole) -> RelationKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.role = role
        return member

    def __str__(self) -> str:
        return self.value


class Level(str, enum.Enum):
    """Credibility or relevance."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    def __str__(self) -> str:
        return self.value


class Credibility(str, enum.Enum):
    """How credible a piece of information is: the NATO / Admiralty scale
    (1 confirmed ... 5 improbable, 6 cannot be judged), or the older words
    low / medium / high, kept as written and read as 4 / 3 / 2."""

    CONFIRMED = "1"
    PROBABLY_TRUE = "2"
    POSSIBLY_TRUE = "3"
    DOUBTFUL = "4"
    IMPROBABLE = "5"
    CANNOT_BE_JUDGED = "6"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def grade(self) -> int:
        """The Admiralty grade, 1 to 6 (high = 2, medium = 3, low = 4)."""
        return _CREDIBILITY_GRADE[self.value]

    @property
    def label(self) -> str:
        return _CREDIBILITY_LABEL[self.grade]

    def __str__(self) -> str:
        return self.value


_CREDIBILITY_GRADE = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "high": 2, "medium": 3, "low": 4}
_CREDIBILITY_LABEL = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
                      6: "cannot be judged"}


class Reliability(str, enum.Enum):
    """How reliable a source is (NATO / Admiralty): A completely reliable ...
    E unreliable, F cannot be judged."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"

    @property
    def label(self) -> str:
        return _RELIABILITY_LABEL[self.value]

    def __str__(self) -> str:
        return self.value


_RELIABILITY_LABEL = {"A": "completely reliable", "B": "usually reliable", "C": "fairly reliable",
                      "D": "not usually reliable", "E": "unreliable", "F": "reliability cannot be judged"}


class Grade(str, enum.Enum):
    """A rating of evidence against a hypothesis (Analysis of Competing Hypotheses)."""

    VERY_CONSISTENT = "CC"
    CONSISTENT = "C"
    NEUTRAL = "N"
    INCONSISTENT = "I"
    VERY_INCONSISTENT = "II"
    NOT_APPLICABLE = "NA"

    def __str__(self) -> str:
        return self.value


class ExpectedStatus(str, enum.Enum):
    """``expect ID STATUS``: accepted (IN), supported (IN because an argument for
    it stands, or evidence given), rejected (OUT), undecided, leads (ACH)."""

    ACCEPTED = "accepted"
    SUPPORTED = "supported"
    REJECTED = "rejected"
    UNDECIDED = "undecided"
    LEADS = "leads"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A full or partial ISO date as written: ``2016``, ``2016-11`` or ``2016-11-26``.

    ``text`` keeps what was written; the numbers are ``None`` where the text
    does not give them. Validity is checked by rule E108, not here.
    """

    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        return self.text

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass(frozen=True, slots=True)
class Citation:
    """``cite SOURCE [LOCATOR] ["quotation"]``."""

    source: str
    locator: str | None = None
    quote: str | None = None
    span: Span = field(default=NO_SPAN, compare=False)
    source_span: Span = field(default=NO_SPAN, compare=False)
    quote_span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Rating:
    """``rates HYPOTHESIS GRADE``: how consistent this evidence is with a hypothesis."""

    hypothesis: str
    grade: Grade
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Inference:
    """``inferred ["why"]``: the node is the analyst's own inference, not a
    claim the source makes."""

    reason: str | None = None
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class CriticalAnswer:
    """``cq QUESTION "answer"``: how the argument answers one of its scheme's
    critical questions."""

    question: str
    answer: str
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    author: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    file: str | None = None
    reliability: Reliability | None = None
    notes: tuple[str, ...] = ()
    span: Span = field(default=NO_SPAN, compare=False)
    id_span: Span = field(default=NO_SPAN, compare=False)
    date_span: Span | None = field(default=None, compare=False)
    file_span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Section:
    """``section [ID] "Title"``: the nodes written after it belong to it."""

    id: str
    title: str
    explicit_id: bool = False
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Node:
    """A statement (thesis, claim, evidence, ...) or a linked argument.

    An argument (``kind`` ARGUMENT) has ``premises`` that together support or
    attack the target of its one outgoing relation; it may name a ``scheme``
    and answer that scheme's critical questions. Its ``text`` may be empty."""

    id: str
    kind: NodeKind
    text: str
    section: str | None = None
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    date: PartialDate | None = None
    credibility: Credibility | None = None
    relevance: Level | None = None
    inferred: Inference | None = None
    premises: tuple[str, ...] = ()
    scheme: str | None = None
    critical_answers: tuple[CriticalAnswer, ...] = ()
    notes: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    ratings: tuple[Rating, ...] = ()
    span: Span = field(default=NO_SPAN, compare=False)
    id_span: Span = field(default=NO_SPAN, compare=False)
    date_span: Span | None = field(default=None, compare=False)
    premise_spans: tuple[Span, ...] = field(default=(), compare=False)  # where each premise is written


@dataclass(frozen=True, slots=True)
class LinkRef:
    """The link ``source -> target`` that an undercut attacks."""

    source: str
    target: str
    span: Span = field(default=NO_SPAN, compare=False)
    source_span: Span = field(default=NO_SPAN, compare=False)
    target_span: Span = field(default=NO_SPAN, compare=False)

    def __str__(self) -> str:
        return f"{self.source} -> {self.target}"


@dataclass(frozen=True, slots=True)
class Relation:
    """A directed relation written in the block of node ``source``.

    Relations have a node ``target``, except an undercut of a link
    (``undercuts a -> b``), which has the ``link`` it attacks and ``target``
    None; an undercut of an argument (``undercuts arg``) has that argument
    as its ``target``. ``inferred``: the analyst's own link, not the source's.
    """

    kind: RelationKind
    source: str
    target: str | None = None
    link: LinkRef | None = None
    weight: float | None = None
    inferred: bool = False
    span: Span = field(default=NO_SPAN, compare=False)
    target_span: Span = field(default=NO_SPAN, compare=False)

    @property
    def key(self) -> str:
        """A stable, readable key: ``a supports b`` or ``c undercuts a -> b``."""
        if self.link is not None:
            return f"{self.source} {self.kind.value} {self.link}"
        return f"{self.source} {self.kind.value} {self.target}"

    @property
    def referenced_ids(self) -> tuple[str, ...]:
        """Node ids this relation points at (not counting its source)."""
        if self.link is not None:
            return (self.link.source, self.link.target)
        return (self.target,) if self.target is not None else ()


@dataclass(frozen=True, slots=True)
class Expectation:
    """``expect ID accepted|rejected|undecided|leads [under SEMANTICS]``."""

    node: str
    status: ExpectedStatus
    semantics: str | None = None
    span: Span = field(default=NO_SPAN, compare=False)
    node_span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Include:
    path: str
    span: Span = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``# comment`` as written (``text`` includes the ``#``)."""

    text: str
    span: Span
    own_line: bool


@dataclass(frozen=True)
class Map:
    """An argument map: one file, or a file with its includes merged in.

    Elements keep file order. Lookups (``node``, ``source``, ...) are built once
    on first use. ``files`` lists every file that contributed, main file first.
    """

    title: str | None = None
    description: str | None = None
    sources: tuple[Source, ...] = ()
    sections: tuple[Section, ...] = ()
    nodes: tuple[Node, ...] = ()
    relations: tuple[Relation, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    includes: tuple[Include, ...] = ()
    comments: tuple[Comment, ...] = field(default=(), compare=False)
    files: tuple[str, ...] = field(default=(), compare=False)
    title_span: Span | None = field(default=None, compare=False)
    # ids of blocks whose header did not parse (syntax errors): references to
    # them are not reported as undefined as well (the E001 says what is wrong)
    unparsed_ids: tuple[str, ...] = field(default=(), compare=False)

    # -- lookups (first definition wins; duplicates are reported by E101)
    @cached_property
    def node_by_id(self) -> dict[str, Node]:
        index: dict[str, Node] = {}
        for node in self.nodes:
            index.setdefault(node.id, node)
        return index

    @cached_property
    def source_by_id(self) -> dict[str, Source]:
        index: dict[str, Source] = {}
        for source in self.sources:
            index.setdefault(source.id, source)
        return index

    @cached_property
    def section_by_id(self) -> dict[str, Section]:
        index: dict[str, Section] = {}
        for section in self.sections:
            index.setdefault(section.id, section)
        return index

    def node(self, node_id: str) -> Node | None:
        return self.node_by_id.get(node_id)

    def source(self, source_id: str) -> Source | None:
        return self.source_by_id.get(source_id)

    def nodes_of_kind(self, *kinds: NodeKind) -> Iterator[Node]:
        wanted = set(kinds)
        return (node for node in self.nodes if node.kind in wanted)

    @cached_property
    def outgoing(self) -> dict[str, tuple[Relation, ...]]:
        """Relations by the id of the node whose block declares them."""
        grouped: dict[str, list[Relation]] = {}
        for relation in self.relations:
            grouped.setdefault(relation.source, []).append(relation)
        return {key: tuple(value) for key, value in grouped.items()}

    @cached_property
    def incoming(self) -> dict[str, tuple[Relation, ...]]:
        """Relations by the id of the node they point at (undercuts excluded)."""
        grouped: dict[str, list[Relation]] = {}
        for relation in self.relations:
            if relation.target is not None:
                grouped.setdefault(relation.target, []).append(relation)
        return {key: tuple(value) for key, value in grouped.items()}

    @property
    def main_file(self) -> str | None:
        return self.files[0] if self.files else None


def positional_builder(cls: type) -> Any:
    """A function that builds a slotted model class from every field, in field
    order, about 40% faster than its frozen-dataclass ``__init__`` (which looks
    up ``object.__setattr__`` once per field): it calls each slot's own setter.
    Same object, still frozen; no defaults (every value is given). For the
    parser's hot loop (argmap.syntax.scanner), where a big map builds one per node."""
    names = [f.name for f in dataclasses.fields(cls)]
    setters = {f"_set_{name}": cls.__dict__[name].__set__ for name in names}
    body = "".join(f"    _set_{name}(obj, {name})\n" for name in names)
    source = f"def build({', '.join(names)}):\n    obj = _new(_cls)\n{body}    return obj\n"
    namespace: dict[str, Any] = {"_new": object.__new__, "_cls": cls, **setters}
    exec(source, namespace)
    return namespace["build"]
