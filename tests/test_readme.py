"""The README shows the essay map as it is: its picture is regenerated when the map changes."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"
PICTURE = ROOT / "docs" / "images" / "syria_iran_russia.svg"
# The exact command the README names for its picture.
PICTURE_ARGS = ["render", "maps/syria_iran_russia.arg", "--rankdir", "LR", "-o", "docs/images/syria_iran_russia.svg"]


def test_readme_names_the_picture_and_its_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/images/syria_iran_russia.svg" in readme
    assert "argmap " + " ".join(PICTURE_ARGS) in readme


def test_readme_picture_is_current(tmp_path: Path) -> None:
    from argmap.api import load
    from argmap.render import RenderOptions, render_svg

    if not PICTURE.exists():
        pytest.fail("docs/images/syria_iran_russia.svg is missing; run: argmap " + " ".join(PICTURE_ARGS))
    expected = render_svg(load(ESSAY), RenderOptions(rankdir="LR"))
    assert PICTURE.read_text(encoding="utf-8") == expected, (
        "the README picture is out of date; run from the repository root: argmap " + " ".join(PICTURE_ARGS)
    )
