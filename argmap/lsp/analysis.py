"""Re-analysis of an open document after each edit: only what the edit can change.

    text --chunks (argmap.lsp.chunks)--> parts --blocks (argmap.lsp.blocks)-->
        syntax + the rules' findings, re-checked where the edit reaches

Two stages, as the server publishes them: ``analyse(text)`` gives the syntax
errors and every rule's findings but the expectations, at once; then
``complete(analysis)`` adds the expectations (``expect`` lines, which
evaluate the whole map), a moment later.

After an edit the chunks it touched are parsed again and their blocks
compared with the blocks they had: a block with the same lines, in the same
place, under the same section is unchanged. The rules of scope ``BLOCK`` run
again only where a changed block reaches (its neighbours: see
argmap.lsp.blocks), on a map of those blocks and their own neighbours; the
rules of scope ``MAP`` (cycles) run on the whole map unless nothing they read
changed (``Rule.reads``). The result is what a full check of the text gives;
the tests compare the two through random edits.

A document with ``include`` lines is analysed whole through the loader, which
follows the includes (each file once, within the loader's budget), as is a
document past that budget on its own (E003).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.checks import CheckContext, Rule, Scope, all_rules, code_selected
from argmap.checks.rules_common import SUGGESTION_BUDGET
from argmap.diagnostics import Diagnostic, Severity, sort_diagnostics
from argmap.lsp.blocks import (
    Block,
    DependencyIndex,
    blocks_of,
    definitions,
    locate,
    reads_alike,
    submap,
    unchanged_kept,
)
from argmap.lsp.chunks import CHUNK_CHARS, Chunker, Part
from argmap.lsp.suppressions import SuppressionCache
from argmap.model import Map, Span

__all__ = ["DocumentAnalysis", "IncrementalAnalyzer", "prepare_text"]

_MOST = 0.2  # an edit that changed this share of the blocks re-checks them all at once
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONE_CR = re.compile(r"\r(?!\n)")


def prepare_text(text: str, path: str) -> tuple[str, list[Diagnostic]]:
    """The text as argmap reads a file: line ends as line feeds (a lone CR is
    a line end, as for the editor), and a lone surrogate (possible in an
    editor's text, never in a UTF-8 file) replaced by U+FFFD, as undecodable
    bytes are, with an E002 diagnostic. Lengths are kept: every position stays."""
    problems: list[Diagnostic] = []
    if "\r" in text:
        text = _LONE_CR.sub("\n", text.replace("\r\n", "\n"))
    if not text.isascii():
        found = _SURROGATE.search(text)
        if found is not None:
            position = found.start()
            line = text.count("\n", 0, position) + 1
            column = position - text.rfind("\n", 0, position)
            problems.append(Diagnostic(
                code="E002", rule="invalid-encoding", severity=Severity.ERROR,
                message=f"the text holds a lone surrogate (U+{ord(found.group()):04X}), which is not a character",
                span=Span(path, line, column, line, column + 1),
                hint="delete it or retype the character; argmap reads it as U+FFFD",
            ))
            text = _SURROGATE.sub("\ufffd", text)
    return text, problems


class DocumentAnalysis:
    """One version of a document: its diagnostics and, built on first use,
    its map (every part put together)."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...], parts: tuple[Part, ...], build: Callable[[], Map],
                 *, complete: bool = False, texts: dict[str, str] | None = None) -> None:
        self.diagnostics = diagnostics
        self.parts = parts
        self.complete = complete  # True: the expectations are in
        self.texts = texts or {}
        self._build = build
        self._map: Map | None = None

    @property
    def map(self) -> Map:
        if self._map is None:
            self._map = self._build()
        return self._map


@dataclass
class _Rules:
    block: list[type[Rule]] = field(default_factory=list)
    whole: list[type[Rule]] = field(default_factory=list)


