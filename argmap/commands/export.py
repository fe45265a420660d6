"""argmap export FILE --to FORMAT [-o OUT] : write a map in another format."""

from __future__ import annotations

import click

from argmap.cli import EXIT_OK

FORMATS = ("json", "aif", "argdown", "i23", "apx", "tgf")


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--to", "to", required=True, type=click.Choice(FORMATS), help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write here (default, or `-`: standard output).")
def command(file: str, to: str, output: str | None) -> int:
    """Export a map (includes merged) as json, aif, argdown, or ICCMA i23/apx/tgf."""
    import dataclasses

    from argmap.cli import EXIT_FINDINGS
    from argmap.commands.eval import load_map
    from argmap.errors import ArgmapSyntaxError
    from argmap.fileio import refuse_input_as_output, write_output
    from argmap.report import format_text

    refuse_input_as_output(output, [file])
    try:
        argmap = load_map(file)
    except ArgmapSyntaxError as exc:
        click.echo(format_text(exc.diagnostics), err=True)
        click.echo("argmap: nothing exported: the map has syntax errors", err=True)
        return EXIT_FINDINGS
    argmap = dataclasses.replace(argmap, includes=())  # already merged in
    lost: list[str] = []
    if to == "json":
        from argmap.interop.json_ import dumps

        text = dumps(argmap)
    elif to == "aif":
        from argmap.interop.aif_export import dumps as aif_dumps
        from argmap.interop.aif_export import lost_on_export as aif_lost

        text, lost = aif_dumps(argmap), aif_lost(argmap)
    elif to == "argdown":
        from argmap.interop.argdown_export import export_map, lost_items

        text, lost = export_map(argmap), lost_items(argmap)
    else:
        from argmap.interop.iccma import export_map as iccma_export
        from argmap.interop.iccma import lost_on_export as iccma_lost

        text, lost = iccma_export(argmap, to), iccma_lost(argmap)
    for item in lost:  # never silent: what the format (or other tools reading it) will not carry
        click.echo(f"argmap: warning: {to} export: {item}", err=True)
    write_output(text, output)  # exact bytes (on a terminal: control characters shown as U+FFFD)
    return EXIT_OK
