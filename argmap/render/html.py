"""Map -> one self-contained HTML report: diagram and outline side by side.

Rendered with the Jinja2 templates of ``argmap.templates`` (autoescape on for
``.html.j2``). Everything is inline: CSS, JavaScript (allowed by its sha256 in
the Content-Security-Policy, never by 'unsafe-inline'), and the diagram's SVG.
The page requests nothing from anywhere, so it works from ``file://`` and
offline. Only ``http(s)`` URLs become links.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from argmap.model import Map, Node, NodeKind
from argmap.render.facts import plural
from argmap.render.outline import Entry, Outline, build_outline, relation_label

__all__ = ["render_html", "svg_for", "prepare_svg", "safe_url", "content_security_policy"]

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


def svg_for(argmap: Map) -> str | None:
    """The map's diagram (``argmap.render.render_svg``), or None when Graphviz
    cannot draw it here (the report then has no diagram)."""
    from argmap.errors import ArgmapError
    from argmap.render import RenderOptions, render_svg

    try:
        return render_svg(argmap, RenderOptions())
    except ArgmapError:  # e.g. the embedded Graphviz cannot run here
        return None


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


@lru_cache(maxsize=1)
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
    id: str
    kind: str
    text: str
    relation: str | None
    verb: str | None
    ref: bool
    search: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    section: str | None = None
    tags: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    citations: list[CiteView] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    status: str | None = None
    strength: str | None = None
    children: list[EntryView] = field(default_factory=list)
    where: str = "above"


def _search_text(node: Node) -> str:
    words = [node.id, node.text, node.kind.value, *node.tags, *node.actors]
    return " ".join(" ".join(words).lower().split())


def _view(outline: Outline, entry: Entry, parent_section: str | None) -> EntryView:
    node = entry.node
    view = EntryView(
        id=node.id, kind=node.kind.value, text=node.text, relation=relation_label(entry) or None,
        verb=entry.verb, ref=entry.ref, search=_search_text(node), where=entry.where,
    )
    if entry.ref:
        return view
    facts = outline.facts.of(node)
    view.facts = [(f.label, f.value) for f in facts.fields(evaluation=False)]
    if node.section != parent_section:
        view.section = facts.section_title
    view.tags, view.actors, view.notes = node.tags, node.actors, node.notes
    view.citations = [CiteView(c.source, c.title, c.date, c.locator, c.quote) for c in facts.citations]
    view.status = facts.status
    if facts.strength is not None:
        view.strength = f"{facts.strength:.2f}"
    view.children = [_view(outline, child, node.section) for child in entry.children]
    return view


def _sources_view(argmap: Map) -> list[dict[str, Any]]:
    cited: dict[str, list[tuple[str, Any]]] = {}
    for node in argmap.nodes:
        for cite in node.citations:
            cited.setdefault(cite.source, []).append((node.id, cite))
    return [
        {
            "id": source.id, "title": source.title, "author": source.author,
            "date": source.date.text if source.date else None,
            "url": source.url, "link": safe_url(source.url), "file": source.file,
            "notes": source.notes, "citations": cited.get(source.id, []),
        }
        for source in argmap.sources
    ]


def render_html(
    argmap: Map,
    *,
    svg: str | None = None,
    statuses: Mapping[str, str] | None = None,
    strengths: Mapping[str, float] | None = None,
    title: str | None = None,
    outline: Outline | None = None,
) -> str:
    """The report as one HTML document (a str). ``svg``: the diagram, inlined
    when given; nodes are matched to entries by their ``id="node-ID"``."""
    from markupsafe import Markup

    from argmap import __version__

    outline = outline or build_outline(argmap, statuses=statuses, strengths=strengths)
    script = _asset("report.js")
    if "</script" in script.lower():
        raise ValueError("report.js must not contain '</script'")
    parts = [
        {"key": part.key, "title": part.title, "entries": [_view(outline, e, None) for e in part.entries]}
        for part in outline.parts
    ]
    kinds = [kind.value for kind in NodeKind if any(n.kind is kind for n in argmap.nodes)]
    figures = [(kind, plural(kind, count), count) for kind, count in outline.summary.by_kind]
    context = {
        "title": title or outline.title,
        "description": argmap.description,
        "summary": outline.summary,
        "parts": parts,
        "kinds": kinds,
        "figures": figures,
        "sources": _sources_view(argmap),
        "svg": Markup(prepare_svg(svg)) if svg else None,
        "has_eval": bool(outline.statuses or outline.strengths),
        "css": Markup(_asset("report.css")),
        "script": Markup(script),
        "csp": content_security_policy(script),
        "version": __version__,
        "file": argmap.main_file,
    }
    return _environment().get_template("report.html.j2").render(context)
