"""Scene -> DOT: one graph per group (argmap.render.scene). Pure: no I/O, no
layout engine, deterministic.

Values from the map are escaped and quoted by argmap.render.dot_lines (see
its docstring for the rules); statements are the very lines the ``graphviz``
package's ``Digraph.node`` / ``Digraph.edge`` would write, built from per-kind
constant parts (this is the hot path on big maps). HTML-like labels are not
used: the WebAssembly build has no expat and would show the node name.

Labels have a hierarchy without HTML: in a *two-pass* picture (argmap lays it
out, then draws it at the positions found, argmap.render.arrange) each label
starts with an empty line, and the second pass writes the small header (kind,
date, credibility, status) into that line in a smaller, grey font; evidence
rated against hypotheses gets a footer line the same way. A *one-pass*
picture (maps over scene.STACK_LIMIT nodes) writes the header as the label's
first line.

Every table is keyed by kind (argmap.render.style), so a new node or relation
kind needs one style entry and nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from graphviz import Digraph  # type: ignore[import-untyped]

from argmap.model import Grade, Map, Node, NodeKind, Relation, RelationKind
from argmap.render.dot_lines import (
    Names,
    a_list,
    attr_list,
    label_value,
    plain_ids,
    quote_constant,
    quoted_label,
    quoted_tip,
    tooltip_value,
)
from argmap.render.edges import Edge, EdgeIds, GroupEdges, Stub, group_edges, mid_name, stagger
from argmap.render.labels import SEPARATOR, node_header, short_name, text_width, tooltip
from argmap.render.limits import graph_settings, ranks_of, simplify, virtual_nodes
from argmap.render.options import COLOR_BY, RANKDIRS, RenderOptions, check_options
from argmap.render.scene import Group, Scene
from argmap.render.style import (
    EDGE_STYLES,
    FONT,
    NODE_STYLES,
    SIZES,
    STATUS_STYLES,
    STUB_STYLE,
    UNDERCUT_MARK,
    palette_color,
)
from argmap.render.wrap import wrap_words

__all__ = ["COLOR_BY", "HUGE_MAP", "LARGE_MAP", "RANKDIRS", "GroupGraph", "Overlay", "RenderOptions",
           "group_graph", "label_value", "tooltip_value"]

LARGE_MAP = 1000  # nodes; above this, layout settings that scale (bench/bench_render.py)
HUGE_MAP = 4000  # nodes; above this, even fewer network-simplex and mincross iterations
_KIND_NAMES = {kind: kind.value for kind in NodeKind}  # enum .value is a slow descriptor
_VERBS = {kind: kind.value for kind in RelationKind}
_GRADES = {grade: grade.value for grade in Grade}
MARGIN = (0.14, 0.07)  # inches around a node's label


@dataclass(frozen=True, slots=True)
class Overlay:
    """The small lines drawn over a node's empty first (and last) label line in
    the second pass: ``lines`` counts every line of the label."""

    header: str
    footer: str | None
    lines: int


@dataclass
class Cluster:
    name: str
    head: str  # ``subgraph NAME {`` and its graph attribute line
    members: list[str]


@dataclass
class GroupGraph:
    """One group's graph: statements by node name, edges, clusters, and what
    the second pass adds (overlays, legend entries)."""

    key: str
    title: str | None
    head: str  # from ``digraph`` to the default attribute lines
    nodes: dict[str, str]  # name -> statement (ends with "]\n")
    edges: list[tuple[Edge, str]]
    clusters: list[Cluster] = field(default_factory=list)
    overlays: dict[str, Overlay] = field(default_factory=dict)
    kinds: set[NodeKind] = field(default_factory=set)
    verbs: set[RelationKind] = field(default_factory=set)
    stubs: int = 0
    note: str | None = None
    extra: str = ""  # statements added after the edges (a one-pass legend)
    widths: dict[str, float] = field(default_factory=dict)  # estimated node widths (points)
    rankdir: str = "BT"
    restate: Callable[[Edge], str] | None = None

    def restagger(self, row_width: float) -> None:
        """Stack leaves in more rows: re-stagger for ``row_width`` points."""
        assert self.restate is not None
        edges = [edge for edge, _ in self.edges]
        stagger(edges, self.widths, row_width)
        self.edges = [(edge, self.restate(edge)) for edge in edges]

    def order(self) -> list[str]:
        """The node names in the order the DOT text declares them."""
        inside = [name for cluster in self.clusters for name in cluster.members]
        seen = set(inside)
        return inside + [name for name in self.nodes if name not in seen]

    def source(self) -> str:
        """The DOT text of this graph."""
        parts = [self.head]
        for cluster in self.clusters:
            parts.append(cluster.head)
            parts += ["\t" + self.nodes[name] for name in cluster.members]
            parts.append("\t}\n")
        inside = {name for cluster in self.clusters for name in cluster.members}
        parts += [statement for name, statement in self.nodes.items() if name not in inside]
        parts += [statement for _, statement in self.edges]
        parts.append(self.extra)
        parts.append("}\n")
        return "".join(parts)


def fill_colors(argmap: Map, options: RenderOptions) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Node id -> fill colour for ``color_by`` other than kind, and the legend
    swatches (colour, label) in first-appearance order."""
    if options.color_by == "status":
        statuses = options.statuses or {}
        fills = {n.id: STATUS_STYLES.get(statuses.get(n.id, "UNDEC"), STATUS_STYLES["UNDEC"]).fill
                 for n in argmap.nodes}
        return fills, [(s.fill, s.legend) for s in STATUS_STYLES.values()]
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


