"""argmap explain FILE ID: why a node is IN, OUT or UNDEC."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from argmap.model import Map


@click.command("explain")
@click.argument("file", type=click.Path(allow_dash=True))
@click.argument("node_id", metavar="ID")
@click.option("--semantics", type=click.Choice(["grounded", "complete", "preferred", "stable"]),
              default="grounded", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--reading", type=click.Choice(["argument", "bipolar", "dung"]), default="argument", show_default=True,
              help="How the map is read (see argmap eval --help).")
def command(file: str, node_id: str, semantics: str, fmt: str, reading: str) -> int:
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
        result = explain(argmap, node_id, semantics, reading=reading)
    except TooManyExtensions as exc:
        raise InputError(f"{exc}; try --semantics grounded") from None
    from argmap.fileio import write_stdout

    if fmt == "json":
        write_stdout(dump_json({"id": result.node, "semantics": result.semantics, "label": result.label,
                                "summary": result.summary, "chain": list(result.lines),
                                "attackers": list(result.attackers), "defeaters": list(result.defeaters),
                                "acceptance": result.acceptance or None, "reading": reading,
                                "open_questions": _open_questions(argmap, node_id)}) + "\n")
    else:
        from argmap.report import neutralise

        text = result.text() + "\n"
        questions = _open_questions(argmap, node_id)
        if questions:
            text += f"open critical questions ({argmap.node_by_id[node_id].scheme}):\n"
            text += "".join(f"  - {question}\n" for question in questions)
        write_stdout(neutralise(text), display=False)
    return 0


def _open_questions(argmap: Map, node_id: str) -> list[str]:
    """The critical questions of the node's scheme it leaves unanswered, as text."""
    from argmap.schemes import open_questions

    return [f"{q.id}: {q.text}" for q in open_questions(argmap.node_by_id[node_id])]
