"""The README and docs/render.md show the essay map as it is: every picture in
docs/images is drawn again here and compared with what it was made from."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "images"
MANIFEST = IMAGES / "images.json"
REMAKE = "python docs/images/make_images.py (from the repository root; needs rsvg-convert)"


def _maker() -> Any:
    spec = importlib.util.spec_from_file_location("make_images", IMAGES / "make_images.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _manifest() -> dict[str, dict[str, Any]]:
    manifest: dict[str, dict[str, Any]] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return manifest


def test_readme_names_the_pictures_and_their_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"docs/images/([\w.-]+\.(?:png|svg))", readme))
    assert {"syria_iran_russia.svg", "essay-top.png", "essay-aleppo.png"} <= shown
    assert shown <= set(_manifest()), "the README shows a picture make_images.py does not make"
    assert "argmap render maps/syria_iran_russia.arg -o docs/images/syria_iran_russia.svg" in readme
    assert "argmap render maps/syria_iran_russia.arg --section aleppo" in readme


def test_every_listed_picture_exists_and_every_picture_is_listed() -> None:
    manifest = _manifest()
    maker = _maker()
    assert set(manifest) == set(maker.PICTURES)
    for name in manifest:
        assert (IMAGES / name).is_file(), f"docs/images/{name} is missing; run {REMAKE}"
    on_disk = {p.name for p in IMAGES.iterdir() if p.suffix in (".png", ".svg")}
    assert on_disk <= set(manifest), f"pictures nobody makes: {sorted(on_disk - set(manifest))}"


@pytest.mark.parametrize("name", sorted(json.loads(MANIFEST.read_text(encoding="utf-8"))))
def test_picture_is_current(name: str) -> None:
    """The SVG argmap draws today is the one the picture was made from."""
    maker = _maker()
    entry = _manifest()[name]
    args, _, _, _ = maker.PICTURES[name]
    svg = maker.argmap_svg(args)
    assert maker.digest(svg) == entry["svg_sha256"], (
        f"docs/images/{name} is out of date (the map or the renderer changed); run {REMAKE}")
    if name.endswith(".svg"):
        assert (IMAGES / name).read_text(encoding="utf-8") == svg
