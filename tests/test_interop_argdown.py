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
from argmap.interop.argdown_data import plan
from argmap.interop.argdown_export import conclusion_title
from argmap.model import Map, NodeKind, RelationKind

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"
RICH = ROOT / "tests" / "data" / "interop" / "rich.arg"
V2 = ROOT / "tests" / "data" / "interop" / "language_v2.arg"
LINKED = ROOT / "tests" / "data" / "interop" / "linked.arg"
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
    """Argdown: a reconstructed argument's outgoing relations are its main conclusion's;
    the argument is an argument block with its linked premises."""
    text = ("<a>\n\n(1) [p1]: P1.\n(2) [p2]: P2.\n----\n(3) [c]: C.\n\n[t]: T.\n  + <a>\n  - <b>: B.\n")
    result = argdown.loads(text)
    assert result.map is not None
    assert {n.id for n in result.map.nodes} == {"a", "p1", "p2", "c", "t", "b"}
    a = result.map.node("a")
    assert a is not None and a.kind is NodeKind.ARGUMENT and a.premises == ("p1", "p2") and a.text == ""
    assert {r.key for r in result.map.relations} == {"a supports c", "c supports t", "b attacks t"}


def test_an_argument_something_aims_at_is_undercut_whole() -> None:
    text = "<a>: The argument.\n  <- [x]: X.\n  <_ [y]: Y.\n\n<a>\n\n(1) [p]: P.\n----\n(2) [c]: C.\n  +> [t]: T.\n"
    result = argdown.loads(text)
    assert result.map is not None
    assert {r.key for r in result.map.relations} == {"a supports c", "c supports t", "x undercuts a", "y undercuts a"}
    assert [d.message for d in result.diagnostics] == [
        "attack on argument <a> read as an undercut of it (argmap attacks an argument through one of its "
        "premises or its inference)"]
    assert result.map.node("a").text == "The argument."  # type: ignore[union-attr]


def test_intermediary_conclusions_are_chains_of_argument_blocks() -> None:
    text = "<a>\n\n(1) [p1]: P1.\n(2) [p2]: P2.\n-- Sign --\n(3) [i]: I.\n(4) [p4]: P4.\n----\n(5) [c]: C.\n"
    result = argdown.loads(text)
    assert result.map is not None
    assert {r.key for r in result.map.relations} == {"a_step1 supports i", "a supports c"}
    step, last = result.map.node("a_step1"), result.map.node("a")
    assert step is not None and step.premises == ("p1", "p2") and step.scheme == "sign"
    assert last is not None and last.premises == ("i", "p4") and last.scheme is None


def test_independent_reasons_stay_separate() -> None:
    """Two Argdown arguments for one conclusion are two argument blocks; plain supports stay supports."""
    text = ("[c]: C.\n  + [r1]: R1.\n  + [r2]: R2.\n\n<a1>\n\n(1) [p]: P.\n----\n(2) [c]\n\n"
            "<a2>\n\n(1) [q]: Q.\n----\n(2) [c]\n")
    assert _keys(text) == {"r1 supports c", "r2 supports c", "a1 supports c", "a2 supports c"}


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


def _expected(argmap: Map) -> tuple[set[str], set[str], set[tuple[str, str, str]], dict[str, list[str]]]:
    """Statements, arguments, relations and premise-conclusion structures Argdown
    should find in argmap's export (every relation of these maps can be drawn)."""
    blocks = {n.id: n for n in argmap.nodes if n.kind is NodeKind.ARGUMENT}
    layout = plan(argmap)
    arguments = set(layout.arguments)  # argument blocks, and statements an undercut of a link aims at
    statements = {n.id for n in argmap.nodes} - arguments
    relations: set[tuple[str, str, str]] = set()
    structures: dict[str, list[str]] = {}
    for rel in argmap.relations:
        if rel.kind.role.value in ("bearing", "answer") or not layout.is_drawn(rel):
            continue  # in the data: Argdown has no relation for a question, or cannot draw this undercut
        assert rel.kind is not RelationKind.UNDERCUTS or rel.link is None or rel.link.source in arguments
        aimed = rel.link.source if rel.link is not None else str(rel.target)
        if rel.source in blocks:
            premises = list(blocks[rel.source].premises)
            if rel.kind is RelationKind.SUPPORTS:
                structures[rel.source] = premises + [str(rel.target)]
                continue
            source = conclusion_title(rel.source)
            statements.add(source)
            structures[rel.source] = premises + [source]
        else:
            source = rel.source
        relations.add((_ARGDOWN_RELATION[rel.kind], source, aimed))
    return statements, arguments, relations, structures


