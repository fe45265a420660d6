"""The HTML outline report in a real browser: headless Chromium via Playwright.

Skipped with a reason when Playwright or Debian's `chromium` is missing.
Screenshots go to tmp_path, and to $ARGMAP_ARTIFACTS when it is set.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.api import load, loads
from argmap.model import Map
from argmap.render.html import html_figures, render_html, svg_for

pytestmark = pytest.mark.browser

ROOT = Path(__file__).parent.parent
SMALL = ROOT / "tests" / "data" / "outline" / "small.arg"
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = '''title "<b>Bold</b> & \\"quoted\\" title"
source s "<img src=x onerror=alert(2)>"
  url "javascript:alert(3)"
thesis t "<script>alert(1)</script> قال الكاتب 😀 \\"quoted\\" & more"
  tags x
  actors "<i>Actor</i>"
evidence e "</details></li><li onclick=alert(4)>broken out?"
  cite s "<script>alert(5)</script>"
  supports t
'''


def hand_made_svg(argmap: Map) -> str:
    """An SVG with Graphviz's conventions (ids node-ID, a transformed graph
    group), for when the real renderer is unavailable."""
    cells = []
    rows = (len(argmap.nodes) + 3) // 4
    height = max(400, rows * 70 + 40)
    for i, node in enumerate(argmap.nodes):
        x, y = 20 + (i % 4) * 170, 20 + (i // 4) * 70 - (height - 4)
        cells.append(
            f'<g id="node-{html.escape(node.id)}" class="node"><title>{html.escape(node.id)}</title>'
            f'<polygon fill="#eef" stroke="black" points="{x},{y} {x + 150},{y} {x + 150},{y + 50} {x},{y + 50}"/>'
            f'<text x="{x + 8}" y="{y + 30}" font-size="12">{html.escape(node.id)}</text></g>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        f'<svg width="720pt" height="{height}pt" viewBox="0.00 0.00 720.00 {height}.00" '
        'xmlns="http://www.w3.org/2000/svg">\n'
        f'<g id="graph0" class="graph" transform="translate(4 {height - 4})">{"".join(cells)}</g></svg>\n'
    )


def diagram(argmap: Map) -> str:
    return svg_for(argmap) or hand_made_svg(argmap)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("no `chromium` on PATH (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=ARGS)
        yield instance
        instance.close()


class Opened:
    """A report opened from file://, with every request and console error recorded."""

    def __init__(self, browser: Any, path: Path, width: int = 1400, height: int = 900) -> None:
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        page = self.page = self.context.new_page()
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)
        page.goto(self.url)
        page.wait_for_load_state("load")
        if page.locator("template.diagram-figure").count():
            page.wait_for_selector("#diagram svg", state="attached")  # drawn from its template

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def visible(self, selector: str) -> bool:
        return self.page.locator(selector).first.is_visible()

    def in_viewport(self, selector: str) -> bool:
        return self.page.eval_on_selector(
            selector,
            "el => { const r = el.getBoundingClientRect();"
            " return r.bottom > 0 && r.top < window.innerHeight && r.height > 0; }",
        )

    def search(self, query: str) -> None:
        """Type a search and wait for it to be applied (once per frame)."""
        self.page.fill("#search", query)
        self.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def view_box(self) -> list[float]:
        return [float(v) for v in self.page.get_attribute("#diagram svg", "viewBox").split()]


def write_report(tmp_path: Path, argmap: Map, name: str = "report.html", **kwargs: Any) -> Path:
    """The report with its real diagrams (the whole map and each section), or
    one hand-made diagram when Graphviz cannot run here."""
    path = tmp_path / name
    figures = html_figures(argmap)
    if figures:
        path.write_text(render_html(argmap, figures=figures, **kwargs), encoding="utf-8")
    else:
        path.write_text(render_html(argmap, svg=diagram(argmap), **kwargs), encoding="utf-8")
    return path


