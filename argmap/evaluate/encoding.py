"""The linear encoding of a map's bipolar graph as a Dung framework: or-gate
auxiliary arguments carry supported and secondary attacks along support
chains, X/Y filters let undercuts cancel exactly the attacks that pass through
the relation they undercut (see docs/evaluation.md, "Derived attacks").

Split from ``framework.py``, which re-exports ``build_framework``.
"""

from __future__ import annotations

from collections.abc import Sequence

from argmap.evaluate.framework import Bipolar, Framework, IndexedLinks, scan_links
from argmap.evaluate.semantics import AF, sccs
from argmap.model import Map

__all__ = ["build_framework"]

# per node (its index): [(source, undercutters)] of its incoming supports or
# attacks; () for none. Lists indexed by node: cheaper than dicts on big maps.
_Links = list[Sequence[tuple[int, tuple[int, ...]]]]


class _Encoder:
    """Collects AF arguments and attacks; aux arguments are appended after the nodes."""

    def __init__(self, nodes: list[str]) -> None:
        self.names = list(nodes)
        self.out: list[list[int]] = [[] for _ in self.names]  # argument -> targets, as added

    def _aux(self, name: str) -> int:
        self.names.append(f"{name}#{len(self.names)}")
        self.out.append([])
        return len(self.names) - 1

    def filter(self, source: int, cutters: tuple[int, ...], label: str) -> int:
        """Y of an X/Y pair: IN iff ``source`` is IN and no undercutter is IN."""
        x = self._aux(f"~{label}")
        y = self._aux(label)
        out = self.out
        out[source].append(x)
        out[x].append(y)
        for c in cutters:
            out[c].append(y)
        return y

    def edge(self, source: int, target: int, cutters: tuple[int, ...], label: str) -> None:
        """source attacks target; with undercutters, through the X/Y pair."""
        self.out[self.filter(source, cutters, label) if cutters else source].append(target)

    def gate(self, inputs: list[int], label: int, mark: str) -> int:
        """An argument that is IN iff some input is IN, OUT iff every input is
        OUT: P attacked by the inputs, Q attacked by P (Q itself for one input)."""
        if len(inputs) == 1:
            return inputs[0]
        p = len(self.names)
        name = self.names[label] + mark
        self.names += [f"~{name}#{p}", f"{name}#{p + 1}"]
        out = self.out
        out += [[p + 1], []]
        for arg in inputs:
            out[arg].append(p)
        return p + 1

    def af(self) -> AF:
        """The AF, as ``AF.from_pairs`` builds it (sorted, no duplicates), without a global sort."""
        for targets in [t for t in self.out if len(t) > 1]:
            if len(targets) == 2:  # the common case, without a set
                first, second = targets
                if first > second:
                    targets.reverse()
                elif first == second:
                    del targets[1]
            else:
                targets[:] = sorted(set(targets))
        return AF(self.names, self.out)  # its attackers built on first use

    def link(self, source: int, target: int, cutters: tuple[int, ...], sep: str) -> str:
        """The label of an undercuttable relation's X/Y pair ("" when nothing undercuts it)."""
        return f"{self.names[source]}{sep}{self.names[target]}" if cutters else ""


def _topological(n: int, links: _Links, targets: list[int]) -> tuple[list[int], list[int]]:
    """Kahn's order of the support graph, and the nodes left (on or below a cycle).
    ``targets``: the supported nodes in the order of their first support (the
    order the encoding's auxiliary arguments are numbered by)."""
    indeg = [0] * n
    out: list[list[int]] = [[] for _ in range(n)]
    for x in targets:
        found = links[x]
        indeg[x] = len(found)
        for s, _ in found:
            out[s].append(x)
    queue = [x for x in range(n) if not indeg[x]]
    for x in queue:  # the queue grows while it is read
        for y in out[x]:
            indeg[y] -= 1
            if not indeg[y]:
                queue.append(y)
    return queue, [x for x in range(n) if indeg[x]]


