"""What the reader sees, measured on the SVG: legible when fitted to a window,
sections in written order, headers over the text, a legend that never widens
the picture, views that draw every relation leaving them, the ACH view, the
atlas's links, bounded layout of dense maps."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap import api
from argmap.model import Map
from argmap.render import RenderOptions, atlas, render_svg
from argmap.render.edges import base_id
from argmap.render.style import STATUS_STYLES

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"
DATA = Path(__file__).parent / "data" / "render"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
WINDOW = 1400


@pytest.fixture(scope="module")
def essay() -> Map:
    return api.load(ESSAY)


@pytest.fixture(scope="module")
def essay_svg(essay: Map) -> str:
    return render_svg(essay)


def _root(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def _width(svg: str) -> float:
    return float(_root(svg).get("width", "0").removesuffix("pt"))


def _groups(svg: str, prefix: str) -> dict[str, ET.Element]:
    return {g.get("id", ""): g for g in _root(svg).iter(f"{SVG}g") if g.get("id", "").startswith(prefix)}


def _points(element: ET.Element) -> list[tuple[float, float]]:
    """Every coordinate pair of the shapes in ``element``."""
    values: list[tuple[float, float]] = []
    for shape in element.iter():
        data = shape.get("points") or shape.get("d") or ""
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", data)]
        values += list(zip(numbers[0::2], numbers[1::2], strict=False))
        if shape.get("cx"):
            cx, cy = float(shape.get("cx", "0")), float(shape.get("cy", "0"))
            rx, ry = float(shape.get("rx", "0")), float(shape.get("ry", "0"))
            values += [(cx - rx, cy - ry), (cx + rx, cy + ry)]
    return values


def _box(element: ET.Element) -> tuple[float, float, float, float]:
    points = _points(element)
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _text(group: ET.Element) -> str:
    """The words a group shows (its <text> elements, not its <title>)."""
    return " ".join(t.text or "" for t in group.iter(f"{SVG}text")).strip()


def _text_sizes(group: ET.Element) -> list[float]:
    return [float(t.get("font-size", "0")) for t in group.iter(f"{SVG}text") if (t.text or "").strip()]


def test_essay_reads_at_a_glance(essay: Map, essay_svg: str) -> None:
    """Fitted to a 1,400-px window: every node, its text at 10 px or more."""
    nodes = _groups(essay_svg, "node-")
    assert set(nodes) == {f"node-{n.id}" for n in essay.nodes}
    smallest = min(size for group in nodes.values() for size in _text_sizes(group))
    assert smallest * WINDOW / _width(essay_svg) >= 10


def test_sections_in_written_order(essay: Map, essay_svg: str) -> None:
    clusters = _groups(essay_svg, "cluster-")
    order = ["cluster-hypotheses"] + [f"cluster-{s.id}" for s in essay.sections]
    assert list(clusters) == order  # drawn in written order
    tops = [(round(_box(clusters[key])[1]), _box(clusters[key])[0]) for key in order]
    assert tops == sorted(tops)  # and placed top to bottom, left to right


def test_some_kinds_of_every_section_are_stacked_in_written_order(essay: Map) -> None:
    """--kinds keeps nodes from every section: they are drawn section by section,
    in written order, as the whole map is (not as one graph whose clusters
    Graphviz orders as it likes)."""
    svg = render_svg(essay, RenderOptions(kinds=("thesis", "evidence", "hypothesis")))
    clusters = _groups(svg, "cluster-")
    order = ["cluster-hypotheses"] + [f"cluster-{s.id}" for s in essay.sections]
    assert list(clusters) == order
    tops = [(round(_box(clusters[key])[1]), _box(clusters[key])[0]) for key in order]
    assert tops == sorted(tops)


@pytest.mark.parametrize("path", [ESSAY, DATA / "hand19.arg", DATA / "small.arg", DATA / "undercut.arg"],
                         ids=lambda p: p.stem)
def test_legend_never_widens_the_picture(path: Path) -> None:
    argmap = api.load(path)
    with_legend, without = render_svg(argmap), render_svg(argmap, RenderOptions(legend=False))
    assert _width(with_legend) == _width(without)
    legend = _groups(with_legend, "argmap-legend")["argmap-legend"]
    content = [_box(g) for key, g in _groups(with_legend, "cluster-").items()]
    x0, y0, _, _ = _box(legend)
    # in a corner: below every part, or beside the last one
    assert all(y0 >= box[3] - 1 for box in content) or x0 >= content[-1][2]


def test_headers_sit_over_their_node_text(essay: Map, essay_svg: str) -> None:
    nodes = _groups(essay_svg, "node-")
    headers = _groups(essay_svg, "hdr-")
    assert set(headers) == {f"hdr-{n.id}" for n in essay.nodes}
    for node in essay.nodes:
        x0, y0, x1, y1 = _box(nodes[f"node-{node.id}"])
        text = next(headers[f"hdr-{node.id}"].iter(f"{SVG}text"))
        x, y = float(text.get("x", "0")), float(text.get("y", "0"))
        assert x0 <= x <= x1 and y0 <= y <= y1, node.id
        assert float(text.get("font-size", "0")) < max(_text_sizes(nodes[f"node-{node.id}"]))
        first = next(t for t in nodes[f"node-{node.id}"].iter(f"{SVG}text") if (t.text or "").strip())
        assert y < float(first.get("y", "0"))  # above the text
    assert "ev_kremlin_exclusion" not in "".join(t.text or "" for t in _root(essay_svg).iter(f"{SVG}text"))


def test_ids_show_only_when_asked(essay: Map) -> None:
    svg = render_svg(essay, RenderOptions(section="aleppo", ids=True))
    texts = " ".join(t.text or "" for t in _root(svg).iter(f"{SVG}text"))
    assert "ev_kremlin_exclusion" in texts and "t_conflict" in texts


def test_status_in_words_on_every_node(essay: Map) -> None:
    from argmap.evaluate import grounded_labels

    labels = grounded_labels(essay)
    svg = render_svg(essay, RenderOptions(color_by="status"))
    headers = _groups(svg, "hdr-")
    words = {style.word for style in STATUS_STYLES.values()}
    for node in essay.nodes:
        text = _text(headers[f"hdr-{node.id}"])
        if node.id in labels:
            assert STATUS_STYLES[labels[node.id]].word in text, node.id
        else:  # not evaluated (a question): no status claimed
            assert not any(word in text for word in words), node.id
    assert {"IN", "OUT", "UNDEC"} <= set(labels.values())  # the essay shows all three


def test_undercuts_as_heavy_as_attacks(essay_svg: str) -> None:
    def widest(prefix: str) -> float:
        widths = [float(p.get("stroke-width", "1")) for key, g in _groups(essay_svg, "edge-").items()
                  if prefix in key for p in g.iter(f"{SVG}path")]
        return max(widths)

    assert widest("-undercuts-") >= widest("-attacks-")
    dotted = [p.get("stroke-dasharray") for key, g in _groups(essay_svg, "edge-").items() if "-undercuts-" in key
              for p in g.iter(f"{SVG}path")]
    assert dotted and set(dotted) == {"3,3"}  # dots long enough to see, unlike Graphviz's 1-point dots


def test_section_view_draws_every_relation_touching_it(essay: Map) -> None:
    """--section aleppo: each relation with an end in the section is an edge,
    or an edge to a stub naming the node outside and its section."""
    svg = render_svg(essay, RenderOptions(section="aleppo"))
    edges = _groups(svg, "edge-")
    inside = {n.id for n in essay.nodes if n.section == "aleppo"}
    touching = [r for r in essay.relations if inside & {r.source, *r.referenced_ids}]
    assert len(touching) >= 15 and any(not ({r.source, *r.referenced_ids} <= inside) for r in touching)
    for relation in touching:
        assert base_id(relation) in edges, relation.key
    stubs = _groups(svg, "stub-")
    outside = {end for r in touching for end in (r.source, *r.referenced_ids)} - inside
    named = {key.removeprefix("stub-aleppo-") for key in stubs}
    for node_id in outside:
        node = essay.node(node_id)
        assert node is not None
        assert node_id in named or any(key.startswith(f"stub-aleppo-{node_id}-") for key in stubs)
        if node_id in named:
            text = _text(stubs[f"stub-aleppo-{node_id}"])
            section = essay.section_by_id.get(node.section or "")
            assert (section.title if section else "Hypotheses")[:20] in text


def test_focus_marks_the_focal_node(essay: Map) -> None:
    svg = render_svg(essay, RenderOptions(focus="t_conflict", depth=1))
    header = _text(_groups(svg, "hdr-t_conflict")["hdr-t_conflict"])
    assert header.startswith("FOCUS")
    shapes = [s for s in _groups(svg, "node-t_conflict")["node-t_conflict"].iter() if s.tag in
              (f"{SVG}path", f"{SVG}polygon")]
    assert len(shapes) >= 2  # a double border
    assert _groups(svg, "stub-")  # its neighbours' other relations end on stubs


def test_ach_view_ties_every_rating_to_its_hypothesis(essay: Map) -> None:
    from argmap.evaluate import ach_matrix

    result = ach_matrix(essay)
    svg = render_svg(essay, RenderOptions(view="ach"))
    cells = _groups(svg, "ach-")
    for evidence in result.evidence:
        for hypothesis in result.hypotheses:
            cell = cells[f"ach-{evidence}-{hypothesis}"]
            grade = result.cells[(evidence, hypothesis)]
            assert _text(cell) == (grade or "\u2013")
    nodes = _groups(svg, "node-")
    assert {f"node-{h}" for h in result.hypotheses} <= set(nodes)
    hypothesis_x = [(_box(nodes[f"node-{h}"])[0]) for h in result.hypotheses]
    assert hypothesis_x == sorted(hypothesis_x)  # side by side, in order
    assert all(f"ach-score-{h}" in cells for h in result.hypotheses)


def test_atlas_pages_link_to_each_other(essay: Map) -> None:
    pages = atlas(essay)
    names = list(pages)
    assert names[0] == "00-overview.svg" and len(names) == len(essay.sections) + 2  # + the hypotheses
    ids = {name: {el.get("id") for el in _root(data.decode()).iter() if el.get("id")} for name, data in pages.items()}
    linked_to: set[str] = set()
    for name, data in pages.items():
        for element in _root(data.decode()).iter():
            href = element.get(XLINK)
            if not href:
                continue
            target, _, anchor = href.partition("#")
            assert target in pages, f"{name} links to {href}"
            assert not anchor or anchor in ids[target], f"{name} links to {href}"
            linked_to.add(target)
            if name != names[0]:
                assert target != name or anchor  # a stub opens another page
    assert set(names) <= linked_to  # every page is reached: parts from the overview, the overview back
    for section in essay.sections:  # every part has a box in the overview
        assert f"cluster-{section.id}" in ids[names[0]]


def test_atlas_of_a_map_without_sections() -> None:
    pages = atlas(api.load(DATA / "undercut.arg"))
    assert list(pages) == ["00-overview.svg", "01-unsectioned.svg"]


def test_every_node_text_is_shown_whole(essay: Map, essay_svg: str) -> None:
    """Narrower wrapping (to fit the width) never cuts a node's text short."""
    nodes = _groups(essay_svg, "node-")
    for node in essay.nodes:
        shown = " ".join(t.text or "" for t in nodes[f"node-{node.id}"].iter(f"{SVG}text") if (t.text or "").strip())
        assert " ".join(shown.split()) == " ".join(node.text.split()), node.id
