"""What argmap keeps, maps and loses on the real interchange files of
tests/data/interop/real/ (and the hand-made Kialo fixture), counted.

    python bench/interop_counts.py            # the Markdown tables of docs/interop.md

tests/test_interop_counts.py checks that docs/interop.md shows exactly these
tables, so the published numbers are the ones the code gives.

* kept: statements, argument blocks (and those with linked premises), and
  relations by kind, in the imported map; the file's inferences (AIF: RA and
  CA nodes between I-nodes; Argdown: the steps of premise-conclusion
  structures), the linked ones (two premises or more), and how many come back
  unchanged from a round trip through argmap (AIF -> .arg -> AIF: the same
  premises, conclusion and scheme name; Argdown -> .arg -> Argdown -> .arg:
  the same argument blocks);
* mapped: what arrives as a note (the file's bookkeeping, which export writes
  back), by the note's kind, and what import reads another way (with a warning);
* lost: what import reports as not translated (warnings, grouped), and for
  AIF the dialogue nodes summarised in the header comment instead.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argmap.interop import aif, argdown, kialo  # noqa: E402
from argmap.interop.json_ import ImportResult  # noqa: E402
from argmap.model import Map, NodeKind  # noqa: E402

REAL = ROOT / "tests" / "data" / "interop" / "real"
KIALO = ROOT / "tests" / "data" / "interop" / "zoos_kialo.txt"
# hand-made AIF fixtures in the shape of real corpora (the real files above have no linked inference)
AIF_FIXTURES = [ROOT / "tests" / "data" / "interop" / name for name in ("us2016_like.json", "linked_premises.aif.json")]

_NOTE_KINDS = [
    (re.compile(r"^AIF nodeID "), "source node id (note, written back by export)"),
    (re.compile(r"^scheme name: "), "scheme name as the file wrote it (note, written back by export)"),
    (re.compile(r"^rephrased as "), "MA rephrase: a supports with a note (written back as MA)"),
    (re.compile(r": scheme "), "named scheme (note, written back by export)"),
    (re.compile(r"^equivalent statement"), "second text of an equivalence class (note)"),
    (re.compile(r"^Kialo \d[\d.]* links here"), "Kialo -> See link (relation + note)"),
    (re.compile(r"^Kialo link to another"), "Kialo link to another discussion (node + note)"),
    (re.compile(r"^Kialo \d"), "Kialo entry number (note)"),
]
# warnings that say how something was read, not that it was dropped
_READ_AS = re.compile(r"read as an undercut")


def _note_kind(note: str) -> str:
    return next((label for pattern, label in _NOTE_KINDS if pattern.search(note)), "other note")


def _lost_kind(message: str) -> str:
    """A warning without its particulars: ``data 'color' not translated`` -> ``data ... not translated``."""
    message = re.sub(r"^\$[^:]*: ", "", message)
    message = re.sub(r"'[^']*'|\"[^\"]*\"|\([^)]*\)", "...", message)
    return re.sub(r"\d+", "N", message)


def _counts(result: ImportResult) -> tuple[Counter[str], Counter[str], Counter[str]]:
    assert result.map is not None
    blocks = [n for n in result.map.nodes if n.kind is NodeKind.ARGUMENT]
    kept: Counter[str] = Counter({"statements": len(result.map.nodes) - len(blocks), "argument blocks": len(blocks),
                                  "argument blocks with linked premises (2 or more)":
                                  sum(1 for n in blocks if len(n.premises) > 1)})
    kept.update(r.kind.value for r in result.map.relations)
    mapped: Counter[str] = Counter(_note_kind(note) for n in result.map.nodes for note in n.notes)
    mapped.update(_lost_kind(d.message) for d in result.diagnostics if _READ_AS.search(d.message))
    lost: Counter[str] = Counter(_lost_kind(d.message) for d in result.diagnostics if not _READ_AS.search(d.message))
    return kept, mapped, lost


def _aif_inferences(data: Any) -> set[tuple[str, frozenset[str], str, str]]:
    """(RA/CA, premise I-node ids, conclusion I-node id, scheme name) of each S-node between I-nodes."""
    graph = data["AIF"] if "nodes" not in data else data
    nodes = {str(n["nodeID"]): n for n in graph["nodes"] if isinstance(n, dict) and "nodeID" in n}
    into: dict[str, set[str]] = {}
    out: dict[str, set[str]] = {}
    for e in graph.get("edges", []):
        if isinstance(e, dict) and "fromID" in e and "toID" in e:
            into.setdefault(str(e["toID"]), set()).add(str(e["fromID"]))
            out.setdefault(str(e["fromID"]), set()).add(str(e["toID"]))
    found = set()
    for key, node in nodes.items():
        if node.get("type") not in ("RA", "CA"):
            continue
        premises = frozenset(p for p in into.get(key, ()) if nodes.get(p, {}).get("type") == "I")
        name = " ".join(str(node.get("scheme") or node.get("text") or "").split())
        name = "" if name.lower() in ("default inference", "default conflict", "ra", "ca") else name
        for conclusion in out.get(key, ()):
            if nodes.get(conclusion, {}).get("type") == "I" and premises:
                found.add((str(node["type"]), premises, conclusion, name))
    return found


def _aif_inference_rows(path: Path, result: ImportResult) -> Counter[str]:
    before = _aif_inferences(json.loads(path.read_text(encoding="utf-8"), strict=False))
    assert result.map is not None
    after = _aif_inferences(aif.to_aif(result.map))
    return Counter({"inferences in the file": len(before),
                    "linked inferences in the file (2 premises or more)": sum(1 for i in before if len(i[1]) > 1),
                    "inferences unchanged by AIF -> .arg -> AIF": len(before & after),
                    "linked inferences unchanged by AIF -> .arg -> AIF": sum(1 for i in before & after if len(i[1]) > 1)})


def _blocks(argmap: Map) -> set[tuple[str, tuple[str, ...], str | None]]:
    return {(n.id, n.premises, n.scheme) for n in argmap.nodes if n.kind is NodeKind.ARGUMENT}


def _argdown_inference_rows(result: ImportResult) -> Counter[str]:
    assert result.map is not None
    blocks = _blocks(result.map)
    again = argdown.loads(argdown.export_map(result.map))
    kept = blocks & _blocks(again.map) if again.map is not None else set()
    return Counter({"inferences in the file (steps of premise-conclusion structures)": len(blocks),
                    "linked inferences in the file (2 premises or more)": sum(1 for b in blocks if len(b[1]) > 1),
                    "inferences unchanged by Argdown -> .arg -> Argdown -> .arg": len(kept),
                    "linked inferences unchanged by Argdown -> .arg -> Argdown -> .arg":
                        sum(1 for b in kept if len(b[1]) > 1)})


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
    files = [("AIF", p, aif.loads) for p in sorted(REAL.glob("*.json")) + AIF_FIXTURES]
    files += [("Argdown", p, argdown.loads) for p in sorted(REAL.glob("*.argdown"))]
    files += [("Kialo", KIALO, kialo.loads)]
    for fmt, path, load in files:
        result = load(path.read_text(encoding="utf-8"), path.name)
        name = path.name
        kept, mapped, lost = _counts(result)
        if fmt == "AIF":
            lost = Counter({k: v for k, v in lost.items() if not k.startswith("dialogue nodes skipped")})
            lost.update(_aif_extra(path))
            kept.update(_aif_inference_rows(path, result))
        elif fmt == "Argdown":
            kept.update(_argdown_inference_rows(result))
        for what, count in sorted(kept.items()):
            if count or what.startswith(("statements", "inferences", "linked")):
                out.append((fmt, name, "kept", what, count))
        for what, count in sorted(mapped.items()):
            out.append((fmt, name, "mapped", what, count))
        for what, count in sorted(lost.items()):
            if count:
                out.append((fmt, name, "lost", what, count))
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
        made = "" if (REAL / name).exists() else " (hand-made)"
        lines.append(f"| `{name}`{made} | {status} | {what} | {count} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
