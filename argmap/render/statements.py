"""The DOT statements of one scene: nodes (with their labels and headers),
stubs, undercut marks and edges, as the very lines the ``graphviz`` package's
``Digraph.node`` / ``Digraph.edge`` would write, built from per-kind constant
parts (this is the hot path on big maps; tests/test_render_dot_pkg.py holds
the lines to the package).

Labels have a hierarchy without HTML: in a two-pass picture each label
starts with a one-space line that the second pass (argmap.render.arrange)
covers with the small header (kind, date, credibility, status); evidence rated
against hypotheses gets a footer line the same way. A one-pass picture writes
the header as the label's first line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from argmap.model import Grade, Map, Node, NodeKind, Relation, RelationKind
from argmap.render.dot_lines import (
    Names,
    a_list,
    attr_list,
    label_value,
    plain_ids,
    quote_constant,
    quoted_label,
    quoted_tip,
    tooltip_value,
)
from argmap.render.edges import Edge, EdgeIds, Premise, Stub, base_id, mid_name
from argmap.render.facts import FIELDS, Field, MapFacts
from argmap.render.labels import HEADER_KEYS, SEPARATOR, node_header, short_name, text_width, tooltip
from argmap.render.options import RenderOptions
from argmap.render.scene import Group, Scene
from argmap.render.style import (
    EDGE_STYLES,
    NODE_STYLES,
    PREMISE_STYLE,
    STATUS_STYLES,
    STUB_STYLE,
    UNDERCUT_MARK,
    palette_color,
)
from argmap.render.wrap import wrap_words
from argmap.syntax.keywords import INFERRED_MARK

__all__ = ["LARGE_MAP", "MARGIN", "Overlay", "Statements", "fill_colors"]

LARGE_MAP = 1000  # nodes; above this, no weight labels (bench/bench_render.py)
MARGIN = (0.14, 0.07)  # inches around a node's label
STUB_NAME = 26  # characters of a stub's node text
STUB_WHERE = 28  # characters of a stub's section title
_KIND_NAMES = {kind: kind.value for kind in NodeKind}  # enum .value is a slow descriptor
_VERBS = {kind: kind.value for kind in RelationKind}
_GRADES = {grade: grade.value for grade in Grade}


SHORT_MARK = "inf."  # "(inferred)" on a printed drawing's link that cannot carry TAIL_MARK
TAIL_MARK = a_list([("dir", "both"), ("arrowtail", "odot")])  # a printed drawing's inferred link: a circle at its tail


@dataclass(frozen=True, slots=True)
class Overlay:
    """The small lines drawn over a node's empty first (and last) label line in
    the second pass: ``lines`` counts every line of the label."""

    header: str | None  # None: no header (RenderOptions.headers)
    footer: str | None
    lines: int


def fill_colors(argmap: Map, options: RenderOptions) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Node id -> fill colour for ``color_by`` other than kind, and the legend
    swatches (colour, label) in first-appearance order."""
    if options.color_by == "status":
        statuses = options.statuses or {}
        by_status = {n.id: STATUS_STYLES[statuses[n.id]].fill for n in argmap.nodes
                     if statuses.get(n.id) in STATUS_STYLES}  # not evaluated (a question): white
        return by_status, [(s.fill, s.legend) for s in STATUS_STYLES.values()]
    keys: dict[str, str] = {}
    fills: dict[str, str] = {}
    by_tag = options.color_by == "tag"
    for node in argmap.nodes:
        key = (node.tags[0] if node.tags else None) if by_tag else node.section
        if key is None:
            continue
        if key not in keys:
            keys[key] = palette_color(len(keys))
        fills.setdefault(node.id, keys[key])
    if options.color_by == "section":
        titles = {s.id: s.title for s in argmap.sections}
        return fills, [(colour, titles.get(key, key)) for key, colour in keys.items()]
    return fills, [(colour, key) for key, colour in keys.items()]


