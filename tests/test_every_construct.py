"""Every construct of the language through every stage that shows or carries it.

``tests/data/every_construct/map.arg`` writes each construct the keyword tables
know (argmap.syntax.keywords, named as argmap.interop.coverage names them),
each with a value found nowhere else in the map. The tests below look for
each value in each output: the outlines (text, Markdown, HTML, PDF), the
diagram (labels and tooltips), the editor's hover, ``fmt``, the JSON, AIF and
Argdown round trips and the evaluation.

A construct added to the language fails here until it is taught:
``test_the_map_writes_every_construct`` asks for it in the map, and
``_shown`` must know how a reader sees its value (an attribute whose value
it cannot word raises), so each output has to show it or say here why not.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.api import load
from argmap.cli import cli
from argmap.interop import aif_export, argdown_data, coverage
from argmap.model import Citation, CriticalAnswer, Inference, Map, NodeKind, PartialDate, Rating
from argmap.syntax.keywords import ARGUMENT_ATTRIBUTES, NODE_ATTRIBUTES, SOURCE_ATTRIBUTES

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "data" / "every_construct"
MAP = FOLDER / "map.arg"


def _words(text: str) -> str:
    """Text reduced to its lower-case words and numbers, one space apart: the
    same in every format, whatever its escaping, wrapping and markup."""
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split()) + " "


def _value_words(value: object) -> list[str]:
    """How a reader sees an attribute's value (each item of a list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, tuple):
        return [word for item in value for word in _value_words(item)]
    if isinstance(value, PartialDate):
        return [value.text]
    if isinstance(value, Citation):
        return [value.quote or "", value.locator or ""]
    if isinstance(value, Rating):
        return [f"{value.hypothesis} {value.grade.value}"]
    if isinstance(value, CriticalAnswer):
        return [value.question, value.answer]
    if isinstance(value, Inference):
        return [value.reason or "inferred"]
    if hasattr(value, "value") and isinstance(value.value, str):  # a grade or level: a letter or a digit
        return []  # worded with its keyword by _shown
    raise AssertionError(f"teach tests/test_every_construct.py how a reader sees {type(value).__name__} {value!r}")


def _shown(argmap: Map, *, ends: str = "both") -> Iterator[tuple[str, str | re.Pattern[str]]]:
    """(construct, words a reader must find) for every construct of the map.
    ``ends``: which end of a relation is named next to its verb: an outline
    shows a relation under the node it points at ("supports: X" under the node
    X supports: ``source``), a hover lists the node's own lines ("supports Y":
    ``target``), a diagram's tooltip both ("X supports Y")."""
    if argmap.title:
        yield "title", argmap.title
    if argmap.description:
        yield "description", argmap.description
    for section in argmap.sections:
        yield "section", section.title
    for source in argmap.sources:
        yield "source", source.title
        for attribute in SOURCE_ATTRIBUTES:
            value = getattr(source, attribute.field)
            if value in (None, (), ""):
                continue
            grade = getattr(value, "value", None)
            words = [f"{attribute.keyword} {grade}"] if isinstance(grade, str) else _value_words(value)
            for word in words:
                yield f"source {attribute.keyword}", word
    for node in argmap.nodes:
        yield node.kind.value, node.kind.value
        yield "text", node.text
        for attribute in NODE_ATTRIBUTES + ARGUMENT_ATTRIBUTES:
            value = getattr(node, attribute.field, None)
            if value in (None, (), ""):
                continue
            grade = getattr(value, "value", None)
            words = [f"{attribute.keyword} {grade}"] if isinstance(grade, str) else _value_words(value)
            for word in words:
                if word:
                    yield attribute.keyword, word
    for rel in argmap.relations:
        name = coverage.relation_construct(rel)
        verb = rel.kind.value
        # the verb next to a node at either end (a tree writes "supports: X" under
        # the node X supports, a tooltip "X supports Y", a hover "supports Y")
        target = rel.link.source if rel.link else rel.target
        for end in {"source": (rel.source,), "target": (target,), "both": (rel.source, target)}[ends]:
            yield name, _near(verb, end or "")
        if rel.weight is not None:
            yield "weight", _near(verb, f"{rel.weight:g}")
        if rel.inferred:
            yield "(inferred)", _near(verb, "inferred")


