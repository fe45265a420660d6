"""The Lark LALR parser of ``grammar/argmap.lark``, built once per thread.

Lark analyses the grammar once and caches the result in the user's cache
folder (never inside the package, which may be read-only); later runs load
the cache. Two parsers are kept per thread: one that runs the
:class:`~argmap.syntax.transform.MapTransformer` while it parses (no parse
tree is built), and a plain one whose token stream ``argmap fmt`` reads.
Only public Lark API is used (``Lark(...)``, ``parse``, ``parse_interactive``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from argmap.syntax.transform import MapTransformer

__all__ = ["grammar_text", "transforming_parser", "token_parser"]

_local = threading.local()


def grammar_text() -> str:
    """The grammar's text (the package is installed unzipped: the file sits in it)."""
    import argmap.grammar

    return (Path(argmap.grammar.__file__).parent / "argmap.lark").read_text(encoding="utf-8")


def _cache_dirs() -> Iterator[Path]:
    """Where the analysed grammar is cached: ARGMAP_CACHE_DIR, else the user's
    cache folder, then a temporary one."""
    explicit = os.environ.get("ARGMAP_CACHE_DIR")
    if explicit:
        yield Path(explicit)
    else:
        base = os.environ.get("XDG_CACHE_HOME")
        yield (Path(base) if base else Path.home() / ".cache") / "argmap"
    import tempfile

    yield Path(tempfile.gettempdir()) / "argmap-cache"


def _build(transformer: MapTransformer | None, comments: list[Any]) -> Any:
    import hashlib

    import lark
    from lark import Lark

    text = grammar_text()
    digest = hashlib.sha256(f"{lark.__version__}\0{text}".encode()).hexdigest()[:16]
    options: dict[str, Any] = {
        "parser": "lalr",
        "lexer": "contextual",
        "maybe_placeholders": False,
        "lexer_callbacks": {"COMMENT": comments.append},
    }
    if transformer is not None:
        options["transformer"] = transformer
    for directory in _cache_dirs():
        try:
            directory.mkdir(parents=True, exist_ok=True)
            return Lark(text, cache=str(directory / f"grammar-{digest}.lark.cache"), **options)
        except OSError:
            continue
    return Lark(text, **options)


def transforming_parser() -> tuple[Any, MapTransformer, list[Any]]:
    """(parser, its transformer, the list its comment tokens are appended to)."""
    state = getattr(_local, "transforming", None)
    if state is None:
        transformer = MapTransformer()
        comments: list[Any] = []
        state = _local.transforming = (_build(transformer, comments), transformer, comments)
    return state


def token_parser() -> Any:
    """A parser without callbacks, for reading a file's tokens (``argmap fmt``)."""
    parser = getattr(_local, "tokens", None)
    if parser is None:
        parser = _local.tokens = _build(None, [])
    return parser
