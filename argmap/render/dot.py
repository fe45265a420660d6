"""Scene -> DOT: one graph per group (argmap.render.scene). Pure: no I/O, no
layout engine, deterministic.

Each group's graph holds its nodes, the stubs naming nodes drawn elsewhere,
the marks undercuts end on, and its edges (argmap.render.edges), with the
Graphviz settings that keep its layout bounded (argmap.render.limits). The
statements themselves come from argmap.render.statements; values from the
map are escaped by argmap.render.dot_lines. HTML-like labels are not used:
the WebAssembly build has no expat and would show the node name instead.

Every table is keyed by kind (argmap.render.style), so a new node or relation
kind needs one style entry and nothing here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from graphviz import Digraph  # type: ignore[import-untyped]

from argmap.model import Node, NodeKind, Relation, RelationKind
from argmap.render.dot_lines import label_value, tooltip_value
from argmap.render.edges import Edge, EdgeIds, GroupEdges, Premise, group_edges, mid_name, premise_links, stagger
from argmap.render.limits import edge_limit, graph_settings, ranks_of, simplify, virtual_nodes
from argmap.render.options import COLOR_BY, RANKDIRS, RenderOptions, check_options
from argmap.render.scene import Group, Scene
from argmap.render.statements import LARGE_MAP, MARGIN, Overlay, Statements, fill_colors
from argmap.render.style import FONT

__all__ = ["COLOR_BY", "HUGE_MAP", "LARGE_MAP", "RANKDIRS", "GroupGraph", "Overlay", "RenderOptions",
           "build_graphs", "fill_colors", "group_graph", "label_value", "tooltip_value"]

HUGE_MAP = 4000  # nodes; above this, even fewer network-simplex and mincross iterations


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
    lines: list[str] | None = None  # a one-pass picture's edge statements (instead of ``edges``)
    overlays: dict[str, Overlay] = field(default_factory=dict)
    kinds: set[NodeKind] = field(default_factory=set)
    verbs: set[RelationKind] = field(default_factory=set)
    stubs: int = 0
    premises: bool = False  # argument blocks with premises are drawn
    note: str | None = None
    extra: str = ""  # statements added after the edges (a one-pass legend)
    widths: dict[str, float] = field(default_factory=dict)  # estimated node widths (points)
    rankdir: str = "BT"
    wrap: int = 30
    rebuild: Callable[[int], GroupGraph] | None = None  # the same graph, its text wrapped at another width
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
            parts += [self.nodes[name] for name in cluster.members]  # (no extra indent: no copies)
            parts.append("\t}\n")
        inside = {name for cluster in self.clusters for name in cluster.members}
        parts += [statement for name, statement in self.nodes.items() if name not in inside]
        parts += self.lines if self.lines is not None else [statement for _, statement in self.edges]
        parts.append(self.extra)
        parts.append("}\n")
        return "".join(parts)


def _drawable(relations: tuple[Relation, ...], known: Mapping[str, Node]) -> list[Relation]:
    """The relations whose ends all exist (a map drawn with --force may have others)."""
    out = []
    for relation in relations:
        link = relation.link
        if relation.source in known and (relation.target in known if link is None
                                         else link.source in known and link.target in known):
            out.append(relation)
    return out


def _relations_by_group(scene: Scene) -> tuple[dict[str, list[Relation]], set[tuple[str, str]]]:
    """The relations touching each group (file order), and every drawable link."""
    relations = _drawable(tuple(scene.argmap.relations) + tuple(premise_links(scene.argmap)),
                          scene.argmap.node_by_id)
    if len(scene.groups) == 1 and scene.selection.is_whole:  # no stubs: no links drawn elsewhere
        return {scene.groups[0].key: relations}, set()
    linked = {(r.source, r.target) for r in relations if r.target is not None}
    home = scene.home
    by_group: dict[str, list[Relation]] = {g.key: [] for g in scene.groups}
    for relation in relations:
        touched = {home[end] for end in (relation.source, *relation.referenced_ids) if end in home}
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
    head = _head(options, title, settings)
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
                       verbs={e.relation.kind for e in edges if not isinstance(e.relation, Premise)},
                       premises=any(isinstance(e.relation, Premise) for e in edges), stubs=len(drawn.stubs), note=note,
                       widths=widths, restate=statements.edge)
    if group.clusters:
        graph.clusters = _clusters(scene, group, drawn.mids, options)
    return graph


def _head(options: RenderOptions, title: str | None, settings: dict[str, str]) -> str:
    """``digraph argmap {`` and the graph, node and edge attribute lines."""
    graph_attr = {"id": "argmap", "rankdir": options.rankdir, "fontname": FONT, "newrank": "true",
                  "compound": "true", "nodesep": "0.18", "ranksep": "0.45"}
    if options.spacing is not None:
        graph_attr.update(nodesep=f"{options.spacing[0]:g}", ranksep=f"{options.spacing[1]:g}")
    if title:
        graph_attr.update(label=label_value(title), labelloc="t", fontsize=f"{options.sizes.title:g}")
    graph_attr.update(settings)
    if "splines" in settings:
        graph_attr["outputorder"] = "edgesfirst"
    digraph = Digraph(name="argmap", strict=False, graph_attr=graph_attr,
                      node_attr={"fontname": FONT, "fontsize": f"{options.sizes.text:g}",
                                 "margin": f"{MARGIN[0]:g},{MARGIN[1]:g}"},
                      edge_attr={"fontname": FONT, "fontsize": f"{options.sizes.edge_label:g}"})
    return str(digraph.source[: -len("}\n")])


def _whole_graph(scene: Scene, group: Group, statements: Statements, relations: list[Relation], ids: EdgeIds,
                 options: RenderOptions, title: str | None) -> GroupGraph:
    """A one-pass picture of a whole map (the biggest maps): every relation an
    edge, sections as clusters, written without Edge objects (the fast path)."""
    options = replace(options, rankdir="BT" if options.rankdir == "auto" else options.rankdir)
    statements.options = options
    undercut = {(r.link.source, r.link.target) for r in relations if r.link is not None}
    split: dict[tuple[str, str], Relation] = {}
    verbs: set[RelationKind] = set()
    premises = False
    for relation in relations:
        if type(relation) is Premise:
            premises = True
        else:
            verbs.add(relation.kind)
        if undercut and relation.target is not None and (relation.source, relation.target) in undercut:
            split.setdefault((relation.source, relation.target), relation)
    overlays: dict[str, Overlay] = {}
    nodes = {node.id: statements.node(node, overlays) for node in group.nodes}
    for (a, b), relation in split.items():
        nodes[mid_name(a, b)] = statements.mark(a, b, relation)
    graph = GroupGraph(group.key, group.title, _head(options, title, _node_tiers(len(group.nodes))), nodes, [],
                       kinds={n.kind for n in group.nodes}, verbs=verbs, premises=premises,
                       rankdir=options.rankdir)
    graph.lines = statements.whole_edges(relations, split, ids)
    graph.clusters = _clusters(scene, group, split, options)
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
    section_of = {node.id: node.section for node in group.nodes if node.section is not None}
    for a, b in mids:
        home = section_of.get(a)
        if home is not None and home == section_of.get(b) and home in members:
            members[home].append(mid_name(a, b))
    top = "b" if options.rankdir == "BT" else "t"  # Graphviz flips cluster labelloc with BT
    clusters = []
    for key in [HYPOTHESES] + list(sections):
        if key not in members:
            continue
        title = group_title(scene.argmap, key)
        attr = {"id": tooltip_value(f"cluster-{key}"), "label": label_value(title), "tooltip": tooltip_value(title),
                "labelloc": top, "style": "rounded", "color": "#9a9a9a", "fontsize": f"{options.sizes.section:g}",
                "fontname": FONT}
        holder = Digraph()
        holder.subgraph(Digraph(name=tooltip_value("cluster_" + key), graph_attr=attr))
        clusters.append(Cluster("cluster_" + key, "".join(holder.body[:-1]), members[key]))
    return clusters


def build_graphs(scene: Scene, options: RenderOptions, two_pass: bool) -> list[GroupGraph]:
    """The DOT graph of every group of ``scene`` (the collector paused: a big map
    makes hundreds of thousands of strings that all live on)."""
    from argmap.memory import collector_paused

    with collector_paused():
        return _build_graphs(scene, options, two_pass)


def _build_graphs(scene: Scene, options: RenderOptions, two_pass: bool) -> list[GroupGraph]:
    check_options(options)
    fills: dict[str, str] = {} if options.color_by == "kind" else fill_colors(scene.argmap, options)[0]
    statements = Statements(scene, options, fills, two_pass)
    by_group, linked = _relations_by_group(scene)
    ids = EdgeIds()
    title = scene.argmap.title if options.title and not two_pass else None
    if not two_pass and scene.selection.is_whole and len(scene.groups) == 1 and (
            options.full or len(by_group[scene.groups[0].key]) <= edge_limit(len(scene.groups[0].nodes))):
        return [_whole_graph(scene, scene.groups[0], statements, by_group[scene.groups[0].key], ids, options, title)]
    drawn = [group_edges(scene, group, by_group[group.key], ids, linked) for group in scene.groups]
    if options.rankdir == "auto":
        options = replace(options, rankdir=choose_rankdir(scene, drawn, statements, options, two_pass))
        statements.options = options
    graphs = [group_graph(scene, group, statements, edges, options, title)
              for group, edges in zip(scene.groups, drawn, strict=True)]
    fills = statements.fills

    def rebuilder(group: Group, edges: GroupEdges) -> Callable[[int], GroupGraph]:
        def rebuild(wrap: int) -> GroupGraph:
            narrower = replace(options, wrap=wrap)
            graph = group_graph(scene, group, Statements(scene, narrower, fills, two_pass), edges, narrower, title)
            graph.rankdir, graph.wrap, graph.rebuild = options.rankdir, wrap, rebuild
            return graph

        return rebuild

    for graph, group, edges in zip(graphs, scene.groups, drawn, strict=True):
        graph.rankdir, graph.wrap = options.rankdir, options.wrap
        if two_pass:
            graph.rebuild = rebuilder(group, edges)
    return graphs


RANK_GAP = 40.0  # points between ranks, about (ranksep and the arrowheads)
NODE_GAP = 14.0  # points between the nodes of a rank (nodesep)


def choose_rankdir(scene: Scene, drawn: list[GroupEdges], statements: Statements, options: RenderOptions,
                   two_pass: bool) -> str:
    """``auto``: RL (theses on the left, their reasons to the right) when the
    widest piece of the picture, its ranks side by side, fits ``options.width``
    (a broad, shallow map stays narrow); else whichever of RL and BT (theses on
    top) is estimated narrower. One-pass pictures (the biggest maps) are BT."""
    if not two_pass:
        return "BT"
    across = along = 0.0  # the widest piece laid out RL / BT, estimated
    for group, edges in zip(scene.groups, drawn, strict=True):
        widths = statements.widths(group, edges.stubs)
        names = [n.id for n in group.nodes] + list(edges.stubs) + [mid_name(a, b) for a, b in edges.mids]
        rl, bt = piece_widths(names, edges.edges, widths)
        across, along = max(across, rl), max(along, bt)
    if across <= options.width or across <= along:
        return "RL"
    return "BT"


def piece_widths(names: list[str], edges: list[Edge], widths: Mapping[str, float]) -> tuple[float, float]:
    """The estimated width of the widest connected piece laid out RL (the
    widest node of each rank, side by side) and BT (the nodes of its fullest rank)."""
    ranks = ranks_of(names, edges)
    parent = {name: name for name in ranks}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for edge in edges:
        a, b = root(edge.tail), root(edge.head)
        if a != b:
            parent[b] = a
    widest: dict[tuple[str, int], float] = {}
    fullest: dict[tuple[str, int], float] = {}
    for name, rank in ranks.items():
        key = (root(name), rank)
        width = widths.get(name, 12.0)
        widest[key] = max(widest.get(key, 0.0), width)
        fullest[key] = fullest.get(key, 0.0) + width + NODE_GAP
    across: dict[str, float] = {}
    for (piece, _), width in widest.items():
        across[piece] = across.get(piece, 0.0) + width + RANK_GAP
    return max(across.values(), default=0.0), max(fullest.values(), default=0.0)
