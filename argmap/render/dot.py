"""Map -> DOT text with the ``graphviz`` package (``Digraph``). Pure: no I/O,
no layout engine, deterministic.

Values from the map are escaped and quoted by argmap.render.dot_lines (see
its docstring for the rules); node and edge statements go into
``Digraph.body`` as the very lines ``Digraph.node`` / ``Digraph.edge`` would
write, built from per-kind constant parts (this is the hot path on big maps).
HTML-like labels are not used: the WebAssembly build has no expat and would
show the node name instead.

An undercut points at the middle of the edge it attacks: that edge is drawn
as two halves through a tiny point node (``id="link-A-B"``), and the undercut
ends on the point.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from graphviz import Digraph  # type: ignore[import-untyped]

from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from argmap.render.dot_lines import (
    Names,
    Pairs,
    a_list,
    attr_list,
    label_value,
    plain_ids,
    quote_constant,
    quote_text,
    quoted_label,
    quoted_tip,
    tooltip_value,
)
from argmap.render.style import (
    EDGE_STYLES,
    FONT,
    NODE_STYLES,
    STATUS_COLORS,
    palette_color,
)
from argmap.render.wrap import wrap_text, wrap_words

__all__ = ["LARGE_MAP", "RenderOptions", "build_dot", "label_value", "tooltip_value",
           "wrap_text"]

LARGE_MAP = 1000  # nodes; above this, layout settings that scale (bench/bench_render.py)
HUGE_MAP = 4000  # nodes; above this, even fewer network-simplex and mincross iterations
RANKDIRS = ("TB", "BT", "LR", "RL")
COLOR_BY = ("kind", "tag", "section", "status")
_KIND_NAMES = {kind: kind.value for kind in NodeKind}  # enum .value is a slow descriptor
_VERBS = {kind: kind.value for kind in RelationKind}

# Compatibility names for the helpers that moved to argmap.render.dot_lines.
_Names = Names
_quote_text = quote_text
_attr_list = attr_list


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


def _plain_label(text: str) -> str:
    return label_value(" ".join(text.split()))


def _tooltip(argmap: Map, node: Node, words: str | None = None) -> str:
    """Kind, id, text and the node's details, one per line (``words``: the
    node's text with its whitespace collapsed, when the caller has it)."""
    if words is None:
        words = " ".join(node.text.split())
    text = f"{_KIND_NAMES[node.kind]} {node.id}\n{words}"
    if node.date is None and node.credibility is None and not node.tags and not node.citations:
        return text
    parts = [text]
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
    by_tag = options.color_by == "tag"
    for node in argmap.nodes:
        key = (node.tags[0] if node.tags else None) if by_tag else node.section
        if key is None:
            continue
        if key not in keys:
            keys[key] = palette_color(len(keys))
        fills.setdefault(node.id, keys[key])
    if options.color_by == "section":
        titles = {s.id: s.title for s in argmap.sections}
        return fills, [(colour, titles.get(key, key)) for key, colour in keys.items()]
    return fills, [(colour, key) for key, colour in keys.items()]


class _EdgeIds:
    """Hands out unique edge ids."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        count = self.seen.get(base, 0) + 1
        self.seen[base] = count
        return base if count == 1 else f"{base}-{count}"


def _add_node(graph: Digraph, name: str, pairs: Pairs) -> None:
    """The line ``graph.node(name, _attributes=pairs)`` writes (``name`` quoted already)."""
    graph.body.append(f"\t{name}{attr_list(pairs)}\n")


def _add_edge(graph: Digraph, tail: str, head: str, pairs: Pairs) -> None:
    """The line ``graph.edge(tail, head, _attributes=pairs)`` writes (names
    quoted already), without its ``node:port:compass`` parsing (argmap names
    are never ports)."""
    graph.body.append(f"\t{tail} -> {head}{attr_list(pairs)}\n")


@dataclass(frozen=True)
class _EdgeParts:
    """The constant attribute text of one relation kind's edges."""

    plain: str  # color style arrowhead
    turned: str  # dir arrowtail (with a leading space) unless forward
    tail_half: str  # color style dir: the first half of a split edge

    @classmethod
    def of(cls, kind: RelationKind) -> _EdgeParts:
        style = EDGE_STYLES[kind]
        common = [("color", style.color), ("style", style.style)]
        turned = "" if style.dir == "forward" else " " + a_list([("dir", style.dir), ("arrowtail", style.arrowhead)])
        tail = "back" if style.dir == "both" else "none"
        return cls(a_list(common + [("arrowhead", style.arrowhead)]), turned, a_list(common + [("dir", tail)]))


