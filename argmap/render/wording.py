"""A node's facts (:mod:`argmap.render.facts`) as text: the one wording of a
diagram's header, a citation, a relation, a tooltip and an editor's hover.

    header(node)         -> "evidence · 2016-11 · credibility medium" (a diagram's small header)
    cite_text(cite)      -> "Title (2016-12), §First: “quote”"
    hover_markdown(node) -> Markdown for an editor's hover

Nothing is escaped here; a formatter that builds markup takes the output
format's ``escape`` function.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from argmap.model import Source
from argmap.render.facts import PASSIVE, CiteFacts, Field, NodeFacts, RelationFacts, one_line, reliability

__all__ = ["cite_text", "header", "hover_markdown", "relation_phrase", "source_fields", "tooltip_lines"]

_PASSIVE_OF = {kind.value: words for kind, words in PASSIVE.items()}  # by keyword (RelationFacts.kind)

Escape = Callable[[str], str]


def _same(text: str) -> str:
    return text


def source_fields(source: Source) -> list[Field]:
    """A source's facts after its title, in the order the language writes
    them: author, date, reliability (with its meaning), url, file, notes."""
    found = [Field("author", "Author", one_line(source.author)) if source.author else None,
             Field("date", "Date", source.date.text) if source.date is not None else None,
             Field("reliability", "Reliability", reliability(source) or "") if source.reliability else None,
             Field("url", "URL", one_line(source.url)) if source.url else None,
             Field("file", "File", one_line(source.file)) if source.file else None]
    found += [Field("note", "Note", one_line(note)) for note in source.notes]
    return [f for f in found if f is not None]


def header(facts: NodeFacts, keys: Sequence[str] = ("date", "credibility"), *, sep: str = " \u00b7 ") -> str:
    """The small header line of a diagram's node: ``evidence · 2016-11 · credibility medium``."""
    bare = frozenset({"status", "date"})
    return sep.join([facts.kind_label] + [f.phrase(bare) for f in facts.fields(keys=keys)])


def cite_text(cite: CiteFacts, *, title: bool = True, quote: bool = True, escape: Escape = _same) -> str:
    """``Title (2016-12), §First: “quote”``; ``title=False`` gives ``§First: “quote”``
    (a document that lists its sources once); ``escape`` is applied to each map text."""
    parts = []
    if title:
        parts.append(escape(one_line(cite.title or cite.source)) + (f" ({escape(cite.date)})" if cite.date else ""))
    if cite.locator:
        parts.append(escape(one_line(cite.locator)))
    text = ", ".join(parts)
    if quote and cite.quote:
        text += (": " if text else "") + f"\u201c{escape(one_line(cite.quote))}\u201d"
    return text


def relation_phrase(relation: RelationFacts, *, escape: Escape = _same, code: Escape | None = None) -> str:
    """``supports t1``, ``undercuts a -> b``, ``attacked by k1``, ``undercut by u (a -> b)``;
    ``code`` formats ids (default: ``escape``)."""
    ident = code or escape
    verb = relation.kind if relation.direction == "out" else _PASSIVE_OF[relation.kind]
    if relation.link is not None:
        link = f"{ident(relation.link[0])} -> {ident(relation.link[1])}"
        text = f"{verb} {link}" if relation.direction == "out" else f"{verb} {ident(relation.other)} ({link})"
    else:
        text = f"{verb} {ident(relation.other)}"
    if relation.weight is not None:
        text += f" (weight {relation.weight:g})"
    if relation.inferred:
        text += " (inferred)"
    return text


def tooltip_lines(facts: NodeFacts) -> list[str]:
    """Kind and id, the text, then one line per detail (a diagram's tooltip)."""
    lines = [f"{facts.kind_label} {facts.id}", one_line(facts.text)]
    lines += [f"{f.label.lower()}: {f.value}" for f in facts.fields(evaluation=False) + facts.lists()]
    for cite in facts.citations:
        lines.append("cite: " + cite_text(cite))
    lines += [f"note: {one_line(note)}" for note in facts.notes]
    lines += [f"cq {one_line(q)}: {one_line(a)}" for q, a in facts.critical_answers]
    return lines


def hover_markdown(facts: NodeFacts, *, escape: Escape = _same) -> str:
    """An editor's hover: kind and id, text, facts, quotations, relations.
    ``escape`` makes a map text inert Markdown (e.g. argmap.render.outline_md.md_escape)."""
    def code(text: str) -> str:
        ticks = "``" if "`" in text else "`"
        return f"{ticks}{text}{ticks}"

    lines = [f"**{facts.kind_label}** {code(facts.id)}", "", escape(facts.text)]
    details = []
    if facts.section_title is not None:
        details.append(f"section: {escape(facts.section_title)}")
    details += [f"{f.label.lower()}: {escape(f.value)}" for f in facts.fields() + facts.lists()]
    if details:
        lines += ["", " · ".join(details)]
    for cite in facts.citations:
        lines += ["", "> " + cite_text(cite, escape=escape)]
    for note in facts.notes:
        lines += ["", "*note:* " + escape(one_line(note))]
    for question, answer in facts.critical_answers:
        lines += ["", f"*cq {escape(one_line(question))}:* " + escape(one_line(answer))]
    if facts.outgoing:
        lines += ["", "**out:** " + ", ".join(relation_phrase(r, escape=escape, code=code) for r in facts.outgoing)]
    if facts.incoming:
        lines += ["", "**in:** " + ", ".join(relation_phrase(r, escape=escape, code=code) for r in facts.incoming)]
    return "\n".join(lines)
