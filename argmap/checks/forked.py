"""Run the slow rules in a forked child process while this one runs the quick
rules: on a big map with ``expect`` lines, the whole-map evaluation (E116)
and the rest of the rules then share the machine's cores.

Used by one-shot command-line runs only (``argmap check``); a library caller
or the language server runs the rules in its own process. Nothing here is
needed for correctness: whenever a child cannot be used (no ``fork`` on this
platform, one core, the child failed), the slow rules run here instead.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable

from argmap.diagnostics import Diagnostic
from argmap.model import Map

__all__ = ["MIN_NODES", "worth_forking", "run_forked"]

MIN_NODES = 5000  # below this the slow rules take a few tens of ms: not worth a process


def worth_forking(argmap: Map) -> bool:
    """A big map with expectations, on a platform with fork and two cores or more."""
    if len(argmap.nodes) < MIN_NODES or not argmap.expectations or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return cores >= 2


def run_forked(argmap: Map, context: object, select: Iterable[str], ignore: Iterable[str]) -> list[Diagnostic]:
    """Every selected rule's diagnostics (unsorted): quick rules here, slow in a child."""
    from argmap.checks import all_rules, code_selected, run_checks

    select, ignore = tuple(select), tuple(ignore)
    for rule in all_rules():  # the child's imports would be on its (longer) path
        if rule.slow and code_selected(rule.code, select, ignore):
            rule.warm_up()
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return run_checks(argmap, context, select=select, ignore=ignore)  # type: ignore[arg-type]
    if pid == 0:  # the child: compute, send, leave without running any cleanup of the parent's
        try:
            os.close(read_end)
            try:
                found = run_checks(argmap, context, select=select, ignore=ignore, speed="slow")  # type: ignore[arg-type]
                payload = pickle.dumps(("ok", found), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                payload = pickle.dumps(("failed", []))
            with os.fdopen(write_end, "wb") as stream:
                stream.write(payload)
        finally:
            os._exit(0)
    os.close(write_end)
    found = run_checks(argmap, context, select=select, ignore=ignore, speed="quick")  # type: ignore[arg-type]
    with os.fdopen(read_end, "rb") as stream:
        payload = stream.read()
    os.waitpid(pid, 0)
    try:
        status, slow = pickle.loads(payload)
    except Exception:
        status, slow = "failed", []
    if status != "ok":
        slow = run_checks(argmap, context, select=select, ignore=ignore, speed="slow")  # type: ignore[arg-type]
    return found + slow
