"""AIF round trips on real files: AIF -> .arg -> AIF -> .arg changes nothing,
source node ids and scheme names survive, the dialogue layer is summarised,
and every loss on export is named in a warning."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.interop import aif

DATA = Path(__file__).parent / "data" / "interop"
REAL = sorted((DATA / "real").glob("*.json"))
FIXTURES = [DATA / "us2016_like.json", DATA / "araucaria_like.json"]
ESSAY = Path(__file__).parent.parent / "maps" / "syria_iran_russia.arg"
LINKED = "linked premises need issue 16's linked arguments: an RA with several premises comes back as one RA per premise"


def _run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    return result.return_value, result.output  # standard output and error


def _body(text: str) -> str:
    """The .arg without its header comment (it names the input file)."""
    return re.sub(r"\A(?:#[^\n]*\n)+\n?", "", text)


def _graph(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"), strict=False)
    return data["AIF"] if "nodes" not in data else data


def _inferences(graph: dict[str, Any]) -> set[tuple[str, frozenset[str], str, str]]:
    """(RA/CA, premise I-node ids, conclusion I-node id, scheme name) of each S-node between I-nodes."""
    types = {str(n["nodeID"]): n for n in graph["nodes"]}
    into: dict[str, set[str]] = {}
    out: dict[str, set[str]] = {}
    for e in graph["edges"]:
        into.setdefault(str(e["toID"]), set()).add(str(e["fromID"]))
        out.setdefault(str(e["fromID"]), set()).add(str(e["toID"]))
    found = set()
    for key, node in types.items():
        if node["type"] not in ("RA", "CA"):
            continue
        premises = frozenset(p for p in into.get(key, ()) if types.get(p, {}).get("type") == "I")
        name = " ".join(str(node.get("scheme") or node.get("text") or "").split())
        name = "" if name.lower() in ("default inference", "default conflict", "ra", "ca") else name
        for conclusion in out.get(key, ()):
            if types.get(conclusion, {}).get("type") == "I" and premises:
                found.add((node["type"], premises, conclusion, name))
    return found


def _round_trip(tmp_path: Path, source: Path) -> tuple[str, str, Path, str]:
    """(first .arg, second .arg, the exported AIF, the first import's output)."""
    first, second, exported = tmp_path / "first.arg", tmp_path / "second.arg", tmp_path / "again.json"
    code, output = _run(["import", str(source), "-o", str(first)])
    assert code == 0, output
    assert _run(["export", str(first), "--to", "aif", "-o", str(exported)])[0] == 0
    assert _run(["import", str(exported), "-o", str(second)])[0] == 0
    return first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8"), exported, output


@pytest.mark.parametrize("source", REAL + FIXTURES, ids=lambda p: p.name)
def test_second_round_trip_changes_nothing(tmp_path: Path, source: Path) -> None:
    first, second, _, _ = _round_trip(tmp_path, source)
    assert _body(second) == _body(first)


@pytest.mark.parametrize("source", [
    *[pytest.param(p, id=p.name) for p in REAL],
    pytest.param(DATA / "us2016_like.json", id="us2016_like.json", marks=pytest.mark.xfail(strict=True, reason=LINKED)),
    pytest.param(DATA / "araucaria_like.json", id="araucaria_like.json"),
])
def test_aif_structure_node_ids_and_schemes_survive(tmp_path: Path, source: Path) -> None:
    """The AIF written back has the same I-node ids, and the same inferences
    (premise sets, conclusion, scheme name) between them."""
    _, _, exported, _ = _round_trip(tmp_path, source)
    before, after = _graph(source), _graph(exported)
    assert {str(n["nodeID"]) for n in before["nodes"] if n["type"] == "I"} == {
        str(n["nodeID"]) for n in after["nodes"] if n["type"] == "I"}
    assert _inferences(after) == _inferences(before)


def test_dialogue_layer_is_summarised_in_the_header(tmp_path: Path) -> None:
    first, _, _, output = _round_trip(tmp_path, DATA / "real" / "aifdb-nodeset-6064-arguebuf.json")
    header = first.split("\n\n", 1)[0]
    assert "# AIF dialogue layer not imported (argmap maps have no dialogue): 16 L (locutions), " \
           "8 TA (transitions), 14 YA (illocutions)." in header
    assert re.search(r"^# Speakers: .*CL.*NL", header, flags=re.M)
    assert "dialogue nodes skipped (16 L, 8 TA, 14 YA)" in output


def test_contradicts_is_a_conflict_both_ways() -> None:
    from argmap.api import loads

    data = aif.to_aif(loads('claim a "A."\n  contradicts b\nclaim b "B."\n'))
    cas = [n for n in data["nodes"] if n["type"] == "CA"]
    assert len(cas) == 2
    pairs = {(e["fromID"], e["toID"]) for e in data["edges"]}
    for ca in cas:
        (source,) = [f for f, t in pairs if t == ca["nodeID"]]
        (target,) = [t for f, t in pairs if f == ca["nodeID"]]
        assert {source, target} == {"a", "b"}
    back = aif.from_aif(data)
    assert back.map is not None and [r.key for r in back.map.relations] == ["a contradicts b"]


def test_export_names_every_loss(tmp_path: Path) -> None:
    code, output = _run(["export", str(ESSAY), "--to", "aif", "-o", str(tmp_path / "essay.json")])
    assert code == 0
    warning = next(line for line in output.splitlines() if line.startswith("argmap: warning: aif export:"))
    for part in ("the title", "sections", "1 source", "citations", "dates", "tags", "ratings", "expectations"):
        assert part in warning, part
    back = aif.loads((tmp_path / "essay.json").read_text(encoding="utf-8"))
    import dataclasses

    from argmap.api import load

    assert back.map == dataclasses.replace(load(ESSAY), includes=())  # argmap itself loses nothing


@pytest.mark.parametrize("fmt, source, says", [
    ("argdown", DATA / "rich.arg", "2 relation weights: kept in the source's data only"),
    ("i23", ESSAY, "only the attack graph"),
])
def test_other_exports_warn_too(tmp_path: Path, fmt: str, source: Path, says: str) -> None:
    code, output = _run(["export", str(source), "--to", fmt, "-o", str(tmp_path / f"out.{fmt}")])
    assert code == 0 and f"argmap: warning: {fmt} export: {says}" in output


def test_new_language_constructs_come_back_and_are_named(tmp_path: Path) -> None:
    import dataclasses

    from argmap.api import load

    source = DATA / "language_v2.arg"
    original = dataclasses.replace(load(source), includes=())
    back = aif.from_aif(aif.to_aif(original))
    assert not back.diagnostics and back.map == original
    code, output = _run(["export", str(source), "--to", "aif", "-o", str(tmp_path / "v2.json")])
    assert code == 0
    for part in ("3 relations (about, answers, undercut of an argument)", "1 inferred mark", "source reliability"):
        assert part in output, part