def _edge_parts(kind: RelationKind) -> tuple[str, str, str]:
    """The constant attribute text of one relation kind: the whole edge, the
    ``dir``/``arrowtail`` of a two-headed edge, the first half of a split edge."""
    style = EDGE_STYLES[kind]
    common = [("color", style.color), ("style", style.style), ("penwidth", f"{style.penwidth:g}")]
    head = [("arrowhead", style.arrowhead)] + ([("arrowsize", f"{style.arrowsize:g}")] if style.arrowsize != 1 else [])
    turned = "" if style.dir == "forward" else " " + a_list([("dir", style.dir), ("arrowtail", style.arrowhead)])
    tail = "back" if style.dir == "both" else "none"
    return a_list(common + head), turned, a_list(common + [("dir", tail)])


_EDGE_PARTS = {kind: _edge_parts(kind) for kind in RelationKind}


class Statements:
    """Node, stub, mark and edge statements of one scene, with per-kind parts cached."""

    def __init__(self, scene: Scene, options: RenderOptions, fills: dict[str, str], two_pass: bool) -> None:
        self.scene, self.argmap, self.options, self.fills, self.two_pass = (
            scene, scene.argmap, options, fills, two_pass)
        self.plain = plain_ids(scene.argmap.node_by_id)
        self.names = Names(self.plain)
        self.kind_parts: dict[tuple[NodeKind, str, str], str] = {}
        self.by_kind = options.color_by == "kind"
        self.statuses: Mapping[str, str] | None = scene.statuses if options.color_by == "status" else None
        self.large = len(scene.argmap.nodes) > LARGE_MAP
        self.ratings = scene.numbers if two_pass else {}

    def _middle(self, kind: NodeKind, fill: str, status: str | None) -> str:
        key = (kind, fill, status or "")
        middle = self.kind_parts.get(key)
        if middle is None:
            style = NODE_STYLES[kind]
            look = style.style
            if status is not None and STATUS_STYLES[status].border_style != "solid":
                look = ",".join(p for p in look.split(",") if p not in ("dashed", "dotted", "bold"))
                look += "," + STATUS_STYLES[status].border_style
            middle = self.kind_parts[key] = a_list([
                ("class", tooltip_value(f"node-{_KIND_NAMES[kind]}")), ("shape", style.shape),
                ("style", look), ("fillcolor", fill), ("color", style.border)])
        return middle

    def node(self, node: Node, overlays: dict[str, Overlay]) -> str:
        """The statement of a node drawn here."""
        kind = node.kind
        fill = self.fills.get(node.id, NODE_STYLES[kind].fill if self.by_kind else "#ffffff")
        status = None
        if self.statuses is not None:
            status = self.statuses.get(node.id, "UNDEC")
            status = status if status in STATUS_STYLES else "UNDEC"
        focus = node.id == self.scene.selection.focus
        header = node_header(node, ids=self.options.ids, status=status, number=self.scene.numbers.get(node.id),
                             focus=focus)
        words = " ".join(node.text.split())
        lines = wrap_words(words, self.options.wrap)
        extra = ""
        if self.two_pass:
            footer = self._footer(node)
            label = "\n".join([" "] + lines + ([" "] if footer else []))
            overlays[node.id] = Overlay(header, footer, len(lines) + 1 + (1 if footer else 0))
            needed = max(text_width(header, SIZES.header), text_width(footer or "", SIZES.header))
            extra = f" width={quote_constant(f'{needed / 72 + 2 * MARGIN[0]:.2f}')}"
        else:
            label = "\n".join([header] + lines)
        if focus:
            extra += " penwidth=3 peripheries=2"
        tip = tooltip(self.argmap, node, words)
        if status is not None:
            tip += "\ngrounded: " + STATUS_STYLES[status].legend
        node_id = f'"node-{node.id}"' if node.id in self.plain else quoted_tip("node-" + node.id)
        return (f"\t{self.names(node.id)} [id={node_id} {self._middle(kind, fill, status)} "
                f"label={quoted_label(label)}{extra} tooltip={quoted_tip(tip)}]\n")

    def widths(self, group: Group, stubs: Mapping[str, Stub]) -> dict[str, float]:
        """About how wide each node and stub of ``group`` is drawn, in points."""
        margin = 2 * MARGIN[0] * 72
        widths = {}
        for node in group.nodes:
            lines = wrap_words(" ".join(node.text.split()), self.options.wrap)
            widths[node.id] = max((text_width(line, SIZES.text) for line in lines), default=20.0) + margin
        for name, stub in stubs.items():
            text = short_name(self.argmap.node_by_id[stub.node], self.options.ids) if stub.node else "the link"
            where = self.scene.where(stub.node) if stub.node else ""
            widths[name] = max(text_width(text, SIZES.stub), text_width("\u00a7 " + _cut(where, 34), SIZES.stub)) + margin
        return widths

    def _footer(self, node: Node) -> str | None:
        """The ACH ratings of a piece of evidence: ``H1 C · H2 N``."""
        if not node.ratings:
            return None
        cells = [f"{self.ratings.get(r.hypothesis, r.hypothesis)} {_GRADES[r.grade]}" for r in node.ratings
                 if r.hypothesis in self.argmap.node_by_id]
        return ("ACH  " + SEPARATOR.join(cells)) if cells else None

    def stub(self, group: Group, stub: Stub) -> str:
        """A small dashed box naming a node (or a link) drawn elsewhere."""
        where = ""
        if stub.node is not None:
            other = self.argmap.node_by_id[stub.node]
            name = short_name(other, self.options.ids)
            where = self.scene.where(stub.node)
            label = f"{name}\n\u00a7 {_cut(where, 34)}" if where else name
            tip = f"{_KIND_NAMES[other.kind]} {other.id}\n{' '.join(other.text.split())}"
            tip += f"\n(drawn in: {where})" if where else ""
            border = NODE_STYLES[other.kind].border
            href = self.scene.link(stub.node)
            element = f"stub-{group.key}-{stub.node}"
        else:
            assert stub.link is not None
            a, b = (self.argmap.node_by_id[x] for x in stub.link)
            label = f"the link\n{short_name(a, self.options.ids, 18)} \u2192 {short_name(b, self.options.ids, 18)}"
            tip = f"the relation {a.id} -> {b.id}, drawn in {self.scene.where(a.id)}"
            border = STUB_STYLE.border
            href = self.scene.link(a.id)
            element = f"stub-{group.key}-{a.id}-{b.id}"
        pairs = [("id", tooltip_value(element)), ("class", "stub"), ("shape", STUB_STYLE.shape),
                 ("style", STUB_STYLE.style), ("color", border), ("fontsize", f"{SIZES.stub:g}"),
                 ("label", label_value(label)), ("tooltip", tooltip_value(tip))]
        if href:
            pairs.append(("href", tooltip_value(href)))
        return f"\t{self.names(stub.name)}{attr_list(pairs)}\n"

    def mark(self, a: str, b: str, relation: Relation) -> str:
        """The diamond in the middle of the undercut edge ``a -> b``."""
        colour = EDGE_STYLES[RelationKind.UNDERCUTS].color
        pairs = [("id", tooltip_value(f"link-{a}-{b}")), ("label", ""), ("fixedsize", "true")]
        pairs += [(key, value) for key, value in UNDERCUT_MARK.items()]
        pairs += [("color", colour), ("fillcolor", colour),
                  ("tooltip", tooltip_value(f"{a} {_VERBS[relation.kind]} {b}"))]
        return f"\t{self.names(f'link {a}>{b}')}{attr_list(pairs)}\n"

    def _weight(self, relation: Relation) -> str:
        if relation.weight is None:
            return ""
        base = EDGE_STYLES[relation.kind].penwidth
        text = f" penwidth={quote_constant(f'{base * (0.5 + max(0.0, min(relation.weight, 1.0))):.2f}')}"
        if not self.large:
            text += f" label={quote_constant(f'{relation.weight:g}')}"  # a number: nothing to escape
        return text

    def edge(self, edge: Edge) -> str:
        relation = edge.relation
        plain, turned, tail_half = _EDGE_PARTS[relation.kind]
        quoted = self.names.quoted
        tail = quoted.get(edge.tail) or self.names(edge.tail)
        head = quoted.get(edge.head) or self.names(edge.head)
        if relation.source in self.plain and (relation.target or "") in self.plain and relation.link is None:
            tip = f'"{relation.source} {_VERBS[relation.kind]} {relation.target}"'
        else:
            tip = quoted_tip(relation.key)
        eid = f'"{edge.id}"' if relation.link is None and relation.source in self.plain and (
            relation.target in self.plain) else quoted_tip(edge.id)
        if edge.part == "tail":
            return f"\t{tail} -> {head} [id={eid} {tail_half} tooltip={tip}]\n"
        weight = "" if relation.weight is None else self._weight(relation)
        extra = f" minlen={quote_constant(str(edge.minlen))}" if edge.minlen > 1 else ""
        turned = turned if edge.part == "whole" else ""
        return f"\t{tail} -> {head} [id={eid} {plain}{extra}{turned} tooltip={tip}{weight}]\n"


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "\u2026"