def _near(verb: str, other: str, gap: int = 8) -> re.Pattern[str]:
    """``verb`` and ``other`` at most ``gap`` words apart, in either order."""
    a, b = _words(verb).strip(), _words(other).strip()
    between = rf"(?: [0-9a-z]+){{0,{gap}}}"
    return re.compile(rf" (?:{a}{between} {b}|{b}{between} {a}) ")


def _missing(output: str, argmap: Map, exempt: frozenset[str] = frozenset(), *,
             ends: str = "both") -> list[tuple[str, str]]:
    """What ``output`` does not show of ``argmap`` (construct, words)."""
    text = _words(output)
    missing = []
    for name, words in _shown(argmap, ends=ends):
        if name in exempt:
            continue
        found = words.search(text) is not None if isinstance(words, re.Pattern) else _words(words) in text
        if not found:
            missing.append((name, words if isinstance(words, str) else words.pattern))
    return missing


def _invoke(*args: str) -> tuple[int, str]:
    """argmap's exit code (as the console entry point gives it) and its output."""
    result = CliRunner().invoke(cli, list(args), standalone_mode=False)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    code = result.return_value if isinstance(result.return_value, int) else 0
    return code, result.output


def _run(*args: str) -> str:
    code, output = _invoke(*args)
    assert code == 0, output
    return output


@pytest.fixture(scope="module")
def argmap() -> Map:
    return load(MAP)


def test_the_map_writes_every_construct(argmap: Map) -> None:
    """Add a new construct to map.arg (and teach _shown how it is seen)."""
    missing = set(coverage.construct_names()) - set(coverage.constructs(argmap))
    assert not missing, f"tests/data/every_construct/map.arg does not write {sorted(missing)}"


def test_every_construct_has_words_to_look_for(argmap: Map) -> None:
    """_shown words every construct of the map (the include: by its nodes'
    texts; the expectation: by the evaluation, below)."""
    named = {name for name, _ in _shown(argmap)}
    assert set(coverage.construct_names()) - named == {"include", "expect"}


def _copy(tmp_path: Path) -> Path:
    """The map's folder copied (the map, the file it includes, its source)."""
    for item in FOLDER.iterdir():
        (tmp_path / item.name).write_bytes(item.read_bytes())
    return tmp_path / MAP.name


def test_the_map_checks_clean_with_its_expectation(tmp_path: Path) -> None:
    _run("check", "--strict", str(MAP))
    copy = _copy(tmp_path)
    copy.write_text(copy.read_text(encoding="utf-8").replace("expect main_thesis supported",
                                                             "expect main_thesis rejected"), encoding="utf-8")
    code, output = _invoke("check", str(copy))
    assert code == 1 and "E116" in output, output


# The text outlines list sources but not the expectations (a check of the
# map, reported by argmap check and the HTML and PDF reports' bottom line).
OUTLINES = {
    "text": frozenset({"expect"}),
    "md": frozenset({"expect"}),
}


@pytest.mark.parametrize("fmt", sorted(OUTLINES))
def test_outline_shows_every_construct(argmap: Map, fmt: str) -> None:
    output = _run("outline", str(MAP), "--format", fmt)
    assert _missing(output, argmap, OUTLINES[fmt], ends="source") == []


def test_html_report_shows_every_construct(argmap: Map, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    _run("outline", str(MAP), "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    page = re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", page, flags=re.S | re.I)
    links = " ".join(re.findall(r'href="([^"#][^"]*)"', page))  # a source's url is its title's link
    visible = html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + links)
    assert _missing(visible, argmap, ends="source") == []
    assert " main_thesis expected supported" in " ".join(visible.split())  # the bottom line's expectations


def test_pdf_report_shows_every_construct(argmap: Map, tmp_path: Path) -> None:
    from pdf_reading import have_poppler, read_pdf

    missing_tool = have_poppler()
    if missing_tool is not None:
        pytest.skip(f"reading the PDF back needs poppler's {missing_tool}")
    out = tmp_path / "report.pdf"
    _run("outline", str(MAP), "--format", "pdf", "-o", str(out))
    text = " ".join(page.text for page in read_pdf(out))
    text = re.sub(r"-\n(?=[a-z])", "", text)  # words the typesetter hyphenated at a line's end
    # the ratings are the ACH matrix's cells (evidence by number, hypotheses as H1, H2 ...)
    assert _missing(text, argmap, frozenset({"rates"}), ends="source") == []
    assert "H1" in text and " CC " in f" {text} "
    assert "Expectations: 1 of 1 hold" in " ".join(text.split())


