"""argmap outline FILE : the argument as an outline (text, Markdown or HTML)."""

from __future__ import annotations

import sys

import click

from argmap.cli import EXIT_ERROR, EXIT_OK


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

    from argmap.commands.eval import load_map
    from argmap.fileio import refuse_input_as_output, write_output
    from argmap.render.outline import build_outline, load_evaluation
    from argmap.report import use_color

    refuse_input_as_output(output, [file])
    argmap = load_map(file)
    statuses, strengths = ({}, {}) if no_eval else load_evaluation(argmap)
    outline = build_outline(argmap, statuses=statuses, strengths=strengths)
    to_stdout = output in (None, "-")
    if fmt is None:
        suffix = "" if to_stdout else str(output).lower().rsplit(".", 1)[-1]
        fmt = {"md": "md", "markdown": "md", "html": "html", "htm": "html"}.get(suffix, "text")

    if fmt == "html":
        from argmap.render.html import render_html, svg_for

        text = render_html(argmap, svg=svg_for(argmap), statuses=statuses, strengths=strengths)
    elif fmt == "md":
        from argmap.render.outline_md import render_markdown

        text = render_markdown(outline)
    else:
        from argmap.render.outline_text import render_text

        if width is None:
            tty = to_stdout and sys.stdout.isatty()
            width = shutil.get_terminal_size((80, 24)).columns if tty else 80
        colour = to_stdout and use_color(color, sys.stdout)
        text = render_text(outline, width=max(width, 40), ascii=ascii_, color=colour)

    # the text outline neutralises map texts itself (and may be coloured)
    write_output(text, output, display=fmt != "text")
    return EXIT_OK if text else EXIT_ERROR