def _relations_by_group(scene: Scene) -> tuple[dict[str, list[Relation]], set[tuple[str, str]]]:
    """The relations touching each group (file order), and every drawable link."""
    known = scene.argmap.node_by_id
    home = scene.home
    by_group: dict[str, list[Relation]] = {g.key: [] for g in scene.groups}
    linked: set[tuple[str, str]] = set()
    single = scene.groups[0].key if len(scene.groups) == 1 else None
    for relation in scene.argmap.relations:
        ends = relation.referenced_ids
        if relation.source not in known or not ends or any(end not in known for end in ends):
            continue
        if relation.target is not None:
            linked.add((relation.source, relation.target))
        if single is not None:
            if relation.source in home or any(end in home for end in ends):
                by_group[single].append(relation)
            continue
        touched = {home[end] for end in (relation.source, *ends) if end in home}
        for key in touched:
            by_group[key].append(relation)
    return by_group, linked


def group_graph(scene: Scene, group: Group, statements: Statements, drawn: GroupEdges, options: RenderOptions,
                title: str | None) -> GroupGraph:
    """The DOT graph of one group (``options.rankdir`` decided already)."""
    edges = drawn.edges
    widths = statements.widths(group, drawn.stubs) if not statements.large else {}
    if widths and options.rankdir in ("BT", "TB"):
        stagger(edges, widths, options.width * 0.9)
    names = [n.id for n in group.nodes] + list(drawn.stubs) + [f"link {a}>{b}" for a, b in drawn.mids]
    if statements.large and len(edges) <= 3 * len(names) + 60:
        note = None  # the common case on big maps: skip the ranking below
        settings = _node_tiers(len(group.nodes))
    else:
        edges, note = simplify(names, edges, options.full)
        work = len(names) + len(edges) + (virtual_nodes(names, edges) if not statements.large else 0)
        settings = graph_settings(work, options.full) if not statements.large else _node_tiers(len(group.nodes))
        if options.full:
            settings = {}
    graph_attr = {"id": "argmap", "rankdir": options.rankdir, "fontname": FONT, "newrank": "true",
                  "compound": "true", "nodesep": "0.22", "ranksep": "0.42"}
    if title:
        graph_attr.update(label=label_value(title), labelloc="t", fontsize=f"{SIZES.title:g}")
    graph_attr.update(settings)
    if "splines" in settings:
        graph_attr["outputorder"] = "edgesfirst"
    digraph = Digraph(name="argmap", strict=False, graph_attr=graph_attr,
                      node_attr={"fontname": FONT, "fontsize": f"{SIZES.text:g}",
                                 "margin": f"{MARGIN[0]:g},{MARGIN[1]:g}"},
                      edge_attr={"fontname": FONT, "fontsize": f"{SIZES.edge_label:g}"})
    head = digraph.source[: -len("}\n")]
    overlays: dict[str, Overlay] = {}
    nodes: dict[str, str] = {}
    for node in group.nodes:
        nodes[node.id] = statements.node(node, overlays)
    for stub in drawn.stubs.values():
        nodes[stub.name] = statements.stub(group, stub)
    for (a, b), relation in drawn.mids.items():
        nodes[f"link {a}>{b}"] = statements.mark(a, b, relation)
    graph = GroupGraph(group.key, group.title, head, nodes, [(e, statements.edge(e)) for e in edges],
                       overlays=overlays, kinds={n.kind for n in group.nodes},
                       verbs={e.relation.kind for e in edges}, stubs=len(drawn.stubs), note=note,
                       widths=widths, restate=statements.edge)
    if group.clusters:
        graph.clusters = _clusters(scene, group, drawn.mids, options)
    return graph


