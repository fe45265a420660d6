"""Document -> a printed report: Typst source from ``templates/report.typ.j2``,
compiled to PDF by the ``typst`` package (Typst's compiler in a wheel, with
its fonts: no browser, no system package).

    printed = print_report(outline, paper="a4")          # .pdf (bytes), .text_pt, .sheets
    drawings = print_variants(document)                  # each section's drawing, a few ways
    pdf = render_pdf(document, drawings, paper="a4")     # bytes, the drawings at 7 pt on the fewest pages
    source, files = typst_source(document, drawings)     # the Typst text and its SVG files

Layout rules (docs/outline.md): page 1 carries the title, the description,
the bottom line and the figures, then the table of contents; numbered entries
(1.3.2) whose pointers print the number and the page ("see 1.3.2, p. 4");
sources listed once (quotations stay with their evidence); the ACH matrix as
a table; each section's diagram on landscape or portrait pages
(argmap.render.print_layout: its smallest text at least 7 pt; small drawings
sharing a page; a drawing too big for a page cut into page-sized tiles).
Map texts reach Typst only as string literals (argmap.render.typst_source).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from argmap.errors import ArgmapError
from argmap.render.document import DocEntry, Document
from argmap.render.facts import credibility_words, one_line, reliability, status_word
from argmap.render.figures import Figure
from argmap.render.print_drawings import chapter_numbers, legend, legend_top, print_variants, title_within
from argmap.render.print_layout import HEADING, MARGIN, MIN_TEXT_PT, PAPERS, Sheet, lay_out
from argmap.render.typst_source import environment
from argmap.render.wording import cite_text

if TYPE_CHECKING:
    from argmap.render import RenderOptions
    from argmap.render.outline import Outline

__all__ = ["Printed", "pdf_pages", "print_report", "render_pdf", "render_within", "typst_source"]

PAGE_BUDGET = 16  # pages a printed report aims at: its drawings' text shrinks (down to 5 pt) to stay within
TEXT_STEPS = (7.0, 6.5, 6.0, 5.5, 5.0)  # the drawings' smallest text, tried in this order


def print_report(outline: Outline, options: RenderOptions | None = None, *, paper: str = "a4",
                 chosen: Collection[str] = (), engine: str = "auto", min_text: float | None = None) -> Printed:
    """The printed report of an outline (argmap.render.outline.build_outline):
    its document, its drawings (``print_variants``) and ``render_within``."""
    from argmap.render import RenderOptions
    from argmap.render.document import build_document

    options = options or RenderOptions()
    document = build_document(outline)
    drawings = print_variants(document, options, chosen=chosen, engine=engine)
    return render_within(document, drawings, paper=paper, color_by=options.color_by, min_text=min_text)


def pdf_pages(data: bytes) -> int:
    """The pages of a PDF that Typst wrote."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


@dataclass(frozen=True)
class Printed:
    """A printed report: the PDF, its drawings' smallest text (points),
    where its drawings went (argmap.render.print_layout: ``Piece.figure`` and
    ``Piece.variant`` index ``drawings``) and the drawings."""

    pdf: bytes
    text_pt: float
    sheets: list[Sheet]
    drawings: Sequence[Sequence[Figure]]


def render_within(document: Document, drawings: Sequence[Sequence[Figure]], *, paper: str = "a4",
                  color_by: str = "kind", budget: int = PAGE_BUDGET,
                  min_text: float | None = None) -> Printed:
    """The report within ``budget`` pages if it can be: its drawings on the
    fewest pages with their smallest text at ``min_text`` (default 7 pt), then
    as large as the pages left allow; when even the fewest are too many and
    ``min_text`` is not given, at the largest smaller size of TEXT_STEPS (down
    to 5 pt) that fits (7 pt when none does)."""
    steps = TEXT_STEPS if min_text is None else (min_text,)
    top = legend_top(document.outline.map, paper)

    def printed(size: float, max_pages: int | None = None) -> Printed:
        sheets = lay_out(drawings, paper, first_top=top, min_text=size, max_pages=max_pages)
        return Printed(render_pdf(document, drawings, sheets, paper=paper, color_by=color_by, min_text=size),
                       size, sheets, drawings)

    first = printed(steps[0])
    if not first.sheets:
        return first
    pages = pdf_pages(first.pdf)
    text = pages - len(first.sheets)
    if pages < budget:  # pages to spare: larger drawings
        more = printed(steps[0], budget - text)
        return more if pdf_pages(more.pdf) <= budget else first
    for step in steps[1:]:
        if text + len(lay_out(drawings, paper, first_top=top, min_text=step)) <= budget:
            return printed(step)
    return first


