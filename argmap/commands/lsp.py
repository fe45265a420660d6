"""`argmap lsp`: the language server over standard input and output."""

from __future__ import annotations

import click

from argmap.errors import ArgmapError


@click.command(name="lsp")
@click.option("--sources", "sources", multiple=True, type=click.Path(file_okay=False),
              help="Folder where cited source files are found (repeatable).")
@click.option("--stdio", is_flag=True, default=True, hidden=True, help="Talk over stdin/stdout (the default).")
def command(sources: tuple[str, ...], stdio: bool) -> int:
    """Run the language server for editors (LSP over stdio).

    Editors start it themselves; see docs/editors.md. Needs the `lsp` extra:
    pip install 'argmap[lsp]'.
    """
    try:
        from argmap.lsp.server import create_server
    except ImportError as exc:
        raise ArgmapError(
            f"the language server needs pygls ({exc.name} is missing): pip install 'argmap[lsp]'"
        ) from None
    import os

    if sources:
        os.environ["ARGMAP_SOURCES"] = os.pathsep.join(os.path.abspath(s) for s in sources)
    server = create_server()
    server.start_io()
    return 0
