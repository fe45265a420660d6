"""Import of real, published AIF and Argdown files (tests/data/interop/real/README.md).

Each file goes through ``argmap import`` (the CLI), and the result must: exist,
parse, pass ``argmap check`` without errors, be left unchanged by ``argmap fmt``,
keep every node and relation that AIF/Argdown can say in argmap, and report what
it does not translate with a position (never a silent drop).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from argmap.api import check
from argmap.cli import cli
from argmap.fmt import format_text
from argmap.interop import aif, argdown
from argmap.interop.writer import make_id
from argmap.model import Map, RelationKind
from argmap.syntax import parse_text

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
    graph = _aif_graph(json.loads((REAL / name).read_text(encoding="utf-8"), strict=False))
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


def test_xaif_skeptic_example_figures() -> None:
    """The OVA/PropositionClassifier/Skeptic sample of xaif 0.3.6: an analysis of a real
    anti-D&D tract with named schemes, 4 CA nodes, and a raw line break inside a string."""
    name = "xaif-0.3.6-tutorial-skeptic.xaif.json"
    raw = json.loads((REAL / name).read_text(encoding="utf-8"), strict=False)["AIF"]
    result = aif.loads((REAL / name).read_text(encoding="utf-8"), name)
    assert result.map is not None
    types = [n["type"] for n in raw["nodes"]]
    assert (types.count("I"), types.count("RA"), types.count("CA")) == (12, 9, 4)
    kinds = [r.kind for r in result.map.relations]
    assert (len(result.map.nodes), kinds.count(RelationKind.SUPPORTS), kinds.count(RelationKind.ATTACKS)) == (12, 9, 4)
    by_id = {n.id: n for n in result.map.nodes}
    attacks = {(r.source, r.target) for r in result.map.relations if r.kind is RelationKind.ATTACKS}
    assert ("the_person_who_thinks", "it_s_just_a") in attacks  # the rebuttal of "It's just a game!"
    # every named scheme (all 9 RA here) survives as a note on its premise
    schemes = sorted(note.rsplit(": scheme ", 1)[1] for n in by_id.values() for note in n.notes if ": scheme " in note)
    assert schemes == sorted(n["text"] for n in raw["nodes"] if n["type"] == "RA")
    assert [(d.code, d.span.line, d.span.column) for d in result.diagnostics] == [("I002", 441, 374)]
    assert "raw control character" in result.diagnostics[0].message


def test_strict_json_errors_still_reported() -> None:
    """Only raw control characters are forgiven; other broken JSON stays an error."""
    result = aif.loads('{"nodes": [}', "x.json")
    assert result.map is None and [d.code for d in result.diagnostics] == ["I001"]


def test_aifdb_nodeset_6064_figures() -> None:
    """AIFdb nodeset 6064 (via arguebuf): 9 I, 5 RA (one labelled just "RA"), 38 dialogue nodes."""
    name = "aifdb-nodeset-6064-arguebuf.json"
    raw = json.loads((REAL / name).read_text(encoding="utf-8"))
    result = aif.loads((REAL / name).read_text(encoding="utf-8"), name)
    assert result.map is not None
    by_text = {n.text: n.id for n in result.map.nodes}
    assert len(result.map.nodes) == sum(n["type"] == "I" for n in raw["nodes"]) == 9
    # every node id of the nodeset is numeric, so argmap ids come from the texts
    assert by_text["McMillan was / was not wrong"] == "mcmillan_was_was_not"
    kinds = [r.kind for r in result.map.relations]
    assert kinds == [RelationKind.SUPPORTS] * 5
    # RA 111803 has text "RA" and no scheme: a bare type name is not a scheme worth a note
    assert (RelationKind.SUPPORTS, "decided_that_this_had", "and_therefore_the_only") in {
        (r.kind, r.source, r.target) for r in result.map.relations}
    # no other note: each node keeps only the AIF id it came from (export writes it back)
    raw_ids = {str(n["nodeID"]) for n in raw["nodes"] if n["type"] == "I"}
    assert all(len(n.notes) == 1 and n.notes[0].removeprefix("AIF nodeID ") in raw_ids for n in result.map.nodes)
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("I002", "$.nodes: dialogue nodes skipped (16 L, 8 TA, 14 YA): argmap maps have no dialogue layer")]


# ----------------------------------------------------------------- Argdown

_REL_LINE = re.compile(r"^\s*(<\+|\+>|<-|->|<_|_>|><|\+|-|_)\s+\S")
_TITLED = re.compile(r"^\s*(?:\(\d+\)\s+|[-+]\s+)?\[([^\]]+)\]:")


def _without_comments(text: str) -> list[str]:
    """Source lines with ``<!-- -->`` blocks blanked (line numbers kept)."""
    text = re.sub(r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return text.split("\n")


def _argdown_sources() -> list[str]:
    return [n for n in FILES if n.endswith(".argdown")]


@pytest.mark.parametrize("name", _argdown_sources())
def test_real_argdown_keeps_titles_and_relation_lines(tmp_path: Path, name: str) -> None:
    lines = _without_comments((REAL / name).read_text(encoding="utf-8"))
    argmap, _ = _import(tmp_path, name)
    ids = {n.id for n in argmap.nodes}
    for title in {m.group(1) for line in lines if (m := _TITLED.match(line))}:
        assert make_id(title) in ids, f"[{title}] lost"
    pcs_premises = 0
    for block in re.split(r"\n\s*\n(?=\s*\(1\))", "\n".join(lines)):
        numbered = re.findall(r"^\s*\(\d+\)", block, flags=re.M)
        pcs_premises += max(len(numbered) - 1, 0)
    relation_lines = sum(1 for line in lines if _REL_LINE.match(line))
    # a reconstructed argument that stays a node (it has a text, or something aims at it)
    # supports its main conclusion: one more relation each
    kept = sum(1 for n in argmap.nodes if any(note.startswith("Argdown argument with a premise-conclusion")
                                              for note in n.notes))
    assert len(argmap.relations) == relation_lines + pcs_premises + kept


# (file, nodes, supports, attacks, I002 warnings as (line, start of message))
ARGDOWN_FIGURES = [
    ("argdown-primer.argdown", 21, 8, 5,
     [(40, "comment not imported"), (72, "inference rule 'Some inference rule"), (80, "comment not imported")]),
    ("argdown-core-intro.argdown", 16, 4, 5,
     [(24, "comment not imported"), (43, "inference rule 'Some inference rule"), (50, "comment not imported")]),
    ("argdown-cli-1.7.5-test.argdown", 2, 1, 0, []),
]


@pytest.mark.parametrize("name, nodes, supports, attacks, warnings", ARGDOWN_FIGURES)
def test_real_argdown_figures(name: str, nodes: int, supports: int, attacks: int,
                              warnings: list[tuple[int, str]]) -> None:
    result = argdown.loads((REAL / name).read_text(encoding="utf-8"), name)
    assert result.map is not None
    kinds = [r.kind for r in result.map.relations]
    assert (len(result.map.nodes), kinds.count(RelationKind.SUPPORTS), kinds.count(RelationKind.ATTACKS)) == (
        nodes, supports, attacks)
    got = [(d.span.line, d.message) for d in result.diagnostics]
    assert len(got) == len(warnings), got
    for (line, message), (want_line, start) in zip(got, warnings):
        assert line == want_line and message.startswith(start), (line, message)


def test_equivalence_class_keeps_both_texts() -> None:
    """``(2) [Statement 2]: ...`` restates a defined title: the first text stays, the second is a note."""
    result = argdown.loads((REAL / "argdown-primer.argdown").read_text(encoding="utf-8"))
    node = next(n for n in result.map.nodes if n.id == "statement_2")
    assert node.text.startswith("Let's do that now")
    assert any(n.startswith("equivalent statement (line 66): We have already defined") for n in node.notes)


def test_markdown_link_fragment_is_not_a_tag() -> None:
    result = argdown.loads((REAL / "argdown-primer.argdown").read_text(encoding="utf-8"))
    assert all("heading_welcome_to_argdown" not in n.tags for n in result.map.nodes)
    assert any(n.text.endswith("[Back to top](#heading-welcome-to-argdown)") for n in result.map.nodes)
