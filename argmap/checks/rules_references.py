"""Rules about what references point at: nodes, links, sources, hypotheses."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.base import CheckContext, Rule, Scope, register
from argmap.checks.rules_common import Suggester, did_you_mean, prefix_span, replace_fixes
from argmap.diagnostics import Diagnostic, Related, Severity
from argmap.model import Map, NodeKind, RelationKind, RelationRole, Span
from argmap.syntax.keywords import RELATION_KEYWORD, relation_line


@register
class UndefinedReference(Rule):
    """A relation, undercut, rating or expectation names a node id that no
    node in the map (or its includes) defines.

    Usually a typo: ``supports conflct`` where the thesis is ``conflict``.
    argmap suggests the closest existing ids (for ratings, hypotheses first)
    and offers a fix that replaces the bad id.

    Fix: correct the id, or add the missing node.

    A block whose header has a syntax error (E001) still names its id: the
    references to it are not reported again here.
    """

    code = "E102"
    scope = Scope.BLOCK
    suggests = True
    name = "undefined-reference"
    summary = "a reference names a node that does not exist"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        known: dict[str, object] = dict(argmap.node_by_id)
        known.update(dict.fromkeys(argmap.unparsed_ids))  # E001 says what is wrong with them
        suggesters: dict[str, Suggester] = {}  # built on the first unknown id

        def nodes(word: str) -> list[str]:
            if "nodes" not in suggesters:
                suggesters["nodes"] = Suggester(list(context.whole_map(argmap).node_by_id))
            return suggesters["nodes"](word)

        for relation in argmap.relations:
            link = relation.link
            if link is not None:
                if link.source in known and link.target in known:
                    continue
                refs = [(link.source, link.source_span), (link.target, link.target_span)]
                what = f"{relation.kind.value} link"
            else:
                if relation.target is None or relation.target in known:
                    continue
                refs = [(relation.target, relation.target_span)]
                what = relation.kind.value
            for ref, span in refs:
                if ref not in known and context.keeps(span):
                    yield self._report(ref, span, f"'{relation.source}' {what}", nodes(ref))
        for node in argmap.nodes:
            for premise, span in zip(node.premises, node.premise_spans or [node.id_span] * len(node.premises)):
                if premise not in known and context.keeps(span):
                    yield self._report(premise, span, f"premise of '{node.id}'", nodes(premise))
            if not node.ratings:
                continue
            for rating in node.ratings:
                if rating.hypothesis not in known and context.keeps(rating.span):
                    if "hypotheses" not in suggesters:
                        whole = context.whole_map(argmap)
                        suggesters["hypotheses"] = Suggester([n.id for n in whole.nodes_of_kind(NodeKind.HYPOTHESIS)])
                    span = prefix_span(rating.span, len(rating.hypothesis))
                    matches = suggesters["hypotheses"](rating.hypothesis) or nodes(rating.hypothesis)
                    yield self._report(rating.hypothesis, span, f"'{node.id}' rates", matches)
        for expectation in argmap.expectations:
            if expectation.node not in known and context.keeps(expectation.node_span):
                yield self._report(expectation.node, expectation.node_span, "expect", nodes(expectation.node))

    def _report(self, ref: str, span: Span, where: str, matches: list[str]) -> Diagnostic:
        suggestion = did_you_mean(matches)
        message = f"undefined node '{ref}' ({where})"
        if suggestion:
            message += f"; {suggestion}"
        return self.diagnostic(
            message,
            span,
            hint=f"replace '{ref}' with '{matches[0]}'" if matches else "define a node with this id, or correct the reference",
            fixes=replace_fixes(span, matches),
        )


@register
class SelfRelation(Rule):
    """A node supports, attacks or contradicts itself, or undercuts its own
    inference (``a undercuts a -> b``), or an undercut names a link from a
    node to itself.

    A claim cannot be a reason for (or against) itself: it adds nothing to
    the argument and makes every evaluation meaningless.

    Fix: point the relation at the node you meant.
    """

    code = "E103"
    scope = Scope.BLOCK
    name = "self-relation"
    summary = "a node is related to itself"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for relation in argmap.relations:
            link = relation.link
            if link is None:
                if relation.target == relation.source:
                    yield self.diagnostic(
                        f"'{relation.source}' {relation.kind.value} itself",
                        relation.target_span,
                        hint="a node cannot be a reason for or against itself",
                    )
            elif link.source == link.target:
                yield self.diagnostic(
                    f"'{relation.source}' undercuts the link '{link}' from a node to itself",
                    link.span,
                    hint="an undercut attacks the link between two different nodes",
                )
            elif link.source == relation.source:
                yield self.diagnostic(
                    f"'{relation.source}' undercuts its own link '{link}'",
                    link.span,
                    hint="remove the relation instead of undercutting it",
                )


@register
class UndercutTargetNotARelation(Rule):
    """``undercuts a -> b`` names a link that is not in the map: ``a`` does
    not support or attack ``b``.

    An undercut attacks the inference from ``a`` to ``b``, so that inference
    must exist. (Unknown ids are reported by E102 instead.)

    Fix: add ``supports b`` (or ``attacks b``) to ``a``, or correct the link.
    """

    code = "E105"
    scope = Scope.BLOCK
    name = "undercut-target-not-a-relation"
    summary = "an undercut names a link that does not exist"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        undercuts = [r for r in argmap.relations if r.link is not None]
        if not undercuts:
            return
        roles = (RelationRole.SUPPORT, RelationRole.ATTACK)
        sources = {r.link.source for r in undercuts if r.link is not None}
        links = {(r.source, r.target) for r in argmap.relations if r.source in sources and r.kind.role in roles}
        known = argmap.node_by_id
        for relation in undercuts:
            link = relation.link
            assert link is not None
            if link is None or link.source == link.target:
                continue
            if link.source in known and link.target in known and (link.source, link.target) not in links:
                yield self.diagnostic(
                    f"'{relation.source}' {RELATION_KEYWORD[relation.kind]} '{link}', "
                    f"but '{link.source}' neither supports "
                    f"nor attacks '{link.target}'",
                    link.span,
                    hint=f"add '{relation_line(RelationKind.SUPPORTS, link.target)}' or "
                         f"'{relation_line(RelationKind.ATTACKS, link.target)}' to '{link.source}', "
                    "or undercut an existing link",
                )


@register
class UnknownSource(Rule):
    """``cite X`` names a source that no ``source X "..."`` block declares.

    Fix: correct the source id (argmap suggests the closest ones), or declare
    the source.
    """

    code = "E107"
    scope = Scope.BLOCK
    suggests = True
    name = "unknown-source"
    summary = "a citation names a source that is not declared"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        suggest: Suggester | None = None  # built on the first unknown source
        for node in argmap.nodes:
            for citation in node.citations:
                if citation.source in argmap.source_by_id or not context.keeps(citation.source_span):
                    continue
                if suggest is None:
                    suggest = Suggester(list(context.whole_map(argmap).source_by_id))
                matches = suggest(citation.source)
                suggestion = did_you_mean(matches)
                message = f"'{node.id}' cites unknown source '{citation.source}'"
                yield self.diagnostic(
                    message + (f"; {suggestion}" if suggestion else ""),
                    citation.source_span,
                    hint=f"replace '{citation.source}' with '{matches[0]}'" if matches
                    else f"declare it: source {citation.source} \"Title\"",
                    fixes=replace_fixes(citation.source_span, matches),
                )


@register
class RatingTargetNotHypothesis(Rule):
    """``rates X CC`` where ``X`` is a node but not a ``hypothesis``.

    Ratings (Analysis of Competing Hypotheses) weigh evidence against
    competing hypotheses; rating a thesis or a claim has no meaning there.

    Fix: declare ``X`` as a ``hypothesis``, or use ``supports``/``attacks``.
    """

    code = "E112"
    scope = Scope.BLOCK
    name = "rating-target-not-hypothesis"
    summary = "a rating names a node that is not a hypothesis"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        known = argmap.node_by_id
        for node in argmap.nodes:
            for rating in node.ratings:
                target = known.get(rating.hypothesis)
                if target is not None and target.kind is not NodeKind.HYPOTHESIS:
                    yield self.diagnostic(
                        f"'{node.id}' rates '{rating.hypothesis}', which is a {target.kind.value}, "
                        "not a hypothesis",
                        prefix_span(rating.span, len(rating.hypothesis)),
                        hint="only hypotheses are rated; use supports/attacks for other nodes",
                        related=(Related(target.id_span, f"'{target.id}' defined here"),),
                    )


@register
class ConflictingRatings(Rule):
    """One node rates the same hypothesis more than once.

    Each piece of evidence gets one grade per hypothesis in the ACH matrix;
    a second rating is either a repetition or a contradiction.

    Fix: keep one rating per hypothesis.
    """

    code = "E114"
    scope = Scope.BLOCK
    name = "conflicting-ratings"
    summary = "a node rates the same hypothesis twice"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for node in argmap.nodes:
            seen: dict[str, Span] = {}
            for rating in node.ratings:
                first = seen.get(rating.hypothesis)
                if first is None:
                    seen[rating.hypothesis] = rating.span
                    continue
                yield self.diagnostic(
                    f"'{node.id}' rates '{rating.hypothesis}' again (first at line {first.line})",
                    rating.span,
                    hint="keep one rating per hypothesis",
                    related=(Related(first, "first rating here"),),
                )


@register
class RatingOutsideEvidence(Rule):
    """A node that is not ``evidence`` carries ratings (``rates``).

    In Analysis of Competing Hypotheses the rows of the matrix are pieces of
    evidence; ratings on a claim or a thesis are usually a misplaced block.

    Fix: move the ratings to an evidence node, or make this node evidence.
    """

    code = "W212"
    scope = Scope.BLOCK
    name = "rating-outside-evidence"
    summary = "a node that is not evidence rates hypotheses"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for node in argmap.nodes:
            if node.ratings and node.kind is not NodeKind.EVIDENCE:
                yield self.diagnostic(
                    f"{node.kind.value} '{node.id}' rates hypotheses; ratings belong to evidence",
                    node.ratings[0].span,
                    hint=f"write 'evidence {node.id}' or move the ratings to an evidence node",
                )
