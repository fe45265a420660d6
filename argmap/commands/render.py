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
@click.option("--wrap", type=click.IntRange(0, 500), default=30, show_default=True,
              help="Wrap node text at this many characters (0: no wrapping).")
@click.option("--legend/--no-legend", default=True, show_default=True, help="Draw a legend.")
@click.option("--color-by", type=click.Choice(["kind", "tag", "section", "status"]), default="kind",
              show_default=True, help="What the node fill colour shows (status: grounded evaluation).")
@click.option("--ids", is_flag=True, help="Show each node's id in its header (the SVG always has it as "
                                        "element id and tooltip).")
@click.option("--focus", metavar="ID", help="Draw only the neighbourhood of this node (marked FOCUS).")
@click.option("--depth", type=click.IntRange(0, None), default=2, show_default=True,
              help="With --focus: how many relations away to go.")
@click.option("--section", metavar="NAME", help="Draw only this section (its id or title); relations "
                                                "leaving it are drawn as stubs.")
@click.option("--kinds", metavar="KINDS", help="Draw only these node kinds, comma-separated (thesis,claim).")
@click.option("--rankdir", type=click.Choice(["auto", "TB", "BT", "LR", "RL"], case_sensitive=False),
              default="auto", show_default=True,
              help="Direction of the arrows. auto: RL (theses on the left, reasons to their right) when the "
                   "map is shallow enough to fit the width, else BT (theses on top).")
@click.option("--layout", type=click.Choice(["auto", "stacked", "joined"]), default="auto", show_default=True,
              help="stacked: each section laid out on its own, one below the other, relations between "
                   "sections as stubs; joined: one layout, every relation an edge. auto: stacked for "
                   "whole maps up to 1,000 nodes.")
@click.option("--view", type=click.Choice(["map", "ach"]), default="map", show_default=True,
              help="ach: the hypotheses side by side and every piece of evidence rated against them.")
@click.option("--width", type=click.FloatRange(200, 20000), default=1500, show_default=True,
              help="Width in points a stacked picture fills before it starts a new row.")
@click.option("--full", is_flag=True, help="Never simplify a big picture (may take long and much memory).")
@click.option("--split", type=click.Choice(["sections"]), default=None,
              help="Write an atlas into the folder -o: an overview and one linked picture per section.")
@click.option("--force", is_flag=True, help="Render even if the map has errors.")
@click.option("--sources", "sources", multiple=True, type=click.Path(file_okay=False),
              help="Folder where cited source files are found (for the checks; repeatable).")
def command(
    files: tuple[str, ...], output: str | None, fmt: str | None, engine: str, wrap: int, legend: bool,
    color_by: str, ids: bool, focus: str | None, depth: int, section: str | None, kinds: str | None,
    rankdir: str, layout: str, view: str, width: float, full: bool, split: str | None, force: bool,
    sources: tuple[str, ...],
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

    if split is not None:
        if output in (None, "-") or (Path(output).exists() and not Path(output).is_dir()):
            raise click.UsageError("--split writes several files: give a folder with -o")
        if len(files) != 1:
            raise click.UsageError("--split draws one map at a time")
        if focus or section or kinds or view != "map":
            raise click.UsageError("--split draws every section: leave out --focus, --section, --kinds and --view")
        fmt = fmt or "svg"
    if fmt is None:
        fmt = _format_from(output) if output not in (None, "-") and not Path(output).is_dir() else "svg"
    if split is None and len(files) > 1 and output is not None and not Path(output).is_dir():
        raise click.UsageError("with several FILEs, -o must be an existing folder")
    if fmt == "html" and (focus or section or kinds):
        raise click.UsageError("--focus, --section and --kinds apply to diagrams, not to html")
    if output == "-" and fmt in ("png", "pdf") and sys.stdout.isatty():
        raise click.UsageError(f"refusing to write {fmt.upper()} to a terminal; use -o FILE")
    kind_list = tuple(k.strip() for k in kinds.split(",") if k.strip()) if kinds else ()
    if fmt == "html" and view != "map":
        raise click.UsageError("--view applies to diagrams, not to html")
    options = RenderOptions(wrap=wrap, legend=legend, color_by=color_by, rankdir=rankdir.upper() if rankdir != "auto"
                            else "auto", focus=focus, depth=depth, section=section, kinds=kind_list, ids=ids,
                            layout=layout, view=view, width=width, full=full)
    if split is not None:
        return _atlas(files[0], output or "", fmt, engine, options, force, sources)
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


def _atlas(file: str, folder: str, fmt: str, engine: str, options: Any, force: bool, sources: tuple[str, ...]) -> int:
    """``--split sections``: the atlas of one map into ``folder``."""
    from argmap.errors import ArgmapError
    from argmap.fileio import atomic_write
    from argmap.render import atlas

    try:
        argmap = _checked(file, force, sources)
        if argmap is None:
            return EXIT_FINDINGS
        with _warnings_to_stderr(file):
            pages = atlas(argmap, options, fmt, engine)
        Path(folder).mkdir(parents=True, exist_ok=True)
        for name, data in pages.items():
            atomic_write(Path(folder) / name, data)
    except (ArgmapError, OSError) as exc:
        message = exc if isinstance(exc, ArgmapError) else f"cannot write into {folder}: {exc.strerror or exc}"
        click.echo(f"argmap: error: {file}: {message}", err=True)
        return getattr(exc, "exit_code", 2)
    click.echo(f"{file}: {len(pages)} pictures in {folder} (open {Path(folder) / next(iter(pages))})", err=True)
    return EXIT_OK


class _warnings_to_stderr:
    """Print the render warnings (pictures simplified) as ``argmap: warning: FILE: ...``."""

    def __init__(self, file: str) -> None:
        import warnings

        self.file = file
        self.catcher = warnings.catch_warnings(record=True)
        self.caught: list[Any] = []

    def __enter__(self) -> None:
        import warnings

        from argmap.render import RenderWarning

        caught = self.catcher.__enter__()
        self.caught = caught if caught is not None else []
        warnings.simplefilter("always", RenderWarning)

    def __exit__(self, *exc: object) -> None:
        from argmap.render import RenderWarning

        self.catcher.__exit__(None, None, None)
        for item in self.caught:
            if issubclass(item.category, RenderWarning):
                click.echo(f"argmap: warning: {self.file}: {item.message}", err=True)


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
        with _warnings_to_stderr(file):
            data = _render(argmap, fmt, engine, options)
        write_output(data, target)
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
