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
        if "fromID" not in e or "toID" not in e:
            continue  # a broken edge (the US2016-like fixture has one): import skips it too
        into.setdefault(str(e["toID"]), set()).add(str(e["fromID"]))
        out.setdefault(str(e["fromID"]), set()).add(str(e["toID"]))
    found = set()
    for key, node in types.items():
        if node["type"] not in ("RA", "CA", "MA"):
            continue
        premises = frozenset(p for p in into.get(key, ()) if types.get(p, {}).get("type") == "I")
        name = " ".join(str(node.get("scheme") or node.get("text") or "").split())
        name = "" if name.lower() in ("default inference", "default conflict", "default rephrase", "ra", "ca", "ma") \
            else name
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


@pytest.mark.parametrize("source", REAL + FIXTURES, ids=lambda p: p.name)
def test_aif_structure_node_ids_and_schemes_survive(tmp_path: Path, source: Path) -> None:
    """The AIF written back has the same I-node ids, and the same inferences
    (premise sets, conclusion, scheme name) between them: a linked RA (the
    US2016-like fixture has one) comes back as one RA with its premises."""
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
    for part in ("title", "section (", "source,", "cite (", "date (", "tags (", "rates (", "expect (", "thesis ("):
        assert part in warning, part
    back = aif.loads((tmp_path / "essay.json").read_text(encoding="utf-8"))
    import dataclasses

    from argmap.api import load

    assert back.map == dataclasses.replace(load(ESSAY), includes=())  # argmap itself loses nothing


@pytest.mark.parametrize("fmt, source, says", [
    ("argdown", DATA / "rich.arg", "weight (2): kept only in the data of the statement that declares it"),
    ("i23", ESSAY, ": left out: questions are answered, not argued"),
    ("i23", ESSAY, "text ("),
])
def test_other_exports_warn_too(tmp_path: Path, fmt: str, source: Path, says: str) -> None:
    code, output = _run(["export", str(source), "--to", fmt, "-o", str(tmp_path / f"out.{fmt}")])
    assert code == 0 and any(line.startswith(f"argmap: warning: {fmt} export: ") and says in line
                             for line in output.splitlines()), output


def test_new_language_constructs_come_back_and_are_named(tmp_path: Path) -> None:
    import dataclasses

    from argmap.api import load

    source = DATA / "language_v2.arg"
    original = dataclasses.replace(load(source), includes=())
    back = aif.from_aif(aif.to_aif(original))
    assert not back.diagnostics and back.map == original
    code, output = _run(["export", str(source), "--to", "aif", "-o", str(tmp_path / "v2.json")])
    assert code == 0
    for part in ("about, answers: kept only in argmap's \"argmap\" extension objects, which other AIF tools ignore "
                 "(AIF has no relation for a question)", "(inferred)", "source reliability", "cq"):
        assert part in output, part
    assert "undercuts" not in output  # `undercuts ARG` is a CA aimed at the argument's RA


# ----------------------------------------------------------------- linked arguments (issue 16)


def _eval(path: Path) -> dict[str, tuple[str, str]]:
    """``argmap eval`` (grounded, the default argument reading): id -> (label, basis)."""
    code, output = _run(["eval", str(path), "--format", "json", "--semantics", "grounded", "--strengths", "none"])
    assert code == 0, output
    return {n["id"]: (n["grounded"], n["basis"]) for n in json.loads(output)["nodes"]}


def test_independent_reasons_stand_when_one_is_defeated(tmp_path: Path) -> None:
    """Two RA nodes P1 -> C and P2 -> C, a CA attacking P1: C is IN (P2 still stands)."""
    code, output = _run(["import", str(DATA / "independent_reasons.aif.json"), "-o", str(tmp_path / "i.arg")])
    assert code == 0, output
    labels = _eval(tmp_path / "i.arg")
    assert labels["the_bridge_should_be"] == ("IN", "supported")
    assert labels["the_bridge_carries_school"] == ("OUT", "defeated")


def test_linked_premises_fall_together(tmp_path: Path) -> None:
    """One RA {P1, P2} -> C, a CA attacking P1: C is not IN (its one argument lost a premise)."""
    code, output = _run(["import", str(DATA / "linked_premises.aif.json"), "-o", str(tmp_path / "l.arg")])
    assert code == 0, output
    labels = _eval(tmp_path / "l.arg")
    assert labels["the_bridge_should_be"][0] != "IN"
    assert labels["ra_10"] == ("OUT", "premise-fails")