MAX_OR = 4  # a node's disjunction is passed on as up to this many arguments, then gated


class _Closure:
    """For ``seeds`` and every node that supports* them, the disjunction "some
    input of the node (``base``; the node itself when ``base`` is None), or of
    a node that supports* it along a chain with no IN undercutter, is IN", as
    up to MAX_OR arguments (``term``); ``incoming``: the part that comes
    through supports (incomplete when ``keep_incoming`` is False: for a
    caller that reads only the terms). Acyclic parts are taken in ``order``; support cycles are
    condensed (an even cycle of gates would be UNDEC in grounded, where the
    chain reading says OUT)."""

    def __init__(self, enc: _Encoder, seeds: list[int], links: _Links, order: tuple[list[int], list[int]],
                 base: _Links | None, mark: str, keep_incoming: bool = True) -> None:
        self.enc, self.links, self.base, self.mark = enc, links, base, mark
        self.term: list[tuple[int, ...] | None] = [None] * len(links)  # per node
        self.incoming: dict[int, list[int]] = {}
        self._one: dict[int, int] = {}
        seen = [False] * len(links)  # the seeds and what supports* them
        for x in seeds:
            seen[x] = True
        stack = list(seeds)
        push = stack.append
        while stack:
            for s, _ in links[stack.pop()]:
                if not seen[s]:
                    seen[s] = True
                    push(s)
        term, incoming = self.term, self.incoming
        # the acyclic part, inlined (it visits every supported node of a big map):
        # found = own inputs + _from_links(x), then _settle([x], found)
        enc = self.enc
        for x in order[0]:
            if not seen[x]:
                continue
            found_links = links[x]
            if base is None:
                if not found_links:
                    term[x] = (x,)
                    continue
                if len(found_links) == 1 and not found_links[0][1]:
                    # the common case: one plain support; x is not upstream of
                    # itself, so (x, *term of the supporter) has no repeat
                    ts = term[found_links[0][0]]
                    if ts is None:
                        term[x] = (x,)
                    else:
                        if keep_incoming:
                            incoming[x] = list(ts)
                        term[x] = (enc.gate([x, *ts], x, mark),) if len(ts) >= MAX_OR else (x, *ts)
                    continue
                found = [x]
            else:
                own = base[x]
                found = ([a if not cut else enc.filter(a, cut, enc.link(a, x, cut, "->")) for a, cut in own]
                         if own else [])  # self._own(x), inlined
            if found_links:
                pred: list[int] = []
                for s, cut in found_links:
                    ts = term[s]
                    if ts is not None:
                        if cut:
                            pred.append(enc.filter(self.one(s), cut, enc.link(s, x, cut, "=>")))
                        else:
                            pred += ts
                if pred:
                    incoming[x] = pred
                    found += pred
            if len(found) > 1:
                found = list(dict.fromkeys(found))
                term[x] = (enc.gate(found, x, mark),) if len(found) > MAX_OR else tuple(found)
            elif found:
                term[x] = (found[0],)
        rest = [x for x in order[1] if seen[x]]
        if rest:  # support cycles, and what they support
            self._cycles(rest)

    def one(self, x: int) -> int:
        """The term of ``x`` as one argument."""
        found = self.term[x]
        assert found is not None
        if len(found) == 1:
            return found[0]
        if x not in self._one:
            self._one[x] = self.enc.gate(list(found), x, self.mark)
        return self._one[x]

    def _own(self, x: int) -> list[int]:
        if self.base is None:
            return [x]
        enc = self.enc
        return [enc.filter(a, cut, enc.link(a, x, cut, "->")) if cut else a for a, cut in self.base[x]]

    def _from_links(self, x: int, skip: set[int] | None = None) -> list[int]:
        found: list[int] = []
        term = self.term
        for s, cut in self.links[x]:
            ts = term[s]
            if ts is not None and (skip is None or s not in skip):
                if cut:
                    found.append(self.enc.filter(self.one(s), cut, self.enc.link(s, x, cut, "=>")))
                else:
                    found += ts
        return found

    def _settle(self, members: list[int], found: list[int]) -> None:
        if not found:
            return
        found = list(dict.fromkeys(found))
        if len(found) > MAX_OR:
            found = [self.enc.gate(found, members[0], self.mark)]
        settled = tuple(found)
        for x in members:
            self.term[x] = settled

    def _cycles(self, rest: list[int]) -> None:
        """A cycle whose supports nothing undercuts is one disjunction (every
        member supports* every other); otherwise it is unrolled."""
        enc, links = self.enc, self.links
        pos = {x: i for i, x in enumerate(rest)}
        pairs = [(pos[s], pos[x]) for x in rest for s, _ in links[x] if s in pos]
        for comp in sccs(AF.from_pairs([str(x) for x in rest], pairs), range(len(rest))):
            members = [rest[i] for i in comp]
            inside = set(members)
            internal = [(s, x, cut) for x in members for s, cut in links[x] if s in inside]
            if len(members) == 1:
                pred = self._from_links(members[0])
                if pred:
                    self.incoming[members[0]] = pred
                self._settle(members, self._own(members[0]) + pred)
                continue
            if not any(cut for _, _, cut in internal):
                self._settle(members, [i for x in members for i in self._own(x) + self._from_links(x, inside)])
                self.incoming.update((x, list(t)) for x in members if (t := self.term[x]) is not None)
                continue
            # a cycle with undercut supports: unrolled, len(members) rounds of gates
            layer = {x: enc.gate(f, x, self.mark) for x in members
                     if (f := self._own(x) + self._from_links(x, inside))}
            for _ in range(len(members) - 1):
                nxt: dict[int, int] = {}
                for x in members:
                    found = [layer[x]] if x in layer else []
                    found += [enc.filter(layer[s], cut, enc.link(s, x, cut, "=>")) if cut else layer[s]
                              for s, t, cut in internal if t == x and s in layer]
                    if found:
                        nxt[x] = enc.gate(found, x, self.mark)
                layer = nxt
            for x, arg in layer.items():
                self.term[x] = (arg,)
                self.incoming[x] = [arg]


