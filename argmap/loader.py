"""Files -> one Map: read, decode, parse, and merge ``include``d files.

Include problems (missing file, cycle, a path outside the map's folder) are
diagnostics (E109, E110, E115), never exceptions, so ``argmap check`` reports
them with everything else. Only an unreadable *main* file raises InputError.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.errors import InputError
from argmap.model import Map, Span
from argmap.syntax import ParseResult, decode_bytes, parse_text

__all__ = ["LoadResult", "load_path", "load_text", "merge_maps", "is_inside", "MAX_FILE_BYTES", "MAX_INCLUDE_DEPTH"]

# Limits that protect the user (a 100 MB map is a mistake, not a map).
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_INCLUDE_DEPTH = 64


@dataclass(frozen=True)
class LoadResult:
    """The merged map (whatever parsed) and the diagnostics found while loading."""

    map: Map
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    # file name as in spans -> the text read (for reports and suppression
    # comments, so that no file is read twice)
    texts: dict[str, str] = field(default_factory=dict, compare=False)


def is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"{path} is {size // (1024 * 1024)} MB; argmap reads maps of up to "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB (split it with include)"
        )
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a map file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def load_text(text: str, path: str = "<string>", *, base_dir: Path | None = None, allow_outside: bool = False) -> LoadResult:
    """Parse ``text`` (named ``path`` in diagnostics) and resolve its includes
    relative to ``base_dir`` (default: the current folder)."""
    result = parse_text(text, path)
    folder = base_dir if base_dir is not None else Path.cwd()
    return _resolve(result, folder, folder, [str(Path(path))], allow_outside, 0, {path: text})


def load_path(path: str | os.PathLike[str], *, allow_outside: bool = False) -> LoadResult:
    """Read and parse ``path`` and every file it includes."""
    file = Path(path)
    data = _read(file)
    text, problem = decode_bytes(data, str(path))
    result = parse_text(text, str(path))
    if problem is not None:
        result = ParseResult(result.map, (problem,) + result.diagnostics)
    folder = file.parent
    return _resolve(result, folder, folder, [str(file.resolve())], allow_outside, 0, {str(path): text})


def _resolve(
    result: ParseResult, folder: Path, root: Path, chain: list[str], allow_outside: bool, depth: int,
    texts: dict[str, str],
) -> LoadResult:
    diagnostics = list(result.diagnostics)
    parts = [result.map]
    for include in result.map.includes:
        target = (folder / include.path)
        problem = _include_problem(include.path, include.span, target, root, chain, allow_outside, depth)
        if problem is not None:
            diagnostics.append(problem)
            continue
        try:
            data = _read(target)
        except InputError as exc:
            diagnostics.append(_diag("E109", "missing-include", str(exc), include.span))
            continue
        text, decode_problem = decode_bytes(data, str(target))
        if decode_problem is not None:
            diagnostics.append(decode_problem)
        name = _display(target)
        texts[name] = text
        child = parse_text(text, name)
        sub = _resolve(child, target.parent, root, chain + [str(target.resolve())], allow_outside, depth + 1, texts)
        parts.append(sub.map)
        diagnostics.extend(sub.diagnostics)
    merged = merge_maps(parts) if len(parts) > 1 else parts[0]
    return LoadResult(merged, tuple(diagnostics), texts)


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def _include_problem(
    written: str, span: Span, target: Path, root: Path, chain: list[str], allow_outside: bool, depth: int
) -> Diagnostic | None:
    if not allow_outside and not is_inside(target, root):
        return _diag(
            "E115",
            "path-outside-map",
            f"include \"{written}\" leaves the map's folder",
            span,
            "argmap reads only files inside the map's folder; pass --allow-outside if you trust this map",
        )
    if not target.is_file():
        return _diag("E109", "missing-include", f"included file \"{written}\" not found", span,
                     f"looked for {target}")
    resolved = str(target.resolve())
    if resolved in chain:
        cycle = " -> ".join(Path(p).name for p in chain[chain.index(resolved):] + [resolved])
        return _diag("E110", "include-cycle", f"include cycle: {cycle}", span,
                     "remove one of the include lines in the cycle")
    if depth + 1 > MAX_INCLUDE_DEPTH:
        return _diag("E110", "include-cycle", f"includes are nested more than {MAX_INCLUDE_DEPTH} deep", span,
                     "flatten the include chain")
    return None


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