def test_linked_and_independent_imports_differ(tmp_path: Path) -> None:
    for name in ("independent_reasons", "linked_premises"):
        assert _run(["import", str(DATA / f"{name}.aif.json"), "-o", str(tmp_path / f"{name}.arg")])[0] == 0
    independent = _body((tmp_path / "independent_reasons.arg").read_text(encoding="utf-8"))
    linked = _body((tmp_path / "linked_premises.arg").read_text(encoding="utf-8"))
    assert independent != linked
    assert "argument" not in independent and independent.count("supports the_bridge_should_be") == 2
    assert "argument ra_10\n  premises the_bridge_carries_school, inspectors_found_cracks_in\n" in linked
    assert linked.count("supports the_bridge_should_be") == 1


@pytest.mark.parametrize("title", [False, 3, ["a list"], {"an": "object"}])
def test_an_extension_title_that_is_not_text_is_warned_about_not_read(title: object) -> None:
    """argmap's own extension object comes from a file anyone may have edited:
    a title or description that is not a text is left out, with a warning."""
    data = {"nodes": [{"nodeID": "1", "text": "A claim.", "type": "I", "argmap": {"id": "a"}}], "edges": [],
            "argmap": {"title": title, "description": "Kept."}}
    result = aif.loads(json.dumps(data), "bad.json")
    assert result.map is not None and result.map.title is None
    assert any("argmap extension not read" in d.message and "title" in d.message for d in result.diagnostics)


def test_linked_map_round_trips_through_fmt_and_json(tmp_path: Path) -> None:
    imported = tmp_path / "linked.arg"
    assert _run(["import", str(DATA / "linked_premises.aif.json"), "-o", str(imported)])[0] == 0
    for source in (imported, DATA / "language_v2.arg"):
        text = source.read_text(encoding="utf-8")
        assert _run(["fmt", "--check", str(source)])[0] == 0  # fmt changes nothing
        assert _run(["export", str(source), "--to", "json", "-o", str(tmp_path / "m.json")])[0] == 0
        assert _run(["import", str(tmp_path / "m.json"), "-o", str(tmp_path / "back.arg")])[0] == 0
        assert _body((tmp_path / "back.arg").read_text(encoding="utf-8")) == _body(text)


def _s_nodes(data: dict[str, Any]) -> dict[str, tuple[str, str, list[str], list[str]]]:
    """S-node id -> (type, text, sources, targets)."""
    into: dict[str, list[str]] = {}
    out: dict[str, list[str]] = {}
    for e in data["edges"]:
        into.setdefault(e["toID"], []).append(e["fromID"])
        out.setdefault(e["fromID"], []).append(e["toID"])
    return {n["nodeID"]: (n["type"], n["text"], into.get(n["nodeID"], []), out.get(n["nodeID"], []))
            for n in data["nodes"] if n["type"] != "I"}


ARGUMENTS = """\
claim p1 "P1."
claim p2 "P2."
claim c "C."
claim d "D."
claim u "U."
  undercuts a
claim w "W."
  supports d
claim v "V."
  undercuts w -> d
argument a
  premises p1, p2
  scheme expert_opinion
  supports c
argument b
  premises u, v
  scheme verbal_classification
  attacks d
argument k
  premises c
  undercuts b
"""


def test_argument_blocks_are_one_scheme_node_each() -> None:
    from argmap.api import loads

    data = aif.to_aif(loads(ARGUMENTS))
    s = _s_nodes(data)
    i_nodes = {n["nodeID"] for n in data["nodes"] if n["type"] == "I"}
    premises = {k: [p for p in v[2] if p in i_nodes] for k, v in s.items()}
    assert s["a"][:2] == ("RA", "Expert Opinion") and premises["a"] == ["p1", "p2"] and s["a"][3] == ["c"]
    assert s["b"][:2] == ("CA", "Verbal Classification") and premises["b"] == ["u", "v"] and s["b"][3] == ["d"]
    assert s["k"][:2] == ("CA", "Default Conflict") and s["k"][3] == ["b"]  # an argument undercutting one
    (cut_a,) = [k for k in s if premises[k] == ["u"]]
    assert s[cut_a][0] == "CA" and s[cut_a][3] == ["a"]  # `undercuts a`: a CA aimed at a's RA
    (link,) = [k for k in s if premises[k] == ["w"]]
    assert s[link][:2] == ("RA", "Default Inference") and s[link][3] == ["d"]  # a one-premise support: its own RA
    assert any(premises[k] == ["v"] and v[3] == [link] for k, v in s.items())  # undercuts w -> d
    back = aif.from_aif(data)
    assert back.map == loads(ARGUMENTS) and not back.diagnostics


