"""argmap explain FILE ID: why a node is IN, OUT or UNDEC."""

from __future__ import annotations

import click


@click.command("explain")
@click.argument("file", type=click.Path(allow_dash=True))
@click.argument("node_id", metavar="ID")
@click.option("--semantics", type=click.Choice(["grounded", "complete", "preferred", "stable"]),
              default="grounded", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(file: str, node_id: str, semantics: str, fmt: str) -> int:
    """Print why node ID is IN, OUT or UNDEC: the attackers that defeat it and
    what defends it, as a short chain."""

    from argmap.commands.eval import load_map
    from argmap.errors import InputError
    from argmap.evaluate import TooManyExtensions, explain
    from argmap.jsonio import dump_json

    argmap = load_map(file)
    if argmap.node(node_id) is None:
        import difflib

        close = difflib.get_close_matches(node_id, list(argmap.node_by_id), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise InputError(f"no node '{node_id}' in {file}{hint}")
    try:
        result = explain(argmap, node_id, semantics)
    except TooManyExtensions as exc:
        raise InputError(f"{exc}; try --semantics grounded") from None
    if fmt == "json":
        click.echo(dump_json({"id": result.node, "semantics": result.semantics, "label": result.label,
                               "summary": result.summary, "chain": list(result.lines),
                               "attackers": list(result.attackers), "defeaters": list(result.defeaters),
                               "acceptance": result.acceptance or None}))
    else:
        click.echo(result.text())
    return 0
