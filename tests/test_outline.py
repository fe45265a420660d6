"""Outline tree, text and Markdown outlines, and the `argmap outline` command.

Goldens live in tests/data/outline/; regenerate with ARGMAP_UPDATE_GOLDENS=1.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.api import load, loads
from argmap.cli import cli
from argmap.render.outline import Outline, build_outline
from argmap.render.outline_md import md_escape, render_markdown
from argmap.render.outline_text import display_width, render_text

DATA = Path(__file__).parent / "data" / "outline"
SMALL = DATA / "small.arg"
ESSAY = Path(__file__).parent.parent / "maps" / "syria_iran_russia.arg"


def outline_of(text: str) -> Outline:
    return build_outline(loads(text))


def shape(outline: Outline) -> list[str]:
    """Each entry as `depth:verb:id[:ref]`, pre-order, for compact assertions."""
    rows: list[str] = []

    def visit(entry, depth: int) -> None:
        rows.append(f"{depth}:{entry.verb or '-'}:{entry.node.id}" + (":ref" if entry.ref else ""))
        for child in entry.children:
            visit(child, depth + 1)

    for part in outline.parts:
        rows.append(f"[{part.key}]")
        for entry in part.entries:
            visit(entry, 0)
    return rows


# ----------------------------------------------------------------- tree


def test_order_supports_before_attacks_and_undercut_under_its_link() -> None:
    outline = outline_of(
        'thesis t "T"\n'
        'counter c "C"\n  attacks t\n'
        'evidence e "E"\n  supports t\n'
        'claim u "U"\n  undercuts c -> t\n'
    )
    assert shape(outline) == ["[theses]", "0:-:t", "1:supports:e", "1:attacks:c", "2:undercuts:u"]


def test_shared_premise_is_shown_once_then_referred_to() -> None:
    outline = outline_of(
        'thesis a "A"\nthesis b "B"\nevidence e "E"\n  supports a, b\nclaim f "F"\n  supports e\n'
    )
    assert shape(outline) == ["[theses]", "0:-:a", "1:supports:e", "2:supports:f", "0:-:b", "1:supports:e:ref"]


def test_cycle_terminates_and_unreached_nodes_come_last() -> None:
    outline = outline_of(
        'thesis t "T"\nclaim x "X"\n  supports y\nclaim y "Y"\n  supports x\nhypothesis h "H"\n'
    )
    assert shape(outline) == ["[theses]", "0:-:t", "[unreached]", "0:-:h", "0:-:x", "1:supports:y", "2:supports:x:ref"]


def test_every_node_appears_expanded_exactly_once() -> None:
    outline = build_outline(load(SMALL))
    expanded = [e.node.id for e in outline.walk() if not e.ref]
    assert sorted(expanded) == sorted(n.id for n in outline.map.nodes)


def test_dangling_references_are_ignored() -> None:
    outline = outline_of('thesis t "T"\nclaim c "C"\n  supports nowhere\n  undercuts t -> nowhere\n')
    assert shape(outline) == ["[theses]", "0:-:t", "[unreached]", "0:-:c"]


def test_summary_counts_unanswered_attacks() -> None:
    outline = outline_of(
        'thesis t "T"\ncounter a "A"\n  attacks t\ncounter b "B"\n  attacks t\n'
        'claim r "R"\n  attacks a\nclaim u "U"\n  undercuts b -> t\n'
    )
    summary = outline.summary
    assert (summary.attacks, summary.unanswered_attacks) == (4, 2)  # r and u are unanswered
    assert summary.by_kind == (("thesis", 1), ("claim", 2), ("counter", 2))
    assert "1 thesis, 2 claims, 2 counters" in summary.line()


def test_statuses_and_strengths_are_carried() -> None:
    outline = build_outline(loads('thesis t "T"\n'), statuses={"t": "IN"}, strengths={"t": 0.625})
    text = render_text(outline)
    assert "t [thesis] · IN · strength 0.62" in text
    assert "IN · strength 0\\.62" in render_markdown(outline)


# ----------------------------------------------------------------- goldens


@pytest.mark.parametrize(
    "name, render",
    [
        ("small.txt", lambda o: render_text(o, width=80)),
        ("small.ascii.txt", lambda o: render_text(o, width=60, ascii=True)),
        ("small.md", render_markdown),
    ],
)
def test_goldens(name: str, render) -> None:
    got = render(build_outline(load(SMALL)))
    golden = DATA / name
    if os.environ.get("ARGMAP_UPDATE_GOLDENS"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


# ----------------------------------------------------------------- text


@pytest.mark.parametrize("width", [40, 60, 80, 120])
def test_text_fits_the_width(width: int) -> None:
    text = render_text(build_outline(load(SMALL)), width=width)
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert too_long == []


def test_ascii_has_no_box_characters_and_colour_is_opt_in() -> None:
    outline = build_outline(load(SMALL))
    plain = render_text(outline, ascii=True)
    assert "|-- " in plain and "`-- " in plain
    assert not re.search(r"[─-╿]", plain)
    assert "\x1b[" not in render_text(outline)
    assert "\x1b[" in render_text(outline, color=True)
    assert re.sub(r"\x1b\[[0-9;]*m", "", render_text(outline, color=True)) == render_text(outline)


def test_text_collapses_line_breaks_and_control_characters() -> None:
    text = render_text(outline_of('thesis t "one\n   two\tthree"\n'))
    assert "\none two three\n" in text


# ----------------------------------------------------------------- markdown


def test_md_escape_neutralises_markup() -> None:
    assert md_escape("<script>alert(1)</script>") == "&lt;script\\>alert\\(1\\)&lt;/script\\>"
    assert md_escape("*a* [b](c) & `d`") == "\\*a\\* \\[b\\]\\(c\\) &amp; \\`d\\`"


def test_markdown_parses_as_nested_lists_with_anchors() -> None:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
    hostile = (
        'thesis t "<script>alert(1)</script> *bold* \\"quoted\\" قال 😀"\n'
        'claim c "- not a list\n# not a heading"\n  supports t\n'
        'claim d "1. not ordered"\n  supports c\n'
    )
    html = markdown_it.MarkdownIt("commonmark").render(render_markdown(outline_of(hostile)))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "قال 😀" in html and "<strong>bold</strong>" not in html
    assert "<h1>not a heading" not in html and "<ol" not in html
    # t > c > d: three levels of nested lists, each with its anchor
    assert re.search(r'id="node-t".*?<ul>.*?id="node-c".*?<ul>.*?id="node-d"', html, re.S)
    assert html.count("<ul>") == 3


def test_markdown_links_only_http_urls() -> None:
    md = render_markdown(build_outline(load(SMALL)))
    assert "<https://example.org/essay>" in md
    assert "<javascript:" not in md and "](javascript:" not in md


# ----------------------------------------------------------------- command


def test_command_text_md_and_output_file(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["outline", str(SMALL), "--width", "72"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Russia and Iran in Syria"
    assert max(len(line) for line in result.output.splitlines()) <= 72
    target = tmp_path / "out.md"
    result = runner.invoke(cli, ["outline", str(SMALL), "--no-eval", "-o", str(target)])  # format from the extension
    assert result.exit_code == 0 and result.output == ""
    assert target.read_text(encoding="utf-8") == render_markdown(build_outline(load(SMALL)))


def test_command_reads_stdin_and_reports_syntax_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["outline", "-", "--ascii"], input='thesis t "T"\n')
    assert result.exit_code == 0 and "t [thesis]" in result.output
    bad = tmp_path / "bad.arg"
    bad.write_text('thesis t "unterminated\n', encoding="utf-8")
    from argmap.errors import ArgmapSyntaxError

    result = runner.invoke(cli, ["outline", str(bad)])
    assert isinstance(result.exception, ArgmapSyntaxError)


@pytest.mark.skipif(not ESSAY.exists(), reason="maps/syria_iran_russia.arg is not written yet")
def test_essay_map_fits_80_columns() -> None:
    outline = build_outline(load(ESSAY))
    text = render_text(outline, width=80)
    assert all(len(line) <= 80 for line in text.splitlines())
    for node in outline.map.nodes:
        assert re.search(rf"\b{re.escape(node.id)} \[{node.kind.value}\]", text), node.id


def test_command_shows_the_evaluation_when_available() -> None:
    from argmap.render.outline import load_evaluation

    statuses, strengths = load_evaluation(load(SMALL))
    assert statuses["partners"] == "UNDEC"  # `when` contradicts it: a mutual attack
    assert statuses["conflict"] == "IN"
    assert set(strengths) == set(statuses) and all(0 <= v <= 1 for v in strengths.values())
    result = CliRunner().invoke(cli, ["outline", str(SMALL), "--width", "100"])
    assert f"conflict [thesis] · IN · strength {strengths['conflict']:.2f}" in result.output
    plain = CliRunner().invoke(cli, ["outline", str(SMALL), "--no-eval"]).output
    assert "conflict [thesis]\n" in plain and " · IN" not in plain


@pytest.mark.parametrize("width", [40, 57, 80])
def test_wide_characters_are_counted_as_two_columns(width: int) -> None:
    text = "漢字のテキスト😀 " * 12 + "قال الكاتب " * 6 + "x" * 130
    lines = render_text(outline_of(f'thesis t "{text}"\n'), width=width).splitlines()
    assert max(display_width(line) for line in lines) <= width
    assert "".join(lines).replace(" ", "").count("漢字") == 12  # nothing lost
    assert display_width("漢😀a") == 5 and display_width("e\u0301") == 1
