"""Map -> outline tree: the argument in reading order, for every outline format.

Pure: no I/O, no colour, no markup. The order is the argument's: each thesis
(file order), then what supports it, then what attacks, contradicts or
undercuts it, recursively. A node is expanded where it is first reached
(pre-order), so a second encounter always refers to an entry *above* it
("see ankara above"): shared premises and cycles never repeat or loop. Nodes
that no thesis reaches are listed in a last part.

An undercut of the link ``a -> b`` is placed under the entry of ``a`` that was
reached through that very link, since it is that inference it attacks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from argmap.model import Map, Node, NodeKind, Relation, RelationRole
from argmap.render.facts import MapFacts, plural

__all__ = [
    "Entry",
    "Part",
    "Summary",
    "Outline",
    "build_outline",
    "summarize",
    "load_evaluation",
    "load_verdicts",
    "plural",
    "relation_label",
    "ATTACK_ROLES",
]

ATTACK_ROLES = (RelationRole.ATTACK, RelationRole.CONTRADICTION, RelationRole.UNDERCUT)
# the order of a node's children, by what the relation does (RelationKind.role)
_CHILD_ORDER = {
    RelationRole.SUPPORT: 0,
    RelationRole.ATTACK: 1,
    RelationRole.CONTRADICTION: 2,
    RelationRole.UNDERCUT: 3,
    RelationRole.ANSWER: 4,
    RelationRole.BEARING: 5,
}
# Chains deeper than this continue as a new top entry further down: a reader
# cannot follow 60 levels of indentation, and no renderer may recurse unbounded.
MAX_DEPTH = 40




_T = TypeVar("_T")


def preorder(roots: Sequence[_T], children: Callable[[_T], Sequence[_T]]) -> list[_T]:
    """``roots`` and their descendants, each before its children, without
    recursion (a deep map's outline is as deep as its longest chain)."""
    found: list[_T] = []
    stack = list(reversed(roots))
    while stack:
        entry = stack.pop()
        found.append(entry)
        stack.extend(reversed(children(entry)))
    return found
@dataclass(frozen=True)
class Entry:
    """One line of the outline: ``node`` reached from its parent by ``relation``.

    ``relation`` is None for a part's top entries. ``ref`` is True when the node
    was already shown above: the entry is then a pointer and has no children.
    """

    node: Node
    relation: Relation | None = None
    ref: bool = False
    children: tuple[Entry, ...] = ()
    continued: bool = False  # a pointer to the same node as a top entry further down
    premise: bool = False  # a premise of the argument above (no relation: the argument names it)

    @property
    def where(self) -> str:
        """Where the pointed-to node is shown: ``above`` or ``below``."""
        return "below" if self.continued else "above"

    @property
    def verb(self) -> str | None:
        """``supports``, ``attacks``, ``contradicts``, ``undercuts``, ``answers``,
        ``about``, ``premise`` (of the argument above); None at the top."""
        if self.premise:
            return "premise"
        return self.relation.kind.value if self.relation is not None else None


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Summary:
    """Figures for the top of a report."""

    nodes: int
    by_kind: tuple[tuple[str, int], ...]
    relations: int
    sources: int
    citations: int
    attacks: int
    unanswered_attacks: int

    def line(self) -> str:
        """``12 nodes (2 theses, 5 evidence) · 11 relations · 3 sources · ...``."""
        kinds = ", ".join(f"{count} {plural(name, count)}" for name, count in self.by_kind)
        parts = [f"{self.nodes} node{'s' * (self.nodes != 1)}" + (f" ({kinds})" if kinds else "")]
        parts.append(f"{self.relations} relation{'s' * (self.relations != 1)}")
        parts.append(f"{self.sources} source{'s' * (self.sources != 1)}")
        parts.append(f"{self.citations} citation{'s' * (self.citations != 1)}")
        parts.append(f"{self.unanswered_attacks} of {self.attacks} attacks unanswered")
        return " · ".join(parts)


@dataclass(frozen=True)
class Outline:
    map: Map
    parts: tuple[Part, ...]
    summary: Summary
    statuses: Mapping[str, str] = field(default_factory=dict)
    strengths: Mapping[str, float] = field(default_factory=dict)
    bases: Mapping[str, str] = field(default_factory=dict)  # why a node stands or falls (argument reading)

    @property
    def title(self) -> str:
        main = self.map.main_file
        return self.map.title or (main if main and not main.startswith("<") else "Argument map")

    @cached_property
    def facts(self) -> MapFacts:
        """The facts of the map's nodes (argmap.render.facts), with this outline's evaluation."""
        return MapFacts(self.map, statuses=self.statuses, strengths=self.strengths, bases=self.bases)

    def walk(self) -> list[Entry]:
        """Every entry, pre-order."""
        return preorder([entry for part in self.parts for entry in part.entries], lambda entry: entry.children)


def _children_index(argmap: Map) -> tuple[dict[str, list[Relation]], dict[tuple[str, str], list[Relation]]]:
    """Relations by target node, and undercuts by the link they attack."""
    by_target: dict[str, list[Relation]] = {}
    by_link: dict[tuple[str, str], list[Relation]] = {}
    nodes = argmap.node_by_id
    for relation in argmap.relations:
        if relation.source not in nodes:
            continue
        if relation.link is not None:
            by_link.setdefault((relation.link.source, relation.link.target), []).append(relation)
        elif relation.target is not None and relation.target in nodes:
            by_target.setdefault(relation.target, []).append(relation)
    for relations in by_target.values():
        relations.sort(key=lambda r: _CHILD_ORDER[r.kind.role])  # stable: file order within a kind
    return by_target, by_link


def build_outline(
    argmap: Map,
    *,
    statuses: Mapping[str, str] | None = None,
    strengths: Mapping[str, float] | None = None,
    bases: Mapping[str, str] | None = None,
) -> Outline:
    """The outline of ``argmap``; ``statuses`` / ``strengths`` / ``bases`` by node id are optional."""
    by_target, by_link = _children_index(argmap)
    seen: set[str] = set()
    continued: list[Node] = []  # nodes cut at MAX_DEPTH, shown again as top entries

    def expand(node: Node, via: Relation | None, depth: int = 0, premise: bool = False) -> Entry:
        if node.id in seen:
            return Entry(node, via, ref=True, premise=premise)
        if depth >= MAX_DEPTH:
            continued.append(node)
            seen.add(node.id)
            return Entry(node, via, ref=True, continued=True, premise=premise)
        seen.add(node.id)
        # a linked argument's premises first (they stand or fall together), then what bears on it
        premises = tuple(expand(argmap.node_by_id[p], None, depth + 1, premise=True)
                         for p in node.premises if p in argmap.node_by_id)
        children: list[Relation] = list(by_target.get(node.id, ()))
        if via is not None and via.target is not None:
            children += by_link.get((node.id, via.target), [])
        entries = tuple(
            expand(argmap.node_by_id[rel.source], rel, depth + 1) for rel in children
        )
        return Entry(node, via, children=premises + entries, premise=premise)

    def expand_continued() -> tuple[Entry, ...]:
        found: list[Entry] = []
        while continued:
            node = continued.pop(0)  # (one at a time: a cut chain adds one more)
            seen.discard(node.id)
            found.append(expand(node, None))
        return tuple(found)

    theses = tuple(expand(n, None) for n in argmap.nodes_of_kind(NodeKind.THESIS) if n.id not in seen)
    parts = [Part("theses", "Theses", theses)] if theses else []
    more = expand_continued()
    if more:
        parts.append(Part("continued", "Continued", more))

    rest = [n for n in argmap.nodes if n.id not in seen and argmap.node_by_id[n.id] is n]
    if rest:
        has_target = {r.source for r in argmap.relations if r.referenced_ids}
        # Tops first: nodes that point at nothing (hypotheses, questions, ...), then the rest.
        ordered = [n for n in rest if n.id not in has_target] + [n for n in rest if n.id in has_target]
        entries = tuple(expand(n, None) for n in ordered if n.id not in seen)
        title = "Not reached from any thesis" if theses else "Nodes"
        parts.append(Part("unreached", title, entries + expand_continued()))
    return Outline(argmap, tuple(parts), summarize(argmap), dict(statuses or {}), dict(strengths or {}),
                   dict(bases or {}))


def relation_label(entry: Entry) -> str:
    """``supports``, ``attacks (weight 0.8)``, ``undercuts ankara -> conflict``."""
    relation = entry.relation
    if entry.premise:
        return "premise"
    if relation is None:
        return ""
    label = relation.kind.value
    if relation.link is not None:
        label += f" {relation.link.source} -> {relation.link.target}"
    if relation.weight is not None:
        label += f" (weight {relation.weight:g})"
    if relation.inferred:
        label += " (inferred)"
    return label


def summarize(argmap: Map) -> Summary:
    """Counts by kind, relations, sources, citations and unanswered attacks.

    An attack is unanswered when nothing attacks, contradicts or undercuts its
    source node, and nothing undercuts the attack itself."""
    counts = dict.fromkeys(NodeKind, 0)
    for node in argmap.nodes:
        counts[node.kind] += 1
    attacked = {r.target for r in argmap.relations if r.kind.role in ATTACK_ROLES and r.target}
    undercut = {(r.link.source, r.link.target) for r in argmap.relations if r.link is not None}
    attacks = [r for r in argmap.relations if r.kind.role in ATTACK_ROLES]
    unanswered = [
        r for r in attacks
        if r.source not in attacked and (r.target is None or (r.source, r.target) not in undercut)
    ]
    return Summary(
        nodes=len(argmap.nodes),
        by_kind=tuple((k.value, n) for k, n in counts.items() if n),
        relations=len(argmap.relations),
        sources=len(argmap.sources),
        citations=sum(len(n.citations) for n in argmap.nodes),
        attacks=len(attacks),
        unanswered_attacks=len(unanswered),
    )


STRENGTH_METHOD = "df-quad"


def load_evaluation(argmap: Map) -> tuple[dict[str, str], dict[str, float]]:
    """Grounded labels (IN/OUT/UNDEC) and DF-QuAD strengths by node id (see
    load_verdicts)."""
    statuses, strengths, _bases = load_verdicts(argmap)
    return statuses, strengths


def load_verdicts(argmap: Map) -> tuple[dict[str, str], dict[str, float], dict[str, str]]:
    """Grounded labels (IN/OUT/UNDEC), DF-QuAD strengths and the bases
    (supported, given, unsupported, defeated, ...) by node id, under the
    default reading (``argmap eval``'s); empty mappings for a map the
    evaluator refuses.

    Only these: not ``evaluate()``, which also lists extensions and
    acceptance per node (an outline shows neither)."""
    from argmap.errors import ArgmapError
    from argmap.evaluate.framework import bipolar
    from argmap.evaluate.readings import DEFAULT_READING, build
    from argmap.evaluate.semantics import LABEL_NAMES
    from argmap.evaluate.strengths import compute_strengths
    from argmap.evaluate.structured import ArgumentFramework

    try:
        graph = bipolar(argmap)
        framework = build(argmap, DEFAULT_READING, graph)
        labels = framework.grounded()
        bases = framework.basis(labels) if isinstance(framework, ArgumentFramework) else {}
        strengths = compute_strengths(argmap, STRENGTH_METHOD, graph=graph).scores
    except ArgmapError:  # a map the evaluator refuses: the outline still prints
        return {}, {}, {}
    statuses = {node: LABEL_NAMES[labels[i]] for i, node in enumerate(framework.nodes)}
    return statuses, {node: float(value) for node, value in strengths.items()}, dict(bases)
