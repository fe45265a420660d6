"""argmap ach FILE: the Analysis of Competing Hypotheses matrix from the map's ratings."""

from __future__ import annotations

import click


@click.command("ach")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["text", "md", "html", "json"]), default=None,
              help="Output format (default: from the -o extension, else text).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write to this file (default: standard output).")
def command(file: str, fmt: str | None, output: str | None) -> int:
    """Score the hypotheses a map rates (evidence rows x hypothesis columns),
    rank them from least to most inconsistent, name the most diagnostic
    evidence and the single changes that would change the leader."""
    from argmap.commands.eval import load_map
    from argmap.evaluate.ach import ach_matrix
    from argmap.evaluate.ach_report import render_ach

    if fmt is None:
        suffix = (output or "").rsplit(".", 1)[-1].lower() if output and "." in output else ""
        fmt = {"html": "html", "htm": "html", "md": "md", "json": "json"}.get(suffix, "text")
    from argmap.fileio import refuse_input_as_output, write_output

    refuse_input_as_output(output, [file])
    argmap = load_map(file)
    result = ach_matrix(argmap)
    text = render_ach(result, fmt, title=f"ACH: {argmap.title or file}")
    write_output(text, output)
    return 0
