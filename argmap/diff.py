"""Semantic diff of two maps: what changed in the argument, not in the lines.

``diff_maps(old, new)`` matches nodes, sources and sections by id and relations
by their key (``a supports b``, ``c undercuts a -> b``), and lists changes in
a fixed order: map header, sources, sections, nodes (in the new map's order, removed ones
after), relations, expectations, then grounded evaluation status
(``argmap.evaluate.grounded_labels``). Renderers: text, Markdown, JSON.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from argmap.jsonio import dump_json
from argmap.model import Map, Node, Relation
from argmap.syntax.keywords import NODE_ATTRIBUTES, SOURCE_ATTRIBUTES, Shape

__all__ = ["Change", "MapDiff", "diff_maps", "word_diff", "render_text", "render_markdown", "render_json"]


@dataclass(frozen=True)
class Change:
    """One difference. ``kind`` is e.g. ``node-added``, ``node-reworded``,
    ``relation-removed``, ``attribute-changed``, ``status-changed``."""

    kind: str
    subject: str
    old: Any = None
    new: Any = None
    field: str | None = None
    related: tuple[str, ...] = ()  # relations written in an added or removed node's block

    @property
    def sign(self) -> str:
        return "+" if self.kind.endswith("-added") else "-" if self.kind.endswith("-removed") else "~"


@dataclass(frozen=True)
class MapDiff:
    old_name: str
    new_name: str
    changes: tuple[Change, ...] = field(default=())

    def __bool__(self) -> bool:
        return bool(self.changes)

    def of_kind(self, kind: str) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``[(op, words)]`` with op ``=``, ``-`` or ``+``: a word-level diff."""
    a, b = old.split(" "), new.split(" ")
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return out


# the attribute fields compared one by one (citations are compared as written lines)
_NODE_FIELDS = tuple(dict.fromkeys(a.field for a in NODE_ATTRIBUTES if a.shape is not Shape.CITATION))
_CITATION_FIELDS = tuple(dict.fromkeys(a.field for a in NODE_ATTRIBUTES if a.shape is Shape.CITATION))
_SOURCE_FIELDS = ("title",) + tuple(dict.fromkeys(a.field for a in SOURCE_ATTRIBUTES))


