"""Argdown (the common subset) <-> Map.

Import reads: ``===`` front matter (``title:``), ``#`` headings (sections),
``[Title]: text`` statements, ``<Title>: text`` arguments, bare references
``[Title]`` / ``<Title>``, indented relation lists (``+ - _ ><`` meaning "the
child supports / attacks / undercuts / contradicts the parent", and the
explicit ``<+ <- <_ +> -> _>`` forms), ``#tag`` and ``#(tag with spaces)``,
``{kind: evidence}`` data, and premise-conclusion structures ``(1) ... ----
(n) ...`` whose premises become linked supports of the conclusion (with a note
naming the argument). Undercuts (``_``) aim at the argument's own relation.
Anything else (comments, other data, inference rules) is reported per line (I002).

Export writes each node as ``[id]: text #tags {kind: ...}`` with its relations
as ``+>``, ``->`` and ``><`` children; undercuts cannot be written between
statements in Argdown, so they are written as ``//`` comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.json_ import ImportResult, diag
from argmap.interop.writer import IdMaker, is_valid_id, write_map
from argmap.model import LinkRef, Map, Node, NodeKind, Relation, RelationKind, Section
from argmap.parser import parse_text
from argmap.transform import slugify

__all__ = ["loads", "export_map"]

_RELATION = re.compile(r"^(<\+|\+>|<-|->|<_|_>|><|\+|-|_)\s+(.*)$")
_ELEMENT = re.compile(r"^(\[([^\]]*)\]|<([^>]*)>)(?::\s*(.*))?$")
_TAG = re.compile(r"(?<![\w#])#(?:\(([^)]*)\)|([\w][\w\-]*))")
_DATA = re.compile(r"\{([^{}]*)\}\s*$")
_PCS = re.compile(r"^\((\d+)\)\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
# child symbol -> (relation kind, child is the source)
_SYMBOLS = {
    "+": (RelationKind.SUPPORTS, True), "<+": (RelationKind.SUPPORTS, True), "+>": (RelationKind.SUPPORTS, False),
    "-": (RelationKind.ATTACKS, True), "<-": (RelationKind.ATTACKS, True), "->": (RelationKind.ATTACKS, False),
    "_": (RelationKind.UNDERCUTS, True), "<_": (RelationKind.UNDERCUTS, True), "_>": (RelationKind.UNDERCUTS, False),
    "><": (RelationKind.CONTRADICTS, False),  # symmetric; the parent declares it
}


@dataclass
class _Reader:
    path: str
    ids: IdMaker = field(default_factory=IdMaker)
    by_title: dict[tuple[str, str], str] = field(default_factory=dict)
    nodes: dict[str, dict[str, object]] = field(default_factory=dict)
    relations: list[tuple[RelationKind, str, str, int]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    section: str | None = None
    problems: list[Diagnostic] = field(default_factory=list)

    def warn(self, line: int, message: str) -> None:
        self.problems.append(diag(self.path, "", message, line=line, severity=Severity.WARNING))

    def element(self, text: str, line: int) -> str | None:
        """``[T]: text``, ``<T>``, or a plain text -> the node id (created on first use)."""
        tags = [slugify(a or b).replace("-", "_") for a, b in _TAG.findall(text)]
        text = _TAG.sub("", text).strip()
        kind = None
        data = _DATA.search(text)
        if data:
            text = text[: data.start()].strip()
            for item in data.group(1).split(","):
                key, _, value = item.partition(":")
                value = value.strip().strip("'\"")
                if key.strip() == "kind" and value in NodeKind._value2member_map_:
                    kind = NodeKind(value)
                elif item.strip():
                    self.warn(line, f"data {item.strip()!r} not translated")
        match = _ELEMENT.match(text)
        if match:
            is_argument = match.group(3) is not None
            title = (match.group(3) if is_argument else match.group(2)).strip()
            body = " ".join((match.group(4) or "").split())
        else:
            is_argument, title, body = False, "", " ".join(text.split())
            if not body:
                return None
        key = ("<" if is_argument else "[", title or body)
        node_id = self.by_title.get(key)
        if node_id is None:
            node_id = self.ids.make(title or body, fallback="a" if is_argument else "s")
            self.by_title[key] = node_id
            self.nodes[node_id] = {"text": body or title, "titled": not body, "tags": [], "kind": kind,
                                   "section": self.section, "notes": [], "argument": is_argument}
        node = self.nodes[node_id]
        if body and node["titled"]:
            node["text"], node["titled"] = body, False
        node["tags"] = list(dict.fromkeys([*node["tags"], *tags]))  # type: ignore[misc]
        if kind is not None:
            node["kind"] = kind
        return node_id


def _pcs(reader: _Reader, argument: str | None, block: list[tuple[int, str]]) -> None:
    """A premise-conclusion structure: premises support the last statement (linked)."""
    statements: list[str] = []
    conclusion_index = None
    for line, text in block:
        match = _PCS.match(text)
        if match:
            node_id = reader.element(match.group(2), line)
            if node_id:
                statements.append(node_id)
        elif re.match(r"^-{2,}", text):
            conclusion_index = len(statements)
            if text.strip("- ").strip():
                reader.warn(line, f"inference rule {text.strip('- ')!r} not translated")
        else:
            reader.warn(line, "line inside a premise-conclusion structure not translated")
    if conclusion_index is None or conclusion_index >= len(statements) or conclusion_index == 0:
        reader.warn(block[0][0], "premise-conclusion structure without '----' and a conclusion not translated")
        return
    premises, conclusion = statements[:conclusion_index], statements[-1]
    line = block[0][0]
    for premise in premises:
        reader.relations.append((RelationKind.SUPPORTS, premise, conclusion, line))
    if len(premises) > 1:
        name = f" of argument {argument}" if argument else ""
        reader.nodes[conclusion]["notes"].append(f"linked premises{name}: " + ", ".join(premises))  # type: ignore[union-attr]
    if argument:
        reader.nodes[argument]["notes"].append(f"conclusion: {conclusion}")  # type: ignore[union-attr]
        reader.nodes[argument]["conclusion"] = conclusion


def loads(text: str, path: str = "<argdown>") -> ImportResult:
    reader = _Reader(path)
    title = None
    lines = text.replace("\r\n", "\n").lstrip("\ufeff").split("\n")
    index = 0
    if lines and lines[0].strip() == "===":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "==="), None)
        if end is not None:
            for i in range(1, end):
                key, _, value = lines[i].partition(":")
                if key.strip() == "title":
                    title = value.strip().strip("'\"") or None
                elif lines[i].strip():
                    reader.warn(i + 1, f"front matter {key.strip()!r} not translated")
            index = end + 1
    stack: list[tuple[int, str]] = []  # (indent, node id)
    last_argument: str | None = None
    in_comment = False
    while index < len(lines):
        number, raw = index + 1, lines[index]
        index += 1
        stripped = raw.strip()
        if in_comment:
            in_comment = "*/" not in stripped
            continue
        if not stripped:
            continue
        if stripped.startswith("/*"):
            reader.warn(number, "comment not imported")
            in_comment = "*/" not in stripped
            continue
        if stripped.startswith("//"):
            reader.warn(number, "comment not imported")
            continue
        heading = _HEADING.match(stripped)
        if heading and raw[0] == "#":
            section_title = heading.group(2)
            data = _DATA.search(section_title)
            explicit = None
            if data:
                section_title = section_title[: data.start()]
                for item in data.group(1).split(","):
                    key, _, value = item.partition(":")
                    if key.strip() == "id" and is_valid_id(value.strip().strip("'\"")):
                        explicit = value.strip().strip("'\"")
                    elif item.strip():
                        reader.warn(number, f"data {item.strip()!r} not translated")
            section_title = " ".join(section_title.split())
            section_id, n = explicit or slugify(section_title), 2
            while any(s.id == section_id for s in reader.sections):
                section_id, n = f"{slugify(section_title)}-{n}", n + 1
            reader.sections.append(Section(section_id, section_title, explicit is not None))
            reader.section, stack = section_id, []
            continue
        if _PCS.match(stripped):
            block = [(number, stripped)]
            while index < len(lines) and (_PCS.match(lines[index].strip()) or lines[index].strip().startswith("--")):
                block.append((index + 1, lines[index].strip()))
                index += 1
            _pcs(reader, last_argument, block)
            last_argument = None
            continue
        indent = len(raw) - len(raw.lstrip())
        relation = _RELATION.match(stripped)
        if relation and stripped[:2] != "--":
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
        node_id = reader.element(stripped, number)
        if node_id is None or not (_ELEMENT.match(_TAG.sub("", stripped).strip()) or indent == 0):
            reader.warn(number, "line not translated")
            continue
        stack = [(indent, node_id)]
        last_argument = node_id if reader.nodes[node_id]["argument"] else None
    return _build(reader, title)


def _build(reader: _Reader, title: str | None) -> ImportResult:
    relations: list[Relation] = []
    for kind, source, target, line in reader.relations:
        if kind is not RelationKind.UNDERCUTS:
            relations.append(Relation(kind, source, target))
    for kind, source, target, line in reader.relations:
        if kind is RelationKind.UNDERCUTS:
            aimed = [r for r in relations if r.source == target and r.kind is not RelationKind.UNDERCUTS]
            if not aimed:
                reader.warn(line, f"undercut of {target!r}, which supports or attacks nothing, not translated")
            for rel in aimed:
                relations.append(Relation(RelationKind.UNDERCUTS, source, None, LinkRef(rel.source, str(rel.target))))
    nodes = tuple(
        Node(node_id, data["kind"] or (NodeKind.CLAIM), str(data["text"]), data["section"],  # type: ignore[arg-type]
             tuple(data["tags"]), notes=tuple(data["notes"]))  # type: ignore[arg-type]
        for node_id, data in reader.nodes.items()
    )
    if not nodes:
        return ImportResult(None, reader.problems + [diag(reader.path, "", "no Argdown statements or arguments found", line=1)])
    order = {s.id: i for i, s in enumerate(reader.sections)}
    nodes = tuple(sorted(nodes, key=lambda n: -1 if n.section is None else order[n.section]))
    built = Map(title=title, sections=tuple(reader.sections), nodes=nodes, relations=tuple(relations))
    problems = sorted(reader.problems, key=lambda d: d.span.line)
    return ImportResult(parse_text(write_map(built), reader.path).map, problems)


def _text(value: str) -> str:
    return " ".join(value.replace("[", "(").replace("]", ")").split())


def export_map(argmap: Map) -> str:
    """The map as Argdown: statements with their outgoing relations."""
    out: list[str] = []
    if argmap.title:
        out += ["===", f"title: {_text(argmap.title)!s}", "===", ""]
    section = None
    titles = {s.id: s.title for s in argmap.sections}
    explicit = {s.id: s.explicit_id for s in argmap.sections}
    symbols = {RelationKind.SUPPORTS: "+>", RelationKind.ATTACKS: "->", RelationKind.CONTRADICTS: "><"}
    # an undercut aims at an argument: a node whose only relation is undercut is written as <id>
    plain = {n.id: [r for r in argmap.outgoing.get(n.id, ()) if r.kind is not RelationKind.UNDERCUTS] for n in argmap.nodes}
    arguments = {r.link.source for r in argmap.relations if r.link is not None and len(plain.get(r.link.source, ())) == 1}

    def ref(node_id: str) -> str:
        return f"<{node_id}>" if node_id in arguments else f"[{node_id}]"

    for node in argmap.nodes:
        if node.section != section and node.section is not None:
            data = f" {{id: {node.section}}}" if explicit.get(node.section) else ""
            out += [f"# {_text(titles.get(node.section, node.section))}{data}", ""]
            section = node.section
        tags = "".join(f" #{t}" if re.fullmatch(r"[\w][\w\-]*", t) else f" #({t})" for t in node.tags)
        data = f" {{kind: {node.kind.value}}}" if node.kind is not NodeKind.CLAIM else ""
        out.append(f"{ref(node.id)}: {_text(node.text)}{tags}{data}")
        for rel in argmap.outgoing.get(node.id, ()):
            if rel.link is not None and rel.link.source in arguments:
                out.append(f"  _> {ref(rel.link.source)}")
            elif rel.kind is RelationKind.UNDERCUTS:
                out.append(f"  // undercuts {rel.link} (not expressible in Argdown: {rel.link.source if rel.link else ''} has several relations)")
            else:
                out.append(f"  {symbols[rel.kind]} {ref(str(rel.target))}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
