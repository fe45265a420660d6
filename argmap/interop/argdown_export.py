"""Map -> Argdown that the Argdown tools read (tested with ``@argdown/cli``).

* front matter: ``title`` as a quoted YAML string (a title with ``: `` or a
  leading ``-``/``@`` is safe), and an ``argmap:`` block with what Argdown has
  no place for (description, sources, expectations; argmap.interop.argdown_data);
* sections: ``# Title {id: x}`` headings;
* statements: ``[id]: text #tags {data}``; the data carries kind, date,
  actors, credibility, relevance, notes, citations, ratings, provenance and
  relation weights;
* relations between statements: ``+>`` supports, ``->`` attacks, ``><``
  contradicts (symmetric in Argdown too), ``_>`` undercuts;
* an ``argument`` block: an Argdown argument ``<id>: text #tags {data}`` with
  a premise-conclusion structure: its premises ``(1) [p1]``, ``(2) [p2]``,
  an inference line naming its scheme (``-- Argument from sign --``, or
  ``----``), and its conclusion: the statement it supports; for an argument
  that attacks or undercuts, a conclusion statement ``[Conclusion of a]``
  (data ``{conclusion_of: a}``) that carries the attack or the undercut, as
  Argdown relocates an argument's relations onto its conclusion. A chain of
  arguments (the conclusion of one is a premise of the next) is a chain of
  structures. ``undercuts ARG`` is ``_> <ARG>``.

Argdown undercuts *arguments*; argmap also undercuts a single relation
(``undercuts a -> b``). A statement whose one support or attack is ``a -> b``
is written as the argument ``<a>``, and ``undercuts a -> b`` as ``_> <a>``.
What Argdown cannot draw (``about``, ``answers``, other undercuts of links,
relations that name an argument wrongly) stays in the data of its source;
:func:`lost_on_export` lists it, and the export repeats the list in a comment
at the top.

Texts are one line each with Argdown's syntax characters escaped by a
backslash (Argdown reads ``\\x`` as ``x``): brackets, braces, ``#``, ``_`` and
``*`` (emphasis), comment starts, and the shortcodes ``:name:`` / ``.x.``.
"""

from __future__ import annotations

import re

from argmap.interop import coverage
from argmap.interop.argdown_data import (
    CONCLUSION_OF,
    KINDS_OF_RELATION,
    TABLE,
    Plan,
    front_matter,
    node_data,
    plan,
    rule_for,
)
from argmap.interop.yamlish import dump_flow, dump_scalar
from argmap.model import Map, Node, NodeKind, Relation, RelationRole

__all__ = ["EXPORT_COMMENT", "conclusion_title", "escape_text", "export_map", "lost_on_export"]

EXPORT_COMMENT = "// argmap export: what Argdown itself does not carry:"  # import skips this comment

_SYNTAX = re.compile(r"([\\\[\]<>{}#_*])|/(?=[/*])|:(?=[\w+\-]+:)|\.(?=[^\s.]{1,4}\.)")
_PLAIN_TAG = re.compile(r"[\w][\w\-]*")


def escape_text(value: str) -> str:
    """A text for Argdown: one line, every character Argdown reads as syntax escaped."""
    return _SYNTAX.sub(lambda m: "\\" + m.group(0), " ".join(value.split()))


def conclusion_title(argument: str) -> str:
    """The title of the conclusion statement written for an argument that attacks or undercuts."""
    return f"Conclusion of {argument}"


def _front(argmap: Map) -> list[str]:
    lines = []
    if argmap.title is not None:
        lines.append(f"title: {dump_scalar(argmap.title)}")
    block = front_matter(argmap)
    if block:
        lines.append("argmap:")
        for key, value in block.items():
            if isinstance(value, list):
                lines.append(f"  {key}:")
                lines += [f"    - {dump_flow(item)}" for item in value]
            else:
                lines.append(f"  {key}: {dump_scalar(value)}")
    return ["===", *lines, "===", ""] if lines else []


