"""argmap outline FILE : the argument as an outline (text, Markdown or HTML)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from argmap.cli import EXIT_ERROR, EXIT_OK

if TYPE_CHECKING:
    from argmap.render.outline import Outline


@click.command("outline")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html"]), default=None,
              help="text: a tree for the terminal; md: CommonMark; html: a self-contained report "
                   "(default: from the -o extension, .md or .html, else text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (default: standard output).")
@click.option("--ascii", "ascii_", is_flag=True, help="Draw the text tree with |-- and `-- instead of box characters.")
@click.option("--width", type=click.IntRange(40, 1000), default=None,
              help="Wrap the text outline to this many columns (default: the terminal's, or 80).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="Colour the text outline (auto: on a terminal unless NO_COLOR is set).")
@click.option("--no-eval", is_flag=True, help="Do not show evaluation statuses and strengths.")
def command(
    file: str,
    fmt: str | None,
    output: str | None,
    ascii_: bool,
    width: int | None,
    color: str,
    no_eval: bool,
) -> int:
    """Print the argument of FILE as an outline: each thesis, what supports it,
    then what attacks it, recursively; nodes no thesis reaches come last.

    FILE may be `-` for standard input. The map must parse; rule findings do
    not stop the outline (run `argmap check` for them).
    """
    import shutil

    from argmap.api import collector_paused
    from argmap.commands.eval import load_map
    from argmap.fileio import refuse_input_as_output, write_output
    from argmap.render.outline import build_outline, load_evaluation
    from argmap.report import use_color

    refuse_input_as_output(output, [file])
    argmap = load_map(file)
    to_stdout = output in (None, "-")
    if fmt is None:
        suffix = "" if to_stdout else str(output).lower().rsplit(".", 1)[-1]
        fmt = {"md": "md", "markdown": "md", "html": "html", "htm": "html"}.get(suffix, "text")
    if width is None:
        tty = to_stdout and sys.stdout.isatty()
        width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    colour = fmt == "text" and to_stdout and use_color(color, sys.stdout)
    with collector_paused():  # a big outline is many small objects that live on
        statuses, strengths = ({}, {}) if no_eval else load_evaluation(argmap)
        outline = build_outline(argmap, statuses=statuses, strengths=strengths)
        text = _render(outline, fmt, width=max(width, 40), ascii=ascii_, colour=colour)

    # the text outline neutralises map texts itself (and may be coloured)
    write_output(text, output, display=fmt != "text")
    return EXIT_OK if text else EXIT_ERROR


def _render(outline: Outline, fmt: str, *, width: int, ascii: bool, colour: bool) -> str:
    if fmt == "html":
        from argmap.render.html import render_html, svg_for

        return render_html(outline.map, svg=svg_for(outline.map), outline=outline)
    if fmt == "md":
        from argmap.render.outline_md import render_markdown

        return render_markdown(outline)
    from argmap.render.outline_text import render_text

    return render_text(outline, width=width, ascii=ascii, color=colour)
