"""Drawing maps with Graphviz.

    build_dot(map, options) -> str        pure: views applied, DOT text out
    render(map, "svg", options) -> bytes  DOT laid out by an engine (embedded or system)
    render_svg(map, options) -> str       the SVG as text (for the HTML report)

The embedded engine (Graphviz in WebAssembly) writes SVG, JSON and DOT with no
system package; PNG and PDF need the system ``dot`` (see argmap.render.engines).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from argmap.errors import ArgmapError
from argmap.model import Map
from argmap.render.dot import RenderOptions
from argmap.render.dot import build_dot as _build_dot

__all__ = ["FORMATS", "RenderOptions", "apply_views", "build_dot", "render", "render_svg", "statuses_for"]

# Formats `render` writes; "dot" is argmap's own DOT (not laid out).
FORMATS = ("svg", "dot", "png", "pdf", "json")


def apply_views(argmap: Map, options: RenderOptions) -> Map:
    """The part of ``argmap`` that ``options`` asks for (section, kinds, focus)."""
    from argmap.render import views

    if options.section:
        argmap = views.section(argmap, options.section)
    if options.kinds:
        argmap = views.kinds(argmap, options.kinds)
    if options.focus:
        argmap = views.focus(argmap, options.focus, options.depth)
    return argmap


def statuses_for(argmap: Map) -> Mapping[str, str]:
    """Grounded labels by node id: IN, OUT or UNDEC."""
    from argmap import evaluate

    grounded_labels = getattr(evaluate, "grounded_labels", None)
    if grounded_labels is None:  # a trimmed build without the evaluator
        raise ArgmapError("--color-by status needs the evaluation module (argmap.evaluate.grounded_labels), "
                          "which this installation does not provide; use --color-by kind|tag|section")
    return grounded_labels(argmap)


def build_dot(argmap: Map, options: RenderOptions | None = None) -> str:
    """The DOT text of the view of ``argmap`` that ``options`` describes."""
    options = options or RenderOptions()
    if options.color_by == "status" and options.statuses is None:
        options = replace(options, statuses=statuses_for(argmap))
    try:
        return _build_dot(apply_views(argmap, options), options)
    except ValueError as exc:
        raise ArgmapError(str(exc)) from None


def render(argmap: Map, format: str = "svg", options: RenderOptions | None = None,
           engine: str = "auto") -> bytes:
    """``argmap`` drawn as ``format`` (svg, png, pdf, json; dot = argmap's DOT text)."""
    dot = build_dot(argmap, options)
    if format == "dot":
        return dot.encode("utf-8")
    if format not in FORMATS:
        raise ArgmapError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    from argmap.render.engines import choose_engine

    return choose_engine(format, engine).render(dot, format)


def render_svg(argmap: Map, options: RenderOptions | None = None, engine: str = "auto") -> str:
    """``argmap`` as an SVG document (text)."""
    return render(argmap, "svg", options, engine).decode("utf-8")