def lost_on_export(argmap: Map) -> list[str]:
    """What Argdown itself will not see (argmap reads it back from the data), and
    what is not written at all, as listed on top of the export."""
    lost = coverage.lost_on_export(TABLE, argmap)
    broken = sum(1 for n in argmap.nodes if "\n" in n.text.strip())
    if broken:
        lost.append(f"the line breaks inside {broken} text{'s' if broken != 1 else ''} (an Argdown statement "
                    "is one line here: each break becomes a space)")
    return lost


def _tags(node: Node) -> str:
    return "".join(f" #{t}" if _PLAIN_TAG.fullmatch(t) else f" #({t})" for t in node.tags)


class _Writer:
    def __init__(self, argmap: Map) -> None:
        self.argmap = argmap
        self.layout: Plan = plan(argmap)

    def ref(self, node_id: str) -> str:
        return f"<{node_id}>" if node_id in self.layout.arguments else f"[{node_id}]"

    def relation(self, rel: Relation) -> str:
        if rel.kind.role is RelationRole.UNDERCUT:
            return f"_> <{rel.link.source if rel.link is not None else rel.target}>"
        return f"{KINDS_OF_RELATION[rel.kind.role]} {self.ref(str(rel.target))}"

    def node(self, node: Node) -> list[str]:
        outgoing = self.argmap.outgoing.get(node.id, ())
        data = node_data(node, outgoing, self.layout)
        text = escape_text(node.text)
        head = f"{self.ref(node.id)}{': ' + text if text else ''}{_tags(node)}" + (f" {dump_flow(data)}" if data else "")
        if node.id in self.layout.structures:
            return [head, ""] + self.structure(node, self.layout.structures[node.id])
        lines = [head]
        lines += [f"  {self.relation(r)}" for r in outgoing if self.layout.is_drawn(r)]
        return lines

    def structure(self, node: Node, rel: Relation) -> list[str]:
        """The premise-conclusion structure of an argument block."""
        by_id = self.argmap.node_by_id
        premises = [p for p in dict.fromkeys(node.premises)
                    if (found := by_id.get(p)) is not None and found.kind is not NodeKind.ARGUMENT]
        lines = [f"({i}) [{p}]" for i, p in enumerate(premises, start=1)]
        rule = rule_for(node)
        lines.append(f"-- {rule} --" if rule else "----")
        number = len(premises) + 1
        if rel.kind.role is RelationRole.SUPPORT:
            return lines + [f"({number}) [{rel.target}]"]
        if rel.kind.role is RelationRole.UNDERCUT:
            aimed = rel.link.source if rel.link is not None else str(rel.target)
            what = f"the inference of {aimed}" if rel.link is None else f"the inference from {rel.link}"
            text = f"Not so: {what} does not hold."
        else:
            target = by_id.get(str(rel.target))
            text = "Not so: " + (target.text if target is not None else str(rel.target))
        title = conclusion_title(node.id)
        return lines + [f"({number}) [{title}]: {escape_text(text)} {dump_flow({CONCLUSION_OF: node.id})}",
                        f"  {self.relation(rel)}"]


def export_map(argmap: Map) -> str:
    """The map as Argdown: front matter, headings, statements and arguments with their relations."""
    writer = _Writer(argmap)
    out = _front(argmap)
    lost = lost_on_export(argmap)
    if lost:
        out += [EXPORT_COMMENT] + [f"// - {item}" for item in lost] + [""]
    titles = {s.id: s for s in argmap.sections}
    section = None
    for node in argmap.nodes:
        if node.section != section and node.section is not None:
            head = titles.get(node.section)
            id_data = f" {{id: {dump_scalar(node.section)}}}" if head is None or head.explicit_id else ""
            out += [f"# {escape_text(head.title if head else node.section)}{id_data}", ""]
            section = node.section
        out += writer.node(node) + [""]
    return "\n".join(out).rstrip("\n") + "\n"
