"""The legend: the node kinds, relations and colours a picture uses.

In a two-pass picture (argmap.render.arrange) the legend is a compact block
laid out here, row by row within a given width, so it never widens the
picture: it goes beside the last part when there is room, else below. A
one-pass picture (the biggest maps) gets a Graphviz cluster instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graphviz import Digraph  # type: ignore[import-untyped]

from argmap.model import NodeKind, RelationKind, RelationRole
from argmap.render.dot_lines import a_list, attr_list, label_value
from argmap.render.options import RenderOptions
from argmap.render.scene import Scene
from argmap.render.style import (
    EDGE_STYLES,
    FONT,
    NODE_STYLES,
    PREMISE_STYLE,
    SIZES,
    STATUS_STYLES,
    STUB_STYLE,
    UNDERCUT_MARK,
)

__all__ = ["Legend", "legend_block", "one_pass_legend"]

GAP = 14.0  # points between entries
SLACK = 1.12  # text widths are Helvetica's; a renderer may substitute a wider font
ROW = 24.0  # height of a row of entries
PAD = 8.0
LINE = 38.0  # length of a relation's sample line

# What each kind and relation is called in the legend (complete: see the style tests).
KIND_WORDS = {kind: kind.value for kind in NodeKind}
VERB_WORDS = {kind: kind.value + (f" ({EDGE_STYLES[kind].gloss})" if EDGE_STYLES[kind].gloss else "")
              for kind in RelationKind}

Emit = Callable[[float, float], list[str]]  # bottom-left corner (Graphviz points) -> statements


@dataclass
class Entry:
    width: float
    emit: Emit


@dataclass
class Legend:
    """A laid-out legend: its size in points and its statements at an offset."""

    width: float
    height: float
    entries: list[tuple[float, float, Entry]]  # x, y of each entry's bottom-left inside the block

    def statements(self, x: float, y: float) -> list[str]:
        """The legend's cluster and statements with its bottom-left corner at (x, y)."""
        lines = [f"\tsubgraph \"cluster legend\" {{\n\t\tgraph [{a_list([('id', 'argmap-legend'), ('label', 'Legend'), ('labeljust', 'l'), ('labelloc', 't'), ('style', 'rounded,dashed'), ('color', '#bbbbbb'), ('fontsize', f'{SIZES.legend:g}'), ('fontname', FONT), ('bb', f'{x:.2f},{y:.2f},{x + self.width:.2f},{y + self.height:.2f}')])}]\n"]
        edges: list[str] = []
        for ex, ey, entry in self.entries:
            for statement in entry.emit(x + ex, y + ey):
                (edges if " -> " in statement else lines).append("\t" + statement)
        lines.append("\t}\n")
        return lines + edges


def _node(name: str, pairs: list[tuple[str, str]], x: float, y: float) -> str:
    return f"\t{_quoted(name)}{attr_list(pairs + [('pos', f'{x:.2f},{y:.2f}')])}\n"


def _quoted(name: str) -> str:
    return '"' + name + '"'


def _kind_entry(kind: NodeKind, options: RenderOptions) -> Entry:
    from argmap.render.labels import text_width

    style = NODE_STYLES[kind]
    word = KIND_WORDS[kind]
    width = SLACK * text_width(word, SIZES.legend) + (26 if style.shape in ("hexagon", "ellipse") else 16)
    fill = style.fill if options.color_by == "kind" else "#ffffff"

    def emit(x: float, y: float) -> list[str]:
        return [_node(f"legend kind {kind.value}", [
            ("id", f"legend-{kind.value}"), ("shape", style.shape), ("style", style.style), ("fillcolor", fill),
            ("color", style.border), ("label", word), ("fontsize", f"{SIZES.legend:g}"), ("fixedsize", "true"),
            ("width", f"{width / 72:.3f}"), ("height", f"{(ROW - 4) / 72:.3f}")], x + width / 2, y + ROW / 2)]

    return Entry(width, emit)


