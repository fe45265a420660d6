"""Reading input with bounds: a file, standard input or a pipe is read up to
a cap (64 MB) and refused beyond it, whatever its size claims (``/dev/zero``,
a flood on standard input); a map named through a symlink that leads out of
its repository is refused; bytes become text as UTF-8 with lone carriage
returns read as line ends. ``argmap.loader`` re-exports these.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import BinaryIO

from argmap.diagnostics import Diagnostic
from argmap.errors import InputError
from argmap.syntax import decode_bytes

__all__ = [
    "MAX_FILE_BYTES",
    "read_stream",
    "read_input",
    "refuse_link_out",
    "normalise_newlines",
    "decode_input",
    "read_map_text",
]

MAX_FILE_BYTES = 64 * 1024 * 1024
_MB = 1024 * 1024
_CHUNK = 1024 * 1024


def read_stream(stream: BinaryIO, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read ``stream`` to its end, but never more than ``limit`` bytes: one
    byte more and InputError (so a flood or ``/dev/zero`` stops at the cap)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise InputError(
                f"{name} is more than {limit // _MB} MB; argmap reads maps of up to "
                f"{limit // _MB} MB (split it with include)"
            )


def refuse_link_out(path: Path) -> None:
    """InputError when ``path`` goes through a symlink whose target lies
    outside the repository holding the link (the folder with ``.git`` or
    ``.hg`` above it; else the link's own folder). A file named on the command
    line may be anywhere, but a link committed in an untrusted tree
    (``maps/x.arg -> /etc/passwd``) must not make argmap read and show it."""
    literal = Path(os.path.normpath(path.absolute()))
    try:
        real = path.resolve()
    except (OSError, RuntimeError):
        return  # a loop or a missing file: reading it fails with its own message
    if real == literal:
        return
    root = _repository_of(literal)
    if not real.is_relative_to(root):
        raise InputError(
            f"{path} is a symlink to {real}, outside the repository ({root}); argmap does not follow it "
            "(name the file itself, or pass --allow-outside if you trust the link)"
        )


def _repository_of(literal: Path) -> Path:
    """The repository above ``literal`` (found without following symlinks),
    else the nearest folder above it that is not reached through a symlink."""
    nearest: Path | None = None
    for current in literal.parents:
        if os.path.realpath(current) != str(current):
            continue  # a link (or a folder reached through one): its .git proves nothing
        nearest = nearest or current
        if (current / ".git").exists() or (current / ".hg").exists():
            return current
    return nearest or Path(literal.anchor)


def read_input(file: str | os.PathLike[str], limit: int = MAX_FILE_BYTES, *, confine: bool = True) -> bytes:
    """The bytes of a file, or of standard input for ``-``, read with the cap
    ``limit``. A regular file over the cap is refused from its size before
    any reading. ``confine``: refuse a symlink leading out of its repository
    (:func:`refuse_link_out`). InputError with the reason when it cannot be read."""
    if str(file) == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream (tests, some embeddings)
            text = sys.stdin.read(limit + 1)
            if len(text) > limit:
                raise InputError(f"standard input is more than {limit // _MB} MB; argmap reads maps of up to "
                                 f"{limit // _MB} MB")
            return text.encode("utf-8", "surrogateescape")
        return read_stream(stream, "standard input", limit)
    path = Path(file)
    if confine:
        refuse_link_out(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if size > limit:
        raise InputError(
            f"{path} is {size // _MB} MB; argmap reads maps of up to {limit // _MB} MB (split it with include)"
        )
    try:
        with path.open("rb") as handle:
            return read_stream(handle, str(path), limit)
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a map file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


_LONE_CR = re.compile(r"\r(?!\n)")


def normalise_newlines(text: str) -> str:
    """A lone carriage return (old Mac line ends) becomes a line feed. The
    text keeps its length, so every span stays valid; ``\\r\\n`` is left as it is."""
    if "\r" not in text:
        return text
    return _LONE_CR.sub("\n", text)


def decode_input(data: bytes, name: str) -> tuple[str, Diagnostic | None]:
    """UTF-8 (a BOM is fine) -> text with lone CRs as line ends, and an E002
    diagnostic when the bytes are not UTF-8 (then replaced, so the rest is checked)."""
    text, problem = decode_bytes(data, name)
    return normalise_newlines(text), problem


def read_map_text(file: str | os.PathLike[str], name: str | None = None) -> tuple[str, Diagnostic | None]:
    """:func:`read_input` then :func:`decode_input` (``name``: as in diagnostics)."""
    shown = name or ("<stdin>" if str(file) == "-" else str(file))
    return decode_input(read_input(file), shown)
