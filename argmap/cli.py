"""The command line. Thin: options -> API -> report -> exit code.

Each subcommand lives in ``argmap/commands/<name>.py`` and is imported only
when it runs, so ``argmap check`` never pays for rendering or evaluation.

Exit codes: 0 clean; 1 findings (errors, or warnings with --strict; a map
that fails to parse); 2 usage error, unreadable file or internal error.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
from dataclasses import dataclass
from typing import Any

import click

__all__ = ["main", "run", "cli", "Program", "COMMANDS", "EXIT_OK", "EXIT_FINDINGS", "EXIT_ERROR"]

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

# name -> (module, one-line help). The help is here so `argmap --help` imports nothing.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("argmap.commands.check", "Check maps for errors and warnings (like a linter)."),
    "rules": ("argmap.commands.rules", "List the rules, or explain one: argmap rules E102."),
    "schemes": ("argmap.commands.schemes", "List the argumentation schemes and their critical questions."),
    "render": ("argmap.commands.render", "Draw a map with Graphviz: SVG, DOT, PNG, PDF, JSON, HTML."),
    "outline": ("argmap.commands.outline", "Print the argument as an outline: text, Markdown or HTML."),
    "eval": ("argmap.commands.eval", "Evaluate a map: labellings, extensions and strengths."),
    "explain": ("argmap.commands.explain", "Explain why a node is accepted, rejected or undecided."),
    "ach": ("argmap.commands.ach", "Analysis of Competing Hypotheses matrix from the map's ratings."),
    "fmt": ("argmap.commands.fmt", "Rewrite maps in the canonical layout (keeps every comment)."),
    "diff": ("argmap.commands.diff", "Compare two versions of a map by meaning."),
    "export": ("argmap.commands.export", "Export a map: json, aif, argdown, i23, apx, tgf."),
    "import": ("argmap.commands.import_", "Import a map from json, aif, argdown or kialo."),
    "schema": ("argmap.commands.schema", "Print the JSON Schema of argmap's JSON export."),
    "lsp": ("argmap.commands.lsp", "Run the language server (stdio) for editors."),
    "watch": ("argmap.commands.watch", "Re-check and re-render a map on every save."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, (module, _) in COMMANDS.items() if _available(module)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        entry = COMMANDS.get(name)
        if entry is None or not _available(entry[0]):
            return None
        module = importlib.import_module(entry[0])
        return module.command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _available(module: str) -> bool:
    from importlib.util import find_spec

    try:
        return find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _version() -> str:
    from argmap import __version__

    return __version__


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(_version(), "-V", "--version", prog_name="argmap")
def cli() -> None:
    """argmap: argument maps as plain text.

    Write a map in a .arg file, then check it, draw it, outline it and
    evaluate it. Start with:  argmap check maps/syria_iran_russia.arg
    """


@dataclass(frozen=True)
class Program:
    """How the process runs its command, handed to every command as click's
    context object. ``one_shot``: the ``argmap`` program (one command, then the
    process ends), which may use a second core for a big map
    (``analyse(..., parallel=True)``); False for tests and library callers."""

    one_shot: bool = False


def main(argv: list[str] | None = None, *, program: Program | None = None) -> Any:
    """Console entry point. Turns argmap's own errors into messages and exit
    codes; anything unexpected becomes one line asking for a report."""
    from argmap.errors import ArgmapError

    def neutralise(text: str) -> str:  # messages name files: no escape sequence reaches the terminal
        from argmap.report import neutralise

        return neutralise(text)

    try:
        result = cli.main(args=argv, prog_name="argmap", standalone_mode=False, obj=program or Program())
        sys.exit(result if isinstance(result, int) else EXIT_OK)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("argmap: interrupted", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        import io

        shown = io.StringIO()
        exc.show(file=shown)
        click.echo(neutralise(shown.getvalue()), err=True, nl=False)
        sys.exit(EXIT_ERROR if exc.exit_code in (1, 2) else exc.exit_code)
    except ArgmapError as exc:
        click.echo(f"argmap: error: {neutralise(str(exc))}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:  # the reader of standard output went away: the output is incomplete
        click.echo("argmap: error: cannot write to standard output: the reader closed the pipe; "
                   "the output is incomplete", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        click.echo("argmap: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if isinstance(exc, OSError) and _write_failure(exc):  # a write outside argmap.fileio (rule listings)
            click.echo(f"argmap: error: cannot write the output: {exc.strerror}; it is incomplete", err=True)
            sys.exit(EXIT_ERROR)
        click.echo(
            f"argmap: internal error: {type(exc).__name__}: {neutralise(str(exc))}. This is a bug in argmap; "
            "please report it with the command and the map that caused it "
            "(set ARGMAP_DEBUG=1 for a traceback).",
            err=True,
        )
        import os

        if os.environ.get("ARGMAP_DEBUG"):
            raise
        sys.exit(EXIT_ERROR)


def _write_failure(exc: BaseException) -> bool:
    """A full disk or a failing device under an output stream."""
    import errno

    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG)


# Commands that keep running (a server, a watcher): they need the collector.
_LONG_RUNNING = ("lsp", "watch")


def run() -> None:
    """The ``argmap`` program (console script and ``python -m argmap``): ``main``
    in a process that ends as soon as the command is done.

    One command runs and the process ends, so it does what mypy and other
    one-shot tools do: the cyclic garbage collector stays off (a map is
    hundreds of thousands of acyclic objects it would walk again and again),
    and the process leaves with ``os._exit`` after flushing its output
    instead of freeing every object one by one (half a second on a
    20,000-node map). Every file argmap writes is complete and closed before
    its command returns (``argmap.fileio.atomic_write``)."""
    import gc
    import os

    argv = sys.argv[1:]
    one_shot = not any(word in _LONG_RUNNING for word in argv)
    if one_shot:
        gc.disable()
    code: Any = EXIT_OK
    try:
        main(argv, program=Program(one_shot=one_shot))
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = EXIT_OK
    elif not isinstance(code, int):  # sys.exit("message") prints the message, exits 1
        print(code, file=sys.stderr)
        code = EXIT_FINDINGS
    # What is still buffered must reach its reader: a full disk or a closed pipe
    # at this last flush is an incomplete output (exit 2), not a success.
    try:
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        with contextlib.suppress(OSError, ValueError):
            reason = getattr(exc, "strerror", None) or str(exc)
            print(f"argmap: error: cannot write to standard output: {reason}; the output is incomplete",
                  file=sys.stderr)
        code = code if code not in (EXIT_OK, EXIT_FINDINGS) else EXIT_ERROR
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)
