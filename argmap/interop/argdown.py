"""Argdown (the common subset) <-> Map.

Import reads: ``===`` front matter (``title:``), ``#`` headings (sections),
``[Title]: text`` statements, ``<Title>: text`` arguments, bare references
``[Title]`` / ``<Title>``, indented relation lists (``+ - _ ><`` meaning "the
child supports / attacks / undercuts / contradicts the parent", and the
explicit ``<+ <- <_ +> -> _>`` forms), ``#tag`` and ``#(tag with spaces)``,
``{kind: evidence}`` data, Markdown list items (``*``, ``1.``) as statements,
and premise-conclusion structures ``(1) ... ----
(n) ...`` whose premises become linked supports of the conclusion (with a note
naming the argument). Undercuts (``_``) aim at the argument's own relation.
A title defined again with another text (an Argdown equivalence class) keeps
the first text and notes the others. Anything else (``//``, ``/* */`` and
``<!-- -->`` comments, other data, inference rules) is reported per line (I002).

Export writes each node as ``[id]: text #tags {kind: ...}`` with its relations
as ``+>``, ``->`` and ``><`` children; undercuts cannot be written between
statements in Argdown, so they are written as ``//`` comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from argmap.diagnostics import Diagnostic, Severity
from argmap.interop.json_ import ImportResult, diag
from argmap.interop.writer import IdMaker, is_valid_id, make_id, write_map
from argmap.model import LinkRef, Map, Node, NodeKind, Relation, RelationKind, Section
from argmap.syntax import parse_text
from argmap.syntax.text import slugify

__all__ = ["loads", "export_map"]

_RELATION = re.compile(r"^(<\+|\+>|<-|->|<_|_>|><|\+|-|_)\s+(.*)$")
_ELEMENT = re.compile(r"^(\[([^\]]*)\]|<([^>]*)>)(?::\s*(.*))?$")
_TAG = re.compile(r"(?<![\w#\\])#(?:\(([^)]*)\)|([\w][\w\-]*))")
_LINK = re.compile(r"\[[^\]]*\]\([^)\s]*\)")  # a Markdown link: its URL may hold a '#'
_DATA = re.compile(r"(?<!\\)\{([^{}]*)(?<!\\)\}\s*$")
_ESCAPED = re.compile(r"\\(.)")
_PCS = re.compile(r"^\((\d+)\)\s+(.*)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_LIST_ITEM = re.compile(r"^(?:\*|\d+\.)\s+(.*)$")  # Markdown list items are statements in Argdown
# child symbol -> (relation kind, child is the source)
_SYMBOLS = {
    "+": (RelationKind.SUPPORTS, True), "<+": (RelationKind.SUPPORTS, True), "+>": (RelationKind.SUPPORTS, False),
    "-": (RelationKind.ATTACKS, True), "<-": (RelationKind.ATTACKS, True), "->": (RelationKind.ATTACKS, False),
    "_": (RelationKind.UNDERCUTS, True), "<_": (RelationKind.UNDERCUTS, True), "_>": (RelationKind.UNDERCUTS, False),
    "><": (RelationKind.CONTRADICTS, False),  # symmetric; the parent declares it
}


@dataclass
class _Statement:
    text: str
    titled: bool  # only a title so far: a later ``[T]: text`` gives the text
    kind: NodeKind | None
    section: str | None
    argument: bool
    order: int = 0  # where it is defined (with its text), or first mentioned
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Reader:
    path: str
    ids: IdMaker = field(default_factory=IdMaker)
    by_title: dict[tuple[str, str], str] = field(default_factory=dict)
    nodes: dict[str, _Statement] = field(default_factory=dict)
    relations: list[tuple[RelationKind, str, str, int]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    section: str | None = None
    problems: list[Diagnostic] = field(default_factory=list)

    def warn(self, line: int, message: str, column: int = 1) -> None:
        self.problems.append(diag(self.path, "", message, line=line, column=column, severity=Severity.WARNING))

    def element(self, text: str, line: int) -> str | None:
        """``[T]: text``, ``<T>``, or a plain text -> the node id (created on first use)."""
        links = [m.span() for m in _LINK.finditer(text)]
        found = [m for m in _TAG.finditer(text) if not any(a <= m.start() < b for a, b in links)]
        tags = [make_id(m.group(1) or m.group(2), max_words=8, fallback="t") for m in found]
        for m in reversed(found):
            text = text[: m.start()] + text[m.end():]
        text = text.strip()
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
            title = _ESCAPED.sub(r"\1", (match.group(3) if is_argument else match.group(2))).strip()
            body = " ".join(_ESCAPED.sub(r"\1", match.group(4) or "").split())
        else:
            is_argument, title, body = False, "", " ".join(_ESCAPED.sub(r"\1", text).split())
            if not body:
                return None
        key = ("<" if is_argument else "[", title or body)
        node_id = self.by_title.get(key)
        if node_id is None:
            node_id = (title and self.ids.keep(title)) or self.ids.make(title or body, fallback="a" if is_argument else "s")
            self.by_title[key] = node_id
            self.nodes[node_id] = _Statement(body or title, not body, kind, self.section, is_argument, line)
        node = self.nodes[node_id]
        if body and node.titled:  # the definition decides the section and the order
            node.text, node.titled, node.section, node.order = body, False, self.section, line
        elif body and body != node.text:  # Argdown: same title, an equivalent statement
            node.notes.append(f"equivalent statement (line {line}): {body}")
        node.tags = list(dict.fromkeys([*node.tags, *tags]))
        if kind is not None:
            node.kind = kind
        return node_id


@dataclass
class _Pcs:
    """A premise-conclusion structure being read: statements and where '----' was."""

    argument: str | None
    line: int
    statements: list[str] = field(default_factory=list)
    conclusion_at: int | None = None


def _finish_pcs(reader: _Reader, pcs: _Pcs | None) -> None:
    """Premises support the last statement (linked premises get a note)."""
    if pcs is None:
        return
    if pcs.conclusion_at is None or pcs.conclusion_at == 0 or pcs.conclusion_at >= len(pcs.statements):
        reader.warn(pcs.line, "premise-conclusion structure without '----' and a conclusion not translated")
        return
    premises, conclusion = pcs.statements[: pcs.conclusion_at], pcs.statements[-1]
    if len(pcs.statements) > pcs.conclusion_at + 1:
        reader.warn(pcs.line, "intermediary conclusions read as premises of the final conclusion")
    for premise in dict.fromkeys(premises):
        if premise != conclusion:
            reader.relations.append((RelationKind.SUPPORTS, premise, conclusion, pcs.line))
    if len(premises) > 1:
        name = f" of argument {pcs.argument}" if pcs.argument else ""
        reader.nodes[conclusion].notes.append(f"linked premises{name}: " + ", ".join(premises))
    if pcs.argument:
        reader.nodes[pcs.argument].notes.append(f"conclusion: {conclusion}")


_STARTER = re.compile(r"^(?:(?:<\+|\+>|<-|->|<_|_>|><|\+|-|_)\s|\(\d+\)\s|\*\s|\d+\.\s|\[(?![^\]]*\]\()|<|--|#{1,6}\s)")


def _strip_comments(text: str, reader: _Reader) -> list[str]:
    """Blank out ``/* */``, ``<!-- -->`` and ``//`` comments (line numbers kept); each is reported."""
    out: list[str] = []
    in_block = ""  # the closer of the open block comment: '*/' or '-->'
    for number, line in enumerate(text.split("\n"), start=1):
        kept, i = [], 0
        while i < len(line):
            if in_block:
                close = line.find(in_block, i)
                if close < 0:
                    i = len(line)
                    continue
                in_block, i = "", close + len(in_block)
            elif line[i] == "\\" and i + 1 < len(line):  # an escaped character is text
                kept.append(line[i : i + 2])
                i += 2
            elif line.startswith("/*", i) or line.startswith("<!--", i):
                reader.warn(number, "comment not imported", i + 1)
                closer = "*/" if line.startswith("/*", i) else "-->"
                in_block, i = closer, i + len("/*" if closer == "*/" else "<!--")
            elif line.startswith("//", i) and (i == 0 or line[i - 1] != ":"):
                reader.warn(number, "comment not imported", i + 1)
                i = len(line)
            else:
                kept.append(line[i])
                i += 1
        out.append("".join(kept).rstrip())
    return out


