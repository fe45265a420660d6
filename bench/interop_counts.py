"""What argmap keeps, maps and loses on the real interchange files of
tests/data/interop/real/ (and the hand-made Kialo fixture), counted.

    python bench/interop_counts.py            # the Markdown tables of docs/interop.md

tests/test_interop_counts.py checks that docs/interop.md shows exactly these
tables, so the published numbers are the ones the code gives.

* kept: nodes and relations by kind, in the imported map;
* mapped: what arrives as a note (no construct for it yet), by the note's kind;
* lost: what import reports as not translated (warnings, grouped), and for
  AIF the dialogue nodes summarised in the header comment instead.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.interop import aif, argdown, kialo  # noqa: E402
from argmap.interop.json_ import ImportResult  # noqa: E402

REAL = ROOT / "tests" / "data" / "interop" / "real"
KIALO = ROOT / "tests" / "data" / "interop" / "zoos_kialo.txt"

_NOTE_KINDS = [
    (re.compile(r"^AIF nodeID "), "source node id (note, written back by export)"),
    (re.compile(r": scheme "), "named scheme (note, written back by export)"),
    (re.compile(r"^linked premises"), "linked premises (note; needs linked arguments)"),
    (re.compile(r"^rephrased by"), "MA rephrase (note)"),
    (re.compile(r"^equivalent statement"), "second text of an equivalence class (note)"),
    (re.compile(r"^Argdown argument with"), "reconstructed argument kept as a node (note)"),
    (re.compile(r"^Kialo \d[\d.]* links here"), "Kialo -> See link (relation + note)"),
    (re.compile(r"^Kialo link to another"), "Kialo link to another discussion (node + note)"),
    (re.compile(r"^Kialo \d"), "Kialo entry number (note)"),
]


def _note_kind(note: str) -> str:
    return next((label for pattern, label in _NOTE_KINDS if pattern.search(note)), "other note")


def _lost_kind(message: str) -> str:
    """A warning without its particulars: ``data 'color' not translated`` -> ``data ... not translated``."""
    message = re.sub(r"^\$[^:]*: ", "", message)
    message = re.sub(r"'[^']*'|\"[^\"]*\"|\([^)]*\)", "...", message)
    return re.sub(r"\d+", "N", message)


def _counts(result: ImportResult) -> tuple[Counter[str], Counter[str], Counter[str]]:
    assert result.map is not None
    kept: Counter[str] = Counter({"nodes": len(result.map.nodes)})
    kept.update(r.kind.value for r in result.map.relations)
    mapped: Counter[str] = Counter(_note_kind(note) for n in result.map.nodes for note in n.notes)
    lost: Counter[str] = Counter(_lost_kind(d.message) for d in result.diagnostics)
    return kept, mapped, lost


def _aif_extra(path: Path) -> Counter[str]:
    """AIF content import does not read: dialogue nodes, locutions, other top-level keys."""
    data = json.loads(path.read_text(encoding="utf-8"), strict=False)
    graph = data["AIF"] if "nodes" not in data else data
    extra: Counter[str] = Counter()
    for node in graph["nodes"]:
        if node.get("type") in ("L", "TA", "YA"):
            extra[f"{node['type']} node (summarised in the .arg header comment)"] += 1
    extra["locution record"] += len(graph.get("locutions") or [])
    for key in sorted(set(data) - {"nodes", "edges", "locutions", "AIF"}):
        extra[f"top-level '{key}' object"] += 1
    return extra


def rows() -> list[tuple[str, str, str, str, int]]:
    """(format, file, kept/mapped/lost, what, count)."""
    out: list[tuple[str, str, str, str, int]] = []
    files = [("AIF", p, aif.loads) for p in sorted(REAL.glob("*.json"))]
    files += [("Argdown", p, argdown.loads) for p in sorted(REAL.glob("*.argdown"))]
    files += [("Kialo", KIALO, kialo.loads)]
    for fmt, path, load in files:
        result = load(path.read_text(encoding="utf-8"), path.name)
        kept, mapped, lost = _counts(result)
        if fmt == "AIF":
            lost = Counter({k: v for k, v in lost.items() if not k.startswith("dialogue nodes skipped")})
            lost.update(_aif_extra(path))
        for what, count in sorted(kept.items()):
            out.append((fmt, path.name, "kept", what, count))
        for what, count in sorted(mapped.items()):
            out.append((fmt, path.name, "mapped", what, count))
        for what, count in sorted(lost.items()):
            if count:
                out.append((fmt, path.name, "lost", what, count))
    return out


def markdown() -> str:
    lines: list[str] = []
    current = None
    for fmt, name, status, what, count in rows():
        if fmt != current:
            if current is not None:
                lines.append("")
            lines += [f"#### {fmt}", "", "| file | | what | count |", "|---|---|---|---:|"]
            current = fmt
        lines.append(f"| `{name}` | {status} | {what} | {count} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
