"""Files -> one Map: read, decode, parse, and merge ``include``d files.

Include problems (missing file, cycle, a path outside the map's folder) are
diagnostics (E109, E110, E115), never exceptions, so ``argmap check`` reports
them with everything else. Only an unreadable *main* file raises InputError.

Includes form a graph, not a tree: each file is read and parsed once per load
(memoised by its resolved path), however many files include it, and its
elements are merged once. A :class:`Budget` bounds the whole load (files,
bytes, nodes, relations); crossing it is an E003 diagnostic and the load
stops there (``LoadResult.complete`` is False), so no input makes a load run
for long. Every read is bounded too (:func:`read_input`): standard input, a
pipe or ``/dev/zero`` are read up to the cap and refused beyond it
(argmap.inputs, whose functions this module re-exports).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import InputError
from argmap.inputs import (
    MAX_FILE_BYTES,
    decode_input,
    normalise_newlines,
    read_input,
    read_map_text,
    read_stream,
    refuse_link_out,
)
from argmap.model import Map, Span
from argmap.syntax import ParseResult, parse_text

__all__ = [
    "Budget",
    "DEFAULT_BUDGET",
    "ParseCache",
    "LoadResult",
    "load_path",
    "load_text",
    "merge_maps",
    "is_inside",
    "read_input",
    "refuse_link_out",
    "read_stream",
    "decode_input",
    "read_map_text",
    "normalise_newlines",
    "MAX_FILE_BYTES",
    "MAX_INCLUDE_DEPTH",
]

# Limits that protect the user (a 100 MB map is a mistake, not a map).
MAX_INCLUDE_DEPTH = 64
_MB = 1024 * 1024


@dataclass(frozen=True)
class Budget:
    """How much one load (a map and everything it includes) may read.

    ``files``, ``bytes``, ``nodes`` and ``relations`` are totals over the
    load; ``file_bytes`` caps one file (and standard input); ``include_depth``
    caps how deeply includes nest. The language server and ``watch`` pass the
    same object (``DEFAULT_BUDGET``) so an editor is as safe as ``check``."""

    files: int = 2_000
    bytes: int = 256 * _MB
    nodes: int = 1_000_000
    relations: int = 5_000_000
    file_bytes: int = MAX_FILE_BYTES
    include_depth: int = MAX_INCLUDE_DEPTH

    def exceeded(self, files: int, size: int, nodes: int, relations: int) -> str | None:
        """Which limit the totals cross, in words (None: within the budget)."""
        if files > self.files:
            return f"more than {self.files:,} files"
        if size > self.bytes:
            return f"more than {self.bytes // _MB:,} MB of text"
        if nodes > self.nodes:
            return f"more than {self.nodes:,} nodes"
        if relations > self.relations:
            return f"more than {self.relations:,} relations"
        return None


DEFAULT_BUDGET = Budget()


@dataclass(frozen=True)
class LoadResult:
    """The merged map (whatever parsed) and the diagnostics found while loading.

    ``complete`` is False when the budget stopped the load (an E003 diagnostic
    says which limit): the map is then only a part and rules should not run."""

    map: Map
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    # file name as in spans -> the text read (for reports and suppression
    # comments, so that no file is read twice)
    texts: dict[str, str] = field(default_factory=dict, compare=False)
    complete: bool = True


def is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


# ----------------------------------------------------------------- loading


class ParseCache:
    """Files already read and parsed in this run, so a file that several maps
    include (``argmap check a.arg b.arg``, ``--files-from``) is parsed once.
    An entry is used only while the file's inode, size and modification time
    are those it was read with; the budget still counts it in every load."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], tuple[tuple[int, int, int], int, str, ParseResult]] = {}

    def read(self, path: Path, key: str, name: str, limit: int, confine: bool = False) -> tuple[int, str, ParseResult]:
        """(size in bytes, text, parse result with any E002 first) of ``path``
        shown as ``name``; InputError when it cannot be read (``confine``: as
        in :func:`read_input`)."""
        if confine:
            refuse_link_out(path)
        try:
            info = path.stat()
            stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
        except OSError:
            stamp = None
        if stamp is not None:
            hit = self._entries.get((key, name))
            if hit is not None and hit[0] == stamp:
                return hit[1], hit[2], hit[3]
        size, text, result = _read_and_parse(path, name, limit, confine=False)
        if stamp is not None and stamp[0]:  # a real file (not a pipe) may be read again
            self._entries[(key, name)] = (stamp, size, text, result)
        return size, text, result