def _front_matter(lines: list[str], reader: _Reader) -> tuple[str | None, int]:
    """``===`` YAML front matter: ``title`` is read, other top-level keys are reported."""
    if not lines or lines[0].strip() != "===":
        return None, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "==="), None)
    if end is None:
        reader.warn(1, "front matter without a closing '===' read as text")
        return None, 0
    title_parts: list[str] | None = None
    title: str | None = None
    for i in range(1, end):
        line = lines[i]
        if line[:1] in (" ", "\t"):
            if title_parts is not None:
                title_parts.append(line.strip())
            continue
        if title_parts is not None:
            title, title_parts = " ".join(title_parts).strip().strip("'\"") or None, None
        key, _, value = line.partition(":")
        if key.strip() == "title":
            title_parts = [value.strip()]
        elif line.strip():
            reader.warn(i + 1, f"front matter {key.strip()!r} not translated")
    if title_parts is not None:
        title = " ".join(title_parts).strip().strip("'\"") or None
    return title, end + 1


def _logical_lines(lines: list[str], first: int) -> list[tuple[int, int, str]]:
    """(line number, indent, text): hard-wrapped text joined to the line it continues."""
    out: list[tuple[int, int, str]] = []
    open_line = False
    for index in range(first, len(lines)):
        raw = lines[index]
        stripped = raw.strip()
        if not stripped:
            open_line = False
            continue
        heading = raw.startswith("#") and re.match(r"^#{1,6}\s", raw)
        if open_line and not heading and not _STARTER.match(stripped):
            number, indent, text = out[-1]
            out[-1] = (number, indent, f"{text} {stripped}")
            continue
        out.append((index + 1, len(raw) - len(raw.lstrip()), stripped if not heading else raw))
        open_line = True  # a '--' line continues with its inference rule
    return out


