"""The DOT builder on the ``graphviz`` package: its fast paths write what the
package's own ``quote`` / ``Digraph.node`` / ``Digraph.edge`` would, and map
text never turns into DOT syntax (HTML labels, keywords, ports)."""

from __future__ import annotations

import warnings
import xml.etree.ElementTree as ET

import graphviz
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from profiles import examples

from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from argmap.render import RenderOptions, build_dot, render_svg, scene_for
from argmap.render import dot_lines as lines_mod
from argmap.render.edges import Edge, EdgeIds
from argmap.render.labels import node_header, tooltip
from argmap.render.statements import Overlay, Statements
from argmap.render.style import EDGE_STYLES, NODE_STYLES
from argmap.render.wrap import wrap_text

SAMPLES = [
    "", "a", "node", "Graph", "strict", "-4.2", ".5", "x y", "<b>bold</b>", "<>", 'say "hi"', '\\"', "end\\",
    "a & b", "&amp;", "line\nbreak", "\\N \\G \\l", "{braces} [x] |y|", "الأسد", "😀 🇸🇾", "a:b:c", "tab\there",
]


def _package_quote(value: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an odd trailing backslash would warn: never for our values
        return str(graphviz.quoting.quote(value))


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("make", [lines_mod.label_value, lines_mod.tooltip_value])
def test_fast_quote_is_the_package_quote(text: str, make: object) -> None:
    value = make(text)  # type: ignore[operator]
    assert isinstance(value, graphviz.quoting.NoHtml)
    assert lines_mod.quote_text(value) == _package_quote(value)


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_fast_quote_is_the_package_quote_for_any_text(text: str) -> None:
    for value in (lines_mod.label_value(text), lines_mod.tooltip_value(text)):
        assert lines_mod.quote_text(value) == _package_quote(value)


def test_values_escape_backslashes_entities_and_newlines() -> None:
    assert lines_mod.label_value("a\\N & b\nc") == "a\\\\N &amp; b\\nc"
    assert lines_mod.tooltip_value("a\\N & b\nc") == "a\\\\\\\\N &amp; b\\nc"
    assert lines_mod.label_value("x\x00\x1fy") == "xy"  # control characters dropped


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_one_step_quoting_is_the_package_quote_of_the_value(text: str) -> None:
    assert lines_mod.quoted_label(text) == _package_quote(lines_mod.label_value(text))
    assert lines_mod.quoted_tip(text) == _package_quote(lines_mod.tooltip_value(text))


def test_html_like_text_stays_text_and_keywords_stay_names() -> None:
    nodes = (Node("node", NodeKind.THESIS, "<b>not bold</b>"), Node("edge", NodeKind.CLAIM, "<i>x</i>"))
    argmap = Map(title="<script>x</script>", nodes=nodes,
                 relations=(Relation(RelationKind.SUPPORTS, "edge", "node"),))
    dot = build_dot(argmap)
    assert 'label=" \\n<b>not bold</b>"' in dot  # quoted, not an HTML label
    assert '\t"node" [id="node-node"' in dot and '\t"edge" -> "node" [' in dot
    root = ET.fromstring(render_svg(argmap).encode("utf-8"))
    ids = {el.get("id") for el in root.iter()}
    assert {"node-node", "node-edge", "edge-edge-supports-node"} <= ids
    assert "<b>not bold</b>" in "".join(root.itertext())
    assert "<script>x</script>" in "".join(root.itertext())


def test_digraph_shape_and_determinism() -> None:
    nodes = (Node("a", NodeKind.CLAIM, "A"), Node("b", NodeKind.THESIS, "B"))
    argmap = Map(nodes=nodes, relations=(Relation(RelationKind.SUPPORTS, "a", "b", weight=0.5),))
    dot = build_dot(argmap, RenderOptions(legend=False))
    assert dot.startswith("digraph argmap {\n\tgraph [") and dot.endswith("}\n")
    assert not dot.startswith("strict")
    assert "\ta -> b [" in dot and "penwidth=1.60 arrowhead=normal tooltip=\"a supports b\" label=0.5" in dot
    assert dot.count("penwidth=") == 1  # the weight's width replaces the kind's
    assert dot == build_dot(argmap, RenderOptions(legend=False))


IDS = st.text(alphabet="abcXYZ019_-.&\\\"<>:é ", min_size=1, max_size=12)


@settings(max_examples=examples(150), deadline=None)
@given(ident=IDS, other=IDS, text=st.text(max_size=120), kind=st.sampled_from(list(NodeKind)),
       verb=st.sampled_from([RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.CONTRADICTS]),
       weight=st.one_of(st.none(), st.floats(min_value=-1, max_value=2)), minlen=st.integers(1, 3),
       two_pass=st.booleans(), tags=st.lists(st.text(max_size=6), max_size=2))
def test_node_and_edge_statements_are_what_the_package_writes(
        ident: str, other: str, text: str, kind: NodeKind, verb: RelationKind, weight: float | None,
        minlen: int, two_pass: bool, tags: list[str]) -> None:
    """argmap.render.statements against Digraph.node/.edge given the attribute
    lists spelled out (the order and values argmap writes)."""
    if ident == other:
        other += "x"
    node = Node(ident, kind, text, tags=tuple(tags))
    relation = Relation(verb, ident, other, weight=weight)
    argmap = Map(nodes=(node, Node(other, NodeKind.THESIS, "t")), relations=(relation,))
    scene, options = scene_for(argmap, RenderOptions())
    statements = Statements(scene, options, {}, two_pass)
    style = NODE_STYLES[kind]
    header = node_header(node, statements.facts, number=scene.numbers.get(ident))
    lines = wrap_text(text, 30)
    pairs = [("id", lines_mod.tooltip_value(f"node-{ident}")), ("class", lines_mod.tooltip_value(f"node-{kind.value}")),
             ("shape", style.shape), ("style", style.style), ("fillcolor", style.fill), ("color", style.border)]
    if two_pass:
        pairs.append(("label", lines_mod.label_value("\n".join([" "] + lines))))
        overlays: dict[str, Overlay] = {}
        written = statements.node(node, overlays)
        pairs.append(("width", written.split(" width=")[1].split(" ")[0]))  # the header's room: tested elsewhere
    else:
        pairs.append(("label", lines_mod.label_value("\n".join([header] + lines))))
        written = statements.node(node, {})
    pairs.append(("tooltip", lines_mod.tooltip_value(tooltip(statements.facts, node))))
    package = graphviz.Digraph()
    package.node(lines_mod.tooltip_value(ident), _attributes=pairs)

    edge_style = EDGE_STYLES[verb]
    eid = f"edge-{ident}-{verb.value}-{other}"
    pen = f"{edge_style.penwidth:g}" if weight is None else \
        f"{edge_style.penwidth * (0.5 + max(0.0, min(weight, 1.0))):.2f}"
    edge_pairs = [("id", lines_mod.tooltip_value(eid)), ("color", edge_style.color), ("style", edge_style.style),
                  ("penwidth", pen), ("arrowhead", edge_style.arrowhead)]
    edge_pairs += [("arrowsize", f"{edge_style.arrowsize:g}")] if edge_style.arrowsize != 1 else []
    edge_pairs += [("minlen", str(minlen))] if minlen > 1 else []
    edge_pairs += [("dir", edge_style.dir), ("arrowtail", edge_style.arrowhead)] if edge_style.dir != "forward" else []
    edge_pairs += [("tooltip", lines_mod.tooltip_value(relation.key))]
    edge_pairs += [("label", f"{weight:g}")] if weight is not None else []
    package.body.append(f"\t{_package_quote(lines_mod.tooltip_value(ident))} -> "
                        f"{_package_quote(lines_mod.tooltip_value(other))}"
                        f"{graphviz.quoting.attr_list(attributes=edge_pairs)}\n")
    edge = statements.edge(Edge(relation, ident, other, "whole", eid, minlen))
    assert [written, edge] == package.body
    if minlen == 1:  # the one-pass fast path writes the same edge
        assert statements.whole_edges([relation], {}, EdgeIds()) == [edge]


def test_sections_do_not_copy_the_graph_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """``with dot.subgraph(name=...)`` copies the parent's whole body per section
    (quadratic on big maps); the builder adds ready subgraphs instead."""
    from argmap.model import Section

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Digraph body copied")

    sections = tuple(Section(f"s{i}", f"Section {i}") for i in range(3))
    nodes = tuple(Node(f"n{i}", NodeKind.CLAIM, "x", section=f"s{i % 3}") for i in range(6))
    options = RenderOptions(layout="joined")
    expected = build_dot(Map(nodes=nodes, sections=sections), options)
    monkeypatch.setattr(graphviz.Digraph, "_copy_kwargs", refuse)
    assert build_dot(Map(nodes=nodes, sections=sections), options) == expected
    assert expected.count("subgraph cluster_s") == 3
