"""Document -> a printed report: Typst source from ``templates/report.typ.j2``,
compiled to PDF by the ``typst`` package (Typst's compiler in a wheel, with
its fonts: no browser, no system package).

    pdf = render_pdf(document, figures, paper="a4")      # bytes
    source, files = typst_source(document, figures)     # the Typst text and its SVG files

Layout rules (docs/outline.md): page 1 carries the title, the description,
the bottom line and the figures, then the table of contents; numbered entries
(1.3.2) whose pointers print the number and the page ("see 1.3.2, p. 4");
sources listed once (quotations stay with their evidence); the ACH matrix as
a table; each section's diagram on landscape pages, scaled so its smallest
text is at least 7 pt (a drawing too big for one page at that size is cut
into tiles, a page each); small drawings share a page. Map texts reach Typst
only as string literals (argmap.render.typst_source).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from argmap.errors import ArgmapError
from argmap.render.document import DocEntry, Document
from argmap.render.facts import cite_text, one_line, status_word
from argmap.render.figures import Figure
from argmap.render.typst_source import environment

__all__ = ["PAPERS", "MIN_TEXT_PT", "Placement", "place_figures", "render_pdf", "typst_source"]

# paper -> (width, height) in points, portrait
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MIN_TEXT_PT = 7.0  # no text in a printed diagram is smaller
MAX_SCALE = 1.0  # small drawings are not blown up beyond their own size
MARGIN = 34.0  # landscape page margin, points (12 mm)
FOOTER = 28.0  # room for the footer below the margin
HEADING = 30.0  # a figure's heading above it
GAP = 14.0  # between two figures on one page
MAX_TILES = 24  # pages for one drawing; beyond, it is scaled down (and says so)


@dataclass(frozen=True)
class Placement:
    """One figure (or one tile of it) on a landscape page."""

    figure: int  # index into the figures
    page: int  # landscape page index, from 0
    scale: float
    width: float  # the whole drawing's size at this scale, points
    height: float
    dx: float  # the tile's offset into the drawing, points (0, 0 for an untiled figure)
    dy: float
    tile_width: float  # the visible part
    tile_height: float
    tile: int  # 1-based tile number, and how many
    tiles: int
    shrunk: bool  # scaled below MIN_TEXT_PT to fit MAX_TILES pages


def _area(paper: str) -> tuple[float, float]:
    """The room for drawings on a landscape page, points."""
    width, height = PAPERS[paper]
    return height - 2 * MARGIN, width - 2 * MARGIN - FOOTER - HEADING


def place_figures(figures: Sequence[Figure], paper: str = "a4") -> list[Placement]:
    """Where each figure goes: landscape pages, top to bottom, small figures
    sharing a page, big ones cut into page-sized tiles."""
    room_w, room_h = _area(paper)
    placed: list[Placement] = []
    page, used = -1, room_h + 1.0  # no page open yet
    for index, figure in enumerate(figures):
        if figure.width <= 0 or figure.height <= 0:
            continue
        least = MIN_TEXT_PT / figure.min_font if figure.min_font > 0 else 0.5
        scale = min(room_w / figure.width, room_h / figure.height, MAX_SCALE)
        shrunk = False
        if scale < least:
            scale = least
            columns = math.ceil(figure.width * scale / room_w - 1e-9)
            rows = math.ceil(figure.height * scale / room_h - 1e-9)
            if columns * rows > MAX_TILES:  # too big to print legibly: fewer, smaller tiles
                scale *= math.sqrt(MAX_TILES / (columns * rows))
                shrunk = True
        width, height = figure.width * scale, figure.height * scale
        columns = max(1, math.ceil(width / room_w - 1e-9))
        rows = max(1, math.ceil(height / room_h - 1e-9))
        if columns * rows == 1:
            if used + GAP + HEADING + height > room_h + HEADING:
                page, used = page + 1, 0.0
            else:
                used += GAP + HEADING
            used += height
            placed.append(Placement(index, page, scale, width, height, 0, 0, width, height, 1, 1, shrunk))
            continue
        tile_w, tile_h = width / columns, height / rows  # even tiles: each a page
        for row in range(rows):
            for column in range(columns):
                page += 1
                placed.append(Placement(index, page, scale, width, height, column * tile_w, row * tile_h,
                                        tile_w, tile_h, row * columns + column + 1, rows * columns, shrunk))
        used = room_h + 1.0  # the next figure starts a new page
    return placed


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
        facts=[f.phrase() for f in fields if f.key != "status"],
        section=one_line(facts.section_title) if entry.show_section and facts.section_title else None,
        figure=numbers_of_sections.get(facts.section or "") if entry.show_section else None,
        actors=[one_line(a) for a in facts.actors],
        tags=list(facts.tags),
        cites=[{"source": None if single_source else c.source,
                "where": cite_text(c, title=False, quote=False, escape=one_line) or None,
                "quote": one_line(c.quote) if c.quote else None} for c in facts.citations],
        notes=[one_line(n) for n in facts.notes],
    )
    return view


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
    ach = document.bottom_line.ach
    if ach is None:
        return None
    return {
        "hypotheses": list(ach.hypotheses),
        "rows": [{"id": e, "number": document.numbers.get(e), "cells": [ach.cells[(e, h)] for h in ach.hypotheses],
                  "weight": f"{ach.weights[e]:g}", "diagnosticity": f"{ach.diagnosticity[e]:g}"}
                 for e in ach.evidence],
        "inconsistency": [f"{ach.inconsistency[h]:g}" for h in ach.hypotheses],
        "ranks": [ach.ranking.index(h) + 1 for h in ach.hypotheses],
        "leader": ach.leader,
        "most_diagnostic": list(ach.most_diagnostic),
    }


def typst_source(document: Document, figures: Sequence[Figure] = (), *, paper: str = "a4"
                 ) -> tuple[str, dict[str, bytes]]:
    """The Typst text of the report and the files it reads (its drawings)."""
    if paper not in PAPERS:
        raise ArgmapError(f"unknown paper {paper!r}: choose one of {', '.join(PAPERS)}")
    argmap = document.outline.map
    chapters = len(document.chapters)
    ach_number = str(chapters + 1) if document.bottom_line.ach is not None else None
    sources_number = str(chapters + 1 + (ach_number is not None)) if argmap.sources else None
    diagrams_number = str(chapters + 1 + (ach_number is not None) + (sources_number is not None))
    figure_numbers = {f.key: f"{diagrams_number}.{i}" for i, f in enumerate(figures, 1)}
    placements = place_figures(figures, paper)
    files = {f"figure-{i}.svg": figure.svg.encode("utf-8") for i, figure in enumerate(figures, 1)}
    pages: list[list[dict[str, Any]]] = []
    for p in placements:
        while len(pages) <= p.page:
            pages.append([])
        figure = figures[p.figure]
        pages[p.page].append({
            "file": f"figure-{p.figure + 1}.svg", "number": figure_numbers[figure.key], "title": figure.title,
            "width": round(p.width, 2), "dx": round(p.dx, 2), "dy": round(p.dy, 2),
            "tile_width": round(p.tile_width, 2), "tile_height": round(p.tile_height, 2),
            "tile": p.tile, "tiles": p.tiles, "first": p.tile == 1, "shrunk": p.shrunk,
            "text_pt": round(figure.min_font * p.scale, 1),
        })
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
                     "cited_by": list(s.cited_by), "quotes": s.quotes} for s in document.sources],
        "sources_number": sources_number,
        "pages": pages, "diagrams_number": diagrams_number if pages else None,
        "single_source": len(argmap.sources) == 1,
    }
    source = environment().get_template("report.typ.j2").render(data=context)
    return source, files


def render_pdf(document: Document, figures: Sequence[Figure] = (), *, paper: str = "a4") -> bytes:
    """The report as PDF bytes (see the module docstring)."""
    try:
        import typst
    except ImportError:  # pragma: no cover - typst is a dependency; a trimmed install may lack it
        raise ArgmapError("the PDF report needs the `typst` package: pip install typst") from None
    import tempfile
    from pathlib import Path

    source, files = typst_source(document, figures, paper=paper)
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