# ------------------------------------------------------------------ view model


def _entry(entry: DocEntry, numbers_of_sections: dict[str, str], single_source: bool) -> dict[str, Any]:
    facts = entry.facts
    view: dict[str, Any] = {
        "number": entry.number, "depth": entry.depth, "kind": facts.kind, "id": facts.id,
        "verb": entry.verb, "relation": entry.relation, "ref": entry.ref,
    }
    if entry.ref:
        view.update(target=entry.target, where=entry.where)
        return view
    fields = facts.fields()
    view.update(
        text=one_line(facts.text),
        status=facts.status,
        status_word=status_word(facts.status) if facts.status else None,
        strength=next((f.value for f in fields if f.key == "strength"), None),
        facts=[f"credibility {credibility_words(f.value)}" if f.key == "credibility" else f.phrase()
               for f in fields if f.key not in ("status", "strength")],
        section=one_line(facts.section_title) if entry.show_section and facts.section_title else None,
        figure=numbers_of_sections.get(facts.section or "") if entry.show_section else None,
        actors=[one_line(a) for a in facts.actors],
        tags=_other_tags(facts.tags, facts.actors),
        cites=[{"source": None if single_source else c.source,
                "where": cite_text(c, title=False, quote=False, escape=one_line) or None,
                "quote": one_line(c.quote) if c.quote else None} for c in facts.citations],
        notes=[one_line(n) for n in facts.notes] + [f"{one_line(q)}: {one_line(a)}" for q, a in facts.critical_answers],
    )
    return view


def _key(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum())


def _other_tags(tags: Sequence[str], actors: Sequence[str]) -> list[str]:
    """The tags that do not just repeat an actor (``assad_regime`` for
    "Assad regime"): paper is short, and the actors are printed."""
    named = {_key(a) for a in actors}
    return [t for t in tags if _key(t) not in named]


def _flat(document: Document, figure_numbers: dict[str, str]) -> list[dict[str, Any]]:
    """The chapters' entries in document order, each with its depth."""
    single = len(document.outline.map.sources) == 1
    chapters = []
    for chapter in document.chapters:
        rows: list[dict[str, Any]] = []
        stack = list(reversed(chapter.entries))
        while stack:
            entry = stack.pop()
            rows.append(_entry(entry, figure_numbers, single))
            stack.extend(reversed(entry.children))
        chapters.append({"number": chapter.number, "title": chapter.title, "key": chapter.key, "entries": rows})
    return chapters


def _bottom(document: Document) -> dict[str, Any]:
    line = document.bottom_line

    def standing(s: Any) -> dict[str, Any]:
        return {"id": s.id, "kind": s.node.kind.value, "text": one_line(s.node.text), "status": s.status,
                "word": status_word(s.status) if s.status else None,
                "strength": None if s.strength is None else f"{s.strength:.2f}", "rank": s.rank,
                "number": document.numbers.get(s.id)}

    return {
        "theses": [standing(s) for s in line.theses],
        "hypotheses": [standing(s) for s in line.hypotheses],
        "expectations": [{"id": e.node, "expected": e.expected, "found": e.found, "holds": e.holds,
                          "number": document.numbers.get(e.node)} for e in line.expectations],
        "held": line.held, "failed": line.failed, "leader": line.leader, "evaluated": line.evaluated,
    }


def _ach(document: Document) -> dict[str, Any] | None:
    table = document.ach
    if table is None:
        return None
    ach = table.result
    return {
        "hypotheses": list(table.hypotheses),
        "rows": [{"id": e, "number": document.numbers.get(e), "cells": [ach.cells[(e, h)] for h in table.hypotheses],
                  "weight": f"{ach.weights[e]:g}", "diagnosticity": f"{ach.diagnosticity[e]:g}"}
                 for e in table.evidence],
        "inconsistency": [f"{ach.inconsistency[h]:g}" for h in table.hypotheses],
        "ranks": [ach.ranking.index(h) + 1 for h in table.hypotheses],
        "leader": ach.leader,
        "cut": table.cut, "all_hypotheses": len(ach.hypotheses), "all_evidence": len(ach.evidence),
    }


