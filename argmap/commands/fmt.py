"""argmap fmt FILE... [--check] [--diff] : rewrite maps in the canonical layout."""

from __future__ import annotations

import click

from argmap.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


@click.command("fmt")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit 1 if a file would change.")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff instead of writing.")
@click.option("--force", is_flag=True, help="Rewrite read-only files too.")
def command(files: tuple[str, ...], check_only: bool, show_diff: bool, force: bool) -> int:
    """Rewrite maps in the canonical layout, keeping every comment.

    `-` reads standard input and writes the result to standard output.
    Includes are not followed: each file is formatted on its own. A file
    that changed since argmap read it is not written (exit 2); a symlink is
    kept and its target formatted; mode, owner and hard links are kept; a
    read-only file is left alone unless --force.
    """
    import difflib

    from argmap.errors import ArgmapError, ArgmapSyntaxError
    from argmap.fileio import replace_in_place, snapshot, write_stdout
    from argmap.fmt import format_text
    from argmap.loader import MAX_FILE_BYTES, decode_input, read_input
    from argmap.report import SourceLines, neutralise
    from argmap.report import format_text as format_report

    status = EXIT_OK
    changed = 0
    for file in files:
        name = "<stdin>" if file == "-" else file
        shown = neutralise(name, keep="")
        try:
            shot = None if file == "-" else snapshot(file, MAX_FILE_BYTES)
            data = read_input("-") if shot is None else shot.data
        except ArgmapError as exc:
            click.echo(f"argmap: error: {neutralise(str(exc), keep='')}", err=True)
            status = EXIT_ERROR
            continue
        text, problem = decode_input(data, name)
        if problem is not None:
            click.echo(format_report([problem], SourceLines({name: text})), err=True)
            status = max(status, EXIT_FINDINGS)
            continue
        try:
            result = format_text(text, name)
        except ArgmapSyntaxError as exc:
            click.echo(format_report(exc.diagnostics, SourceLines({name: text})), err=True)
            click.echo(f"argmap: {shown} not formatted: it has syntax errors", err=True)
            status = max(status, EXIT_FINDINGS)
            continue
        except ArgmapError as exc:
            click.echo(f"argmap: error: {neutralise(str(exc), keep='')}", err=True)
            status = EXIT_ERROR
            continue
        same = result == text and b"\r" not in data  # a BOM alone is no reason to rewrite
        if show_diff and not same:
            write_stdout("".join(difflib.unified_diff(
                text.splitlines(keepends=True), result.splitlines(keepends=True),
                fromfile=f"a/{name}", tofile=f"b/{name}")))
        if check_only or show_diff:
            if not same:
                changed += 1
                if check_only:
                    click.echo(f"would reformat {shown}", err=True)
            continue
        if shot is None:
            write_stdout(result)  # byte for byte: an escape character in a text stays
        elif not same:
            try:
                replace_in_place(shot, result, name, force=force)
            except ArgmapError as exc:
                click.echo(f"argmap: error: {neutralise(str(exc), keep='')}", err=True)
                status = EXIT_ERROR
                continue
            changed += 1
            click.echo(f"reformatted {shown}", err=True)
    if check_only and changed:
        status = max(status, EXIT_FINDINGS)
    verb = "would be reformatted" if check_only or show_diff else "reformatted"
    click.echo(f"{changed} file{'s' if changed != 1 else ''} {verb}, {len(files) - changed} unchanged", err=True)
    return status
