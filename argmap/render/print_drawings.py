"""The drawings of a printed report (argmap.render.pdf): each section drawn
a few ways for the print layout to choose from (argmap.render.print_layout),
by entry numbers and the start of each text, every text at one size; the
legend they share and the room it takes; the chapters' numbers.

    drawings = print_variants(document)          # [[Figure, ...] per diagram]
    top = legend_top(argmap, "a4")               # points kept above the first drawing
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from argmap.errors import ArgmapError
from argmap.model import Map
from argmap.render.document import Document
from argmap.render.facts import one_line
from argmap.render.figures import Figure, View, draw_view, report_views, view_of
from argmap.render.print_layout import Piece, room, title_width
from argmap.render.style import Sizes

if TYPE_CHECKING:
    from argmap.render import RenderOptions

__all__ = ["PRINT_SIZES", "chapter_numbers", "legend", "legend_top", "print_variants", "print_view", "title_within"]

PRINT_TEXT = 60  # characters of a node's text a printed drawing shows (its numbered entry has it all)
# A printed drawing sets its text at one size (so that its smallest text is its node text), and its
# headers (shown when the fills do not tell the kinds) a little smaller.
PRINT_SIZES = Sizes(text=14.0, header=12.0, stub=14.0, section=17.0, title=22.0, legend=10.0, edge_label=14.0)
PRINT_SPACING = (0.12, 0.3)  # nodesep, ranksep (inches): tighter than the screen's
PRINT_WRAPS = (14, 18, 22, 26, 30)  # the node text widths a printed drawing may choose from
INFERRED_LEGEND = 'inferred (the analyst\'s link; "inf." where no circle fits)'  # beside a circle and a line
BIG_VIEW = 100  # nodes: a bigger drawing is drawn at one wrap width, BIG_WRAP (in both directions)
BIG_WRAP = 22
PRINT_RANKDIRS = ("LR", "BT")  # and the directions (RL and TB take the same room)


def legend(argmap: Map, color_by: str) -> dict[str, Any]:
    """The node kinds and relation kinds the map uses, as the drawings show
    them (argmap.render.style): one legend for every drawing of the report."""
    from argmap.model import NodeKind, RelationKind
    from argmap.render.style import EDGE_STYLES, NODE_STYLES

    used_kinds = {n.kind for n in argmap.nodes}
    used_verbs = {r.kind for r in argmap.relations}
    kinds = [{"name": k.value, "fill": NODE_STYLES[k].fill if color_by == "kind" else "#ffffff",
              "border": NODE_STYLES[k].border} for k in NodeKind if k in used_kinds]
    verbs = [{"name": v.value, "colour": EDGE_STYLES[v].color, "style": EDGE_STYLES[v].style}
             for v in RelationKind if v in used_verbs]
    return {"kinds": kinds, "verbs": verbs,
            "inferred": INFERRED_LEGEND if any(r.inferred for r in argmap.relations) else None}


def legend_top(argmap: Map, paper: str = "a4") -> float:
    """The room kept above the first drawing for the Diagrams chapter's title
    and the legend (templates/report.typ.j2), in points: a generous estimate
    of its lines on a portrait page (the template checks it)."""
    shown = legend(argmap, "kind")
    width = room(paper, False)[0]
    size = 7.5  # the legend's text

    def lines(words: Sequence[str], extra: float) -> int:
        total = 40.0 + sum(len(w) * size * 0.55 + extra for w in words)
        return max(1, math.ceil(total / width))

    kinds = lines([k["name"] for k in shown["kinds"]], 12.0)
    verbs = lines([v["name"] for v in shown["verbs"]] + ([shown["inferred"]] if shown["inferred"] else []), 2.3 * size)
    note = math.ceil(240 * size * 0.85 * 0.55 / width)  # the note, in small print
    return 34.0 + 13.0 * (kinds + verbs) + 10.0 * note


def print_view(argmap: Map, numbers: Mapping[str, str], limit: int = PRINT_TEXT) -> Map:
    """The map as the printed drawings show it: each node by its entry's
    number and the start of its text (``1.2.3 Iran's attempts to…``), without
    what the numbered entry prints in full (date, credibility, relevance, ACH
    ratings). The drawing shows the structure; the entry, found by its number,
    says the rest. Ids, kinds, sections and relations are unchanged."""
    def short(text: str) -> str:
        words = " ".join(text.split())
        if len(words) <= limit:
            return words
        cut = words.rfind(" ", 0, limit)
        return (words[:cut] if cut > limit // 2 else words[:limit - 1]).rstrip(" ,.;:") + "\u2026"

    nodes = tuple(replace(node, text=f"{numbers[node.id]} {short(node.text)}" if node.id in numbers
                          else short(node.text), date=None, credibility=None, relevance=None, ratings=())
                  for node in argmap.nodes)
    return replace(argmap, nodes=nodes)


def title_within(title: str, piece: Piece) -> str:
    """A drawing's title, cut (with "…") to the box its piece keeps: a page's
    width at most (the whole title is in the entries and the bookmarks)."""
    words = one_line(title).split(" ")
    shown = " ".join(words)
    while len(words) > 1 and title_width(shown, piece.note) > piece.box_width + 0.01:
        words.pop()
        shown = " ".join(words) + "\u2026"
    return shown


def chapter_numbers(document: Document) -> tuple[str | None, str | None, str]:
    """The numbers of the report's chapters after the argument: the ACH
    matrix, the sources (None when there are none) and the diagrams."""
    chapters = len(document.chapters)
    ach = str(chapters + 1) if document.bottom_line.ach is not None else None
    sources = str(chapters + 1 + (ach is not None)) if document.outline.map.sources else None
    return ach, sources, str(chapters + 1 + (ach is not None) + (sources is not None))


def print_variants(document: Document, options: RenderOptions | None = None, *, chosen: Collection[str] = (),
                   engine: str = "auto") -> list[list[Figure]]:
    """Each diagram of the printed report (argmap.render.figures.report_views,
    of ``print_view``), drawn the ways the print layout may choose from: in
    ``PRINT_RANKDIRS`` and at ``PRINT_WRAPS`` (at one width past ``BIG_VIEW``
    nodes: each layout costs), but for what the reader chose
    (``chosen`` names the options given: ``rankdir``, ``wrap``). Every text is
    set at one size; a node drawn in another diagram is a small box naming its
    entry and that diagram (``1.2.3 (5.4)``); no header line when the fills
    show the kinds; no legend (the report prints one, unless the colours
    stand for tags or sections, which only the drawing knows). An empty list
    when Graphviz cannot draw here."""
    from argmap.render import RenderOptions

    argmap = document.outline.map
    options = options or RenderOptions()
    shown = print_view(argmap, document.numbers)
    views = report_views(shown)
    first = chapter_numbers(document)[2]
    diagram = {view.key: f"{first}.{index}" for index, view in enumerate(views, 1)}

    def stub(node_id: str) -> str | None:
        number = document.numbers.get(node_id)
        where = diagram.get(view_of(argmap, node_id)) if node_id in argmap.node_by_id else None
        return None if number is None else f"{number} ({where})" if where else number

    base = replace(options, section=None, focus=None, kinds=(), title=False,
                   legend=options.legend and options.color_by not in ("kind", "status"),
                   sizes=PRINT_SIZES, headers=options.color_by != "kind", frames=False, spacing=PRINT_SPACING,
                   stub_label=stub, edge_labels="mark")
    rankdirs = [options.rankdir] if "rankdir" in chosen else list(PRINT_RANKDIRS)

    def ways(view: View) -> list[RenderOptions]:
        wraps = [options.wrap] if "wrap" in chosen else list(PRINT_WRAPS if len(view.nodes) <= BIG_VIEW else [BIG_WRAP])
        return [replace(base, rankdir=r, wrap=w) for r in rankdirs for w in wraps]

    try:
        return [[draw_view(view, way, engine) for way in ways(view)] for view in views]
    except ArgmapError:  # Graphviz cannot run here: a report without diagrams
        return []