def _value(value: Any) -> Any:
    """A model value as plain data (for messages and JSON)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if hasattr(value, "grade"):
        return f"{value.hypothesis} {value.grade.value}"
    if hasattr(value, "value"):
        return value.value
    return str(value)


def _cite(c: Any) -> str:
    return " ".join(p for p in (c.source, c.locator, f'"{c.quote}"' if c.quote is not None else None) if p)


def _node_changes(old: Node, new: Node, old_map: Map, new_map: Map) -> list[Change]:
    changes: list[Change] = []
    if old.text != new.text:
        changes.append(Change("node-reworded", new.id, old.text, new.text))
    if old.kind != new.kind:
        changes.append(Change("node-rekinded", new.id, old.kind.value, new.kind.value))
    if old.section != new.section:
        def title(m: Map, sid: str | None) -> str | None:
            return m.section_by_id[sid].title if sid in m.section_by_id else sid
        changes.append(Change("node-moved", new.id, title(old_map, old.section), title(new_map, new.section)))
    for name in _NODE_FIELDS:
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            changes.append(Change("attribute-changed", new.id, _value(before), _value(after), name))
    for name in _CITATION_FIELDS:
        if getattr(old, name) != getattr(new, name):
            before = [_cite(c) for c in getattr(old, name)]
            after = [_cite(c) for c in getattr(new, name)]
            changes.append(Change("citations-changed", new.id, before, after, "cite"))
    return changes


def _relation_index(relations: tuple[Relation, ...]) -> dict[str, Relation]:
    index: dict[str, Relation] = {}
    for rel in relations:
        index.setdefault(rel.key, rel)
    return index


def _labels(argmap: Map) -> dict[str, str] | None:
    """Grounded labels by node id, or None for a map the evaluator refuses."""
    from argmap.errors import ArgmapError
    from argmap.evaluate import grounded_labels

    try:
        return dict(grounded_labels(argmap))
    except ArgmapError:  # a map evaluation refuses: compare without status
        return None


def diff_maps(old: Map, new: Map, old_name: str = "old", new_name: str = "new", *, evaluate: bool = True) -> MapDiff:
    """Every semantic difference from ``old`` to ``new``."""
    changes: list[Change] = []
    for name in ("title", "description"):
        if getattr(old, name) != getattr(new, name):
            changes.append(Change("map-changed", name, getattr(old, name), getattr(new, name), name))
    for source in new.sources:
        previous = old.source(source.id)
        if previous is None:
            changes.append(Change("source-added", source.id, None, source.title))
        elif previous != source:
            for name in _SOURCE_FIELDS:
                if getattr(previous, name) != getattr(source, name):
                    changes.append(Change("source-changed", source.id, _value(getattr(previous, name)),
                                          _value(getattr(source, name)), name))
    changes += [Change("source-removed", s.id, s.title) for s in old.sources if new.source(s.id) is None]
    for section in new.sections:
        previous_section = old.section_by_id.get(section.id)
        if previous_section is None:
            changes.append(Change("section-added", section.id, None, section.title))
        elif previous_section.title != section.title:
            changes.append(Change("section-changed", section.id, previous_section.title, section.title, "title"))
    changes += [Change("section-removed", s.id, s.title) for s in old.sections if s.id not in new.section_by_id]
    old_rel, new_rel = _relation_index(old.relations), _relation_index(new.relations)
    for node in new.nodes:
        before = old.node(node.id)
        if before is None:
            own = tuple(r.key for r in new.outgoing.get(node.id, ()))
            changes.append(Change("node-added", node.id, None, node.text, node.kind.value, own))
        else:
            changes += _node_changes(before, node, old, new)
    for n in old.nodes:
        if new.node(n.id) is None:
            own = tuple(r.key for r in old.outgoing.get(n.id, ()))
            changes.append(Change("node-removed", n.id, n.text, None, n.kind.value, own))
    added = {n.id for n in new.nodes if old.node(n.id) is None}
    removed = {n.id for n in old.nodes if new.node(n.id) is None}
    for key, rel in new_rel.items():
        if key not in old_rel and rel.source not in added:
            changes.append(Change("relation-added", key, None, rel.weight))
        elif key in old_rel and old_rel[key].weight != rel.weight:
            changes.append(Change("relation-changed", key, old_rel[key].weight, rel.weight, "weight"))
    changes += [Change("relation-removed", key, rel.weight) for key, rel in old_rel.items()
                if key not in new_rel and rel.source not in removed]
    old_exp = {f"{e.node} {e.status.value}" + (f" under {e.semantics}" if e.semantics else "") for e in old.expectations}
    new_exp = [f"{e.node} {e.status.value}" + (f" under {e.semantics}" if e.semantics else "") for e in new.expectations]
    changes += [Change("expectation-added", e) for e in new_exp if e not in old_exp]
    changes += [Change("expectation-removed", e) for e in sorted(old_exp - set(new_exp))]
    if evaluate and changes:
        before_labels, after_labels = _labels(old), _labels(new)
        if before_labels is not None and after_labels is not None:
            for node in new.nodes:
                a, b = before_labels.get(node.id), after_labels.get(node.id)
                if a is not None and b is not None and a != b:
                    changes.append(Change("status-changed", node.id, a, b, "grounded"))
    return MapDiff(old_name, new_name, tuple(changes))


# ----------------------------------------------------------------- renderers

_WORDS = {
    "node-added": "node added", "node-removed": "node removed", "node-reworded": "re-worded",
    "node-rekinded": "kind changed", "node-moved": "moved to another section", "attribute-changed": "changed",
    "citations-changed": "citations changed", "relation-added": "relation added", "relation-removed": "relation removed",
    "relation-changed": "relation changed", "source-added": "source added", "source-removed": "source removed",
    "source-changed": "source changed", "expectation-added": "expectation added",
    "section-added": "section added", "section-removed": "section removed", "section-changed": "section changed",
    "expectation-removed": "expectation removed", "map-changed": "changed", "status-changed": "status changed",
}


def _describe(change: Change, inline_diff: Any) -> str:
    kind, subject = change.kind, change.subject
    if kind == "node-reworded":
        return f"{subject}: re-worded: {inline_diff(change.old, change.new)}"
    own = f" (with: {'; '.join(change.related)})" if change.related else ""
    if kind == "node-added":
        return f"{subject}: {change.field} added: {change.new!r}{own}"
    if kind == "node-removed":
        return f"{subject}: {change.field} removed: {change.old!r}{own}"
    if kind in ("relation-added", "relation-removed", "expectation-added", "expectation-removed"):
        return f"{_WORDS[kind]}: {subject}"
    if kind == "source-added":
        return f"source {subject} added: {change.new!r}"
    if kind == "source-removed":
        return f"source {subject} removed"
    if kind in ("section-added", "section-removed"):
        return f"{_WORDS[kind]}: {subject} {(change.new if change.new is not None else change.old)!r}"
    if kind in ("source-changed", "section-changed"):
        return f"{kind.split('-')[0]} {subject}: {change.field} changed: {_show(change.old)} -> {_show(change.new)}"
    if kind == "status-changed":
        return f"{subject}: {change.old} -> {change.new} (grounded)"
    what = f" {change.field}" if change.field and kind not in ("citations-changed",) else ""
    return f"{subject}:{what} {_WORDS[kind]}: {_show(change.old)} -> {_show(change.new)}"


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _text_words(old: str, new: str) -> str:
    marks = {"=": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return " ".join(marks[op].format(words) for op, words in word_diff(old, new))


def _md_escape(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|~" else c for c in text)


def _md_words(old: str, new: str) -> str:
    parts = []
    for op, words in word_diff(old, new):
        text = _md_escape(words)
        parts.append(text if op == "=" else f"~~{text}~~" if op == "-" else f"**{text}**")
    return " ".join(parts)


def render_text(diff: MapDiff) -> str:
    if not diff.changes:
        return f"{diff.old_name} -> {diff.new_name}: no semantic changes\n"
    lines = [f"{diff.old_name} -> {diff.new_name}: {len(diff.changes)} change{'s' if len(diff.changes) != 1 else ''}"]
    lines += [f"{c.sign} {_describe(c, _text_words)}" for c in diff.changes]
    return "\n".join(lines) + "\n"


def render_markdown(diff: MapDiff) -> str:
    head = f"### argmap diff: `{diff.old_name}` → `{diff.new_name}`\n\n"
    if not diff.changes:
        return head + "No semantic changes.\n"
    rows = []
    for c in diff.changes:
        body = _describe(c, _md_words) if c.kind == "node-reworded" else _md_escape(_describe(c, _text_words))
        rows.append(f"- {'➕' if c.sign == '+' else '➖' if c.sign == '-' else '✏️'} {body}")
    return head + f"{len(diff.changes)} change{'s' if len(diff.changes) != 1 else ''}:\n\n" + "\n".join(rows) + "\n"


def render_json(diff: MapDiff) -> str:
    items = []
    for c in diff.changes:
        item: dict[str, Any] = {"kind": c.kind, "subject": c.subject, "field": c.field, "old": c.old, "new": c.new,
                                "relations": list(c.related)}
        if c.kind == "node-reworded":
            item["words"] = [{"op": op, "text": text} for op, text in word_diff(c.old, c.new)]
        items.append(item)
    document = {"version": 1, "old": diff.old_name, "new": diff.new_name, "changes": items,
                "summary": {"changes": len(items)}}
    return dump_json(document) + "\n"
