"""argmap check FILE... : report every finding, like a linter."""

from __future__ import annotations

import sys

import click

from argmap.cli import EXIT_FINDINGS, EXIT_OK


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--sources", "sources", multiple=True, type=click.Path(file_okay=False),
              help="Folder where cited source files are found (repeatable).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--allow-outside", is_flag=True, help="Allow include/source paths outside the map's folder.")
def command(files: tuple[str, ...], sources: tuple[str, ...], strict: bool, allow_outside: bool) -> int:
    """Check maps for errors and warnings."""
    from argmap.api import analyse
    from argmap.report import SourceLines, format_text, summary_line

    found = []
    texts: dict[str, str] = {}
    for file in files:
        if file == "-":
            text = sys.stdin.read()
            texts["<stdin>"] = text
            found += analyse("<stdin>", text=text, sources=sources, allow_outside=allow_outside).diagnostics
        else:
            found += analyse(file, sources=sources, allow_outside=allow_outside).diagnostics
    if found:
        click.echo(format_text(found, SourceLines(texts), color=sys.stdout.isatty()))
        click.echo()
    click.echo(summary_line(found, len(files)), err=True)
    failing = [d for d in found if d.is_error or strict]
    return EXIT_FINDINGS if failing else EXIT_OK