def screenshot(opened: Opened, tmp_path: Path, name: str, full_page: bool = False) -> Path:
    target = tmp_path / name
    opened.page.screenshot(path=str(target), full_page=full_page)
    artifacts = os.environ.get("ARGMAP_ARTIFACTS")
    if artifacts:
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(target, Path(artifacts) / name)
    return target


@pytest.fixture(scope="module")
def small_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(tmp_path_factory.mktemp("small"), load(SMALL))


@pytest.fixture
def small(browser: Any, small_report: Path) -> Iterator[Opened]:
    opened = Opened(browser, small_report)
    yield opened
    opened.context.close()


# ------------------------------------------------------------------ tests


def test_nothing_leaves_the_page_and_no_console_errors(small: Opened) -> None:
    small.search("ankara")
    small.page.click("#zoom-in")
    small.page.click("#entry-ankara button.locate")
    assert small.blocked == []
    assert small.requests == [small.url]
    assert small.errors == []


def test_clicking_a_diagram_node_highlights_its_entry(small: Opened) -> None:
    small.page.click("#collapse-all")
    small.page.click("#node-hiding", force=True)
    entry = small.page.locator("#entry-hiding")
    assert "is-highlighted" in (entry.get_attribute("class") or "")
    assert small.visible("#entry-hiding > .head")  # ancestors were opened
    assert small.in_viewport("#entry-hiding")
    assert small.page.locator(".entry.is-highlighted").count() == 1


def test_show_in_diagram_highlights_the_node_and_centres_it(small: Opened) -> None:
    small.page.click("#zoom-in")
    small.page.click("#zoom-in")
    before = small.view_box()
    small.page.click("#entry-when button.locate")
    small.page.wait_for_selector("#diagram #node-when.is-active", state="attached")
    assert small.page.locator("#diagram .is-active").count() == 1
    assert small.view_box() != before
    assert small.in_viewport("#node-when")


def test_search_filters_by_text_id_tag_and_actor(small: Opened) -> None:
    page = small.page
    for query, shown, hidden in [
        ("endgames", ["#entry-divergent", "#entry-conflict"], ["#entry-hiding", "#entry-rivals"]),
        ("shared_stakes", ["#entry-shared_stakes", "#entry-conflict"], ["#entry-ankara", "#entry-rivals"]),
        ("iran", ["#entry-conflict"], ["#entry-rivals", "#entry-loop_a"]),  # tag and actor
        ("zzz-nothing", [], ["#entry-conflict", "#entry-rivals"]),
    ]:
        small.search(query)
        assert [s for s in shown if not small.visible(s)] == [], query
        assert [s for s in hidden if small.visible(s)] == [], query
    assert small.visible("#no-match")
    small.search("")
    assert page.locator("li.entry[hidden]").count() == 0
    assert "entries" in page.inner_text("#filter-status")


def test_kind_filter(small: Opened) -> None:
    page = small.page
    page.select_option("#kind-filter", "hypothesis")
    assert small.visible("#entry-rivals") and small.visible("#entry-partners")
    assert not small.visible("#entry-conflict") and not small.visible("#entry-loop_a")
    assert page.inner_text("#filter-status").startswith("2 of ")
    page.select_option("#kind-filter", "")
    assert page.locator("li.entry[hidden]").count() == 0


def test_collapse_and_expand_all(small: Opened) -> None:
    page = small.page
    total = page.locator("li.entry:not(.ref)").count()
    page.click("#collapse-all")
    assert page.locator("li.entry.collapsed").count() == total
    assert page.locator(".head[aria-expanded=true]").count() == 0
    assert not small.visible("#entry-ankara")
    page.click("#expand-all")
    assert page.locator("li.entry.collapsed").count() == 0
    assert small.visible("#entry-hiding")
    page.click("#entry-conflict > .head")  # a head folds its entry
    assert not small.visible("#entry-ankara")
    page.focus("#entry-conflict > .head")
    page.keyboard.press("Enter")
    assert small.visible("#entry-ankara")
    assert page.get_attribute("#entry-conflict > .head", "aria-expanded") == "true"


