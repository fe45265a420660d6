"""Drawing maps with Graphviz.

    render(map, "svg", options, engine) -> bytes   the picture (svg, png, pdf, json; dot)
    render_svg(map, options, engine) -> str        the SVG as text
    build_dot(map, options) -> str                 the graphs handed to Graphviz's layout (pure)
    atlas(map, options, fmt, engine) -> {name: bytes}   an overview and one picture per section

A picture is made in two passes (argmap.render.arrange): each part of the map
is laid out by Graphviz's ``dot``, argmap places the parts (one below the
other, sections in written order), adds the small headers, the legend and the
title, and Graphviz draws the result at those positions (its ``nop2`` engine).
Maps over ``STACK_LIMIT`` nodes are drawn in one pass. When a picture has to
be simplified to stay within bounded time and memory (argmap.render.limits),
a ``RenderWarning`` says what was left out and how to get the full picture.

The embedded engine (Graphviz in WebAssembly) writes SVG, JSON and DOT with no
system package; PNG and PDF need the system ``dot`` (see argmap.render.engines).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import replace

from argmap.errors import ArgmapError
from argmap.memory import collector_paused
from argmap.model import Map
from argmap.render.options import RenderOptions, check_options
from argmap.render.scene import STACK_LIMIT, Scene, plan

__all__ = ["FORMATS", "STACK_LIMIT", "RenderOptions", "RenderWarning", "apply_views", "atlas", "build_dot",
           "render", "render_svg", "statuses_for"]

# Formats `render` writes; "dot" is argmap's DOT: positioned, ready for `dot -Knop2`.
FORMATS = ("svg", "dot", "png", "pdf", "json")


class RenderWarning(UserWarning):
    """A picture was simplified (relations left out, a faster layout)."""


def apply_views(argmap: Map, options: RenderOptions) -> Map:
    """The part of ``argmap`` that ``options`` asks for (section, kinds, focus),
    as a smaller map (relations leaving it are dropped; the diagram draws them as stubs)."""
    from argmap.render import views

    selection = views.select(argmap, options.section, options.kinds, options.focus, options.depth)
    return argmap if selection.keep is None else views.restrict(argmap, selection.keep)


def statuses_for(argmap: Map) -> Mapping[str, str]:
    """Grounded labels by node id: IN, OUT or UNDEC."""
    from argmap import evaluate

    grounded_labels = getattr(evaluate, "grounded_labels", None)
    if grounded_labels is None:  # a trimmed build without the evaluator
        raise ArgmapError("--color-by status needs the evaluation module (argmap.evaluate.grounded_labels), "
                          "which this installation does not provide; use --color-by kind|tag|section")
    return grounded_labels(argmap)


def scene_for(argmap: Map, options: RenderOptions) -> tuple[Scene, RenderOptions]:
    """The scene ``options`` asks for, with the statuses filled in when needed."""
    from argmap.render import views

    try:
        check_options(options)
    except ValueError as exc:
        raise ArgmapError(str(exc)) from None
    if options.color_by == "status" and options.statuses is None:
        options = replace(options, statuses=statuses_for(argmap))
    selection = views.select(argmap, options.section, options.kinds, options.focus, options.depth)
    return plan(argmap, selection, options.layout, options.statuses, options.link), options


def two_pass(scene: Scene) -> bool:
    """Whether ``scene`` is drawn in two passes (all but the biggest maps)."""
    return scene.mode == "stacked" or len(scene.argmap.nodes) <= STACK_LIMIT


def build_dot(argmap: Map, options: RenderOptions | None = None) -> str:
    """The DOT text of the graphs Graphviz lays out for ``argmap`` under
    ``options``: one graph per part of a stacked picture (the second pass adds
    headers, legend and title), or the whole one-pass picture."""
    from argmap.render.dot import build_graphs
    from argmap.render.legend import one_pass_legend

    options = options or RenderOptions()
    if options.view == "ach":
        from argmap.render.achview import ach_dot

        return ach_dot(argmap, options)
    with collector_paused():  # a big map's strings all live on: collections would only walk them
        scene, options = scene_for(argmap, options)
        graphs = build_graphs(scene, options, two_pass(scene))
        if not two_pass(scene) and options.legend and graphs:
            one_pass_legend(graphs[0], scene, options)
        return "".join(graph.source() for graph in graphs)


def render(argmap: Map, format: str = "svg", options: RenderOptions | None = None,
           engine: str = "auto") -> bytes:
    """``argmap`` drawn as ``format`` (svg, png, pdf, json; dot = the positioned
    DOT of the picture, which ``dot -Knop2`` draws)."""
    from argmap.render.arrange import draw
    from argmap.render.engines import choose_engine

    if format not in FORMATS:
        raise ArgmapError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    options = options or RenderOptions()
    if options.view == "ach":
        from argmap.render.achview import render_ach

        return render_ach(argmap, format, options, engine)
    out_engine = choose_engine(format if format != "dot" else "json", engine)  # lays out too: one set of font metrics
    with collector_paused():
        scene, options = scene_for(argmap, options)
        data, notes = draw(scene, options, format, out_engine, out_engine)
    for note in notes:
        warnings.warn(note, RenderWarning, stacklevel=2)
    return data


def render_svg(argmap: Map, options: RenderOptions | None = None, engine: str = "auto") -> str:
    """``argmap`` as an SVG document (text)."""
    return render(argmap, "svg", options, engine).decode("utf-8")


def atlas(argmap: Map, options: RenderOptions | None = None, format: str = "svg",
          engine: str = "auto") -> dict[str, bytes]:
    """An overview and one picture per part of the map, by file name (see
    argmap.render.pages)."""
    from argmap.render.pages import build_atlas

    return build_atlas(argmap, options or RenderOptions(), format, engine)
