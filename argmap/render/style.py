"""How a diagram looks: a shape and colours per node kind, a line style per
relation kind, palettes for ``--color-by tag|section|status``.

Colours come from the Okabe-Ito palette (safe for colour-blind readers), and
every relation kind also differs by line style or arrowheads, so the diagram
still reads in greyscale.
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import NodeKind, RelationKind

__all__ = [
    "EDGE_STYLES",
    "FONT",
    "NODE_STYLES",
    "PALETTE",
    "STATUS_COLORS",
    "EdgeStyle",
    "NodeStyle",
    "palette_color",
]

FONT = "Helvetica"


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    style: str
    fill: str
    border: str


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str
    dir: str = "forward"
    arrowhead: str = "normal"


NODE_STYLES: dict[NodeKind, NodeStyle] = {
    NodeKind.THESIS: NodeStyle("box", "rounded,filled,bold", "#fff2b3", "#8a6d00"),
    NodeKind.CLAIM: NodeStyle("box", "rounded,filled", "#d6e6f5", "#1f5a8a"),
    NodeKind.EVIDENCE: NodeStyle("note", "filled", "#dcefd9", "#2e6b30"),
    NodeKind.COUNTER: NodeStyle("box", "filled,diagonals", "#f8d9d3", "#a23b2a"),
    NodeKind.HYPOTHESIS: NodeStyle("hexagon", "filled", "#eadcf0", "#6a3d7a"),
    NodeKind.ASSUMPTION: NodeStyle("box", "filled,dashed", "#eeeeee", "#555555"),
    NodeKind.QUESTION: NodeStyle("ellipse", "filled", "#d4f0f0", "#1d6b6b"),
    NodeKind.ARGUMENT: NodeStyle("box", "filled", "#ffffff", "#333333"),
}

EDGE_STYLES: dict[RelationKind, EdgeStyle] = {
    RelationKind.SUPPORTS: EdgeStyle("#009e73", "solid"),
    RelationKind.ATTACKS: EdgeStyle("#d55e00", "dashed", arrowhead="tee"),
    RelationKind.UNDERCUTS: EdgeStyle("#cc79a7", "dotted", arrowhead="tee"),
    RelationKind.CONTRADICTS: EdgeStyle("#7a3b8f", "bold", dir="both", arrowhead="normal"),
    RelationKind.ABOUT: EdgeStyle("#1d6b6b", "dotted", arrowhead="odot"),
    RelationKind.ANSWERS: EdgeStyle("#1d6b6b", "solid", arrowhead="odiamond"),
}

# Light fills for --color-by tag / section (index = first appearance order).
PALETTE: tuple[str, ...] = (
    "#cfe8f3", "#fde2c4", "#d5f0dd", "#f6d3e4", "#fff3b0", "#e0dcf5",
    "#d9ead3", "#fcd5ce", "#c9e4de", "#e8e8e8", "#f0e2b6", "#dbe4ff",
)

# Grounded labelling (argmap.evaluate): in = accepted, out = rejected.
STATUS_COLORS: dict[str, tuple[str, str]] = {
    "IN": ("#c7ebd2", "accepted (in)"),
    "OUT": ("#f6c8c0", "rejected (out)"),
    "UNDEC": ("#e6e6e6", "undecided"),
}


def palette_color(index: int) -> str:
    """The ``index``-th palette colour (cycling)."""
    return PALETTE[index % len(PALETTE)]
