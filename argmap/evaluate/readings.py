"""The ways argmap reads a map as a Dung framework.

* ``argument`` (the default): statements, the inferences between them and
  what each needs: independent reasons are independent, linked premises fall
  together, evidence stands as given, undercuts defeat inferences
  (:mod:`argmap.evaluate.structured`; docs/evaluation.md).
* ``bipolar``: every support is necessary and carries attacks along support
  chains (Cayrol and Lagasquie-Schiex's supported and secondary attacks;
  :mod:`argmap.evaluate.encoding`): the reading argmap used before linked
  arguments, kept for comparison.
* ``dung``: attacks and contradictions only; supports are ignored.
"""

from __future__ import annotations

from argmap.evaluate.encoding import build_framework as build_bipolar
from argmap.evaluate.framework import Bipolar, Framework, bipolar
from argmap.evaluate.structured import ArgumentFramework, build_argument_framework
from argmap.model import Map

__all__ = ["READINGS", "DEFAULT_READING", "AnyFramework", "build"]

READINGS = ("argument", "bipolar", "dung")
DEFAULT_READING = "argument"
AnyFramework = Framework | ArgumentFramework


def build(argmap: Map, reading: str = DEFAULT_READING, graph: Bipolar | None = None) -> AnyFramework:
    """``argmap`` as a framework under ``reading`` (``graph``: the bipolar view,
    when the caller has it)."""
    if reading == "argument":
        return build_argument_framework(argmap)
    if reading == "bipolar":
        return build_bipolar(argmap, graph)
    if reading == "dung":
        whole = graph if graph is not None else bipolar(argmap)
        attacks_only = Bipolar(whole.nodes, tuple(e for e in whole.edges if e.kind != "support"))
        return build_bipolar(argmap, attacks_only)
    raise ValueError(f"unknown reading {reading!r}: choose from {', '.join(READINGS)}")
