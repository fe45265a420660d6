"""argmap render FILE... : draw maps with Graphviz (SVG, DOT, PNG, PDF, JSON, HTML)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

import click

from argmap.cli import EXIT_FINDINGS, EXIT_OK

FORMATS = ("svg", "dot", "png", "pdf", "json", "html")
_EXTENSIONS = {"svg": "svg", "dot": "dot", "gv": "dot", "png": "png", "pdf": "pdf", "json": "json",
               "html": "html", "htm": "html"}


@click.command("render")
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(allow_dash=True),
              help="Output file, `-` for standard output, or a folder for several inputs "
                   "(default: next to each input, with the format's extension).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from the output's extension, else svg).")
@click.option("--engine", type=click.Choice(["auto", "wasm", "system"]), default="auto", show_default=True,
              help="wasm: the embedded Graphviz (SVG, JSON, DOT); system: `dot` on PATH (also PNG, PDF).")
@click.option("--wrap", type=click.IntRange(0, 500), default=36, show_default=True,
              help="Wrap node text at this many characters (0: no wrapping).")
@click.option("--legend/--no-legend", default=True, show_default=True, help="Draw a legend.")
@click.option("--color-by", type=click.Choice(["kind", "tag", "section", "status"]), default="kind",
              show_default=True, help="What the node fill colour shows (status: grounded evaluation).")
@click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this node.")
@click.option("--depth", type=click.IntRange(0, None), default=2, show_default=True,
              help="With --focus: how many relations away to go.")
@click.option("--section", metavar="NAME", help="Draw only this section (its id or title).")
@click.option("--kinds", metavar="KINDS", help="Draw only these node kinds, comma-separated (thesis,claim).")
@click.option("--rankdir", type=click.Choice(["TB", "BT", "LR", "RL"], case_sensitive=False), default="BT",
              show_default=True, help="Direction of the arrows (BT: theses on top, evidence below).")
@click.option("--force", is_flag=True, help="Render even if the map has errors.")
@click.option("--sources", "sources", multiple=True, type=click.Path(file_okay=False),
              help="Folder where cited source files are found (for the checks; repeatable).")
def command(
    files: tuple[str, ...], output: str | None, fmt: str | None, engine: str, wrap: int, legend: bool,
    color_by: str, focus: str | None, depth: int, section: str | None, kinds: str | None, rankdir: str,
    force: bool, sources: tuple[str, ...],
) -> int:
    """Draw each FILE as a diagram: SVG by default, with no system package
    (Graphviz runs embedded as WebAssembly). PNG and PDF need Graphviz's
    `dot` on PATH. A map with errors in its structure (syntax, undefined
    references, ...) is not drawn (the errors are printed, exit 1) unless
    --force is given. Only the quick checks run: an `expect` line that does not
    hold (E116) is a verdict about the argument, not a broken map, and the
    drawing is how you see why; `argmap check` reports it. FILE may be `-` for
    standard input.
    """
    from argmap.render import RenderOptions

    if fmt is None:
        fmt = _format_from(output) if output not in (None, "-") and not Path(output).is_dir() else "svg"
    if len(files) > 1 and output is not None and not Path(output).is_dir():
        raise click.UsageError("with several FILEs, -o must be an existing folder")
    if fmt == "html" and (focus or section or kinds):
        raise click.UsageError("--focus, --section and --kinds apply to diagrams, not to html")
    if output == "-" and fmt in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(f"refusing to write {fmt.upper()} to a terminal; use -o FILE")
    kind_list = tuple(k.strip() for k in kinds.split(",") if k.strip()) if kinds else ()
    options = RenderOptions(wrap=wrap, legend=legend, color_by=color_by, rankdir=rankdir.upper(),
                            focus=focus, depth=depth, section=section, kinds=kind_list)
    progress = len(files) > 1 and sys.stderr.isatty()
    status = EXIT_OK
    if progress:
        with click.progressbar(files, label="Rendering", file=sys.stderr) as bar:
            for file in bar:
                status = max(status, _one(file, output, fmt, engine, options, force, sources))
    else:
        for file in files:
            status = max(status, _one(file, output, fmt, engine, options, force, sources))
    return status


def _format_from(output: str) -> str:
    suffix = Path(output).suffix.lower().lstrip(".")
    if suffix not in _EXTENSIONS:
        raise click.UsageError(f"cannot tell the format from {output!r}: give --format "
                               f"({', '.join(FORMATS)})")
    return _EXTENSIONS[suffix]


def _target(file: str, output: str | None, fmt: str) -> str:
    """Where FILE's drawing goes: `-`, OUT, OUT/<stem>.<fmt>, or next to FILE."""
    if output == "-" or (output is None and file == "-"):
        return "-"
    if output is not None and not Path(output).is_dir():
        return output
    stem = f"stdin.{fmt}" if file == "-" else Path(file).with_suffix(f".{fmt}").name
    return str(Path(output) / stem) if output is not None else str(Path(file).with_suffix(f".{fmt}"))