@pytest.mark.parametrize("path", [ESSAY, RICH, V2, LINKED], ids=["essay", "rich", "language_v2", "linked"])
def test_argdown_reads_the_export(tmp_path: Path, path: Path) -> None:
    argmap = load(path)
    data = _argdown_json(tmp_path, argdown.export_map(argmap))
    statements, arguments, relations, structures = _expected(argmap)
    assert set(data["statements"]) == statements  # type: ignore[arg-type]
    assert set(data["arguments"]) == arguments  # type: ignore[arg-type]
    got = {(r["relationType"], r["from"], r["to"]) for r in data["relations"]}  # type: ignore[attr-defined]
    assert got == relations
    pcs = {title: [m["title"] for m in a["pcs"]] for title, a in data["arguments"].items()  # type: ignore[attr-defined]
           if a.get("pcs")}
    assert pcs == structures  # each argument block: its premises, then its conclusion
    by_id = argmap.node_by_id
    for title, statement in data["statements"].items():  # type: ignore[attr-defined]
        if title not in by_id:
            continue  # the conclusion statement of an argument that attacks or undercuts
        member = next(m for m in statement["members"] if "text" in m)  # not a reference
        node = by_id[title]
        assert " ".join(member["text"].split()).startswith(" ".join(node.text.split())), title
        assert list(statement.get("tags") or []) == list(node.tags) or not node.tags
        if node.kind.value != "claim":
            assert statement["data"]["kind"] == node.kind.value
    for title, argument in data["arguments"].items():  # type: ignore[attr-defined]
        node = by_id[title]
        assert list(argument.get("tags") or []) == list(node.tags)
        if node.scheme is not None:
            rules = [m["inference"]["inferenceRules"] for m in argument["pcs"] if "inference" in m]
            assert rules and rules[-1], title  # the scheme is the structure's inference rule


def test_a_line_break_inside_a_text_is_named_as_lost() -> None:
    from argmap.model import Node, NodeKind

    text = argdown.export_map(Map(nodes=(Node("a", NodeKind.CLAIM, "Para one.\n\nPara two."),)))
    assert "// - the line breaks inside 1 text" in text and "[a]: Para one. Para two." in text


def test_new_language_constructs_come_back_and_are_named() -> None:
    """Linked arguments, about/answers, an undercut of an argument, inferred marks, graded sources."""
    import dataclasses

    original = dataclasses.replace(load(V2), includes=())
    text = argdown.export_map(original)
    assert "<a>: A. {critical_answers: [" in text and "(1) [e]\n(2) [c]\n-- Argument from sign --\n(3) [t]\n" in text
    assert "// - about, answers: kept only in the data of the statement that declares it, which argmap reads back " \
           "(Argdown has no relation for a question)" in text
    assert "// - (inferred): kept only" in text  # the mark is named: Argdown relations have no data
    result = argdown.loads(text)
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    assert result.map == original  # relations kept in data go back to their place in the block


@pytest.mark.parametrize("path", [V2, LINKED], ids=["language_v2", "linked"])
def test_argument_blocks_round_trip(path: Path) -> None:
    import dataclasses

    original = dataclasses.replace(load(path), includes=())
    result = argdown.loads(argdown.export_map(original))
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    assert result.map == original


# ----------------------------------------------------------------- random maps with argument blocks

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@st.composite
def _maps(draw: st.DrawFn) -> str:
    """.arg texts: statements with supports / attacks / contradicts / about and undercuts of links,
    argument blocks (one or more premises, a scheme or not) that support, attack or undercut."""
    n = draw(st.integers(2, 6))
    blocks = [[f'{draw(st.sampled_from(["claim", "evidence", "question"]))} s{i} "S{i}."'] for i in range(n)]
    links: list[tuple[str, str]] = []
    written: set[tuple[int, int]] = set()  # (a relation written twice, or a contradiction both ways, is one)
    for i in range(n):
        for _ in range(draw(st.integers(0, 2))):
            j = draw(st.integers(0, n - 1))
            kind = draw(st.sampled_from(["supports", "attacks", "contradicts", "about"]))
            if j != i and (i, j) not in written and (j, i) not in written:
                written.add((i, j))
                blocks[i].append(f"  {kind} s{j}")
                if kind in ("supports", "attacks"):
                    links.append((f"s{i}", f"s{j}"))
    arguments = []
    for k in range(draw(st.integers(0, 4))):
        premises = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=3, unique=True))
        lines = [f"argument a{k}" + (' "A text."' if draw(st.booleans()) else ""),
                 "  premises " + ", ".join(f"s{p}" for p in premises)]
        if draw(st.booleans()):
            lines.append(f"  scheme {draw(st.sampled_from(['sign', 'expert_opinion', 'verbal_classification']))}")
        if draw(st.booleans()):
            lines.append("  tags t1")
        conclusion = draw(st.sampled_from(["supports", "attacks", "undercuts"]))
        target = draw(st.integers(0, n - 1))
        if conclusion != "undercuts":
            lines.append(f"  {conclusion} s{target}" + (" weight 0.5" if draw(st.booleans()) else ""))
            links.append((f"a{k}", f"s{target}"))
        elif arguments and draw(st.booleans()):
            lines.append(f"  undercuts {draw(st.sampled_from(arguments))}")
        elif links:
            lines.append("  undercuts {} -> {}".format(*draw(st.sampled_from(links))))
        else:
            lines.append(f"  supports s{target}")
        arguments.append(f"a{k}")
        blocks.append(lines)
    others = [link for link in links if "s0" not in link]
    if others and draw(st.booleans()):
        blocks[0].append("  undercuts {} -> {}".format(*draw(st.sampled_from(others))))
    return "\n\n".join("\n".join(b) for b in blocks) + "\n"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_maps())
def test_random_maps_with_arguments_round_trip(text: str) -> None:
    from argmap.syntax import parse_text

    original = parse_text(text).map
    result = argdown.loads(argdown.export_map(original))
    assert not result.diagnostics, [d.message for d in result.diagnostics]
    assert result.map == original
