"""Rules about the constructs of structured argument: questions and what
answers them, linked arguments, argumentation schemes and critical questions."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.checks.base import CheckContext, Rule, Scope, register
from argmap.checks.rules_common import Suggester, did_you_mean
from argmap.diagnostics import Diagnostic, Fix, Related, Severity
from argmap.model import Map, NodeKind, Relation, RelationKind, RelationRole, Span
from argmap.schemes import SCHEMES, open_questions, scheme
from argmap.syntax.keywords import RELATION_KEYWORD, relation_line

_STATEMENT_ROLES = (RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION)
_QUESTION_ROLES = (RelationRole.BEARING, RelationRole.ANSWER)


def _replace_keyword(relation: Relation, kind: RelationKind, context: CheckContext) -> tuple[Fix, ...]:
    """A fix that rewrites the relation's keyword as ``kind``'s, offered when
    the line is ``keyword target [weight W] [(inferred)]`` alone (a line with
    several targets would change them all) and its text is known."""
    span = relation.target_span
    line = context.line(span.file, span.line)
    word = RELATION_KEYWORD[relation.kind]
    if line is None or span.end_line != span.line:
        return ()
    before = line[: span.column - 1]
    after = line[relation.span.end_column - 1:].split("#", 1)[0] if relation.span.line == span.line else "x"
    if not before.rstrip().endswith(word) or before.strip() != word or after.strip():
        return ()
    start = before.rstrip().rfind(word) + 1
    keyword = Span(span.file, span.line, start, span.line, start + len(word))
    return (Fix(f"write '{RELATION_KEYWORD[kind]}'", keyword, RELATION_KEYWORD[kind]),)


@register
class QuestionRelation(Rule):
    """A ``supports``, ``attacks`` or ``contradicts`` aims at a question (or a
    question is offered as a reason), or an ``expect`` line names a question.

    A question is answered, not supported: it is neither true nor false, so
    the evaluation leaves it out. Say what bears on it with ``about`` and what
    answers it with ``answers``::

        evidence e "..."
          about q_next          # bears on the question
        claim c "..."
          answers q_next        # proposes an answer (which is then argued for)

    Fix: write ``about`` (evidence, and whatever bears on the question without
    answering it) or ``answers`` instead; argmap offers the fix.
    """

    code = "E118"
    scope = Scope.BLOCK
    name = "question-relation"
    summary = "a question is supported, attacked or expected to hold"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        known = argmap.node_by_id
        questions = {n.id for n in argmap.nodes if n.kind is NodeKind.QUESTION}
        if not questions:
            return
        for relation in argmap.relations:
            if relation.kind.role not in _STATEMENT_ROLES:
                continue
            keyword = RELATION_KEYWORD[relation.kind]
            if relation.target in questions:
                source = known.get(relation.source)
                answer = source is not None and source.kind is not NodeKind.EVIDENCE \
                    and relation.kind.role is RelationRole.SUPPORT
                better = RelationKind.ANSWERS if answer else RelationKind.ABOUT
                yield self.diagnostic(
                    f"'{relation.source}' {keyword} the question '{relation.target}'; a question is answered, "
                    "not supported or attacked",
                    relation.target_span,
                    hint=f"write '{RELATION_KEYWORD[better]} {relation.target}'"
                         + (" (it proposes an answer)" if answer else " (it bears on the question)"),
                    fixes=_replace_keyword(relation, better, context),
                )
            elif relation.source in questions:
                yield self.diagnostic(
                    f"the question '{relation.source}' {keyword} '{relation.target}'; a question is not a reason",
                    relation.span,
                    hint="make the claim the question implies a claim of its own, and relate that",
                )
        for expectation in argmap.expectations:
            if expectation.node in questions:
                yield self.diagnostic(
                    f"'{expectation.node}' is a question; questions are not evaluated",
                    expectation.node_span,
                    hint="expect something about the claims that answer it",
                )


@register
class NotAQuestion(Rule):
    """``about`` or ``answers`` names something that is not a question.

    ``about Q`` says a node bears on question Q, ``answers Q`` that it
    proposes an answer to Q; neither is a reason for or against a statement.

    Fix: point it at a question, or write ``supports`` / ``attacks`` to argue
    for or against a statement.
    """

    code = "E119"
    scope = Scope.BLOCK
    name = "not-a-question"
    summary = "about or answers names something that is not a question"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        known = argmap.node_by_id
        for relation in argmap.relations:
            if relation.kind.role not in _QUESTION_ROLES or relation.target is None:
                continue
            target = known.get(relation.target)
            if target is None or target.kind is NodeKind.QUESTION:
                continue  # unknown ids: E102
            keyword = RELATION_KEYWORD[relation.kind]
            yield self.diagnostic(
                f"'{relation.source}' {keyword} '{relation.target}', which is a {target.kind.value}, not a question",
                relation.target_span,
                hint=f"to argue for it, write '{relation_line(RelationKind.SUPPORTS, relation.target)}'",
                fixes=_replace_keyword(relation, RelationKind.SUPPORTS, context),
                related=(Related(target.id_span, f"'{target.id}' is defined here"),),
            )


@register
class MalformedArgument(Rule):
    """An ``argument`` block is not a complete inference: it has no premises,
    no conclusion or more than one, a premise that is not a statement (a
    question, another argument, itself), or a conclusion that is not a
    statement (only ``undercuts`` may aim at another argument).

    An argument is one inference: premises that support (or attack) one
    conclusion together::

        argument a1 "The pause was a message"
          premises ev_pause, ev_timing
          supports h_rivals

    Fix: give it ``premises`` and exactly one ``supports``, ``attacks`` or
    ``undercuts`` line.
    """

    code = "E120"
    scope = Scope.BLOCK
    name = "malformed-argument"
    summary = "an argument block lacks premises or one conclusion, or relates the wrong things"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        known = argmap.node_by_id
        for node in argmap.nodes:
            if node.kind is not NodeKind.ARGUMENT or known.get(node.id) is not node:
                continue
            conclusions = argmap.outgoing.get(node.id, ())
            if not node.premises:
                yield self.diagnostic(f"argument '{node.id}' has no premises", node.id_span,
                                      hint="add: premises P1, P2 (the statements that support it together)")
            if not conclusions:
                yield self.diagnostic(f"argument '{node.id}' has no conclusion", node.id_span,
                                      hint="add one line: supports C, attacks C or undercuts X")
            for extra in conclusions[1:]:
                yield self.diagnostic(
                    f"argument '{node.id}' has more than one conclusion", extra.span,
                    hint="an argument is one inference: write a second argument block for the other conclusion",
                    related=(Related(conclusions[0].span, "its first conclusion"),))
            targets = {r.target for r in conclusions if r.target is not None}
            for premise, span in zip(node.premises, node.premise_spans or [node.id_span] * len(node.premises)):
                found = known.get(premise)
                if found is None:
                    continue  # E102
                if premise == node.id:
                    yield self.diagnostic(f"argument '{node.id}' is its own premise", span)
                elif found.kind in (NodeKind.QUESTION, NodeKind.ARGUMENT):
                    yield self.diagnostic(
                        f"premise '{premise}' of argument '{node.id}' is a {found.kind.value}, not a statement", span,
                        hint="premises are statements (claims, evidence, ...); an argument can be undercut, "
                             "not used as a premise")
                elif premise in targets:
                    yield self.diagnostic(f"argument '{node.id}' concludes its own premise '{premise}'", span,
                                          hint="circular reasoning: remove the premise or change the conclusion")
            for relation in conclusions:
                target = known.get(relation.target) if relation.target is not None else None
                if (target is not None and target.kind is NodeKind.ARGUMENT
                        and relation.kind.role is not RelationRole.UNDERCUT):
                    yield self.diagnostic(
                        f"argument '{node.id}' {RELATION_KEYWORD[relation.kind]} the argument '{target.id}'",
                        relation.target_span,
                        hint=f"to argue against an argument, write '{relation_line(RelationKind.UNDERCUTS, target.id)}'",
                        fixes=_replace_keyword(relation, RelationKind.UNDERCUTS, context))


@register
class RelationToArgument(Rule):
    """A relation aims at an argument in a way that has no meaning, or an
    undercut names a statement instead of an inference.

    An argument is an inference: it can be undercut (``undercuts ARG``), not
    supported, attacked or contradicted as a statement is. And ``undercuts X``
    without an arrow names an argument; a statement is attacked, or the
    inference from A to B is undercut with ``undercuts A -> B``.

    Fix: write ``undercuts ARG`` to argue against an argument; ``attacks X``
    to argue against a statement.
    """

    code = "E121"
    scope = Scope.BLOCK
    name = "relation-to-argument"
    summary = "an argument is supported or attacked, or an undercut names a statement"

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        known = argmap.node_by_id
        for relation in argmap.relations:
            if relation.target is None:
                continue
            target = known.get(relation.target)
            source = known.get(relation.source)
            if target is None or (source is not None and source.kind is NodeKind.ARGUMENT):
                continue  # unknown: E102; an argument's own conclusion: E120
            role = relation.kind.role
            keyword = RELATION_KEYWORD[relation.kind]
            if target.kind is NodeKind.ARGUMENT and role in _STATEMENT_ROLES:
                yield self.diagnostic(
                    f"'{relation.source}' {keyword} the argument '{target.id}'; an argument is undercut, "
                    "not supported or attacked",
                    relation.target_span,
                    hint=f"write '{relation_line(RelationKind.UNDERCUTS, target.id)}' to argue against it",
                    fixes=_replace_keyword(relation, RelationKind.UNDERCUTS, context)
                    if role is not RelationRole.SUPPORT else ())
            elif role is RelationRole.UNDERCUT and target.kind is not NodeKind.ARGUMENT:
                yield self.diagnostic(
                    f"'{relation.source}' {keyword} '{target.id}', which is a {target.kind.value}, not an argument",
                    relation.target_span,
                    hint=f"write '{relation_line(RelationKind.ATTACKS, target.id)}' to argue against it, or "
                         f"'{relation_line(RelationKind.UNDERCUTS, 'A -> ' + target.id)}' "
                         "to attack the inference from A",
                    fixes=_replace_keyword(relation, RelationKind.ATTACKS, context))


@register
class UnknownScheme(Rule):
    """An argument names a scheme that is not in argmap's catalogue
    (``argmap schemes`` lists them: expert_opinion, witness_testimony,
    position_to_know, cause_to_effect, sign, analogy, consequences,
    practical_reasoning, popular_opinion, correlation_to_cause).

    A scheme outside the catalogue is kept, but argmap knows no critical
    questions for it.

    Fix: use a catalogue id (argmap suggests the closest), or keep the name.
    """

    code = "W214"
    scope = Scope.BLOCK
    suggests = True
    name = "unknown-scheme"
    summary = "an argument names a scheme argmap does not know"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        suggest = Suggester(list(SCHEMES))
        for node in argmap.nodes:
            if node.scheme is not None and node.scheme not in SCHEMES:
                matches = suggest(node.scheme)
                message = f"argument '{node.id}' names the unknown scheme '{node.scheme}'"
                suggestion = did_you_mean(matches)
                yield self.diagnostic(message + (f"; {suggestion}" if suggestion else ""), node.id_span,
                                      hint="argmap schemes lists the schemes it knows")


@register
class UnknownCriticalQuestion(Rule):
    """A ``cq`` line answers a question the argument's scheme does not ask (or
    the argument names no scheme).

    Fix: use one of the scheme's question ids (``argmap schemes SCHEME``), or
    name the scheme.
    """

    code = "W215"
    scope = Scope.BLOCK
    name = "unknown-critical-question"
    summary = "a cq line names a question the scheme does not ask"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for node in argmap.nodes:
            if not node.critical_answers:
                continue
            found = scheme(node.scheme)
            if found is None and node.scheme is None:
                yield self.diagnostic(f"argument '{node.id}' answers critical questions but names no scheme",
                                      node.critical_answers[0].span, hint="add: scheme SCHEME")
                continue
            if found is None:
                continue  # W214
            ids = [q.id for q in found.questions]
            for answer in node.critical_answers:
                if answer.question not in ids:
                    suggestion = did_you_mean(Suggester(ids)(answer.question))
                    yield self.diagnostic(
                        f"the scheme {found.id} asks no question '{answer.question}'"
                        + (f"; {suggestion}" if suggestion else ""),
                        answer.span, hint=f"its questions: {', '.join(ids)}")


@register
class OpenCriticalQuestions(Rule):
    """An argument that names a scheme leaves some of its critical questions
    unanswered. (Off by default: turn it on with ``--select W216`` or in the
    configuration.)

    A scheme's critical questions are the ways an argument of that kind can
    fail; an analyst who signs a map has asked each of them. Answer one with
    ``cq QUESTION "how"``; an undercut of the argument is the way to say that
    a question defeats it.

    Fix: answer the open questions, or undercut the argument where one fails.
    """

    code = "W216"
    scope = Scope.BLOCK
    name = "open-critical-questions"
    summary = "an argument leaves critical questions of its scheme unanswered (opt-in)"
    severity = Severity.WARNING
    opt_in = True

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for node in argmap.nodes:
            missing = [q.id for q in open_questions(node)]
            if missing:
                yield self.diagnostic(
                    f"argument '{node.id}' leaves {len(missing)} critical question"
                    f"{'s' if len(missing) != 1 else ''} of {node.scheme} open: {', '.join(missing)}",
                    node.id_span, hint=f"answer each with: cq {missing[0]} \"...\"")


@register
class WeightWithoutMeaning(Rule):
    """A weight on ``about`` or ``answers``: these say what bears on a question,
    they carry no force to weigh.

    Fix: remove the weight.
    """

    code = "W217"
    scope = Scope.BLOCK
    name = "weight-without-meaning"
    summary = "a weight on about or answers"
    severity = Severity.WARNING

    def check(self, argmap: Map, context: CheckContext) -> Iterator[Diagnostic]:
        for relation in argmap.relations:
            if relation.weight is not None and relation.kind.role in _QUESTION_ROLES:
                yield self.diagnostic(f"'{relation.key}' has a weight, which means nothing there",
                                      relation.span, hint="remove the weight")
