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

__all__ = ["parse", "loads", "load", "check", "analyse", "Analysis", "expectation_findings"]


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
    """Every finding for a map (or a map file: then load problems are included):
    the lint rules' and the evaluation's (expectations, E116)."""
    if isinstance(argmap, Map):
        map_dir = Path(argmap.main_file).parent if argmap.main_file and Path(argmap.main_file).exists() else None
        context = CheckContext(map_dir, tuple(Path(s) for s in sources), allow_outside)
        from argmap.suppress import filter_suppressed

        found = run_checks(argmap, context, select=select, ignore=ignore)
        found += expectation_findings(argmap, select=select, ignore=ignore)
        return filter_suppressed(argmap, sort_diagnostics(found))
    return analyse(argmap, sources=sources, select=select, ignore=ignore, allow_outside=allow_outside).diagnostics


def expectation_findings(argmap: Map, *, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Diagnostic]:
    """The evaluation stage's findings: every ``expect`` line that does not hold
    (E116), unless deselected. Not filtered by suppression comments."""
    if not argmap.expectations:
        return []
    from argmap.checks import code_selected
    from argmap.evaluate.expectations import CODE, check_expectations

    return check_expectations(argmap) if code_selected(CODE, tuple(select), tuple(ignore)) else []


@dataclass(frozen=True)
class Analysis:
    """A loaded map with all its diagnostics (syntax, includes, rules, expectations)."""

    map: Map
    diagnostics: list[Diagnostic]
    texts: dict[str, str] = field(default_factory=dict, compare=False)  # each file's text, as read

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


# Below this many nodes the expectations take a few tens of ms: not worth a process.
PARALLEL_MIN_NODES = 5000


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
    expectations: bool = True,
    parallel: bool = False,
    cache: ParseCache | None = None,
) -> Analysis:
    """Load ``path`` (or ``text`` under that name, e.g. from standard input), run
    the lint rules and, with ``expectations``, evaluate the map's ``expect``
    lines. Never raises for bad map text; InputError if unreadable.

    ``suppress``: honour ``# argmap: ignore[...]`` comments (see argmap.suppress);
    ``per_file_ignore(path)`` gives more codes to drop for a file (config);
    ``expectations``: False leaves out the evaluation (``argmap render``: a
    failing expectation is a verdict about the argument, not a broken map);
    ``parallel``: a big map's expectations may be evaluated in a forked child
    process while the rules run here (for one-shot programs such as the
    ``argmap`` command, never for long-running processes; see argmap.parallel);
    ``cache``: a :class:`argmap.loader.ParseCache` shared by the analyses of
    one run, so files that several maps include are parsed once."""
    with collector_paused():
        return _analyse(path, text, sources, select, ignore, allow_outside, suppress, per_file_ignore,
                        expectations, parallel, cache)


def _analyse(
    path: str | os.PathLike[str],
    text: str | None,
    sources: Iterable[str | os.PathLike[str]],
    select: Iterable[str],
    ignore: Iterable[str],
    allow_outside: bool,
    suppress: bool,
    per_file_ignore: Callable[[str], Iterable[str]] | None,
    expectations: bool,
    parallel: bool,
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
    argmap = loaded.map
    context = CheckContext(map_dir, tuple(Path(s) for s in sources), allow_outside, texts=loaded.texts)
    # E003 (the load stopped at its budget) is always reported: the map is only a
    # part of what was asked, so neither the rules nor the evaluation run on it
    found = [d for d in loaded.diagnostics if d.code == "E003" or code_selected(d.code, select, ignore)]

    def lint() -> list[Diagnostic]:
        return run_checks(argmap, context, select=select, ignore=ignore)

    def evaluation() -> list[Diagnostic]:
        return expectation_findings(argmap, select=select, ignore=ignore) if expectations else []

    rules: list[Diagnostic]
    evaluated: list[Diagnostic]
    if not loaded.complete:
        rules, evaluated = [], []
    elif parallel and expectations and argmap.expectations and len(argmap.nodes) >= PARALLEL_MIN_NODES:
        from argmap.parallel import side_by_side, two_cores

        if two_cores():
            from argmap.evaluate import expectations as _  # noqa: F401 - imported once, before the fork

            rules, evaluated = side_by_side(lint, evaluation)
        else:
            rules, evaluated = lint(), evaluation()
    else:
        rules, evaluated = lint(), evaluation()
    found += rules + evaluated
    if suppress or per_file_ignore is not None:
        if not suppress:
            found = filter_suppressed(Map(), found, per_file=per_file_ignore)
        else:
            found = filter_suppressed(argmap, found, loaded.texts, per_file=per_file_ignore)
    return Analysis(argmap, sort_diagnostics(found), loaded.texts)
