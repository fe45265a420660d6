"""Import/export: JSON (+ schema), AIF, Argdown, Kialo. Goldens, round trips, rough input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from argmap.api import check
from argmap.cli import cli
from argmap.fmt import format_text
from argmap.interop import aif, argdown, json_, kialo
from argmap.interop.writer import make_id, write_map
from argmap.syntax import parse_text

DATA = Path(__file__).parent / "data" / "interop"
RICH = DATA / "rich.arg"
UPDATE = bool(os.environ.get("ARGMAP_UPDATE_GOLDENS"))


def _rich():
    return parse_text(RICH.read_text(encoding="utf-8"), str(RICH)).map


def _golden(name: str, actual: str) -> None:
    path = DATA / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} differs (ARGMAP_UPDATE_GOLDENS=1 to accept)"


def _run(args: list[str], input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, input=input, standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    return result.return_value, result.output


# ----------------------------------------------------------------- JSON


def test_json_round_trip_is_equal_and_valid() -> None:
    argmap = _rich()
    text = json_.dumps(argmap)
    jsonschema.Draft202012Validator(json_.schema()).validate(json.loads(text))
    back = json_.loads(text)
    assert back.ok and back.map == argmap
    assert parse_text(write_map(back.map)).map == argmap


def test_json_golden() -> None:
    _golden("rich.expected.json", json_.dumps(_rich()))


def test_schema_is_a_valid_schema_and_printed() -> None:
    jsonschema.Draft202012Validator.check_schema(json_.schema())
    code, output = _run(["schema"])
    assert code == 0 and json.loads(output) == json_.schema()


@pytest.mark.parametrize(
    "mutate, where",
    [
        (lambda d: d["nodes"][0].update(kind="opinion"), "$.nodes[0].kind"),
        (lambda d: d["relations"][0].pop("target"), "$.relations[0]"),
        (lambda d: d["nodes"][1].update(id="2bad"), "$.nodes[1].id"),
        (lambda d: d.update(argmap=7), "$.argmap"),
    ],
)
def test_json_invalid_gives_json_path(mutate, where: str) -> None:
    data = json_.to_dict(_rich())
    mutate(data)
    result = json_.from_dict(data, "x.json")
    assert result.map is None
    assert any(d.message.startswith(where) for d in result.diagnostics), [d.message for d in result.diagnostics]


def test_json_syntax_error_has_line() -> None:
    result = json_.loads('{"argmap": 1,\n "nodes": [}', "x.json")
    assert result.map is None and result.diagnostics[0].span.line == 2


# ----------------------------------------------------------------- AIF


def test_aif_golden_export() -> None:
    _golden("rich.expected.aif.json", aif.dumps(_rich()))


def test_aif_round_trip_keeps_nodes_relations_undercuts() -> None:
    argmap = _rich()
    data = aif.to_aif(argmap)
    types = [n["type"] for n in data["nodes"]]
    assert types.count("I") == len(argmap.nodes)
    assert types.count("RA") == 1 and types.count("CA") == 5  # attack, contradicts (both ways), two undercuts
    # the undercut of an attack is a CA aimed at a CA
    undercut_cas = {n["nodeID"] for n in data["nodes"] if n.get("argmap", {}).get("kind") == "undercuts"}
    (ca,) = {e["toID"] for e in data["edges"] if e["fromID"] == "hiding"} & undercut_cas
    aimed = next(e["toID"] for e in data["edges"] if e["fromID"] == ca)
    assert next(n for n in data["nodes"] if n["nodeID"] == aimed)["type"] == "CA"
    contradiction = [n for n in data["nodes"] if n.get("argmap", {}).get("kind") == "contradicts"]
    assert len(contradiction) == 2  # a conflict both ways
    back = aif.from_aif(json.loads(json.dumps(data)))
    assert back.ok and not back.diagnostics
    assert back.map == argmap  # the extension objects give back what AIF cannot say


def test_aif_corpus_like_file() -> None:
    result = aif.loads((DATA / "us2016_like.json").read_text(encoding="utf-8"), "us2016_like.json")
    assert result.map is not None
    messages = " | ".join(d.message for d in result.diagnostics)
    assert "duplicate node id '594715'" in messages
    assert "unknown node type 'XYZ'" in messages
    assert "dialogue nodes skipped (3 L, 1 TA, 1 YA)" in messages
    keys = {r.key for r in result.map.relations}
    assert "the_jobs_created_by attacks clean_energy_will_create" in keys
    assert "the_us_can_build undercuts the_jobs_created_by -> clean_energy_will_create" in keys
    # linked premises: two supports and a note on the conclusion
    assert {"solar_panels_are_cheap supports clean_energy_will_create",
            "the_us_can_build supports clean_energy_will_create"} <= keys
    conclusion = result.map.node("clean_energy_will_create")
    assert any(note.startswith("linked premises") for note in conclusion.notes)
    scheme = result.map.node("millions_of_jobs_would")
    assert any("Argument From Consequences" in note for note in scheme.notes)
    _golden("us2016_like.expected.arg", write_map(result.map))


def test_aif_ova3_araucaria_like_file() -> None:
    """Integer ids, scheme fields, the OVA3 wrapper, an undercut of an RA, an empty I node."""
    result = aif.loads((DATA / "araucaria_like.json").read_text(encoding="utf-8"), "araucaria_like.json")
    assert result.map is not None
    assert [d.message.split(":")[0] for d in result.diagnostics] == ["$.AIF.nodes[10].text", "$.AIF.nodes[9]"]
    keys = {r.key for r in result.map.relations}
    assert "dr_smith_is_paid undercuts dr_smith_a_neurologist -> brain_scans_show_the" in keys
    assert "the_drug_has_serious attacks the_drug_should_be" in keys
    # integer AIF ids are not argmap ids: each is kept in a note that export writes back
    assert result.map.node("dr_smith_a_neurologist").notes == (
        "AIF nodeID 102", "supports brain_scans_show_the: scheme Argument From Expert Opinion")
    assert result.map.node("dr_smith_is_paid").notes[1:] == (
        "undercuts dr_smith_a_neurologist -> brain_scans_show_the: scheme Conflict From Bias",)
    _golden("araucaria_like.expected.arg", write_map(result.map))


def test_import_sniffs_aif_and_ova3() -> None:
    from argmap.commands.import_ import guess_format

    assert guess_format("x.json", (DATA / "araucaria_like.json").read_text(encoding="utf-8")) == "aif"
    assert guess_format("x.json", (DATA / "us2016_like.json").read_text(encoding="utf-8")) == "aif"
    assert guess_format("x.json", json_.dumps(_rich())) == "json"
    assert guess_format("x.argdown", "") == "argdown" and guess_format("x.txt", "") == "kialo"
    assert guess_format("x.doc", "") is None


@pytest.mark.parametrize("text", ["[]", '{"nodes": 3}', '{"nodes": [], "edges": {}}', "{oops"])
def test_aif_garbage_is_a_diagnostic(text: str) -> None:
    result = aif.loads(text, "bad.json")
    assert result.map is None and result.diagnostics and result.diagnostics[0].is_error


# ----------------------------------------------------------------- Argdown


def test_argdown_golden_export() -> None:
    _golden("rich.expected.argdown", argdown.export_map(_rich()))


def test_argdown_round_trip() -> None:
    argmap = _rich()
    text = argdown.export_map(argmap)
    assert "// - 2 relation weights: kept in the source's data only" in text
    back = argdown.loads(text)
    assert not back.diagnostics, [(d.span.line, d.message) for d in back.diagnostics]
    # everything comes back: description, sources, citations, ratings, dates, weights, expectations
    assert back.map == argmap


def test_argdown_file_with_rough_edges() -> None:
    result = argdown.loads((DATA / "climate.argdown").read_text(encoding="utf-8"), "climate.argdown")
    assert result.map is not None and result.map.title == "Climate policy, a stylized reconstruction"
    lines = {d.span.line for d in result.diagnostics}
    # front matter key, // comments (also at a line's end), inference rule, heading data, /* comment */
    assert lines == {4, 9, 18, 29, 34, 41}, sorted(lines)
    keys = {r.key for r in result.map.relations}
    assert "price_signal supports carbon_tax" in keys  # + child supports parent
    assert "leakage attacks price_signal" in keys  # a statement attacks an argument
    # strict mode: an attack between two statements is contrariness, symmetric
    assert "regressive contradicts carbon_tax" in keys
    assert "dividend contradicts regressive" in keys  # <- explicit direction
    assert "carbon_tax supports emissions_fall" in keys  # +> parent supports child
    assert "carbon_tax contradicts no_tax" in keys
    assert "border_adjustment undercuts leakage -> price_signal" in keys
    assert "emitters_should_pay_for supports carbon_tax" in keys  # premise-conclusion structure
    assert "tax_works supports carbon_tax" in keys
    assert "lobbying contradicts tax_works" in keys  # a relation nested in the structure
    assert result.map.node("emitters_should_pay_for").text == "Emitters should pay for the damage they cause."
    assert result.map.node("carbon_tax").tags == ("policy", "core_claim")
    assert result.map.node("price_signal").kind.value == "evidence"
    assert [s.title for s in result.map.sections] == ["The carbon tax", "Open questions about @[Dividend]"]
    _golden("climate.expected.arg", write_map(result.map))


# ----------------------------------------------------------------- Kialo


def test_kialo_file() -> None:
    result = kialo.loads((DATA / "zoos_kialo.txt").read_text(encoding="utf-8"), "zoos_kialo.txt")
    assert result.map is not None and result.map.title == "Should zoos exist?"
    assert result.map.nodes[0].kind.value == "thesis"
    keys = {r.key for r in result.map.relations}
    assert "zoos_protect_endangered_species supports zoos_should_exist" in keys
    assert "most_animals_kept_in attacks zoos_protect_endangered_species" in keys
    assert "the_arabian_oryx_was attacks animals_suffer_in_captivity" in keys  # -> See link
    assert "programmes that would not exist" in result.map.node("zoos_protect_endangered_species").text
    oryx = result.map.node("the_arabian_oryx_was")
    assert oryx is not None and "Kialo 1.2.1 links here" in oryx.notes
    # Markdown escapes removed, the Markdown link kept as written
    visits = result.map.node("school_visits_over_1")
    assert visits is not None and visits.text == (
        "School visits (over 1,000 a year) teach children *why* species matter [1](https://example.org/zoo_report).")
    # a link to another discussion stays, as a node whose text is the reference
    elsewhere = next(n for n in result.map.nodes if n.text.startswith("https://www.kialo.com/"))
    assert "Kialo link to another discussion" in elsewhere.notes
    assert sorted(d.span.line for d in result.diagnostics) == [11, 14, 15]
    _golden("zoos_kialo.expected.arg", write_map(result.map))


def test_kialo_nothing_usable() -> None:
    result = kialo.loads("hello\nworld\n", "x.txt")
    assert result.map is None and any(d.is_error for d in result.diagnostics)


# ----------------------------------------------------------------- every import


@pytest.mark.parametrize(
    "name", ["us2016_like.expected.arg", "araucaria_like.expected.arg", "climate.expected.arg", "zoos_kialo.expected.arg"]
)
def test_imports_are_checked_clean_and_formatted(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert format_text(text) == text
    errors = [d for d in check(parse_text(text, name).map) if d.is_error]
    assert not errors, [d.message for d in errors]


@pytest.mark.parametrize(
    "title, expected",
    [("Iran derails talks!", "iran_derails_talks"), ("1984 is a novel", "n1984_is_a_novel"), ("", "n"),
     ("Émigrés à Paris", "emigres_a_paris"), ("___", "n")],
)
def test_make_id(title: str, expected: str) -> None:
    assert make_id(title) == expected


def test_cli_export_import_round_trip(tmp_path: Path) -> None:
    for fmt, name in (("json", "m.json"), ("aif", "m.aif.json"), ("argdown", "m.argdown")):
        out = tmp_path / name
        assert _run(["export", str(RICH), "--to", fmt, "-o", str(out)])[0] == 0
        target = tmp_path / f"{name}.arg"
        assert _run(["import", str(out), "-o", str(target)])[0] == 0
        back = parse_text(target.read_text(encoding="utf-8")).map
        assert {n.id for n in back.nodes} == {n.id for n in _rich().nodes}
        if fmt == "json":
            assert back == _rich()


def test_cli_import_bad_input_no_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [', encoding="utf-8")
    code, output = _run(["import", str(bad)])
    assert code == 1 and "I001" in output and "Traceback" not in output


def test_cli_export_iccma_needs_module() -> None:
    from argmap.errors import ArgmapError

    try:
        import argmap.interop.iccma  # noqa: F401
    except ImportError:
        with pytest.raises(ArgmapError):
            _run(["export", str(RICH), "--to", "apx"])
    else:
        assert _run(["export", str(RICH), "--to", "apx"])[0] == 0


# ----------------------------------------------------------------- never a traceback

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_LINES = st.lists(
    st.one_of(
        st.sampled_from(["", "===", "title: x", "# Head {id: 1x}", "[A]: a #t", "<B>: b", "  + [A]", "  - <B>",
                         "    _ [C]: c", "  >< [A]", "(1) [A]", "(2) p", "----", "--", "(3) q", "// c", "/* x",
                         "*/", "@include(x)", "  +> ", "{kind: evidence}", "1. T", "1.1. Pro: p", "1.2. Con: -> See 1.1.",
                         "1.1.1. x", "Discussion Title: D", "-> See 9."]),
        st.text(max_size=20),
    ),
    max_size=25,
).map("\n".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LINES)
def test_text_importers_never_crash_and_give_clean_maps(text: str) -> None:
    for module in (argdown, kialo):
        result = module.loads(text, "x")
        if result.map is not None:
            written = write_map(result.map)
            assert format_text(written) == written
            assert parse_text(written).map == result.map
            assert not [d for d in check(result.map) if d.code in ("E101", "E102", "E105")]


_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["I", "RA", "CA", "L", "x", "1", ""])),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["nodeID", "type", "text", "fromID", "toID", "nodes", "edges", "argmap",
                                         "kind", "id", "relations", "title"]), inner, max_size=5),
    ),
    max_leaves=25,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_JSON)
def test_json_importers_never_crash(data: object) -> None:
    for result in (aif.from_aif(data), json_.from_dict(data)):
        assert result.map is not None or any(d.is_error for d in result.diagnostics)


# ----------------------------------------------------------------- the essay map

ESSAY = Path(__file__).parent.parent / "maps" / "syria_iran_russia.arg"


@pytest.mark.parametrize("fmt", ["json", "aif", "argdown"])
def test_essay_map_round_trips(fmt: str) -> None:
    if not ESSAY.exists():
        pytest.skip("the essay map is not written yet")
    import dataclasses

    from argmap.api import load

    original = dataclasses.replace(load(ESSAY), includes=())
    if fmt == "json":
        back = json_.loads(json_.dumps(original)).map
        assert back == original
        return
    if fmt == "aif":
        result = aif.loads(aif.dumps(original))
    else:
        result = argdown.loads(argdown.export_map(original))
        assert [s.title for s in result.map.sections] == [s.title for s in original.sections]
    back = result.map
    assert [(n.id, n.kind, n.text) for n in back.nodes] == [(n.id, n.kind, n.text) for n in original.nodes]
    assert sorted(r.key for r in back.relations) == sorted(r.key for r in original.relations)
    written = write_map(back)
    assert format_text(written) == written


_SPECIAL_TEXT = st.text(alphabet=st.sampled_from(list("ab #[]<>{}()\\/*@+-_:,.\"'é")), min_size=1, max_size=30).filter(
    lambda t: t.split() != []
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_SPECIAL_TEXT, min_size=1, max_size=4))
def test_argdown_texts_survive_escaping(texts: list[str]) -> None:
    from argmap.model import Map, Node, NodeKind, Relation, RelationKind

    nodes = tuple(Node(f"n{i}", NodeKind.CLAIM, " ".join(t.split()), tags=("x",)) for i, t in enumerate(texts))
    relations = tuple(Relation(RelationKind.SUPPORTS, f"n{i}", "n0") for i in range(1, len(texts)))
    original = Map(nodes=nodes, relations=relations)
    back = argdown.loads(argdown.export_map(original))
    assert not back.diagnostics, [d.message for d in back.diagnostics]
    assert [(n.id, n.text, n.tags) for n in back.map.nodes] == [(n.id, n.text, n.tags) for n in nodes]
    assert [r.key for r in back.map.relations] == [r.key for r in relations]


def test_cli_import_reports_what_the_arg_text_cannot_say(tmp_path: Path) -> None:
    odd = tmp_path / "odd.json"
    data = json_.to_dict(_rich())
    data["relations"].append({"kind": "supports", "source": "ghost", "target": "conflict", "link": None, "weight": None})
    odd.write_text(json.dumps(data), encoding="utf-8")
    code, output = _run(["import", str(odd), "-o", str(tmp_path / "odd.arg")])
    assert code == 0
    assert "relation removed: ghost supports conflict" in output


def test_cli_export_of_a_broken_map_reports_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.arg"
    bad.write_text('claim a "ok"\nclaim b oops\n', encoding="utf-8")
    code, output = _run(["export", str(bad), "--to", "json"])
    assert code == 1 and "E001" in output and "2 | claim b oops" in output


def test_committed_schema_is_the_one_argmap_makes() -> None:
    """argmap/interop/argmap.schema.json is made from the tables:
    regenerate it with `python -m argmap.interop.json_schema`."""
    from argmap.interop.json_schema import SCHEMA_FILE, schema_text

    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
