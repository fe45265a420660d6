"""argmap schema : print the JSON Schema of `argmap export --to json`."""

from __future__ import annotations

import click

from argmap.cli import EXIT_OK


@click.command("schema")
def command() -> int:
    """Print the JSON Schema of argmap's JSON export (draft 2020-12)."""
    from argmap.interop.json_ import schema_text

    click.echo(schema_text(), nl=False)
    return EXIT_OK
