"""Map -> Argdown that the Argdown tools read (tested with ``@argdown/cli``).

* front matter: ``title`` as a quoted YAML string (a title with ``: `` or a
  leading ``-``/``@`` is safe), and an ``argmap:`` block with what Argdown has
  no place for (description, sources, expectations; argmap.interop.argdown_data);
* sections: ``# Title {id: x}`` headings;
* nodes: ``[id]: text #tags {data}`` (``<id>`` for a node an undercut aims
  at, see below); the data carries kind, date, actors, credibility,
  relevance, notes, citations, ratings and relation weights;
* relations: ``+>`` supports, ``->`` attacks, ``><`` contradicts (symmetric
  in Argdown too), ``_>`` undercuts.

Argdown undercuts *arguments*, argmap undercuts single relations
(``undercuts a -> b``). A node whose only support/attack is ``a -> b`` is
written as the argument ``<a>``, and ``undercuts a -> b`` as ``_> <a>``;
other undercuts cannot be drawn in Argdown and are kept in the undercutter's
data (``undercuts: ["a -> b"]``) and listed in the comment at the top.

Texts are one line each with Argdown's syntax characters escaped by a
backslash (Argdown reads ``\\x`` as ``x``): brackets, braces, ``#``, ``_`` and
``*`` (emphasis), comment starts, and the shortcodes ``:name:`` / ``.x.``.
"""

from __future__ import annotations

import re

from argmap.interop.argdown_data import (
    KINDS_OF_RELATION,
    drawn,
    front_matter,
    lost_on_export,
    node_data,
)
from argmap.interop.yamlish import dump_flow, dump_scalar
from argmap.model import Map, RelationKind

__all__ = ["EXPORT_COMMENT", "argument_nodes", "escape_text", "export_map", "lost_items"]

EXPORT_COMMENT = "// argmap export: what Argdown itself does not carry:"  # import skips this comment

_SYNTAX = re.compile(r"([\\\[\]<>{}#_*])|/(?=[/*])|:(?=[\w+\-]+:)|\.(?=[^\s.]{1,4}\.)")
_PLAIN_TAG = re.compile(r"[\w][\w\-]*")


def escape_text(value: str) -> str:
    """A text for Argdown: one line, every character Argdown reads as syntax escaped."""
    return _SYNTAX.sub(lambda m: "\\" + m.group(0), " ".join(value.split()))


def argument_nodes(argmap: Map) -> set[str]:
    """Nodes written as Argdown arguments: the source of an undercut link that
    is its only support or attack (so undercutting the argument undercuts it)."""
    plain = {n.id: [r for r in argmap.outgoing.get(n.id, ()) if r.kind is not RelationKind.UNDERCUTS]
             for n in argmap.nodes}
    return {r.link.source for r in argmap.relations
            if r.link is not None and len(plain.get(r.link.source, ())) == 1}


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


def lost_items(argmap: Map) -> list[str]:
    """What Argdown itself will not see (argmap reads it back), as listed on top of the export."""
    arguments = argument_nodes(argmap)
    hidden = [r for r in argmap.relations if not drawn(r, arguments)]
    links = sum(1 for r in hidden if r.kind is RelationKind.UNDERCUTS and r.link is not None)
    return lost_on_export(argmap, links, len(hidden) - links)


def export_map(argmap: Map) -> str:
    """The map as Argdown: front matter, headings, statements with their relations."""
    arguments = argument_nodes(argmap)
    out = _front(argmap)
    lost = lost_items(argmap)
    if lost:
        out += [EXPORT_COMMENT] + [f"// - {item}" for item in lost] + [""]

    def ref(node_id: str) -> str:
        return f"<{node_id}>" if node_id in arguments else f"[{node_id}]"

    titles = {s.id: s for s in argmap.sections}
    section = None
    for node in argmap.nodes:
        if node.section != section and node.section is not None:
            head = titles.get(node.section)
            id_data = f" {{id: {dump_scalar(node.section)}}}" if head is None or head.explicit_id else ""
            out += [f"# {escape_text(head.title if head else node.section)}{id_data}", ""]
            section = node.section
        outgoing = argmap.outgoing.get(node.id, ())
        tags = "".join(f" #{t}" if _PLAIN_TAG.fullmatch(t) else f" #({t})" for t in node.tags)
        data = node_data(node, outgoing, arguments)
        out.append(f"{ref(node.id)}: {escape_text(node.text)}{tags}" + (f" {dump_flow(data)}" if data else ""))
        for rel in outgoing:
            if not drawn(rel, arguments):
                continue  # in the data (node_data)
            if rel.kind is RelationKind.UNDERCUTS and rel.link is not None:
                out.append(f"  _> {ref(rel.link.source)}")
            else:
                out.append(f"  {KINDS_OF_RELATION[rel.kind.role]} {ref(str(rel.target))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
