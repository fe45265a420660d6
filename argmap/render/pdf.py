"""Document -> a printed report: Typst source from ``templates/report.typ.j2``,
compiled to PDF by the ``typst`` package (Typst's compiler in a wheel, with
its fonts: no browser, no system package).

    pdf = render_pdf(document, figures, paper="a4")      # bytes
    source, files = typst_source(document, figures)     # the Typst text and its SVG files

Layout rules (docs/outline.md): page 1 carries the title, the description,
the bottom line and the figures, then the table of contents; numbered entries
(1.3.2) whose pointers print the number and the page ("see 1.3.2, p. 4");
sources listed once (quotations stay with their evidence); the ACH matrix as
a table; each section's diagram on landscape pages (argmap.render.print_layout:
its smallest text at least 7 pt; a drawing too big for a page cut into
page-sized tiles; small drawings sharing a page). Map texts reach Typst only
as string literals (argmap.render.typst_source).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from argmap.errors import ArgmapError
from argmap.model import Map
from argmap.render.document import DocEntry, Document
from argmap.render.facts import cite_text, credibility_words, one_line, reliability, status_word
from argmap.render.figures import Figure, report_figures
from argmap.render.print_layout import MARGIN, MIN_TEXT_PT, PAPERS, lay_out, pages_for
from argmap.render.typst_source import environment

if TYPE_CHECKING:
    from argmap.render import RenderOptions

__all__ = ["pdf_pages", "pick", "print_figures", "print_variants", "print_view", "render_pdf", "render_within",
           "typst_source"]

NARROW_WRAP = 22  # the narrower node text a printed drawing may choose
PRINT_TEXT = 60  # characters of a node's text a printed drawing shows (its numbered entry has it all)
PAGE_BUDGET = 16  # pages a printed report aims at: its drawings' text shrinks (down to 5 pt) to stay within
TEXT_STEPS = (7.0, 6.5, 6.0, 5.5, 5.0)  # the drawings' smallest text, tried in this order
LEGEND_TOP = 80.0  # points above the first drawing: the chapter title and the legend


def _legend(argmap: Map, color_by: str) -> dict[str, Any]:
    """The node kinds and relation kinds the map uses, as the drawings show
    them (argmap.render.style): one legend for every drawing of the report."""
    from argmap.model import NodeKind, RelationKind
    from argmap.render.style import EDGE_STYLES, NODE_STYLES

    used_kinds = {n.kind for n in argmap.nodes}
    used_verbs = {r.kind for r in argmap.relations}
    kinds = [{"name": k.value, "fill": NODE_STYLES[k].fill if color_by == "kind" else "#ffffff",
              "border": NODE_STYLES[k].border} for k in NodeKind if k in used_kinds]
    verbs = [{"name": v.value, "colour": EDGE_STYLES[v].color, "style": EDGE_STYLES[v].style}
             for v in RelationKind if v in used_verbs]
    return {"kinds": kinds, "verbs": verbs}


def print_view(argmap: Map, numbers: Mapping[str, str], limit: int = PRINT_TEXT) -> Map:
    """The map as the printed drawings show it: each node by its entry's
    number and the start of its text (``1.2.3 Iran's attempts to…``), without
    what the numbered entry prints in full (date, credibility, relevance, ACH
    ratings). The drawing shows the structure; the entry, found by its number,
    says the rest. Ids, kinds, sections and relations are unchanged."""
    from dataclasses import replace

    def short(text: str) -> str:
        words = " ".join(text.split())
        if len(words) <= limit:
            return words
        cut = words.rfind(" ", 0, limit)
        return (words[:cut] if cut > limit // 2 else words[:limit - 1]).rstrip(" ,.;:") + "\u2026"

    nodes = tuple(replace(node, text=f"{numbers[node.id]} {short(node.text)}" if node.id in numbers
                          else short(node.text), date=None, credibility=None, relevance=None, ratings=())
                  for node in argmap.nodes)
    return replace(argmap, nodes=nodes)


def print_variants(argmap: Map, options: RenderOptions | None = None, *, chosen: Collection[str] = (),
                   engine: str = "auto", numbers: Mapping[str, str] | None = None) -> list[list[Figure]]:
    """Each section drawn the ways a printed report may choose from: with
    ``options`` (of ``print_view(argmap, numbers)`` when the entries'
    ``numbers`` are given) and, where the reader did not choose the direction
    or the wrap width (``chosen`` names what they chose), a few other
    directions and widths. No legend in each: the report prints one (unless
    the colours stand for tags or sections, which only the drawing knows)."""
    from dataclasses import replace

    from argmap.render import RenderOptions

    if numbers is not None:
        argmap = print_view(argmap, numbers)
    options = options or RenderOptions()
    if options.color_by in ("kind", "status"):
        options = replace(options, legend=False)
    variants: list[RenderOptions] = []
    if "rankdir" not in chosen:
        variants += [replace(options, rankdir=rankdir) for rankdir in ("LR", "BT") if rankdir != options.rankdir]
    if "wrap" not in chosen:
        variants = [replace(v, wrap=NARROW_WRAP) for v in variants] or [replace(options, wrap=NARROW_WRAP)]
    found: list[list[Figure]] = []

    def keep(drawn: list[Figure]) -> Figure:
        found.append(list(drawn))
        return drawn[0]

    figures = report_figures(argmap, options, engine=engine, variants=variants, choose=keep)
    return found if len(found) == len(figures) else [[figure] for figure in figures]


def pick(variants: Sequence[Sequence[Figure]], paper: str = "a4", min_text: float = MIN_TEXT_PT) -> list[Figure]:
    """Of each section's drawings, the one that takes the fewest pages."""
    return [min(drawn, key=lambda figure: pages_for(figure, paper, min_text)) for drawn in variants]


def print_figures(argmap: Map, options: RenderOptions | None = None, *, chosen: Collection[str] = (),
                  engine: str = "auto", paper: str = "a4", numbers: Mapping[str, str] | None = None,
                  min_text: float = MIN_TEXT_PT) -> list[Figure]:
    """The printed report's drawings, one per section (``print_variants``,
    then ``pick``)."""
    return pick(print_variants(argmap, options, chosen=chosen, engine=engine, numbers=numbers), paper, min_text)


def pdf_pages(data: bytes) -> int:
    """The pages of a PDF that Typst wrote."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def render_within(document: Document, variants: Sequence[Sequence[Figure]], *, paper: str = "a4",
                  color_by: str = "kind", budget: int = PAGE_BUDGET) -> tuple[bytes, float]:
    """The report with its drawings at the largest smallest-text size of
    TEXT_STEPS (7 pt down to 5 pt) that keeps it within ``budget`` pages (the
    smallest size when none does), and that size."""
    figures = pick(variants, paper, TEXT_STEPS[0])
    data = render_pdf(document, figures, paper=paper, color_by=color_by, min_text=TEXT_STEPS[0])
    pages = pdf_pages(data)
    if pages <= budget:
        return data, TEXT_STEPS[0]
    text = pages - len(lay_out(figures, paper, first_top=LEGEND_TOP if figures else 0.0, min_text=TEXT_STEPS[0]))
    size = TEXT_STEPS[-1]
    for step in TEXT_STEPS[1:]:
        sheets = lay_out(pick(variants, paper, step), paper, first_top=LEGEND_TOP, min_text=step)
        if text + len(sheets) <= budget:
            size = step
            break
    figures = pick(variants, paper, size)
    return render_pdf(document, figures, paper=paper, color_by=color_by, min_text=size), size


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


def typst_source(document: Document, figures: Sequence[Figure] = (), *, paper: str = "a4",
                 color_by: str = "kind", min_text: float = MIN_TEXT_PT) -> tuple[str, dict[str, bytes]]:
    """The Typst text of the report and the files it reads (its drawings)."""
    if paper not in PAPERS:
        raise ArgmapError(f"unknown paper {paper!r}: choose one of {', '.join(PAPERS)}")
    argmap = document.outline.map
    chapters = len(document.chapters)
    ach_number = str(chapters + 1) if document.bottom_line.ach is not None else None
    sources_number = str(chapters + 1 + (ach_number is not None)) if argmap.sources else None
    diagrams_number = str(chapters + 1 + (ach_number is not None) + (sources_number is not None))
    sheets = lay_out(figures, paper, first_top=LEGEND_TOP if figures else 0.0, min_text=min_text)
    order = list(dict.fromkeys(p.figure for sheet in sheets for p in sheet.pieces))  # as printed
    figure_numbers = {figures[i].key: f"{diagrams_number}.{n}" for n, i in enumerate(order, 1)}
    files = {f"figure-{i}.svg": figure.svg.encode("utf-8") for i, figure in enumerate(figures, 1)}
    pages = []
    for sheet in sheets:
        pieces = []
        for p in sheet.pieces:
            figure = figures[p.figure]
            pieces.append({
                "file": f"figure-{p.figure + 1}.svg", "number": figure_numbers[figure.key], "title": figure.title,
                "x": round(p.x, 2), "y": round(p.y, 2), "width": round(p.width, 2), "height": round(p.height, 2),
                "dx": round(p.dx, 2), "dy": round(p.dy, 2),
                "tile_width": round(p.tile_width, 2), "tile_height": round(p.tile_height, 2),
                "tile": p.tile, "tiles": p.tiles, "shrunk": p.shrunk, "text_pt": p.text_pt,
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
        "legend": _legend(argmap, color_by), "legend_top": LEGEND_TOP, "min_text": f"{min_text:g}",
        "single_source": len(argmap.sources) == 1,
    }
    source = environment().get_template("report.typ.j2").render(data=context)
    return source, files


def render_pdf(document: Document, figures: Sequence[Figure] = (), *, paper: str = "a4",
               color_by: str = "kind", min_text: float = MIN_TEXT_PT) -> bytes:
    """The report as PDF bytes (see the module docstring)."""
    try:
        import typst
    except ImportError:  # pragma: no cover - typst is a dependency; a trimmed install may lack it
        raise ArgmapError("the PDF report needs the `typst` package: pip install typst") from None
    import tempfile
    from pathlib import Path

    source, files = typst_source(document, figures, paper=paper, color_by=color_by, min_text=min_text)
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
