"""``expect`` lines, checked by evaluating the map (code E116).

A map states what it expects to stand (``expect conflict accepted``); this
stage evaluates the map and reports every expectation that does not hold,
with the chain that explains the computed status. It is the evaluation
stage's own finding, composed with the lint rules' findings by the API
(:func:`argmap.api.analyse`): the lint rules never evaluate.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.diagnostics import Diagnostic, Related, Severity
from argmap.evaluate.ach import AchResult
from argmap.evaluate.af import IN as LABEL_IN
from argmap.evaluate.readings import AnyFramework
from argmap.evaluate.structured import ArgumentFramework
from argmap.model import Expectation, ExpectedStatus, Map, NodeKind, Span

__all__ = ["CODE", "NAME", "DOCUMENTATION", "check_expectations"]

CODE, NAME = "E116", "expectation-failed"
DOCUMENTATION = """An ``expect`` line does not hold for the map as written.

``expect ID accepted|supported|rejected|undecided [under grounded|complete|preferred|stable]``
checks the node's status under the argument reading (default: grounded):

* grounded (and complete, whose sceptical reading is the grounded one):
  accepted = IN, rejected = OUT, undecided = UNDEC;
* preferred, stable: accepted = *sceptically* accepted (IN in every
  extension, and there is at least one); rejected = OUT in every extension
  (each extension attacks it); undecided = neither. So a node that is IN in
  some extensions but not all (credulously accepted only) is ``undecided``;
* supported = accepted *because an argument for it stands* (or, for evidence
  and assumptions, given), not merely because nothing defeats it: the way to
  say that a conclusion follows from the map's reasoning.

Questions are not evaluated: an expectation about a question is reported by
E118, not here.

``expect H leads`` checks that hypothesis H ranks first, alone, in the
Analysis of Competing Hypotheses (``argmap ach``).

The diagnostic gives the computed status and the chain that explains it
(``argmap explain FILE ID`` prints the same). An expectation naming an
unknown id is reported by E102, not here.

Fix: change the map (or the expectation, if the conclusion was meant to change).

