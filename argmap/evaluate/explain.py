"""Why is a node IN, OUT or UNDEC? A short chain a person can follow.

* OUT: one attacker that is IN (under grounded, the one labelled earliest, so
  the chain is well-founded and as short as the labelling allows), and why it is IN.
* IN: each attacker, and why it is OUT (what defends the node).
* UNDEC: no attacker is IN, and the attackers that are themselves undecided
  (usually an odd cycle or an unresolved conflict).

An attack that can be undercut is shown as the attack itself ("the attack
a -> b"): it is OUT when an undercutter is IN or when a is OUT. Derived attacks
name their support chain ("supported attack via a -> x -> b"); the chains are
searched on demand for the nodes shown, not for the whole map.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.evaluate.framework import (
    CHAIN_SEARCH_LIMIT,
    CHAIN_SOURCES,
    Attack,
    Framework,
)
from argmap.evaluate.semantics import IN, LABEL_NAMES, OUT, UNDEC, grounded_layers

__all__ = ["Explanation", "explain_labelling", "grounded_rounds"]

MAX_DEPTH = 4
MAX_BRANCH = 4


@dataclass(frozen=True)
class Explanation:
    node: str
    label: str  # IN / OUT / UNDEC in the labelling explained
    semantics: str
    summary: str  # one line, e.g. "conflict is IN under grounded semantics"
    lines: tuple[str, ...] = ()  # the indented chain
    subjects: tuple[str | None, ...] = ()  # per line: the node id it is about (None for "...")
    attackers: tuple[str, ...] = ()  # node ids attacking the node (directly or derived)
    defeaters: tuple[str, ...] = ()  # attackers that are IN
    acceptance: dict[str, bool] = field(default_factory=dict)  # credulous/sceptical when relevant

    def text(self) -> str:
        return "\n".join((self.summary,) + self.lines)


def grounded_rounds(fw: Framework, lab: list[int]) -> list[int]:
    """When each argument got its grounded label (0 = unattacked); UNDEC = -1.
    Kept on ``fw`` for the labelling it was computed for (explaining several
    nodes of one framework walks the AF once)."""
    if fw.rounds_cache is not None and fw.rounds_cache[0] is lab:
        return fw.rounds_cache[1]
    labels, rounds = grounded_layers(fw.af)
    if labels != lab:
        raise ValueError("grounded_rounds explains the grounded labelling only")
    fw.rounds_cache = (lab, rounds)
    return rounds


_Item = int | Attack  # a map node (its index), or an attack that can be undercut


class _Explainer:
    """Walks map nodes and undercuttable attacks; the encoding's auxiliary
    arguments never show. Attacks on a node are found on demand
    (:meth:`Framework.attacks_on`), so only the nodes shown cost anything."""

    def __init__(self, fw: Framework, lab: list[int], rounds: list[int] | None) -> None:
        self.fw, self.lab, self.rounds = fw, lab, rounds
        self.seen: set[_Item] = set()
        self.lines: list[str] = []
        self.subjects: list[str | None] = []
        self.origin: dict[tuple[int, int], Attack] = {}  # (attacker, node) -> the attack shown

    def add(self, line: str, subject: _Item | None) -> None:
        self.lines.append(line)
        if subject is None:
            self.subjects.append(None)
        elif isinstance(subject, int):
            self.subjects.append(self.fw.nodes[subject])
        else:
            self.subjects.append(subject.source)

    def name(self, item: _Item) -> str:
        return self.fw.nodes[item] if isinstance(item, int) else f"the attack {item.describe()}"

    def label(self, item: _Item) -> int:
        return self.lab[item] if isinstance(item, int) else self.fw.status(item, self.lab)

    def _order(self, items: list[_Item]) -> list[_Item]:
        rounds = self.rounds
        if rounds is None:
            return items

        def key(item: _Item) -> tuple[int, int]:
            i = item if isinstance(item, int) else self.fw.index[item.source]
            return (rounds[i] if rounds[i] >= 0 else 1 << 30, i)

        return sorted(items, key=key)

    def attacks(self, i: int) -> list[Attack]:
        return self.fw.attacks_on(self.fw.nodes[i], self.lab)

    def attackers(self, i: int) -> list[_Item]:
        """Attackers as shown: a node, or the attack itself when it can be undercut."""
        result: list[_Item] = []
        for attack in self.attacks(i):
            if attack.undercutters:
                result.append(attack)
            else:
                j = self.fw.index[attack.source]
                self.origin[(j, i)] = attack
                result.append(j)
        return result

    def walk(self, item: _Item, depth: int) -> None:
        pad = "  " * depth
        label = self.label(item)
        name = self.name(item)
        if item in self.seen:
            self.add(f"{pad}- {name} is {LABEL_NAMES[label]} (see above)", item)
            return
        self.seen.add(item)
        if not isinstance(item, int):
            self._walk_attack(item, depth)
            return
        atts = self.attackers(item)
        children: list[_Item]
        if label == IN:
            why = "not attacked" if not atts else "every attacker is OUT"
            self.add(f"{pad}- {name} is IN: {why}", item)
            children = self._order(atts)
        elif label == OUT:
            winners = self._order([j for j in atts if self.label(j) == IN])
            if not winners:  # the chain is longer than the search goes
                self.add(f"{pad}- {name} is OUT: defeated through a support chain too long to "
                         f"search (over {CHAIN_SEARCH_LIMIT} nodes, or {CHAIN_SOURCES} sources)", item)
                return
            origin = self.origin.get((winners[0], item)) if isinstance(winners[0], int) else None
            how = f" ({origin.origin} via {origin.chain_text()})" if origin and origin.via else ""
            self.add(f"{pad}- {name} is OUT: defeated by {self.name(winners[0])}{how}", item)
            children = winners[:1]
        else:
            undec = [j for j in atts if self.label(j) == UNDEC]
            self.add(f"{pad}- {name} is UNDEC: no attacker is IN, but "
                     f"{', '.join(self.name(j) for j in undec[:MAX_BRANCH])} "
                     f"{'is' if len(undec) == 1 else 'are'} undecided", item)
            children = list(undec)
        self._children(children, depth)

    def _walk_attack(self, attack: Attack, depth: int) -> None:
        pad = "  " * depth
        name = self.name(attack)
        source = self.fw.index[attack.source]
        cutters = sorted(self.fw.index[u] for u in attack.undercutters)
        status = self.label(attack)
        children: list[_Item]
        if status == IN:
            self.add(f"{pad}- {name} holds: its source is IN and no undercutter is IN", attack)
            children = [source]
        elif status == OUT:
            winning = [j for j in cutters if self.lab[j] == IN]
            if winning:
                self.add(f"{pad}- {name} is undercut by {self.name(winning[0])}, which is IN", attack)
                children = list(winning[:1])
            else:
                self.add(f"{pad}- {name} does not hold: its source is OUT", attack)
                children = [source]
        else:
            self.add(f"{pad}- {name} is undecided (its source or an undercutter is UNDEC)", attack)
            children = [j for j in [source, *cutters] if self.lab[j] == UNDEC]
        self._children(children, depth)

    def _children(self, children: list[_Item], depth: int) -> None:
        if depth + 1 >= MAX_DEPTH and children:
            self.add("  " * (depth + 1) + "- ...", None)
            return
        for j in children[:MAX_BRANCH]:
            self.walk(j, depth + 1)
        if len(children) > MAX_BRANCH:
            self.add("  " * (depth + 1) + f"- ... and {len(children) - MAX_BRANCH} more", None)


def explain_labelling(fw: Framework, lab: list[int], node: str, semantics: str,
                      rounds: list[int] | None = None, prefix: str = "") -> Explanation:
    """Explain ``node``'s label in the labelling ``lab`` of ``fw``."""
    i = fw.index[node]
    walker = _Explainer(fw, lab, rounds)
    walker.walk(i, 0)
    attacks = walker.attacks(i)
    attackers = sorted({a.source for a in attacks})
    defeaters = sorted({a.source for a in attacks if fw.status(a, lab) == IN})
    label = LABEL_NAMES[lab[i]]
    summary = f"{prefix}{node} is {label} under {semantics} semantics"
    return Explanation(node, label, semantics, summary, tuple(walker.lines), tuple(walker.subjects),
                       tuple(attackers), tuple(defeaters))
