"""``--view ach``: the hypotheses side by side and every piece of evidence
rated against them, as a picture (Analysis of Competing Hypotheses).

A column per hypothesis (H1, H2, ... as the map's headers number them), a row
per rated piece of evidence in written order (a thin row names each section),
and in each cell the grade (CC, C, N, I, II, NA; a dash where the evidence
does not rate the hypothesis) on a fill that reads in greyscale: consistent
light blue, inconsistent orange, the stronger grades darker. The last row gives
each hypothesis's weighted inconsistency and its rank (``argmap ach``); the
fewest inconsistencies lead.

Node sizes come from one ``dot`` layout of the hypotheses and the evidence
(no edges); argmap places every cell itself and Graphviz draws the result
with ``nop2`` (argmap.render.arrange explains the two passes).
"""

from __future__ import annotations

import json
from dataclasses import replace

from graphviz import Digraph  # type: ignore[import-untyped]

from argmap.errors import ArgmapError
from argmap.model import Grade, Map, Node, NodeKind
from argmap.render.dot_lines import a_list, label_value, quote_text, tooltip_value
from argmap.render.legend import legend_block
from argmap.render.options import RenderOptions
from argmap.render.scene import Scene, hypothesis_numbers, plan
from argmap.render.statements import MARGIN, Overlay, Statements
from argmap.render.style import FONT, GRADE_STYLES, HEADER_COLOR, NODE_STYLES, SIZES
from argmap.render.views import Selection, section_id

__all__ = ["ach_dot", "render_ach"]

GAP = 6.0  # points between cells
HYPOTHESIS_WRAP = 24
_GRADES = {grade.value: grade for grade in Grade}


def _rows(argmap: Map, options: RenderOptions) -> tuple[list[Node], list[Node]]:
    """The hypotheses and the rated evidence (of ``options.section`` when given)."""
    if options.focus or options.kinds:
        raise ArgmapError("--view ach draws the hypotheses and the evidence rated against them: "
                          "--focus and --kinds do not apply (--section does)")
    known = argmap.node_by_id
    hypotheses = [n for n in known.values() if n.kind is NodeKind.HYPOTHESIS]
    wanted = section_id(argmap, options.section) if options.section else None
    evidence = [n for n in known.values() if n.ratings and (wanted is None or n.section == wanted)]
    if not hypotheses or not evidence:
        raise ArgmapError("--view ach: the map has no hypotheses rated by evidence (`rates H GRADE` lines)")
    return hypotheses, evidence


def _statements(argmap: Map, hypotheses: list[Node], evidence: list[Node], options: RenderOptions
                ) -> tuple[Scene, Statements, dict[str, str], dict[str, Overlay]]:
    keep = frozenset(n.id for n in hypotheses + evidence)
    scene = plan(argmap, Selection(keep), "joined")
    statements = Statements(scene, replace(options, rankdir="TB"), {}, two_pass=True)
    statements.footers = False  # the matrix shows the ratings
    overlays: dict[str, Overlay] = {}
    nodes = {}
    for node in hypotheses:
        statements.options = replace(options, wrap=min(options.wrap, HYPOTHESIS_WRAP))
        nodes[node.id] = statements.node(node, overlays)
    statements.options = replace(options, wrap=max(options.wrap, 40))
    for node in evidence:
        nodes[node.id] = statements.node(node, overlays)
    return scene, statements, nodes, overlays


def ach_dot(argmap: Map, options: RenderOptions) -> str:
    """The graph whose layout measures the nodes of the ACH picture."""
    hypotheses, evidence = _rows(argmap, options)
    _, _, nodes, _ = _statements(argmap, hypotheses, evidence, options)
    digraph = Digraph(name="argmap", graph_attr={"id": "argmap", "fontname": FONT},
                      node_attr={"fontname": FONT, "fontsize": f"{SIZES.text:g}",
                                 "margin": f"{MARGIN[0]:g},{MARGIN[1]:g}"})
    head = digraph.source[: -len("}\n")]
    return head + "".join(nodes.values()) + "}\n"


