"""Argdown both ways: what Argdown means is kept on import, and Argdown itself
(``@argdown/cli``, installed from npm) reads argmap's exports with the same
statements, arguments and relations."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.api import load
from argmap.interop import argdown
from argmap.interop.argdown_export import argument_nodes
from argmap.model import Map, RelationKind

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"
RICH = ROOT / "tests" / "data" / "interop" / "rich.arg"
ARGDOWN_VERSION = "1.7.5"
ARGDOWN_HOME = Path(os.environ.get("ARGMAP_ARGDOWN_HOME", ROOT / ".argdown-cli"))  # .ci/run installs it here


def _keys(text: str) -> set[str]:
    result = argdown.loads(text, "t.argdown")
    assert result.map is not None, [d.message for d in result.diagnostics]
    return {r.key for r in result.map.relations}


# ----------------------------------------------------------------- import


def test_untitled_statements_with_the_same_text_stay_distinct() -> None:
    result = argdown.loads("[t]: T.\n  + Same words.\n  - Same words.\n")
    assert result.map is not None
    same = [n for n in result.map.nodes if n.text == "Same words."]
    assert len(same) == 2
    assert {r.key for r in result.map.relations} == {f"{same[0].id} supports t", f"{same[1].id} attacks t"}


def test_strict_mode_contraries_are_symmetric_once() -> None:
    text = "===\nmodel:\n  mode: strict\n===\n\n[h1]: H1.\n  - [h2]: H2.\n  - [h3]: H3.\n\n[h2]\n  - [h1]\n  -> [h3]\n"
    assert _keys(text) == {"h2 contradicts h1", "h3 contradicts h1", "h2 contradicts h3"}


def test_loose_mode_attacks_stay_one_way_and_contradiction_is_symmetric() -> None:
    assert _keys("[h1]: H1.\n  - [h2]: H2.\n  >< [h3]: H3.\n\n[h3]\n  >< [h1]\n") == {
        "h2 attacks h1", "h1 contradicts h3"}


def test_argument_relations_relocated_onto_the_conclusion() -> None:
    """Argdown: a reconstructed argument's outgoing relations are its main conclusion's."""
    text = ("<a>\n\n(1) [p1]: P1.\n(2) [p2]: P2.\n----\n(3) [c]: C.\n\n[t]: T.\n  + <a>\n  - <b>: B.\n")
    result = argdown.loads(text)
    assert result.map is not None
    assert {n.id for n in result.map.nodes} == {"p1", "p2", "c", "t", "b"}  # <a> is only its structure
    assert {r.key for r in result.map.relations} == {"p1 supports c", "p2 supports c", "c supports t", "b attacks t"}
    assert "linked premises of argument a: p1, p2" in result.map.node("c").notes  # type: ignore[union-attr]


def test_an_argument_something_aims_at_stays_and_supports_its_conclusion() -> None:
    text = "<a>: The argument.\n  <- [x]: X.\n  <_ [y]: Y.\n\n<a>\n\n(1) [p]: P.\n----\n(2) [c]: C.\n  +> [t]: T.\n"
    assert _keys(text) == {"p supports c", "a supports c", "c supports t", "x attacks a", "y undercuts a -> c"}


def test_intermediary_conclusions_are_chains_of_supports() -> None:
    text = "<a>\n\n(1) [p1]: P1.\n(2) [p2]: P2.\n----\n(3) [i]: I.\n(4) [p4]: P4.\n----\n(5) [c]: C.\n"
    assert _keys(text) == {"p1 supports i", "p2 supports i", "i supports c", "p4 supports c"}


def test_front_matter_and_data_read_back() -> None:
    text = ('===\ntitle: "A: b"\nargmap:\n  description: "D."\n===\n\n'
            '[e]: E. #x {kind: evidence, date: "2016-11", credibility: "2", notes: ["n"], '
            'ratings: [{hypothesis: h, grade: CC}]}\n\n'
            '[h]: H. {kind: hypothesis, colour: red}\n')
    result = argdown.loads(text)
    assert result.map is not None and result.map.title == "A: b" and result.map.description == "D."
    node = result.map.node("e")
    assert node is not None and node.kind.value == "evidence" and node.date and node.date.text == "2016-11"
    assert node.notes == ("n",) and node.tags == ("x",) and node.ratings[0].grade.value == "CC"
    assert [(d.span.line, d.message) for d in result.diagnostics] == [(9, "data 'colour' not translated")]


def test_many_unclosed_tag_brackets_are_read_in_linear_time() -> None:
    """``#(`` x 40,000 made the tag pattern quadratic (31 s); bench/ times it, this checks the result."""
    result = argdown.loads("[a]: " + "#(" * 40_000 + "\n")
    assert result.map is not None and result.map.nodes[0].text.startswith("#(#(")