Reported by the evaluation stage (not a lint rule): ``argmap check`` runs it
after the rules; ``argmap render`` does not (a failing expectation is a
verdict about the argument, not a broken map).
"""


def check_expectations(argmap: Map) -> list[Diagnostic]:
    """A diagnostic for every ``expect`` line of ``argmap`` that does not hold."""
    return list(_Checker().check(argmap)) if argmap.expectations else []


class _Checker:
    def diagnostic(self, message: str, span: Span, *, hint: str | None = None,
                   related: tuple[Related, ...] = ()) -> Diagnostic:
        return Diagnostic(CODE, NAME, Severity.ERROR, message, span, hint, related)

    def check(self, argmap: Map) -> Iterator[Diagnostic]:
        from argmap.evaluate import TooManyExtensions
        from argmap.evaluate.framework import ancestors_map
        from argmap.evaluate.readings import build

        known = argmap.node_by_id
        # Grounded/complete/preferred labels of the expected nodes depend only on
        # their ancestors: evaluate that part (much smaller than a big map).
        directional = {e.node for e in argmap.expectations if e.status is not ExpectedStatus.LEADS
                       and (e.semantics or "grounded") != "stable"}
        stable_needed = any(e.semantics == "stable" for e in argmap.expectations)
        evaluated = argmap if stable_needed else ancestors_map(argmap, directional)
        wanted = {e.node for e in argmap.expectations if e.node in known}
        fw: AnyFramework | None = None
        statuses: dict[str, dict[str, tuple[str, bool]] | None] = {}
        ach = None
        for expectation in argmap.expectations:
            if expectation.node not in known or known[expectation.node].kind is NodeKind.QUESTION:
                continue
            if expectation.status is ExpectedStatus.LEADS:
                if ach is None:
                    from argmap.evaluate.ach import ach_matrix

                    ach = ach_matrix(argmap)
                yield from self._leads(argmap, expectation, ach)
                continue
            semantics = expectation.semantics or "grounded"
            if semantics == "complete":
                semantics = "grounded"
            if fw is None:
                fw = build(evaluated)
            if semantics not in statuses:
                try:
                    statuses[semantics] = _statuses(fw, semantics, wanted)
                except TooManyExtensions as exc:
                    statuses[semantics] = None
                    yield self.diagnostic(f"cannot check this expectation: {exc}", expectation.span)
            table = statuses[semantics]
            if table is None:
                continue
            got, supported = table[expectation.node]
            if expectation.status is ExpectedStatus.SUPPORTED:
                if got != "accepted" or not supported:
                    yield self._failed(evaluated, fw, expectation, semantics,
                                       "accepted only because nothing defeats it: no argument for it stands"
                                       if got == "accepted" else got)
            elif got != expectation.status.value:
                yield self._failed(evaluated, fw, expectation, semantics, got)

    def _failed(self, argmap: Map, fw: AnyFramework, expectation: Expectation, semantics: str,
                got: str) -> Diagnostic:
        from argmap.evaluate import explain

        why = explain(fw, expectation.node, semantics)
        related = []
        for line, subject in zip(why.lines, why.subjects):
            node = argmap.node(subject) if subject else None
            if node is not None:
                related.append(Related(node.id_span, line.replace("- ", "", 1)))
        under = f" under {semantics}"
        return self.diagnostic(
            f"expected '{expectation.node}' to be {expectation.status.value}{under}, but it is {got}"
            + (f" ({why.label})" if semantics == "grounded" else ""),
            expectation.span,
            hint=f"run `argmap explain FILE {expectation.node} --semantics {semantics}` for the full chain",
            related=tuple(related[:8]),
        )

    def _leads(self, argmap: Map, expectation: Expectation, ach: object) -> Iterator[Diagnostic]:
        from argmap.evaluate.ach import AchResult

        assert isinstance(ach, AchResult)
        h = expectation.node
        if ach.leader == h:
            return
        if h not in ach.hypotheses or not any(ach.cells[(e, h)] for e in ach.evidence):
            yield self.diagnostic(f"expected '{h}' to lead, but no evidence rates it",
                                  expectation.span, hint=f"add `rates {h} GRADE` to the evidence")
            return
        rank = ach.ranking.index(h) + 1
        first = ach.ranking[0]
        if ach.leader is None and _tied(ach, h, first):
            status = f"it is tied first with '{ach.ranking[1] if first == h else first}'"
        else:
            status = (f"it ranks {rank} of {len(ach.ranking)} (inconsistency {ach.inconsistency[h]:g}; "
                      f"'{first}' leads with {ach.inconsistency[first]:g})")
        related = tuple(Related(argmap.node_by_id[e].id_span, f"{e}: diagnosticity {ach.diagnosticity[e]:g}")
                        for e in ach.most_diagnostic[:3])
        yield self.diagnostic(f"expected '{h}' to lead the ACH ranking, but {status}", expectation.span,
                              hint="run `argmap ach FILE` for the matrix and its sensitivity", related=related)


def _tied(ach: AchResult, a: str, b: str) -> bool:
    return (ach.inconsistency[a], ach.consistency[a]) == (ach.inconsistency[b], ach.consistency[b])


_SUPPORTING = frozenset({"supported", "given"})


def _supported(fw: AnyFramework, lab: list[int], nodes: list[str]) -> dict[str, bool]:
    """Per node of ``nodes``: does it stand because an argument for it does (or as
    given)? (The bipolar and dung readings know no bases: there it is its acceptance.)"""
    index = fw.index
    if isinstance(fw, ArgumentFramework):
        return {node: fw.basis_of(lab, index[node]) in _SUPPORTING for node in nodes}
    return {node: lab[index[node]] == LABEL_IN for node in nodes}


def _statuses(fw: AnyFramework, semantics: str, wanted: set[str] | None = None) -> dict[str, tuple[str, bool]]:
    """(accepted / rejected / undecided, supported in every labelling) per node
    (only the ``wanted`` ones when given; see the documentation)."""
    from argmap.evaluate import EXTENSION_LIMIT
    from argmap.evaluate.semantics import IN, OUT, UNDEC, extensions, labelling_of

    af, index = fw.af, fw.index
    nodes = list(index) if wanted is None else sorted(n for n in wanted if n in index)
    if semantics == "grounded":
        lab = fw.grounded()  # cached: explain reuses it
        names = {IN: "accepted", OUT: "rejected", UNDEC: "undecided"}
        supported = _supported(fw, lab, nodes)
        return {node: (names[lab[index[node]]], supported[node]) for node in nodes}
    labs = [labelling_of(af, e) for e in extensions(af, semantics, limit=EXTENSION_LIMIT)]
    supports = [_supported(fw, lab, nodes) for lab in labs]
    result = {}
    for node in nodes:
        i = index[node]
        everywhere = bool(labs) and all(s[node] for s in supports)
        if labs and all(lab[i] == IN for lab in labs):
            result[node] = ("accepted", everywhere)
        elif labs and all(lab[i] == OUT for lab in labs):
            result[node] = ("rejected", False)
        else:
            result[node] = ("undecided", False)
    return result