def render_ach(argmap: Map, fmt: str, options: RenderOptions, engine: str) -> bytes:
    """The ACH picture as ``fmt`` bytes."""
    from argmap import evaluate
    from argmap.render.arrange import _fonts, with_hint
    from argmap.render.engines import choose_engine

    hypotheses, evidence = _rows(argmap, options)
    scene, _, nodes, overlays = _statements(argmap, hypotheses, evidence, options)
    out = choose_engine(fmt if fmt != "dot" else "json", engine)  # measures too: one set of font metrics
    found = json.loads(out.render(ach_dot(argmap, options), "json0"))
    sizes = {}
    objects = [o for o in found.get("objects", []) if "width" in o]
    for name, obj in zip(nodes, objects, strict=True):
        sizes[name] = (float(obj["width"]) * 72, float(obj["height"]) * 72)
    result = evaluate.ach_matrix(argmap)
    numbers = hypothesis_numbers(argmap)
    source = _picture(argmap, scene, options, hypotheses, evidence, nodes, overlays, sizes, result, numbers)
    if fmt == "dot":
        return with_hint(source).encode("utf-8")
    return _fonts(out.render(source, fmt, layout="nop2"), fmt)


def _cell(name: str, pairs: list[tuple[str, str]], x: float, y: float) -> str:
    return f"\t{quote_text(tooltip_value(name))} [{a_list(pairs + [('pos', f'{x:.2f},{y:.2f}')])}]\n"