def _stub_entry() -> Entry:
    from argmap.render.labels import text_width

    word = "drawn in another part"
    width = SLACK * text_width(word, SIZES.legend) + 16

    def emit(x: float, y: float) -> list[str]:
        return [_node("legend stub", [
            ("id", "legend-stub"), ("shape", STUB_STYLE.shape), ("style", STUB_STYLE.style),
            ("color", STUB_STYLE.border), ("label", word), ("fontsize", f"{SIZES.legend:g}"),
            ("fixedsize", "true"), ("width", f"{width / 72:.3f}"), ("height", f"{(ROW - 4) / 72:.3f}")],
            x + width / 2, y + ROW / 2)]

    return Entry(width, emit)


def _verb_entry(verb: RelationKind | None) -> Entry:
    """A relation's sample line and name (None: the premise of an argument block)."""
    from argmap.render.labels import text_width

    style = EDGE_STYLES[verb] if verb is not None else PREMISE_STYLE
    word = VERB_WORDS[verb] if verb is not None else "premise of an argument"
    slug = verb.value if verb is not None else "premise"
    after = 14.0 if verb is not None and verb.role is RelationRole.UNDERCUT else 6.0  # room for the mark the line ends on
    width = LINE + after + SLACK * text_width(word, SIZES.legend)

    def emit(x: float, y: float) -> list[str]:
        mid = y + ROW / 2
        a, b, text = f"legend {slug} from", f"legend {slug} to", f"legend {slug} text"
        point = [("shape", "point"), ("style", "invis"), ("width", "0.01"), ("label", "")]
        end = x + LINE
        headed = style.arrowhead != "none"
        tip = end - 10 * style.arrowsize if headed else end
        both = style.dir == "both"
        start = x + 10 * style.arrowsize if both else x
        pos = (f"s,{x:.2f},{mid:.2f} " if both else "") + (f"e,{end:.2f},{mid:.2f} " if headed else "") + (
            f"{start:.2f},{mid:.2f} {start + 8:.2f},{mid:.2f} {tip - 8:.2f},{mid:.2f} {tip:.2f},{mid:.2f}")
        pairs = [("id", f"legend-{slug}-edge"), ("color", style.color), ("style", style.style),
                 ("penwidth", f"{style.penwidth:g}"), ("arrowhead", style.arrowhead),
                 ("arrowsize", f"{style.arrowsize:g}")]
        if style.dir != "forward":
            pairs += [("dir", style.dir), ("arrowtail", style.arrowhead)]
        lines = [_node(a, point, x, mid), _node(b, point, end, mid),
                 _node(text, [("shape", "plaintext"), ("label", word), ("fontsize", f"{SIZES.legend:g}"),
                              ("margin", "0"), ("width", "0.1"), ("height", "0.1")],
                       x + LINE + after + SLACK * text_width(word, SIZES.legend) / 2, mid)]
        if verb is not None and verb.role is RelationRole.UNDERCUT:
            lines.append(_node("legend undercut mark", [("shape", UNDERCUT_MARK["shape"]), ("label", ""),
                                                        ("fixedsize", "true"), ("width", UNDERCUT_MARK["width"]),
                                                        ("height", UNDERCUT_MARK["height"]), ("style", "filled"),
                                                        ("color", style.color), ("fillcolor", style.color)],
                               end + 3, mid))
        lines.append(f"\t{_quoted(a)} -> {_quoted(b)}{attr_list(pairs + [('pos', pos)])}\n")
        return lines

    return Entry(width, emit)


def _swatch_entry(index: int, colour: str, text: str, border: str = "#888888", style: str = "filled") -> Entry:
    from argmap.render.labels import text_width

    words = " ".join(text.split())
    words = words if len(words) <= 40 else words[:39] + "\u2026"
    width = SLACK * text_width(words, SIZES.legend) + 16

    def emit(x: float, y: float) -> list[str]:
        return [_node(f"legend colour {index}", [
            ("id", f"legend-colour-{index}"), ("shape", "box"), ("style", style), ("fillcolor", colour),
            ("color", border), ("label", label_value(words)), ("fontsize", f"{SIZES.legend:g}"),
            ("fixedsize", "true"), ("width", f"{width / 72:.3f}"), ("height", f"{(ROW - 4) / 72:.3f}")],
            x + width / 2, y + ROW / 2)]

    return Entry(width, emit)