@dataclass(frozen=True)
class EdgeParts:
    """The constant attribute text of one relation kind's edges: ``look``
    (colour, line style) goes before ``penwidth``; ``head`` (arrowhead) after
    it on a whole edge or the second half of a split one; ``turned`` adds the
    tail arrow of a two-headed edge; ``tail_half`` ends the first half."""

    look: str
    pen: str
    head: str
    turned: str
    tail_half: str

    @classmethod
    def of(cls, kind: RelationKind) -> EdgeParts:
        style = EDGE_STYLES[kind]
        head = [("arrowhead", style.arrowhead)] + ([("arrowsize", f"{style.arrowsize:g}")]
                                                    if style.arrowsize != 1 else [])
        turned = "" if style.dir == "forward" else " " + a_list([("dir", style.dir), ("arrowtail", style.arrowhead)])
        return cls(a_list([("color", style.color), ("style", style.style)]), quote_constant(f"{style.penwidth:g}"),
                   a_list(head), turned, a_list([("dir", "back" if style.dir == "both" else "none")]))


_EDGE_PARTS = {kind: EdgeParts.of(kind) for kind in RelationKind}
_PREMISE_PARTS = EdgeParts(a_list([("color", PREMISE_STYLE.color), ("style", PREMISE_STYLE.style)]),
                           quote_constant(f"{PREMISE_STYLE.penwidth:g}"), a_list([("dir", "none")]), "",
                           a_list([("dir", "none")]))
HEADER_ROWS = tuple(row for row in FIELDS if row.key in HEADER_KEYS or row.key == "status")
_PLAIN_ID = re.compile(r"[\w.\-]*\Z").match