def _read_and_parse(path: Path, name: str, limit: int, confine: bool) -> tuple[int, str, ParseResult]:
    data = read_input(path, limit, confine=confine)
    text, problem = decode_input(data, name)
    result = parse_text(text, name)
    if problem is not None:
        result = ParseResult(result.map, (problem,) + result.diagnostics)
    return len(data), text, result


@dataclass
class _Load:
    """One load's state: the budget and what it has used, the files merged so
    far (by resolved path) and the maps and diagnostics collected in order."""

    budget: Budget
    root: Path
    allow_outside: bool
    texts: dict[str, str]
    cache: ParseCache | None = None
    files: int = 0
    bytes: int = 0
    nodes: int = 0
    relations: int = 0
    stopped: bool = False
    done: set[str] = field(default_factory=set)
    parts: list[Map] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def spend(self, size: int, argmap: Map) -> str | None:
        """Count one more file; the limit it crosses, if any."""
        self.files += 1
        self.bytes += size
        self.nodes += len(argmap.nodes)
        self.relations += len(argmap.relations)
        return self.budget.exceeded(self.files, self.bytes, self.nodes, self.relations)


def load_text(
    text: str, path: str = "<string>", *, base_dir: Path | None = None, allow_outside: bool = False,
    budget: Budget | None = None, cache: ParseCache | None = None,
) -> LoadResult:
    """Parse ``text`` (named ``path`` in diagnostics) and resolve its includes
    relative to ``base_dir`` (default: the current folder); ``budget``
    defaults to ``DEFAULT_BUDGET``; ``cache`` shares parsed includes between loads."""
    budget = budget or DEFAULT_BUDGET
    text = normalise_newlines(text)
    result = parse_text(text, path)
    folder = base_dir if base_dir is not None else Path.cwd()
    state = _Load(budget, folder, allow_outside, {path: text}, cache)
    key = path if path.startswith("<") else _key(Path(path))
    return _load(result, state, folder, key, len(text.encode("utf-8", "surrogatepass")), path)


def load_path(
    path: str | os.PathLike[str], *, allow_outside: bool = False, budget: Budget | None = None,
    cache: ParseCache | None = None,
) -> LoadResult:
    """Read and parse ``path`` and every file it includes (``budget``:
    ``DEFAULT_BUDGET`` unless given; ``cache`` shares parsed files between loads)."""
    budget = budget or DEFAULT_BUDGET
    file = Path(path)
    key = _key(file)
    # a main file named on the command line may be anywhere, but not through a
    # symlink that leads out of its repository (unless allow_outside)
    if cache is not None:
        size, text, result = cache.read(file, key, str(path), budget.file_bytes, confine=not allow_outside)
    else:
        size, text, result = _read_and_parse(file, str(path), budget.file_bytes, confine=not allow_outside)
    folder = file.parent
    state = _Load(budget, folder, allow_outside, {str(path): text}, cache)
    return _load(result, state, folder, key, size, str(path))


def _load(result: ParseResult, state: _Load, folder: Path, key: str, size: int, name: str) -> LoadResult:
    state.done.add(key)
    over = state.spend(size, result.map)
    if over is not None:
        state.parts.append(result.map)
        state.diagnostics.extend(result.diagnostics)
        state.diagnostics.append(_budget_diag(over, Span(name, 0, 0, 0, 0)))
        state.stopped = True
    else:
        _follow(result, folder, [key], state)
    parts = state.parts
    merged = merge_maps(parts) if len(parts) > 1 else parts[0]
    return LoadResult(merged, tuple(state.diagnostics), state.texts, complete=not state.stopped)


