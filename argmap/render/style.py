"""How a diagram looks: one table per thing a map has (node kind, relation kind,
grounded status, ACH grade), font sizes, palettes for ``--color-by tag|section``.

Every table is keyed by an enum (or the fixed set of statuses) and must be
complete: tests/test_render_style.py checks that each member has an entry, so
a new node or relation kind cannot be drawn without a style.

Colours come from the Okabe-Ito palette (safe for colour-blind readers). Every
relation kind also differs by line style, width and arrowhead, and every
status by a word in the node's header, its fill's grey level and its border,
so the diagram still reads in greyscale (tests compute the grey levels).
"""

from __future__ import annotations

from dataclasses import dataclass

from argmap.model import Grade, NodeKind, RelationKind

__all__ = [
    "BOLD_FONT",
    "EDGE_STYLES",
    "FONT",
    "GRADE_STYLES",
    "HEADER_COLOR",
    "NODE_STYLES",
    "PALETTE",
    "PREMISE_STYLE",
    "SIZES",
    "STATUS_COLORS",
    "STATUS_STYLES",
    "STUB_STYLE",
    "EdgeStyle",
    "GradeStyle",
    "NodeStyle",
    "Sizes",
    "StatusStyle",
    "grey_level",
    "palette_color",
]

FONT = "Helvetica"
BOLD_FONT = "Helvetica-Bold"
HEADER_COLOR = "#4a4a4a"


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points. The node text is the largest thing in a node; the
    header (kind, date, credibility, status) is small and grey."""

    text: float = 14.0
    header: float = 9.5
    stub: float = 10.5
    section: float = 17.0
    title: float = 22.0
    legend: float = 10.0
    edge_label: float = 10.0


SIZES = Sizes()


@dataclass(frozen=True)
class NodeStyle:
    shape: str
    style: str
    fill: str
    border: str
    title: str  # the kind as the header writes it


@dataclass(frozen=True)
class EdgeStyle:
    color: str
    style: str
    penwidth: float = 1.4
    dir: str = "forward"
    arrowhead: str = "normal"
    arrowsize: float = 1.0
    gloss: str = ""  # what the legend adds after the relation's word: "undercuts (ends on ...)"


NODE_STYLES: dict[NodeKind, NodeStyle] = {
    NodeKind.THESIS: NodeStyle("box", "rounded,filled,bold", "#fff2b3", "#8a6d00", "THESIS"),
    NodeKind.CLAIM: NodeStyle("box", "rounded,filled", "#d6e6f5", "#1f5a8a", "CLAIM"),
    NodeKind.EVIDENCE: NodeStyle("note", "filled", "#dcefd9", "#2e6b30", "EVIDENCE"),
    NodeKind.COUNTER: NodeStyle("box", "filled,diagonals", "#f8d9d3", "#a23b2a", "COUNTER"),
    NodeKind.HYPOTHESIS: NodeStyle("hexagon", "filled", "#eadcf0", "#6a3d7a", "HYPOTHESIS"),
    NodeKind.ASSUMPTION: NodeStyle("box", "filled,dashed", "#eeeeee", "#555555", "ASSUMPTION"),
    NodeKind.QUESTION: NodeStyle("ellipse", "filled", "#d4f0f0", "#1d6b6b", "QUESTION"),
    NodeKind.ARGUMENT: NodeStyle("box", "rounded,filled", "#ffffff", "#333333", "ARGUMENT"),
}

# Attacks and undercuts are the two kinds of defeat: both are drawn as heavy
# as each other (an undercut is no less visible on paper), told apart by the
# dash pattern, the colour's grey level and where they end (an undercut ends
# on a diamond in the middle of the edge it attacks).
EDGE_STYLES: dict[RelationKind, EdgeStyle] = {
    RelationKind.SUPPORTS: EdgeStyle("#009e73", "solid", 1.6),
    RelationKind.ATTACKS: EdgeStyle("#d55e00", "dashed", 2.2, arrowhead="tee", arrowsize=1.2),
    RelationKind.UNDERCUTS: EdgeStyle("#5c2d91", "dotted", 3.0, arrowhead="tee", arrowsize=1.2,
                                      gloss="ends on the inference it attacks"),
    RelationKind.CONTRADICTS: EdgeStyle("#7a3b8f", "bold", 1.6, dir="both", arrowhead="normal"),
    RelationKind.ABOUT: EdgeStyle("#1d6b6b", "dotted", 1.6, arrowhead="odot", gloss="bears on a question"),
    RelationKind.ANSWERS: EdgeStyle("#1d6b6b", "solid", 1.6, arrowhead="odiamond", gloss="a question"),
}

# A premise of an argument block joins the argument (which then points at its
# conclusion): a plain dark line, no arrowhead, so the premises read as one.
PREMISE_STYLE = EdgeStyle("#333333", "solid", 1.4, dir="none", arrowhead="none")

# The mark in the middle of an undercut edge (where undercuts end).
UNDERCUT_MARK = {"shape": "diamond", "width": "0.16", "height": "0.16", "style": "filled"}

STUB_STYLE = NodeStyle("box", "rounded,dashed", "#ffffff", "#6b6b6b", "")

# Light fills for --color-by tag / section (index = first appearance order).
PALETTE: tuple[str, ...] = (
    "#cfe8f3", "#fde2c4", "#d5f0dd", "#f6d3e4", "#fff3b0", "#e0dcf5",
    "#d9ead3", "#fcd5ce", "#c9e4de", "#e8e8e8", "#f0e2b6", "#dbe4ff",
)


@dataclass(frozen=True)
class StatusStyle:
    """A grounded status: the fill (its grey level differs from the others by at
    least 20 of 255), the border dashes, the word in the header, the legend text."""

    fill: str
    border_style: str
    word: str
    legend: str


# Blue (accepted), grey (undecided) and orange (rejected): told apart by
# colour-blind readers, by grey level (light, middle, dark) and by the word.
STATUS_STYLES: dict[str, StatusStyle] = {
    "IN": StatusStyle("#e3eefa", "solid", "ACCEPTED", "accepted (in)"),
    "UNDEC": StatusStyle("#cfcfcf", "dashed", "UNDECIDED", "undecided"),
    "OUT": StatusStyle("#f0a27a", "dotted", "REJECTED", "rejected (out)"),
}

# Kept for callers of the first API: status -> (fill, legend text).
STATUS_COLORS: dict[str, tuple[str, str]] = {key: (s.fill, s.legend) for key, s in STATUS_STYLES.items()}


@dataclass(frozen=True)
class GradeStyle:
    """An ACH rating cell: fill, text colour, and the meaning in words."""

    fill: str
    font: str
    meaning: str


GRADE_STYLES: dict[Grade, GradeStyle] = {
    Grade.VERY_CONSISTENT: GradeStyle("#9ecae1", "#08306b", "very consistent"),
    Grade.CONSISTENT: GradeStyle("#deebf7", "#08306b", "consistent"),
    Grade.NEUTRAL: GradeStyle("#ffffff", "#555555", "neutral"),
    Grade.INCONSISTENT: GradeStyle("#fdd0a2", "#7f2704", "inconsistent"),
    Grade.VERY_INCONSISTENT: GradeStyle("#b5470e", "#ffffff", "very inconsistent"),
    Grade.NOT_APPLICABLE: GradeStyle("#eeeeee", "#555555", "not applicable"),
}


def palette_color(index: int) -> str:
    """The ``index``-th palette colour (cycling)."""
    return PALETTE[index % len(PALETTE)]


def grey_level(colour: str) -> int:
    """The grey level (0-255) of ``#rrggbb`` printed in greyscale (ITU-R BT.601 luma)."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return round(0.299 * red + 0.587 * green + 0.114 * blue)
