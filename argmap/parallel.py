"""Two stages side by side: one in a forked child process, one here.

``argmap check`` on a big map with ``expect`` lines has two independent
pieces of work after loading: the lint rules and the evaluation of the
expectations (E116). On two cores they can run at once. The program
(``argmap``, one command then exit) asks for it explicitly
(``analyse(..., parallel=True)``); library callers and long-running
processes (the language server, ``watch``) never fork.

Nothing here is needed for correctness: whenever a child cannot be used (no
``fork`` on this platform, one core, the child failed or sent garbage), the
work is done here instead, with the same result.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from typing import TypeVar

__all__ = ["side_by_side", "two_cores"]

A = TypeVar("A")
B = TypeVar("B")


def two_cores() -> bool:
    """``fork`` is available and this process may use two cores or more."""
    if not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return cores >= 2


def side_by_side(here: Callable[[], A], there: Callable[[], B]) -> tuple[A, B]:
    """``(here(), there())``, with ``there`` computed in a forked child while this
    process computes ``here``. ``there``'s result must pickle."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return here(), there()
    if pid == 0:  # the child: compute, send, leave without running the parent's cleanup
        try:
            os.close(read_end)
            try:
                payload = pickle.dumps(("ok", there()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                payload = pickle.dumps(("failed", None))
            with os.fdopen(write_end, "wb") as stream:
                stream.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    mine = here()
    with os.fdopen(read_end, "rb") as stream:
        payload = stream.read()
    os.waitpid(pid, 0)
    try:
        status, theirs = pickle.loads(payload)
    except Exception:
        status, theirs = "failed", None
    if status != "ok":
        theirs = there()
    return mine, theirs
