"""An atlas of a big map: an overview and one picture per part, linked.

``argmap render FILE --split sections -o DIR`` writes

* ``00-overview.svg``: every part (the hypotheses, then each section in
  written order) as a box holding only its theses, hypotheses and
  conclusions (the nodes that support or attack nothing themselves), and a
  card per other part it has relations with ("4 relations with § Seventh");
* ``01-hypotheses.svg``, ``02-intro.svg``, ...: each part drawn as
  ``--section`` draws it, every relation leaving it a stub.

In SVG everything links: a part's box and its cards open that part's picture,
a stub opens the picture where its node is drawn (at the node), and every part
picture has a link back to the overview.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import replace

from argmap.model import Map, NodeKind, RelationRole
from argmap.render.dot import GroupGraph
from argmap.render.dot_lines import attr_list, label_value, quote_text, tooltip_value
from argmap.render.options import RenderOptions
from argmap.render.scene import Scene, plan
from argmap.render.style import NODE_STYLES, SIZES, STUB_STYLE
from argmap.render.views import Selection

__all__ = ["OVERVIEW", "build_atlas", "file_names", "key_nodes"]

OVERVIEW = "00-overview"
_UNSAFE = re.compile(r"[^\w.-]")
_DEFEAT = (RelationRole.SUPPORT, RelationRole.ATTACK)


def file_names(scene: Scene, fmt: str) -> dict[str, str]:
    """Group key -> file name: ``01-KEY.svg`` in the order the parts are written."""
    names: dict[str, str] = {}
    for index, group in enumerate(scene.groups, start=1):
        names[group.key] = f"{index:02d}-{_UNSAFE.sub('_', group.key)}.{fmt}"
    return names


def key_nodes(scene: Scene) -> set[str]:
    """What an overview shows of each part: its theses and hypotheses, and its
    conclusions: the claims that something supports or attacks and that support
    or attack nothing in their own part (they may feed other parts)."""
    home = scene.home
    argues = {r.source for r in scene.argmap.relations
              if r.kind.role in _DEFEAT and r.target is not None and home.get(r.target) == home.get(r.source)}
    argued = {r.target for r in scene.argmap.relations if r.kind.role in _DEFEAT and r.target is not None}
    keep = set()
    for group in scene.groups:
        for node in group.nodes:
            conclusion = node.kind is NodeKind.CLAIM and node.id in argued and node.id not in argues
            if conclusion or node.kind in (NodeKind.THESIS, NodeKind.HYPOTHESIS):
                keep.add(node.id)
    return keep


def build_atlas(argmap: Map, options: RenderOptions, fmt: str = "svg", engine: str = "auto") -> dict[str, bytes]:
    """File name -> picture: the overview first, then each part in written order."""
    from argmap.render import RenderWarning, scene_for
    from argmap.render.arrange import draw
    from argmap.render.engines import choose_engine

    options = replace(options, section=None, focus=None, kinds=(), view="map")
    whole, options = scene_for(argmap, replace(options, layout="stacked"))
    names = file_names(whole, fmt)
    overview = f"{OVERVIEW}.{fmt}"
    linked = fmt == "svg"

    def link(node_id: str) -> str | None:
        key = whole.home.get(node_id)
        return f"{names[key]}#node-{node_id}" if linked and key in names else None

    def group_link(key: str) -> str | None:
        return names.get(key) if linked else None

    out = choose_engine(fmt if fmt != "dot" else "json", engine)
    layout_engine = out  # one engine for both passes: one set of font metrics
    notes: list[str] = []
    pages: dict[str, bytes] = {}

    keep = frozenset(key_nodes(whole))
    scene = plan(argmap, Selection(keep, others=keep), "stacked", options.statuses, link)
    scene.group_link = group_link
    scene.link_stubs = False
    _keep_every_group(scene, whole)
    counts = _links_between(whole)
    data, found = draw(scene, options, fmt, out, layout_engine,
                       adjust=lambda graphs: _add_cards(graphs, whole, counts, group_link))
    pages[overview] = data
    notes += found
    for group in whole.groups:
        selection = Selection(frozenset(n.id for n in group.nodes), section=group.key)
        part = plan(argmap, selection, "joined", options.statuses, link)
        part.back = overview if linked else None
        data, found = draw(part, options, fmt, out, layout_engine)
        pages[names[group.key]] = data
        notes += found
    for note in dict.fromkeys(notes):
        warnings.warn(note, RenderWarning, stacklevel=3)
    return pages


def _keep_every_group(scene: Scene, whole: Scene) -> None:
    """Every part gets a box in the overview, even one with no key node."""
    from argmap.render.scene import Group

    present = {group.key: group for group in scene.groups}
    scene.groups = [present.get(group.key) or Group(group.key, group.title, []) for group in whole.groups]


def _links_between(scene: Scene) -> dict[str, dict[str, int]]:
    """Group key -> other group key -> how many relations join them (file order)."""
    counts: dict[str, dict[str, int]] = {group.key: {} for group in scene.groups}
    home = scene.home
    for relation in scene.argmap.relations:
        ends = {home[end] for end in (relation.source, *relation.referenced_ids) if end in home}
        for key in ends:
            for other in ends:
                if other != key:
                    counts[key][other] = counts[key].get(other, 0) + 1
    order = {group.key: index for index, group in enumerate(scene.groups)}
    return {key: dict(sorted(others.items(), key=lambda item: order[item[0]])) for key, others in counts.items()}


def _add_cards(graphs: list[GroupGraph], whole: Scene, counts: dict[str, dict[str, int]],
               group_link: object) -> None:
    """A card in each part's box per other part it has relations with."""
    titles = {group.key: group.title or group.key for group in whole.groups}
    for graph in graphs:
        for other, count in counts.get(graph.key, {}).items():
            name = f"card {graph.key}>{other}"
            label = f"{count} relation{'s' if count != 1 else ''} with\n\u00a7 {_cut(titles[other], 34)}"
            pairs = [("id", tooltip_value(f"card-{graph.key}-{other}")), ("class", "stub"),
                     ("shape", STUB_STYLE.shape), ("style", "rounded,dashed"),
                     ("color", NODE_STYLES[NodeKind.CLAIM].border), ("fontsize", f"{SIZES.stub:g}"),
                     ("label", label_value(label)), ("tooltip", tooltip_value(f"open {titles[other]}"))]
            href = group_link(other) if callable(group_link) else None
            if href:
                pairs.append(("href", tooltip_value(href)))
            graph.nodes[name] = f"\t{quote_text(tooltip_value(name))}{attr_list(pairs)}\n"
            graph.stubs += 1


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "\u2026"
