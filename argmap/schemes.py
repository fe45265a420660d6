"""The built-in catalogue of argumentation schemes and their critical questions.

An ``argument`` block may name its scheme (``scheme expert_opinion``) and
answer the scheme's critical questions (``cq expertise "..."``). ``argmap
explain`` and the reports list the questions left open; rule W216 (off by
default: ``--select W216``) reports them. ``argmap schemes`` prints this
catalogue.

The schemes and questions follow Walton, Reed and Macagno, *Argumentation
Schemes* (Cambridge University Press, 2008), worded briefly; the question ids
are argmap's.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import Node

__all__ = ["Scheme", "CriticalQuestion", "SCHEMES", "scheme", "open_questions"]


@dataclass(frozen=True)
class CriticalQuestion:
    id: str
    text: str


@dataclass(frozen=True)
class Scheme:
    id: str
    title: str
    pattern: str  # the premises and conclusion, in brief
    questions: tuple[CriticalQuestion, ...]

    def question(self, question_id: str) -> CriticalQuestion | None:
        return next((q for q in self.questions if q.id == question_id), None)


def _scheme(id: str, title: str, pattern: str, *questions: tuple[str, str]) -> Scheme:
    return Scheme(id, title, pattern, tuple(CriticalQuestion(q, text) for q, text in questions))


SCHEMES: dict[str, Scheme] = {s.id: s for s in (
    _scheme("expert_opinion", "Argument from expert opinion",
            "E is an expert in domain D; E asserts A; A is within D; so A.",
            ("expertise", "How credible is E as an expert source?"),
            ("field", "Is E an expert in the field that A is in?"),
            ("opinion", "What did E assert that implies A?"),
            ("trustworthiness", "Is E personally reliable as a source (honest, unbiased)?"),
            ("consistency", "Is A consistent with what other experts assert?"),
            ("backup", "Is E's assertion based on evidence?")),
    _scheme("witness_testimony", "Argument from witness testimony",
            "W is in a position to know whether A; W states that A; so A.",
            ("position", "Was W in a position to know whether A?"),
            ("honesty", "Is W an honest witness?"),
            ("bias", "Is there reason to think W is biased?"),
            ("consistency", "Is W's testimony consistent in itself?"),
            ("corroboration", "Is the testimony consistent with the known facts and other witnesses?"),
            ("plausibility", "How plausible is A?")),
    _scheme("position_to_know", "Argument from position to know",
            "a is in a position to know whether A; a asserts that A; so A.",
            ("position", "Is a in a position to know whether A?"),
            ("honesty", "Is a an honest (trustworthy, reliable) source?"),
            ("assertion", "Did a assert that A?")),
    _scheme("cause_to_effect", "Argument from cause to effect",
            "Generally, if A occurs then B (will or might) occur; A occurs; so B will (or might) occur.",
            ("strength", "How strong is the causal generalisation?"),
            ("evidence", "Is the evidence cited strong enough to warrant the generalisation?"),
            ("interference", "Are there other causal factors that could interfere with producing B?")),
    _scheme("sign", "Argument from sign",
            "A is true in this situation; B is generally indicated as true when its sign A is; so B.",
            ("correlation", "How strong is the correlation of the sign with what it signifies?"),
            ("alternative", "Are there other events that would more reliably account for the sign?")),
    _scheme("analogy", "Argument from analogy",
            "Case C1 is similar to case C2; A is true in C1; so A is true in C2.",
            ("difference", "Are there differences between C1 and C2 that undermine the similarity?"),
            ("truth", "Is A true in C1?"),
            ("counter_case", "Is there another case, also similar to C2, in which A is false?")),
    _scheme("consequences", "Argument from consequences",
            "If A is brought about, good (or bad) consequences will plausibly occur; so A should (not) be "
            "brought about.",
            ("likelihood", "How likely is it that the consequences will occur?"),
            ("evidence", "What evidence supports the claim that these consequences will occur?"),
            ("opposite", "Are there consequences of the opposite value that should be taken into account?")),
    _scheme("practical_reasoning", "Practical reasoning",
            "An agent has goal G; carrying out action A is a means to realise G; so the agent ought to do A.",
            ("other_goals", "What other goals of the agent might conflict with G?"),
            ("alternatives", "What other actions would also realise G?"),
            ("best", "Among those actions, is A the best (most efficient) one?"),
            ("possible", "Is it practically possible for the agent to carry out A?"),
            ("side_effects", "What consequences of A should also be taken into account?")),
    _scheme("popular_opinion", "Argument from popular opinion",
            "A is generally accepted as true; so A.",
            ("evidence", "What evidence shows that A is generally accepted?"),
            ("reason", "Even if A is generally accepted, are there good reasons to doubt it?")),
    _scheme("correlation_to_cause", "Argument from correlation to cause",
            "There is a positive correlation between A and B; so A causes B.",
            ("correlation", "Is there really a correlation between A and B?"),
            ("coincidence", "Is there reason to think the correlation is more than a coincidence?"),
            ("third_factor", "Could some third factor be causing both A and B?")),
)}


def scheme(scheme_id: str | None) -> Scheme | None:
    """The catalogue's scheme of that id, or None."""
    return SCHEMES.get(scheme_id) if scheme_id is not None else None


def open_questions(node: Node) -> list[CriticalQuestion]:
    """The critical questions of ``node``'s scheme that it leaves unanswered
    (none when it names no scheme, or one outside the catalogue)."""
    found = scheme(node.scheme)
    if found is None:
        return []
    answered = {a.question for a in node.critical_answers}
    return [q for q in found.questions if q.id not in answered]