def test_pan_and_zoom(small: Opened) -> None:
    page = small.page
    page.click("#zoom-reset")
    fit = small.view_box()
    box = page.locator("#diagram").bounding_box()
    assert fit[2] / fit[3] == pytest.approx(box["width"] / box["height"], rel=0.01)  # fitted to the pane
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 200)  # the wheel scrolls the drawing
    scrolled = small.view_box()
    assert scrolled[1] > fit[1] and scrolled[2] == pytest.approx(fit[2])
    page.click("#zoom-reset")
    page.dispatch_event("#diagram", "wheel", {"deltaY": -400, "ctrlKey": True, "bubbles": True, "cancelable": True,
                                              "clientX": box["x"] + box["width"] / 2, "clientY": box["y"] + box["height"] / 2})
    zoomed = small.view_box()  # Ctrl + wheel (a pinch) zooms
    assert zoomed[2] < fit[2] * 0.9
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 120, box["y"] + box["height"] / 2 + 40, steps=5)
    page.mouse.up()
    panned = small.view_box()
    assert panned[0] < zoomed[0] and panned[2] == pytest.approx(zoomed[2])
    page.click("#zoom-reset")
    assert small.view_box() == pytest.approx(fit)
    page.focus("#diagram")
    page.keyboard.press("+")
    assert small.view_box()[2] < fit[2]


def test_keyboard_reaches_diagram_nodes(small: Opened) -> None:
    page = small.page
    page.select_option("#figure-picker", label="Second: the endgame")
    page.wait_for_selector("#diagram #node-divergent", state="attached")
    page.focus("#node-divergent")
    page.keyboard.press("Enter")
    assert "is-highlighted" in (page.get_attribute("#entry-divergent", "class") or "")


def test_print_media_hides_controls(small: Opened) -> None:
    small.page.emulate_media(media="print")
    assert not small.visible(".toolbar") and not small.visible("#zoom-in")
    assert not small.visible("#entry-conflict button.locate")
    assert small.visible("#entry-conflict .node-text")


def test_hostile_texts_render_as_text(browser: Any, tmp_path: Path) -> None:
    argmap = loads(HOSTILE)
    path = write_report(tmp_path, argmap, "hostile.html")
    opened = Opened(browser, path)
    try:
        page = opened.page
        page.click("#expand-all")
        text = page.inner_text("#entry-t .node-text")
        assert text == '<script>alert(1)</script> قال الكاتب 😀 "quoted" & more'
        assert "</details></li><li onclick=alert(4)>broken out?" in page.inner_text("#entry-e")
        assert page.title() == '<b>Bold</b> & "quoted" title'
        assert page.locator("#outline script, #outline img, #outline b, #outline i").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        assert "javascript:alert(3)" in page.inner_text("#source-s")
        page.click("#node-e", force=True)
        assert opened.dialogs == [] and opened.errors == []
        assert opened.requests == [opened.url]
    finally:
        opened.context.close()


@pytest.mark.parametrize("width, height, name", [(1440, 900, "wide"), (700, 1000, "narrow")])
def test_essay_report_screenshot(browser: Any, tmp_path: Path, width: int, height: int, name: str) -> None:
    argmap = load(ESSAY if ESSAY.exists() else SMALL)
    statuses = {node.id: ("IN", "OUT", "UNDEC")[i % 3] for i, node in enumerate(argmap.nodes)}
    path = write_report(tmp_path, argmap, "essay.html", statuses=statuses)
    opened = Opened(browser, path, width, height)
    try:
        first = argmap.nodes[-1].id
        opened.page.click(f"#entry-{first} button.locate")
        shot = screenshot(opened, tmp_path, f"outline-{name}.png")
        assert shot.stat().st_size > 10_000
        if name == "wide":  # side by side
            diagram_box = opened.page.locator("#diagram").bounding_box()
            outline_box = opened.page.locator("#outline").bounding_box()
            assert diagram_box["x"] + diagram_box["width"] <= outline_box["x"]
        else:  # stacked
            assert opened.page.locator("#diagram").bounding_box()["y"] < opened.page.locator("#outline").bounding_box()["y"]
        assert opened.errors == [] and opened.requests == [opened.url]
    finally:
        opened.context.close()


