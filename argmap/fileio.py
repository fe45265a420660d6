"""Writing that loses nothing.

* :func:`atomic_write`: a new file or a replaced one is complete or untouched.
* :func:`write_stdout` / :func:`write_output`: standard output gets the bytes
  as they are (no escape sequence stripped), and a failed write (a full disk,
  a closed pipe) is an :class:`OutputError` (exit 2), never a silent truncation.
* :func:`refuse_input_as_output`: ``-o`` naming one of the inputs is refused.
* :func:`snapshot` / :func:`replace_in_place`: ``fmt``'s rewrite of a file it
  read: refused if the file changed meanwhile, through symlinks to the target,
  keeping its mode, owner and hard links.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from argmap.errors import ArgmapError, InputError

__all__ = [
    "OutputError",
    "FileChanged",
    "Snapshot",
    "atomic_write",
    "write_stdout",
    "write_output",
    "refuse_input_as_output",
    "same_file",
    "snapshot",
    "replace_in_place",
]


class OutputError(ArgmapError):
    """Output could not be written completely (exit 2)."""


class FileChanged(InputError):
    """The file changed between reading and writing it back (``fmt``)."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.EPIPE:
        return "the reader closed the pipe"
    if exc.errno == errno.ENOSPC:
        return "no space left on the device"
    return exc.strerror or str(exc)


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically: a temporary file in the same folder,
    flushed and fsynced, then renamed over the target. An existing file is
    untouched unless the whole write succeeds; its permissions are kept."""
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data

    def keep_mode(tmp: str) -> None:
        try:
            mode = target.stat().st_mode & 0o777
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)

    _replace_through_temp(target, payload, str(target), keep_mode, refused="")


def _replace_through_temp(target: Path, payload: bytes, shown: str, prepare: Callable[[str], None],
                          *, refused: str = "; it is left as it was") -> None:
    """The one way argmap replaces a file: ``payload`` into a temporary file
    beside ``target`` (written whole, fsynced), ``prepare(tmp)`` (its mode,
    owner, a last check), then renamed over ``target``; on any failure the
    temporary file goes and ``target`` is untouched. ``refused``: what the
    message adds when the temporary file cannot even be made."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        import tempfile  # here: the program's start does not pay for it

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {_reason(exc)}{refused}") from None
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        prepare(tmp)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {shown}: {_reason(exc)}; it is left as it was") from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_stdout(data: str | bytes, *, display: bool = True) -> None:
    """Write ``data`` to standard output byte for byte (UTF-8), then flush.

    ``click.echo`` strips escape sequences when standard output is not a
    terminal, which would change a map's text in ``fmt -`` or ``export``;
    this does not. With ``display`` (data formats) and standard output a
    terminal, control and bidirectional characters are shown as U+FFFD so
    a map cannot drive the terminal; written to a file or a pipe, the data is
    exact. Reports that colour themselves pass ``display=False`` (they
    neutralise map texts when they build the report).

    A failed write raises OutputError (exit 2): a full disk or a closed
    pipe never ends in a truncated output and exit 0."""
    if display and isinstance(data, str) and _isatty(sys.stdout):
        from argmap.report import neutralise

        data = neutralise(data)
    payload = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    try:
        sys.stdout.flush()
        stream: BinaryIO | None = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream (some embeddings)
            sys.stdout.write(payload.decode("utf-8", "replace"))
            sys.stdout.flush()
            return
        stream.flush()
        try:
            fd = stream.fileno()
        except (OSError, ValueError, io.UnsupportedOperation):  # an in-memory stream (tests)
            if stream.write(payload) != len(payload):
                raise OSError(errno.EIO, "short write") from None
            stream.flush()
            return
        _write_all(fd, payload)
    except OSError as exc:
        raise OutputError(f"cannot write to standard output: {_reason(exc)}; the output is incomplete") from None
    except ValueError:  # closed
        raise OutputError("cannot write to standard output: it is closed") from None


def _write_all(fd: int, payload: bytes) -> None:
    """Every byte to ``fd``, or OSError. (A buffered stream can report a
    short count instead of the broken pipe that cut a big write short.)"""
    view = memoryview(payload)
    done = 0
    while done < len(view):
        done += os.write(fd, view[done:done + _CHUNK])


