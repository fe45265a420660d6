"""Editor features computed from a map, its text and a position. Pure: plain
data in argmap positions (1-based, code points); no pygls here, so every
feature can be tested without a server."""

from __future__ import annotations

import re
from dataclasses import dataclass

from argmap.lsp.symbols import Occurrence, SymbolKind
from argmap.model import Grade, Level, Map, NodeKind, RelationRole, Span, is_valid_id
from argmap.render.facts import MapFacts
from argmap.render.outline_md import md_escape
from argmap.render.wording import hover_markdown, source_fields
from argmap.syntax.keywords import ATTRIBUTE_KEYWORDS, BLOCK_KEYWORDS, RELATION_OF, RELATION_SYNTAX, Shape

__all__ = [
    "hover_text",
    "Completion",
    "completions",
    "FoldRange",
    "folding_ranges",
    "DocumentSymbol",
    "document_symbols",
    "rename_problem",
]

_KIND_WORDS = tuple(kind.value for kind in NodeKind)
_LEVELS = tuple(level.value for level in Level)


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hover_text(argmap: Map, occurrence: Occurrence) -> str | None:
    """Markdown for the thing named at the cursor."""
    if occurrence.kind is SymbolKind.NODE:
        node = argmap.node_by_id.get(occurrence.name)
        if node is None:
            return f"**{occurrence.name}**: no node has this id"
        # the node's facts as every report words them (argmap.render.facts), map texts escaped
        return hover_markdown(MapFacts(argmap).of(node), escape=md_escape)
    if occurrence.kind is SymbolKind.SOURCE:
        source = argmap.source_by_id.get(occurrence.name)
        if source is None:
            return f"**{occurrence.name}**: no source has this id"
        lines = [f"**source** `{source.id}`", "", md_escape(source.title)]
        facts = [f"{fact.label.lower()}: {md_escape(fact.value)}" for fact in source_fields(source)]
        if facts:
            lines += ["", " · ".join(facts)]
        cited_by = sorted({n.id for n in argmap.nodes for c in n.citations if c.source == source.id})
        lines += ["", f"cited by {len(cited_by)} node(s)" + (": " + ", ".join(cited_by[:12]) if cited_by else "")]
        return "\n".join(lines)
    if occurrence.kind is SymbolKind.SECTION:
        section = argmap.section_by_id.get(occurrence.name)
        if section is None:
            return None
        count = sum(1 for n in argmap.nodes if n.section == section.id)
        return f"**section** `{section.id}`: {section.title} ({count} nodes)"
    return f"**include** `{occurrence.name}`"


@dataclass(frozen=True)
class Completion:
    label: str
    kind: str  # node | source | keyword | kind | tag | grade | level
    detail: str = ""


_QUESTION_ROLES = (RelationRole.BEARING, RelationRole.ANSWER)  # their targets are questions, without weights


def _node_completions(argmap: Map, *, only: tuple[NodeKind, ...] = ()) -> list[Completion]:
    return [Completion(n.id, "node", f"{n.kind.value}: {_shorten(n.text, 60)}")
            for n in argmap.nodes if not only or n.kind in only]


def completions(argmap: Map, line_text: str, column: int) -> list[Completion]:
    """What may be written at ``column`` (1-based) of ``line_text``."""
    before = line_text[: column - 1]
    stripped = before.lstrip()
    indented = before != stripped
    words = stripped.split()
    partial = "" if not stripped or stripped[-1].isspace() or stripped[-1] == "," else words[-1]
    head = words[0] if words else ""
    count = len(words) - (1 if partial else 0)
    if not indented and count == 0:
        return [Completion(k, "kind" if k in _KIND_WORDS else "keyword") for k in BLOCK_KEYWORDS]
    if indented and count == 0:
        return [Completion(k, "keyword") for k in ATTRIBUTE_KEYWORDS]
    relation = RELATION_SYNTAX[RELATION_OF[head]] if head in RELATION_OF else None
    if relation is not None and relation.kind.role in _QUESTION_ROLES:
        return _node_completions(argmap, only=(NodeKind.QUESTION,))
    if relation is not None and relation.shape is Shape.TARGETS:
        if count >= 2 and not stripped.rstrip().endswith(",") and words[-1 if not partial else -2] != "weight":
            return [Completion("weight", "keyword")] if not partial else _node_completions(argmap)
        return _node_completions(argmap)
    if relation is not None:  # an undercut: of a link (A -> B) or of an argument
        if "->" in stripped:
            source = words[1] if len(words) > 1 else ""
            targets = {r.target for r in argmap.outgoing.get(source, ()) if r.target}
            found = [c for c in _node_completions(argmap) if c.label in targets]
            return found or _node_completions(argmap)
        return _node_completions(argmap)
    if head == "cite" and count == 1:
        return [Completion(s.id, "source", _shorten(s.title, 60)) for s in argmap.sources]
    if head == "rates":
        last = words[-2] if partial and len(words) >= 2 else (words[-1] if words else "")
        if (count >= 2 and last.rstrip(",") not in ("rates",) and not stripped.rstrip().endswith(",")
                and last in argmap.node_by_id):
            return [Completion(g.value, "grade") for g in Grade]
        return _node_completions(argmap, only=(NodeKind.HYPOTHESIS,))
    if head == "tags":
        used = sorted({t for n in argmap.nodes for t in n.tags})
        return [Completion(t, "tag") for t in used]
    if head == "actors":
        used = sorted({a for n in argmap.nodes for a in n.actors if " " not in a})
        return [Completion(a, "tag") for a in used]
    if head in ("credibility", "relevance") and count == 1:
        return [Completion(level, "level") for level in _LEVELS]
    if head == "expect":
        if count == 1:
            return _node_completions(argmap)
        if count == 2:
            return [Completion(w, "keyword") for w in ("accepted", "rejected", "undecided", "leads")]
        if count == 3:
            return [Completion("under", "keyword")]
        return [Completion(w, "keyword") for w in ("grounded", "complete", "preferred", "stable")]
    return []