class Statements:
    """Node, stub, mark and edge statements of one scene, with per-kind parts cached."""

    def __init__(self, scene: Scene, options: RenderOptions, fills: dict[str, str], two_pass: bool) -> None:
        self.scene, self.argmap, self.options, self.fills, self.two_pass = (
            scene, scene.argmap, options, fills, two_pass)
        self.plain = plain_ids(scene.argmap.node_by_id)
        self.names = Names(self.plain)
        self.kind_parts: dict[tuple[NodeKind, str, str], str] = {}
        self.by_kind = options.color_by == "kind"
        self.statuses: Mapping[str, str] | None = scene.statuses if options.color_by == "status" else None
        self.large = len(scene.argmap.nodes) > LARGE_MAP
        self.ratings = scene.numbers if two_pass else {}
        self.footers = True  # the ACH ratings under the text of rated evidence
        shown: dict[str, str] = {}
        if self.statuses is not None:
            shown = {key: value for key, value in self.statuses.items() if value in STATUS_STYLES}
        rows = HEADER_ROWS if self.statuses is not None else tuple(r for r in HEADER_ROWS if r.key != "status")
        self.facts = MapFacts(scene.argmap, statuses=shown, rows=rows)
        self.focus = scene.selection.focus
        self.numbers = scene.numbers
        self.default_middle: dict[NodeKind, str] = {}
        self.headers: dict[tuple[object, ...], tuple[str, tuple[Field, ...]]] = {}
        self.sizes = options.sizes

    def _middle(self, kind: NodeKind, fill: str, status: str | None) -> str:
        key = (kind, fill, status or "")
        middle = self.kind_parts.get(key)
        if middle is None:
            style = NODE_STYLES[kind]
            look = style.style
            if status is not None and STATUS_STYLES[status].border_style != "solid":
                look = ",".join(p for p in look.split(",") if p not in ("dashed", "dotted", "bold"))
                look += "," + STATUS_STYLES[status].border_style
            middle = self.kind_parts[key] = a_list([
                ("class", tooltip_value(f"node-{_KIND_NAMES[kind]}")), ("shape", style.shape),
                ("style", look), ("fillcolor", fill), ("color", style.border)])
        return middle

    def node(self, node: Node, overlays: dict[str, Overlay]) -> str:
        """The statement of a node drawn here."""
        kind = node.kind
        status = None
        if self.statuses is not None:  # a node the evaluation leaves out (a question) has none
            status = self.statuses.get(node.id)
            status = status if status in STATUS_STYLES else None
        if self.fills or self.statuses is not None:
            fill = self.fills.get(node.id, NODE_STYLES[kind].fill if self.by_kind else "#ffffff")
            middle = self._middle(kind, fill, status)
        else:  # the common case: the kind's own colours
            middle = self.default_middle.get(kind) or self.default_middle.setdefault(
                kind, self._middle(kind, NODE_STYLES[kind].fill if self.by_kind else "#ffffff", None))
        focus = node.id == self.focus
        key = None
        if not focus and not self.options.ids and node.id not in self.numbers:
            # the header depends on these alone: word it once per combination (big maps repeat them)
            key = (kind, node.date, node.credibility, node.relevance, status, node.inferred is None)
            known = self.headers.get(key)
        if key is not None and known is not None:
            header, fields = known
        else:
            fields = self.facts.fields(node)
            header = node_header(node, self.facts, ids=self.options.ids, status=status is not None,
                                 number=self.numbers.get(node.id), focus=focus, fields=fields)
            if key is not None:
                self.headers[key] = (header, fields)
        words = " ".join(node.text.split())
        lines = wrap_words(words, self.options.wrap)
        extra = ""
        shown = header if self.options.headers else None
        if self.two_pass:
            footer = self._footer(node)
            label = "\n".join([" "] * (shown is not None) + lines + ([" "] if footer else []))
            if shown is not None or footer:
                overlays[node.id] = Overlay(shown, footer, len(lines) + (shown is not None) + (1 if footer else 0))
            needed = 1.06 * max(text_width(shown or "", self.sizes.header), text_width(footer or "", self.sizes.header))
            extra = f" width={quote_constant(f'{needed / 72 + 2 * MARGIN[0]:.2f}')}" if needed else ""
        else:
            label = "\n".join(lines if shown is None else [shown, *lines])
        if focus:
            extra += " penwidth=3 peripheries=2"
        tip = tooltip(self.facts, node, words, fields)
        if status is not None:
            tip += "\ngrounded: " + STATUS_STYLES[status].legend
        node_id = f'"node-{node.id}"' if node.id in self.plain else quoted_tip("node-" + node.id)
        return (f"\t{self.names(node.id)} [id={node_id} {middle} "
                f"label={quoted_label(label)}{extra} tooltip={quoted_tip(tip)}]\n")

    def widths(self, group: Group, stubs: Mapping[str, Stub]) -> dict[str, float]:
        """About how wide each node and stub of ``group`` is drawn, in points."""
        margin = 2 * MARGIN[0] * 72
        widths = {}
        for node in group.nodes:
            lines = wrap_words(" ".join(node.text.split()), self.options.wrap)
            header = node_header(node, self.facts, ids=self.options.ids, number=self.scene.numbers.get(node.id))
            widest = max((text_width(line, self.sizes.text) for line in lines), default=20.0)
            header_width = 1.06 * text_width(header, self.sizes.header) if self.options.headers else 0.0
            widths[node.id] = max(widest, header_width) + margin
        for name, stub in stubs.items():
            lines = self._stub_label(stub.node).split("\n") if stub.node else ["the link"]
            widths[name] = max(text_width(line, self.sizes.stub) for line in lines) + margin
        return widths

    def _footer(self, node: Node) -> str | None:
        """The ACH ratings of a piece of evidence: ``H1 C · H2 N``."""
        if not node.ratings or not self.footers:
            return None
        cells = [f"{self.ratings.get(r.hypothesis, r.hypothesis)} {_GRADES[r.grade]}" for r in node.ratings
                 if r.hypothesis in self.argmap.node_by_id]
        return ("ACH  " + SEPARATOR.join(cells)) if cells else None

    def _stub_label(self, node_id: str, where: str | None = None) -> str:
        """What a stub says of the node it names: ``RenderOptions.stub_label``'s
        words, else the start of its text and, below, where it is drawn."""
        if self.options.stub_label is not None:
            own = self.options.stub_label(node_id)
            if own is not None:
                return own
        name = short_name(self.argmap.node_by_id[node_id], self.options.ids, STUB_NAME)
        where = self.scene.where(node_id) if where is None else where
        return f"{name}\n\u00a7 {_cut(where, STUB_WHERE)}" if where else name

    def stub(self, group: Group, stub: Stub) -> str:
        """A small dashed box naming a node (or a link) drawn elsewhere."""
        where = ""
        if stub.node is not None:
            other = self.argmap.node_by_id[stub.node]
            where = self.scene.where(stub.node)
            label = self._stub_label(stub.node, where)
            tip = f"{_KIND_NAMES[other.kind]} {other.id}\n{' '.join(other.text.split())}"
            tip += f"\n(drawn in: {where})" if where else ""
            border = NODE_STYLES[other.kind].border
            href = self.scene.link(stub.node)
            element = f"stub-{group.key}-{stub.node}"
        else:
            assert stub.link is not None
            a, b = (self.argmap.node_by_id[x] for x in stub.link)
            where = self.scene.where(a.id)
            label = (f"the link \u201c{short_name(a, self.options.ids, 24)}\u201d\n"
                     f"\u2192 \u201c{short_name(b, self.options.ids, 24)}\u201d\n\u00a7 {_cut(where, STUB_WHERE)}")
            tip = f"the relation {a.id} -> {b.id}, drawn in {where}"
            border = STUB_STYLE.border
            href = self.scene.link(a.id)
            element = f"stub-{group.key}-{a.id}-{b.id}"
        pairs = [("id", tooltip_value(element)), ("class", "stub"), ("shape", STUB_STYLE.shape),
                 ("style", STUB_STYLE.style), ("color", border), ("fontsize", f"{self.sizes.stub:g}"),
                 ("label", label_value(label)), ("tooltip", tooltip_value(tip))]
        if href:
            pairs.append(("href", tooltip_value(href)))
        return f"\t{self.names(stub.name)}{attr_list(pairs)}\n"

    def mark(self, a: str, b: str, relation: Relation) -> str:
        """The diamond in the middle of the undercut edge ``a -> b``."""
        colour = EDGE_STYLES[RelationKind.UNDERCUTS].color
        pairs = [("id", tooltip_value(f"link-{a}-{b}")), ("label", ""), ("fixedsize", "true")]
        pairs += [(key, value) for key, value in UNDERCUT_MARK.items()]
        pairs += [("color", colour), ("fillcolor", colour),
                  ("tooltip", tooltip_value(f"{a} {_VERBS[relation.kind]} {b}"))]
        return f"\t{self.names(f'link {a}>{b}')}{attr_list(pairs)}\n"

    def _pen(self, relation: Relation, marked: bool = False) -> tuple[str, str]:
        """The ``penwidth`` value (the kind's, scaled by a weight) and the edge's
        label: its weight, and "(inferred)" on the analyst's own link unless
        ``marked`` (TAIL_MARK says it)."""
        if self.large:
            label = ""
        elif relation.inferred and not marked:
            # an external label: placed after the layout, so marking a link costs no width (but it may
            # cover a node's text: a printed drawing marks the link's tail instead, RenderOptions.edge_labels)
            inline = self.options.edge_labels == "mark"
            words = ([f"{relation.weight:g}"] if relation.weight is not None else []) + [SHORT_MARK if inline else INFERRED_MARK]
            label = f" {'label' if inline else 'xlabel'}={quoted_label(' '.join(words))} fontsize={quote_constant(f'{self.sizes.stub:g}')}"
        else:
            label = f" label={quote_constant(f'{relation.weight:g}')}" if relation.weight is not None else ""
        if relation.weight is None:
            return _EDGE_PARTS[relation.kind].pen, label
        base = EDGE_STYLES[relation.kind].penwidth
        pen = quote_constant(f"{base * (0.5 + max(0.0, min(relation.weight, 1.0))):.2f}")
        return pen, label

    def edge(self, edge: Edge) -> str:
        """The statement of one edge (or half of an undercut edge)."""
        relation = edge.relation
        parts = _PREMISE_PARTS if isinstance(relation, Premise) else _EDGE_PARTS[relation.kind]
        quoted = self.names.quoted
        tail = quoted.get(edge.tail) or self.names(edge.tail)
        head = quoted.get(edge.head) or self.names(edge.head)
        tip = quoted_tip(relation.key + (f" {INFERRED_MARK}: the analyst's link" if relation.inferred else ""))
        eid = f'"{edge.id}"' if _PLAIN_ID(edge.id) else quoted_tip(edge.id)
        marked = (self.options.edge_labels == "mark" and edge.part == "whole" and not parts.turned
                  and not isinstance(relation, Premise) and relation.inferred)
        pen, label = self._pen(relation, marked)
        if edge.part == "tail":
            return f"\t{tail} -> {head} [id={eid} {parts.look} penwidth={pen} {parts.tail_half} tooltip={tip}]\n"
        extra = f" minlen={quote_constant(str(edge.minlen))}" if edge.minlen > 1 else ""
        turned = f" {TAIL_MARK}" if marked else parts.turned if edge.part == "whole" else ""
        return (f"\t{tail} -> {head} [id={eid} {parts.look} penwidth={pen} {parts.head}{extra}{turned} "
                f"tooltip={tip}{label}]\n")

    def whole_edges(self, relations: list[Relation], split: Mapping[tuple[str, str], Relation],
                    ids: EdgeIds) -> list[str]:
        """The edge statements of a one-pass picture of a whole map: every
        relation between drawn nodes, the undercut links in two halves; the
        lines ``edge`` writes, without Edge objects (the fast path of big maps)."""
        lines: list[str] = []
        quoted = self.names.quoted
        plain = self.plain
        names = self.names
        for relation in relations:
            kind = relation.kind
            if isinstance(relation, Premise):
                parts, verb, says = _PREMISE_PARTS, "premise", "premise of"
            else:
                parts = _EDGE_PARTS[kind]
                verb = says = _VERBS[kind]
            source = quoted.get(relation.source) or names(relation.source)
            pen, label = (parts.pen, "") if relation.weight is None else self._pen(relation)
            if relation.link is not None:
                a, b = relation.link.source, relation.link.target
                if (a, b) not in split:
                    continue
                eid = quoted_tip(ids(base_id(relation)))
                lines.append(f"\t{source} -> {names(mid_name(a, b))} [id={eid} {parts.look} penwidth={pen} "
                             f"{parts.head} tooltip={quoted_tip(relation.key)}{label}]\n")
                continue
            target_id = relation.target
            assert target_id is not None
            target = quoted.get(target_id) or names(target_id)
            eid = ids(f"edge-{relation.source}-{verb}-{target_id}")
            if relation.source in plain and target_id in plain:  # nothing to escape
                tip = f'"{relation.source} {says} {target_id}"'
                qid = f'"{eid}"'
            else:
                tip = quoted_tip(f"{relation.source} {says} {target_id}")
                qid = quoted_tip(eid)
            if split and split.get((relation.source, target_id)) is relation:
                mid = names(mid_name(relation.source, target_id))
                lines.append(f"\t{source} -> {mid} [id={quoted_tip(eid + '-tail')} {parts.look} penwidth={pen} "
                             f"{parts.tail_half} tooltip={tip}]\n")
                lines.append(f"\t{mid} -> {target} [id={qid} {parts.look} penwidth={pen} {parts.head} "
                             f"tooltip={tip}{label}]\n")
            else:
                lines.append(f"\t{source} -> {target} [id={qid} {parts.look} penwidth={pen} {parts.head}"
                             f"{parts.turned} tooltip={tip}{label}]\n")
        return lines


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "\u2026"
