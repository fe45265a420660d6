"""Argdown -> Map (the export is argmap.interop.argdown_export).

Import reads: ``===`` front matter (``title``; ``model: {mode: strict}``; the
``argmap:`` block of argmap's own export), ``#`` headings (sections),
``[Title]: text`` statements, ``<Title>: text`` arguments, bare references
``[Title]`` / ``<Title>``, indented relation lists (``+ - _ ><`` meaning "the
child supports / attacks / undercuts / contradicts the parent", and the
explicit ``<+ <- <_ +> -> _>`` forms), ``#tag`` and ``#(tag with spaces)``,
``{...}`` data (YAML: argmap's node attributes, argmap.interop.argdown_data),
Markdown list items (``*``, ``1.``) as statements, and premise-conclusion
structures. Anything else (comments, other data, inference rules) is reported
per line (I002).

What Argdown means, kept:

* every untitled statement is its own statement, even with the same text;
* in strict mode (``model: mode: strict``) an attack between two statements
  is *contrariness*, which is symmetric: it becomes ``contradicts``; ``><``
  is ``contradicts`` in both modes; a contradiction written from both sides
  is one relation;
* a premise-conclusion structure ``(1) ... ---- (n) ...``: the premises of each
  inference step support its conclusion, so intermediary conclusions are
  kept as chains of supports (linked premises get a note naming the
  argument, for the linked-argument construct to come);
* Argdown relocates a reconstructed argument's outgoing relations onto its
  main conclusion: so does the import. The argument itself stays a node only
  when it has a text of its own or something aims at it; it then supports
  its main conclusion (so defeating the argument costs the conclusion that
  support), and an undercut of it undercuts that support.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.argdown_data import SPECIAL_KEYS, extra_relations, node_fields
from argmap.interop.argdown_export import escape_text, export_map
from argmap.interop.argdown_lines import front_matter, logical_lines, split_data, strip_comments
from argmap.interop.json_ import ImportResult, diag
from argmap.interop.writer import IdMaker, is_valid_id, make_id, place_relations, write_map
from argmap.interop.yamlish import YamlError, load_flow
from argmap.model import LinkRef, Map, Node, NodeKind, Relation, RelationKind, Section
from argmap.syntax import parse_text
from argmap.syntax.text import slugify

__all__ = ["escape_text", "export_map", "loads"]

S, A, U, C = RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.UNDERCUTS, RelationKind.CONTRADICTS
_RELATION = re.compile(r"^(<\+|\+>|<-|->|<_|_>|><|\+|-|_)\s+(.*)$")
_ELEMENT = re.compile(r"^(\[((?:[^\]\\]|\\.)*)\]|<((?:[^>\\]|\\.)*)>)(?::\s*(.*))?$", re.S)
_TAG = re.compile(r"(?<![\w#\\])#(?:\(([^()]*)\)|([\w][\w\-]*))")  # [^()]: linear on '#(#(#(...'
_LINK = re.compile(r"\[[^\]]*\]\([^)\s]*\)")  # a Markdown link: its URL may hold a '#'
_ESCAPED = re.compile(r"\\(.)")
_PCS = re.compile(r"^\((\d+)\)\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST_ITEM = re.compile(r"^(?:\*|\d+\.)\s+(.*)$")  # Markdown list items are statements in Argdown
# child symbol -> (relation kind, child is the source)
_SYMBOLS = {
    "+": (S, True), "<+": (S, True), "+>": (S, False),
    "-": (A, True), "<-": (A, True), "->": (A, False),
    "_": (U, True), "<_": (U, True), "_>": (U, False),
    "><": (C, False),  # symmetric; the parent declares it
}


@dataclass
class _Statement:
    text: str
    titled: bool  # only a title so far: a later ``[T]: text`` gives the text
    section: str | None
    argument: bool
    order: int = 0  # where it is defined (with its text), or first mentioned
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    described: bool = False  # an argument with a text of its own


@dataclass
class _Pcs:
    """A premise-conclusion structure: its statements and where each '----' was."""

    argument: str | None
    line: int
    statements: list[str] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # statement counts at each inference line


@dataclass
class _Reader:
    path: str
    strict: bool = False
    ids: IdMaker = field(default_factory=IdMaker)
    by_title: dict[tuple[str, str], str] = field(default_factory=dict)
    nodes: dict[str, _Statement] = field(default_factory=dict)
    relations: list[tuple[RelationKind, str, str, int]] = field(default_factory=list)
    structures: dict[str, _Pcs] = field(default_factory=dict)  # argument id -> its pcs
    loose_structures: list[_Pcs] = field(default_factory=list)  # pcs without an argument title
    sections: list[Section] = field(default_factory=list)
    section: str | None = None
    problems: list[Diagnostic] = field(default_factory=list)

    def warn(self, line: int, message: str, column: int = 1) -> None:
        self.problems.append(diag(self.path, "", message, line=line, column=column, severity=Severity.WARNING))

    def element(self, text: str, line: int) -> str | None:
        """``[T]: text``, ``<T>``, or a plain text -> the node id (created on first use)."""
        text, data = split_data(text)
        links = [m.span() for m in _LINK.finditer(text)]
        found = [m for m in _TAG.finditer(text) if not any(a <= m.start() < b for a, b in links)]
        tags = [make_id(m.group(1) or m.group(2), max_words=8, fallback="t") for m in found]
        if found:
            kept, last = [], 0
            for m in found:
                kept.append(text[last:m.start()])
                last = m.end()
            text = "".join(kept) + text[last:]
        text = text.strip()
        match = _ELEMENT.match(text)
        if match:
            is_argument = match.group(3) is not None
            title = _ESCAPED.sub(r"\1", (match.group(3) if is_argument else match.group(2))).strip()
            body = " ".join(_ESCAPED.sub(r"\1", match.group(4) or "").split())
        else:
            is_argument, title, body = False, "", " ".join(_ESCAPED.sub(r"\1", text).split())
            if not body:
                return None
        if title:
            key = ("<" if is_argument else "[", title)
            node_id = self.by_title.get(key)
        else:  # an untitled statement is always a statement of its own
            node_id = None
        if node_id is None:
            node_id = (title and self.ids.keep(title)) or self.ids.make(title or body, fallback="a" if is_argument else "s")
            if title:
                self.by_title[("<" if is_argument else "[", title)] = node_id
            self.nodes[node_id] = _Statement(body or title, not body, self.section, is_argument, line)
        node = self.nodes[node_id]
        if body and node.titled:  # the definition decides the section and the order
            node.text, node.titled, node.section, node.order = body, False, self.section, line
            node.described = is_argument
        elif body and body != node.text:  # Argdown: same title, an equivalent statement
            node.notes.append(f"equivalent statement (line {line}): {body}")
        node.tags = list(dict.fromkeys([*node.tags, *tags]))
        if data is not None:
            self._data(node, data, line)
        return node_id

    def _data(self, node: _Statement, raw: str, line: int) -> None:
        try:
            data = load_flow(raw)
        except YamlError as exc:
            self.warn(line, f"data {{{raw[1:-1][:40]}}} not translated: {exc}")
            return
        if not isinstance(data, dict):
            return
        fields, problems = node_fields(data)
        for message in problems:
            self.warn(line, message)
        node.fields.update(fields)
        for key in SPECIAL_KEYS:
            if key in data:
                node.fields.setdefault("_" + key, data[key])


def loads(text: str, path: str = "<argdown>") -> ImportResult:
    """Argdown text -> Map; every line that does not translate is reported (I002)."""
    reader = _Reader(path)
    lines = strip_comments(text.replace("\r\n", "\n").lstrip("\ufeff"), reader.warn)
    fields, first, reader.strict = front_matter(lines, reader.warn)
    stack: list[tuple[int, str]] = []  # (indent, node id)
    last_argument: str | None = None
    pcs: _Pcs | None = None

    def finish() -> None:
        if pcs is not None:
            if pcs.argument and pcs.argument not in reader.structures:
                reader.structures[pcs.argument] = pcs
            else:
                reader.loose_structures.append(pcs)

    for number, indent, stripped in logical_lines(lines, first):
        heading = _HEADING.match(stripped)
        if heading and stripped.startswith("#"):
            finish()
            pcs, last_argument, stack = None, None, []
            _section(reader, heading.group(2), number)
            continue
        item = _PCS.match(stripped)
        if item:
            if pcs is None:
                pcs = _Pcs(last_argument, number)
            node_id = reader.element(item.group(2), number)
            if node_id:
                pcs.statements.append(node_id)
                stack = [(indent, node_id)]
            continue
        if stripped.startswith("--"):
            if pcs is None:
                reader.warn(number, "'----' outside a premise-conclusion structure not translated")
            elif not pcs.breaks or pcs.breaks[-1] != len(pcs.statements):
                pcs.breaks.append(len(pcs.statements))
                rule = stripped.strip("- ").strip()
                if rule:
                    reader.warn(number, f"inference rule {rule!r} not translated")
            continue
        relation = _RELATION.match(stripped)
        if relation:
            while stack and stack[-1][0] >= indent:
                stack.pop()
            if not stack:
                reader.warn(number, "relation without a parent element not translated")
                continue
            child = reader.element(relation.group(2), number)
            if child is None:
                reader.warn(number, "empty relation not translated")
                continue
            kind, child_is_source = _SYMBOLS[relation.group(1)]
            parent = stack[-1][1]
            source, target = (child, parent) if child_is_source else (parent, child)
            reader.relations.append((kind, source, target, number))
            stack.append((indent, child))
            continue
        finish()
        pcs = None
        if stripped.startswith("@include("):
            reader.warn(number, "@include not followed: import the included file on its own")
            continue
        listed = _LIST_ITEM.match(stripped)
        node_id = reader.element(listed.group(1) if listed else stripped, number)
        if node_id is None:
            reader.warn(number, "line not translated")
            continue
        stack = [(indent, node_id)]
        last_argument = node_id if reader.nodes[node_id].argument else None
    finish()
    return _build(reader, fields)


def _section(reader: _Reader, raw_title: str, number: int) -> None:
    """``# Heading {id: x}`` -> a section (``{id: ...}`` data gives its id)."""
    raw_title, data = split_data(raw_title)
    explicit = None
    if data is not None:
        try:
            value = load_flow(data)
        except YamlError:
            value = None
        items = value if isinstance(value, dict) else {}
        for key, item in items.items():
            if key == "id" and isinstance(item, str) and is_valid_id(item):
                explicit = item
            else:
                reader.warn(number, f"data '{key}: {item}' not translated")
        if not isinstance(value, dict):
            reader.warn(number, f"data {data[:40]!r} not translated")
    section_title = " ".join(_ESCAPED.sub(r"\1", raw_title).split())
    section_id, n = explicit or slugify(section_title), 2
    while any(s.id == section_id for s in reader.sections):
        section_id, n = f"{slugify(section_title)}-{n}", n + 1
    reader.sections.append(Section(section_id, section_title, explicit is not None))
    reader.section = section_id


