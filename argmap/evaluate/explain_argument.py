"""Why a node stands or falls under the argument reading: a short chain a
person can follow, in the reading's own terms.

* a statement that is IN: the argument for it that applies (if it needs
  one), and that every attacker fails;
* a statement that is OUT: the attacker that defeats it, or, when it lost its
  support, each argument for it and why that fails;
* an argument (an inference) that is IN: its premises hold and nothing
  undercuts it; OUT: the premise that does not hold, or what undercuts it;
* UNDEC: what is left undecided (usually a cycle or an unresolved conflict).

Under grounded semantics the earliest-labelled reason is shown first, so the
chain is well-founded and as short as the labelling allows.
"""

from __future__ import annotations

from argmap.evaluate.af import IN, LABEL_NAMES, OUT, UNDEC
from argmap.evaluate.explain import Explanation
from argmap.evaluate.structured import ArgumentFramework

__all__ = ["explain_argument_labelling"]

MAX_DEPTH = 4
MAX_BRANCH = 4


class _Walker:
    def __init__(self, fw: ArgumentFramework, lab: list[int], rounds: list[int] | None) -> None:
        self.fw, self.lab, self.rounds = fw, lab, rounds
        self.seen: set[int] = set()
        self.lines: list[str] = []
        self.subjects: list[str | None] = []

    # -- what an AF argument is about, in the map
    def subject(self, a: int) -> str | None:
        fw = self.fw
        if a < fw.node_count:
            return fw.nodes[a]
        return fw.nodes[fw.aux[a - fw.node_count].subject]

    def add(self, depth: int, text: str, a: int | None) -> None:
        self.lines.append("  " * depth + "- " + text)
        self.subjects.append(self.subject(a) if a is not None else None)

    def order(self, items: list[int]) -> list[int]:
        if self.rounds is None:
            return items
        rounds = self.rounds
        return sorted(items, key=lambda a: (rounds[a] if rounds[a] >= 0 else 1 << 30, a))

    def attackers(self, a: int) -> list[int]:
        return self.fw.af.attackers[a]

    def name(self, a: int) -> str:
        return self.fw.describe(a)

    # -- the walk
    def walk(self, a: int, depth: int) -> None:
        fw, lab = self.fw, self.lab
        label = LABEL_NAMES[lab[a]]
        if a in self.seen:
            self.add(depth, f"{self.name(a)} is {label} (see above)", a)
            return
        self.seen.add(a)
        if a >= fw.node_count:
            self._aux(a, depth)
            return
        unsupported = fw.unsupported_of.get(a)
        others = [x for x in self.attackers(a) if x != unsupported]
        is_argument = fw.kinds[a].value == "argument"
        if lab[a] == IN:
            reasons: list[str] = []
            children: list[int] = []
            standing = self.order([p for p in fw.pro.get(a, ()) if lab[p] == IN])
            if standing:
                named = ", ".join(self._inference_name(p, a) for p in standing[:MAX_BRANCH])
                more = f" and {len(standing) - MAX_BRANCH} more" if len(standing) > MAX_BRANCH else ""
                count = f" ({len(standing)} arguments for it stand)" if len(standing) > 1 else ""
                reasons.append(f"supported by {named}{more}{count}")
                children += standing[:MAX_BRANCH]
            elif is_argument:
                reasons.append("every premise holds and nothing undercuts it")
                children += self.order([x for x in others if x >= fw.node_count])[:MAX_BRANCH]
            elif unsupported is None and fw.kinds[a].value in ("evidence", "assumption"):
                reasons.append(f"given ({fw.kinds[a].value})")
            elif unsupported is None:
                reasons.append("unsupported, but")
            if others and not is_argument:
                reasons.append("every attacker fails")
                children += self.order(others)
            elif not is_argument:
                reasons.append("not attacked")
            text = "; ".join(reasons).replace("but; ", "but ")
            self.add(depth, f"{fw.nodes[a]} is IN: {text}", a)
            self._children(children, depth)
        elif lab[a] == OUT:
            winners = self.order([x for x in self.attackers(a) if lab[x] == IN])
            # an attack that applies is the reason shown before a lost support (as the basis says)
            attacks = [x for x in winners if x != unsupported]
            first = attacks[0] if attacks else winners[0]
            if first == unsupported:
                arguments = self.order(fw.pro.get(a, []))
                self.add(depth, f"{fw.nodes[a]} is OUT: no argument for it stands "
                         f"({len(arguments)} argument{'s' if len(arguments) != 1 else ''} for it, every one fails)", a)
                self._children(arguments, depth)
            elif is_argument and first >= fw.node_count and fw.aux[first - fw.node_count].role == "not":
                premise = fw.aux[first - fw.node_count].subject
                self.add(depth, f"{fw.nodes[a]} fails: its premise {fw.nodes[premise]} does not hold", a)
                self._children([premise], depth)
            else:
                verb = "undercut" if is_argument else "defeated"
                self.add(depth, f"{fw.nodes[a]} is OUT: {verb} by {self.name(first)}", a)
                self._children([first], depth)
        else:
            undecided = self.order([x for x in self.attackers(a) if lab[x] == UNDEC])
            self.add(depth, f"{fw.nodes[a]} is UNDEC: nothing defeats it, but "
                     f"{', '.join(self.name(x) for x in undecided[:MAX_BRANCH])} "
                     f"{'is' if len(undecided) == 1 else 'are'} undecided", a)
            self._children(undecided, depth)

    def _inference_name(self, inference: int, target: int) -> str:
        """An argument for ``target``, marked when it is the analyst's own."""
        fw = self.fw
        if inference < fw.node_count:
            mine = inference in fw.inferred or (inference, target) in fw.inferred_links
            mark = " (inferred)" if mine else ""
            if fw.kinds[inference].value == "argument":
                return f"the argument {fw.nodes[inference]}{mark}"
            return f"{fw.nodes[inference]}{mark}"
        aux = fw.aux[inference - fw.node_count]
        mine = aux.subject in fw.inferred or (aux.subject, aux.target) in fw.inferred_links
        return self.name(inference) + (" (inferred)" if mine else "")

    def _aux(self, a: int, depth: int) -> None:
        fw, lab = self.fw, self.lab
        aux = fw.aux[a - fw.node_count]
        subject = aux.subject
        label = lab[a]
        if aux.role == "not":
            # "p does not hold" is exactly p's opposite: show p itself
            self.seen.discard(a)
            self.walk(subject, depth)
            return
        name = self.name(a)
        if aux.role == "unsupported":
            arguments = self.order(fw.pro.get(subject, []))
            if label == IN:
                self.add(depth, f"{name}: every argument for {fw.nodes[subject]} fails", a)
                self._children(arguments, depth)
            elif label == OUT:
                standing = [x for x in arguments if lab[x] == IN]
                self.add(depth, f"an argument for {fw.nodes[subject]} stands", a)
                self._children(standing[:1], depth)
            else:
                self.add(depth, f"whether an argument for {fw.nodes[subject]} stands is undecided", a)
                self._children([x for x in arguments if lab[x] == UNDEC], depth)
            return
        if label == IN:
            self.add(depth, f"{name} applies: {fw.nodes[subject]} holds and nothing undercuts it", a)
            self._children([subject], depth)
            return
        cutters = self.order([x for x in self.attackers(a) if x >= 0 and lab[x] == IN
                              and not (x >= fw.node_count and fw.aux[x - fw.node_count].role == "not")])
        if label == OUT and cutters:
            self.add(depth, f"{name} is undercut by {self.name(cutters[0])}", a)
            self._children(cutters[:1], depth)
        elif label == OUT:
            self.add(depth, f"{name} fails: {fw.nodes[subject]} does not hold", a)
            self._children([subject], depth)
        else:
            self.add(depth, f"{name} is undecided", a)
            self._children([x for x in self.attackers(a) if lab[x] == UNDEC], depth)

    def _children(self, children: list[int], depth: int) -> None:
        if not children:
            return
        if depth + 1 >= MAX_DEPTH:
            self.lines.append("  " * (depth + 1) + "- ...")
            self.subjects.append(None)
            return
        for child in children[:MAX_BRANCH]:
            self.walk(child, depth + 1)
        if len(children) > MAX_BRANCH:
            self.lines.append("  " * (depth + 1) + f"- ... and {len(children) - MAX_BRANCH} more")
            self.subjects.append(None)


