"""Map text with markup, entities, quotes, backslashes, braces, Arabic and emoji
comes out intact in the SVG (after XML parsing) and never as raw markup."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from argmap import api
from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from argmap.render import RenderOptions, build_dot, render_svg

DATA = Path(__file__).parent / "data" / "render"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"

NASTY = [
    "<script>alert('x')</script>",
    "Tom & Jerry &amp; &#92; &lt;",
    'say "hi" and \'bye\'',
    "back\\slash \\N \\G \\L \\n \\\\ end\\",
    "braces {x} [y] |z| <<a>>",
    "الأسد يجب أن يبقى",
    "emoji 😀 🇸🇾 👩‍👩‍👧",
]


def _texts(svg: str) -> tuple[str, list[str]]:
    """All text content (joined) and all tooltips of an SVG."""
    root = ET.fromstring(svg.encode("utf-8"))
    texts = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))
    tips = [el.get(XLINK_TITLE) or "" for el in root.iter() if el.get(XLINK_TITLE)]
    return texts, tips


ENGINES = [
    "wasm",
    pytest.param("system", marks=[pytest.mark.system_dot,
                                  pytest.mark.skipif(shutil.which("dot") is None, reason="needs `dot`")]),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("text", NASTY)
def test_text_survives_in_label_and_tooltip(text: str, engine: str) -> None:
    node = Node(id="n1", kind=NodeKind.CLAIM, text=text)
    other = Node(id="n2", kind=NodeKind.THESIS, text="plain")
    argmap = Map(title=text, nodes=(node, other),
                 relations=(Relation(RelationKind.SUPPORTS, "n1", "n2"),))
    svg = render_svg(argmap, RenderOptions(wrap=200), engine=engine)
    texts, tips = _texts(svg)
    assert " ".join(text.split()) in texts  # the label (whitespace collapsed)
    assert any(text in tip for tip in tips), tips  # the tooltip keeps it exactly
    assert "<script" not in svg  # never raw markup


def test_escaping_map_file() -> None:
    argmap = api.load(DATA / "escaping.arg")
    svg = render_svg(argmap)
    texts, tips = _texts(svg)
    flat = " ".join(texts.split())
    for node in argmap.nodes:
        assert node.text in " ".join(tips)
        for word in node.text.split():
            assert word in flat, word
    assert "Braces {x} & <tags>" in texts
    dot = build_dot(argmap)
    assert '\\"quoted\\" back\\\\slash' in dot  # quotes escaped, backslash doubled in labels
    assert "&amp;" in dot and "& " not in dot.replace("&amp; ", "")
