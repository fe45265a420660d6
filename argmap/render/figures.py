"""The diagrams of a report: one per section, in the order the sections are
written, plus the nodes in no section; or the whole map when it has no
sections. Each is an SVG (``argmap.render.render``) with its size in points
and the smallest font size it uses, so a report can scale it legibly.

    figures = report_figures(argmap, RenderOptions(rankdir="TB"))
    figures = report_figures(argmap, options, whole=True)   # the whole map first (HTML)

An empty list when Graphviz cannot draw here (the report then says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from argmap.errors import ArgmapError
from argmap.model import Map
from argmap.render import RenderOptions, render
from argmap.render.views import restrict

__all__ = ["Figure", "WHOLE", "UNSECTIONED", "View", "draw_view", "ink_boxes", "report_figures", "report_views", "svg_size",
           "view_of"]

WHOLE = "*"  # the key of the whole map's figure
UNSECTIONED = ""  # the key of the nodes in no section

_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)(pt|px)?"[^>]*?\sheight="([\d.]+)(pt|px)?"', re.DOTALL)
_FONT = re.compile(r'font-size="([\d.]+)"')


@dataclass(frozen=True)
class Figure:
    key: str  # a section id, WHOLE or UNSECTIONED
    title: str
    svg: str
    width: float  # points
    height: float
    min_font: float  # the smallest font size in the drawing, in its own units (points at scale 1)
    nodes: tuple[str, ...]  # the ids of the map's nodes it shows in full

    @cached_property
    def ink(self) -> tuple[Box, ...]:
        """Boxes (x0, y0, x1, y1, in points from the top left) around
        everything drawn (``ink_boxes``); one box around the whole drawing
        when its SVG tells nothing."""
        found = ink_boxes(self.svg, self.width, self.height)
        return found or ((0.0, 0.0, self.width, self.height),)


Box = tuple[float, float, float, float]
_GRAPH = re.compile(r'<g\b[^>]*\bclass="graph"[^>]*\btransform="([^"]*)"')
_VIEWBOX = re.compile(r'<svg\b[^>]*\bviewBox="([-\d.\s]+)"')
_SHAPE = re.compile(r"<(polygon|polyline|path|ellipse|text)\b([^>]*)>")
_ATTR = re.compile(r'([\w:-]+)="([^"]*)"')
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def ink_boxes(svg: str, width: float, height: float) -> tuple[Box, ...]:
    """Where a Graphviz SVG of ``width`` x ``height`` points draws: a box
    around each shape, edge and text (a curve lies inside the box of its
    control points; a text's box is a generous guess), the white background
    left out. Used to leave out the empty tiles of a big printed drawing."""
    graph = _GRAPH.search(svg)
    if graph is None:
        return ()
    scale = re.search(r"scale\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)", graph.group(1))
    move = re.search(r"translate\(\s*([-\d.]+)[\s,]+([-\d.]+)\s*\)", graph.group(1))
    sx, sy = (float(scale.group(1)), float(scale.group(2))) if scale else (1.0, 1.0)
    tx, ty = (float(move.group(1)), float(move.group(2))) if move else (0.0, 0.0)
    view = _VIEWBOX.search(svg)
    numbers = [float(n) for n in view.group(1).split()] if view else []
    vx, vy = (width / numbers[2], height / numbers[3]) if len(numbers) == 4 and numbers[2] and numbers[3] else (1.0, 1.0)
    found: list[Box] = []
    for tag, attributes in _SHAPE.findall(svg[graph.end():]):
        attr = dict(_ATTR.findall(attributes))
        if attr.get("stroke") == "none" and attr.get("fill") in ("white", "#ffffff", "none"):
            continue  # the background
        if tag in ("polygon", "polyline"):
            values = [float(n) for n in _NUMBER.findall(attr.get("points", ""))]
            xs, ys = values[0::2], values[1::2]
        elif tag == "path":
            values = [float(n) for n in _NUMBER.findall(attr.get("d", ""))]
            xs, ys = values[0::2], values[1::2]
        elif tag == "ellipse":
            cx, cy = float(attr.get("cx", 0)), float(attr.get("cy", 0))
            rx, ry = float(attr.get("rx", 0)), float(attr.get("ry", 0))
            xs, ys = [cx - rx, cx + rx], [cy - ry, cy + ry]
        else:  # text (its words are not read): ten font sizes wide, from its anchor
            x, y, size = float(attr.get("x", 0)), float(attr.get("y", 0)), float(attr.get("font-size", 14))
            reach = {"start": (0.0, 10.0), "end": (-10.0, 0.0)}.get(attr.get("text-anchor", ""), (-5.0, 5.0))
            xs, ys = [x + reach[0] * size, x + reach[1] * size], [y - size, y + size / 2]
        if not xs or len(xs) != len(ys):
            continue
        x0, x1 = (sx * (min(xs) + tx)) * vx, (sx * (max(xs) + tx)) * vx
        y0, y1 = (sy * (min(ys) + ty)) * vy, (sy * (max(ys) + ty)) * vy
        found.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    return tuple(found)


def svg_size(svg: str) -> tuple[float, float]:
    """The width and height of an SVG document in points (px are 0.75 pt)."""
    match = _SIZE.search(svg)
    if match is None:
        return 0.0, 0.0
    to_pt = [0.75 if unit == "px" else 1.0 for unit in (match.group(2), match.group(4))]
    return float(match.group(1)) * to_pt[0], float(match.group(3)) * to_pt[1]


def _drawn(key: str, title: str, view: Map, options: RenderOptions, engine: str, nodes: tuple[str, ...]) -> Figure:
    svg = render(view, "svg", options, engine).decode("utf-8")
    width, height = svg_size(svg)
    fonts = [float(size) for size in _FONT.findall(svg)]
    return Figure(key, title, svg, width, height, min(fonts, default=14.0), nodes)


def draw_view(view: View, options: RenderOptions, engine: str = "auto") -> Figure:
    """One diagram of a report, drawn with ``options`` (its view: ``view``)."""
    return _drawn(view.key, view.title, view.map, replace(options, section=view.section), engine, view.nodes)


@dataclass(frozen=True)
class View:
    """What one diagram of a report shows: its key and title, the map it draws
    (the whole map, or only the loose nodes), the ids it shows in full and
    the section it is restricted to (None: all of ``map``)."""

    key: str
    title: str
    map: Map
    nodes: tuple[str, ...]
    section: str | None = None


def report_views(argmap: Map, whole: bool = False) -> list[View]:
    """The report's diagrams before they are drawn, in order (see the module
    docstring); ``whole``: the whole map first, even when it has sections."""
    if not argmap.nodes:
        return []
    everything = tuple(n.id for n in argmap.nodes)
    if not argmap.sections:
        return [View(WHOLE, "The whole map", argmap, everything)]
    found = [View(WHOLE, "The whole map", argmap, everything)] if whole else []
    members: dict[str | None, list[str]] = {}
    known = argmap.section_by_id
    for node in argmap.nodes:
        members.setdefault(node.section if node.section in known else None, []).append(node.id)
    for section in argmap.sections:
        if section.id in members and known[section.id] is section:
            found.append(View(section.id, section.title, argmap, tuple(members[section.id]), section.id))
    loose = members.get(None)
    if loose:
        found.append(View(UNSECTIONED, "Not in a section", restrict(argmap, set(loose)), tuple(loose)))
    return found


def view_of(argmap: Map, node_id: str) -> str:
    """The key of the report diagram that draws ``node_id`` in full (sections'
    diagrams: see ``report_views``)."""
    node = argmap.node_by_id[node_id]
    if not argmap.sections:
        return WHOLE
    return node.section if node.section in argmap.section_by_id else UNSECTIONED


def report_figures(argmap: Map, options: RenderOptions | None = None, *, whole: bool = False,
                   engine: str = "auto") -> list[Figure]:
    """The report's diagrams (see the module docstring). ``options``: how to
    draw (the section, focus and kinds views are the report's to choose, so
    they are ignored); ``whole``: the whole map first, even when it has
    sections."""
    plain = replace(options or RenderOptions(), section=None, focus=None, kinds=(), title=False)
    try:
        return [draw_view(view, plain, engine) for view in report_views(argmap, whole)]
    except ArgmapError:  # Graphviz cannot run here: a report without diagrams
        return []
