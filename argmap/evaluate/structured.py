"""The argument reading of a map (the default): statements, the inferences
between them, and what each needs, as a Dung framework.

A map says three kinds of thing, and this reading keeps them apart
(docs/evaluation.md, "The argument reading"):

* **Inferences.** Every ``supports`` / ``attacks`` line from a statement is
  a one-premise inference; every ``argument`` block is an inference whose
  premises support (or attack) its conclusion *only together* (linked
  premises, AIF's RA node with several premises). An inference applies when
  every premise holds and nothing that undercuts it holds.
* **Independent reasons.** A statement that something argues for needs *at
  least one* of its arguments to apply (Nouioua's argumentation frameworks
  with sets of necessities: the set of its arguments is necessary, not each
  one). So losing one reason does not defeat a conclusion while another
  stands, and linked premises fall together. Evidence and assumptions are
  prima facie: they stand as given unless defeated, and their supports only
  corroborate.
* **Attacks.** An applicable inference against a statement defeats it;
  ``contradicts`` attacks both ways; an undercut defeats an inference, not
  its conclusion.

The framework's first arguments are the map's statements and argument nodes
(questions are not evaluated: they are answered, not supported), in map
order; auxiliary arguments follow: "p does not hold" (attacked by p; it
attacks every inference with premise p), an undercuttable one-premise
inference, and "c has no standing argument" (attacked by each inference for
c; it attacks c). Built in one pass, linear in the map.

A statement that stands is *supported* (an argument for it applies),
*given* (evidence or an assumption nothing argues for), or *unsupported*
(it stands only because nothing defeats it): :meth:`ArgumentFramework.basis`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from argmap.evaluate.af import AF, IN, OUT, UNDEC, grounded_layers
from argmap.model import Map, NodeKind, RelationKind, RelationRole

__all__ = ["ArgumentFramework", "Aux", "build_argument_framework", "BASES", "PRIMA_FACIE"]

# kinds that stand as given unless defeated (their supports corroborate)
PRIMA_FACIE = frozenset({NodeKind.EVIDENCE, NodeKind.ASSUMPTION})
# a node's basis in a labelling: why it stands (IN: supported, given,
# unsupported), why it falls (OUT: defeated, support-lost; an argument:
# premise-fails, undercut), or undecided
BASES = ("supported", "given", "unsupported", "defeated", "support-lost", "premise-fails", "undercut", "undecided")


class Aux(NamedTuple):
    """An auxiliary argument: ``role`` "not" (``subject`` does not hold),
    "inference" (the one-premise inference ``subject`` -> ``target``, of
    ``kind``), or "unsupported" (``subject`` has no applicable argument)."""

    role: str
    subject: int
    target: int = -1
    kind: RelationKind | None = None


@dataclass
class ArgumentFramework:
    """The argument reading of a map: ``af`` (the map's evaluated nodes first,
    ``nodes[i]`` their ids, ``index`` the way back), ``aux`` for the rest."""

    af: AF
    nodes: list[str]
    index: dict[str, int]
    kinds: list[NodeKind]
    aux: list[Aux]  # aux[k] describes AF argument node_count + k
    pro: dict[int, list[int]]  # statement -> the AF arguments that are inferences for it
    unsupported_of: dict[int, int]  # statement -> its "no standing argument" AF argument
    inferred: frozenset[int] = frozenset()  # map nodes that are the analyst's own (`inferred`)
    inferred_links: frozenset[tuple[int, int]] = frozenset()  # (source, target) marked (inferred)
    reading: str = "argument"
    rounds_cache: tuple[list[int], list[int]] | None = None
    _grounded: list[int] | None = None

    @property
    def node_count(self) -> int:
        return len(self.nodes)

    def grounded(self) -> list[int]:
        """The grounded labelling (computed once; do not modify it)."""
        if self._grounded is None:
            self._grounded, rounds = grounded_layers(self.af)
            self.rounds_cache = (self._grounded, rounds)
        return self._grounded

    def basis(self, lab: list[int]) -> dict[str, str]:
        """Why each map node stands or falls in ``lab`` (see BASES)."""
        return {node: self.basis_of(lab, i) for i, node in enumerate(self.nodes)}

    def basis_of(self, lab: list[int], i: int) -> str:
        """Why map node ``i`` stands or falls in ``lab`` (explain asks for one node:
        the whole map's bases cost a pass over every node per failing expectation)."""
        label = lab[i]
        if label == UNDEC:
            return "undecided"
        if label == OUT:
            u = self.unsupported_of.get(i)
            attackers = self.af.attackers[i]
            if u is not None and lab[u] == IN and not any(lab[x] == IN for x in attackers if x != u):
                return "support-lost"
            if self.kinds[i] is NodeKind.ARGUMENT:
                count, aux = self.node_count, self.aux
                premise_fails = any(lab[x] == IN and x >= count and aux[x - count].role == "not" for x in attackers)
                return "premise-fails" if premise_fails else "undercut"
            return "defeated"
        if any(lab[p] == IN for p in self.pro.get(i, ())):
            return "supported"
        if self.kinds[i] is NodeKind.ARGUMENT:
            return "supported"  # an inference that applies: its premises hold
        return "given" if self.kinds[i] in PRIMA_FACIE else "unsupported"

    def describe(self, argument: int) -> str:
        """An AF argument in words."""
        if argument < self.node_count:
            return self.nodes[argument]
        aux = self.aux[argument - self.node_count]
        subject = self.nodes[aux.subject]
        if aux.role == "not":
            return f"{subject} does not hold"
        if aux.role == "inference":
            return f"the inference {subject} {aux.kind} {self.nodes[aux.target]}"
        return f"no argument for {subject} stands"


class _Builder:
    def __init__(self, names: list[str]) -> None:
        self.names = list(names)
        self.attacks: list[list[int]] = [[] for _ in names]
        self.aux: list[Aux] = []
        self.node_count = len(names)
        self._not: dict[int, int] = {}

    def new(self, aux: Aux, name: str) -> int:
        self.names.append(name)
        self.attacks.append([])
        self.aux.append(aux)
        return len(self.names) - 1

    def negation(self, p: int) -> int:
        """"p does not hold": IN exactly when p is OUT."""
        found = self._not.get(p)
        if found is None:
            found = self._not[p] = self.new(Aux("not", p), f"not {self.names[p]}")
            self.attacks[p].append(found)
        return found

    def inference(self, source: int, target: int, kind: RelationKind, cutters: list[int]) -> int:
        """An undercuttable one-premise inference: applies when ``source`` holds
        and no undercutter does."""
        name = f"{self.names[source]} {kind} {self.names[target]}"
        i = self.new(Aux("inference", source, target, kind), name)
        self.attacks[self.negation(source)].append(i)
        for u in cutters:
            self.attacks[u].append(i)
        return i


def build_argument_framework(argmap: Map) -> ArgumentFramework:
    """The argument reading of ``argmap`` (relations naming unknown nodes or
    questions are left out: rules E102 and E118 report them)."""
    evaluated = [n for n in argmap.node_by_id.values() if n.kind is not NodeKind.QUESTION]
    names = [n.id for n in evaluated]
    index = {node: i for i, node in enumerate(names)}
    kinds = [n.kind for n in evaluated]
    is_argument = [k is NodeKind.ARGUMENT for k in kinds]
    b = _Builder(names)
    # undercutters of each written link (a, b), and of each argument
    cut: dict[tuple[int, int], list[int]] = {}
    for rel in argmap.relations:
        if rel.kind.role is not RelationRole.UNDERCUT:
            continue
        u = index.get(rel.source)
        if u is None:
            continue
        if rel.link is not None:
            a, c = index.get(rel.link.source), index.get(rel.link.target)
            if a is not None and c is not None:
                cut.setdefault((a, c), []).append(u)
        elif rel.target is not None and (t := index.get(rel.target)) is not None and is_argument[t]:
            b.attacks[u].append(t)  # undercutting an argument defeats its inference
    pro: dict[int, list[int]] = {}

    def attack(source: int, target: int, kind: RelationKind) -> None:
        cutters = cut.get((source, target))
        if is_argument[source]:
            for u in cutters or ():  # `undercuts arg -> c`: undercuts the argument itself
                b.attacks[u].append(source)
            b.attacks[source].append(target)
        elif cutters:
            b.attacks[b.inference(source, target, kind, cutters)].append(target)
        else:
            b.attacks[source].append(target)

    for rel in argmap.relations:
        s = index.get(rel.source)
        t = index.get(rel.target) if rel.target is not None else None
        if s is None or t is None or s == t:
            continue
        role = rel.kind.role
        if role is RelationRole.SUPPORT:
            if is_argument[t]:
                continue  # supports aimed at an argument mean nothing (rule E120)
            cutters = cut.get((s, t))
            if is_argument[s]:
                for u in cutters or ():
                    b.attacks[u].append(s)
                pro.setdefault(t, []).append(s)
            elif cutters:
                pro.setdefault(t, []).append(b.inference(s, t, rel.kind, cutters))
            else:
                pro.setdefault(t, []).append(s)  # applies exactly when s holds
        elif role is RelationRole.ATTACK:
            attack(s, t, rel.kind)
        elif role is RelationRole.CONTRADICTION:
            attack(s, t, rel.kind)
            attack(t, s, rel.kind)
        elif role in (RelationRole.UNDERCUT, RelationRole.BEARING, RelationRole.ANSWER):
            continue  # undercuts are read above; about / answers are not evaluated
        else:  # pragma: no cover - every role is handled above
            raise AssertionError(f"no reading for relation role {role}")
    # linked premises: an argument applies only while every premise holds
    for node in evaluated:
        if node.kind is NodeKind.ARGUMENT:
            a = index[node.id]
            for premise in node.premises:
                p = index.get(premise)
                if p is not None and not is_argument[p] and p != a:
                    b.attacks[b.negation(p)].append(a)
    # independent reasons: a statement something argues for needs one that applies
    unsupported_of: dict[int, int] = {}
    for t, inferences in pro.items():
        if kinds[t] in PRIMA_FACIE or is_argument[t]:
            continue
        u = b.new(Aux("unsupported", t), f"no argument for {names[t]}")
        for i in inferences:
            b.attacks[i].append(u)
        b.attacks[u].append(t)
        unsupported_of[t] = u
    for targets in b.attacks:
        if len(targets) > 1:
            targets[:] = sorted(set(targets))
    inferred = frozenset(index[n.id] for n in evaluated if n.inferred is not None)
    inferred_links = frozenset((index[r.source], index[r.target]) for r in argmap.relations
                               if r.inferred and r.target in index and r.source in index)
    return ArgumentFramework(AF(b.names, b.attacks), names, index, kinds, b.aux, pro, unsupported_of,
                             inferred, inferred_links)