def _structure_relations(reader: _Reader, pcs: _Pcs) -> str | None:
    """Supports inside a premise-conclusion structure; returns its main conclusion."""
    breaks = [b for b in pcs.breaks if 0 < b <= len(pcs.statements)]
    if not breaks or breaks[-1] != len(pcs.statements) - 1:
        reader.warn(pcs.line, "premise-conclusion structure without '----' before its last statement not translated")
        return None
    start = 0
    name = f" of argument {pcs.argument}" if pcs.argument else ""
    for cut in breaks:
        conclusion = pcs.statements[cut] if cut < len(pcs.statements) else None
        premises = [p for p in dict.fromkeys(pcs.statements[start:cut]) if p != conclusion]
        if conclusion is None:
            break
        for premise in premises:
            reader.relations.append((S, premise, conclusion, pcs.line))
        if len(premises) > 1:
            reader.nodes[conclusion].notes.append(f"linked premises{name}: " + ", ".join(premises))
        start = cut  # an intermediary conclusion is a premise of the next step
    return pcs.statements[-1]


def _resolve(reader: _Reader) -> list[tuple[RelationKind, str, str, int]]:
    """Relations after Argdown's rules: structures, relocation, contraries."""
    for pcs in reader.loose_structures:
        _structure_relations(reader, pcs)
    conclusion_of: dict[str, str] = {}
    for argument, pcs in reader.structures.items():
        main = _structure_relations(reader, pcs)
        if main is not None:
            conclusion_of[argument] = main
    aimed_at = {target for _, _, target, _ in reader.relations}
    kept = {a for a in conclusion_of if a in aimed_at or reader.nodes[a].described}
    out: list[tuple[RelationKind, str, str, int]] = []
    for argument in kept:
        out.append((S, argument, conclusion_of[argument], reader.structures[argument].line))
        reader.nodes[argument].notes.append(f"Argdown argument with a premise-conclusion structure: "
                                            f"conclusion {conclusion_of[argument]}")
    for argument in set(conclusion_of) - kept:
        del reader.nodes[argument]
    seen: set[tuple[RelationKind, str, str]] = set()
    for kind, source, target, line in reader.relations:
        source = conclusion_of.get(source, source)  # relocated onto the main conclusion
        if kind is C or (kind is A and reader.strict and not reader.nodes[source].argument
                         and target in reader.nodes and not reader.nodes[target].argument):
            kind = C  # contrariness and contradiction are symmetric
            if (C, target, source) in seen:
                continue
        if source == target or (kind, source, target) in seen:
            continue
        seen.add((kind, source, target))
        out.append((kind, source, target, line))
    return out


