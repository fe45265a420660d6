"""How legible ``argmap render``'s default picture is when fitted to a window.

For each map: the SVG's size in points, the size in pixels of the node text,
the headers and the stubs once the picture is scaled to a window ``--window``
pixels wide (font size x window / SVG width), the picture's height at that
scale, and whether every node of the map is drawn. Maps: the essay map and
generated maps (bench/gen_map.py, seed 1).

    python bench/legibility.py                       # essay + 50, 200, 1000 nodes
    python bench/legibility.py --nodes 50 --window 1000 --options rankdir=BT
    python bench/legibility.py --svg picture.svg     # measure any SVG argmap wrote

Not a test: it prints a Markdown table (docs/render.md keeps the last one).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from gen_map import generate, to_arg  # noqa: E402 - after the sys.path line above

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Legibility:
    width_pt: float
    height_pt: float
    text_px: float  # the smallest node text
    header_px: float
    stub_px: float | None
    height_px: float
    nodes_drawn: int


def _size(value: str) -> float:
    return float(re.sub(r"[a-z]+$", "", value))


def measure(svg: str, window: float = 1400) -> Legibility:
    """The figures of one SVG fitted to ``window`` pixels."""
    root = ET.fromstring(svg.encode("utf-8"))
    width, height = _size(root.get("width", "0")), _size(root.get("height", "0"))
    scale = window / width
    text: list[float] = []
    header: list[float] = []
    stub: list[float] = []
    drawn = 0
    for group in root.iter(f"{SVG}g"):
        ident, cls = group.get("id", ""), group.get("class", "")
        sizes = [float(t.get("font-size", "0")) for t in group.iter(f"{SVG}text") if (t.text or "").strip()]
        if ident.startswith("node-") and "node" in cls.split():
            drawn += 1
            text += sizes
        elif ident.startswith(("hdr-", "ftr-")):
            header += sizes
        elif ident.startswith("stub-"):
            stub += sizes
    return Legibility(width, height, min(text, default=0) * scale, min(header, default=0) * scale,
                      min(stub) * scale if stub else None, height * scale, drawn)


def _options(pairs: list[str]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        options[key] = float(value) if key == "width" else int(value) if key == "wrap" else value
    return options


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, nargs="*", default=[50, 200, 1000])
    parser.add_argument("--window", type=float, default=1400, help="window width in pixels")
    parser.add_argument("--essay", type=Path, default=ROOT / "maps" / "syria_iran_russia.arg")
    parser.add_argument("--options", nargs="*", default=[], help="RenderOptions as key=value")
    parser.add_argument("--svg", type=Path, help="measure this SVG instead")
    parser.add_argument("--out", type=Path, default=Path("/tmp/argmap-bench"))
    args = parser.parse_args()
    if args.svg:
        print(measure(args.svg.read_text(encoding="utf-8"), args.window))
        return

    from argmap import api
    from argmap.render import RenderOptions, render_svg

    options = RenderOptions(**_options(args.options))
    maps = [("essay map", args.essay)] if args.essay.exists() else []
    args.out.mkdir(parents=True, exist_ok=True)
    for nodes in args.nodes:
        path = args.out / f"map_{nodes}.arg"
        if not path.exists():
            path.write_text(to_arg(generate(nodes, 1)), encoding="utf-8")
        maps.append((f"generated, {nodes:,} nodes", path))
    print(f"| map | nodes | SVG (pt) | node text at {args.window:,.0f} px | headers | stubs | "
          f"height at {args.window:,.0f} px | every node drawn | render s |")
    print("|---|---:|---|---:|---:|---:|---:|---|---:|")
    for name, path in maps:
        argmap = api.load(path)
        start = time.perf_counter()
        svg = render_svg(argmap, options)
        took = time.perf_counter() - start
        m = measure(svg, args.window)
        stub = f"{m.stub_px:.1f}" if m.stub_px is not None else "-"
        every = "yes" if m.nodes_drawn == len(argmap.node_by_id) else f"{m.nodes_drawn} of {len(argmap.node_by_id)}"
        print(f"| {name} | {len(argmap.node_by_id):,} | {m.width_pt:,.0f} x {m.height_pt:,.0f} | "
              f"{m.text_px:.1f} | {m.header_px:.1f} | {stub} | {m.height_px:,.0f} | {every} | {took:.2f} |")


if __name__ == "__main__":
    main()
