"""Shared by tests/test_fuzz.py and bench/fuzz_campaign.py: input mutators and
``run_front_ends``, which feeds one input to every command's front end that
exists and lets only ``ArgmapError`` pass."""

from __future__ import annotations

import contextlib
import importlib
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from argmap.errors import ArgmapError

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted(ROOT.glob("maps/*.arg")) + sorted((ROOT / "tests" / "data").rglob("*.arg"))
REGRESSIONS = ROOT / "tests" / "data" / "fuzz_regressions"


def _optional(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def front_ends() -> dict[str, Callable[[Any, str], Any]]:
    """Front end name -> function(analysis, text). Only those already built."""
    found: dict[str, Callable[[Any, str], Any]] = {}
    build_dot = _optional("argmap.render", "build_dot")
    if build_dot is not None:
        found["render-dot"] = lambda analysis, _text: build_dot(analysis.map)
    build_outline = _optional("argmap.render.outline", "build_outline")
    render_text = _optional("argmap.render.outline_text", "render_text")
    if build_outline is not None and render_text is not None:
        found["outline"] = lambda analysis, _text: render_text(build_outline(analysis.map))
    format_text = _optional("argmap.fmt", "format_text")
    if format_text is not None:
        found["fmt"] = lambda _analysis, text: format_text(text, "fuzz.arg")
    dumps = _optional("argmap.interop.json_", "dumps")
    if dumps is not None:
        found["export-json"] = lambda analysis, _text: dumps(analysis.map)
    return found


def run_front_ends(data: bytes, folder: Path) -> None:
    """Write ``data`` as a map file in ``folder`` and run check, then every other
    front end on the result. Raises whatever escapes that is not an ArgmapError."""
    from argmap.api import analyse
    from argmap.syntax import decode_bytes

    path = folder / "fuzz.arg"
    path.write_bytes(data)
    try:
        analysis = analyse(path)
    except ArgmapError:
        return
    text, _ = decode_bytes(data, str(path))
    for run in front_ends().values():
        with contextlib.suppress(ArgmapError):
            run(analysis, text)


# ----------------------------------------------------------------- shapes: dense maps, include graphs
#
# Issue 15's findings 2 and 3: inputs whose *shape* made argmap's work blow up
# (an include fan-out read once per path, a map where every node relates to
# every earlier one). These generators make random members of both families;
# ``run_shape`` sends them through check, the outline, the evaluation and DOT.


def dense_map(rng: random.Random, nodes: int | None = None) -> str:
    """``nodes`` nodes, each related to a random share (up to all) of the
    earlier ones, with supports, attacks, contradictions and undercuts."""
    n = nodes if nodes is not None else rng.randint(2, 80)
    density = rng.choice([0.1, 0.5, 1.0])
    kinds = ["supports"] * 6 + ["attacks"] * 2 + ["contradicts"]
    lines = ['thesis n0 "The root."']
    relations: list[tuple[int, int]] = []
    for i in range(1, n):
        lines.append(f'{rng.choice(["claim", "evidence", "counter"])} n{i} "Node {i}."')
        for j in range(i):
            if rng.random() < density:
                lines.append(f"  {rng.choice(kinds)} n{j}")
                relations.append((i, j))
        if relations and rng.random() < 0.2:
            a, b = rng.choice(relations)
            lines.append(f"  undercuts n{a} -> n{b}")
    return "\n".join(lines) + "\n"


def include_graph(rng: random.Random, folder: Path, files: int | None = None) -> Path:
    """``files`` map files in ``folder`` including each other: each file
    includes later files (a fan-out up to three times over, so paths multiply
    like 3**depth), sometimes an earlier one (a cycle), sometimes one that is
    missing; every file holds a node related to nodes of other files."""
    count = files if files is not None else rng.randint(2, 40)
    for i in range(count):
        lines = []
        for j in rng.sample(range(i + 1, count), min(count - i - 1, rng.randint(0, 3))):
            lines += [f'include "g{j}.arg"'] * rng.randint(1, 3)
        if i and rng.random() < 0.1:
            lines.append(f'include "g{rng.randrange(i + 1)}.arg"')  # a cycle (or itself)
        if rng.random() < 0.05:
            lines.append('include "missing.arg"')
        lines.append(f'{"thesis" if i == 0 else "claim"} g{i} "Node of file {i}."')
        if i:
            lines.append(f"  supports g{rng.randrange(count)}")
        (folder / f"g{i}.arg").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder / "g0.arg"


def run_shape(main: Path) -> None:
    """check, then the outline, the evaluation (grounded, strengths) and DOT on
    the loaded map; raises whatever escapes that is not an ArgmapError."""
    from argmap.api import analyse

    try:
        analysis = analyse(main)
    except ArgmapError:
        return
    evaluate = _optional("argmap.evaluate", "evaluate")
    if evaluate is not None:
        evaluate(analysis.map, ("grounded",), ("df-quad",))
    for run in front_ends().values():
        with contextlib.suppress(ArgmapError):
            run(analysis, main.read_text(encoding="utf-8"))


def mutate_lines(lines: list[str], rng: random.Random) -> str:
    """``mutate`` on a text's lines; the result decoded back to text."""
    return mutate("\n".join(lines).encode("utf-8"), rng).decode("utf-8", errors="replace")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four random edits: lines deleted, duplicated, swapped, truncated,
    bytes inserted (random, invalid UTF-8, syntax characters), file cut short."""
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        i = rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [b""]
        if op == 0 and len(lines) > 1:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[i])
        elif op == 2:
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif op == 4:
            cut = rng.randrange(len(lines[i]) + 1)
            junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 6)))
            lines[i] = lines[i][:cut] + junk + lines[i][cut:]
        elif op == 5:
            cut = rng.randrange(len(lines[i]) + 1)
            piece = rng.choice([b'"', b"\\", b",", b"->", b"#", b"\t", b"\r", b"\xef\xbb\xbf", b"\xff", b"\xc3",
                                b"supports ", b"undercuts a -> ", b"include \"fuzz.arg\"", b"weight 1e99",
                                b"date 9999-99-99", b"cite ", b"rates x CC", b"section \"\"", b"\x00", "\u2028".encode()])
            lines[i] = lines[i][:cut] + piece + lines[i][cut:]
        elif op == 6:
            j = rng.randrange(len(lines))
            lines.insert(j, lines[i])
        else:
            joined = b"\n".join(lines)
            lines = joined[: rng.randrange(len(joined) + 1)].split(b"\n")
    return b"\n".join(lines)


def seeds() -> list[bytes]:
    """The inputs mutations start from: the repository's own maps and test data."""
    return [path.read_bytes() for path in CORPUS] or [b'claim a "x"\n  supports b\n']