def test_foreign_schemes_and_undercuts_become_argument_blocks() -> None:
    """A named one-premise RA is an argument block with the scheme's catalogue id (the
    name kept in a note when AIF wrote it otherwise); a CA aimed at it undercuts the
    argument; a CA aimed at a plain RA undercuts its link; a named CA is an argument too."""
    result = aif.loads((DATA / "araucaria_like.json").read_text(encoding="utf-8"), "a.json")
    assert result.map is not None
    arguments = {n.id: n for n in result.map.nodes if n.kind.value == "argument"}
    expert = next(a for a in arguments.values() if a.scheme == "expert_opinion")
    assert "scheme name: Argument From Expert Opinion" in expert.notes
    bias = next(a for a in arguments.values() if a.scheme == "conflict_from_bias")
    (undercut,) = [r for r in result.map.relations if r.source == bias.id]
    assert undercut.kind.value == "undercuts" and undercut.target == expert.id and undercut.link is None


def test_rephrase_is_a_support_marked_by_a_note_and_comes_back_as_ma(tmp_path: Path) -> None:
    first, _, exported, _ = _round_trip(tmp_path, DATA / "us2016_like.json")
    assert 'claim we_need_to_invest "we need to invest in clean energy"\n' in first
    assert '  note "rephrased as investing_in_clean_energy (AIF MA)"\n' in first
    assert "  supports investing_in_clean_energy\n" in first
    s = _s_nodes(json.loads(exported.read_text(encoding="utf-8")))
    assert [(v[0], v[1], v[2], v[3]) for v in s.values() if v[0] == "MA"] == [
        ("MA", "Default Rephrase", ["594712"], ["594726"])]


# ----------------------------------------------------------------- random AIF graphs

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_SCHEMES = st.sampled_from(["Default Inference", "Expert Opinion", "Argument From Analogy", "Verbal Classification",
                            "RA", ""])


@st.composite
def _aif_graphs(draw: Any) -> dict[str, Any]:
    """AIF graphs of I-nodes with RA (one or several premises, named or not), CA (on I-nodes
    and on S-nodes), MA and PA nodes, integer or string ids."""
    n = draw(st.integers(2, 7))
    nodes: list[dict[str, Any]] = [{"nodeID": str(i), "text": f"Statement {i}.", "type": "I"} for i in range(n)]
    edges: list[dict[str, Any]] = []
    s_nodes: list[str] = []
    for k in range(draw(st.integers(0, 7))):
        kind = draw(st.sampled_from(["RA", "RA", "CA", "MA", "PA"]))
        node_id = draw(st.sampled_from([str(100 + k), f"s{k}", f"{k}_1661"]))
        name = draw(_SCHEMES) if kind == "RA" else draw(st.sampled_from(["Default Conflict", "Conflict From Bias"])) \
            if kind == "CA" else "Default Rephrase"
        nodes.append({"nodeID": node_id, "text": name, "type": kind})
        for p in draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=3, unique=True)):
            edges.append({"fromID": str(p), "toID": node_id})
        if kind == "CA" and s_nodes and draw(st.booleans()):
            edges.append({"fromID": node_id, "toID": draw(st.sampled_from(s_nodes))})
        else:
            edges.append({"fromID": node_id, "toID": str(draw(st.integers(0, n - 1)))})
        s_nodes.append(node_id)
    return {"nodes": nodes, "edges": [{"edgeID": f"e{i}", **e} for i, e in enumerate(edges)], "locutions": []}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_aif_graphs())
def test_random_aif_second_round_trip_changes_nothing(graph: dict[str, Any]) -> None:
    """AIF -> .arg -> AIF -> .arg: the second .arg is the first, and every inference between
    I-nodes (premise set, conclusion, scheme name) survives, linked premises included."""
    from argmap.syntax.write import write_map

    first = aif.from_aif(graph, "g.json")  # (what the graph says wrongly, argmap check reports: cycles...)
    assert first.map is not None
    exported = aif.to_aif(first.map)
    second = aif.from_aif(json.loads(json.dumps(exported)), "again.json")
    assert second.map is not None and not second.diagnostics
    assert write_map(second.map) == write_map(first.map)
    kept = {t for t in _inferences(graph) if t[0] != "MA" and t[2] != t[1] and t[2] not in t[1]}
    assert kept <= _inferences(exported) | {("RA", *t[1:]) for t in _inferences(exported) if t[0] == "MA"}
