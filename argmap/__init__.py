"""argmap: argument maps as plain text.

    >>> import argmap
    >>> m = argmap.loads('thesis t "Tea is good."\nclaim c "It is warm." supports t')
    >>> [n.id for n in m.nodes]
    ['t', 'c']

The public API is small and click-free: ``parse``, ``loads``, ``load``,
``check``, ``analyse`` and the model classes in ``argmap.model``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "parse",
    "loads",
    "load",
    "check",
    "analyse",
    "Analysis",
    "ArgmapError",
    "ArgmapSyntaxError",
    "InputError",
    "Diagnostic",
    "Severity",
    "Map",
]

if TYPE_CHECKING:  # pragma: no cover
    from argmap.api import Analysis, analyse, check, load, loads, parse
    from argmap.diagnostics import Diagnostic, Severity
    from argmap.errors import ArgmapError, ArgmapSyntaxError, InputError
    from argmap.model import Map

_LAZY = {
    "parse": "argmap.api",
    "loads": "argmap.api",
    "load": "argmap.api",
    "check": "argmap.api",
    "analyse": "argmap.api",
    "Analysis": "argmap.api",
    "ArgmapError": "argmap.errors",
    "ArgmapSyntaxError": "argmap.errors",
    "InputError": "argmap.errors",
    "Diagnostic": "argmap.diagnostics",
    "Severity": "argmap.diagnostics",
    "Map": "argmap.model",
}


def __getattr__(name: str) -> Any:
    # Lazy: `import argmap` stays cheap, so `argmap --help` starts fast.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