def test_printing_expands_everything_and_prints_every_diagram(small: Opened, tmp_path: Path) -> None:
    page = small.page
    page.wait_for_function("() => document.querySelectorAll('template.diagram-figure').length > 0")
    page.wait_for_timeout(600)  # the other diagrams are unpacked in the background
    page.click("#collapse-all")
    page.click("#zoom-in")
    zoomed = small.view_box()
    page.evaluate(
        "window.__printed = null; addEventListener('beforeprint', () => { window.__printed = {"
        " closed: document.querySelectorAll('li.entry.collapsed').length,"
        " figures: document.querySelectorAll('.print-figures figure svg').length }; })"
    )
    pdf = page.pdf(path=str(tmp_path / "print.pdf"))
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    printed = page.evaluate("window.__printed")
    sections = page.locator("template.diagram-figure:not([data-key='*'])").count()
    assert pdf.startswith(b"%PDF") and pages >= 1 + sections  # each diagram on a page of its own
    assert printed == {"closed": 0, "figures": sections}
    # afterwards the reader's state is back
    assert page.locator("li.entry:not(.ref):not(.collapsed)").count() == 0
    assert page.locator(".print-figures").count() == 0
    assert small.view_box() == zoomed


CONTRAST_JS = """
() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                                       .reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) { return c.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const worst = [];
  const selector = "h1, h2, h3, .lede, .figure dt, .figure dd, .field-label, .filter-status, .rel, .badge, .node-id,"
    + " .node-text, .fact, .fact-label, .entry-body blockquote, .cite, .locate, .ref-line,"
    + " .strength, .legend, .muted, .colophon, .source-cites, button, .standing, .expectations li, .leader,"
    + " .ach-matrix th, .ach-matrix td, .number";
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent || !el.textContent.trim()) { continue; }
    const a = lum(rgb(getComputedStyle(el).color)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 4.5) { worst.push(el.className + ": " + ratio.toFixed(2)); }
  }
  return [...new Set(worst)];
}
"""


def test_text_contrast_meets_wcag_aa(browser: Any, tmp_path: Path) -> None:
    argmap = load(SMALL)
    statuses = {node.id: ("IN", "OUT", "UNDEC")[i % 3] for i, node in enumerate(argmap.nodes)}
    opened = Opened(browser, write_report(tmp_path, argmap, statuses=statuses, strengths={"conflict": 0.5}))
    try:
        assert opened.page.evaluate(CONTRAST_JS) == []
    finally:
        opened.context.close()


# ------------------------------------------------------------------ the essay report: what opens


