"""argmap check FILE... : report every finding, like a linter."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from argmap.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, Program


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("--sources", "sources", multiple=True, type=click.Path(file_okay=False),
              help="Folder where cited source files are found (repeatable; searched before the config's).")
@click.option("--select", "select", multiple=True, metavar="CODES",
              help="Report only these codes or prefixes, comma-separated (E102,W2).")
@click.option("--ignore", "ignore", multiple=True, metavar="CODES",
              help="Do not report these codes or prefixes, comma-separated.")
@click.option("--strict/--no-strict", default=None, help="Exit 1 on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github", "sarif"]), default=None,
              help="Output format (default: text).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default=None,
              help="Colour the text output (auto: on a terminal unless NO_COLOR is set).")
@click.option("--allow-outside", is_flag=True, default=None,
              help="Allow include/source paths outside the map's folder.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Read settings from this file instead of looking for one.")
@click.option("--no-config", is_flag=True, help="Ignore pyproject.toml / setup.cfg settings.")
@click.option("--statistics", is_flag=True, help="After the report, count the findings per code.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the report to this file (default: standard output).")
@click.pass_obj
def command(
    program: Program | None,
    files: tuple[str, ...],
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
    """
    from argmap.api import analyse
    from argmap.config import Config, find_config, load_config, parse_codes
    from argmap.diagnostics import Diagnostic, sort_diagnostics
    from argmap.errors import ArgmapError
    from argmap.report import SourceLines, render, summary_line, use_color

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
    first = config_for(files[0])
    fmt = fmt or first.format or "text"
    stdin_read = False
    for file in files:
        config = config_for(file)
        options: dict[str, Any] = {
            "sources": tuple(sources) + tuple(str(s) for s in config.sources),
            "select": cli_select if cli_select is not None else (config.select or ()),
            "ignore": cli_ignore if cli_ignore is not None else (config.ignore or ()),
            "allow_outside": bool(allow_outside if allow_outside is not None else config.allow_outside),
            "per_file_ignore": config.ignores_for,
            # the argmap program may evaluate a big map's expectations on a second core
            "parallel": bool(program and program.one_shot),
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
        except click.UsageError:
            raise
        except ArgmapError as exc:
            click.echo(f"argmap: error: {exc}", err=True)
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
    _write(report, output, colour)
    if failed:
        return EXIT_ERROR
    failing = [d for d in found if d.is_error or strict]
    return EXIT_FINDINGS if failing else EXIT_OK


def _read_stdin() -> tuple[str, Any]:
    """Standard input as text, and an E002 diagnostic if it is not UTF-8."""
    from argmap.syntax import decode_bytes

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream (tests, some embeddings)
        return sys.stdin.read(), None
    return decode_bytes(stream.read(), "<stdin>")


def _unique(diagnostics: list[Any]) -> list[Any]:
    """Two maps that include one file report its findings once."""
    return list(dict.fromkeys(diagnostics))


def _statistics(diagnostics: list[Any]) -> str:
    counts: dict[tuple[str, str], int] = {}
    for d in diagnostics:
        counts[(d.code, d.rule)] = counts.get((d.code, d.rule), 0) + 1
    width = len(str(max(counts.values())))
    return "\n".join(f"{n:>{width}}  {code}  {rule}" for (code, rule), n in sorted(counts.items()))


def _write(report: str, output: str | None, colour: bool) -> None:
    if output in (None, "-"):
        click.echo(report, color=colour)
        return
    from argmap.fileio import atomic_write

    atomic_write(output, report + "\n")
