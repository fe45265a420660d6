"""argmap outline FILE : the argument as an outline (text, Markdown, an HTML or a PDF report)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from argmap.cli import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from argmap.render import RenderOptions
    from argmap.render.outline import Outline

FORMATS = ("text", "md", "html", "pdf")
_SUFFIXES = {"md": "md", "markdown": "md", "html": "html", "htm": "html", "pdf": "pdf"}
REPORTS = ("html", "pdf")  # the formats with diagrams


@click.command("outline")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="text: a tree for the terminal; md: CommonMark; html: a self-contained report; "
                   "pdf: a printed report (default: from the -o extension, .md, .html or .pdf, else text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (default: standard output).")
@click.option("--ascii", "ascii_", is_flag=True, help="Draw the text tree with |-- and `-- instead of box characters.")
@click.option("--width", type=click.IntRange(40, 1000), default=None,
              help="Wrap the text outline to this many columns (default: the terminal's, or 80).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text outline (auto: on a terminal unless NO_COLOR is set).")
@click.option("--no-eval", is_flag=True, help="Do not show evaluation statuses and strengths.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="The PDF report's paper size (default: a4).")
@click.option("--diagram-text", type=click.FloatRange(3, 20), default=None,
              help="The pdf report's drawings: their smallest text in points, at least (default: 7, or "
                   "down to 5 when that keeps the report within 16 pages); larger when pages are left.")
@click.option("--rankdir", type=click.Choice(["TB", "BT", "LR", "RL"], case_sensitive=False), default=None,
              help="The html and pdf reports' diagrams: direction of the arrows (default: as `argmap render`; "
                   "the pdf report picks, for each drawing, the direction that takes the fewest pages).")
@click.option("--color-by", type=click.Choice(["kind", "tag", "section", "status"]), default=None,
              help="The html and pdf reports' diagrams: what the node fill shows (default: kind).")
@click.option("--wrap", type=click.IntRange(0, 500), default=None,
              help="The html and pdf reports' diagrams: wrap node text at this many characters (default: as "
                   "`argmap render`; the pdf report may choose narrower drawings).")
@click.option("--engine", type=click.Choice(["auto", "wasm", "system"]), default="auto", show_default=True,
              help="The Graphviz that draws the reports' diagrams (wasm: embedded; system: `dot` on PATH).")
def command(
    file: str,
    fmt: str | None,
    output: str | None,
    ascii_: bool,
    width: int | None,
    color: str,
    no_eval: bool,
    paper: str | None,
    diagram_text: float | None,
    rankdir: str | None,
    color_by: str | None,
    wrap: int | None,
    engine: str,
) -> int:
    """Print the argument of FILE as an outline: each thesis, what supports it,
    then what attacks it, recursively; nodes no thesis reaches come last.

    The html and pdf reports open with the bottom line (each thesis and
    hypothesis with its status, the expectations and whether they hold, the
    leading hypothesis), number every entry, include the ACH matrix and draw
    each section. FILE may be `-` for standard input. The map must parse; rule
    findings do not stop the outline (run `argmap check` for them).
    """
    import shutil
    from dataclasses import replace

    from argmap.api import collector_paused
    from argmap.commands.eval import load_map
    from argmap.fileio import refuse_input_as_output, write_output
    from argmap.render import RenderOptions
    from argmap.render.outline import build_outline, load_verdicts
    from argmap.report import use_color

    to_stdout = output in (None, "-")
    if fmt is None:
        suffix = "" if to_stdout else str(output).lower().rsplit(".", 1)[-1]
        fmt = _SUFFIXES.get(suffix, "text")
    _refuse_misplaced(fmt, paper=paper, diagram_text=diagram_text, rankdir=rankdir, color_by=color_by, wrap=wrap)
    if fmt == "pdf" and to_stdout and sys.stdout.isatty():
        raise click.UsageError("refusing to write PDF to a terminal; use -o FILE")
    if width is None:
        tty = to_stdout and sys.stdout.isatty()
        width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    colour = fmt == "text" and to_stdout and use_color(color, sys.stdout)
    options = RenderOptions()  # its defaults, but for what was given
    if rankdir is not None:
        options = replace(options, rankdir=rankdir.upper())
    if color_by is not None:
        options = replace(options, color_by=color_by)
    if wrap is not None:
        options = replace(options, wrap=wrap)

    refuse_input_as_output(output, [file])
    argmap = load_map(file)
    with collector_paused():  # a big outline is many small objects that live on
        statuses, strengths, bases = ({}, {}, {}) if no_eval else load_verdicts(argmap)
        if options.color_by == "status":
            options = replace(options, statuses=statuses or None)
        outline = build_outline(argmap, statuses=statuses, strengths=strengths, bases=bases)
        chosen = frozenset(name for name, value in (("rankdir", rankdir), ("wrap", wrap)) if value is not None)
        data = _render(outline, fmt, width=max(width, 40), ascii=ascii_, colour=colour, paper=paper or "a4",
                       options=options, engine=engine, chosen=chosen, diagram_text=diagram_text)

    # the text outline neutralises map texts itself (and may be coloured); a PDF is bytes
    write_output(data, output, display=fmt != "text")
    return EXIT_OK if data else EXIT_ERROR


def _refuse_misplaced(fmt: str, **given: str | float | None) -> None:
    """Exit 2 for an option the chosen format does not use (rather than ignore it)."""
    used = {"paper": ("pdf",), "diagram_text": ("pdf",), "rankdir": REPORTS, "color_by": REPORTS, "wrap": REPORTS}
    for name, value in given.items():
        if value is not None and fmt not in used[name]:
            flag = "--" + name.replace("_", "-")
            raise click.UsageError(f"{flag} applies to the {' and '.join(used[name])} "
                                   f"report{'s' * (len(used[name]) > 1)}, not to --format {fmt}")


def _render(outline: Outline, fmt: str, *, width: int, ascii: bool, colour: bool, paper: str,
            options: RenderOptions, engine: str, chosen: frozenset[str] = frozenset(),
            diagram_text: float | None = None) -> str | bytes:
    if fmt == "html":
        from argmap.render.html import html_figures, render_html

        return render_html(outline.map, outline=outline, figures=html_figures(outline.map, options, engine))
    if fmt == "pdf":
        from argmap.render.pdf import print_report

        # 7 pt (or --diagram-text) and up, within 16 pages; by default down to 5 pt if that is what fits
        return print_report(outline, options, paper=paper, chosen=chosen, engine=engine, min_text=diagram_text).pdf
    if fmt == "md":
        from argmap.render.outline_md import render_markdown

        return render_markdown(outline)
    from argmap.render.outline_text import render_text

    return render_text(outline, width=width, ascii=ascii, color=colour)
