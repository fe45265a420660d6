"""Import of real, published AIF and Argdown files (tests/data/interop/real/README.md).

Each file goes through ``argmap import`` (the CLI), and the result must: exist,
parse, pass ``argmap check`` without errors, be left unchanged by ``argmap fmt``,
keep every node and relation that AIF/Argdown can say in argmap, and report what
it does not translate with a position (never a silent drop).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.api import check
from argmap.cli import cli
from argmap.fmt import format_text
from argmap.interop import aif, argdown
from argmap.model import Map, RelationKind
from argmap.parser import parse_text

REAL = Path(__file__).parent / "data" / "interop" / "real"
FILES = sorted(p.name for p in REAL.iterdir() if p.suffix in (".json", ".argdown"))


def _import(tmp_path: Path, name: str) -> tuple[Map, str]:
    """``argmap import`` through the CLI -> (imported map, warnings printed)."""
    out = tmp_path / (name + ".arg")
    result = CliRunner().invoke(cli, ["import", str(REAL / name), "-o", str(out)], standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert result.return_value == 0, result.output
    assert "Traceback" not in result.output
    text = out.read_text(encoding="utf-8")
    assert format_text(text) == text, "argmap fmt would change the imported map"
    parsed = parse_text(text, str(out))
    assert not parsed.diagnostics, [d.message for d in parsed.diagnostics]
    errors = [d for d in check(parsed.map) if d.is_error]
    assert not errors, [d.message for d in errors]
    return parsed.map, result.output


def test_every_real_file_is_documented() -> None:
    readme = (REAL / "README.md").read_text(encoding="utf-8")
    assert FILES, "no real files"
    for name in FILES:
        assert f"`{name}`" in readme, f"{name}: origin and licence missing from README.md"


@pytest.mark.parametrize("name", FILES)
def test_real_file_imports_clean(tmp_path: Path, name: str) -> None:
    argmap, _ = _import(tmp_path, name)
    assert argmap.nodes


# ----------------------------------------------------------------- AIF


def _aif_graph(data: dict[str, Any]) -> dict[str, Any]:
    return data["AIF"] if "nodes" not in data else data


def _aif_expected(graph: dict[str, Any]) -> tuple[list[str], set[tuple[str, str, str]]]:
    """I-node texts and (kind, premise text, conclusion text) read straight from the AIF."""
    nodes = {str(n["nodeID"]): n for n in graph["nodes"]}
    texts = [" ".join(n["text"].split()) for n in graph["nodes"] if n["type"] == "I"]
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for edge in graph["edges"]:
        out.setdefault(str(edge["fromID"]), []).append(str(edge["toID"]))
        into.setdefault(str(edge["toID"]), []).append(str(edge["fromID"]))
    relations = set()
    for key, node in nodes.items():
        if node["type"] not in ("RA", "CA"):
            continue
        kind = "supports" if node["type"] == "RA" else "attacks"
        for premise in into.get(key, []):
            for conclusion in out.get(key, []):
                if nodes[premise]["type"] == "I" and nodes[conclusion]["type"] == "I":
                    relations.add((kind, " ".join(nodes[premise]["text"].split()),
                                   " ".join(nodes[conclusion]["text"].split())))
    return texts, relations


@pytest.mark.parametrize("name", [n for n in FILES if n.endswith(".json")])
def test_real_aif_keeps_every_i_node_and_relation(tmp_path: Path, name: str) -> None:
    graph = _aif_graph(json.loads((REAL / name).read_text(encoding="utf-8")))
    texts, relations = _aif_expected(graph)
    argmap, output = _import(tmp_path, name)
    assert [n.text for n in argmap.nodes] == texts
    by_id = {n.id: n.text for n in argmap.nodes}
    got = {(r.kind.value, by_id[r.source], by_id[str(r.target)]) for r in argmap.relations if r.target is not None}
    assert got == relations
    dialogue = sorted(n["type"] for n in graph["nodes"] if n["type"] in ("L", "TA", "YA"))
    for kind in set(dialogue):
        assert f"{dialogue.count(kind)} {kind}" in output  # skipped, but counted in a warning


def test_xaif_tutorial_figures() -> None:
    """The ARG-tech xAIF sample: 10 nodes (3 L, 3 YA, 3 I, 1 RA), 8 edges."""
    result = aif.loads((REAL / "xaif-0.3.4-tutorial.xaif.json").read_text(encoding="utf-8"), "x.json")
    assert result.map is not None
    assert len(result.map.nodes) == 3
    assert [(r.kind, r.source, r.target) for r in result.map.relations] == [
        (RelationKind.SUPPORTS, "disagreements_between_party_members", "it_s_not_uncommon")]
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("I002", "$.AIF.nodes: dialogue nodes skipped (3 L, 3 YA): argmap maps have no dialogue layer")]
