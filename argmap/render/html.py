"""Map -> one self-contained HTML report: the bottom line, the diagrams and
the numbered outline, the ACH matrix, the sources.

Rendered with the Jinja2 templates of ``argmap.templates`` (autoescape on for
``.html.j2``). Everything is inline: CSS, JavaScript (allowed by its sha256 in
the Content-Security-Policy, never by 'unsafe-inline'), and the diagrams'
SVG. The page requests nothing from anywhere, so it works from ``file://``
and offline. Only ``http(s)`` URLs become links.

Built to open fast on big maps: each diagram (the whole map when it is
small, then one per section) is stored gzip'd and base64'd in an attribute
(a few bytes for the HTML parser) and unpacked by the page's script when it
is shown; the outline's entries are compact and skip layout off screen
(``content-visibility``).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from argmap.model import Map, NodeKind
from argmap.render.document import MAX_STANDINGS, DocEntry, Document, build_document
from argmap.render.facts import credibility_words, one_line, plural, reliability, status_word
from argmap.render.figures import WHOLE, Figure, report_figures, svg_size
from argmap.render.outline import Outline, build_outline
from argmap.render.wording import cite_text

if TYPE_CHECKING:
    from argmap.render import RenderOptions

__all__ = ["WHOLE_LIMIT", "content_security_policy", "html_figures", "pack_svg", "prepare_svg", "render_html",
           "report_html", "safe_url", "svg_for"]

WHOLE_LIMIT = 400  # nodes: up to this size the report also offers the whole map as one diagram
_URL_OK = re.compile(r"https?://[^\s<>\"'`\x00-\x1f\x7f]+\Z", re.IGNORECASE)
_PROLOG = re.compile(r"\A(?:\s|<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->)*", re.DOTALL | re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) URL (so it may become a link), else None."""
    if url and _URL_OK.match(url.strip()):
        return url.strip()
    return None


def prepare_svg(svg: str) -> str:
    """An SVG document -> an element to inline: no XML prolog, doctype or
    leading comments, no scripts, no event handler attributes."""
    body = _PROLOG.sub("", svg, count=1)
    body = re.sub(r"<script\b.*?</script\s*>", "", body, flags=re.DOTALL | re.IGNORECASE)
    body = re.sub(r"\son[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*')", "", body, flags=re.IGNORECASE)
    return body.strip()


def svg_for(argmap: Map, options: RenderOptions | None = None) -> str | None:
    """The map's diagram (``argmap.render.render_svg``), or None when Graphviz
    cannot draw it here."""
    from argmap.errors import ArgmapError
    from argmap.render import RenderOptions, render_svg

    try:
        return render_svg(argmap, options or RenderOptions())
    except ArgmapError:  # e.g. the embedded Graphviz cannot run here
        return None


def html_figures(argmap: Map, options: RenderOptions | None = None, engine: str = "auto") -> list[Figure]:
    """The report's diagrams: the whole map (up to WHOLE_LIMIT nodes), then each section."""
    return report_figures(argmap, options, whole=len(argmap.nodes) <= WHOLE_LIMIT, engine=engine)