def legend_block(kinds: set[NodeKind], verbs: set[RelationKind], stubs: bool, swatches: list[tuple[str, str]],
                 options: RenderOptions, width: float, premises: bool = False) -> Legend | None:
    """The legend for what is drawn, flowed in rows at most ``width`` points wide."""
    entries = [_kind_entry(kind, options) for kind in NodeKind if kind in kinds]
    if stubs:
        entries.append(_stub_entry())
    entries += [_verb_entry(verb) for verb in RelationKind if verb in verbs]
    if premises:
        entries.append(_verb_entry(None))
    if options.color_by == "status":
        entries += [_swatch_entry(i, s.fill, f"{s.word.lower()}: {s.legend}", style=f"filled,{s.border_style}")
                    for i, s in enumerate(STATUS_STYLES.values())]
        if NodeKind.QUESTION in kinds:  # questions are not evaluated: no status, no fill
            entries.append(_swatch_entry(len(STATUS_STYLES), "#ffffff", "not evaluated (questions)"))
    else:
        entries += [_swatch_entry(i, colour, text) for i, (colour, text) in enumerate(swatches)]
    if not entries:
        return None
    inner = max(width - 2 * PAD, max(e.width for e in entries))
    rows: list[list[Entry]] = [[]]
    used = 0.0
    for entry in entries:
        if rows[-1] and used + GAP + entry.width > inner:
            rows.append([])
            used = 0.0
        used += (GAP if rows[-1] else 0) + entry.width
        rows[-1].append(entry)
    title = SIZES.legend * 1.6
    height = len(rows) * ROW + (len(rows) - 1) * 4 + 2 * PAD + title
    placed: list[tuple[float, float, Entry]] = []
    block_width = 0.0
    for index, row in enumerate(rows):
        y = height - PAD - title - (index + 1) * ROW - index * 4
        x = PAD
        for entry in row:
            placed.append((x, y, entry))
            x += entry.width + GAP
        block_width = max(block_width, x - GAP + PAD)
    return Legend(block_width, height, placed)


def one_pass_legend(graph: object, scene: Scene, options: RenderOptions) -> None:
    """A Graphviz cluster with the kinds and relations of a one-pass picture."""
    from argmap.render.dot import GroupGraph, fill_colors

    assert isinstance(graph, GroupGraph)
    swatches = [] if options.color_by == "kind" else fill_colors(scene.argmap, options)[1]
    top = "b" if graph.rankdir == "BT" else "t"
    sub = Digraph(name="cluster legend", graph_attr={"id": "argmap-legend", "label": "Legend", "labelloc": top,
                                                     "style": "rounded,dashed", "color": "#bbbbbb",
                                                     "fontsize": "11"})
    for kind in NodeKind:
        if kind not in graph.kinds:
            continue
        style = NODE_STYLES[kind]
        sub.node(f"legend kind {kind.value}", _attributes=[
            ("id", f"legend-{kind.value}"), ("shape", style.shape), ("style", style.style),
            ("fillcolor", style.fill if options.color_by == "kind" else "#ffffff"), ("color", style.border),
            ("label", kind.value), ("fontsize", "9")])
    for index, (colour, text) in enumerate(swatches):
        sub.node(f"legend colour {index}", _attributes=[
            ("shape", "box"), ("style", "filled"), ("fillcolor", colour), ("color", "#888888"),
            ("label", label_value(" ".join(text.split()))), ("fontsize", "9")])
    for verb in RelationKind:
        if verb not in graph.verbs:
            continue
        edge = EDGE_STYLES[verb]
        a, b = f"legend {verb.value} from", f"legend {verb.value} to"
        sub.node(a, _attributes=[("shape", "plaintext"), ("label", verb.value), ("fontsize", "9"), ("height", "0.2")])
        sub.node(b, _attributes=[("shape", "point"), ("width", "0.03"), ("color", "#888888")])
        pairs = [("id", f"legend-{verb.value}-edge"), ("color", edge.color), ("style", edge.style),
                 ("arrowhead", edge.arrowhead)]
        if edge.dir != "forward":
            pairs += [("dir", edge.dir), ("arrowtail", edge.arrowhead)]
        sub.edge(a, b, _attributes=pairs)
    holder = Digraph()
    holder.subgraph(sub)
    graph.extra = "".join(holder.body)

