"""What a diagram draws, before any DOT: the groups of nodes that are laid out
as units, and where each drawn node lives.

* ``stacked`` (the default for whole maps up to ``STACK_LIMIT`` nodes): one
  group per part of the map in written order (the hypotheses, the nodes
  before the first section, then each section). Each group is laid out on its
  own and the groups are stacked top to bottom (argmap.render.arrange), so
  the picture grows downwards instead of sideways. A relation between two
  groups is drawn in both as a stub naming the node in the other group.
* ``joined``: one group for the whole view, sections as Graphviz clusters,
  every relation an edge (views, ``--layout joined``, and maps over
  ``STACK_LIMIT`` nodes, which are drawn in one pass).

Relations that leave a view (``--section``, ``--focus``) are stubs too: see
argmap.render.dot for how each relation is drawn in each group.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from argmap.model import Map, Node, NodeKind
from argmap.render.views import Selection

__all__ = ["HYPOTHESES", "LAYOUTS", "STACK_LIMIT", "UNSECTIONED", "Group", "Scene", "plan"]

STACK_LIMIT = 1000  # nodes; bigger maps are drawn joined, in one pass (bench/bench_render.py)
LAYOUTS = ("auto", "stacked", "joined")
HYPOTHESES = "hypotheses"  # group key of the hypotheses outside every section
UNSECTIONED = "unsectioned"  # group key of the other nodes outside every section
VIEW = "view"  # group key of a joined picture


@dataclass
class Group:
    """Nodes laid out together. ``clusters``: draw the sections inside as
    Graphviz clusters (a joined picture). ``title``: the group's box title."""

    key: str
    title: str | None
    nodes: list[Node]
    clusters: bool = False


@dataclass
class Scene:
    """The groups of one picture and the facts every group's DOT needs."""

    argmap: Map
    selection: Selection
    mode: str
    groups: list[Group]
    home: dict[str, str]  # drawn node id -> group key
    numbers: dict[str, str]  # hypothesis id -> "H1", "H2", ... (ACH order)
    statuses: Mapping[str, str] | None = None
    link: Callable[[str], str | None] = field(default=lambda node_id: None)
    group_link: Callable[[str], str | None] = field(default=lambda key: None)  # a group's box opens this
    back: str | None = None  # the address a small "overview" link at the top opens (atlas pages)
    link_stubs: bool = True  # draw an undercut of a link drawn elsewhere as a stub naming the link

    def where(self, node_id: str) -> str:
        """Where a node lives, as a stub says it: its section's title, or
        ``hypotheses`` / ``not in a section``."""
        node = self.argmap.node(node_id)
        if node is None:
            return ""
        if node.section is not None and node.section in self.argmap.section_by_id:
            return self.argmap.section_by_id[node.section].title
        return group_title(self.argmap, HYPOTHESES if node.kind is NodeKind.HYPOTHESIS else UNSECTIONED)


def group_title(argmap: Map, key: str) -> str:
    if key == HYPOTHESES:
        return "Hypotheses (ACH)"
    if key == UNSECTIONED:
        return "Not in a section"
    section = argmap.section_by_id.get(key)
    return section.title if section is not None else key


def hypothesis_numbers(argmap: Map) -> dict[str, str]:
    """H1, H2, ... for the hypotheses in the order ``argmap ach`` lists them."""
    return {node.id: f"H{index}" for index, node in
            enumerate((n for n in argmap.nodes if n.kind is NodeKind.HYPOTHESIS), start=1)}


def choose_mode(argmap: Map, layout: str, selection: Selection) -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    if layout == "stacked" and selection.section is not None:
        return "joined"  # one section: one group either way
    if layout != "auto":
        return layout
    # The whole map, or some kinds of node from every section (--kinds), is stacked
    # section by section in written order; one section or one node's neighbourhood
    # is one group.
    spans_sections = selection.section is None and selection.focus is None
    if spans_sections and len(argmap.nodes) <= STACK_LIMIT:
        return "stacked"
    return "joined"


def plan(argmap: Map, selection: Selection, layout: str = "auto", statuses: Mapping[str, str] | None = None,
         link: Callable[[str], str | None] | None = None) -> Scene:
    """The groups that draw ``selection`` of ``argmap``."""
    mode = choose_mode(argmap, layout, selection)
    keep = selection.keep
    sections = argmap.section_by_id
    nodes = [n for n in argmap.node_by_id.values() if keep is None or n.id in keep]
    home: dict[str, str] = {}
    groups: list[Group] = []
    if mode == "joined":
        key = selection.section or VIEW
        title = group_title(argmap, selection.section) if selection.section else None
        groups.append(Group(key, title, nodes, clusters=selection.section is None))
        home = dict.fromkeys((n.id for n in nodes), key)
    else:
        by_key: dict[str, list[Node]] = {}
        for node in nodes:
            if node.section is not None and node.section in sections:
                key = node.section
            else:
                key = HYPOTHESES if node.kind is NodeKind.HYPOTHESIS else UNSECTIONED
            by_key.setdefault(key, []).append(node)
            home[node.id] = key
        for key in [HYPOTHESES, UNSECTIONED] + list(sections):
            if key in by_key:
                untitled = key == UNSECTIONED and not sections  # a map without sections needs no box
                groups.append(Group(key, None if untitled else group_title(argmap, key), by_key[key]))
    return Scene(argmap, selection, mode, groups, home, hypothesis_numbers(argmap), statuses,
                 link or (lambda node_id: None))