def report_html(argmap: Map, options: RenderOptions | None = None, engine: str = "auto", *,
                evaluation: bool = True) -> str:
    """The whole report of ``argmap``: evaluated (unless ``evaluation=False``),
    its diagrams drawn with ``options`` (wrap, legend, colour, direction)."""
    from dataclasses import replace

    from argmap.render.outline import load_verdicts

    statuses, strengths, bases = load_verdicts(argmap) if evaluation else ({}, {}, {})
    if options is not None and options.color_by == "status" and options.statuses is None and statuses:
        options = replace(options, statuses=statuses)
    outline = build_outline(argmap, statuses=statuses, strengths=strengths, bases=bases)
    return render_html(argmap, outline=outline, figures=html_figures(argmap, options, engine))


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_security_policy(script: str) -> str:
    """No other origin, ever: only the inline script (by hash), inline styles
    and data: images."""
    return (
        "default-src 'none'; "
        f"script-src 'sha256-{_sha256(script)}'; "
        "style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


@cache
def _asset(name: str) -> str:
    return resources.files("argmap.templates").joinpath(name).read_text(encoding="utf-8")


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("argmap.templates", "."),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2", "html"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


# ------------------------------------------------------------------ view model


@dataclass
class CiteView:
    source: str
    title: str | None
    date: str | None
    locator: str | None
    quote: str | None


@dataclass
class EntryView:
    number: str
    id: str
    kind: str
    text: str
    relation: str | None
    verb: str | None
    ref: bool
    search: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    section: str | None = None
    figure: int | None = None  # the index of the section's diagram
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    citations: list[CiteView] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    status: str | None = None
    status_word: str | None = None
    basis: str | None = None
    strength: str | None = None
    children: list[EntryView] = field(default_factory=list)
    where: str = "above"
    target: str | None = None


def _view(entry: DocEntry, figure_of: Mapping[str, int]) -> EntryView:
    facts = entry.facts
    node = facts.node
    words = [node.id, node.text, node.kind.value, *node.tags, *node.actors]
    view = EntryView(
        number=entry.number, id=node.id, kind=node.kind.value, text=node.text, relation=entry.relation,
        verb=entry.verb, ref=entry.ref, search=" ".join(" ".join(words).lower().split()), where=entry.where,
        target=entry.target,
    )
    if entry.ref:
        return view
    view.facts = [(f.label, credibility_words(f.value) if f.key == "credibility" else f.value)
                  for f in facts.fields(evaluation=False)]
    view.facts += [(f.label, f.value) for f in facts.lists() if f.key == "rates"]  # tags, actors: below
    if entry.show_section:
        view.section = facts.section_title
    view.figure = figure_of.get(node.section or "")
    view.tags, view.actors = node.tags, node.actors
    view.notes = node.notes + tuple(f"{q}: {a}" for q, a in facts.critical_answers)
    view.citations = [CiteView(c.source, c.title, c.date, c.locator, c.quote) for c in facts.citations]
    view.status = facts.status
    view.status_word = status_word(facts.status) if facts.status else None
    view.basis = next((f.value for f in facts.fields(keys=("basis",))), None)
    if facts.strength is not None:
        view.strength = f"{facts.strength:.2f}"
    view.children = [_view(child, figure_of) for child in entry.children]
    return view


def pack_svg(svg: str) -> str:
    """An SVG for the report: cleaned (``prepare_svg``), gzip'd (no timestamp:
    the same bytes every time) and base64'd; the page unpacks it when shown."""
    return base64.b64encode(gzip.compress(prepare_svg(svg).encode("utf-8"), compresslevel=9, mtime=0)).decode("ascii")


def _figures_view(figures: Sequence[Figure]) -> list[dict[str, Any]]:
    return [{"index": i, "key": f.key, "title": f.title, "svg": pack_svg(f.svg),
             "nodes": " ".join(f.nodes), "width": f"{f.width:g}", "height": f"{f.height:g}",
             "font": f"{f.min_font:g}"} for i, f in enumerate(figures)]


def render_html(
    argmap: Map,
    *,
    svg: str | None = None,
    statuses: Mapping[str, str] | None = None,
    strengths: Mapping[str, float] | None = None,
    title: str | None = None,
    outline: Outline | None = None,
    figures: Sequence[Figure] | None = None,
) -> str:
    """The report as one HTML document (a str). ``figures``: its diagrams
    (``html_figures``); ``svg``: one diagram of the whole map instead; none:
    a report without diagrams. Nodes are matched to entries by the SVG's
    ``id="node-ID"``."""
    from argmap import __version__

    outline = outline or build_outline(argmap, statuses=statuses, strengths=strengths)
    document = build_document(outline)
    if figures is None:
        figures = []
        if svg:
            width, height = svg_size(svg)
            fonts = [float(v) for v in re.findall(r'font-size="([\d.]+)"', svg)]
            figures = [Figure(WHOLE, "The whole map", svg, width, height, min(fonts, default=14.0),
                              tuple(n.id for n in argmap.nodes))]
    figure_of: dict[str, int] = {}
    for index, figure in enumerate(figures):
        if figure.key != WHOLE:
            figure_of.setdefault(figure.key, index)
    script = _asset("report.js")
    if "</script" in script.lower():
        raise ValueError("report.js must not contain '</script'")
    from markupsafe import Markup

    parts = [{"key": c.key, "number": c.number, "title": c.title,
              "entries": [_view(e, figure_of) for e in c.entries]} for c in document.chapters]
    kinds = [kind.value for kind in NodeKind if any(n.kind is kind for n in argmap.nodes)]
    figures_line = [(kind, plural(kind, count), count) for kind, count in outline.summary.by_kind]
    line = document.bottom_line
    context = {
        "title": title or outline.title,
        "description": argmap.description,
        "summary": outline.summary,
        "parts": parts,
        "kinds": kinds,
        "figures": figures_line,
        "diagrams": _figures_view(figures),
        "bottom": line,
        "numbers": document.numbers,
        "ach": document.ach,
        "limit": MAX_STANDINGS,
        "sources": _sources_view(document),
        "has_eval": bool(outline.statuses or outline.strengths),
        "status_word": status_word,
        "one_line": one_line,
        "cite_text": cite_text,
        "css": Markup(_asset("report.css")),
        "script": Markup(script),
        "csp": content_security_policy(script),
        "version": __version__,
        "file": argmap.main_file,
    }
    return _environment().get_template("report.html.j2").render(context)


def _sources_view(document: Document) -> list[dict[str, Any]]:
    """Each source once, with the entries that cite it (by number; the
    quotations stay with the entries)."""
    node_of = {number: node for node, number in document.numbers.items()}
    return [
        {
            "id": item.source.id, "title": item.source.title, "author": item.source.author,
            "date": item.source.date.text if item.source.date else None,
            "url": item.source.url, "link": safe_url(item.source.url), "file": item.source.file,
            "notes": item.source.notes, "quotes": item.quotes, "reliability": reliability(item.source),
            "cited_by": [(number, node_of.get(number, "")) for number in item.cited_by],
        }
        for item in document.sources
    ]
