"""Blocks and what depends on what: the ground of incremental checking.

A block is one top-level element with what is written under it: a node with
its relations, a source, a section, an expectation. Each block *defines* ids
(a node's id, a source's, a section's) and *names* ids (a relation's target,
a cited source, a rated hypothesis, the section a node is in, an expected
node). A rule of scope ``BLOCK`` (argmap.checks.base.Scope) promises that a
finding located in block b depends only on b and on the blocks that share an
id with b where one of the two defines it (``neighbours``).

So after an edit that replaced some blocks, the findings that can change are
those located in the new blocks and in the neighbours of the old and new ones
(``affected``); to recompute them the rules run on those blocks and their own
neighbours (``closure``), a small part of a big map.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from argmap.checks import Rule
from argmap.diagnostics import Diagnostic
from argmap.lsp.chunks import Part
from argmap.model import Expectation, Map, Node, Relation, Section, Source

__all__ = ["Block", "DependencyIndex", "Unparsed", "blocks_of", "definitions", "locate", "reads_alike", "submap",
           "unchanged_kept"]

Key = tuple[str, str]  # ("node" | "source" | "section", id)


@dataclass(frozen=True)
class Unparsed:
    """The id of a block whose header did not parse (``Map.unparsed_ids``):
    references to it are not reported as undefined, so it counts as defined."""

    id: str


Element = Node | Source | Section | Expectation | Unparsed


@dataclass(eq=False)
class Block:
    first: int  # its lines, 1-based, inclusive
    last: int
    element: Element
    relations: tuple[Relation, ...]
    defines: tuple[Key, ...]
    names: tuple[Key, ...]
    findings: list[Diagnostic] = field(default_factory=list)  # of the BLOCK rules, located here


def _node_names(node: Node, relations: tuple[Relation, ...]) -> tuple[Key, ...]:
    names: list[Key] = []
    for relation in relations:
        link = relation.link
        if link is not None:
            names += [("node", link.source), ("node", link.target)]
        elif relation.target is not None:
            names.append(("node", relation.target))
    names += [("node", premise) for premise in node.premises]
    names += [("node", rating.hypothesis) for rating in node.ratings]
    names += [("source", citation.source) for citation in node.citations]
    if node.section is not None:
        names.append(("section", node.section))
    return tuple(dict.fromkeys(names))


def definitions(blocks: Iterable[Block]) -> list[tuple[object, ...]]:
    """What ``blocks`` define, where, with each node's kind: what the rules'
    suggestions are taken from (the order of the ids too)."""
    return [(block.first, block.defines, getattr(block.element, "kind", None)) for block in blocks if block.defines]


def blocks_of(argmap: Map) -> list[Block]:
    """The blocks of one file's map, in file order."""
    blocks: list[Block] = []
    relations = argmap.relations
    at = 0
    for node in argmap.nodes:
        begin = at
        end_line = node.span.end_line
        while at < len(relations) and relations[at].source == node.id and relations[at].span.line <= end_line:
            at += 1
        own = relations[begin:at]
        blocks.append(Block(node.span.line, end_line, node, own, (("node", node.id),), _node_names(node, own)))
    if at != len(relations):  # pragma: no cover - every relation is written under its node
        raise ValueError("a relation outside its node's block")
    for source in argmap.sources:
        blocks.append(Block(source.span.line, source.span.end_line, source, (), (("source", source.id),), ()))
    for section in argmap.sections:
        blocks.append(Block(section.span.line, section.span.end_line, section, (), (("section", section.id),), ()))
    for expectation in argmap.expectations:
        blocks.append(Block(expectation.span.line, expectation.span.end_line, expectation, (), (),
                            (("node", expectation.node),)))
    for name in argmap.unparsed_ids:  # no place of their own: no finding is located there
        blocks.append(Block(0, 0, Unparsed(name), (), (("node", name),), ()))
    blocks.sort(key=lambda b: b.first)
    return blocks


