"""Two-pass drawing: lay out each group with Graphviz's ``dot``, place the
pieces, draw the whole at those positions with Graphviz's ``nop2``.

1. Each group's graph (argmap.render.dot) is laid out with ``dot`` into JSON:
   node centres and sizes, edge splines, cluster boxes.
2. In a stacked picture, a group falls apart into its connected pieces
   (a thesis with its reasons, a lone node, ...). The pieces are packed in
   rows no wider than ``RenderOptions.width`` in written order, inside the
   group's titled box; the boxes follow each other the same way, and the
   legend comes last (beside the last box when it fits, else below). A joined
   picture keeps Graphviz's layout as it is.
3. The second pass writes every statement again with its position (``pos``,
   cluster ``bb``), adds the small header and footer lines over each node's
   empty first and last label lines, the legend and the title, and Graphviz
   draws it with ``-Knop2`` into any format.

Only translations happen between the passes: no edge is re-routed. The
positioned DOT of the second pass is what ``--format dot`` writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

from argmap.render.dot import GroupGraph, Overlay, build_graphs, fill_colors
from argmap.render.dot_lines import a_list, label_value, tooltip_value
from argmap.render.engines import Engine, RenderFailed
from argmap.render.labels import text_width
from argmap.render.legend import Legend, legend_block
from argmap.render.options import RenderOptions
from argmap.render.scene import Scene
from argmap.render.style import FONT, HEADER_COLOR, SIZES, Sizes

__all__ = ["Layout", "Piece", "draw", "layout", "shelf"]

GAP = 22.0  # points between pieces
BOX_PAD = 12.0  # points inside a group's box
LINE_SPACING = 1.2  # Graphviz's line height, in font sizes
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass
class Layout:
    """Where ``dot`` put one graph's nodes (centre x, y, width, height in points),
    edges (spline, label position) and clusters (bounding box), by name / id."""

    nodes: dict[str, tuple[float, float, float, float]]
    edges: dict[str, tuple[str, tuple[float, float] | None]]
    clusters: dict[str, tuple[float, float, float, float]]


@dataclass
class Piece:
    """Part of a group moved as one: node names and edge ids, its box."""

    names: list[str]
    edges: list[str]
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 (Graphviz points, y up)


@dataclass
class Placed:
    """A rectangle placed on the page: ``dx``, ``dy`` move Graphviz points there."""

    width: float
    height: float
    x: float = 0.0  # page position of the top-left corner (y down)
    y: float = 0.0
    pieces: list[tuple[Piece, float, float]] = field(default_factory=list)  # piece, x, y inside (page units)


def _points(text: str) -> list[tuple[float, float]]:
    values = [float(v) for v in _NUMBER.findall(text)]
    return list(zip(values[0::2], values[1::2], strict=False))


def layout(engine: Engine, graph: GroupGraph) -> Layout:
    """Pass 1: ``graph`` laid out by ``dot``."""
    import json

    data = engine.render(graph.source(), "json0")
    try:
        document = json.loads(data)
    except ValueError:
        raise RenderFailed("Graphviz wrote a layout argmap cannot read") from None
    objects = document.get("objects", [])
    node_objects = [o for o in objects if "pos" in o and "width" in o]
    cluster_objects = [o for o in objects if "bb" in o and "pos" not in o]
    names = graph.order()
    if len(node_objects) != len(names):
        raise RenderFailed(f"Graphviz laid out {len(node_objects)} nodes of {len(names)}")
    nodes = {}
    for name, obj in zip(names, node_objects, strict=True):
        x, y = _points(obj["pos"])[0]
        nodes[name] = (x, y, float(obj["width"]) * 72, float(obj["height"]) * 72)
    edges = {}
    for obj in document.get("edges", []):
        if "pos" in obj and "id" in obj:
            label = _points(obj["lp"])[0] if "lp" in obj else None
            edges[obj["id"]] = (obj["pos"], label)
    clusters = {}
    for cluster, obj in zip(graph.clusters, cluster_objects, strict=False):
        x0, y0, x1, y1 = (float(v) for v in obj["bb"].split(","))
        clusters[cluster.name] = (x0, y0, x1, y1)
    return Layout(nodes, edges, clusters)


def _stored(value: str) -> str:
    """An id as Graphviz stores it after reading our quoted value."""
    return str(tooltip_value(value))


def pieces(graph: GroupGraph, found: Layout) -> list[Piece]:
    """The connected pieces of a group, in the order their first node is written."""
    parent = {name: name for name in graph.nodes}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for edge, _ in graph.edges:
        a, b = root(edge.tail), root(edge.head)
        if a != b:
            parent[b] = a
    groups: dict[str, list[str]] = {}
    for name in graph.nodes:
        groups.setdefault(root(name), []).append(name)
    edge_groups: dict[str, list[str]] = {}
    for edge, _ in graph.edges:
        edge_groups.setdefault(root(edge.tail), []).append(_stored(edge.id))
    result = []
    for key, names in groups.items():
        boxes = [_node_box(found.nodes[name]) for name in names]
        for eid in edge_groups.get(key, []):
            spline, label = found.edges.get(eid, ("", None))
            boxes += [(x, y, x, y) for x, y in _points(spline)]
            if label is not None:
                boxes.append((label[0] - 12, label[1] - 7, label[0] + 12, label[1] + 7))
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        result.append(Piece(names, edge_groups.get(key, []), box))
    return result


def _node_box(node: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    x, y, w, h = node
    return (x - w / 2, y - h / 2, x + w / 2, y + h / 2)


def shelf(sizes: list[tuple[float, float]], width: float, gap: float = GAP,
          alone: frozenset[int] = frozenset()) -> tuple[list[tuple[float, float]], float, float]:
    """Top-left corners (page units, y down) of rectangles packed in rows at most
    ``width`` wide, in order; and the packed width and height. The rectangles
    whose index is in ``alone`` get a row of their own."""
    corners: list[tuple[float, float]] = []
    x = y = row_height = used_width = 0.0
    for index, (w, h) in enumerate(sizes):
        if x > 0 and (x + w > width or index in alone or index - 1 in alone):
            y += row_height + gap
            x = row_height = 0.0
        corners.append((x, y))
        x += w + gap
        row_height = max(row_height, h)
        used_width = max(used_width, x - gap)
    return corners, used_width, (y + row_height if sizes else 0.0)


@dataclass
class Block:
    """A group (or the legend) as a rectangle on the page."""

    graph: GroupGraph | None
    found: Layout | None
    width: float
    height: float
    placed: list[tuple[Piece, float, float]]  # piece and its top-left inside the block (page units)
    titled: bool
    legend: Drawable | None = None


class Drawable(Protocol):
    """A block argmap lays out itself (the legend, a link): size and statements."""

    width: float
    height: float

    def statements(self, x: float, y: float) -> list[str]: ...


@dataclass
class NoteBox:
    """A line of small print at the top of a picture: what was left out of it."""

    text: str
    width: float  # the whole row: the note stands above the picture
    height: float = 22.0
    size: float = SIZES.stub  # points

    def statements(self, x: float, y: float) -> list[str]:
        from argmap.render.dot_lines import quote_text

        pairs = [("id", "argmap-simplified"), ("class", "note"), ("shape", "plaintext"), ("labeljust", "l"),
                 ("fontsize", f"{self.size:g}"), ("fontcolor", "#8a3b00"),
                 ("label", label_value(self.text) + "\\l"),
                 ("fixedsize", "true"), ("width", f"{self.width / 72:.3f}"), ("height", f"{self.height / 72:.3f}"),
                 ("pos", f"{x + self.width / 2:.2f},{y + self.height / 2:.2f}")]
        return [f"\t{quote_text(tooltip_value('argmap note ' + self.text[:20]))} [{a_list(pairs)}]\n"]


@dataclass
class LinkBox:
    """A small link at the top of a picture (``◂ overview`` on atlas pages)."""

    text: str
    href: str
    width: float = 0.0
    height: float = 26.0

    def __post_init__(self) -> None:
        self.width = text_width(self.text, SIZES.stub) + 24

    def statements(self, x: float, y: float) -> list[str]:
        from argmap.render.dot_lines import quote_text

        pairs = [("id", "argmap-back"), ("shape", "box"), ("style", "rounded"), ("color", "#9a9a9a"),
                 ("fontsize", f"{SIZES.stub:g}"), ("label", label_value(self.text)),
                 ("href", tooltip_value(self.href)), ("fixedsize", "true"),
                 ("width", f"{(self.width - 4) / 72:.3f}"), ("height", f"{(self.height - 6) / 72:.3f}"),
                 ("pos", f"{x + self.width / 2:.2f},{y + self.height / 2:.2f}")]
        return [f"\t{quote_text('argmap back')} [{a_list(pairs)}]\n"]


def _group_block(graph: GroupGraph, found: Layout, options: RenderOptions, split: bool) -> Block:
    title = graph.title if options.frames else None
    title_height = options.sizes.section * 1.7 if title else 0.0
    if split:
        parts = pieces(graph, found)
    else:
        boxes = [_node_box(n) for n in found.nodes.values()] + list(found.clusters.values())
        spline_points = [p for spline, _ in found.edges.values() for p in _points(spline)]
        boxes += [(x, y, x, y) for x, y in spline_points]
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        parts = [Piece(list(graph.nodes), [_stored(e.id) for e, _ in graph.edges], box)]
    pad = BOX_PAD if title else 0.0
    sizes = [(p.box[2] - p.box[0], p.box[3] - p.box[1]) for p in parts]
    corners, used, height = shelf(sizes, options.width - 2 * pad)
    width = max(used, text_width(title or "", options.sizes.section) + 8) + 2 * pad
    placed = [(part, pad + cx, pad + title_height + cy) for part, (cx, cy) in zip(parts, corners, strict=True)]
    return Block(graph, found, width, height + 2 * pad + title_height, placed, bool(title))


def _fitted_block(engine: Engine, graph: GroupGraph, options: RenderOptions, split: bool) -> Block:
    """The block of ``graph``; when one of its pieces is wider than the picture
    should be, it is laid out again (a few times at most): RL or LR with its
    text wrapped narrower (its chains are too long for the width), BT or TB
    with its leaves stacked in more rows (its fans are too broad)."""
    block = _group_block(graph, layout(engine, graph), options, split)
    for _ in range(3):
        if not split or block.width <= options.width or graph.rankdir not in ("RL", "LR") or graph.rebuild is None:
            break
        wrap = max(MIN_WRAP, int(graph.wrap * options.width / block.width * 0.92))
        if wrap >= graph.wrap:
            break
        graph = graph.rebuild(wrap)
        block = _group_block(graph, layout(engine, graph), options, split)
    row_width = options.width * 0.9
    for _ in range(3):
        if not split or block.width <= options.width or graph.restate is None or len(graph.nodes) > 400:
            break
        row_width *= 0.55
        graph.restagger(row_width)
        block = _group_block(graph, layout(engine, graph), options, split)
    return block


MIN_WRAP = 16  # characters: the narrowest a stacked picture wraps its text to fit the width
TRY_BOTH = 400  # nodes; up to this many, ``auto`` lays a picture out both ways and keeps the better


def _narrower(scene: Scene, options: RenderOptions, engine: Engine, graphs: list[GroupGraph], blocks: list[Block],
              adjust: Callable[[list[GroupGraph]], None] | None) -> tuple[list[GroupGraph], list[Block]]:
    """``--rankdir auto`` on a small picture: lay it out in the other direction
    too (RL <-> BT) and keep RL if it fits the width, else the narrower one."""
    chosen = graphs[0].rankdir if graphs else "RL"
    other = "BT" if chosen == "RL" else "RL"
    alternative = build_graphs(scene, replace(options, rankdir=other), True)
    if adjust is not None:
        adjust(alternative)
    stacked = scene.mode == "stacked"
    other_blocks = [_fitted_block(engine, graph, options, stacked) for graph in alternative if graph.nodes]
    width = max((b.width for b in blocks), default=0.0)
    other_width = max((b.width for b in other_blocks), default=0.0)
    rl, bt = (width, other_width) if chosen == "RL" else (other_width, width)
    keep_rl = rl <= options.width or rl <= bt
    if (chosen == "RL") == keep_rl:
        return graphs, blocks
    return alternative, other_blocks


def draw(scene: Scene, options: RenderOptions, fmt: str, out: Engine, engine: Engine,
         adjust: Callable[[list[GroupGraph]], None] | None = None) -> tuple[bytes, list[str]]:
    """The picture of ``scene`` as ``fmt`` bytes, and the notes on what was
    simplified. ``adjust``: called with the group graphs before their layout."""
    from argmap.render import two_pass
    from argmap.render.legend import one_pass_legend

    twice = two_pass(scene)
    graphs = build_graphs(scene, options, twice)
    if adjust is not None:
        adjust(graphs)
    notes = [_note(scene, graph) for graph in graphs if graph.note]
    if not twice:
        if options.legend and graphs:
            one_pass_legend(graphs[0], scene, options)
        source = "".join(g.source() for g in graphs)
        if fmt == "dot":
            return source.encode("utf-8"), notes
        return _fonts(out.render(source, fmt), fmt), notes
    stacked = scene.mode == "stacked"
    blocks = [_fitted_block(engine, graph, options, stacked) for graph in graphs if graph.nodes]
    if options.rankdir == "auto" and len(scene.home) <= TRY_BOTH:
        graphs, blocks = _narrower(scene, options, engine, graphs, blocks, adjust)
    limit = max([options.width] + [b.width for b in blocks])
    legend: Legend | None = None
    if options.legend:
        swatches = [] if options.color_by == "kind" else fill_colors(scene.argmap, options)[1]
        kinds = set().union(*(g.kinds for g in graphs)) if graphs else set()
        verbs = set().union(*(g.verbs for g in graphs)) if graphs else set()
        _, used, _ = shelf([(b.width, b.height) for b in blocks], limit)
        legend = legend_block(kinds, verbs, any(g.stubs for g in graphs), swatches, options, used or limit,
                              premises=any(g.premises for g in graphs))
    if scene.back is not None:
        back = LinkBox("\u25c2 overview of the map", scene.back)
        blocks.insert(0, Block(None, None, back.width, back.height, [], False, back))
    for graph in reversed(graphs):
        if graph.note:
            where = f" (\u201c{graph.title}\u201d)" if graph.title and len(graphs) > 1 else ""
            text = f"Simplified{where}: {graph.note}; argmap render --full draws every relation."
            widest = max((b.width for b in blocks), default=0.0)
            size = options.sizes.stub
            note = NoteBox(text, min(limit, max(widest, text_width(text, size) + 12)), max(22.0, size * 2.1), size)
            blocks.insert(0, Block(None, None, note.width, note.height, [], False, note))
    alone = frozenset(i for i, b in enumerate(blocks) if isinstance(b.legend, NoteBox))
    corners, used, total_height = shelf([(b.width, b.height) for b in blocks], limit, alone=alone)
    if legend is not None:  # in the corner beside the last part if it fits the width, else below
        last_x, last_y = corners[-1] if corners else (0.0, 0.0)
        right = last_x + (blocks[-1].width if blocks else 0.0)
        beside = bool(blocks) and right + GAP + legend.width <= max(used, legend.width)
        corner = (right + GAP, last_y) if beside else (0.0, total_height + (GAP if blocks else 0.0))
        blocks.append(Block(None, None, legend.width, legend.height, [], False, legend))
        corners.append(corner)
        total_height = max(total_height, corner[1] + legend.height)
    source = _second_pass(scene, options, blocks, corners, total_height)
    if fmt == "dot":
        return with_hint(source).encode("utf-8"), notes
    return _fonts(out.render(source, fmt, layout="nop2"), fmt), notes


def with_hint(source: str) -> str:
    """A positioned DOT with a first comment saying how to draw it."""
    head, _, rest = source.partition("\n")
    return f"{head}\n\t// laid out by argmap: draw it at these positions with  dot -Knop2 -Tsvg FILE\n{rest}"


def _fonts(data: bytes, fmt: str) -> bytes:
    """Two touches to Graphviz's SVG: name Arial after Helvetica (Graphviz writes
    ``Helvetica,sans-Serif``, which some renderers resolve to a font wider than
    the one the layout measured), and longer dots for dotted lines (Graphviz
    writes 1-point dots whatever the line width, too faint for a thick undercut)."""
    if fmt != "svg":
        return data
    data = data.replace(b'font-family="Helvetica,sans-Serif"', b'font-family="Helvetica,Arial,sans-serif"')
    return data.replace(b'stroke-dasharray="1,5"', b'stroke-dasharray="3,3"')


def _note(scene: Scene, graph: GroupGraph) -> str:
    where = f" in {graph.title!r}" if graph.title and len(scene.groups) > 1 else ""
    return f"the picture is simplified{where}: {graph.note}; --full draws everything (slowly)"


def _shift(spline: str, dx: float, dy: float) -> str:
    out = []
    for token in spline.split():
        prefix = ""
        if token[:2] in ("e,", "s,"):
            prefix, token = token[:2], token[2:]
        x, y = token.split(",")[:2]
        out.append(f"{prefix}{float(x) + dx:.2f},{float(y) + dy:.2f}")
    return " ".join(out)


def _with(statement: str, extra: str) -> str:
    """``statement`` (``... ]\\n``) with ``extra`` attributes added."""
    return statement[:-2] + " " + extra + "]\n"


def _second_pass(scene: Scene, options: RenderOptions, blocks: list[Block], corners: list[tuple[float, float]],
                 total: float) -> str:
    """The positioned DOT of the whole picture."""
    sizes = options.sizes
    graph_attr = [("id", "argmap"), ("fontname", FONT), ("bgcolor", "white"), ("pad", "0.2")]
    if options.title and scene.argmap.title:
        graph_attr += [("label", label_value(" ".join(scene.argmap.title.split()))), ("labelloc", "t"),
                       ("fontsize", f"{sizes.title:g}")]
    lines = ["digraph argmap {\n", f"\tgraph [{a_list(graph_attr)}]\n",
             f"\tnode [{a_list([('fontname', FONT), ('fontsize', f'{sizes.text:g}'), ('margin', '0.14,0.07')])}]\n",
             f"\tedge [{a_list([('fontname', FONT), ('fontsize', f'{sizes.edge_label:g}')])}]\n"]
    edges: list[str] = []
    overlays: list[str] = []
    for block, (bx, by) in zip(blocks, corners, strict=True):
        if block.legend is not None:
            lines += block.legend.statements(bx, total - by - block.height)
            continue
        graph, found = block.graph, block.found
        assert graph is not None and found is not None
        by_id = {_stored(e.id): statement for e, statement in graph.edges}
        inside: list[str] = []
        for piece, px, py in block.placed:
            x0, _, _, y1 = piece.box
            dx = bx + px - x0
            dy = total - (by + py) - y1
            placed: list[tuple[str, str]] = []
            for name in piece.names:
                x, y, _, _ = found.nodes[name]
                placed.append((name, _with(graph.nodes[name], f'pos="{x + dx:.2f},{y + dy:.2f}"')))
                overlay = graph.overlays.get(name)
                if overlay is not None:
                    overlays += _overlay(name, overlay, x + dx, y + dy, sizes)
            for eid in piece.edges:
                spline, label = found.edges.get(eid, ("", None))
                edges.append(_edge_at(by_id[eid], spline, label, dx, dy))
            if not block.titled and graph.clusters:  # a joined picture: Graphviz's clusters, moved
                for cluster in graph.clusters:
                    if cluster.name in found.clusters:
                        cx0, cy0, cx1, cy1 = found.clusters[cluster.name]
                        bb = f"{cx0 + dx:.2f},{cy0 + dy:.2f},{cx1 + dx:.2f},{cy1 + dy:.2f}"
                        head = cluster.head.replace("graph [", f'graph [bb="{bb}" ', 1)
                        members = [_with(graph.nodes[n], _pos_of(found, n, dx, dy)) for n in cluster.members]
                        lines += [head] + ["\t" + m for m in members] + ["\t}\n"]
                member_set = {n for c in graph.clusters for n in c.members}
                placed = [(n, statement) for n, statement in placed if n not in member_set]
            inside += [statement for _, statement in placed]
        if block.titled:
            top = total - by
            bb = f"{bx:.2f},{top - block.height:.2f},{bx + block.width:.2f},{top:.2f}"
            attr = [("id", tooltip_value(f"cluster-{graph.key}")), ("label", label_value(graph.title or "")),
                    ("tooltip", tooltip_value(graph.title or "")), ("labelloc", "t"), ("labeljust", "l"),
                    ("style", "rounded"), ("color", "#9a9a9a"), ("fontsize", f"{sizes.section:g}"),
                    ("fontname", FONT), ("bb", bb)]
            href = scene.group_link(graph.key)
            if href:
                attr.append(("href", tooltip_value(href)))
            lines.append(f"\tsubgraph {_cluster_name(graph.key)} {{\n\t\tgraph [{a_list(attr)}]\n")
            lines += ["\t" + s for s in inside] + ["\t}\n"]
        else:
            lines += inside
    return "".join(lines + edges + overlays) + "}\n"


def _cluster_name(key: str) -> str:
    from argmap.render.dot_lines import quote_text

    return quote_text(tooltip_value("cluster_" + key))


def _pos_of(found: Layout, name: str, dx: float, dy: float) -> str:
    x, y, _, _ = found.nodes[name]
    return f'pos="{x + dx:.2f},{y + dy:.2f}"'


def _edge_at(statement: str, spline: str, label: tuple[float, float] | None, dx: float, dy: float) -> str:
    extra = f'pos="{_shift(spline, dx, dy)}"' if spline else ""
    if label is not None:
        extra += f' lp="{label[0] + dx:.2f},{label[1] + dy:.2f}"'
    return _with(statement, extra) if extra else statement


def _overlay(name: str, overlay: Overlay, x: float, y: float, sizes: Sizes = SIZES) -> list[str]:
    """The header (and footer) of node ``name`` centred on (x, y)."""
    from argmap.render.dot_lines import quote_text

    step = sizes.text * LINE_SPACING
    first = y + (overlay.lines - 1) / 2 * step
    common = [("shape", "plaintext"), ("fontsize", f"{sizes.header:g}"), ("fontcolor", HEADER_COLOR),
              ("margin", "0"), ("width", "0.1"), ("height", "0.1"), ("class", "header")]
    out = []
    if overlay.header is not None:
        out.append(f"\t{quote_text(tooltip_value('hdr ' + name))} [{a_list(common + [('id', tooltip_value('hdr-' + name)), ('label', label_value(overlay.header)), ('pos', f'{x:.2f},{first - 1.5:.2f}')])}]\n")
    if overlay.footer:
        last = y - (overlay.lines - 1) / 2 * step
        out.append(f"\t{quote_text(tooltip_value('ftr ' + name))} [{a_list(common + [('id', tooltip_value('ftr-' + name)), ('label', label_value(overlay.footer)), ('pos', f'{x:.2f},{last + 1.5:.2f}')])}]\n")
    return out
