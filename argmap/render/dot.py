"""Map -> DOT text with the ``graphviz`` package (``Digraph``). Pure: no I/O,
no layout engine, deterministic.

Escaping: the package quotes ids and escapes ``"`` but leaves backslashes and
``&`` to the caller and passes ``<...>`` through as HTML. So every value from
the map goes in pre-escaped and marked ``nohtml`` (``label_value`` for
labels, ``tooltip_value`` for the rest) so that Graphviz's entity decoding and
its escapes (``\\N``, ``\\G``) never fire; the SVG writer then escapes for XML.
HTML-like labels are not used: the WebAssembly build has no expat and would
show the node name instead. Control characters are dropped.

An undercut points at the middle of the edge it attacks: that edge is drawn
as two halves through a tiny point node (``id="link-A-B"``), and the undercut
ends on the point.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from graphviz import Digraph  # type: ignore[import-untyped]
from graphviz.quoting import ESCAPE_UNESCAPED_QUOTES, ID, KEYWORDS, NoHtml  # type: ignore[import-untyped]
from graphviz.quoting import quote as _package_quote  # type: ignore[import-untyped]

from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from argmap.render.style import (
    EDGE_STYLES,
    FONT,
    NODE_STYLES,
    STATUS_COLORS,
    palette_color,
)

__all__ = ["LARGE_MAP", "RenderOptions", "build_dot", "label_value", "tooltip_value",
           "wrap_text"]

LARGE_MAP = 1000  # nodes; above this, layout settings that scale (bench/bench_render.py)
HUGE_MAP = 4000  # nodes; above this, even fewer network-simplex and mincross iterations
RANKDIRS = ("TB", "BT", "LR", "RL")
COLOR_BY = ("kind", "tag", "section", "status")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MAX_LINES = 10
_IS_ID = ID.match


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


def _clean(text: str) -> str:
    """Control characters dropped, ``&`` written as an entity (Graphviz decodes
    entities in every string)."""
    return _CONTROL.sub("", text).replace("&", "&amp;")


def label_value(text: str) -> str:
    """A ``label`` value for the ``graphviz`` package that Graphviz shows as ``text``.

    Labels expand escapes (``\\N``, ``\\l``) once: each backslash is doubled
    (what ``graphviz.escape`` does) and the value is marked ``nohtml`` so that
    ``<b>`` stays text; a newline becomes a centred line break. The package's
    quoting then adds the quotes and escapes ``"`` (it leaves backslashes and
    ``&`` alone)."""
    return NoHtml(_clean(text).replace("\\", "\\\\").replace("\n", "\\n"))


def tooltip_value(text: str) -> str:
    """A value for tooltips, ids and names: Graphviz expands escapes in
    tooltips twice on the way to SVG, so each backslash becomes four
    (``escape(escape(text))``; tests/test_render_escaping.py holds it to this)."""
    return NoHtml(_clean(text).replace("\\", "\\" * 4).replace("\n", "\\n"))


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


def _node_label(head: str, lines: list[str]) -> str:
    return label_value("\n".join([head] + lines))


def _plain_label(text: str) -> str:
    return label_value(" ".join(text.split()))


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


Pairs = list[tuple[str, str]]


class _EdgeIds:
    """Hands out unique edge ids."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        count = self.seen.get(base, 0) + 1
        self.seen[base] = count
        return base if count == 1 else f"{base}-{count}"


def _quote_text(value: str) -> str:
    """``graphviz.quoting.quote(value)`` for a pre-escaped ``NoHtml`` value,
    with the package's own ``ID``/``KEYWORDS``/``ESCAPE_UNESCAPED_QUOTES``
    but without its per-call checks (HTML test, odd trailing backslash, argument
    check), which cost three times the quoting on 20,000-node maps. The values
    never end in an odd backslash (they are doubled) and are never HTML; a test
    (tests/test_render_dot_pkg.py) holds this to the package's ``quote``."""
    if _IS_ID(value) and value.lower() not in KEYWORDS:
        return value
    return '"' + (ESCAPE_UNESCAPED_QUOTES(value) if '"' in value else value) + '"'


_quote_constant = functools.lru_cache(maxsize=None)(getattr(_package_quote, "__wrapped__", _package_quote))
"""The package's ``quote`` for keys and constant values (shapes, colours, numbers), cached."""


def _attr_list(pairs: Pairs) -> str:
    """`` [k=v ...]`` as ``graphviz.quoting.attr_list`` writes it: map text
    (``NoHtml`` values) quoted each time, keys and constants from a cache."""
    return " [" + " ".join(f"{_quote_constant(key)}="
                           f"{_quote_text(value) if type(value) is NoHtml else _quote_constant(value)}"
                           for key, value in pairs) + "]"


class _Names:
    """Node name (an id, or the name of an undercut mid-point) -> quoted DOT
    name, each quoted once per map."""

    def __init__(self) -> None:
        self.quoted: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        quoted = self.quoted.get(name)
        if quoted is None:
            quoted = self.quoted[name] = _quote_text(tooltip_value(name))
        return quoted

    def mid(self, a: str, b: str) -> str:
        return self(f"link {a}>{b}")  # a space never occurs in an id: no clash


