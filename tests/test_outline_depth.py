"""Deep chains continue as new top entries instead of nesting without bound."""

from __future__ import annotations

from argmap.api import loads
from argmap.render.outline import MAX_DEPTH, build_outline
from argmap.render.outline_md import render_markdown
from argmap.render.outline_text import render_text


def _chain(length: int) -> str:
    lines = ['thesis n0 "The top."']
    for i in range(1, length):
        lines.append(f'claim n{i} "Step {i}."\n  supports n{i - 1}')
    return "\n".join(lines) + "\n"


def test_deep_chain_is_cut_and_continued_once() -> None:
    argmap = loads(_chain(3 * MAX_DEPTH + 5))
    outline = build_outline(argmap)
    entries = outline.walk()
    shown = [e.node.id for e in entries if not e.ref]
    assert sorted(shown) == sorted(n.id for n in argmap.nodes)  # every node once, in full
    pointers = [e for e in entries if e.continued]
    assert len(pointers) == 3 and all(e.where == "below" for e in pointers)
    assert [p.key for p in outline.parts] == ["theses", "continued"]
    text = render_text(outline, width=80, ascii=True)
    assert f"see n{MAX_DEPTH} below" in text
    markdown = render_markdown(outline)
    assert f"see [n{MAX_DEPTH}](#" in markdown and f"n{MAX_DEPTH}) below" in markdown


def test_shallow_maps_are_not_cut() -> None:
    outline = build_outline(loads(_chain(10)))
    assert [p.key for p in outline.parts] == ["theses"]
    assert not any(e.continued for e in outline.walk())
