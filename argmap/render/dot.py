"""Map -> DOT text. Pure: no I/O, no layout engine, deterministic.

Escaping: every string is a quoted DOT string (``quote_label`` for labels,
``quote`` for the rest) escaped so that Graphviz's entity decoding and its
escapes (``\\N``, ``\\G``) never fire; the SVG writer then escapes for XML.
HTML-like labels are not used: the WebAssembly build has no expat and would
show the node name instead. Control characters are dropped.

An undercut points at the middle of the edge it attacks: that edge is drawn
as two halves through a tiny point node (``id="link-A-B"``), and the undercut
ends on the point.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from argmap.render.style import (
    EDGE_STYLES,
    FONT,
    NODE_STYLES,
    STATUS_COLORS,
    palette_color,
)

__all__ = ["LARGE_MAP", "RenderOptions", "build_dot", "quote", "quote_label", "wrap_text"]

LARGE_MAP = 1000  # nodes; above this, layout settings that scale (bench/bench_render.py)
HUGE_MAP = 4000  # nodes; above this, even fewer network-simplex and mincross iterations
RANKDIRS = ("TB", "BT", "LR", "RL")
COLOR_BY = ("kind", "tag", "section", "status")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MAX_LINES = 10


@dataclass(frozen=True)
class RenderOptions:
    """What to draw and how. ``statuses`` (id -> IN/OUT/UNDEC) is filled in by
    ``argmap.render`` for ``color_by="status"`` when not given."""

    wrap: int = 36
    legend: bool = True
    color_by: str = "kind"
    rankdir: str = "BT"
    focus: str | None = None
    depth: int = 2
    section: str | None = None
    kinds: tuple[str, ...] = ()
    title: bool = True
    statuses: Mapping[str, str] | None = field(default=None, compare=False)


def _quote(text: str, backslash: str) -> str:
    text = _CONTROL.sub("", text).replace("&", "&amp;").replace("\\", backslash).replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def quote(text: str) -> str:
    """A DOT quoted string that Graphviz shows (tooltips, ids, names) as exactly ``text``.

    Graphviz decodes entities in every string and expands escapes (``\\N``,
    ``\\G``) in tooltips twice on the way to SVG: so ``&`` becomes ``&amp;``
    and a backslash four (tests/test_render_escaping.py holds it to this)."""
    return _quote(text, "\\" * 4)


def quote_label(text: str) -> str:
    """A DOT quoted string for a ``label``: entities and escapes expanded once,
    so a backslash becomes two; a newline becomes a centred line break."""
    return _quote(text, "\\" * 2)


def wrap_text(text: str, width: int) -> list[str]:
    """Whitespace-collapsed text wrapped to ``width`` columns (at most 10 lines)."""
    words = " ".join(text.split())
    if width <= 0:
        return [words] if words else []
    lines = textwrap.wrap(words, width, break_long_words=True, break_on_hyphens=False)
    if len(lines) > _MAX_LINES:
        lines = lines[:_MAX_LINES]
        lines[-1] = lines[-1][: max(width - 1, 1)] + "…"
    return lines


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return "[" + ", ".join(f"{key}={value}" for key, value in pairs) + "]"


def _node_label(head: str, lines: list[str]) -> str:
    return quote_label("\n".join([head] + lines))


def _plain_label(text: str) -> str:
    return quote_label(" ".join(text.split()))


def _tooltip(argmap: Map, node: Node) -> str:
    parts = [f"{node.kind.value} {node.id}", " ".join(node.text.split())]
    if node.date is not None:
        parts.append(f"date: {node.date.text}")
    if node.credibility is not None:
        parts.append(f"credibility: {node.credibility.value}")
    if node.tags:
        parts.append("tags: " + ", ".join(node.tags))
    for cite in node.citations:
        source = argmap.source(cite.source)
        where = cite.source + (f" ({source.title})" if source is not None else "")
        where += f" {cite.locator}" if cite.locator else ""
        parts.append(f"cite: {where}" + (f": \u201c{cite.quote}\u201d" if cite.quote else ""))
    return "\n".join(parts)


def _fill_colors(argmap: Map, options: RenderOptions) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Node id -> fill colour for ``color_by`` other than kind, and the legend
    swatches (colour, label) in first-appearance order."""
    if options.color_by == "status":
        statuses = options.statuses or {}
        by_status = {n.id: STATUS_COLORS.get(statuses.get(n.id, "UNDEC"), STATUS_COLORS["UNDEC"])[0]
                 for n in argmap.nodes}
        return by_status, [STATUS_COLORS[key] for key in ("IN", "OUT", "UNDEC")]
    keys: dict[str, str] = {}
    fills: dict[str, str] = {}
    for node in argmap.nodes:
        if options.color_by == "tag":
            key = node.tags[0] if node.tags else None
        else:
            key = node.section
        if key is None:
            continue
        if key not in keys:
            keys[key] = palette_color(len(keys))
        fills.setdefault(node.id, keys[key])
    if options.color_by == "section":
        titles = {s.id: s.title for s in argmap.sections}
        return fills, [(colour, titles.get(key, key)) for key, colour in keys.items()]
    return fills, [(colour, key) for key, colour in keys.items()]