def loads(text: str, path: str = "<argdown>") -> ImportResult:
    """Argdown text -> Map; every line that does not translate is reported (I002)."""
    reader = _Reader(path)
    lines = _strip_comments(text.replace("\r\n", "\n").lstrip("\ufeff"), reader)
    title, first = _front_matter(lines, reader)
    stack: list[tuple[int, str]] = []  # (indent, node id)
    last_argument: str | None = None
    pcs: _Pcs | None = None
    for number, indent, stripped in _logical_lines(lines, first):
        heading = _HEADING.match(stripped)
        if heading and stripped.startswith("#"):
            _finish_pcs(reader, pcs)
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
            elif pcs.conclusion_at != len(pcs.statements):
                pcs.conclusion_at = len(pcs.statements)
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
        _finish_pcs(reader, pcs)
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
    _finish_pcs(reader, pcs)
    return _build(reader, title)


def _section(reader: _Reader, raw_title: str, number: int) -> None:
    """``# Heading {id: x}`` -> a section (``{id: ...}`` data gives its id)."""
    data = _DATA.search(raw_title)
    explicit = None
    if data:
        raw_title = raw_title[: data.start()]
        for item in data.group(1).split(","):
            key, _, value = item.partition(":")
            value = value.strip().strip("'\"")
            if key.strip() == "id" and is_valid_id(value):
                explicit = value
            elif item.strip():
                reader.warn(number, f"data {item.strip()!r} not translated")
    section_title = " ".join(raw_title.split())
    section_id, n = explicit or slugify(section_title), 2
    while any(s.id == section_id for s in reader.sections):
        section_id, n = f"{slugify(section_title)}-{n}", n + 1
    reader.sections.append(Section(section_id, section_title, explicit is not None))
    reader.section = section_id


def _build(reader: _Reader, title: str | None) -> ImportResult:
    relations: list[Relation] = []
    for kind, source, target, _line in reader.relations:
        if kind is not RelationKind.UNDERCUTS:
            relations.append(Relation(kind, source, target))
    for kind, source, target, line in reader.relations:
        if kind is RelationKind.UNDERCUTS:
            aimed = [r for r in relations if r.source == target and r.kind in (RelationKind.SUPPORTS, RelationKind.ATTACKS)]
            if not aimed:
                reader.warn(line, f"undercut of {target!r}, which supports or attacks nothing, not translated")
            for rel in aimed:
                relations.append(Relation(RelationKind.UNDERCUTS, source, None, LinkRef(rel.source, str(rel.target))))
    nodes = tuple(
        Node(node_id, data.kind or NodeKind.CLAIM, data.text, data.section, tuple(data.tags), notes=tuple(data.notes))
        for node_id, data in reader.nodes.items()
    )
    if not nodes:
        return ImportResult(None, reader.problems + [diag(reader.path, "", "no Argdown statements or arguments found", line=1)])
    order = {s.id: i for i, s in enumerate(reader.sections)}
    position = {node_id: data.order for node_id, data in reader.nodes.items()}
    nodes = tuple(sorted(nodes, key=lambda n: (-1 if n.section is None else order[n.section], position[n.id])))
    built = Map(title=title, sections=tuple(reader.sections), nodes=nodes, relations=tuple(relations))
    problems = sorted(reader.problems, key=lambda d: (d.span.line, d.span.column))
    return ImportResult(parse_text(write_map(built), reader.path).map, problems)


def _text(value: str) -> str:
    """A text for Argdown: one line, with the characters Argdown reads as syntax escaped."""
    escaped = re.sub(r"([\\\[\]<>{}#])", r"\\\1", " ".join(value.split()))
    return re.sub(r"/(?=[/*])", r"\\/", escaped)


def export_map(argmap: Map) -> str:
    """The map as Argdown: statements with their outgoing relations."""
    out: list[str] = []
    if argmap.title:
        out += ["===", f"title: {_text(argmap.title)!s}", "===", ""]
    lost = _not_exported(argmap)
    if lost:
        out += [f"// argmap export: not expressible in Argdown and left out: {', '.join(lost)}", ""]
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


def _not_exported(argmap: Map) -> list[str]:
    """What the Argdown export leaves out, for a comment at its top."""
    def count(n: int, word: str) -> str:
        singular, _, plural = word.partition("|")
        return f"{n} {singular if n == 1 else plural or singular + 's'}"

    lost = []
    if argmap.description:
        lost.append("the description")
    pairs = [
        (len(argmap.sources), "source"),
        (sum(len(n.citations) for n in argmap.nodes), "citation"),
        (sum(len(n.notes) for n in argmap.nodes), "note"),
        (sum(len(n.ratings) for n in argmap.nodes), "rating"),
        (sum(1 for n in argmap.nodes if n.actors or n.date or n.credibility or n.relevance), "node with actors/date/levels|nodes with actors/date/levels"),
        (sum(1 for r in argmap.relations if r.weight is not None), "weight"),
        (len(argmap.expectations), "expectation"),
    ]
    lost += [count(n, word) for n, word in pairs if n]
    return lost
