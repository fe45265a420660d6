"""Outline -> CommonMark: nested lists, one anchor per node (``#node-ID``).

Every map text is escaped: ASCII punctuation that CommonMark could read as
markup gets a backslash, ``<`` and ``&`` become entities, so a node text
``<script>`` stays text. Repeated nodes link back to their first entry.
"""

from __future__ import annotations

import re
import unicodedata

from argmap.model import Map
from argmap.render.facts import NodeFacts
from argmap.render.outline import Entry, Outline, relation_label
from argmap.render.wording import source_fields

__all__ = ["render_markdown", "md_escape"]

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>=])")
_INDENT = "  "


def md_escape(text: str) -> str:
    """Map text -> inline Markdown that reads as the same text, on one line."""
    cleaned = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") else ch for ch in text)
    cleaned = " ".join(cleaned.split())
    cleaned = _SPECIAL.sub(r"\\\1", cleaned)
    return cleaned.replace("&", "&amp;").replace("<", "&lt;")


def anchor(node_id: str) -> str:
    """The anchor of a node; ids are word characters, ``.`` and ``-`` (grammar)."""
    return "node-" + re.sub(r"[^\w.\-]", "_", node_id)


def _cite(facts: NodeFacts) -> list[str]:
    lines = []
    for cite in facts.citations:
        text = f"cite [{md_escape(cite.source)}](#source-{anchor(cite.source)[5:]})"
        if cite.title is not None:
            text += f" *{md_escape(cite.title)}*"
            if cite.date is not None:
                text += f" ({md_escape(cite.date)})"
        if cite.locator:
            text += f", {md_escape(cite.locator)}"
        if cite.quote:
            text += f": \u201c{md_escape(cite.quote)}\u201d"
        lines.append(text)
    return lines


def _entry(outline: Outline, entry: Entry, depth: int, parent_section: str | None, out: list[str]) -> None:
    node = entry.node
    pad = _INDENT * depth
    verb = f"*{md_escape(relation_label(entry))}:* " if relation_label(entry) else ""
    if entry.ref:
        out.append(f"{pad}- {verb}see [{md_escape(node.id)}](#{anchor(node.id)}) {entry.where}")
        return
    facts = outline.facts.of(node)
    bits = [f"`{node.kind.value}`"]
    bits += [md_escape(fact.phrase()) for fact in facts.fields()]
    out.append(f'{pad}- {verb}<a id="{anchor(node.id)}"></a>**{md_escape(node.id)}** {" · ".join(bits)}  ')
    inner = pad + _INDENT
    out.append(f"{inner}{md_escape(node.text)}")
    details: list[str] = []
    section = facts.section_title
    if section and node.section != parent_section:
        details.append(f"section: {md_escape(section)}")
    details += [f"{fact.label.lower()}: {md_escape(fact.value)}" for fact in facts.lists()]
    notes = [f"note: {md_escape(n)}" for n in node.notes]
    notes += [f"cq {md_escape(q)}: {md_escape(a)}" for q, a in facts.critical_answers]
    extra = ([" · ".join(details)] if details else []) + _cite(facts) + notes
    for line in extra:
        out[-1] += "  "  # hard line break
        out.append(f"{inner}{line}")
    if entry.children:
        out.append("")
        for child in entry.children:
            _entry(outline, child, depth + 1, node.section, out)
    out.append("")


def _sources(argmap: Map, out: list[str]) -> None:
    cited: dict[str, list[str]] = {}
    for node in argmap.nodes:
        for cite in node.citations:
            cited.setdefault(cite.source, []).append(node.id)
    out += ["## Sources", ""]
    for source in argmap.sources:
        line = f'- <a id="source-{anchor(source.id)[5:]}"></a>**{md_escape(source.id)}**: *{md_escape(source.title)}*'
        facts = source_fields(source)
        for fact in facts:
            if fact.key == "url" and re.match(r"https?://", fact.value, re.IGNORECASE) \
                    and not re.search(r"[\s<>]", fact.value):
                line += f" <{fact.value}>"
            elif fact.key == "date":
                line += f" ({md_escape(fact.value)})"
            elif fact.key in ("author", "url"):
                line += f", {md_escape(fact.value)}" if fact.key == "author" else f" {md_escape(fact.value)}"
            elif fact.key != "note":
                line += f", {fact.label.lower()} {md_escape(fact.value)}"
        users = cited.get(source.id, [])
        if users:
            links = ", ".join(f"[{md_escape(n)}](#{anchor(n)})" for n in dict.fromkeys(users))
            line += f"; cited by {links}"
        out.append(line)
        out += [f"  - note: {md_escape(fact.value)}" for fact in facts if fact.key == "note"]
    out.append("")


def render_markdown(outline: Outline) -> str:
    """The outline as a CommonMark document."""
    out = [f"# {md_escape(outline.title)}", ""]
    if outline.map.description:
        out += [md_escape(outline.map.description), ""]
    out += [f"**Summary:** {md_escape(outline.summary.line())}", ""]
    for part in outline.parts:
        out += [f"## {md_escape(part.title)}", ""]
        for entry in part.entries:
            _entry(outline, entry, 0, None, out)
    if outline.map.sources:
        _sources(outline.map, out)
    text = "\n".join(out)
    text = re.sub(r"\n{3,}", "\n\n", text).rstrip("\n")
    return text + "\n"
