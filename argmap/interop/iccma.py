"""ICCMA competition formats for the map's attack graph: i23, APX and TGF.

* **i23** (ICCMA 2023): ``p af N`` then one ``i j`` line per attack, arguments
  numbered 1..N; lines starting with ``#`` are comments. argmap writes
  ``# i name`` comment lines so the numbers can be read back as ids.
* **APX**: ``arg(a).`` and ``att(a,b).``; names that are not plain ASP
  constants (lower-case letter, then letters, digits, ``_``) are written as
  quoted strings.
* **TGF**: ``id label`` node lines, a ``#`` line, then ``src dst`` edge lines.

The graph exported is the one argmap evaluates (argmap.evaluate.framework):
the map's nodes first, then the auxiliary arguments of undercuttable attacks.
"""

from __future__ import annotations

import re

from argmap.errors import InputError
from argmap.evaluate.encoding import build_framework
from argmap.evaluate.semantics import AF
from argmap.model import Map

__all__ = ["FORMATS", "export_map", "format_for_path", "read_framework", "write_framework"]

FORMATS = ("i23", "apx", "tgf")
_CONST = re.compile(r"[a-z][A-Za-z0-9_]*\Z")
_APX_NAME = r'(?:"(?:[^"\\]|\\.)*"|[^\s(),."]+(?:\.[^\s(),."]+)*)'
_APX_LINE = re.compile(rf"\s*(arg|att)\s*\(\s*({_APX_NAME})\s*(?:,\s*({_APX_NAME})\s*)?\)\s*\.\s*\Z")


def format_for_path(path: str) -> str | None:
    """``i23``, ``apx`` or ``tgf`` from a file name's extension, else None."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return {"i23": "i23", "af": "i23", "apx": "apx", "tgf": "tgf"}.get(suffix)


def export_map(argmap: Map, fmt: str) -> str:
    """The attack graph of ``argmap`` in ``fmt`` (i23, apx or tgf)."""
    return write_framework(build_framework(argmap).af, fmt)


def _apx_name(name: str) -> str:
    if _CONST.match(name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_framework(af: AF, fmt: str) -> str:
    if fmt == "i23":
        lines = [f"p af {af.size}"]
        lines += [f"# {i + 1} {name}" for i, name in enumerate(af.names)]
        lines += [f"{a + 1} {b + 1}" for a, b in af.pairs()]
    elif fmt == "apx":
        lines = [f"arg({_apx_name(n)})." for n in af.names]
        lines += [f"att({_apx_name(af.names[a])},{_apx_name(af.names[b])})." for a, b in af.pairs()]
    elif fmt == "tgf":
        lines = [f"{i + 1} {name}" for i, name in enumerate(af.names)] + ["#"]
        lines += [f"{a + 1} {b + 1}" for a, b in af.pairs()]
    else:
        raise ValueError(f"unknown ICCMA format {fmt!r} (choose from {', '.join(FORMATS)})")
    return "\n".join(lines) + "\n"


def _bad(fmt: str, number: int, line: str, hint: str) -> InputError:
    return InputError(f"{fmt} line {number}: cannot read {line.strip()[:60]!r}: {hint}")


def read_framework(text: str, fmt: str) -> AF:
    """Parse an i23, APX or TGF text into a framework. InputError on bad input."""
    if fmt == "i23":
        return _read_i23(text)
    if fmt == "apx":
        return _read_apx(text)
    if fmt == "tgf":
        return _read_tgf(text)
    raise ValueError(f"unknown ICCMA format {fmt!r}")


def _read_i23(text: str) -> AF:
    size: int | None = None
    names: dict[int, str] = {}
    pairs: list[tuple[int, int]] = []
    for number, line in enumerate(text.splitlines(), 1):
        parts = line.split()
        if not parts:
            continue
        if parts[0].startswith("#"):
            if len(parts) >= 3 and parts[0] == "#" and parts[1].isdigit():
                names[int(parts[1])] = " ".join(parts[2:])
            continue
        if parts[0] == "p":
            if len(parts) != 3 or parts[1] != "af" or not parts[2].isdigit() or size is not None:
                raise _bad("i23", number, line, "expected one header line 'p af N'")
            size = int(parts[2])
            continue
        if size is None:
            raise _bad("i23", number, line, "the header 'p af N' must come first")
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise _bad("i23", number, line, "expected an attack 'i j'")
        a, b = int(parts[0]), int(parts[1])
        if not (1 <= a <= size and 1 <= b <= size):
            raise _bad("i23", number, line, f"arguments are numbered 1..{size}")
        pairs.append((a - 1, b - 1))
    if size is None:
        raise InputError("i23: missing the header line 'p af N'")
    labels = [names.get(i + 1, str(i + 1)) for i in range(size)]
    if len(set(labels)) != len(labels):
        labels = [str(i + 1) for i in range(size)]
    return AF.from_pairs(labels, pairs)


def _unquote(name: str) -> str:
    if name.startswith('"'):
        return re.sub(r"\\(.)", r"\1", name[1:-1])
    return name


def _read_apx(text: str) -> AF:
    names: list[str] = []
    index: dict[str, int] = {}
    raw: list[tuple[int, str, str, str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("%"):
            continue
        for statement in _split_statements(line):
            match = _APX_LINE.match(statement)
            if not match:
                raise _bad("apx", number, statement, "expected arg(a). or att(a,b).")
            kind, first, second = match.group(1), match.group(2), match.group(3)
            if kind == "arg":
                if second is not None:
                    raise _bad("apx", number, statement, "arg takes one name")
                name = _unquote(first)
                if name not in index:
                    index[name] = len(names)
                    names.append(name)
            else:
                if second is None:
                    raise _bad("apx", number, statement, "att takes two names")
                raw.append((number, statement, _unquote(first), _unquote(second)))
    pairs = []
    for number, statement, a, b in raw:
        for name in (a, b):
            if name not in index:
                raise _bad("apx", number, statement, f"argument {name!r} is not declared with arg({name}).")
        pairs.append((index[a], index[b]))
    return AF.from_pairs(names, pairs)


def _split_statements(line: str) -> list[str]:
    """Split a line after each '.' that ends a statement (outside quotes)."""
    out, current, quoted, escape = [], [], False, False
    for ch in line:
        current.append(ch)
        if escape:
            escape = False
        elif ch == "\\" and quoted:
            escape = True
        elif ch == '"':
            quoted = not quoted
        elif ch == "." and not quoted and "".join(current).rstrip().endswith(")."):
            out.append("".join(current))
            current = []
    rest = "".join(current)
    if rest.strip():
        out.append(rest)
    return out


def _read_tgf(text: str) -> AF:
    ids: dict[str, int] = {}
    names: list[str] = []
    pairs: list[tuple[int, int]] = []
    edges = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if stripped == "#":
            edges = True
            continue
        parts = stripped.split(maxsplit=1 if not edges else 2)
        if not edges:
            if parts[0] in ids:
                raise _bad("tgf", number, line, f"node {parts[0]} is declared twice")
            ids[parts[0]] = len(names)
            names.append(parts[1].strip() if len(parts) > 1 else parts[0])
        else:
            if len(parts) < 2 or parts[0] not in ids or parts[1] not in ids:
                raise _bad("tgf", number, line, "expected an edge 'src dst' between declared nodes")
            pairs.append((ids[parts[0]], ids[parts[1]]))
    if len(set(names)) != len(names):
        names = list(ids)
    return AF.from_pairs(names, pairs)
