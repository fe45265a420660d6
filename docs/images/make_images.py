"""Make the pictures of the essay map that README.md and docs/render.md show.

    python docs/images/make_images.py          # from the repository root; needs rsvg-convert

Each picture is drawn by ``argmap render`` (the arguments are in PICTURES)
and, for the PNGs, turned into pixels with ``rsvg-convert`` (librsvg), cropped
to a region of the SVG when one is given, in greyscale when asked. The SHA-256
of every SVG argmap wrote goes into images.json: tests/test_readme.py draws
each SVG again and fails when one differs, so the pictures never fall behind
the map or the renderer.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ESSAY = "maps/syria_iran_russia.arg"

# name -> (argmap render arguments after the map, crop "x y w h" in SVG points or None, greyscale, width px)
PICTURES: dict[str, tuple[list[str], str | None, bool, int]] = {
    "syria_iran_russia.svg": ([], None, False, 0),
    "essay-top.png": ([], "0 0 1480 1450", False, 1400),
    "essay-aleppo.png": (["--section", "aleppo"], None, False, 1400),
    "essay-status-grey.png": (["--color-by", "status"], "0 0 1480 1450", True, 1100),
    "essay-focus.png": (["--focus", "t_conflict", "--depth", "1"], None, False, 1100),
    "essay-ach.png": (["--view", "ach"], "0 0 1500 1450", False, 1100),
    "essay-overview.png": (["--split", "sections"], None, False, 1100),
    # one picture for each option of docs/render.md's table that changes the drawing
    "essay-ids.png": (["--section", "aleppo", "--ids"], None, False, 1000),
    "essay-wrap.png": (["--section", "aleppo", "--wrap", "20"], None, False, 1000),
    "essay-rankdir-lr.png": (["--section", "aleppo", "--rankdir", "LR"], None, False, 1100),
    "essay-kinds.png": (["--kinds", "thesis,evidence,hypothesis"], "0 0 1948 1500", False, 1000),
    "essay-width.png": (["--width", "3000"], "0 0 2539 1600", False, 1100),
    "essay-joined.png": (["--layout", "joined"], "2000 0 1878 1700", False, 1000),
    "essay-color-section.png": (["--color-by", "section"], "0 0 1735 1500", False, 1000),
}


def argmap_svg(args: list[str]) -> str:
    """The SVG ``argmap render ESSAY ARGS`` writes (the overview for --split)."""
    from click.testing import CliRunner

    from argmap.cli import cli

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / ("atlas" if "--split" in args else "picture.svg")
        result = CliRunner().invoke(cli, ["render", str(ROOT / ESSAY), *args, "-o", str(target)],
                                    standalone_mode=False, catch_exceptions=False)
        if result.return_value not in (0, None):
            raise SystemExit(f"argmap render {' '.join(args)} failed: {result.stderr}")
        picture = target / "00-overview.svg" if "--split" in args else target
        return picture.read_text(encoding="utf-8")


def digest(svg: str) -> str:
    return hashlib.sha256(svg.encode("utf-8")).hexdigest()


def _cropped(svg: str, crop: str | None, grey: bool) -> str:
    if crop is not None:
        x, y, w, h = crop.split()
        svg = re.sub(r'<svg width="[^"]*" height="[^"]*"\s*viewBox="[^"]*"',
                     f'<svg width="{w}pt" height="{h}pt" viewBox="{x} {y} {w} {h}"', svg, count=1)
    if grey:
        svg = re.sub(r"(<svg[^>]*>)", r'\1<defs><filter id="greyscale"><feColorMatrix type="saturate" '
                     r'values="0"/></filter></defs><g filter="url(#greyscale)">', svg, count=1)
        svg = svg.replace("</svg>", "</g></svg>")
    return svg


def main() -> None:
    if shutil.which("rsvg-convert") is None:
        raise SystemExit("needs rsvg-convert (librsvg): apt install librsvg2-bin")
    manifest: dict[str, dict[str, object]] = {}
    for name, (args, crop, grey, width) in PICTURES.items():
        svg = argmap_svg(args)
        manifest[name] = {"command": " ".join(["argmap render", ESSAY, *args]), "crop": crop, "greyscale": grey,
                          "width_px": width, "svg_sha256": digest(svg)}
        if name.endswith(".svg"):
            (HERE / name).write_text(svg, encoding="utf-8")
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".svg", encoding="utf-8", delete=False) as handle:
            handle.write(_cropped(svg, crop, grey))
        subprocess.run(["rsvg-convert", "-w", str(width), handle.name, "-o", str(HERE / name)], check=True)
        Path(handle.name).unlink()
        print(f"{name}: {(HERE / name).stat().st_size / 1e3:.0f} kB", file=sys.stderr)
    (HERE / "images.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