_CHUNK = 1 << 20


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def write_output(data: str | bytes, output: str | os.PathLike[str] | None, *, display: bool = True) -> None:
    """To standard output (``output`` None or ``-``) or atomically to a file."""
    if output is None or str(output) == "-":
        write_stdout(data, display=display)
    else:
        atomic_write(output, data)


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file (symlinks followed, hard links included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return Path(a).resolve() == Path(b).resolve()
    except (OSError, RuntimeError):
        return False


def refuse_input_as_output(output: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """InputError (exit 2) when ``output`` is one of ``inputs`` (``-`` aside):
    writing there would replace the map the command reads."""
    if output is None or str(output) == "-":
        return
    for item in inputs:
        if str(item) != "-" and same_file(output, item):
            raise InputError(f"refusing to write to {output}: it is the input {item}; give -o another file")


@dataclass(frozen=True)
class Snapshot:
    """A file as ``fmt`` read it: the real path (symlinks followed) and what
    identifies its content (device, inode, size, modification time)."""

    path: Path
    device: int
    inode: int
    size: int
    mtime_ns: int
    mode: int
    uid: int
    gid: int
    links: int
    data: bytes


def snapshot(path: str | os.PathLike[str], limit: int) -> Snapshot:
    """Read ``path`` (up to ``limit`` bytes) and remember what it was."""
    from argmap.inputs import read_stream, refuse_link_out

    refuse_link_out(Path(path))  # a link into the repository is formatted; one leading out is not
    real = Path(os.path.realpath(path))
    try:
        with real.open("rb") as handle:
            before = os.fstat(handle.fileno())
            if not stat.S_ISREG(before.st_mode):
                raise InputError(f"{path} is not a regular file")
            data = read_stream(handle, str(path), limit)
    except IsADirectoryError:
        raise InputError(f"{path} is a folder, not a map file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    return Snapshot(real, before.st_dev, before.st_ino, before.st_size, before.st_mtime_ns,
                    stat.S_IMODE(before.st_mode), before.st_uid, before.st_gid, before.st_nlink, data)


def _unchanged(shot: Snapshot, now: os.stat_result) -> bool:
    return (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns) == (shot.device, shot.inode, shot.size, shot.mtime_ns)


def _still_as_read(shot: Snapshot) -> bool:
    """The file is the one read, with the same bytes (a clock too coarse to
    show an edit does not fool it)."""
    try:
        with shot.path.open("rb") as handle:
            if not _unchanged(shot, os.fstat(handle.fileno())):
                return False
            return handle.read(shot.size + 1) == shot.data
    except OSError:
        return False


def replace_in_place(shot: Snapshot, data: str | bytes, shown: str, *, force: bool = False) -> None:
    """Replace the file of ``shot`` with ``data``, losing nothing:

    * refused (FileChanged) when the file changed since it was read;
    * a symlink stays a symlink: its target is written;
    * a read-only file is refused unless ``force``;
    * mode, owner and group are kept (the new file gets them before it
      replaces the old one);
    * a file with other hard links is rewritten in place (the links stay
      one file), its old content kept aside until the new one is on disk.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path = shot.path
    try:
        now = os.stat(path)
    except OSError as exc:
        raise FileChanged(f"{shown} is gone since argmap read it ({exc.strerror}); nothing written") from None
    if not _still_as_read(shot):
        raise FileChanged(f"{shown} changed since argmap read it; nothing written: run argmap fmt again")
    if not force and (not shot.mode & 0o222 or not os.access(path, os.W_OK)):
        raise InputError(f"{shown} is read-only; nothing written (--force rewrites it anyway)")
    if now.st_nlink > 1:
        _rewrite_linked(shot, payload, shown)
        return
    def keep_mode_and_owner(tmp: str) -> None:
        os.chmod(tmp, shot.mode)
        if (now.st_uid, now.st_gid) != (os.geteuid(), os.getegid()):
            with contextlib.suppress(PermissionError):  # only root may give a file away
                os.chown(tmp, now.st_uid, now.st_gid)
        if not _still_as_read(shot):
            raise FileChanged(f"{shown} changed while argmap was formatting it; nothing written")

    _replace_through_temp(path, payload, shown, keep_mode_and_owner)


def _rewrite_linked(shot: Snapshot, payload: bytes, shown: str) -> None:
    """Hard links: a rename would split them, so the same inode is rewritten.
    The old content is first saved next to it; if the write fails it is put
    back (and the saved copy named if even that fails)."""
    path = shot.path
    try:
        import tempfile

        fd, backup = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".orig", dir=path.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {_reason(exc)}; it is left as it was") from None
    try:
        with os.fdopen(fd, "wb") as saved:
            saved.write(shot.data)
            saved.flush()
            os.fsync(saved.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(backup)
        raise OutputError(f"cannot write {shown}: {_reason(exc)}; it is left as it was") from None
    try:
        handle = path.open("r+b")
    except OSError as exc:
        os.unlink(backup)
        raise OutputError(f"cannot write {shown}: {_reason(exc)}; it is left as it was") from None
    with handle:
        if not _unchanged(shot, os.fstat(handle.fileno())) or handle.read(shot.size + 1) != shot.data:
            os.unlink(backup)
            raise FileChanged(f"{shown} changed while argmap was formatting it; nothing written")
        try:
            handle.seek(0)
            handle.write(payload)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        except OSError as exc:
            reason = _reason(exc)
            try:
                handle.seek(0)
                handle.write(shot.data)
                handle.truncate()
                handle.flush()
                os.fsync(handle.fileno())
            except OSError:
                raise OutputError(f"cannot write {shown}: {reason}; its old content is in {backup}") from None
            os.unlink(backup)
            raise OutputError(f"cannot write {shown}: {reason}; its old content was put back") from None
    os.unlink(backup)
