"""argmap fmt FILE... [--check] [--diff] : rewrite maps in the canonical layout."""

from __future__ import annotations

import sys

import click

from argmap.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


@click.command("fmt")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of writing.")
def command(files: tuple[str, ...], check_only: bool, show_diff: bool) -> int:
    """Rewrite maps in the canonical layout, keeping every comment.

    `-` reads standard input and writes the result to standard output.
    Includes are not followed: each file is formatted on its own.
    """
    import difflib
    from pathlib import Path

    from argmap.errors import ArgmapError, ArgmapSyntaxError
    from argmap.fileio import atomic_write
    from argmap.fmt import format_text
    from argmap.report import SourceLines
    from argmap.report import format_text as format_report
    from argmap.syntax import decode_bytes

    status = EXIT_OK
    changed = 0
    for file in files:
        name = "<stdin>" if file == "-" else file
        try:
            data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
        except OSError as exc:
            click.echo(f"argmap: error: cannot read {file}: {exc.strerror or exc}", err=True)
            status = EXIT_ERROR
            continue
        text, problem = decode_bytes(data, name)
        if problem is not None:
            click.echo(format_report([problem], SourceLines({name: text})), err=True)
            status = max(status, EXIT_FINDINGS)
            continue
        try:
            result = format_text(text, name)
        except ArgmapSyntaxError as exc:
            click.echo(format_report(exc.diagnostics, SourceLines({name: text})), err=True)
            click.echo(f"argmap: {name} not formatted: it has syntax errors", err=True)
            status = max(status, EXIT_FINDINGS)
            continue
        except ArgmapError as exc:
            click.echo(f"argmap: error: {exc}", err=True)
            status = EXIT_ERROR
            continue
        same = result == text
        if show_diff and not same:
            click.echo("".join(difflib.unified_diff(
                text.splitlines(keepends=True), result.splitlines(keepends=True),
                fromfile=f"a/{name}", tofile=f"b/{name}")), nl=False)
        if check_only or show_diff:
            if not same:
                changed += 1
                if check_only:
                    click.echo(f"would reformat {name}", err=True)
            continue
        if file == "-":
            click.echo(result, nl=False)
        elif not same:
            atomic_write(file, result)
            changed += 1
            click.echo(f"reformatted {name}", err=True)
    if check_only and changed:
        status = max(status, EXIT_FINDINGS)
    verb = "would be reformatted" if check_only or show_diff else "reformatted"
    click.echo(f"{changed} file{'s' if changed != 1 else ''} {verb}, {len(files) - changed} unchanged", err=True)
    return status