_EDGE_PARTS = {kind: _EdgeParts.of(kind) for kind in RelationKind}


class _Lines:
    """The node and edge statements of one map, as ``Digraph`` writes them."""

    def __init__(self, argmap: Map, options: RenderOptions, fills: dict[str, str], large: bool) -> None:
        self.argmap, self.options, self.fills, self.large = argmap, options, fills, large
        self.plain = plain_ids(argmap.node_by_id)
        self.names = Names(self.plain)
        self.edge_id = _EdgeIds()
        self.kind_parts: dict[tuple[NodeKind, str], str] = {}
        self.by_kind = options.color_by == "kind"
        self.statuses: Mapping[str, str] | None = None
        if options.color_by == "status":
            self.statuses = options.statuses or {}

    def node(self, node: Node) -> str:
        """``Digraph.node(name, _attributes=[id class shape style fillcolor color label tooltip])``."""
        kind = node.kind
        style = NODE_STYLES[kind]
        fill = self.fills.get(node.id, style.fill if self.by_kind else "#ffffff")
        middle = self.kind_parts.get((kind, fill))
        if middle is None:
            middle = self.kind_parts[(kind, fill)] = a_list([
                ("class", tooltip_value(f"node-{_KIND_NAMES[kind]}")), ("shape", style.shape),
                ("style", style.style), ("fillcolor", fill), ("color", style.border)])
        head = node.id + (f" \u00b7 {node.date.text}" if kind is NodeKind.EVIDENCE and node.date else "")
        words = " ".join(node.text.split())
        label = quoted_label("\n".join([head] + wrap_words(words, self.options.wrap)))
        tip = _tooltip(self.argmap, node, words)
        if self.statuses is not None:
            status = self.statuses.get(node.id, "UNDEC")
            tip += "\ngrounded: " + STATUS_COLORS.get(status, STATUS_COLORS["UNDEC"])[1]
        node_id = f'"node-{node.id}"' if node.id in self.plain else quoted_tip("node-" + node.id)
        return (f"\t{self.names(node.id)} [id={node_id} {middle} "
                f"label={label} tooltip={quoted_tip(tip)}]\n")

    def mid(self, a: str, b: str, relation: Relation) -> str:
        """The point node in the middle of the undercut edge ``a -> b``."""
        return f"\t{self.names.mid(a, b)}" + attr_list([
            ("id", tooltip_value(f"link-{a}-{b}")), ("shape", "point"), ("width", "0.06"),
            ("color", EDGE_STYLES[relation.kind].color),
            ("tooltip", tooltip_value(f"{a} {_VERBS[relation.kind]} {b}"))]) + "\n"

    def weight(self, relation: Relation) -> str:
        """`` penwidth=.. label=..`` for a weighted relation (no label on large maps)."""
        if relation.weight is None:
            return ""
        text = f" penwidth={quote_constant(f'{1 + 2 * max(0.0, min(relation.weight, 1.0)):.2f}')}"
        if not self.large:
            text += f" label={quote_constant(f'{relation.weight:g}')}"  # a number: nothing to escape
        return text

    def edges(self, relation: Relation, split: dict[tuple[str, str], Relation], minlen: int = 1) -> list[str]:
        """The edge lines of one relation: one, two halves when it is undercut, or
        none for an undercut whose link is not drawn."""
        parts = _EDGE_PARTS[relation.kind]
        verb = _VERBS[relation.kind]
        quoted_names = self.names.quoted  # the nodes' names are quoted already: skip the call
        source = quoted_names.get(relation.source) or self.names(relation.source)
        weight = "" if relation.weight is None else self.weight(relation)
        if relation.link is not None:
            tip = quoted_tip(relation.key)
            a, b = relation.link.source, relation.link.target
            if (a, b) not in split:
                return []  # the undercut link is not drawn (filtered out, or missing with --force)
            eid = quoted_tip(self.edge_id(f"edge-{relation.source}-{verb}-{a}-{b}"))
            return [f"\t{source} -> {self.names.mid(a, b)} [id={eid} {parts.plain} tooltip={tip}{weight}]\n"]
        assert relation.target is not None
        target = quoted_names.get(relation.target) or self.names(relation.target)
        eid = self.edge_id(f"edge-{relation.source}-{verb}-{relation.target}")
        if relation.source in self.plain and relation.target in self.plain:  # nothing to escape
            tip = f'"{relation.source} {verb} {relation.target}"'
            quoted = f'"{eid}"'
        else:
            tip = quoted_tip(f"{relation.source} {verb} {relation.target}")  # relation.key
            quoted = quoted_tip(eid)
        if split and split.get((relation.source, relation.target)) is relation:
            mid = self.names.mid(relation.source, relation.target)
            return [f"\t{source} -> {mid} [id={quoted_tip(eid + '-tail')} {parts.tail_half} tooltip={tip}]\n",
                    f"\t{mid} -> {target} [id={quoted} {parts.plain} tooltip={tip}{weight}]\n"]
        extra = f" minlen={quote_constant(str(minlen))}" if minlen > 1 else ""
        return [(f"\t{source} -> {target} [id={quoted} {parts.plain}{extra}{parts.turned} "
                 f"tooltip={tip}{weight}]\n")]