def _key(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return str(path.absolute())


def _follow(result: ParseResult, folder: Path, chain: list[str], state: _Load) -> None:
    """Add this file's map and then, depth first, each file it includes that
    is not merged yet; ``chain`` holds the files being included above (cycles)."""
    state.parts.append(result.map)
    state.diagnostics.extend(result.diagnostics)
    for include in result.map.includes:
        if state.stopped:
            return
        target = folder / include.path
        problem = _include_problem(include.path, include.span, target, state, chain)
        if problem is not None:
            state.diagnostics.append(problem)
            continue
        key = _key(target)
        if key in state.done:  # merged already: a diamond, or the same include twice
            continue
        name = _display(target)
        try:
            # (confined already: the include's resolved path is inside the map's folder)
            if state.cache is not None:
                size, text, child = state.cache.read(target, key, name, state.budget.file_bytes)
            else:
                size, text, child = _read_and_parse(target, name, state.budget.file_bytes, confine=False)
        except InputError as exc:
            state.diagnostics.append(_diag("E109", "missing-include", str(exc), include.span))
            continue
        state.texts[name] = text
        state.done.add(key)
        over = state.spend(size, child.map)
        if over is not None:
            state.diagnostics.append(_budget_diag(over, include.span))
            state.stopped = True
            return
        _follow(child, target.parent, chain + [key], state)


def _display(path: Path) -> str:
    """An included file's name in reports: its includer's folder as the user gave
    it (absolute when the map was named absolutely, relative when relatively) joined
    with the include's path, so one run names its files one way."""
    return os.path.normpath(path)


def _include_problem(written: str, span: Span, target: Path, state: _Load, chain: list[str]) -> Diagnostic | None:
    if not state.allow_outside and not is_inside(target, state.root):
        return _diag(
            "E115",
            "path-outside-map",
            f"include \"{written}\" leaves the map's folder",
            span,
            "argmap reads only files inside the map's folder; pass --allow-outside if you trust this map",
        )
    try:
        regular = target.is_file()  # not a folder, a device or a pipe
    except OSError:
        regular = False
    if not regular:
        return _diag("E109", "missing-include", f"included file \"{written}\" not found", span,
                     f"looked for {target}")
    resolved = _key(target)
    if resolved in chain:
        cycle = " -> ".join(Path(p).name for p in chain[chain.index(resolved):] + [resolved])
        return _diag("E110", "include-cycle", f"include cycle: {cycle}", span,
                     "remove one of the include lines in the cycle")
    if len(chain) > state.budget.include_depth:
        return _diag("E110", "include-cycle", f"includes are nested more than {state.budget.include_depth} deep",
                     span, "flatten the include chain")
    return None


def _budget_diag(limit: str, span: Span) -> Diagnostic:
    return _diag(
        "E003", "too-much-input",
        f"the map and its includes are too big for one run: {limit}; the rest is not read",
        span,
        "split the map into maps checked on their own, or remove includes; nothing after this point was checked",
    )


def _diag(code: str, rule: str, message: str, span: Span, hint: str | None = None) -> Diagnostic:
    return Diagnostic(code=code, rule=rule, severity=Severity.ERROR, message=message, span=span, hint=hint)


def merge_maps(parts: list[Map]) -> Map:
    """The main map first, then each included map's elements, in include order.
    The title and description come from the first map that has them."""
    first = parts[0]
    return Map(
        title=next((p.title for p in parts if p.title), None),
        description=next((p.description for p in parts if p.description), None),
        sources=tuple(s for p in parts for s in p.sources),
        sections=tuple(s for p in parts for s in p.sections),
        nodes=tuple(n for p in parts for n in p.nodes),
        relations=tuple(r for p in parts for r in p.relations),
        expectations=tuple(e for p in parts for e in p.expectations),
        includes=tuple(i for p in parts for i in p.includes),
        comments=tuple(c for p in parts for c in p.comments),
        files=tuple(f for p in parts for f in p.files),
        title_span=first.title_span or next((p.title_span for p in parts if p.title_span), None),
        unparsed_ids=tuple(i for p in parts for i in p.unparsed_ids),
    )
