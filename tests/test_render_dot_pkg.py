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
from argmap.render import RenderOptions, build_dot, render_svg
from argmap.render import dot as dotmod

SAMPLES = [
    "", "a", "node", "Graph", "strict", "-4.2", ".5", "x y", "<b>bold</b>", "<>", 'say "hi"', '\\"', "end\\",
    "a & b", "&amp;", "line\nbreak", "\\N \\G \\l", "{braces} [x] |y|", "الأسد", "😀 🇸🇾", "a:b:c", "tab\there",
]


def _package_quote(value: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an odd trailing backslash would warn: never for our values
        return graphviz.quoting.quote(value)


@pytest.mark.parametrize("text", SAMPLES)
@pytest.mark.parametrize("make", [dotmod.label_value, dotmod.tooltip_value])
def test_fast_quote_is_the_package_quote(text: str, make: object) -> None:
    value = make(text)  # type: ignore[operator]
    assert isinstance(value, graphviz.quoting.NoHtml)
    assert dotmod._quote_text(value) == _package_quote(value)


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_fast_quote_is_the_package_quote_for_any_text(text: str) -> None:
    for value in (dotmod.label_value(text), dotmod.tooltip_value(text)):
        assert dotmod._quote_text(value) == _package_quote(value)


def test_values_escape_backslashes_entities_and_newlines() -> None:
    assert dotmod.label_value("a\\N & b\nc") == "a\\\\N &amp; b\\nc"
    assert dotmod.tooltip_value("a\\N & b\nc") == "a\\\\\\\\N &amp; b\\nc"
    assert dotmod.label_value("x\x00\x1fy") == "xy"  # control characters dropped


@pytest.mark.parametrize("name", ["t", "node", "a-b", "<x>", 'q"uote', "back\\slash"])
def test_node_and_edge_lines_match_the_package(name: str) -> None:
    pairs = [("id", dotmod.tooltip_value(f"node-{name}")), ("shape", "box"), ("fillcolor", "#fff2b3"),
             ("label", dotmod.label_value(f"<b>{name}</b>\nsecond line")), ("width", "0.06")]
    names = dotmod._Names()
    ours = graphviz.Digraph()
    dotmod._add_node(ours, names(name), pairs)
    dotmod._add_edge(ours, names(name), names.mid(name, "t"), pairs)
    package = graphviz.Digraph()
    package.node(dotmod.tooltip_value(name), _attributes=pairs)
    package.body.append(package.body[0].replace(" [", " -> " + _package_quote(
        dotmod.tooltip_value(f"link {name}>t")) + " [", 1))  # .edge() would parse ports
    assert ours.body == package.body


def test_html_like_text_stays_text_and_keywords_stay_names() -> None:
    nodes = (Node("node", NodeKind.THESIS, "<b>not bold</b>"), Node("edge", NodeKind.CLAIM, "<i>x</i>"))
    argmap = Map(title="<script>x</script>", nodes=nodes,
                 relations=(Relation(RelationKind.SUPPORTS, "edge", "node"),))
    dot = build_dot(argmap)
    assert 'label="<script>x</script>"' in dot  # quoted, not an HTML label
    assert '\t"node" [id="node-node"' in dot and '\t"edge" -> "node" [' in dot
    root = ET.fromstring(render_svg(argmap).encode("utf-8"))
    ids = {el.get("id") for el in root.iter()}
    assert {"node-node", "node-edge", "edge-edge-supports-node"} <= ids
    assert "<b>not bold</b>" in "".join(root.itertext())


def test_digraph_shape_and_determinism() -> None:
    nodes = (Node("a", NodeKind.CLAIM, "A"), Node("b", NodeKind.THESIS, "B"))
    argmap = Map(nodes=nodes, relations=(Relation(RelationKind.SUPPORTS, "a", "b", weight=0.5),))
    dot = build_dot(argmap, RenderOptions(legend=False))
    assert dot.startswith("digraph argmap {\n\tgraph [") and dot.endswith("}\n")
    assert not dot.startswith("strict")
    assert "\ta -> b [" in dot and "penwidth=2.00 label=0.5" in dot
    assert dot == build_dot(argmap, RenderOptions(legend=False))


@settings(max_examples=examples(300), deadline=None)
@given(st.text())
def test_one_step_quoting_is_the_package_quote_of_the_value(text: str) -> None:
    from argmap.render import dot_lines

    assert dot_lines.quoted_label(text) == _package_quote(dotmod.label_value(text))
    assert dot_lines.quoted_tip(text) == _package_quote(dotmod.tooltip_value(text))


IDS = st.text(alphabet="abcXYZ019_-.&\\\"<>:é ", min_size=1, max_size=12)


@settings(max_examples=150, deadline=None)
@given(ident=IDS, other=IDS, text=st.text(max_size=120), kind=st.sampled_from(list(NodeKind)),
       verb=st.sampled_from([RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.CONTRADICTS]),
       weight=st.one_of(st.none(), st.floats(min_value=-1, max_value=2)), minlen=st.integers(1, 3),
       large=st.booleans(), tags=st.lists(st.text(max_size=6), max_size=2))
def test_node_and_edge_statements_are_what_the_package_writes(
        ident: str, other: str, text: str, kind: NodeKind, verb: RelationKind, weight: float | None,
        minlen: int, large: bool, tags: list[str]) -> None:
    """The per-kind templates of dot._Lines against Digraph.node/.edge given the
    attribute lists spelled out (the order and values argmap has always written)."""
    from argmap.render.style import EDGE_STYLES, NODE_STYLES

    node = Node(ident, kind, text, tags=tuple(tags))
    relation = Relation(verb, ident, other, weight=weight)
    argmap = Map(nodes=(node, Node(other, NodeKind.THESIS, "t")), relations=(relation,))
    lines = dotmod._Lines(argmap, RenderOptions(), {}, large)
    style = NODE_STYLES[kind]
    package = graphviz.Digraph()
    package.node(dotmod.tooltip_value(ident), _attributes=[
        ("id", dotmod.tooltip_value(f"node-{ident}")), ("class", dotmod.tooltip_value(f"node-{kind.value}")),
        ("shape", style.shape), ("style", style.style), ("fillcolor", style.fill), ("color", style.border),
        ("label", dotmod.label_value("\n".join([ident] + dotmod.wrap_text(text, 36)))),
        ("tooltip", dotmod.tooltip_value(dotmod._tooltip(argmap, node)))])
    edge = EDGE_STYLES[verb]
    pairs = [("id", dotmod.tooltip_value(f"edge-{ident}-{verb.value}-{other}")), ("color", edge.color),
             ("style", edge.style), ("arrowhead", edge.arrowhead)]
    pairs += [("minlen", str(minlen))] if minlen > 1 else []
    pairs += [("dir", edge.dir), ("arrowtail", edge.arrowhead)] if edge.dir != "forward" else []
    pairs += [("tooltip", dotmod.tooltip_value(relation.key))]
    if weight is not None:
        pairs += [("penwidth", f"{1 + 2 * max(0.0, min(weight, 1.0)):.2f}")]
        pairs += [] if large else [("label", f"{weight:g}")]
    package.body.append(f"\t{_package_quote(dotmod.tooltip_value(ident))} -> "
                        f"{_package_quote(dotmod.tooltip_value(other))}{graphviz.quoting.attr_list(attributes=pairs)}\n")
    assert [lines.node(node)] + lines.edges(relation, {}, minlen) == package.body


def test_sections_do_not_copy_the_graph_body(monkeypatch: pytest.MonkeyPatch) -> None:
    """``with dot.subgraph(name=...)`` copies the parent's whole body per section
    (quadratic on big maps); the builder adds ready subgraphs instead."""
    from argmap.model import Section

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("Digraph body copied")

    sections = tuple(Section(f"s{i}", f"Section {i}") for i in range(3))
    nodes = tuple(Node(f"n{i}", NodeKind.CLAIM, "x", section=f"s{i % 3}") for i in range(6))
    expected = build_dot(Map(nodes=nodes, sections=sections))
    monkeypatch.setattr(graphviz.Digraph, "_copy_kwargs", refuse)
    assert build_dot(Map(nodes=nodes, sections=sections)) == expected
    assert expected.count("subgraph cluster_s") == 3 and "subgraph \"cluster legend\"" in expected