@pytest.fixture(scope="module")
def essay_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from argmap.cli import cli

    path = tmp_path_factory.mktemp("essay") / "essay.html"
    result = CliRunner().invoke(cli, ["outline", str(ESSAY), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def essay(browser: Any, essay_report: Path) -> Iterator[Opened]:
    opened = Opened(browser, essay_report)
    yield opened
    opened.context.close()


SMALLEST_TEXT_JS = """
() => Math.min(...Array.from(document.querySelectorAll('#diagram svg text')).map(t => {
  const size = parseFloat(t.getAttribute('font-size') || getComputedStyle(t).fontSize);
  return size * t.getScreenCTM().a;   // CSS pixels on screen
}))
"""


def test_diagram_pane_opens_legible(essay: Opened, tmp_path: Path) -> None:
    """Fitted to the pane's width, or at a readable scale when that would be too
    small: every text of the drawing that opens is at least 10 CSS pixels."""
    page = essay.page
    assert page.evaluate(SMALLEST_TEXT_JS) >= 9.9
    box = page.locator("#diagram").bounding_box()
    view = essay.view_box()
    assert view[2] / view[3] == pytest.approx(box["width"] / box["height"], rel=0.01)
    page.locator("#diagram").scroll_into_view_if_needed()
    screenshot(essay, tmp_path, "essay-pane.png")
    for option in page.locator("#figure-picker option").all()[1:4]:  # each section opens legible too
        page.select_option("#figure-picker", option.get_attribute("value"))
        page.wait_for_function("v => document.querySelector('#figure-picker').value === v",
                               arg=option.get_attribute("value"))
        page.wait_for_timeout(50)
        assert page.evaluate(SMALLEST_TEXT_JS) >= 9.9, option.inner_text()
    assert essay.errors == []


def test_section_picker_lists_the_sections_in_written_order(essay: Opened) -> None:
    argmap = load(ESSAY)
    labels = [o.inner_text() for o in essay.page.locator("#figure-picker option").all()]
    sections = [s.title for s in argmap.sections]
    assert [label for label in labels if label in sections] == sections
    essay.page.click("#entry-ev_iran_derail button.locate")  # a node of the "First" section
    essay.page.wait_for_selector("#diagram #node-ev_iran_derail.is-active", state="attached")
    assert essay.page.locator("#figure-picker option:checked").inner_text() == "First: Aleppo, the aim and the end"


def test_bottom_line_opens_the_report(essay: Opened) -> None:
    page = essay.page
    argmap = load(ESSAY)
    bottom = page.locator("#bottom-line")
    assert bottom.bounding_box()["y"] < page.locator("#main").bounding_box()["y"]  # above diagram and outline
    text = bottom.inner_text()
    for node in argmap.nodes:
        if node.kind.value in ("thesis", "hypothesis"):
            assert " ".join(node.text.split()) in text, node.id
    from argmap.evaluate import ach_matrix
    from argmap.evaluate.expectations import check_expectations

    assert f"Leading hypothesis (ACH): {ach_matrix(argmap).leader}" in text
    expected = len(argmap.expectations)
    holding = expected - len(check_expectations(argmap))
    assert re.search(rf"Expectations: {holding} of {expected} hold", text, re.IGNORECASE)
    stated = sum(1 for n in argmap.nodes if n.kind.value in ("thesis", "hypothesis"))
    assert bottom.locator(".badge.status").count() == stated  # a status for every thesis and hypothesis


def test_ach_matrix_is_included(essay: Opened) -> None:
    from argmap.evaluate import ach_matrix

    result = ach_matrix(load(ESSAY))
    table = essay.page.locator("#ach table.ach-matrix")
    headers = [h.inner_text() for h in table.locator("thead th").all()]
    assert headers[1:-2] == result.hypotheses
    assert table.locator("tbody tr").count() == len(result.evidence)
    assert table.locator("thead th.leader").inner_text() == result.leader
    first = result.evidence[0]
    row = [c.inner_text() for c in table.locator("tbody tr").first.locator("td").all()]
    assert row[: len(result.hypotheses)] == [result.cells[(first, h)] or "–" for h in result.hypotheses]


def test_render_options_are_honoured(browser: Any, tmp_path: Path) -> None:
    """`render --format html --rankdir TB` draws the theses below what supports
    them (BT, the default, above), in the drawing the report opens on."""
    from click.testing import CliRunner

    from argmap.cli import cli

    tops = {}
    for rankdir in ("BT", "TB"):
        path = tmp_path / f"small-{rankdir}.html"
        result = CliRunner().invoke(cli, ["render", str(SMALL), "--force", "--format", "html", "--rankdir", rankdir,
                                          "-o", str(path)])
        assert result.exit_code == 0, result.output
        opened = Opened(browser, path)
        try:
            opened.page.select_option("#figure-picker", label="First: Aleppo, the aim and the end")
            opened.page.wait_for_selector("#diagram #node-conflict", state="attached")
            y = {n: opened.page.locator(f"#diagram #node-{n}").bounding_box()["y"] for n in ("conflict", "ankara")}
            tops[rankdir] = y["conflict"] < y["ankara"]
        finally:
            opened.context.close()
    assert tops == {"BT": True, "TB": False}