def _node_tiers(nodes: int) -> dict[str, str]:
    """The settings of a one-pass picture by its number of nodes (bench/bench_render.py)."""
    if nodes > HUGE_MAP:  # 20,000 nodes: ~21 s of CPU instead of ~200 s
        return {"splines": "line", "nslimit": "0.05", "nslimit1": "0.1", "mclimit": "0.1", "searchsize": "10",
                "remincross": "false"}
    if nodes > LARGE_MAP:
        return {"splines": "line", "nslimit": "0.2", "nslimit1": "0.5", "mclimit": "0.3", "searchsize": "20",
                "remincross": "false"}
    return {}


def _clusters(scene: Scene, group: Group, mids: dict[tuple[str, str], Relation],
              options: RenderOptions) -> list[Cluster]:
    """One cluster per section (and one for the hypotheses outside every section)."""
    from argmap.render.scene import HYPOTHESES, group_title

    sections = scene.argmap.section_by_id
    members: dict[str, list[str]] = {}
    for node in group.nodes:
        if node.section is not None and node.section in sections:
            members.setdefault(node.section, []).append(node.id)
        elif node.kind is NodeKind.HYPOTHESIS:
            members.setdefault(HYPOTHESES, []).append(node.id)
    section_of = {node.id: node.section for node in group.nodes}
    for a, b in mids:
        if a in section_of and section_of[a] == section_of.get(b) and section_of[a] in members:
            members[section_of[a]].append(f"link {a}>{b}")
    top = "b" if options.rankdir == "BT" else "t"  # Graphviz flips cluster labelloc with BT
    clusters = []
    for key in [HYPOTHESES] + list(sections):
        if key not in members:
            continue
        title = group_title(scene.argmap, key)
        attr = {"id": tooltip_value(f"cluster-{key}"), "label": label_value(title), "tooltip": tooltip_value(title),
                "labelloc": top, "style": "rounded", "color": "#9a9a9a", "fontsize": f"{SIZES.section:g}",
                "fontname": FONT}
        holder = Digraph()
        holder.subgraph(Digraph(name=tooltip_value("cluster_" + key), graph_attr=attr))
        clusters.append(Cluster("cluster_" + key, "".join(holder.body[:-1]), members[key]))
    return clusters


