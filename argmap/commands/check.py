"""argmap check FILE... : report every finding, like a linter."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from argmap.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Program


@click.command("check")
@click.argument("files", nargs=-1, type=click.Path(allow_dash=True))
@click.option("--files-from", "files_from", type=click.Path(dir_okay=False, allow_dash=True), metavar="LIST",
              help="Also check the .arg files named in LIST, one per line (`-`: standard input), e.g. "
                   "`git diff --name-only | argmap check --files-from -`. Other names are skipped.")
@click.option("--sources", "sources", multiple=True, type=click.Path(file_okay=False),
              help="Folder where cited source files are found (repeatable; searched before the config's).")
@click.option("--select", "select", multiple=True, metavar="CODES",
              help="Report only these codes or prefixes, comma-separated (E102,W2).")
@click.option("--ignore", "ignore", multiple=True, metavar="CODES",
              help="Do not report these codes or prefixes, comma-separated.")
@click.option("--strict/--no-strict", default=None, help="Exit 1 on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif", "gitlab"]), default=None,
              help="Output format (default: text; gitlab: GitLab Code Quality).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default=None,
              help="Colour the text output (auto: on a terminal unless NO_COLOR is set).")
@click.option("--allow-outside", is_flag=True, default=None,
              help="Allow include/source paths outside the map's folder (a config file found "
                   "next to the map cannot grant this).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Read settings from this file instead of looking for one.")
@click.option("--no-config", is_flag=True, help="Ignore pyproject.toml / setup.cfg settings.")
@click.option("--statistics", is_flag=True,
              help="After the report, count the findings per code, and the share of the analyst's inferences.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the report to this file (default: standard output).")
@click.pass_obj
def command(
    program: Program | None,
    files: tuple[str, ...],
    files_from: str | None,
    sources: tuple[str, ...],
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    strict: bool | None,
    fmt: str | None,
    color: str | None,
    allow_outside: bool | None,
    config_file: str | None,
    no_config: bool,
    statistics: bool,
    output: str | None,
) -> int:
    """Check maps for errors and warnings.

    FILE may be `-` to read a map from standard input. Exit status: 0 clean,
    1 errors (or warnings with --strict), 2 usage error or unreadable file.
    Settings come from [tool.argmap] in pyproject.toml or [argmap] in
    setup.cfg (the nearest one above the map); options given here win.
    A config file found next to a map cannot make argmap read outside the
    repository (see docs/cli.md, "What argmap reads").
    """
    from argmap.api import analyse
    from argmap.config import Config, access, find_config, load_config, parse_codes
    from argmap.diagnostics import Diagnostic, sort_diagnostics
    from argmap.errors import ArgmapError
    from argmap.fileio import refuse_input_as_output, write_output
    from argmap.loader import ParseCache
    from argmap.report import SourceLines, neutralise, render, summary_line, use_color

    if files_from is not None:
        files = files + _listed(files_from, stdin_taken="-" in files)
        if not files:  # still an (empty) report: CI steps after this one expect the file
            click.echo(f"argmap: no .arg files listed in {'standard input' if files_from == '-' else files_from}; "
                       "nothing to check", err=True)
    elif not files:
        raise click.UsageError("Missing argument 'FILES...': give at least one map (or --files-from LIST).")
    refuse_input_as_output(output, files)

    cli_select = parse_codes(",".join(select), "--select") if select else None
    cli_ignore = parse_codes(",".join(ignore), "--ignore") if ignore else None
    fixed = load_config(config_file) if config_file else (Config() if no_config else None)
    configs: dict[Path, Config] = {}

    def config_for(file: str) -> Config:
        if fixed is not None:
            return fixed
        folder = Path.cwd() if file == "-" else Path(file).parent
        key = folder.resolve()
        if key not in configs:
            configs[key] = find_config(folder)
        return configs[key]

    found: list[Diagnostic] = []
    texts: dict[str, str] = {}
    shown: list[str] = []
    failed = 0
    first = config_for(files[0]) if files else (fixed or Config())
    fmt = fmt or first.format or "text"
    stdin_read = False
    warned: set[str] = set()
    cache = ParseCache()  # a file that several of the maps include is parsed once
    maps: list[tuple[str, Any]] = []  # (name shown, map) for --statistics
    for file in files:
        config = config_for(file)
        granted = access(config, sources, allow_outside)
        for warning in granted.warnings:
            if warning not in warned:
                warned.add(warning)
                click.echo(f"argmap: warning: {neutralise(warning, keep='')}", err=True)
        options: dict[str, Any] = {
            "sources": granted.sources,
            "select": cli_select if cli_select is not None else (config.select or ()),
            "ignore": cli_ignore if cli_ignore is not None else (config.ignore or ()),
            "allow_outside": granted.allow_outside,
            "per_file_ignore": config.ignores_for,
            # the argmap program may evaluate a big map's expectations on a second core
            "parallel": bool(program and program.one_shot),
            "cache": cache,
        }
        try:
            if file == "-":
                if stdin_read:
                    raise click.UsageError("'-' (standard input) may be given only once")
                stdin_read = True
                text, problem = _read_stdin()
                analysis = analyse("<stdin>", text=text, **options)
                found += ([problem] if problem else []) + analysis.diagnostics
                shown.append("<stdin>")
            else:
                analysis = analyse(file, **options)
                found += analysis.diagnostics
                shown.append(file)
            texts.update(analysis.texts)  # the report shows lines from the texts already read
            maps.append((shown[-1], analysis.map))
        except click.UsageError:
            raise
        except ArgmapError as exc:
            click.echo(f"argmap: error: {neutralise(str(exc), keep='')}", err=True)
            failed += 1
    found = sort_diagnostics(_unique(found))
    if strict is None:
        strict = bool(first.strict)
    mode = color or first.color or "auto"
    colour = use_color(mode, sys.stdout) if output in (None, "-") else mode == "always"
    report = render(found, shown, fmt, lines=SourceLines(texts), color="always" if colour else False)
    if fmt == "text":
        report = (report + "\n\n" if report else "") + summary_line(found, len(shown))
        if failed:
            report += f"; {failed} file{'s' if failed != 1 else ''} could not be read"
        if statistics and found:
            report += "\n\n" + _statistics(found)
        if statistics:
            from argmap.provenance import provenance

            report += "\n\n" + "\n".join(f"{neutralise(name, keep='')}: {provenance(argmap).sentence()}"
                                          for name, argmap in maps)
    # the text report neutralises map texts itself (and may be coloured); the
    # data formats are exact in a file or a pipe, neutralised on a terminal
    write_output(report + "\n", output, display=fmt != "text")
    if failed:
        return EXIT_ERROR
    failing = [d for d in found if d.is_error or strict]
    return EXIT_FINDINGS if failing else EXIT_OK


def _read_stdin() -> tuple[str, Any]:
    """Standard input as text (read with the 64 MB cap), and an E002
    diagnostic if it is not UTF-8."""
    from argmap.loader import read_map_text

    return read_map_text("-")


def _listed(source: str, stdin_taken: bool) -> tuple[str, ...]:
    """The .arg files named in a list (``-``: standard input): one per line,
    or separated by NUL bytes (``git diff -z``); blank lines and other files
    skipped; a listed .arg file that does not exist (deleted by the change)
    is skipped with a note."""
    from argmap.loader import read_input
    from argmap.report import neutralise

    if source == "-" and stdin_taken:
        raise click.UsageError("standard input cannot be both a map (-) and the list (--files-from -)")
    data = read_input(source).decode("utf-8", "surrogateescape")
    names = data.split("\0") if "\0" in data else [line.removesuffix("\r") for line in data.split("\n")]
    found: list[str] = []
    for name in names:
        if not name.strip() or not name.endswith(".arg"):
            continue
        if not Path(name).is_file():
            click.echo(f"argmap: note: {neutralise(name, keep='')} is listed but not found (deleted?); skipped", err=True)
            continue
        found.append(name)
    return tuple(dict.fromkeys(found))


def _unique(diagnostics: list[Any]) -> list[Any]:
    """Two maps that include one file report its findings once."""
    return list(dict.fromkeys(diagnostics))


def _statistics(diagnostics: list[Any]) -> str:
    counts: dict[tuple[str, str], int] = {}
    for d in diagnostics:
        counts[(d.code, d.rule)] = counts.get((d.code, d.rule), 0) + 1
    width = len(str(max(counts.values())))
    return "\n".join(f"{n:>{width}}  {code}  {rule}" for (code, rule), n in sorted(counts.items()))
