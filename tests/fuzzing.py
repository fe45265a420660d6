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