# ----------------------------------------------------------------- export


@pytest.mark.parametrize("title", ["Russia and Iran: allies?", "- a dash", "@ an at", 'quotes "x" and \\ back',
                                   "#hash", "yes", "12", "null", "a: b #c"])
def test_front_matter_title_round_trips(title: str) -> None:
    argmap = Map(title=title)
    text = argdown.export_map(Map(title=title, nodes=load(RICH).nodes[:1]))
    assert text.startswith("===\ntitle: ")
    result = argdown.loads(text)
    assert result.map is not None and result.map.title == argmap.title


def test_essay_map_round_trips_whole() -> None:
    import dataclasses

    original = dataclasses.replace(load(ESSAY), includes=())
    result = argdown.loads(argdown.export_map(original))
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    assert result.map == original  # relations kept in data go back to their place in the block


# ----------------------------------------------------------------- Argdown itself


def _argdown() -> str:
    """The ``argdown`` executable: $ARGDOWN, on PATH, in .argdown-cli (installed with npm when missing)."""
    if os.environ.get("ARGDOWN"):
        return os.environ["ARGDOWN"]
    local = ARGDOWN_HOME / "node_modules" / ".bin" / "argdown"
    if local.exists():
        return str(local)
    found = shutil.which("argdown")
    if found:
        return found
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed: cannot install @argdown/cli (.ci/run installs it)")
    ARGDOWN_HOME.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(ARGDOWN_HOME),
                    f"@argdown/cli@{ARGDOWN_VERSION}"], check=True, capture_output=True)
    return str(local)


def _argdown_json(tmp_path: Path, text: str) -> dict[str, object]:
    source = tmp_path / "map.argdown"
    source.write_text(text, encoding="utf-8")
    run = subprocess.run([_argdown(), "json", str(source), str(tmp_path)], capture_output=True, text=True,
                         check=False, timeout=300)
    out = tmp_path / "map.json"
    assert run.returncode == 0 and out.exists(), run.stdout + run.stderr
    data: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return data


_ARGDOWN_RELATION = {RelationKind.SUPPORTS: "support", RelationKind.ATTACKS: "attack",
                     RelationKind.CONTRADICTS: "contradictory", RelationKind.UNDERCUTS: "undercut"}


def _expected(argmap: Map) -> tuple[set[str], set[str], set[tuple[str, str, str]]]:
    """Statements, arguments and relations Argdown should find in argmap's export."""
    arguments = argument_nodes(argmap)
    statements = {n.id for n in argmap.nodes} - arguments
    relations = set()
    for rel in argmap.relations:
        if rel.kind is RelationKind.UNDERCUTS:
            if rel.link is not None and rel.link.source in arguments:
                relations.add(("undercut", rel.source, rel.link.source))
        else:
            relations.add((_ARGDOWN_RELATION[rel.kind], rel.source, str(rel.target)))
    return statements, arguments, relations


@pytest.mark.parametrize("path", [ESSAY, RICH], ids=["essay", "rich"])
def test_argdown_reads_the_export(tmp_path: Path, path: Path) -> None:
    argmap = load(path)
    data = _argdown_json(tmp_path, argdown.export_map(argmap))
    statements, arguments, relations = _expected(argmap)
    assert set(data["statements"]) == statements  # type: ignore[arg-type]
    assert set(data["arguments"]) == arguments  # type: ignore[arg-type]
    got = {(r["relationType"], r["from"], r["to"]) for r in data["relations"]}  # type: ignore[attr-defined]
    assert got == relations
    by_id = argmap.node_by_id
    for title, statement in data["statements"].items():  # type: ignore[attr-defined]
        member = next(m for m in statement["members"] if "text" in m)  # not a reference
        node = by_id[title]
        assert " ".join(member["text"].split()).startswith(" ".join(node.text.split())), title
        assert list(statement.get("tags") or []) == list(node.tags) or not node.tags
        if node.kind.value != "claim":
            assert statement["data"]["kind"] == node.kind.value


def test_a_line_break_inside_a_text_is_named_as_lost() -> None:
    from argmap.model import Node, NodeKind

    text = argdown.export_map(Map(nodes=(Node("a", NodeKind.CLAIM, "Para one.\n\nPara two."),)))
    assert "// - the line breaks inside 1 text" in text and "[a]: Para one. Para two." in text


def test_new_language_constructs_come_back_and_are_named() -> None:
    """Linked arguments, about/answers, an undercut of an argument, inferred marks, graded sources."""
    import dataclasses

    original = dataclasses.replace(load(RICH.parent / "language_v2.arg"), includes=())
    text = argdown.export_map(original)
    assert "// - 3 relations Argdown has no arrow for" in text and "// - 1 linked argument" in text
    result = argdown.loads(text)
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    assert result.map == original  # relations kept in data go back to their place in the block