def _one(file: str, output: str | None, fmt: str, engine: str, options: Any, force: bool,
         sources: tuple[str, ...]) -> int:
    """Check, render and write one map; the exit code for it."""
    from argmap.errors import ArgmapError
    from argmap.fileio import same_file, write_output
    from argmap.report import neutralise

    try:
        target = _target(file, output, fmt)
        if target != "-" and file != "-" and same_file(target, file):
            raise ArgmapError(f"refusing to overwrite the input with its {fmt.upper()} drawing; give -o")
        argmap = _checked(file, force, sources)
        if argmap is None:
            return EXIT_FINDINGS
        write_output(_render(argmap, fmt, engine, options), target)
    except ArgmapError as exc:
        click.echo(f"argmap: error: {neutralise(f'{file}: {exc}', keep='')}", err=True)
        return exc.exit_code
    return EXIT_OK


def _checked(file: str, force: bool, sources: tuple[str, ...]) -> Any:
    """The loaded map, or None (after printing its errors as `argmap check`
    does) when it has errors and --force is not given. Only the quick rules
    run, not the evaluation (E116 expectations): a failing expectation is a
    verdict about the argument, not broken structure."""
    from argmap.api import analyse
    from argmap.config import access, find_config
    from argmap.loader import read_map_text
    from argmap.report import neutralise

    texts: dict[str, str] = {}
    config = find_config(Path.cwd() if file == "-" else Path(file).parent)
    granted = access(config, sources)
    for warning in granted.warnings:
        click.echo(f"argmap: warning: {neutralise(warning, keep='')}", err=True)
    options: dict[str, Any] = {
        "sources": granted.sources,
        "select": config.select or (), "ignore": config.ignore or (),
        "allow_outside": granted.allow_outside, "per_file_ignore": config.ignores_for,
    }
    if file == "-":
        texts["<stdin>"], problem = read_map_text("-")
        analysis = analyse("<stdin>", text=texts["<stdin>"], expectations=False, **options)
        if problem is not None:
            analysis = dataclasses.replace(analysis, diagnostics=[problem, *analysis.diagnostics])
    else:
        analysis = analyse(file, expectations=False, **options)
    errors = analysis.errors
    if not errors:
        return analysis.map
    texts.update(analysis.texts)
    name = "<stdin>" if file == "-" else file
    shown = neutralise(name, keep="")
    if force:
        count = len(errors)
        click.echo(f"argmap: warning: {shown} has {count} error{'s' if count != 1 else ''}; "
                   "rendering anyway (--force)", err=True)
        return analysis.map
    # The report writer only when there are errors to print.
    from argmap.report import SourceLines, render, summary_line, use_color

    colour = use_color("auto", sys.stderr)
    report = render(errors, [name], "text", lines=SourceLines(texts), color="always" if colour else False)
    click.echo(report + "\n\n" + summary_line(errors, 1) + f"; {shown} not rendered (--force renders anyway)",
               err=True)
    return None


def _render(argmap: Any, fmt: str, engine: str, options: Any) -> bytes:
    if fmt == "html":
        from argmap.render.html import render_html, svg_for
        from argmap.render.outline import load_evaluation

        statuses, strengths = load_evaluation(argmap)
        return render_html(argmap, svg=svg_for(argmap), statuses=statuses, strengths=strengths).encode("utf-8")
    from argmap.render import render

    return render(argmap, fmt, options, engine)