def _build(reader: _Reader, fields: dict[str, Any]) -> ImportResult:
    relations: list[Relation] = []
    resolved = _resolve(reader)
    weights = {node_id: data.fields.get("_weights") for node_id, data in reader.nodes.items()}

    def weight(source: str, key: str) -> float | None:
        table = weights.get(source)
        value = table.get(key) if isinstance(table, dict) else None
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None

    inferred = {node_id: set(data.fields.get("_inferred_relations") or []) for node_id, data in reader.nodes.items()}

    def marked(source: str, key: str) -> bool:
        return key in inferred.get(source, ())

    plain: dict[str, list[Relation]] = {}  # what each node supports or attacks: what undercutting it aims at
    for kind, source, target, _line in resolved:
        if kind is not U:
            rel = Relation(kind, source, target, None, weight(source, target), marked(source, target))
            plain.setdefault(source, []).append(rel)
    for kind, source, target, line in resolved:  # in the order written
        if kind is not U:
            relations.append(next(r for r in plain[source] if r.kind is kind and r.target == target))
            continue
        aimed = [r for r in plain.get(target, ()) if r.kind in (S, A)]
        if not aimed:
            reader.warn(line, f"undercut of {target!r}, which supports or attacks nothing, not translated")
        for rel in aimed:
            key = f"{rel.source} -> {rel.target}"
            relations.append(Relation(U, source, None, LinkRef(rel.source, str(rel.target)), weight(source, key),
                                      marked(source, key)))
    placed: list[tuple[int, Relation]] = []
    for node_id, data in reader.nodes.items():  # relations Argdown has no arrow for (argmap's own export)
        if data.fields.get("_relations") is not None:
            try:
                placed += extra_relations(node_id, data.fields["_relations"])
            except ValueError as exc:
                reader.warn(data.order, f"data 'relations' not translated ({exc})")
    relations = place_relations(relations, placed)
    nodes = []
    for node_id, data in reader.nodes.items():
        attrs = {k: v for k, v in data.fields.items() if not k.startswith("_")}
        notes = tuple(attrs.pop("notes", ())) + tuple(data.notes)
        kind = attrs.pop("kind", NodeKind.CLAIM)
        nodes.append(Node(id=node_id, kind=kind, text=data.text, section=data.section, tags=tuple(data.tags),
                          notes=notes, **attrs))
    if not nodes:
        return ImportResult(None, reader.problems + [diag(reader.path, "", "no Argdown statements or arguments found", line=1)])
    order = {s.id: i for i, s in enumerate(reader.sections)}
    position = {node_id: data.order for node_id, data in reader.nodes.items()}
    nodes.sort(key=lambda n: (-1 if n.section is None else order[n.section], position[n.id]))
    built = Map(title=fields.get("title"), description=fields.get("description"), sources=fields.get("sources", ()),
                sections=tuple(reader.sections), nodes=tuple(nodes), relations=tuple(relations),
                expectations=fields.get("expectations", ()))
    problems = sorted(reader.problems, key=lambda d: (d.span.line, d.span.column))
    return ImportResult(parse_text(write_map(built), reader.path).map, problems)