def _add_node(graph: Digraph, name: str, pairs: Pairs) -> None:
    """The line ``graph.node(name, _attributes=pairs)`` writes (``name``
    quoted already), built faster: this and ``_add_edge`` are the hot path."""
    graph.body.append(f"\t{name}{_attr_list(pairs)}\n")


def _add_edge(graph: Digraph, tail: str, head: str, pairs: Pairs) -> None:
    """The line ``graph.edge(tail, head, _attributes=pairs)`` writes (names
    quoted already), without its ``node:port:compass`` parsing (argmap names
    are never ports)."""
    graph.body.append(f"\t{tail} -> {head}{_attr_list(pairs)}\n")


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
    graph_attr = {"id": "argmap", "rankdir": options.rankdir, "fontname": FONT,
                  "newrank": "true", "compound": "true"}
    if options.title and argmap.title:
        graph_attr.update(label=_plain_label(argmap.title), labelloc="t", fontsize="18")
    if len(nodes) > HUGE_MAP:  # 20,000 nodes: ~21 s of CPU instead of ~200 s (bench/bench_render.py)
        graph_attr.update(splines="line", nslimit="0.05", nslimit1="0.1", mclimit="0.1",
                          searchsize="10", remincross="false", outputorder="edgesfirst")
    elif large:
        graph_attr.update(splines="line", nslimit="0.2", nslimit1="0.5", mclimit="0.3",
                          searchsize="20", remincross="false", outputorder="edgesfirst")
    dot = Digraph(name="argmap", strict=False, graph_attr=graph_attr,
                  node_attr={"fontname": FONT, "fontsize": "11", "margin": "0.12,0.06"},
                  edge_attr={"fontname": FONT, "fontsize": "9"})

    names = _Names()
    fills, swatches = ({}, []) if options.color_by == "kind" else _fill_colors(argmap, options)
    relations = [r for r in argmap.relations if r.source in known and all(t in known for t in r.referenced_ids)]
    split = _split_links(relations)

    def status_note(node_id: str) -> str:
        if options.color_by != "status":
            return ""
        status = (options.statuses or {}).get(node_id, "UNDEC")
        return "\ngrounded: " + STATUS_COLORS.get(status, STATUS_COLORS["UNDEC"])[1]

    def add_node(graph: Digraph, node: Node) -> None:
        style = NODE_STYLES[node.kind]
        head = node.id + (f" \u00b7 {node.date.text}" if node.kind is NodeKind.EVIDENCE and node.date else "")
        fill = fills.get(node.id, style.fill if options.color_by == "kind" else "#ffffff")
        _add_node(graph, names(node.id), [
            ("id", tooltip_value(f"node-{node.id}")), ("class", tooltip_value(f"node-{node.kind.value}")),
            ("shape", style.shape), ("style", style.style), ("fillcolor", fill), ("color", style.border),
            ("label", _node_label(head, wrap_text(node.text, options.wrap))),
            ("tooltip", tooltip_value(_tooltip(argmap, node) + status_note(node.id)))])

    by_section: dict[str | None, list[Node]] = {}
    for node in nodes:
        section = node.section if node.section in argmap.section_by_id else None
        by_section.setdefault(section, []).append(node)
    mids_by_section: dict[str | None, list[tuple[str, str, Relation]]] = {}
    node_index = {n.id: n for n in nodes}
    for (a, b), relation in split.items():
        sa, sb = node_index[a].section, node_index[b].section
        mids_by_section.setdefault(sa if sa == sb and sa in argmap.section_by_id else None, []).append(
            (a, b, relation))

    top = "b" if options.rankdir == "BT" else "t"  # Graphviz flips cluster labelloc with BT
    for cluster in argmap.section_by_id.values():
        members = by_section.get(cluster.id, [])
        if not members:
            continue
        cluster_attr = {"id": tooltip_value(f"cluster-{cluster.id}"), "label": _plain_label(cluster.title),
                        "tooltip": tooltip_value(cluster.title), "labelloc": top, "style": "rounded",
                        "color": "#9a9a9a", "fontsize": "13"}
        with dot.subgraph(name=tooltip_value("cluster_" + cluster.id), graph_attr=cluster_attr) as sub:
            for node in members:
                add_node(sub, node)
            for a, b, relation in mids_by_section.get(cluster.id, []):
                _add_mid(sub, names, a, b, relation)
    for node in by_section.get(None, []):
        add_node(dot, node)
    for a, b, relation in mids_by_section.get(None, []):
        _add_mid(dot, names, a, b, relation)

    stagger = {} if large else _stagger(relations, split)
    edge_id = _EdgeIds()
    for relation in relations:
        _add_edges(dot, names, edge_id, relation, split, large, stagger.get(id(relation), 1))
    if options.legend and nodes:
        _legend(dot, nodes, relations, swatches, options)
    return dot.source


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