def _picture(argmap: Map, scene: Scene, options: RenderOptions, hypotheses: list[Node], evidence: list[Node],
             nodes: dict[str, str], overlays: dict[str, Overlay], sizes: dict[str, tuple[float, float]],
             result: object, numbers: dict[str, str]) -> str:
    """The positioned DOT of the matrix (Graphviz points, y up; built top down)."""
    from argmap.render.arrange import _overlay, _with

    left = max(sizes[n.id][0] for n in evidence)
    column = max(max(sizes[h.id][0] for h in hypotheses), 64.0)
    top = max(sizes[h.id][1] for h in hypotheses)
    rows: list[tuple[str, Node | str, float]] = []  # ("section", title, height) | ("evidence", node, height)
    section = None
    for node in evidence:
        if node.section != section and node.section is not None:
            section = node.section
            rows.append(("section", scene.where(node.id), SIZES.section * 1.6))
        rows.append(("evidence", node, max(sizes[node.id][1], 30.0)))
    score_height = 44.0
    width = left + GAP + len(hypotheses) * (column + GAP)
    height = top + GAP + sum(h + GAP for _, _, h in rows) + score_height
    legend = None
    if options.legend:
        swatches = [(style.fill, f"{grade.value}: {style.meaning}") for grade, style in GRADE_STYLES.items()]
        legend = legend_block({NodeKind.EVIDENCE, NodeKind.HYPOTHESIS}, set(), False, swatches,
                              replace(options, color_by="kind"), width)
    total = height + (legend.height + 20 if legend else 0)
    lines = ["digraph argmap {\n", f"\tgraph [{a_list(_graph_attr(argmap, options))}]\n",
             f"\tnode [{a_list([('fontname', FONT), ('fontsize', f'{SIZES.text:g}'), ('margin', '0.14,0.07')])}]\n"]
    overlay_lines: list[str] = []
    y = total  # the top edge of the next row (y up)
    for index, hypothesis in enumerate(hypotheses):
        x = left + GAP + index * (column + GAP) + column / 2
        cy = y - top / 2
        lines.append(_with(nodes[hypothesis.id], f'pos="{x:.2f},{cy:.2f}" width="{column / 72:.3f}"'))
        overlay_lines += _overlay(hypothesis.id, overlays[hypothesis.id], x, cy)
    y -= top + GAP
    cells = getattr(result, "cells", {})
    for kind, item, row_height in rows:
        cy = y - row_height / 2
        if kind == "section":
            assert isinstance(item, str)
            lines.append(_cell(f"ach section {item}", [
                ("shape", "plaintext"), ("label", label_value(item)), ("fontsize", f"{SIZES.section:g}"),
                ("fontcolor", HEADER_COLOR), ("width", f"{width / 72:.3f}"), ("fixedsize", "true"),
                ("height", f"{row_height / 72:.3f}"), ("labeljust", "l")], width / 2, cy))
            y -= row_height + GAP
            continue
        assert isinstance(item, Node)
        lines.append(_with(nodes[item.id], f'pos="{left / 2:.2f},{cy:.2f}" width="{left / 72:.3f}"'))
        overlay_lines += _overlay(item.id, overlays[item.id], left / 2, cy)
        for index, hypothesis in enumerate(hypotheses):
            grade = cells.get((item.id, hypothesis.id))
            style = GRADE_STYLES.get(_GRADES[grade]) if grade else None
            x = left + GAP + index * (column + GAP) + column / 2
            meaning = style.meaning if style else "not rated"
            tip = f"{item.id} rates {hypothesis.id} {grade or '-'} ({meaning})"
            lines.append(_cell(f"ach {item.id}>{hypothesis.id}", [
                ("id", tooltip_value(f"ach-{item.id}-{hypothesis.id}")), ("class", "ach-cell"), ("shape", "box"),
                ("style", "filled"), ("fillcolor", style.fill if style else "#ffffff"),
                ("color", "#bbbbbb"), ("fontcolor", style.font if style else "#999999"),
                ("fontname", "Helvetica-Bold"), ("fontsize", f"{SIZES.text:g}"),
                ("label", grade or "\u2013"), ("tooltip", tooltip_value(tip)), ("fixedsize", "true"),
                ("width", f"{column / 72:.3f}"), ("height", f"{row_height / 72:.3f}")], x, cy))
        y -= row_height + GAP
    ranking = getattr(result, "ranking", [])
    leader = getattr(result, "leader", None)
    inconsistency = getattr(result, "inconsistency", {})
    cy = y - score_height / 2
    lines.append(_cell("ach score label", [("shape", "plaintext"), ("label", "weighted inconsistency (rank)"),
                                          ("fontsize", f"{SIZES.stub:g}"), ("width", f"{left / 72:.3f}"),
                                          ("fixedsize", "true"), ("height", f"{score_height / 72:.3f}")],
                       left / 2, cy))
    for index, hypothesis in enumerate(hypotheses):
        x = left + GAP + index * (column + GAP) + column / 2
        rank = ranking.index(hypothesis.id) + 1 if hypothesis.id in ranking else None
        text = f"{numbers.get(hypothesis.id, '')}: {inconsistency.get(hypothesis.id, 0):g}" + (
            f" (#{rank})" if rank else "") + ("\nleads" if hypothesis.id == leader else "")
        lines.append(_cell(f"ach score {hypothesis.id}", [
            ("id", tooltip_value(f"ach-score-{hypothesis.id}")), ("shape", "box"),
            ("style", "rounded,bold" if hypothesis.id == leader else "rounded"),
            ("color", NODE_STYLES[NodeKind.HYPOTHESIS].border), ("fontsize", f"{SIZES.stub:g}"),
            ("label", label_value(text)), ("fixedsize", "true"), ("width", f"{column / 72:.3f}"),
            ("height", f"{(score_height - 6) / 72:.3f}")], x, cy))
    if legend is not None:
        lines += legend.statements(0, 0)
    return "".join(lines + overlay_lines) + "}\n"


def _graph_attr(argmap: Map, options: RenderOptions) -> list[tuple[str, str]]:
    attrs = [("id", "argmap"), ("fontname", FONT), ("bgcolor", "white"), ("pad", "0.2")]
    if options.title:
        title = " ".join((argmap.title or "").split())
        attrs += [("label", label_value((title + ": " if title else "") + "competing hypotheses")),
                  ("labelloc", "t"), ("fontsize", f"{SIZES.title:g}")]
    return attrs
