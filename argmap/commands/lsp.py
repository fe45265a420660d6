"""`argmap lsp`: the language server over standard input and output."""

from __future__ import annotations

import os

import click

from argmap.errors import ArgmapError


@click.command(name="lsp")
@click.option("--sources", "sources", multiple=True, type=click.Path(file_okay=False),
              help="Folder where cited source files are found (repeatable).")
@click.option("--debounce", type=click.FloatRange(0, 10), default=0.05, show_default=True,
              help="Seconds after the last change before diagnostics are published.")
@click.option("--stdio", is_flag=True, default=True, hidden=True, help="Talk over stdin/stdout (the default).")
def command(sources: tuple[str, ...], debounce: float, stdio: bool) -> int:
    """Run the language server for editors (LSP over stdio).

    Editors start it themselves; see docs/editors.md. Needs the `lsp` extra:
    pip install 'argmap[lsp]'.
    """
    try:
        from argmap.lsp.framing import serve_stdio
        from argmap.lsp.handlers import create_server
        from argmap.lsp.server import ServerOptions
    except ImportError as exc:
        raise ArgmapError(
            f"the language server needs pygls ({exc.name} is missing): pip install 'argmap[lsp]'"
        ) from None
    options = ServerOptions(sources=tuple(os.path.abspath(s) for s in sources), debounce=debounce)
    server = create_server(options)
    return serve_stdio(server.protocol, options.limits)
