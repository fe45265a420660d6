r"""Kialo's plain-text discussion export -> Map.

    Discussion Title: Should zoos exist?

    1. Zoos should exist.
    1.1. Pro: Zoos protect endangered species.
    1.1.1. Con: Most zoo animals are not endangered.
    1.2. Con: Animals suffer in captivity.
    1.2.1. Pro: -> See 1.1.1.

The thesis (``1.``) becomes a ``thesis``; ``Pro:`` entries ``claim``s that
support their parent, ``Con:`` entries ``counter``s that attack it. A line
without a number continues the entry above. ``-> See 1.2.3.`` makes the entry
a link: the claim 1.2.3 supports (Pro) or attacks (Con) the parent, and the
linked claim gets a note naming the link (``Kialo 1.2.1 links here``). A
``-> See`` that names no entry of this discussion (another discussion, a
web address) stays a node whose text is the reference, with a note.

Kialo writes its texts as Markdown: the backslash escapes it adds (``\(``,
``\[``, ``\*``, ``\_``...) are removed; Markdown links ``[text](url)`` are
kept as written. Lines that do not fit are reported (I002) with their line
number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.diagnostics import Severity
from argmap.interop.json_ import ImportResult, diag
from argmap.interop.writer import IdMaker, write_map
from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from argmap.syntax import parse_text

__all__ = ["loads", "unescape"]


@dataclass
class _Entry:
    number: str
    stance: str  # "pro", "con" or ""
    text: str
    line: int

_ENTRY = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+(?:(Pro|Con)\s*:\s*)?(.*)$", re.I)
_SEE = re.compile(r"^->\s*See\s+(\d+(?:\.\d+)*)\.?\s*$", re.I)
_SEE_ELSEWHERE = re.compile(r"^->\s*See\b\s*(.*)$", re.I)
_TITLE = re.compile(r"^\s*Discussion Title\s*:\s*(.*)$", re.I)
# Markdown's backslash escapes (CommonMark: any ASCII punctuation may be escaped)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    """Kialo's Markdown text without its backslash escapes: ``\\(1\\)`` -> ``(1)``."""
    return _ESCAPE.sub(r"\1", text)


def loads(text: str, path: str = "<kialo>") -> ImportResult:
    """Kialo text -> Map; unreadable lines are warnings with their line."""
    title: str | None = None
    entries: list[_Entry] = []
    problems = []
    for lineno, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        match = _TITLE.match(line)
        if match and title is None and not entries:
            title = unescape(" ".join(match.group(1).split())) or None
            continue
        match = _ENTRY.match(line)
        if match:
            entries.append(_Entry(match.group(1), (match.group(2) or "").lower(), match.group(3).strip(), lineno))
        elif entries:
            entries[-1].text = f"{entries[-1].text} {line}"
        else:
            problems.append(diag(path, "", "not a Kialo entry (1., 1.1. Pro: ...); ignored", line=lineno,
                                 severity=Severity.WARNING))
    if not entries:
        return ImportResult(None, problems + [diag(path, "", "no Kialo entries (1., 1.1. Pro: ...) found", line=1)])
    ids = IdMaker()
    node_of: dict[str, str] = {}
    nodes: list[Node] = []
    links: list[_Entry] = []
    placed: list[_Entry] = []
    notes: dict[str, list[str]] = {}
    for entry in entries:
        number, text = entry.number, " ".join(entry.text.split())
        if number in node_of:
            problems.append(diag(path, "", f"entry {number} appears twice; the second is ignored",
                                 line=entry.line, severity=Severity.WARNING))
            continue
        if _SEE.match(text):
            links.append(entry)
            continue
        placed.append(entry)
        stance = entry.stance
        kind = NodeKind.THESIS if "." not in number else (NodeKind.COUNTER if stance == "con" else NodeKind.CLAIM)
        elsewhere = _SEE_ELSEWHERE.match(text)
        text = unescape(elsewhere.group(1) if elsewhere else text)
        node_of[number] = ids.make(text, fallback="k")
        notes[node_of[number]] = [f"Kialo {number}"] + (["Kialo link to another discussion"] if elsewhere else [])
        nodes.append(Node(node_of[number], kind, text))
    relations: list[Relation] = []

    def relate(source: str, parent: str, stance: str, line: int) -> None:
        if parent not in node_of:
            problems.append(diag(path, "", f"the parent entry {parent} does not exist", line=line,
                                 severity=Severity.WARNING))
            return
        if stance not in ("pro", "con"):
            problems.append(diag(path, "", "no Pro:/Con: stance; read as Pro", line=line,
                                 severity=Severity.WARNING))
        kind = RelationKind.ATTACKS if stance == "con" else RelationKind.SUPPORTS
        relations.append(Relation(kind, source, node_of[parent]))

    for entry in placed:
        if "." in entry.number:
            relate(node_of[entry.number], entry.number.rsplit(".", 1)[0], entry.stance, entry.line)
    for entry in links:
        match = _SEE.match(" ".join(entry.text.split()))
        assert match is not None
        target = match.group(1)
        if target not in node_of:
            problems.append(diag(path, "", f"'-> See {target}' points to no entry", line=entry.line,
                                 severity=Severity.WARNING))
            continue
        relate(node_of[target], entry.number.rsplit(".", 1)[0], entry.stance, entry.line)
        notes[node_of[target]].append(f"Kialo {entry.number} links here")
    nodes = [Node(n.id, n.kind, n.text, notes=tuple(notes[n.id])) for n in nodes]
    built = Map(title=title, nodes=tuple(nodes), relations=tuple(relations))
    return ImportResult(parse_text(write_map(built), path).map, problems)