def build_dot(argmap: Map, options: RenderOptions | None = None) -> str:
    """The DOT text of ``argmap`` as it is (apply views first: argmap.render.views)."""
    options = options or RenderOptions()
    if options.rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}")
    if options.color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_BY)}")
    nodes = list(argmap.node_by_id.values())
    node_index = argmap.node_by_id
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

    fills, swatches = ({}, []) if options.color_by == "kind" else _fill_colors(argmap, options)
    lines = _Lines(argmap, options, fills, large)
    relations = [r for r in argmap.relations if r.source in node_index
                 and (r.target is None or r.target in node_index if r.link is None
                      else r.link.source in node_index and r.link.target in node_index)]
    split = _split_links(relations)

    sections = argmap.section_by_id
    by_section: dict[str | None, list[Node]] = {}
    for node in nodes:
        by_section.setdefault(node.section if node.section in sections else None, []).append(node)
    mids_by_section: dict[str | None, list[tuple[str, str, Relation]]] = {}
    for (a, b), relation in split.items():
        sa, sb = node_index[a].section, node_index[b].section
        mids_by_section.setdefault(sa if sa == sb and sa in sections else None, []).append((a, b, relation))

    top = "b" if options.rankdir == "BT" else "t"  # Graphviz flips cluster labelloc with BT
    for cluster in sections.values():
        members = by_section.get(cluster.id, [])
        if not members:
            continue
        cluster_attr = {"id": tooltip_value(f"cluster-{cluster.id}"), "label": _plain_label(cluster.title),
                        "tooltip": tooltip_value(cluster.title), "labelloc": top, "style": "rounded",
                        "color": "#9a9a9a", "fontsize": "13"}
        # A graph of its own, not ``with dot.subgraph(...)``: that copies the
        # parent's whole body for every section (quadratic); the lines are the same.
        sub = Digraph(name=tooltip_value("cluster_" + cluster.id), graph_attr=cluster_attr)
        sub.body += [lines.node(node) for node in members]
        sub.body += [lines.mid(a, b, relation) for a, b, relation in mids_by_section.get(cluster.id, [])]
        dot.subgraph(sub)
    dot.body += [lines.node(node) for node in by_section.get(None, [])]
    dot.body += [lines.mid(a, b, relation) for a, b, relation in mids_by_section.get(None, [])]

    stagger = {} if large else _stagger(relations, split)
    for relation in relations:
        dot.body += lines.edges(relation, split, stagger.get(id(relation), 1))
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


def _legend(dot: Digraph, nodes: list[Node], relations: list[Relation],
            swatches: list[tuple[str, str]], options: RenderOptions) -> None:
    """A cluster showing the node kinds, relation kinds and colours in use."""
    present = {node.kind for node in nodes}
    used = {r.kind for r in relations}
    kinds = [kind for kind in NodeKind if kind in present]
    verbs = [kind for kind in RelationKind if kind in used]
    top = "b" if options.rankdir == "BT" else "t"  # Graphviz flips cluster labelloc with BT
    legend_attr = {"id": "argmap-legend", "label": "Legend", "labelloc": top, "style": "rounded,dashed",
                   "color": "#bbbbbb", "fontsize": "11"}
    sub = Digraph(name="cluster legend", graph_attr=legend_attr)  # not dot.subgraph(): no body copy
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
    dot.subgraph(sub)
