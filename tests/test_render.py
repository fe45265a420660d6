"""argmap.render: golden DOT files, SVG structure, determinism, views.

Golden files: tests/data/render/NAME.arg -> NAME.dot (and NAME.OPTION.dot for
the option sets in VARIANTS). Regenerate after a deliberate change with

    ARGMAP_UPDATE_GOLDENS=1 pytest tests/test_render.py
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap import api
from argmap.errors import ArgmapError
from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from argmap.render import RenderOptions, build_dot, render, render_svg, views

DATA = Path(__file__).parent / "data" / "render"
MAPS = sorted(DATA.glob("*.arg"))
VARIANTS = {
    "": RenderOptions(),
    "lr-nolegend": RenderOptions(rankdir="LR", legend=False, wrap=20),
    "by-tag": RenderOptions(color_by="tag"),
    "by-section": RenderOptions(color_by="section"),
    "bt": RenderOptions(rankdir="BT", width=300),  # leaves staggered to fit a narrow width
    "joined": RenderOptions(layout="joined"),
    "status-ids": RenderOptions(color_by="status", ids=True),
    "section": RenderOptions(section="first"),  # relations leaving the section are stubs
    "focus": RenderOptions(focus="conflict", depth=1),
}
# Which maps each variant is kept for (every map gets the default).
VARIANT_MAPS = {"lr-nolegend": ("small", "tags"), "by-tag": ("small", "tags"), "by-section": ("small", "tags"),
                "bt": ("small", "undercut"), "joined": ("small", "undercut"), "status-ids": ("small",),
                "section": ("small",), "focus": ("small",)}
UPDATE = bool(os.environ.get("ARGMAP_UPDATE_GOLDENS"))


def _load(path: Path) -> Map:
    return api.load(path)


def _svg_ids(svg: str) -> set[str]:
    root = ET.fromstring(svg.encode("utf-8"))
    return {el.get("id") for el in root.iter() if el.get("id")}  # type: ignore[misc]


GOLDEN_CASES = [(p, v) for p in MAPS for v in sorted(VARIANTS) if not v or p.stem in VARIANT_MAPS[v]]


@pytest.mark.parametrize(("path", "variant"), GOLDEN_CASES, ids=[f"{p.stem}.{v}" for p, v in GOLDEN_CASES])
def test_golden_dot(path: Path, variant: str) -> None:
    golden = path.with_suffix(f".{variant}.dot" if variant else ".dot")
    dot = build_dot(_load(path), VARIANTS[variant])
    if UPDATE:
        golden.write_text(dot, encoding="utf-8")
    assert golden.exists(), f"missing {golden.name}: run with ARGMAP_UPDATE_GOLDENS=1"
    assert dot == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", MAPS, ids=[p.stem for p in MAPS])
def test_svg_is_xml_with_every_id(path: Path) -> None:
    argmap = _load(path)
    ids = _svg_ids(render_svg(argmap))
    for node in argmap.nodes:
        assert f"node-{node.id}" in ids
    for section in argmap.sections:
        assert f"cluster-{section.id}" in ids
    for relation in argmap.relations:
        if relation.target is not None:
            assert f"edge-{relation.source}-{relation.kind.value}-{relation.target}" in ids
        else:
            assert relation.link is not None
            assert f"edge-{relation.source}-undercuts-{relation.link.source}-{relation.link.target}" in ids


def test_views_keep_every_id_and_stub_each_relation_leaving() -> None:
    """--section draws every relation touching the section: as an edge, or as
    an edge to a stub naming the node outside."""
    argmap = _load(DATA / "small.arg")
    ids = _svg_ids(render_svg(argmap, RenderOptions(section="second")))
    inside = {n.id for n in argmap.nodes if n.section == "second"}
    for relation in argmap.relations:
        ends = {relation.source, *relation.referenced_ids}
        if ends & inside:
            assert any(i.startswith(_edge_id(relation)) for i in ids), relation.key
    assert "stub-second-conflict" in ids  # divergent supports conflict, drawn in "first"
    assert "node-conflict" not in ids


def _edge_id(relation: Relation) -> str:
    from argmap.render.edges import base_id

    return base_id(relation)


def test_render_twice_is_byte_identical() -> None:
    argmap = _load(DATA / "small.arg")
    assert build_dot(argmap) == build_dot(_load(DATA / "small.arg"))
    assert render(argmap, "svg") == render(argmap, "svg")
    assert render(argmap, "json") == render(argmap, "json")


def test_undercut_points_at_the_middle_of_its_edge() -> None:
    dot = build_dot(_load(DATA / "undercut.arg"))
    mid = '"link a>t"'
    assert f'\ta -> {mid} [' in dot and f'\t{mid} -> t [' in dot  # the undercut edge is split
    assert f'\tu -> {mid} [' in dot  # and the undercut ends on its middle
    assert '\ta -> t [' not in dot
    assert 'shape=diamond' in dot and 'style=dotted' in dot and "style=dashed" in dot
    assert '\tq -> t [id="edge-q-contradicts-t"' in dot and "dir=both" in dot


def test_weights_and_headers() -> None:
    argmap = _load(DATA / "undercut.arg")
    dot = build_dot(argmap)
    assert 'penwidth=2.24 arrowhead=normal tooltip="a supports t" label=0.9' in dot
    texts = _texts(render_svg(argmap))
    assert "EVIDENCE \u00b7 2019-03" in texts  # the small header over the text
    assert "A dated report." in texts and "e" not in texts.split()  # no id unless --ids
    assert "EVIDENCE \u00b7 e \u00b7 2019-03" in _texts(render_svg(argmap, RenderOptions(ids=True)))


def _texts(svg: str) -> str:
    root = ET.fromstring(svg.encode("utf-8"))
    return " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))


def test_json_format_is_graphviz_json() -> None:
    import json

    document = json.loads(render(_load(DATA / "tags.arg"), "json"))
    names = {obj.get("name") for obj in document["objects"]}
    assert {"t", "a", "b", "c"} <= names


def test_duplicate_edges_get_unique_ids() -> None:
    nodes = (Node("a", NodeKind.CLAIM, "A"), Node("b", NodeKind.THESIS, "B"))
    rel = Relation(RelationKind.SUPPORTS, "a", "b")
    ids = _svg_ids(render_svg(Map(nodes=nodes, relations=(rel, rel))))
    assert {"edge-a-supports-b", "edge-a-supports-b-2"} <= ids


def test_large_maps_get_scaling_layout_settings() -> None:
    from argmap.render.dot import LARGE_MAP

    nodes = tuple(Node(f"n{i}", NodeKind.CLAIM, "x") for i in range(LARGE_MAP + 1))
    assert "nslimit=0.2 " in build_dot(Map(nodes=nodes))
    assert "splines=line" not in build_dot(Map(nodes=nodes[:10]))


def test_huge_maps_get_fewer_iterations() -> None:
    from argmap.render.dot import HUGE_MAP

    nodes = tuple(Node(f"n{i}", NodeKind.CLAIM, "x") for i in range(HUGE_MAP + 1))
    assert "nslimit=0.05 " in build_dot(Map(nodes=nodes), RenderOptions(legend=False))


# -- views -----------------------------------------------------------------

def _ids(argmap: Map) -> list[str]:
    return [n.id for n in argmap.nodes]


@pytest.mark.parametrize(
    ("focus", "depth", "expected"),
    [
        ("t", 0, ["t"]),
        ("t", 1, ["t", "a", "c", "u", "v", "q"]),  # undercutters of links into t are neighbours
        ("e", 1, ["a", "e"]),
        ("e", 2, ["t", "a", "u", "e"]),
        ("u", 1, ["t", "a", "u"]),
    ],
)
def test_focus(focus: str, depth: int, expected: list[str]) -> None:
    assert _ids(views.focus(_load(DATA / "undercut.arg"), focus, depth)) == expected


def test_focus_keeps_only_inner_relations() -> None:
    view = views.focus(_load(DATA / "undercut.arg"), "e", 1)
    assert [r.key for r in view.relations] == ["e supports a"]


def test_section_by_id_or_title_and_kinds() -> None:
    argmap = _load(DATA / "small.arg")
    by_id = views.section(argmap, "second")
    assert _ids(by_id) == _ids(views.section(argmap, "Second: the endgame"))
    assert _ids(by_id) == ["divergent", "loop_a", "loop_b", "rivals", "partners", "when"]
    assert [s.id for s in by_id.sections] == ["second"]
    assert _ids(views.kinds(argmap, ["thesis", "claim"])) == ["conflict", "hiding", "divergent"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m: views.focus(m, "nope"), "no node 'nope'"),
        (lambda m: views.section(m, "nope"), "no section 'nope'"),
        (lambda m: views.kinds(m, ["thesis", "claims"]), "unknown kind 'claims'"),
    ],
)
def test_view_errors_are_clear(call: object, message: str) -> None:
    with pytest.raises(ArgmapError, match=message):
        call(_load(DATA / "small.arg"))  # type: ignore[operator]


def test_options_apply_views_in_build_dot() -> None:
    dot = build_dot(_load(DATA / "small.arg"), RenderOptions(kinds=("thesis",), legend=False))
    assert 'id="node-conflict"' in dot and 'id="node-ankara"' not in dot


def test_leaves_of_one_node_are_staggered_when_they_do_not_fit() -> None:
    nodes = (Node("t", NodeKind.THESIS, "T"),) + tuple(Node(f"e{i}", NodeKind.EVIDENCE, "E") for i in range(5))
    relations = tuple(Relation(RelationKind.SUPPORTS, f"e{i}", "t") for i in range(5))
    narrow = build_dot(Map(nodes=nodes, relations=relations), RenderOptions(rankdir="BT", width=200))
    minlens = [line.split("minlen=")[1].split()[0] if "minlen=" in line else "1"
               for line in narrow.splitlines() if '-> t [' in line]
    assert minlens == ["1", "2", "3", "1", "2"]
    wide = build_dot(Map(nodes=nodes, relations=relations), RenderOptions(rankdir="BT"))
    assert "minlen" not in wide  # five small leaves fit in one row
    assert "minlen" not in build_dot(Map(nodes=nodes, relations=relations), RenderOptions(rankdir="RL", width=200))


def test_headers_and_tooltips_are_worded_by_the_shared_facts() -> None:
    """The diagram says a node's facts as every renderer does (argmap.render.facts)."""
    from argmap.render.facts import MapFacts
    from argmap.render.labels import node_header
    from argmap.render.labels import tooltip as diagram_tooltip
    from argmap.render.wording import header, tooltip_lines

    argmap = api.load(Path(__file__).resolve().parents[1] / "maps" / "syria_iran_russia.arg")
    facts = MapFacts(argmap)
    for node in argmap.nodes:
        assert diagram_tooltip(facts, node) == "\n".join(tooltip_lines(facts.of(node)))
        shared = header(facts.of(node), keys=("date", "credibility", "relevance"))
        assert node_header(node, facts).lower().replace(" \u00b7 inferred", "") == shared.lower()