@dataclass(frozen=True)
class FoldRange:
    start_line: int  # 1-based, inclusive
    end_line: int
    kind: str  # region | comment


def folding_ranges(text: str) -> list[FoldRange]:
    """Each block, each section (to the next section) and each run of comments."""
    lines = text.split("\n")
    starts = [i for i, line in enumerate(lines, 1) if re.match(r"(?:{})\b".format("|".join(BLOCK_KEYWORDS)), line)]
    ranges: list[FoldRange] = []

    def last_content(begin: int, end: int) -> int:
        while end > begin and not lines[end - 1].strip():
            end -= 1
        return end

    for index, start in enumerate(starts):
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        end = last_content(start, end)
        if end > start:
            ranges.append(FoldRange(start, end, "region"))
    sections = [s for s in starts if lines[s - 1].startswith("section")]
    for index, start in enumerate(sections):
        end = sections[index + 1] - 1 if index + 1 < len(sections) else len(lines)
        end = last_content(start, end)
        if end > start:
            ranges.append(FoldRange(start, end, "region"))
    run_start = None
    for number, line in enumerate(lines + [""], 1):
        if line.lstrip().startswith("#"):
            run_start = run_start or number
        else:
            if run_start is not None and number - 1 > run_start:
                ranges.append(FoldRange(run_start, number - 1, "comment"))
            run_start = None
    return sorted(ranges, key=lambda r: (r.start_line, r.end_line))


@dataclass(frozen=True)
class DocumentSymbol:
    name: str
    detail: str
    kind: str  # section | node kind | source
    span: Span
    selection: Span
    children: tuple[DocumentSymbol, ...] = ()


def document_symbols(argmap: Map, file: str) -> list[DocumentSymbol]:
    """Sources, then sections containing their nodes (nodes before any section
    at the top level), in file order."""
    result: list[DocumentSymbol] = []
    for source in argmap.sources:
        if source.span.file == file:
            result.append(DocumentSymbol(source.id, _shorten(source.title, 60), "source", source.span, source.id_span))
    by_section: dict[str | None, list[DocumentSymbol]] = {}
    for node in argmap.nodes:
        if node.span.file != file:
            continue
        symbol = DocumentSymbol(node.id, _shorten(node.text, 60), node.kind.value, node.span, node.id_span)
        by_section.setdefault(node.section, []).append(symbol)
    result.extend(by_section.pop(None, []))
    for section in argmap.sections:
        if section.span.file != file:
            continue
        children = tuple(by_section.get(section.id, ()))
        end = children[-1].span if children else section.span
        whole = Span(file, section.span.line, 1, end.end_line, end.end_column)
        result.append(DocumentSymbol(section.title, section.id, "section", whole, section.span, children))
    return sorted(result, key=lambda s: (s.span.line, s.span.column))


def rename_problem(argmap: Map, kind: SymbolKind, old: str, new: str) -> str | None:
    """Why ``old`` cannot become ``new``, or None when the rename is safe."""
    if not is_valid_id(new):
        return f"'{new}' is not a valid id (letters, digits, _, and . or - between words; not starting with a digit)"
    if new in BLOCK_KEYWORDS + ATTRIBUTE_KEYWORDS:
        return f"'{new}' is a keyword"
    if new == old:
        return None
    taken = argmap.node_by_id if kind is SymbolKind.NODE else argmap.source_by_id if kind is SymbolKind.SOURCE else argmap.section_by_id
    if new in taken:
        return f"'{new}' is already the id of another {kind.value}"
    return None