def _map_attackers(fw: ArgumentFramework, a: int) -> list[int]:
    """The map nodes whose attacks reach ``a`` (through undercuttable inferences too)."""
    found: list[int] = []
    for x in fw.af.attackers[a]:
        if x < fw.node_count:
            found.append(x)
        else:
            aux = fw.aux[x - fw.node_count]
            if aux.role == "inference":
                found.append(aux.subject)
    return found


def explain_argument_labelling(fw: ArgumentFramework, lab: list[int], node: str, semantics: str,
                               rounds: list[int] | None = None, prefix: str = "") -> Explanation:
    """Explain ``node``'s label in the labelling ``lab`` of the argument reading."""
    i = fw.index[node]
    walker = _Walker(fw, lab, rounds)
    walker.walk(i, 0)
    attackers = _map_attackers(fw, i)
    names = sorted({fw.nodes[x] for x in attackers})
    defeaters = sorted({fw.nodes[x] for x in attackers if lab[x] == IN})
    label = LABEL_NAMES[lab[i]]
    basis = fw.basis_of(lab, i)
    summary = f"{prefix}{node} is {label} ({basis}) under {semantics} semantics"
    return Explanation(node, label, semantics, summary, tuple(walker.lines), tuple(walker.subjects),
                       tuple(names), tuple(defeaters))
