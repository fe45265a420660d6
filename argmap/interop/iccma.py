"""ICCMA competition formats for the map's attack graph: i23, APX and TGF.

* **i23** (ICCMA 2023): ``p af N`` then one ``i j`` line per attack, arguments
  numbered 1..N; lines starting with ``#`` are comments. argmap writes
  ``# i name`` comment lines so the numbers can be read back as ids.
* **APX**: ``arg(a).`` and ``att(a,b).``; names that are not plain ASP
  constants (lower-case letter, then letters, digits, ``_``) are written as
  quoted strings.
* **TGF**: ``id label`` node lines, a ``#`` line, then ``src dst`` edge lines.

The graph exported is the one ``argmap eval`` evaluates, under the same
reading (``--reading``; the default, the argument reading of
argmap.evaluate.structured): the map's statements and argument blocks first,
in map order (questions are not evaluated), then the reading's auxiliary
arguments, named in words: ``not p`` (p does not hold: it defeats every
inference with premise p), ``p supports c`` (an undercuttable one-premise
inference) and ``no argument for c`` (c needs one standing argument). So the
grounded extension of the exported file, restricted to the map's ids, is the
grounded labelling ``argmap eval`` gives the map.
"""

from __future__ import annotations

import re

from argmap.errors import InputError
from argmap.evaluate.af import AF
from argmap.evaluate.readings import DEFAULT_READING, build
from argmap.interop import coverage
from argmap.interop.coverage import Carry, Way
from argmap.model import Map, NodeKind, RelationRole
from argmap.syntax.keywords import NODE_KINDS

__all__ = ["FORMATS", "TABLE", "export_map", "format_answer", "lost_on_export", "format_for_path", "query_index", "read_framework",
           "write_framework"]

FORMATS = ("i23", "apx", "tgf")
_CONST = re.compile(r"[a-z][A-Za-z0-9_]*\Z")
_APX_NAME = r'(?:"(?:[^"\\]|\\.)*"|[^\s(),."]+(?:\.[^\s(),."]+)*)'
_APX_LINE = re.compile(rf"\s*(arg|att)\s*\(\s*({_APX_NAME})\s*(?:,\s*({_APX_NAME})\s*)?\)\s*\.\s*\Z")


def format_for_path(path: str) -> str | None:
    """``i23``, ``apx`` or ``tgf`` from a file name's extension, else None."""
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return {"i23": "i23", "af": "i23", "apx": "apx", "tgf": "tgf"}.get(suffix)


def query_index(af: AF, fmt: str, query: str) -> int:
    """The 0-based argument of an ICCMA ``-a`` query: a number 1..N for i23
    (as the competition numbers arguments), a name for apx and tgf."""
    if fmt == "i23":
        if not (query.isascii() and query.isdigit()) or not 1 <= int(query) <= af.size:
            raise InputError(f"-a {query}: an i23 argument is a number from 1 to {af.size}")
        return int(query) - 1
    try:
        return af.names.index(query)
    except ValueError:
        raise InputError(f"-a {query}: no argument {query!r} in the {fmt} file") from None


def format_answer(accepted: bool | None, witness: list[int] | None, af: AF, fmt: str) -> str:
    """The answer as ICCMA 2023 prints it: ``YES`` / ``NO`` (DC, DS; SE prints
    ``NO`` when there is no extension), then the certificate ``w a b c`` on its
    own line (arguments by number for i23, by name for apx and tgf)."""
    lines = []
    if accepted is not None:
        lines.append("YES" if accepted else "NO")
    elif witness is None:
        lines.append("NO")
    if witness is not None:
        shown = [str(i + 1) for i in sorted(witness)] if fmt == "i23" else [af.names[i] for i in sorted(witness)]
        lines.append(" ".join(["w", *shown]))
    return "\n".join(lines) + "\n"