class _Writer:
    """Accumulates DOT lines; hands out unique edge ids."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.edge_ids: dict[str, int] = {}

    def edge_id(self, base: str) -> str:
        count = self.edge_ids.get(base, 0) + 1
        self.edge_ids[base] = count
        return base if count == 1 else f"{base}-{count}"

    def add(self, line: str, indent: int = 1) -> None:
        self.lines.append("  " * indent + line)


def build_dot(argmap: Map, options: RenderOptions | None = None) -> str:
    """The DOT text of ``argmap`` as it is (apply views first: argmap.render.views)."""
    options = options or RenderOptions()
    if options.rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}")
    if options.color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_BY)}")
    nodes = list(argmap.node_by_id.values())
    known = {node.id for node in nodes}
    large = len(nodes) > LARGE_MAP
    out = _Writer()
    out.lines.append("digraph argmap {")
    graph = [("id", quote("argmap")), ("rankdir", options.rankdir), ("fontname", quote(FONT)),
             ("newrank", "true"), ("compound", "true")]
    if options.title and argmap.title:
        graph += [("label", _plain_label(argmap.title)),
                  ("labelloc", "t"), ("fontsize", "18")]
    if len(nodes) > HUGE_MAP:  # 20,000 nodes: ~21 s of CPU instead of ~200 s (bench/bench_render.py)
        graph += [("splines", "line"), ("nslimit", "0.05"), ("nslimit1", "0.1"), ("mclimit", "0.1"),
                  ("searchsize", "10"), ("remincross", "false"), ("outputorder", "edgesfirst")]
    elif large:
        graph += [("splines", "line"), ("nslimit", "0.2"), ("nslimit1", "0.5"), ("mclimit", "0.3"),
                  ("searchsize", "20"), ("remincross", "false"), ("outputorder", "edgesfirst")]
    out.add("graph " + _attrs(graph) + ";")
    out.add("node " + _attrs([("fontname", quote(FONT)), ("fontsize", "11"), ("margin", quote("0.12,0.06"))]) + ";")
    out.add("edge " + _attrs([("fontname", quote(FONT)), ("fontsize", "9")]) + ";")

    fills, swatches = ({}, []) if options.color_by == "kind" else _fill_colors(argmap, options)
    relations = [r for r in argmap.relations if r.source in known and all(t in known for t in r.referenced_ids)]
    split = _split_links(relations)

    def status_note(node_id: str) -> str:
        if options.color_by != "status":
            return ""
        status = (options.statuses or {}).get(node_id, "UNDEC")
        return "\ngrounded: " + STATUS_COLORS.get(status, STATUS_COLORS["UNDEC"])[1]

    def node_line(node: Node) -> str:
        style = NODE_STYLES[node.kind]
        head = node.id + (f" \u00b7 {node.date.text}" if node.kind is NodeKind.EVIDENCE and node.date else "")
        fill = fills.get(node.id, style.fill if options.color_by == "kind" else "#ffffff")
        pairs = [("id", quote(f"node-{node.id}")), ("class", quote(f"node-{node.kind.value}")),
                 ("shape", style.shape), ("style", quote(style.style)), ("fillcolor", quote(fill)),
                 ("color", quote(style.border)), ("label", _node_label(head, wrap_text(node.text, options.wrap))),
                 ("tooltip", quote(_tooltip(argmap, node) + status_note(node.id)))]
        return f"{quote(node.id)} {_attrs(pairs)};"

    by_section: dict[str | None, list[Node]] = {}
    for node in nodes:
        section = node.section if node.section in argmap.section_by_id else None
        by_section.setdefault(section, []).append(node)
    mids_by_section: dict[str | None, list[str]] = {}
    node_index = {n.id: n for n in nodes}
    for (a, b), relation in split.items():
        sa, sb = node_index[a].section, node_index[b].section
        mids_by_section.setdefault(sa if sa == sb and sa in argmap.section_by_id else None, []).append(
            _mid_line(a, b, relation))

    top = "b" if options.rankdir == "BT" else "t"  # Graphviz flips cluster labelloc with BT
    for cluster in argmap.section_by_id.values():
        members = by_section.get(cluster.id, [])
        if not members:
            continue
        out.add(f"subgraph {quote('cluster_' + cluster.id)} {{")
        out.add("graph " + _attrs([("id", quote(f"cluster-{cluster.id}")),
                                   ("label", _plain_label(cluster.title)),
                                   ("tooltip", quote(cluster.title)), ("labelloc", top), ("style", quote("rounded")),
                                   ("color", quote("#9a9a9a")), ("fontsize", "13")]) + ";", 2)
        for node in members:
            out.add(node_line(node), 2)
        for line in mids_by_section.get(cluster.id, []):
            out.add(line, 2)
        out.add("}")
    for node in by_section.get(None, []):
        out.add(node_line(node))
    for line in mids_by_section.get(None, []):
        out.add(line)

    stagger = {} if large else _stagger(relations, split)
    for relation in relations:
        _edge_lines(out, relation, split, large, stagger.get(id(relation), 1))
    if options.legend and nodes:
        _legend(out, nodes, relations, swatches, options)
    out.lines.append("}")
    return "\n".join(out.lines) + "\n"


def _split_links(relations: list[Relation]) -> dict[tuple[str, str], Relation]:
    """(a, b) -> the relation ``a -> b`` drawn in two halves because it is undercut."""
    undercut = {(r.link.source, r.link.target) for r in relations if r.link is not None}
    split: dict[tuple[str, str], Relation] = {}
    for relation in relations:
        if relation.target is not None and (relation.source, relation.target) in undercut:
            split.setdefault((relation.source, relation.target), relation)
    return split


def _stagger(relations: list[Relation], split: dict[tuple[str, str], Relation], levels: int = 3) -> dict[int, int]:
    """``id(relation)`` -> minlen for edges from leaves (nodes nothing points at)
    into a node with more than ``levels`` of them: 1, 2, 3, 1, ... so that the
    leaves stack in a few rows instead of one very wide row (like ``unflatten -l``)."""
    targeted = {r.target for r in relations if r.target is not None}
    by_target: dict[str, list[Relation]] = {}
    for relation in relations:
        if (relation.target is not None and relation.source not in targeted
                and (relation.source, relation.target) not in split):
            by_target.setdefault(relation.target, []).append(relation)
    minlen: dict[int, int] = {}
    for group in by_target.values():
        if len(group) > levels:
            for index, relation in enumerate(group):
                minlen.setdefault(id(relation), 1 + index % levels)
    return minlen


def _mid_name(a: str, b: str) -> str:
    return quote(f"link {a}>{b}")  # a space never occurs in an id: no clash


def _mid_line(a: str, b: str, relation: Relation) -> str:
    colour = EDGE_STYLES[relation.kind].color
    pairs = [("id", quote(f"link-{a}-{b}")), ("shape", "point"), ("width", "0.06"),
             ("color", quote(colour)), ("tooltip", quote(f"{a} {relation.kind.value} {b}"))]
    return f"{_mid_name(a, b)} {_attrs(pairs)};"


def _weight_attrs(relation: Relation, large: bool) -> list[tuple[str, str]]:
    if relation.weight is None:
        return []
    pairs = [("penwidth", f"{1 + 2 * max(0.0, min(relation.weight, 1.0)):.2f}")]
    if not large:
        pairs.append(("label", quote(f"{relation.weight:g}")))
    return pairs


def _edge_lines(out: _Writer, relation: Relation, split: dict[tuple[str, str], Relation], large: bool,
                minlen: int = 1) -> None:
    style = EDGE_STYLES[relation.kind]
    common = [("color", quote(style.color)), ("style", style.style)]
    verb = relation.kind.value
    if relation.link is not None:
        a, b = relation.link.source, relation.link.target
        if (a, b) not in split:
            return  # the undercut link is not drawn (filtered out, or missing with --force)
        pairs = [("id", quote(out.edge_id(f"edge-{relation.source}-{verb}-{a}-{b}")))] + common
        pairs += [("arrowhead", style.arrowhead), ("tooltip", quote(relation.key))]
        out.add(f"{quote(relation.source)} -> {_mid_name(a, b)} {_attrs(pairs + _weight_attrs(relation, large))};")
        return
    assert relation.target is not None
    edge_id = out.edge_id(f"edge-{relation.source}-{verb}-{relation.target}")
    tip = [("tooltip", quote(relation.key))]
    if split.get((relation.source, relation.target)) is relation:
        mid = _mid_name(relation.source, relation.target)
        tail = "back" if style.dir == "both" else "none"
        out.add(f"{quote(relation.source)} -> {mid} "
                f"{_attrs([('id', quote(edge_id + '-tail'))] + common + [('dir', tail)] + tip)};")
        pairs = [("id", quote(edge_id))] + common + [("arrowhead", style.arrowhead)] + tip
        out.add(f"{mid} -> {quote(relation.target)} {_attrs(pairs + _weight_attrs(relation, large))};")
        return
    pairs = [("id", quote(edge_id))] + common + [("arrowhead", style.arrowhead)]
    if minlen > 1:
        pairs.append(("minlen", str(minlen)))
    if style.dir != "forward":
        pairs += [("dir", style.dir), ("arrowtail", style.arrowhead)]
    out.add(f"{quote(relation.source)} -> {quote(relation.target)} {_attrs(pairs + tip + _weight_attrs(relation, large))};")


def _legend(out: _Writer, nodes: list[Node], relations: list[Relation],
            swatches: list[tuple[str, str]], options: RenderOptions) -> None:
    """A cluster showing the node kinds, relation kinds and colours in use."""
    kinds = [kind for kind in NodeKind if any(node.kind is kind for node in nodes)]
    verbs = [kind for kind in RelationKind if any(r.kind is kind for r in relations)]
    out.add(f"subgraph {quote('cluster legend')} {{")
    top = "b" if options.rankdir == "BT" else "t"  # Graphviz flips cluster labelloc with BT
    out.add("graph " + _attrs([("id", quote("argmap-legend")), ("label", quote("Legend")), ("labelloc", top),
                               ("style", quote("rounded,dashed")), ("color", quote("#bbbbbb")),
                               ("fontsize", "11")]) + ";", 2)
    for kind in kinds:
        style = NODE_STYLES[kind]
        fill = style.fill if options.color_by == "kind" else "#ffffff"
        pairs = [("id", quote(f"legend-{kind.value}")), ("shape", style.shape), ("style", quote(style.style)),
                 ("fillcolor", quote(fill)), ("color", quote(style.border)), ("label", quote(kind.value)),
                 ("fontsize", "9")]
        out.add(f"{quote('legend kind ' + kind.value)} {_attrs(pairs)};", 2)
    for index, (colour, label) in enumerate(swatches):
        pairs = [("shape", "box"), ("style", quote("filled")), ("fillcolor", quote(colour)),
                 ("color", quote("#888888")), ("label", _plain_label(label)), ("fontsize", "9")]
        out.add(f"{quote(f'legend colour {index}')} {_attrs(pairs)};", 2)
    for verb in verbs:
        edge = EDGE_STYLES[verb]
        a, b = quote(f"legend {verb.value} from"), quote(f"legend {verb.value} to")
        out.add(f"{a} [shape=plaintext, label={quote(verb.value)}, fontsize=9, height=0.2];", 2)
        out.add(f"{b} [shape=point, width=0.03, color={quote('#888888')}];", 2)
        pairs = [("id", quote(f"legend-{verb.value}-edge")),
                 ("color", quote(edge.color)), ("style", edge.style), ("arrowhead", edge.arrowhead)]
        if edge.dir != "forward":
            pairs += [("dir", edge.dir), ("arrowtail", edge.arrowhead)]
        out.add(f"{a} -> {b} {_attrs(pairs)};", 2)
    out.add("}")
