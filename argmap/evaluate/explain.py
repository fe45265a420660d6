"""Why is a node IN, OUT or UNDEC? A short chain a person can follow.

* OUT: one attacker that is IN (under grounded, the one labelled earliest, so
  the chain is well-founded and as short as the labelling allows), and why it is IN.
* IN: each attacker, and why it is OUT (what defends the node).
* UNDEC: no attacker is IN, and the attackers that are themselves undecided
  (usually an odd cycle or an unresolved conflict).

An attack that can be undercut is shown as the attack itself ("the attack
a -> b"): it is OUT when an undercutter is IN or when a is OUT.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argmap.evaluate.framework import Framework
from argmap.evaluate.semantics import IN, LABEL_NAMES, OUT, UNDEC

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
    """When each argument got its grounded label (0 = unattacked); UNDEC = -1."""
    af = fw.af
    rounds = [-1] * af.size
    alive = [len(att) for att in af.attackers]
    frontier = [i for i in range(af.size) if alive[i] == 0]
    for i in frontier:
        rounds[i] = 0
    step = 0
    while frontier:
        step += 1
        nxt: list[int] = []
        for a in frontier:
            for b in af.attacks[a]:
                if rounds[b] == -1 and lab[b] == OUT:
                    rounds[b] = step
                    for c in af.attacks[b]:
                        alive[c] -= 1
                        if alive[c] == 0 and rounds[c] == -1:
                            rounds[c] = step
                            nxt.append(c)
        frontier = nxt
    return rounds


class _Explainer:
    def __init__(self, fw: Framework, lab: list[int], rounds: list[int] | None) -> None:
        self.fw, self.lab, self.rounds = fw, lab, rounds
        self.seen: set[int] = set()
        self.lines: list[str] = []
        self.subjects: list[str | None] = []

    def add(self, line: str, subject: int | None) -> None:
        self.lines.append(line)
        if subject is None:
            self.subjects.append(None)
        elif subject < self.fw.node_count:
            self.subjects.append(self.fw.nodes[subject])
        else:
            attack = self._attack_of(subject)
            self.subjects.append(attack.source if attack else None)

    def name(self, i: int) -> str:
        fw = self.fw
        if i < fw.node_count:
            return fw.nodes[i]
        attack = self._attack_of(i)
        return f"the attack {attack.describe()}" if attack else fw.af.names[i]

    def _attack_of(self, i: int):  # type: ignore[no-untyped-def]
        for j in self.fw.af.attacks[i]:
            if (i, j) in self.fw.edge_origin:
                return self.fw.edge_origin[(i, j)]
        return None

    def _order(self, items: list[int]) -> list[int]:
        rounds = self.rounds
        if rounds is None:
            return items
        return sorted(items, key=lambda j: (rounds[j] if rounds[j] >= 0 else 1 << 30, j))

    def attackers(self, i: int) -> list[int]:
        """Attackers as shown: the source of a gadget's inner part (~) is skipped."""
        af = self.fw.af
        result: list[int] = []
        for j in af.attackers[i]:
            if j >= self.fw.node_count and af.names[j].startswith("~"):
                result.extend(af.attackers[j])  # X is attacked only by the attack's source
            else:
                result.append(j)
        return sorted(set(result))

    def walk(self, i: int, depth: int) -> None:
        pad = "  " * depth
        label = self.lab[i]
        name = self.name(i)
        if i in self.seen:
            self.add(f"{pad}- {name} is {LABEL_NAMES[label]} (see above)", i)
            return
        self.seen.add(i)
        if i >= self.fw.node_count and not self.fw.af.names[i].startswith("~"):
            self._walk_attack(i, depth)
            return
        atts = self.attackers(i)
        if label == IN:
            why = "not attacked" if not atts else "every attacker is OUT"
            self.add(f"{pad}- {name} is IN: {why}", i)
            children = self._order(atts)
        elif label == OUT:
            winners = self._order([j for j in atts if self.lab[j] == IN])
            origin = self.fw.edge_origin.get((winners[0], i))
            how = f" ({origin.origin} via {' -> '.join(origin.via)})" if origin and origin.via else ""
            self.add(f"{pad}- {name} is OUT: defeated by {self.name(winners[0])}{how}", i)
            children = winners[:1]
        else:
            undec = [j for j in atts if self.lab[j] == UNDEC]
            self.add(f"{pad}- {name} is UNDEC: no attacker is IN, but "
                     f"{', '.join(self.name(j) for j in undec[:MAX_BRANCH])} "
                     f"{'is' if len(undec) == 1 else 'are'} undecided", i)
            children = undec
        self._children(children, depth)

    def _walk_attack(self, y: int, depth: int) -> None:
        pad = "  " * depth
        attack = self._attack_of(y)
        name = self.name(y)
        if self.lab[y] == IN:
            self.add(f"{pad}- {name} holds: its source is IN and no undercutter is IN", y)
            children = [self.fw.index[attack.source]] if attack else []
        elif self.lab[y] == OUT:
            cutters = [j for j in self.fw.af.attackers[y] if j < self.fw.node_count and self.lab[j] == IN]
            if cutters:
                self.add(f"{pad}- {name} is undercut by {self.name(cutters[0])}, which is IN", y)
                children = cutters[:1]
            else:
                self.add(f"{pad}- {name} does not hold: its source is OUT", y)
                children = [self.fw.index[attack.source]] if attack else []
        else:
            self.add(f"{pad}- {name} is undecided (its source or an undercutter is UNDEC)", y)
            children = [j for j in self.attackers(y) if self.lab[j] == UNDEC]
        self._children(children, depth)

    def _children(self, children: list[int], depth: int) -> None:
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
    atts = [fw.nodes[j] for j in walker.attackers(i) if j < fw.node_count]
    direct = sorted({a.source for a in fw.attacks if a.target == node})
    defeaters = sorted({a.source for a in fw.attacks
                        if a.target == node and lab[fw.index[a.source]] == IN})
    label = LABEL_NAMES[lab[i]]
    summary = f"{prefix}{node} is {label} under {semantics} semantics"
    return Explanation(node, label, semantics, summary, tuple(walker.lines), tuple(walker.subjects),
                       tuple(sorted(set(atts) | set(direct))), tuple(defeaters))
