"""`argmap watch FILE -o OUT`: re-check and re-render on every save."""

from __future__ import annotations

from pathlib import Path

import click

from argmap.errors import ArgmapError

FORMATS = ("svg", "html", "png", "pdf", "dot")


@click.command(name="watch")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the output (default: next to FILE).")
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: from OUT's extension, else svg).")
@click.option("--sources", multiple=True, type=click.Path(file_okay=False), help="Folder of cited source files.")
@click.option("--serve", is_flag=True, help="Serve the HTML report on 127.0.0.1 (only) and reload it after each render.")
@click.option("--port", type=int, default=8765, show_default=True, help="Port for --serve (0: any free port).")
def command(file: Path, out: Path | None, fmt: str | None, sources: tuple[str, ...], serve: bool, port: int) -> int:
    """Re-check and re-render FILE each time it is saved.

    When the map breaks, the diagnostics are printed and the last good output
    is kept; when it disappears for a moment (editors save by renaming), it
    is waited for. Stop with Ctrl-C. Needs watchfiles: pip install
    'argmap[watch]'.
    """
    try:
        import watchfiles  # noqa: F401
    except ImportError:
        raise ArgmapError("argmap watch needs watchfiles: pip install 'argmap[watch]'") from None
    from argmap.report import SourceLines, render, summary_line, use_color
    from argmap.watch import Outcome, ReloadServer, watch_loop

    if fmt is None:
        suffix = out.suffix.lstrip(".").lower() if out is not None else ""
        fmt = suffix if suffix in FORMATS else ("html" if serve else "svg")
    if serve and fmt != "html":
        raise click.UsageError("--serve needs --format html (or an OUT ending in .html)")
    out = out or file.with_suffix("." + fmt)
    server = ReloadServer(out, port) if serve else None
    color = use_color("auto")

    def report(outcome: Outcome) -> None:
        if outcome.missing is not None:
            click.echo(f"argmap watch: {outcome.missing}; waiting for it to come back", err=True)
            return
        if outcome.diagnostics:
            click.echo(render(outcome.diagnostics, [str(file)], "text", lines=SourceLines(), color=color), err=True)
        status = f"wrote {out}" if outcome.written else f"kept the last good {out.name}: the map has errors"
        click.echo(f"argmap watch: {summary_line(outcome.diagnostics, 1)}; {status}", err=True)

    if server is not None:
        server.start()
        click.echo(f"argmap watch: serving http://127.0.0.1:{server.port}/ (Ctrl-C to stop)", err=True)
    try:
        watch_loop(file, out, fmt, sources, report, server=server, extra_paths=[Path(s) for s in sources])
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.stop()
    return 0
