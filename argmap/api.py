"""The Python API: one plain function per pipeline stage, no click needed.

    text --parse--> Map (one file) --load--> Map (includes merged) --check--> diagnostics

``parse`` and ``analyse`` never raise for bad input (problems are diagnostics);
``loads`` and ``load`` raise ``ArgmapSyntaxError`` when the text does not parse.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from argmap.checks import CheckContext, run_checks
from argmap.diagnostics import Diagnostic, Severity, sort_diagnostics
from argmap.errors import ArgmapSyntaxError
from argmap.loader import ParseCache, load_path, load_text
from argmap.memory import collector_paused
from argmap.model import Map
from argmap.syntax import ParseResult, parse_text

__all__ = ["parse", "loads", "load", "check", "analyse", "Analysis"]


def parse(text: str, path: str = "<string>") -> ParseResult:
    """Stage 1+2: one file's text -> its map (includes not followed) and syntax errors."""
    return parse_text(text, path)


def _raise_on_syntax(diagnostics: Iterable[Diagnostic]) -> None:
    errors = [d for d in diagnostics if d.code in ("E001", "E002", "E003")]
    if errors:
        raise ArgmapSyntaxError(errors)


def loads(text: str, path: str = "<string>", *, base_dir: str | os.PathLike[str] | None = None) -> Map:
    """Text -> Map, following includes relative to ``base_dir`` (default: cwd).
    Raises ArgmapSyntaxError if the text does not parse."""
    result = load_text(text, path, base_dir=Path(base_dir) if base_dir is not None else None)
    _raise_on_syntax(result.diagnostics)
    return result.map


def load(path: str | os.PathLike[str], *, allow_outside: bool = False) -> Map:
    """File -> Map with its includes merged. Raises ArgmapSyntaxError or InputError."""
    result = load_path(path, allow_outside=allow_outside)
    _raise_on_syntax(result.diagnostics)
    return result.map


def check(
    argmap: Map | str | os.PathLike[str],
    *,
    sources: Iterable[str | os.PathLike[str]] = (),
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    allow_outside: bool = False,
) -> list[Diagnostic]:
    """Every finding for a map (or a map file: then load problems are included)."""
    if isinstance(argmap, Map):
        map_dir = Path(argmap.main_file).parent if argmap.main_file and Path(argmap.main_file).exists() else None
        context = CheckContext(map_dir, tuple(Path(s) for s in sources), allow_outside)
        from argmap.suppress import filter_suppressed

        return filter_suppressed(argmap, run_checks(argmap, context, select=select, ignore=ignore))
    return analyse(argmap, sources=sources, select=select, ignore=ignore, allow_outside=allow_outside).diagnostics


@dataclass(frozen=True)
class Analysis:
    """A loaded map with all its diagnostics (syntax, includes, rules)."""

    map: Map
    diagnostics: list[Diagnostic]
    texts: dict[str, str] = field(default_factory=dict, compare=False)  # each file's text, as read

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


def analyse(
    path: str | os.PathLike[str],
    *,
    text: str | None = None,
    sources: Iterable[str | os.PathLike[str]] = (),
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    allow_outside: bool = False,
    suppress: bool = True,
    per_file_ignore: Callable[[str], Iterable[str]] | None = None,
    speed: str = "all",
    fork: bool = False,
    cache: ParseCache | None = None,
) -> Analysis:
    """Load ``path`` (or ``text`` under that name, e.g. from standard input) and
    run every check. Never raises for bad map text; InputError if unreadable.

    ``suppress``: honour ``# argmap: ignore[...]`` comments (see argmap.suppress);
    ``per_file_ignore(path)`` gives more codes to drop for a file (config);
    ``speed``: ``all`` rules, or only the ``quick`` ones (no whole-map
    evaluation such as E116 expectations), or only the ``slow`` ones;
    ``fork``: a big map's slow rules may run in a forked child process
    meanwhile (one-shot command-line runs; see argmap.checks.forked);
    ``cache``: a :class:`argmap.loader.ParseCache` shared by the analyses of
    one run, so files that several maps include are parsed once."""
    if speed not in ("all", "quick", "slow"):
        raise ValueError(f"speed must be all, quick or slow, not {speed!r}")
    with collector_paused():
        return _analyse(path, text, sources, select, ignore, allow_outside, suppress, per_file_ignore, speed, fork,
                        cache)


def _analyse(
    path: str | os.PathLike[str],
    text: str | None,
    sources: Iterable[str | os.PathLike[str]],
    select: Iterable[str],
    ignore: Iterable[str],
    allow_outside: bool,
    suppress: bool,
    per_file_ignore: Callable[[str], Iterable[str]] | None,
    speed: str = "all",
    fork: bool = False,
    cache: ParseCache | None = None,
) -> Analysis:
    from argmap.checks import code_selected
    from argmap.suppress import filter_suppressed

    select, ignore = tuple(select), tuple(ignore)
    if text is not None:
        base = Path(path).parent if str(path) not in ("-", "<stdin>") else Path.cwd()
        loaded = load_text(text, str(path), base_dir=base, allow_outside=allow_outside, cache=cache)
        map_dir = base if str(path) not in ("-", "<stdin>") else None
    else:
        loaded = load_path(path, allow_outside=allow_outside, cache=cache)
        map_dir = Path(path).parent
    context = CheckContext(map_dir, tuple(Path(s) for s in sources), allow_outside)
    # E003 (the load stopped at its budget) is always reported: the map is only a part
    found = [d for d in loaded.diagnostics if d.code == "E003" or code_selected(d.code, select, ignore)]
    if loaded.complete:
        found += run_checks(loaded.map, context, select=select, ignore=ignore, speed=speed, fork=fork)
    if suppress or per_file_ignore is not None:
        if not suppress:
            found = filter_suppressed(Map(), found, per_file=per_file_ignore)
        else:
            found = filter_suppressed(loaded.map, found, loaded.texts, per_file=per_file_ignore)
    return Analysis(loaded.map, sort_diagnostics(found), loaded.texts)