def build_framework(argmap: Map, graph: Bipolar | None = None) -> Framework:
    """The Dung attack graph of ``argmap`` (see the module docstring); linear in
    the size of the map (support cycles with undercut supports excepted)."""
    if graph is None:  # the encoding needs no Edge objects: Framework.graph makes them if asked
        ids, index, links = scan_links(argmap)
        nodes = list(ids)
    else:
        nodes = list(graph.nodes)
        links = graph.indexed or IndexedLinks.of(nodes, graph.edges)
        index = {n: i for i, n in enumerate(nodes)}
    enc = _Encoder(nodes)
    supports, attacks, direct, first_supported = links.supports, links.attacks, links.direct, links.first_supported
    supported = sorted(first_supported)
    order = _topological(len(nodes), supports, first_supported) if supported else ([], [])
    # supported attacks: Q_x = "x or a supporter* of x is IN"; Q_x attacks what x attacks
    seeds = sorted({s for s, _, _ in direct if supports[s]})
    q = _Closure(enc, seeds, supports, order, None, "*", keep_incoming=False)  # only its terms are read
    out, q_term = enc.out, q.term
    for s, t, cut in direct:
        q_s = q_term[s]
        if cut:
            enc.edge(q.one(s) if q_s is not None else s, t, cut, enc.link(s, t, cut, "->"))
        elif q_s is not None:
            for arg in q_s:
                out[arg].append(t)
        else:
            out[s].append(t)
    # secondary attacks: G_b = "a direct attacker of b or of a supporter* of b is IN"; G_b attacks b
    g = _Closure(enc, supported, supports, order, attacks, "^")
    for b, found in g.incoming.items():
        for arg in found:
            out[arg].append(b)
    return Framework(enc.af(), nodes, index, graph, links=links, source=argmap)
