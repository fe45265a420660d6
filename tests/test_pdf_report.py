"""The printed report: `argmap outline FILE --format pdf`, read back with
poppler's tools (tests/pdf_reading.py) — pages, the table of contents, page
references, how full each page is, footers, sources once, the ACH table —
and Typst escaping (argmap.render.typst_source) checked by the compiler itself.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.api import load, loads
from argmap.cli import cli
from argmap.render.document import build_document
from argmap.render.figures import Figure
from argmap.render.outline import build_outline, load_verdicts
from argmap.render.pdf import Printed, pdf_pages, print_report
from argmap.render.print_drawings import legend_top
from argmap.render.print_layout import MIN_TEXT_PT, PAPERS
from argmap.render.typst_source import TypstCode, typst_string, typst_value

sys.path.insert(0, str(Path(__file__).parent))
from pdf_reading import Page, have_poppler, read_pdf
from print_checks import check_sheets

ROOT = Path(__file__).parent.parent
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"
SMALL = ROOT / "tests" / "data" / "outline" / "small.arg"
missing = have_poppler()
needs_poppler = pytest.mark.skipif(missing is not None, reason=f"poppler's `{missing}` is not installed")
HOSTILE = r'''title "#set page(width: 1cm) $x^2$ *bold* _i_ `raw` <lab> @ref [b] \ // c /* d"
description "= not a heading\n- not a list #{1+1}"
source s "#eval(\"1\") #import \"x\""
  url "https://example.org/#frag"
thesis t "#panic(\"no\") $$ ** __ \\ [link](x) <t> @t ~ -- ... \"quoted\" 'single' قال 😀"
  actors "#emph[a]"
  cite s §[1] "#strong[q] // not a comment"
  note "/* not a comment */ #read(\"/etc/passwd\")"
claim c "\u{1F600} \\u{41}"
  supports t
'''


# ------------------------------------------------------------------ escaping


def typst_query(values: list[str]) -> list[str]:
    """What Typst reads back from string literals written by typst_string."""
    import json

    import typst

    source = "\n".join(f"#metadata({typst_string(v)}) <v>" for v in values)
    return json.loads(typst.query(source.encode("utf-8"), "<v>", field="value"))


def test_typst_string_escapes_what_a_literal_needs() -> None:
    assert typst_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert typst_string("x\ny\tz\x00") == '"x\\ny\\tz\\u{0}"'
    assert typst_string("#set $x$ *b* <l> @r [a]") == '"#set $x$ *b* <l> @r [a]"'  # markup means nothing in a string
    assert typst_string("\ud800") == '"\ufffd"'  # a lone surrogate cannot be written


@settings(max_examples=25, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=8))
def test_any_text_survives_a_typst_string_literal(texts: list[str]) -> None:
    expected = ["".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in t) for t in texts]
    assert typst_query(texts) == expected


def test_hostile_texts_survive_as_written() -> None:
    texts = [line.split('"', 1)[1].rsplit('"', 1)[0] for line in HOSTILE.splitlines() if '"' in line]
    assert typst_query(texts) == texts


def test_typst_values() -> None:
    assert typst_value({"a": [1, 2.5, None, True], "b": "x", "c": ()}) == '("a": (1, 2.5, none, true), "b": "x", "c": ())'
    assert typst_value(["one"]) == '("one",)'
    assert typst_value({}) == "(:)"
    assert typst_value(TypstCode("#pagebreak()")) == "#pagebreak()"
    with pytest.raises(ValueError):
        typst_value(float("nan"))
    with pytest.raises(TypeError):
        typst_value(object())


# ------------------------------------------------------------------ the essay report


@dataclass(frozen=True)
class Essay:
    paper: str
    path: Path  # the PDF
    printed: Printed
    drawings: Sequence[Sequence[Figure]]
    source: Path  # the map


def print_map(path: Path, paper: str, folder: Path) -> Essay:
    """A map's printed report, as `argmap outline FILE --format pdf` makes it,
    with the drawings and the layout it chose."""
    argmap = load(path)
    statuses, strengths, bases = load_verdicts(argmap)
    outline = build_outline(argmap, statuses=statuses, strengths=strengths, bases=bases)
    printed = print_report(outline, paper=paper)
    out = folder / f"{path.stem}-{paper}.pdf"
    out.write_bytes(printed.pdf)
    return Essay(paper, out, printed, printed.drawings, path)


@pytest.fixture(scope="module", params=["a4", "letter"])
def essay(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Essay:
    return print_map(ESSAY, request.param, tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="module")
def essay_pdf(essay: Essay) -> Path:
    return essay.path


@pytest.fixture(scope="module")
def essay_pages(essay: Essay) -> list[Page]:
    if missing is not None:
        pytest.skip(f"poppler's `{missing}` is not installed")
    return read_pdf(essay.path)


def contents(pages: list[Page]) -> list[tuple[str, str, str]]:
    """(number, title, page) of each line of the table of contents."""
    first = pages[0].text
    toc = first[first.index("Contents"):]
    return re.findall(r"^(\d+(?:\.\d+)?)\s+(.+?)(?:\s*\.)+[\s\u2060]*(\d+)\s*$", toc, re.M)


def diagrams_page(pages: list[Page]) -> int:
    """The page the Diagrams chapter starts on (from the table of contents)."""
    return next(int(page) for number, title, page in contents(pages) if title.startswith("Diagrams"))


def flat(text: str) -> str:
    """Text without line breaks, hyphens or spaces (a PDF's lines are broken anywhere)."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_the_essay_report_is_short_full_and_legible(essay: Essay, essay_pages: list[Page]) -> None:
    """At most 16 pages on A4 and on letter, at most 2 pages under 40% full
    and none empty, the drawings' text at 7 pt or more (the legend says so),
    no two pieces of a page overlapping."""
    fills = [round(p.fill, 2) for p in essay_pages]
    assert len(essay_pages) <= 16, (len(essay_pages), fills)
    assert sum(1 for f in fills if f < 0.4) <= 2, fills
    assert all(f > 0.05 for f in fills), fills
    size = PAPERS[essay.paper]
    assert all(sorted((round(p.width), round(p.height))) == [round(size[0]), round(size[1])] for p in essay_pages)
    assert essay.printed.text_pt >= MIN_TEXT_PT
    assert min(p.text_pt for sheet in essay.printed.sheets for p in sheet.pieces) >= MIN_TEXT_PT
    legend = " ".join(essay_pages[diagrams_page(essay_pages) - 1].text.split())
    assert f"No text is smaller than {essay.printed.text_pt:g} pt" in legend
    top = legend_top(load(ESSAY), essay.paper)
    check_sheets(essay.printed.sheets, essay.drawings, essay.paper, top, essay.printed.text_pt)
    # the drawing pages are the last ones, as laid out
    assert len(essay_pages) - diagrams_page(essay_pages) + 1 == len(essay.printed.sheets)
    for page, sheet in zip(essay_pages[-len(essay.printed.sheets):], essay.printed.sheets, strict=True):
        assert page.landscape == sheet.landscape


def test_the_command_prints_what_was_measured(essay: Essay, tmp_path: Path) -> None:
    path = tmp_path / "essay.pdf"
    result = CliRunner().invoke(cli, ["outline", str(ESSAY), "--paper", essay.paper, "-o", str(path)])  # pdf: from the name
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == essay.printed.pdf


def short_only_before_a_chapter(pages: list[Page]) -> None:
    chapters = re.compile(r"^\d+\s+\S", re.M)  # "3 Competing hypotheses" at the top of the next page
    for page, after in itertools.pairwise(pages):
        if page.fill < 0.4:
            assert chapters.match(after.text.strip()) or after.landscape != page.landscape, page.number


def test_a_short_page_comes_only_before_a_chapter(essay_pages: list[Page]) -> None:
    short_only_before_a_chapter(essay_pages)


def test_page_one_and_the_table_of_contents(essay_pages: list[Page]) -> None:
    argmap = load(ESSAY)
    first = essay_pages[0].text
    assert flat(argmap.title or "") in flat(first)
    assert flat(" ".join((argmap.description or "").split())[:80]) in flat(first)
    assert "Bottom line" in first and "Leading hypothesis (ACH): h_rivals" in first
    assert f"{len(argmap.nodes)} nodes" in first
    entries = contents(essay_pages)
    assert len(entries) >= 10
    for number, title, page in entries:  # each heading is on the page the contents give
        text = flat(essay_pages[int(page) - 1].text)
        # (two headings side by side on a page of drawings interleave in the extracted text)
        assert flat(number) in text and all(flat(word) in text for word in title.split()[:4]), (number, title, page)


def test_every_see_gives_a_number_and_the_right_page(essay_pages: list[Page]) -> None:
    """`see 1.2.3, p. 4`: entry 1.2.3 starts on page 4."""
    refs = [(m.group(1), int(m.group(2)), page.number) for page in essay_pages
            for m in re.finditer(r"see\s+(\d+(?:\.\d+)+),\s+p\.\s+(\d+)", page.text)]
    assert len(refs) >= 20
    for number, page, _where in refs:
        heads = re.compile(rf"(?:^|\n){re.escape(number)}\s+(?:supports|attacks|contradicts|undercuts|answers|"
                           rf"about|premise|thesis|claim|evidence|counter|hypothesis|assumption|question|argument)")
        assert heads.search(essay_pages[page - 1].text), (number, page)


def test_footers_carry_the_title_and_page_numbers(essay_pages: list[Page]) -> None:
    title = " ".join((load(ESSAY).title or "").split())
    for page in essay_pages:
        if re.search(r"part \d+ of \d+", page.text):  # a tile: its drawing's hidden parts are in the text too
            assert f"{page.number} / {len(essay_pages)}" in page.footer, page.number
        else:
            assert page.footer == f"{title} {page.number} / {len(essay_pages)}", page.number


def test_sources_are_listed_once_and_quotations_stay_with_their_evidence(essay_pages: list[Page]) -> None:
    argmap = load(ESSAY)
    text = flat("".join(p.text for p in essay_pages[: diagrams_page(essay_pages) - 1]))
    for source in argmap.sources:
        assert text.count(flat(source.title)) == 1
    quoted = 0
    for node in argmap.nodes:
        for cite in node.citations:
            if cite.quote and len(cite.quote.split()) >= 5:  # long enough to be nowhere else
                quote = flat(cite.quote)
                cited = sum(1 for n in argmap.nodes for c in n.citations if c.quote and quote in flat(c.quote))
                # a node's text or note may say it too
                said = sum(flat(t).count(quote) for n in argmap.nodes
                           for t in (n.text, *n.notes, *(c.answer for c in n.critical_answers)))
                said += sum(flat(t).count(quote) for s in argmap.sources for t in s.notes)
                assert text.count(quote) == cited + said, (node.id, cite.quote)
                quoted += 1
    assert quoted >= 50


def test_the_ach_matrix_is_a_table(essay_pages: list[Page]) -> None:
    from argmap.evaluate import ach_matrix

    result = ach_matrix(load(ESSAY))
    first = next(i for i, p in enumerate(essay_pages) if i > 0 and "Competing hypotheses (ACH matrix)" in p.text)
    text = "".join(p.text for p in essay_pages[first:first + 2])  # a long matrix goes on over a page
    for name in result.hypotheses + result.evidence:
        assert name in text, name
    assert "Inconsistency" in text and "Rank" in text


def test_each_section_is_drawn_by_numbers(essay_pages: list[Page]) -> None:
    """Every section drawn, its nodes named by their entries' numbers."""
    argmap = load(ESSAY)
    drawings = "".join(p.text for p in essay_pages[diagrams_page(essay_pages) - 1:])
    for section in argmap.sections:
        assert flat(section.title) in flat(drawings), section.id
    statuses, strengths, bases = load_verdicts(argmap)
    document = build_document(build_outline(argmap, statuses=statuses, strengths=strengths, bases=bases))
    for node in argmap.nodes:  # each node drawn with its number
        if node.section is not None and node.id in document.numbers:
            assert flat(document.numbers[node.id]) in flat(drawings), node.id


def test_the_diagram_text_option_sets_the_smallest_text(tmp_path: Path) -> None:
    """--diagram-text 9: no drawing text under 9 pt (more pages if need be)."""
    argmap = load(ESSAY)
    statuses, strengths, bases = load_verdicts(argmap)
    printed = print_report(build_outline(argmap, statuses=statuses, strengths=strengths, bases=bases), min_text=9.0)
    assert printed.text_pt == 9.0
    assert min(p.text_pt for sheet in printed.sheets for p in sheet.pieces if not p.shrunk) >= 9.0
    if missing is None:
        path = tmp_path / "nine.pdf"
        path.write_bytes(printed.pdf)
        pages = read_pdf(path)
        assert "No text is smaller than 9 pt" in " ".join(pages[diagrams_page(pages) - 1].text.split())


def generated_map(folder: Path, nodes: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_map import generate, to_arg

    path = folder / f"generated_{nodes}.arg"
    path.write_text(to_arg(generate(nodes, seed=3)), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "paper"), [("small", "letter"), ("every_construct", "a4"), ("generated_400", "a4")])
def test_any_map_prints_without_overlaps_or_empty_pages(name: str, paper: str, tmp_path: Path) -> None:
    """Not only the essay: a small map, one with every construct, and a
    generated one of 400 nodes in two sections of 200 (drawings cut into
    tiles, the empty ones left out): pieces never overlap and stay on their
    page, every page has something on it, a short page only before a chapter,
    the drawings' text at 7 pt unless a drawing says it was scaled down."""
    path = {"small": SMALL, "every_construct": ROOT / "tests" / "data" / "every_construct" / "map.arg"}.get(name)
    printed = print_map(path or generated_map(tmp_path, 400), paper, tmp_path)
    sheets = printed.printed.sheets
    assert sheets
    check_sheets(sheets, printed.drawings, paper, legend_top(load(printed.source), paper), MIN_TEXT_PT)
    assert all(p.text_pt >= MIN_TEXT_PT for s in sheets for p in s.pieces if not p.shrunk)
    if name == "generated_400":  # big sections cut into tiles (each page draws the whole drawing, clipped:
        assert any(p.tiles > 1 for s in sheets for p in s.pieces)  # poppler takes long, so no reading back)
        text = pdf_pages(printed.printed.pdf) - len(sheets)
        assert 10 <= text <= 30
    elif missing is None:
        pages = read_pdf(printed.path)
        fills = [round(p.fill, 2) for p in pages]
        assert all(f > 0.05 for f in fills), fills
        short_only_before_a_chapter(pages)
        assert len(pages) - diagrams_page(pages) + 1 == len(sheets)
        assert len(pages) <= 4


def test_letter_paper_and_no_browser_needed(tmp_path: Path) -> None:
    path = tmp_path / "small.pdf"
    result = CliRunner().invoke(cli, ["outline", str(SMALL), "--format", "pdf", "--paper", "letter", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes().startswith(b"%PDF")
    if missing is None:
        pages = read_pdf(path)
        assert all(sorted((round(p.width), round(p.height))) == [612, 792] for p in pages)  # US letter


def test_the_pdf_is_the_same_every_time(tmp_path: Path) -> None:
    paths = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for path in paths:
        assert CliRunner().invoke(cli, ["outline", str(SMALL), "-o", str(path)]).exit_code == 0
    assert paths[0].read_bytes() == paths[1].read_bytes()


@needs_poppler
def test_hostile_texts_are_printed_as_written(tmp_path: Path) -> None:
    source = tmp_path / "hostile.arg"
    source.write_text(HOSTILE, encoding="utf-8")
    path = tmp_path / "hostile.pdf"
    result = CliRunner().invoke(cli, ["outline", str(source), "-o", str(path)])
    assert result.exit_code == 0, result.output
    text = flat("".join(p.text for p in read_pdf(path)))
    for fragment in ["#set page(width: 1cm) $x^2$ *bold* _i_ `raw` <lab> @ref [b]", '#panic("no") $$ ** __',
                     "[link](x) <t> @t", "#emph[a]", "#strong[q] // not a comment",
                     '/* not a comment */ #read("/etc/passwd")', "= not a heading", "قال"]:
        assert flat(fragment) in text, fragment


@needs_poppler
def test_the_fill_of_a_page_is_how_far_down_its_ink_goes(tmp_path: Path) -> None:
    """tests/pdf_reading.py's measure, on pages whose ink stops at a known height."""
    import typst

    source = tmp_path / "fill.typ"
    source.write_text('#set page(paper: "a4", margin: (x: 16mm, top: 14mm, bottom: 18mm))\n'
                      "#rect(width: 30%, height: 50%, fill: black)\n#pagebreak()\n"
                      "#rect(width: 100%, height: 90%, fill: black)\n#pagebreak()\n#box()\n", encoding="utf-8")
    path = tmp_path / "fill.pdf"
    path.write_bytes(typst.compile(source, format="pdf"))
    body = 297 - 12 - 18  # mm between the top band and the footer band
    fills = [p.fill for p in read_pdf(path)]
    assert fills[0] == pytest.approx((2 + 0.5 * 265) / body, abs=0.02)
    assert fills[1] == pytest.approx((2 + 0.9 * 265) / body, abs=0.02)
    assert fills[2] == 0.0


def test_a_printed_drawing_marks_an_inferred_link_at_its_tail() -> None:
    """An external "(inferred)" label may cover a node's text on paper: a
    printed drawing draws a small circle at the link's tail instead (or "inf."
    in the layout, on an undercut link's half); `argmap render` keeps the label."""
    from argmap.render import RenderOptions, render

    argmap = loads('thesis t "The thesis."\nclaim c "A claim."\n  supports t (inferred)\n'
                       'claim d "Another claim."\n  supports t (inferred)\nclaim u "An undercut."\n  undercuts d -> t\n')
    printed = render(argmap, "dot", RenderOptions(edge_labels="mark")).decode()
    whole = next(line for line in printed.splitlines() if 'id="edge-c-supports-t"' in line)
    assert "arrowtail=odot" in whole and "dir=both" in whole and "xlabel" not in whole and "label=" not in whole
    half = next(line for line in printed.splitlines() if 'id="edge-d-supports-t"' in line)
    assert 'label="inf."' in half and "xlabel" not in half
    screen = render(argmap, "dot", RenderOptions()).decode()
    assert "odot" not in screen and screen.count('xlabel="(inferred)"') == 2


def test_no_heading_is_left_alone_at_the_foot_of_a_page_or_column(essay: Essay) -> None:
    """Each heading of the argument is on the page and in the column of the
    entry after it (the template's invisible <heading-places> metadata,
    read with Typst's query)."""
    import json
    import tempfile

    import typst

    from argmap.render.pdf import typst_source

    argmap = load(ESSAY)
    statuses, strengths, bases = load_verdicts(argmap)
    document = build_document(build_outline(argmap, statuses=statuses, strengths=strengths, bases=bases))
    source, files = typst_source(document, essay.drawings, essay.printed.sheets, paper=essay.paper,
                                 min_text=essay.printed.text_pt)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "report.typ").write_text(source, encoding="utf-8")
        for name, content in files.items():
            (root / name).write_bytes(content)
        places = json.loads(typst.query(root / "report.typ", "<heading-places>", field="value", one=True, root=root,
                                        ignore_system_fonts=True))
    assert len(places) >= 10
    for place in places:
        heading, entry = place["heading"], place["entry"]
        assert entry["page"] == heading["page"], place
        assert entry["y"] > heading["y"] and abs(entry["x"] - heading["x"]) < 100, place  # below it, same column