class IncrementalAnalyzer:
    """One per open document: ``analyse(text)`` after every change."""

    def __init__(self, path: str, *, sources: tuple[str, ...] = (), select: tuple[str, ...] = (),
                 ignore: tuple[str, ...] = (), allow_outside: bool = False, chunk_size: int = CHUNK_CHARS) -> None:
        self.path = path
        self.sources = tuple(sources)
        self.select = tuple(select)
        self.ignore = tuple(ignore)
        self.allow_outside = allow_outside
        self.chunk_size = chunk_size
        self.rules = _Rules()
        for rule in all_rules():
            if rule.opt_in and not self.select:
                continue  # an opt-in rule runs only when selected (as argmap check runs it)
            if code_selected(rule.code, self.select, self.ignore):
                (self.rules.block if rule.scope is Scope.BLOCK else self.rules.whole).append(rule)
        self._reset()

    def _reset(self) -> None:
        from argmap.loader import ParseCache

        self._chunker = Chunker(self.path, self.chunk_size)
        self._includes = ParseCache()
        self._text = ""
        self._forget()

    def _forget(self) -> None:
        """Drop what the rules found (the chunks are kept): the next analysis checks everything."""
        self._parts: list[Part] = []
        self._blocks: dict[int, tuple[Part, list[Block]]] = {}  # id(part) -> its blocks
        self._total = 0  # blocks in all
        self._index = DependencyIndex()
        self._with_findings: set[Block] = set()
        self._whole_findings: dict[str, list[Diagnostic]] = {}
        self._suppressions = SuppressionCache(self.path)
        self._fresh = True  # nothing computed yet: run everything

    # -- the first stage
    def analyse(self, text: str) -> DocumentAnalysis:
        """Syntax errors and every rule's findings except the expectations."""
        from argmap.memory import collector_paused

        text, problems = prepare_text(text, self.path)
        self._text = text
        with collector_paused():
            self._chunker.update(text)
            parts = self._chunker.parts() or [self._whole_part(text)]
            if any(p.map.includes for p in parts) or _over_budget(text, parts):
                return self._analyse_whole(text, problems)  # the loader follows includes, or says E003
            merged = _Lazy(lambda: _merge(parts, self.path))
            self._update(parts, merged)
            found = [d for p in parts for d in p.syntax if code_selected(d.code, self.select, self.ignore)]
            found += problems
            for block in self._with_findings:
                found.extend(block.findings)
            for findings in self._whole_findings.values():
                found.extend(findings)
            found = self._suppressions.filter(parts, found)
        return DocumentAnalysis(tuple(sort_diagnostics(found)), tuple(parts), merged.get, texts={self.path: text})

    def _whole_part(self, text: str) -> Part:
        from argmap.syntax import parse_text

        result = parse_text(text, self.path)
        return Part(tuple(self._chunker.chunks), result.map, tuple(result.diagnostics))

    def _update(self, parts: list[Part], merged: _Lazy) -> None:
        fresh, self._fresh = self._fresh, False  # (a finding no block holds sets it again)
        new_ids = {id(p) for p in parts}
        gone = {id(p): self._blocks.pop(id(p)) for p in self._parts if id(p) not in new_ids}
        come: dict[int, tuple[Part, list[Block]]] = {}
        for part in parts:
            if id(part) not in self._blocks:
                come[id(part)] = self._blocks[id(part)] = (part, blocks_of(part.map))
        self._parts = parts
        self._total += sum(len(b) for _, b in come.values()) - sum(len(b) for _, b in gone.values())
        removed = [b for _, blocks in gone.values() for b in blocks]
        added = [b for _, blocks in come.values() for b in blocks]
        moved = self._moved(gone, come)
        changed_old, changed_new = unchanged_kept(list(gone.values()), list(come.values()))
        self._index.remove(removed)
        self._index.add(added)
        for block in removed:
            self._with_findings.discard(block)
        for block in added:
            if block.findings:
                self._with_findings.add(block)
        context = self._context(merged.get)
        if fresh or len(changed_new) > self._total * _MOST:  # most of the map: check it all at once
            self._all_block_rules(merged.get(), context)
        elif changed_old or changed_new or moved:
            self._block_rules(changed_old, changed_new, moved, context, merged)
        self._whole_rules(sorted([*changed_old, *(old for old, _ in moved)], key=lambda b: b.first),
                          sorted([*changed_new, *(new for _, new in moved)], key=lambda b: b.first), merged, context,
                          fresh)

    def _moved(self, gone: dict[int, tuple[Part, list[Block]]],
               come: dict[int, tuple[Part, list[Block]]]) -> list[tuple[Block, Block]]:
        """Blocks of chunks that only moved to other lines (lines inserted or
        deleted above them), paired old with new; their parts leave ``gone``
        and ``come``."""
        moved_chunks = self._chunker.moved
        if not moved_chunks:
            return []
        gone_by_chunk = {id(part.chunks[0]): key for key, (part, _) in gone.items() if len(part.chunks) == 1}
        pairs: list[tuple[Block, Block]] = []
        for key, (part, blocks) in list(come.items()):
            chunk = part.chunks[0]
            source = moved_chunks.get(id(chunk))
            if source is None or len(part.chunks) > 1 or part.map is not chunk.parsed.map:
                continue
            old_key = gone_by_chunk.get(id(source))
            if old_key is None:
                continue
            old_part, old_blocks = gone[old_key]
            if old_part.chunks[0] is not source or old_part.map is not source.parsed.map or \
                    len(old_blocks) != len(blocks):
                continue
            pairs.extend(zip(old_blocks, blocks))
            del gone[old_key], come[key]
        return pairs

    def _context(self, whole: Callable[[], Map] | None) -> CheckContext:
        map_dir = Path(self.path).parent if not self.path.startswith("<") else None
        return CheckContext(map_dir=map_dir, source_dirs=tuple(Path(s) for s in self.sources),
                            allow_outside=self.allow_outside, texts={self.path: self._text}, whole=whole)

    def _all_block_rules(self, argmap: Map, context: CheckContext) -> None:
        blocks = [b for _, blocks in self._blocks.values() for b in blocks]
        blocks.sort(key=lambda b: b.first)
        self._place(blocks, [d for rule in self.rules.block for d in rule().check(argmap, context)])

    def _block_rules(self, changed_old: list[Block], changed_new: list[Block], moved: list[tuple[Block, Block]],
                     context: CheckContext, merged: _Lazy) -> None:
        index = self._index
        affected = index.affected(changed_old, changed_new)
        if definitions([*changed_old, *(old for old, _ in moved)]) != \
                definitions([*changed_new, *(new for _, new in moved)]):
            affected |= index.naming_undefined()  # their suggestions come from every id
        if moved:
            # A block that only moved has the findings it had, shown elsewhere: those
            # are found again (they may name lines); a block without findings,
            # moved or beside moved ones, still has none (places never decide a finding).
            arrived = {new for _, new in moved}
            affected.update(new for old, new in moved if old.findings)
            for block in self._with_findings:
                near: set[Block] = set()
                index.neighbours(block, near)
                if not near.isdisjoint(arrived):
                    affected.add(block)
        if not affected:
            return
        reach = sorted(index.closure(affected), key=lambda b: b.first)
        part = submap(reach, (self.path,))
        lines = {line for b in affected for line in range(b.first, b.last + 1)}
        context = dataclasses.replace(context, focus=lines.__contains__)
        found = [d for rule in self.rules.block for d in rule().check(part, context)]
        placed, lost = locate(found, reach)
        if lost:  # a finding outside every block cannot be followed: check everything
            self._all_block_rules(merged.get(), context)
            return
        for block in affected:
            block.findings = placed.get(block, [])
            if block.findings:
                self._with_findings.add(block)
            else:
                self._with_findings.discard(block)
        # Past the suggestion budget, which ids get a "did you mean" depends on
        # the order of the whole map: then the whole map decides.
        suggesting = {rule.code for rule in self.rules.block if rule.suggests}
        counts = Counter(d.code for b in self._with_findings for d in b.findings if d.code in suggesting)
        if counts and max(counts.values()) >= SUGGESTION_BUDGET:
            self._all_block_rules(merged.get(), context)

    def _place(self, blocks: list[Block], found: list[Diagnostic]) -> None:
        placed, lost = locate(found, blocks)
        for block in self._with_findings:
            block.findings = []
        self._with_findings = set()
        for block, findings in placed.items():
            block.findings = findings
            self._with_findings.add(block)
        if lost:  # kept with the whole-map findings (and re-checked fully next time)
            self._whole_findings["lost"] = lost
            self._fresh = True
        else:
            self._whole_findings.pop("lost", None)

    def _whole_rules(self, changed_old: list[Block], changed_new: list[Block], merged: _Lazy,
                     context: CheckContext, fresh: bool) -> None:
        for rule in self.rules.whole:
            if (not fresh and rule.code in self._whole_findings
                    and reads_alike(rule, changed_old, changed_new)):
                continue
            self._whole_findings[rule.code] = list(rule().check(merged.get(), context))

    # -- documents with includes
    def _analyse_whole(self, text: str, problems: list[Diagnostic]) -> DocumentAnalysis:
        from argmap.api import analyse

        self._forget()  # the rules' findings are the loader's analysis's now
        # The loader reads each file once and within its budget (an include
        # fan-out is an E003, not a hang); the cache keeps the included files'
        # parses between edits while they are unchanged on disk.
        result = analyse(self.path, text=text, sources=self.sources, select=self.select, ignore=self.ignore,
                         allow_outside=self.allow_outside, expectations=False, cache=self._includes)
        texts = dict(result.texts)
        return DocumentAnalysis(tuple(sort_diagnostics([*problems, *result.diagnostics])), (), lambda: result.map,
                                texts=texts)

    # -- the second stage
    def complete(self, analysis: DocumentAnalysis) -> DocumentAnalysis:
        """``analysis`` with the expectations' findings added."""
        if analysis.complete:
            return analysis
        from argmap.api import expectation_findings
        from argmap.memory import collector_paused
        from argmap.suppress import filter_suppressed

        with collector_paused():
            found = expectation_findings(analysis.map, select=self.select, ignore=self.ignore)
            found = filter_suppressed(analysis.map, found, analysis.texts)
        done = DocumentAnalysis(tuple(sort_diagnostics([*analysis.diagnostics, *found])), analysis.parts,
                                lambda: analysis.map, complete=True, texts=analysis.texts)
        return done


def _over_budget(text: str, parts: list[Part]) -> bool:
    """Whether the text alone is past what one load may read (the loader's
    budget: then it says so, E003, and no rule runs)."""
    from argmap.loader import DEFAULT_BUDGET as budget

    if len(text) * 4 > budget.bytes and len(text.encode("utf-8", "surrogatepass")) > budget.bytes:
        return True
    return (sum(len(p.map.nodes) for p in parts) > budget.nodes
            or sum(len(p.map.relations) for p in parts) > budget.relations)


class _Lazy:
    """A map built on first use, then kept."""

    def __init__(self, build: Callable[[], Map]) -> None:
        self._build = build
        self._value: Map | None = None

    def get(self) -> Map:
        if self._value is None:
            self._value = self._build()
        return self._value


def _merge(parts: list[Part], path: str) -> Map:
    from argmap.loader import merge_maps

    if len(parts) == 1:
        return parts[0].map
    return dataclasses.replace(merge_maps([p.map for p in parts]), files=(path,))
