"""``RenderOptions``: what a diagram draws and how."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from argmap.render.style import SIZES, Sizes

__all__ = ["COLOR_BY", "DEFAULT_WIDTH", "RANKDIRS", "VIEWS", "RenderOptions", "check_options"]

RANKDIRS = ("auto", "TB", "BT", "LR", "RL")
COLOR_BY = ("kind", "tag", "section", "status")
VIEWS = ("map", "ach")
DEFAULT_WIDTH = 1500.0  # points: the width a stacked picture fills before it starts a new row


@dataclass(frozen=True)
class RenderOptions:
    """What to draw and how.

    ``statuses`` (id -> IN/OUT/UNDEC) is filled in by ``argmap.render`` for
    ``color_by="status"`` when not given. ``layout``: ``auto``, ``stacked``
    (parts of the map laid out one below the other) or ``joined`` (one
    layout). ``view``: ``map`` or ``ach`` (the hypotheses and the evidence
    rated against them). ``ids``: show node ids in the headers. ``full``: never
    simplify a big picture. ``width``: the width in points a stacked picture
    fills. ``link``: the address of a node drawn in another file (for stubs),
    or None; used by the atlas. ``sizes``: the font sizes (a printed report
    sets every text at one size: its smallest text is then as large as the
    node text). ``headers``: the small line above each node's text (kind,
    date, credibility, status); a printed report whose fills show the kinds
    leaves it out. ``frames``: a titled box around each part of the picture
    (a printed report titles its drawings itself). ``spacing``: Graphviz's
    ``nodesep`` and ``ranksep`` in inches, when not the default.
    ``stub_label``: what a stub says of the node (by id) it names, or None for
    the default (the start of its text and its section). ``edge_labels``:
    ``external`` (an inferred link's "(inferred)" placed after the layout: no
    width spent, but it may cover a node's text) or ``mark`` (a small circle
    at the link's tail, "inf." in the layout where a circle cannot go: a
    printed drawing, whose legend says so)."""

    wrap: int = 30
    legend: bool = True
    color_by: str = "kind"
    rankdir: str = "auto"
    focus: str | None = None
    depth: int = 2
    section: str | None = None
    kinds: tuple[str, ...] = ()
    title: bool = True
    statuses: Mapping[str, str] | None = field(default=None, compare=False)
    ids: bool = False
    layout: str = "auto"
    view: str = "map"
    full: bool = False
    width: float = DEFAULT_WIDTH
    link: Callable[[str], str | None] | None = field(default=None, compare=False)
    sizes: Sizes = SIZES
    headers: bool = True
    frames: bool = True
    spacing: tuple[float, float] | None = None
    stub_label: Callable[[str], str | None] | None = field(default=None, compare=False)
    edge_labels: str = "external"


def check_options(options: RenderOptions) -> None:
    """Raise ValueError for a value outside its choices."""
    if options.rankdir not in RANKDIRS:
        raise ValueError(f"rankdir must be one of {', '.join(RANKDIRS)}")
    if options.color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_BY)}")
    if options.view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}")
    if options.width < 200:
        raise ValueError("width must be at least 200 points")
