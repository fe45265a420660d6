"""argmap import FILE [--from FORMAT] [-o OUT.arg] : read json, aif, argdown or kialo."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from argmap.cli import EXIT_FINDINGS, EXIT_OK

if TYPE_CHECKING:
    from argmap.diagnostics import Diagnostic
    from argmap.model import Map

FORMATS = ("json", "aif", "argdown", "kialo")


def guess_format(path: str, text: str) -> str | None:
    """From the extension; ``.json`` is sniffed (AIF has ``nodes`` with ``nodeID``)."""
    lower = path.lower()
    if lower.endswith(".json"):
        import json

        try:
            data = json.loads(text, strict=False)  # OVA exports may hold raw line breaks in strings
        except ValueError:
            return "json"
        if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
            data = data["AIF"]  # OVA3
        nodes = data.get("nodes") if isinstance(data, dict) else None
        if isinstance(nodes, list) and any(isinstance(n, dict) and "nodeID" in n for n in nodes):
            return "aif"
        return "json"
    if lower.endswith((".argdown", ".ad")):
        return "argdown"
    if lower.endswith(".txt"):
        return "kialo"
    return None


def import_text(text: str, path: str, fmt: str) -> tuple[Map | None, list[Diagnostic], tuple[str, ...]]:
    """(map or None, diagnostics, header comment lines) for ``text`` in format ``fmt``."""
    if fmt == "json":
        from argmap.interop.json_ import loads
    elif fmt == "aif":
        from argmap.interop.aif import loads
    elif fmt == "argdown":
        from argmap.interop.argdown import loads
    else:
        from argmap.interop.kialo import loads
    result = loads(text, path)
    return result.map, list(result.diagnostics), result.header


def _report_lost(argmap: Map, written: str, name: str) -> None:
    """Warn about anything the .arg text cannot say as the input did (e.g. JSON
    relations of a missing node, nodes not grouped by section)."""
    from argmap.diff import diff_maps, render_text
    from argmap.report import neutralise
    from argmap.syntax import parse_text

    back = parse_text(written, name).map
    if back != argmap:
        lines = render_text(diff_maps(argmap, back, name, "the written .arg", evaluate=False)).splitlines()
        click.echo(f"argmap: warning: the .arg text differs from {neutralise(name, keep='')}:", err=True)
        for line in lines[1:] or ["(order of nodes, sections or relations)"]:
            click.echo(f"  {neutralise(line, keep='')}", err=True)


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--from", "from_", type=click.Choice(FORMATS), help="Input format (default: from the extension).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the .arg here (default, or `-`: standard output).")
def command(file: str, from_: str | None, output: str | None) -> int:
    """Import a map from json, aif (AIFdb/OVA), argdown or kialo (plain-text export)."""
    from pathlib import Path

    from argmap.errors import InputError
    from argmap.fileio import refuse_input_as_output, write_output
    from argmap.interop.writer import write_map
    from argmap.loader import read_input
    from argmap.report import SourceLines, format_text, neutralise

    name = "<stdin>" if file == "-" else file
    refuse_input_as_output(output, [file])
    text = read_input(file).decode("utf-8-sig", errors="replace")
    fmt = from_ or guess_format(name, text)
    if fmt is None:
        raise InputError(f"cannot tell the format of {name} from its extension; use --from {{{','.join(FORMATS)}}}")
    argmap, diagnostics, header = import_text(text, name, fmt)
    if diagnostics:
        click.echo(format_text(diagnostics, SourceLines({name: text})), err=True)
    if argmap is None or any(d.is_error for d in diagnostics):
        click.echo(f"argmap: {neutralise(name, keep='')}: nothing imported", err=True)
        return EXIT_FINDINGS
    # a file name is not map text: a line break in it must not start a line of .arg
    shown = neutralise(Path(name).name, keep="").replace("\u2028", "\ufffd").replace("\u2029", "\ufffd")
    result = write_map(argmap, header_comments=(f"Imported from {shown} ({fmt}) by argmap import.", *header))
    _report_lost(argmap, result, name)
    write_output(result, output)  # exact: escape characters in texts are kept
    return EXIT_OK