def typst_source(document: Document, drawings: Sequence[Sequence[Figure]] = (), sheets: list[Sheet] | None = None,
                 *, paper: str = "a4", color_by: str = "kind",
                 min_text: float = MIN_TEXT_PT) -> tuple[str, dict[str, bytes]]:
    """The Typst text of the report and the files it reads. ``drawings``:
    each diagram's variants; ``sheets``: where they go (by default
    argmap.render.print_layout.lay_out's fewest pages with their smallest text
    at ``min_text``, below the legend)."""
    if paper not in PAPERS:
        raise ArgmapError(f"unknown paper {paper!r}: choose one of {', '.join(PAPERS)}")
    argmap = document.outline.map
    ach_number, sources_number, diagrams_number = chapter_numbers(document)
    top = legend_top(argmap, paper)
    if sheets is None:
        sheets = lay_out(drawings, paper, first_top=top, min_text=min_text)
    placed = {p.figure for sheet in sheets for p in sheet.pieces}
    # numbered in order (the layout keeps it), as the drawings' stubs name them
    figure_numbers = {drawn[0].key: f"{diagrams_number}.{i}" for i, drawn in enumerate(drawings, 1)
                      if i - 1 in placed}
    files: dict[str, bytes] = {}
    pages = []
    for sheet in sheets:
        pieces = []
        for p in sheet.pieces:
            figure = drawings[p.figure][p.variant]
            name = f"figure-{p.figure + 1}-{p.variant + 1}.svg"
            files[name] = figure.svg.encode("utf-8")
            pieces.append({
                "file": name, "number": figure_numbers[figure.key], "title": title_within(figure.title, p),
                "x": round(p.x, 2), "y": round(p.y, 2), "width": round(p.width, 2), "height": round(p.height, 2),
                "dx": round(p.dx, 2), "dy": round(p.dy, 2), "box": round(p.box_width, 2),
                "tile_width": round(p.tile_width, 2), "tile_height": round(p.tile_height, 2),
                "tile": p.tile, "note": p.note,
            })
        pages.append({"landscape": sheet.landscape, "pieces": pieces})
    summary = document.outline.summary
    context = {
        "title": one_line(document.title),
        "description": one_line(argmap.description) if argmap.description else None,
        "paper": "us-letter" if paper == "letter" else "a4",
        "figures_line": summary.line(),
        "bottom": _bottom(document),
        "chapters": _flat(document, figure_numbers),
        "ach": _ach(document), "ach_number": ach_number,
        "sources": [{"id": s.source.id, "title": one_line(s.source.title),
                     "author": one_line(s.source.author) if s.source.author else None,
                     "date": s.source.date.text if s.source.date else None,
                     "url": one_line(s.source.url) if s.source.url else None,
                     "file": s.source.file, "notes": [one_line(n) for n in s.source.notes],
                     "reliability": reliability(s.source),
                     "cited_by": list(s.cited_by), "quotes": s.quotes} for s in document.sources],
        "sources_number": sources_number,
        "pages": pages, "diagrams_number": diagrams_number if pages else None, "margin": MARGIN,
        "legend": legend(argmap, color_by), "legend_top": top, "min_text": f"{min_text:g}",
        "heading": HEADING,
        "single_source": len(argmap.sources) == 1,
    }
    source = environment().get_template("report.typ.j2").render(data=context)
    return source, files


def render_pdf(document: Document, drawings: Sequence[Sequence[Figure]] = (), sheets: list[Sheet] | None = None,
               *, paper: str = "a4", color_by: str = "kind", min_text: float = MIN_TEXT_PT) -> bytes:
    """The report as PDF bytes (see the module docstring)."""
    try:
        import typst
    except ImportError:  # pragma: no cover - typst is a dependency; a trimmed install may lack it
        raise ArgmapError("the PDF report needs the `typst` package: pip install typst") from None
    import tempfile
    from pathlib import Path

    source, files = typst_source(document, drawings, sheets, paper=paper, color_by=color_by, min_text=min_text)
    with tempfile.TemporaryDirectory(prefix="argmap-pdf-") as folder:
        root = Path(folder)
        (root / "report.typ").write_text(source, encoding="utf-8")
        for name, content in files.items():
            (root / name).write_bytes(content)
        try:  # only the fonts that come with Typst: the same document on every machine
            data = typst.compile(root / "report.typ", root=root, format="pdf", ignore_system_fonts=True)
        except Exception as exc:  # typst.TypstError: a report argmap wrote must compile, so an internal error
            raise ArgmapError(f"internal error: the PDF report did not compile: {exc}") from None
    if not isinstance(data, bytes):
        raise ArgmapError("internal error: the PDF compiler returned no document")
    return data
