"""Argdown's arguments read as argmap's: premise-conclusion structures become
argument blocks, and relations follow Argdown's rules (argmap.interop.argdown
reads the lines; this module gives them their meaning).

* Each inference step ``(1) ... (n) ---- (m)`` of a structure is an
  ``argument`` block: the step's premises (linked: they support the
  conclusion together) and ``supports`` its conclusion. An intermediary
  conclusion is a premise of the next step, so a structure with several steps
  is a chain of argument blocks: the last is the Argdown argument itself
  (``<a>``), the others ``a_step1``, ``a_step2`` ... (a structure without an
  argument title: ``arg_`` + the step's conclusion). The inference rule
  (``-- Argument from sign --``) names the step's scheme.
* Argdown relocates a reconstructed argument's outgoing relations onto its
  main conclusion: so does the import. The conclusion statement argmap's
  export writes for an argument that attacks or undercuts (data
  ``{conclusion_of: a}``) is not a statement: its relations are the argument's.
* An undercut of an argument with a structure undercuts the argument block;
  an attack on it is read as an undercut too (with a warning: argmap attacks
  an argument through a premise or its inference); a support of it does not
  translate. An undercut of an argument without a structure undercuts the
  relations that argument declares.
* In strict mode an attack between two statements is contrariness:
  ``contradicts``, symmetric, written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from argmap.interop.argdown_data import CONCLUSION_OF
from argmap.interop.writer import IdMaker
from argmap.model import RelationKind

__all__ = ["Statement", "Pcs", "Edge", "resolve"]

S, A, U, C = RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.UNDERCUTS, RelationKind.CONTRADICTS


@dataclass
class Statement:
    """A statement or an argument as read (``argument``: written ``<title>``)."""

    text: str
    titled: bool  # only a title so far: a later ``[T]: text`` gives the text
    section: str | None
    argument: bool
    order: int = 0  # where it is defined (with its text), or first mentioned
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    premises: list[str] | None = None  # an argument block's premises (from its structure)
    rule: str | None = None  # the inference rule of its step
    placed: bool = False  # an argument written alone on its line (its place when it has no text)


@dataclass
class Pcs:
    """A premise-conclusion structure: its statements, where each '----' was, and its rules."""

    argument: str | None
    line: int
    statements: list[str] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # statement counts at each inference line
    rules: list[str] = field(default_factory=list)  # the rule of each inference line ('' for none)


class Edge(NamedTuple):
    """A relation as read; ``whole``: an undercut of an argument block (not of its links)."""

    kind: RelationKind
    source: str
    target: str
    line: int
    whole: bool = False


Warn = Callable[[int, str], None]


def _unique(ids: IdMaker, wanted: str) -> str:
    candidate, n = wanted, 2
    while candidate in ids.used:
        candidate, n = f"{wanted}_{n}", n + 1
    ids.used.add(candidate)
    return candidate


def _steps(nodes: dict[str, Statement], pcs: Pcs, ids: IdMaker, warn: Warn) -> list[Edge] | None:
    """The argument blocks of a structure (None when it does not translate), and their conclusions."""
    breaks = [b for b in pcs.breaks if 0 < b <= len(pcs.statements)]
    if not breaks or breaks[-1] != len(pcs.statements) - 1:
        warn(pcs.line, "premise-conclusion structure without '----' before its last statement not translated")
        return None
    rules = dict(zip(pcs.breaks, pcs.rules))
    edges: list[Edge] = []
    start = 0
    for k, cut in enumerate(breaks, start=1):
        conclusion = pcs.statements[cut]
        premises = [p for p in dict.fromkeys(pcs.statements[start:cut]) if p != conclusion]
        last = k == len(breaks)
        if last and pcs.argument is not None:
            block = pcs.argument
        elif pcs.argument is not None:
            block = _unique(ids, f"{pcs.argument}_step{k}")
        else:
            block = _unique(ids, f"arg_{conclusion}")
        if block not in nodes:
            owner = nodes[pcs.argument] if pcs.argument is not None else nodes[conclusion]
            nodes[block] = Statement("", False, owner.section, True, pcs.line + k)
        nodes[block].premises = premises
        nodes[block].rule = rules.get(cut) or None
        if nodes[conclusion].fields.get("_" + CONCLUSION_OF) != pcs.argument or pcs.argument is None:
            edges.append(Edge(S, block, conclusion, pcs.line))
        start = cut  # an intermediary conclusion is a premise of the next step
    return edges


def resolve(nodes: dict[str, Statement], written: list[Edge], structures: dict[str, Pcs], loose: list[Pcs],
            strict: bool, ids: IdMaker, warn: Warn) -> list[Edge]:
    """The relations after Argdown's rules, argument blocks made from the structures."""
    out: list[Edge] = []
    for pcs in loose:
        out += _steps(nodes, pcs, ids, warn) or []
    relocated: dict[str, str] = {}  # argument -> its main conclusion
    for argument, pcs in structures.items():
        steps = _steps(nodes, pcs, ids, warn)
        if steps is None:
            continue
        out += steps
        main = pcs.statements[-1]
        if nodes[main].fields.get("_" + CONCLUSION_OF) == argument:
            relocated[main] = argument  # the export's conclusion statement: its relations are the argument's
            del nodes[main]
        else:
            relocated[argument] = main
    blocks = {n for n, s in nodes.items() if s.premises is not None}
    seen: set[tuple[RelationKind, str, str]] = set()
    for kind, source, target, line, _ in written:
        source = relocated.get(source, source)
        target = relocated.get(target, target) if target in relocated and target not in nodes else target
        if source not in nodes or target not in nodes:
            continue
        whole = target in blocks
        if whole and kind is A:
            warn(line, f"attack on argument <{target}> read as an undercut of it (argmap attacks an argument "
                       "through one of its premises or its inference)")
            kind = U
        elif whole and kind is not U:
            warn(line, f"{kind.value} of argument <{target}> not translated (argmap: an argument is supported "
                       "through its premises)")
            continue
        if kind is C or (kind is A and strict and not nodes[source].argument and not nodes[target].argument):
            kind = C  # contrariness and contradiction are symmetric
            if (C, target, source) in seen:
                continue
        if source == target or (kind, source, target) in seen:
            continue
        seen.add((kind, source, target))
        out.append(Edge(kind, source, target, line, whole and kind is U))
    return out
