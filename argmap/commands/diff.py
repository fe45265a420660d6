"""argmap diff OLD NEW [--format text|md|json] : compare two versions of a map by meaning.

Exit codes like diff(1): 0 no semantic change, 1 changes, 2 trouble. Called
by git as an external diff (GIT_EXTERNAL_DIFF, 7 arguments: path old-file
old-hex old-mode new-file new-hex new-mode) it prints the changes and exits 0,
since git stops on a non-zero exit.
"""

from __future__ import annotations

import click

from argmap.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


def _load(path: str, display: str) -> object:
    from pathlib import Path

    from argmap.api import load, loads
    from argmap.model import Map

    if path == "/dev/null" or (display != path and not Path(path).exists()):
        return Map()
    if display != path:  # a git temporary file: includes resolve next to the real path
        from argmap.loader import read_map_text

        text, _ = read_map_text(path, display)
        return loads(text, display, base_dir=Path(display).parent)
    return load(path)


@click.command("diff")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text", show_default=True)
@click.option("--no-eval", is_flag=True, help="Do not compare evaluation status.")
def command(paths: tuple[str, ...], fmt: str, no_eval: bool) -> int:
    """Compare two versions of a map: nodes, relations, citations, attributes, status."""
    from argmap.diff import diff_maps, render_json, render_markdown, render_text
    from argmap.errors import ArgmapError

    git_mode = len(paths) == 7
    if git_mode:
        display = paths[0]
        old_name, new_name = f"a/{display}", f"b/{display}"
        try:
            old = _load(paths[1], display)
            new = _load(paths[4], display)
        except ArgmapError as exc:  # git stops on a non-zero exit: say why, go on
            from argmap.report import neutralise

            click.echo(neutralise(f"argmap diff: {display}: cannot compare: {exc}", keep=""))
            return EXIT_OK
    elif len(paths) == 2:
        from argmap.errors import ArgmapSyntaxError
        from argmap.report import format_text

        old_name, new_name = paths
        try:
            old, new = _load(paths[0], paths[0]), _load(paths[1], paths[1])
        except ArgmapSyntaxError as exc:  # exit 1 means "maps differ": a broken map is trouble (2)
            click.echo(format_text(exc.diagnostics), err=True)
            click.echo("argmap diff: cannot compare a map with syntax errors", err=True)
            return EXIT_ERROR
    else:
        raise click.UsageError("argmap diff takes OLD NEW (or git's 7 external-diff arguments)")
    result = diff_maps(old, new, old_name, new_name, evaluate=not no_eval)  # type: ignore[arg-type]
    from argmap.fileio import write_stdout
    from argmap.report import neutralise

    render = {"text": render_text, "md": render_markdown, "json": render_json}[fmt]
    out = render(result)
    # text and Markdown are read by people: control and bidi characters from the
    # maps or their names are shown as U+FFFD; JSON is data and stays exact
    write_stdout(out if fmt == "json" else neutralise(out), display=fmt == "json")
    if git_mode:
        return EXIT_OK
    return EXIT_FINDINGS if result else EXIT_OK
