"""The outline does work in proportion to the map: flat, deep and dense maps.

No timing: the work is counted as the Python and builtin calls made while the
outline is built and written (sys.setprofile), for a map and for the same
shape twice as big. A quadratic step (a node compared with every other, a
chain walked again from the top for each link) doubles the ratio. The speed
itself is measured by bench/bench_outline.py.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from argmap.api import loads
from argmap.model import Map
from argmap.render.html import render_html
from argmap.render.outline import build_outline, load_evaluation
from argmap.render.outline_md import render_markdown
from argmap.render.outline_text import render_text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from bench_outline import deep, dense, flat, loose


def work(argmap: Map, steps: Callable[[Map], Any]) -> int:
    """Calls (Python functions and builtins) made by ``steps(argmap)``."""
    count = 0

    def profile(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        steps(argmap)
    finally:
        sys.setprofile(None)
    return count


def everything(argmap: Map) -> None:
    statuses, strengths = load_evaluation(argmap)
    outline = build_outline(argmap, statuses=statuses, strengths=strengths)
    render_text(outline, width=80)
    render_markdown(outline)
    render_html(argmap, svg=None, outline=outline)


def size(argmap: Map) -> int:
    return len(argmap.nodes) + len(argmap.relations)


@pytest.mark.parametrize("shape, n", [(flat, 400), (loose, 400), (deep, 400), (dense, 20)])
def test_outline_work_grows_with_the_map(shape: Callable[[int], str], n: int) -> None:
    everything(loads(shape(5)))  # imports and template compilation happen once, before counting
    small, big = loads(shape(n)), loads(shape(2 * n))
    grown = size(big) / size(small)
    ratio = work(big, everything) / work(small, everything)
    assert ratio < 1.2 * grown, (shape.__name__, ratio, grown)


def test_a_deep_chain_is_shown_in_full_once() -> None:
    argmap = loads(deep(1000))
    outline = build_outline(argmap)
    entries = outline.walk()
    assert sorted(e.node.id for e in entries if not e.ref) == sorted(n.id for n in argmap.nodes)
    assert len(entries) < len(argmap.nodes) + len(argmap.relations) / 10  # pointers: one per cut


def test_a_dense_map_shows_each_node_once_and_each_relation_once() -> None:
    argmap = loads(dense(60))
    outline = build_outline(argmap)
    entries = outline.walk()
    assert len([e for e in entries if not e.ref]) == 60
    # every relation is one entry (a child or a pointer); a chain cut at MAX_DEPTH
    # adds one top entry where it continues
    cuts = sum(len(p.entries) for p in outline.parts if p.key == "continued")
    assert len(entries) == 1 + len(argmap.relations) + cuts


def test_a_huge_focus_depth_stops_when_nothing_is_left(tmp_path: Path) -> None:
    """`render --focus X --depth 1000000000` once looped for a minute after the
    last node; the guard is generous (the run takes about a second)."""
    path = tmp_path / "m.arg"
    path.write_text(deep(50), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(path), "--focus", "n10", "--depth", "1000000000",
         "--format", "dot", "-o", "-"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert all(f'"node-n{i}"' in done.stdout for i in range(50))