class DependencyIndex:
    """Which blocks define, and which name, each id."""

    def __init__(self) -> None:
        self.definers: dict[Key, set[Block]] = {}
        self.namers: dict[Key, set[Block]] = {}

    def add(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            for key in block.defines:
                self.definers.setdefault(key, set()).add(block)
            for key in block.names:
                self.namers.setdefault(key, set()).add(block)

    def remove(self, blocks: Iterable[Block]) -> None:
        for block in blocks:
            for table, keys in ((self.definers, block.defines), (self.namers, block.names)):
                for key in keys:
                    found = table.get(key)
                    if found is not None:
                        found.discard(block)
                        if not found:
                            del table[key]

    def neighbours(self, block: Block, into: set[Block]) -> None:
        """Add to ``into`` the blocks that share an id with ``block``, one of
        the two defining it (a block defines its own id: duplicates count)."""
        for key in block.defines:
            into.update(self.definers.get(key, ()))
            into.update(self.namers.get(key, ()))
        for key in block.names:
            into.update(self.definers.get(key, ()))

    def affected(self, removed: Iterable[Block], added: Iterable[Block]) -> set[Block]:
        """The blocks of the current map whose findings the change can alter."""
        found: set[Block] = set(added)
        for block in [*removed, *found]:
            self.neighbours(block, found)
        return found

    def naming_undefined(self) -> set[Block]:
        """The blocks that name an id no block defines (where rules suggest ids)."""
        found: set[Block] = set()
        for key, blocks in self.namers.items():
            if key not in self.definers:
                found.update(blocks)
        return found

    def closure(self, blocks: set[Block]) -> set[Block]:
        """``blocks`` with every neighbour: what their findings depend on."""
        found = set(blocks)
        for block in blocks:
            self.neighbours(block, found)
        return found


def submap(blocks: Iterable[Block], files: tuple[str, ...]) -> Map:
    """A map of these blocks, in file order."""
    ordered = sorted(blocks, key=lambda b: b.first)
    nodes: list[Node] = []
    relations: list[Relation] = []
    sources: list[Source] = []
    sections: list[Section] = []
    expectations: list[Expectation] = []
    unparsed: list[str] = []
    for block in ordered:
        element = block.element
        if isinstance(element, Node):
            nodes.append(element)
            relations.extend(block.relations)
        elif isinstance(element, Source):
            sources.append(element)
        elif isinstance(element, Section):
            sections.append(element)
        elif isinstance(element, Expectation):
            expectations.append(element)
        else:
            unparsed.append(element.id)
    return Map(sources=tuple(sources), sections=tuple(sections), nodes=tuple(nodes), relations=tuple(relations),
               expectations=tuple(expectations), files=files, unparsed_ids=tuple(unparsed))


def locate(diagnostics: Iterable[Diagnostic], blocks: list[Block]) -> tuple[dict[Block, list[Diagnostic]],
                                                                              list[Diagnostic]]:
    """Each diagnostic by the block (of ``blocks``, in file order) holding its
    first line; the diagnostics no block holds."""
    firsts = [b.first for b in blocks]
    placed: dict[Block, list[Diagnostic]] = {}
    lost: list[Diagnostic] = []
    for diagnostic in diagnostics:
        line = diagnostic.span.line
        at = bisect.bisect_right(firsts, line) - 1
        if at >= 0 and blocks[at].first <= line <= blocks[at].last:
            placed.setdefault(blocks[at], []).append(diagnostic)
        else:
            lost.append(diagnostic)
    return placed, lost


def _signatures(part: Part, blocks: list[Block]) -> list[tuple[object, ...]]:
    """What makes a block the same block: its kind, its place, its section and its lines."""
    lines = part.text.split("\n")
    first_line = part.first_line
    found: list[tuple[object, ...]] = []
    for block in blocks:
        element = block.element
        if isinstance(element, Unparsed):
            found.append(("Unparsed", element.id))
            continue
        section = element.section if isinstance(element, Node) else None
        text = "\n".join(lines[block.first - first_line: block.last - first_line + 1])
        found.append((type(element).__name__, block.first, block.last, section, text))
    return found


def unchanged_kept(removed: list[tuple[Part, list[Block]]],
                   added: list[tuple[Part, list[Block]]]) -> tuple[list[Block], list[Block]]:
    """Pair each new block with an old one of the same lines in the same place
    (it keeps the old one's findings); the blocks left are the changed ones."""
    old_blocks = [b for _, blocks in removed for b in blocks]
    new_blocks = [b for _, blocks in added for b in blocks]
    if not old_blocks or not new_blocks:
        return old_blocks, new_blocks
    by_signature: dict[tuple[object, ...], Block] = {}
    for part, blocks in removed:
        for block, signature in zip(blocks, _signatures(part, blocks)):
            by_signature.setdefault(signature, block)
    changed_new: list[Block] = []
    kept: set[Block] = set()
    for part, blocks in added:
        for block, signature in zip(blocks, _signatures(part, blocks)):
            old = by_signature.pop(signature, None)
            if old is None:
                changed_new.append(block)
            else:
                block.findings = old.findings
                kept.add(old)
    return [b for b in old_blocks if b not in kept], changed_new


def reads_alike(rule: type[Rule], old: list[Block], new: list[Block]) -> bool:
    """Whether the part of the changed blocks that ``rule`` reads is as it was
    (same places, same values, same order)."""
    if [b.first for b in old] != [b.first for b in new]:
        return False
    for before, after in zip(old, new):
        if isinstance(before.element, Unparsed) or isinstance(after.element, Unparsed):
            return False
        a = rule.reads(before.element, before.relations)
        b = rule.reads(after.element, after.relations)
        if a is None or b is None or a != b:
            return False
    return True