def build_graphs(scene: Scene, options: RenderOptions, two_pass: bool) -> list[GroupGraph]:
    """The DOT graph of every group of ``scene``."""
    check_options(options)
    fills: dict[str, str] = {} if options.color_by == "kind" else fill_colors(scene.argmap, options)[0]
    statements = Statements(scene, options, fills, two_pass)
    by_group, linked = _relations_by_group(scene)
    ids = EdgeIds()
    title = scene.argmap.title if options.title and not two_pass else None
    drawn = [group_edges(scene, group, by_group[group.key], ids, linked) for group in scene.groups]
    if options.rankdir == "auto":
        options = replace(options, rankdir=choose_rankdir(scene, drawn, statements, options, two_pass))
        statements.options = options
    graphs = [group_graph(scene, group, statements, edges, options, title)
              for group, edges in zip(scene.groups, drawn, strict=True)]
    for graph in graphs:
        graph.rankdir = options.rankdir
    return graphs


RANK_GAP = 40.0  # points between ranks, about (ranksep and the arrowheads)


def choose_rankdir(scene: Scene, drawn: list[GroupEdges], statements: Statements, options: RenderOptions,
                   two_pass: bool) -> str:
    """``auto``: RL (theses on the left, their reasons to the right) when every
    group's longest chain of relations fits ``options.width`` side by side,
    which keeps a broad, shallow map narrow; else BT (theses on top). One-pass
    pictures (the biggest maps) are always BT."""
    if not two_pass:
        return "BT"
    for group, edges in zip(scene.groups, drawn, strict=True):
        widths = statements.widths(group, edges.stubs)
        names = [n.id for n in group.nodes] + list(edges.stubs) + [mid_name(a, b) for a, b in edges.mids]
        ranks = ranks_of(names, edges.edges)
        widest: dict[int, float] = {}
        for name, rank in ranks.items():
            widest[rank] = max(widest.get(rank, 0.0), widths.get(name, 12.0))
        if sum(widest.values()) + RANK_GAP * len(widest) > options.width:
            return "BT"
    return "RL"