def _add_mid(graph: Digraph, names: _Names, a: str, b: str, relation: Relation) -> None:
    _add_node(graph, names.mid(a, b), [
        ("id", tooltip_value(f"link-{a}-{b}")), ("shape", "point"), ("width", "0.06"),
        ("color", EDGE_STYLES[relation.kind].color), ("tooltip", tooltip_value(f"{a} {relation.kind.value} {b}"))])


def _weight_attrs(relation: Relation, large: bool) -> Pairs:
    if relation.weight is None:
        return []
    pairs = [("penwidth", f"{1 + 2 * max(0.0, min(relation.weight, 1.0)):.2f}")]
    if not large:
        pairs.append(("label", f"{relation.weight:g}"))  # a number: nothing to escape
    return pairs


def _add_edges(dot: Digraph, names: _Names, edge_id: _EdgeIds, relation: Relation, split: dict[tuple[str, str], Relation],
               large: bool, minlen: int = 1) -> None:
    style = EDGE_STYLES[relation.kind]
    common = [("color", style.color), ("style", style.style)]
    verb = relation.kind.value
    source = names(relation.source)
    if relation.link is not None:
        a, b = relation.link.source, relation.link.target
        if (a, b) not in split:
            return  # the undercut link is not drawn (filtered out, or missing with --force)
        pairs = [("id", tooltip_value(edge_id(f"edge-{relation.source}-{verb}-{a}-{b}")))] + common
        pairs += [("arrowhead", style.arrowhead), ("tooltip", tooltip_value(relation.key))]
        _add_edge(dot, source, names.mid(a, b), pairs + _weight_attrs(relation, large))
        return
    assert relation.target is not None
    target = names(relation.target)
    eid = edge_id(f"edge-{relation.source}-{verb}-{relation.target}")
    tip = [("tooltip", tooltip_value(relation.key))]
    if split.get((relation.source, relation.target)) is relation:
        mid = names.mid(relation.source, relation.target)
        tail = "back" if style.dir == "both" else "none"
        _add_edge(dot, source, mid, [("id", tooltip_value(eid + "-tail"))] + common + [("dir", tail)] + tip)
        pairs = [("id", tooltip_value(eid))] + common + [("arrowhead", style.arrowhead)] + tip
        _add_edge(dot, mid, target, pairs + _weight_attrs(relation, large))
        return
    pairs = [("id", tooltip_value(eid))] + common + [("arrowhead", style.arrowhead)]
    if minlen > 1:
        pairs.append(("minlen", str(minlen)))
    if style.dir != "forward":
        pairs += [("dir", style.dir), ("arrowtail", style.arrowhead)]
    _add_edge(dot, source, target, pairs + tip + _weight_attrs(relation, large))


def _legend(dot: Digraph, nodes: list[Node], relations: list[Relation],
            swatches: list[tuple[str, str]], options: RenderOptions) -> None:
    """A cluster showing the node kinds, relation kinds and colours in use."""
    kinds = [kind for kind in NodeKind if any(node.kind is kind for node in nodes)]
    verbs = [kind for kind in RelationKind if any(r.kind is kind for r in relations)]
    top = "b" if options.rankdir == "BT" else "t"  # Graphviz flips cluster labelloc with BT
    legend_attr = {"id": "argmap-legend", "label": "Legend", "labelloc": top, "style": "rounded,dashed",
                   "color": "#bbbbbb", "fontsize": "11"}
    with dot.subgraph(name="cluster legend", graph_attr=legend_attr) as sub:
        for kind in kinds:
            style = NODE_STYLES[kind]
            fill = style.fill if options.color_by == "kind" else "#ffffff"
            sub.node(f"legend kind {kind.value}", _attributes=[
                ("id", f"legend-{kind.value}"), ("shape", style.shape), ("style", style.style),
                ("fillcolor", fill), ("color", style.border), ("label", kind.value), ("fontsize", "9")])
        for index, (colour, label) in enumerate(swatches):
            sub.node(f"legend colour {index}", _attributes=[
                ("shape", "box"), ("style", "filled"), ("fillcolor", colour), ("color", "#888888"),
                ("label", _plain_label(label)), ("fontsize", "9")])
        for verb in verbs:
            edge = EDGE_STYLES[verb]
            a, b = f"legend {verb.value} from", f"legend {verb.value} to"
            sub.node(a, _attributes=[("shape", "plaintext"), ("label", verb.value), ("fontsize", "9"),
                                     ("height", "0.2")])
            sub.node(b, _attributes=[("shape", "point"), ("width", "0.03"), ("color", "#888888")])
            pairs = [("id", f"legend-{verb.value}-edge"), ("color", edge.color), ("style", edge.style),
                     ("arrowhead", edge.arrowhead)]
            if edge.dir != "forward":
                pairs += [("dir", edge.dir), ("arrowtail", edge.arrowhead)]
            sub.edge(a, b, _attributes=pairs)