_EVALUATED = tuple(k for k in NODE_KINDS if k != NodeKind.QUESTION.value) + ("argument",)
TABLE = coverage.Table("iccma", coverage.ways(
    (Way(Carry.NATIVE), (*_EVALUATED, "premises", *coverage.relations(
        RelationRole.SUPPORT, RelationRole.ATTACK, RelationRole.CONTRADICTION, RelationRole.UNDERCUT))),
    (Way(Carry.LOST, "left out: questions are answered, not argued, and not evaluated"),
     ("question", *coverage.relations(RelationRole.BEARING, RelationRole.ANSWER))),
), lost_how="left out (an ICCMA file is the attack graph of the reading alone: argument names and attacks)")


def lost_on_export(argmap: Map) -> list[str]:
    """What an ICCMA file leaves out: all but the attack graph (argmap.interop.coverage)."""
    return coverage.lost_on_export(TABLE, argmap)


def export_map(argmap: Map, fmt: str, reading: str = DEFAULT_READING) -> str:
    """The attack graph of ``argmap`` under ``reading`` (the framework ``argmap
    eval`` evaluates: the map's evaluated nodes first, in map order, then the
    reading's auxiliary arguments) in ``fmt`` (i23, apx or tgf)."""
    return write_framework(build(argmap, reading).af, fmt)


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


_I23_BODY = re.compile(r"(?:[0-9]+[ \t]+[0-9]+[ \t\r]*\n)*")  # the usual layout: one attack a line
_I23_COMMENT = re.compile(r"^[ \t]*#.*\n?", re.M)
_I23_NAME = re.compile(r"^[ \t]*#[ \t]+([0-9]+)[ \t]+(\S.*?)[ \t\r]*$", re.M)


def _read_i23(text: str) -> AF:
    """Read i23 in bulk: the attack lines are checked by one regular expression
    and converted with ``str.split`` and ``map(int)``; only a file off the usual
    layout (or a faulty one, to find the faulty line) is read line by line."""
    size, body, body_line = _i23_header(text)
    names: dict[int, str] = {}
    numbered = body  # with its comments, so that the slow path reports true line numbers
    if "#" in body:
        names = {int(m.group(1)): m.group(2) for m in _I23_NAME.finditer(body)}
        body = _I23_COMMENT.sub("", body)
    if not body.endswith("\n"):
        body += "\n"
    numbers: list[int] | None = None
    if _I23_BODY.fullmatch(body):
        numbers = list(map(int, body.split()))
        if numbers and (min(numbers) < 1 or max(numbers) > size):
            numbers = None
    if numbers is None:
        numbers = _i23_lines(numbered, body_line, size)
    labels = [names.get(i + 1, str(i + 1)) for i in range(size)]
    if names and len(set(labels)) != len(labels):
        labels = [str(i + 1) for i in range(size)]
    shifted = [x - 1 for x in numbers]
    return AF.from_edges(labels, shifted[0::2], shifted[1::2])


def _i23_header(text: str) -> tuple[int, str, int]:
    """(N of ``p af N``, the text after the header line, the header's line number)."""
    start, number = 0, 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        number += 1
        line = text[start:end]
        parts = line.split()
        if parts and not parts[0].startswith("#"):
            if parts[0] != "p":
                raise _bad("i23", number, line, "the header 'p af N' must come first")
            if len(parts) != 3 or parts[1] != "af" or not (parts[2].isascii() and parts[2].isdigit()):
                raise _bad("i23", number, line, "expected one header line 'p af N'")
            return int(parts[2]), text[end + 1:], number
        start = end + 1
    raise InputError("i23: missing the header line 'p af N'")


def _i23_lines(body: str, header_line: int, size: int) -> list[int]:
    """The attack lines read one by one (blank lines, spacing and comments
    allowed); InputError at the first faulty line."""
    numbers: list[int] = []
    for number, line in enumerate(body.split("\n"), header_line + 1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if parts[0] == "p":
            raise _bad("i23", number, line, "expected one header line 'p af N'")
        if len(parts) != 2 or not all(p.isascii() and p.isdigit() for p in parts):
            raise _bad("i23", number, line, "expected an attack 'i j'")
        a, b = int(parts[0]), int(parts[1])
        if not (1 <= a <= size and 1 <= b <= size):
            raise _bad("i23", number, line, f"arguments are numbered 1..{size}")
        numbers += (a, b)
    return numbers


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