def test_diagram_shows_every_construct(argmap: Map) -> None:
    """Labels and tooltips of the DOT source: what the SVG shows and says on hover."""
    dot = _run("render", str(MAP), "--format", "dot", "-o", "-")
    # the DOT escapes of a label or tooltip: line breaks and quotes
    readable = dot.replace("\\n", " ").replace('\\"', '"')
    missing = _missing(readable, argmap, frozenset({"title", "description", "expect", "source"} | {
        f"source {a.keyword}" for a in SOURCE_ATTRIBUTES}))
    # hypotheses are drawn together, in the ACH group, whatever their section (docs/render.md)
    ach_only = {s.title for s in argmap.sections
                if {n.kind for n in argmap.nodes if n.section == s.id} == {NodeKind.HYPOTHESIS}}
    assert [(name, words) for name, words in missing if not (name == "section" and words in ach_only)] == []
    for rel in argmap.relations:
        target = rel.link.source + "-" + rel.link.target if rel.link else rel.target
        assert f'id="edge-{rel.source}-{rel.kind.value}-{target}' in dot, rel


def test_editor_hover_shows_every_node_construct(argmap: Map) -> None:
    pytest.importorskip("pygls")
    from argmap.lsp.features import hover_text
    from argmap.lsp.symbols import build_index

    index = build_index(argmap)
    per_node: dict[str, str] = {}
    for occurrence in index.occurrences:
        if occurrence.definition and occurrence.name in argmap.node_by_id:
            per_node[occurrence.name] = hover_text(argmap, occurrence) or ""
    assert set(per_node) == {n.id for n in argmap.nodes}
    for node in argmap.nodes:
        lone = dataclasses.replace(argmap, nodes=(node,), relations=tuple(
            r for r in argmap.relations if r.source == node.id), sections=(), sources=(), title=None,
            description=None)
        assert _missing(per_node[node.id], lone, ends="target") == [], node.id


def test_fmt_keeps_every_construct(argmap: Map, tmp_path: Path) -> None:
    from argmap.syntax.parse import parse_text

    text = MAP.read_text(encoding="utf-8")
    copy = _copy(tmp_path)
    _run("fmt", str(copy))
    formatted = copy.read_text(encoding="utf-8")
    assert parse_text(formatted, str(copy)).map == parse_text(text, str(MAP)).map
    _run("fmt", "--check", str(copy))


def _merged(argmap: Map) -> Map:
    return dataclasses.replace(argmap, includes=())


def test_json_round_trip_keeps_every_construct(argmap: Map, tmp_path: Path) -> None:
    out = tmp_path / "map.json"
    _run("export", str(MAP), "--to", "json", "-o", str(out))
    back = tmp_path / "back.arg"
    _run("import", str(out), "-o", str(back))
    assert coverage.constructs(load(back)) == coverage.constructs(_merged(argmap))


@pytest.mark.parametrize(("fmt", "table"), [("aif", aif_export.TABLE), ("argdown", argdown_data.TABLE)])
def test_interchange_round_trip_keeps_what_its_table_promises(argmap: Map, tmp_path: Path, fmt: str,
                                                              table: coverage.Table) -> None:
    """What the format's table says it carries comes back on import; the rest is named in the warning."""
    suffix = {"aif": "json", "argdown": "argdown"}[fmt]
    out = tmp_path / f"map.{suffix}"
    warnings = _run("export", str(MAP), "--to", fmt, "-o", str(out))
    back = tmp_path / "back.arg"
    _run("import", str(out), "--from", fmt, "-o", str(back))
    merged = _merged(argmap)
    carried = {name for (carry, _), counts in coverage.classify(table, merged).items()
               if carry is not coverage.Carry.LOST for name in counts}
    returned = set(coverage.constructs(load(back)))
    assert carried - returned == set()
    for name in set(coverage.constructs(merged)) - carried:
        assert name in warnings, (name, warnings)


def test_evaluation_reads_every_node(argmap: Map) -> None:
    report = json.loads(_run("eval", str(MAP), "--format", "json"))
    assert {n["id"] for n in report["nodes"]} == {n.id for n in argmap.nodes if n.kind is not NodeKind.QUESTION}
    assert all(n.get("status") or n.get("grounded") for n in report["nodes"])
