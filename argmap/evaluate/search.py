"""Backtracking search for the labellings of one strongly connected component.

Label domains are bit sets over {IN, OUT, UNDEC}; propagation removes labels
that cannot appear in a complete labelling given the neighbours' domains, and
applies what a decided label demands of its neighbours (IN: attackers and
targets OUT; OUT: the only possible IN attacker is IN; UNDEC: no neighbour is
IN, and the only possible UNDEC attacker is UNDEC). Branching follows a
breadth-first order of the component; the stack is explicit (no recursion).

Preferred labellings are found without enumerating the complete ones: find a
complete labelling whose IN set is not inside one already found, grow it while
a strictly larger one exists, record it, exclude it, repeat.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from argmap.evaluate.af import AF, IN, OUT, UNDEC, sccs
from argmap.evaluate.af import D_IN as _D_IN
from argmap.evaluate.af import D_OUT as _D_OUT
from argmap.evaluate.af import D_UND as _D_UND

__all__ = ["grow", "preferred_labellings", "search"]


def preferred_labellings(af: AF, comp: list[int], lab: list[int]) -> list[list[int]]:
    """The IN-maximal complete labellings of a component, without enumerating
    the complete ones: find a labelling not inside any found so far, grow it
    while a strictly larger one exists, record it, repeat."""
    n = len(comp)
    found: list[list[int]] = []
    excluded: list[list[int]] = []  # clauses: some position in it must be IN
    while True:
        # the first start is the least labelling (UNDEC first: no backtracking)
        current = next(search(af, comp, lab, "complete", clauses=excluded, undec_first=not excluded), None)
        if current is None:
            break
        while True:
            bigger = grow(af, comp, lab, current)
            if bigger is None:
                break
            current = bigger
        found.append(current)
        rest = [i for i in range(n) if current[i] != IN]
        if not rest:
            break
        excluded.append(rest)
        if not any(label == IN for label in current):
            break  # the empty set is the only preferred extension
    return found


def grow(af: AF, comp: list[int], lab: list[int], current: list[int]) -> list[int] | None:
    """A complete labelling with a strictly larger IN set than ``current``, or None.

    Uses the reduct (Baumann, Brewka and Ulbricht 2020): E is preferred iff
    the arguments neither in E nor attacked by E (current's UNDEC ones) have
    no non-empty admissible set. Such a set, if any, lies in one strongly
    connected component C of that reduct, among the arguments not attacked
    from outside C; so each (usually small) component is searched alone, with
    everything outside it UNDEC. A hit S makes E + S admissible, and the
    complete labelling containing it is the answer."""
    undecided = [comp[i] for i in range(len(comp)) if current[i] == UNDEC]
    if not undecided:
        return None
    scratch = list(lab)
    for i, a in enumerate(comp):
        scratch[a] = current[i]
    for part in sccs(af, undecided):
        for a in part:
            scratch[a] = 0
        hit = next(search(af, part, scratch, "complete", clauses=[list(range(len(part)))]), None)
        for a in part:
            scratch[a] = UNDEC
        if hit is not None:
            added = {part[k] for k in range(len(part)) if hit[k] == IN}
            fixed = [i for i, a in enumerate(comp) if current[i] == IN or a in added]
            return next(search(af, comp, lab, "complete", fixed_in=fixed), None)
    return None


def search(af: AF, comp: list[int], lab: list[int], semantics: str,
            fixed_in: Sequence[int] = (), clauses: Sequence[Sequence[int]] = (),
            undec_first: bool = False, not_in: Sequence[int] = ()) -> Iterator[list[int]]:
    """Complete labellings of one component under the upstream conditioning,
    by backtracking over label domains with propagation. ``fixed_in``:
    positions (indices into ``comp``) that must be IN; ``clauses``: lists of
    positions of which at least one must be IN; ``undec_first``: try UNDEC
    before IN and OUT when branching; ``not_in``: positions that must not be IN."""
    pos = {a: i for i, a in enumerate(comp)}
    n = len(comp)
    inner_att = [[pos[b] for b in af.attackers[a] if b in pos] for a in comp]
    inner_tgt = [[pos[b] for b in af.attacks[a] if b in pos] for a in comp]
    # An UNDEC attacker upstream: the argument can never be IN.
    ext_undec = [any(lab[b] == UNDEC for b in af.attackers[a] if b not in pos) for a in comp]
    full = _D_IN | _D_OUT if semantics == "stable" else _D_IN | _D_OUT | _D_UND
    start = [full & ~_D_IN if ext_undec[i] else full for i in range(n)]

    def propagate(dom: list[int], todo: list[int]) -> bool:
        queued = set(todo)

        def restrict(y: int, mask: int) -> bool:
            new = dom[y] & mask
            if new != dom[y]:
                if not new:
                    return False
                dom[y] = new
                for z in [y] + inner_att[y] + inner_tgt[y]:  # y and whoever depends on it
                    if z not in queued:
                        queued.add(z)
                        todo.append(z)
            return True

        while todo:
            x = todo.pop()
            queued.discard(x)
            d = dom[x]
            new = d
            atts = inner_att[x]
            # what a decided label demands of the neighbours
            if d == _D_IN:
                if not all(restrict(y, _D_OUT) for y in atts + inner_tgt[x]):
                    return False
            elif d == _D_OUT:
                can = [y for y in atts if dom[y] & _D_IN]
                if len(can) == 1 and not restrict(can[0], _D_IN):
                    return False
            elif d == _D_UND:
                if not all(restrict(y, ~_D_IN) for y in atts + inner_tgt[x]):
                    return False
                if not ext_undec[x]:
                    can = [y for y in atts if dom[y] & _D_UND]
                    if len(can) == 1 and not restrict(can[0], _D_UND):
                        return False
            if new & _D_IN and (ext_undec[x] or any(not dom[y] & _D_OUT for y in atts)
                                or any(not dom[y] & _D_OUT for y in inner_tgt[x])):
                new &= ~_D_IN
            if new & _D_OUT and not any(dom[y] & _D_IN for y in atts):
                new &= ~_D_OUT
            if new & _D_UND and (any(dom[y] == _D_IN for y in atts)
                                 or not (ext_undec[x] or any(dom[y] & _D_UND for y in atts))):
                new &= ~_D_UND
            if new != d:
                if not new:
                    return False
                dom[x] = new
                queued.add(x)
                todo.append(x)  # re-examined with its new domain (neighbour demands)
                for y in inner_tgt[x] + atts:
                    if y not in queued:
                        queued.add(y)
                        todo.append(y)
        return True

    def settle(dom: list[int], todo: list[int]) -> bool:
        """Label propagation, then the clauses (unit propagation), to a fixpoint."""
        if not propagate(dom, todo):
            return False
        changed = True
        while changed:
            changed = False
            for clause in clauses:
                can = [y for y in clause if dom[y] & _D_IN]
                if not can:
                    return False
                if len(can) == 1 and dom[can[0]] != _D_IN:
                    dom[can[0]] = _D_IN
                    if not propagate(dom, [can[0]] + inner_att[can[0]] + inner_tgt[can[0]]):
                        return False
                    changed = True
        return True

    first = list(start)
    for i in fixed_in:
        first[i] &= _D_IN
        if not first[i]:
            return
    for i in not_in:
        first[i] &= ~_D_IN
        if not first[i]:
            return
    if not settle(first, list(range(n))):
        return
    stack: list[tuple[list[int], int, list[int]]] = []

    order = _bfs_order(n, inner_att, inner_tgt)

    def push(dom: list[int]) -> list[int] | None:
        choice = next((i for i in order if dom[i] & (dom[i] - 1)), None)
        if choice is None:
            return [{_D_IN: IN, _D_OUT: OUT, _D_UND: UNDEC}[d] for d in dom]
        preference = (_D_UND, _D_IN, _D_OUT) if undec_first else (_D_IN, _D_OUT, _D_UND)
        options = [bit for bit in preference if dom[choice] & bit]
        stack.append((dom, choice, options))
        return None

    leaf = push(first)
    if leaf is not None:
        yield leaf
        return
    while stack:
        dom, choice, options = stack[-1]
        if not options:
            stack.pop()
            continue
        bit = options.pop(0)
        trial = list(dom)
        trial[choice] = bit
        if settle(trial, [choice] + inner_tgt[choice] + inner_att[choice]):
            leaf = push(trial)
            if leaf is not None:
                yield leaf


def _bfs_order(n: int, inner_att: list[list[int]], inner_tgt: list[list[int]]) -> list[int]:
    """Branching order: breadth-first over the component (undirected), from its
    most connected argument, so each decision lands next to earlier ones and
    propagation bites."""
    if n == 0:
        return []
    start = max(range(n), key=lambda i: (len(inner_att[i]) + len(inner_tgt[i]), -i))
    seen = [False] * n
    seen[start] = True
    order = [start]
    head = 0
    while head < len(order):
        x = order[head]
        head += 1
        for y in sorted(set(inner_att[x] + inner_tgt[x])):
            if not seen[y]:
                seen[y] = True
                order.append(y)
    order += [i for i in range(n) if not seen[i]]
    return order
