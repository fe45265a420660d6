"""argmap eval FILE: labellings, extensions and strengths of a map, or of an
ICCMA framework (.i23/.af, .apx, .tgf: then argmap works as a solver)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from argmap.model import Map

SCHEMA = "argmap-eval/1"


def load_map(file: str) -> Map:
    """A map from a path or '-' (standard input, read with the same 64 MB
    cap as a file); ArgmapError on bad input."""
    from argmap.api import load, loads
    from argmap.errors import ArgmapSyntaxError
    from argmap.loader import read_map_text

    if file == "-":
        text, problem = read_map_text("-")
        if problem is not None:
            raise ArgmapSyntaxError([problem])
        return loads(text, "<stdin>")
    return load(file)


def read_text(file: str) -> str:
    """A UTF-8 text file (or '-'), read with the 64 MB cap, or InputError with the reason."""
    from argmap.errors import InputError
    from argmap.loader import read_input

    try:
        return read_input(file).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"cannot read {file}: not UTF-8 ({exc.reason} at byte {exc.start})") from None


def _semantics(value: str) -> tuple[str, ...]:
    from argmap.evaluate import SEMANTICS

    wanted = tuple(s.strip().lower() for s in value.split(",") if s.strip())
    bad = [s for s in wanted if s not in SEMANTICS]
    if bad or not wanted:
        raise click.BadParameter(f"choose from {', '.join(SEMANTICS)} (comma-separated)", param_hint="--semantics")
    return wanted


@click.command("eval")
@click.argument("file", type=click.Path(allow_dash=True))
@click.option("--semantics", "semantics", default="grounded,preferred,stable", show_default=True,
              help="Comma-separated: grounded, complete, preferred, stable.")
@click.option("--strengths", "method", type=click.Choice(["df-quad", "h-categoriser", "none"]),
              default="df-quad", show_default=True, help="Gradual strength method (maps only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--limit", type=int, default=10_000, show_default=True, help="Stop after this many extensions.")
def command(file: str, semantics: str, method: str, fmt: str, limit: int) -> int:
    """Evaluate FILE: grounded labels, extensions, acceptance and strengths.

    Credulous = IN in some extension; sceptical = IN in every extension (a
    semantics without extensions accepts nothing). See docs/evaluation.md."""
    from argmap.errors import InputError
    from argmap.evaluate import TooManyExtensions
    from argmap.interop.iccma import format_for_path

    wanted = _semantics(semantics)
    iccma = format_for_path(file) if file != "-" else None
    try:
        report = _solve(file, iccma, wanted, limit) if iccma else _evaluate(file, wanted, method, limit)
    except TooManyExtensions as exc:
        raise InputError(f"{exc}; raise --limit or ask for fewer semantics") from None
    from argmap.fileio import write_stdout

    if fmt == "json":
        write_stdout(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        from argmap.report import neutralise

        write_stdout(neutralise(_text(report)), display=False)
    return 0


def _evaluate(file: str, wanted: tuple[str, ...], method: str, limit: int) -> dict[str, Any]:
    from argmap.evaluate import evaluate

    argmap = load_map(file)
    methods = () if method == "none" else (method,)
    ev = evaluate(argmap, wanted, methods, limit=limit)
    return _report(list(ev.nodes), ev.labels, ev.extensions, ev.acceptance, ev.strengths, wanted)


def _solve(file: str, fmt: str, wanted: tuple[str, ...], limit: int) -> dict[str, Any]:
    from argmap.evaluate.semantics import LABEL_NAMES, extensions, grounded
    from argmap.interop.iccma import read_framework

    af = read_framework(read_text(file), fmt)
    lab = grounded(af)
    labels = {name: LABEL_NAMES[lab[i]] for i, name in enumerate(af.names)}
    exts: dict[str, list[list[str]]] = {}
    for sem in ["grounded"] + [s for s in wanted if s != "grounded"]:
        exts[sem] = sorted(sorted(af.names[i] for i in e) for e in extensions(af, sem, limit=limit))
    acceptance = {name: {sem: {"credulous": any(name in e for e in found),
                               "sceptical": bool(found) and all(name in e for e in found)}
                         for sem, found in exts.items()} for name in af.names}
    return _report(list(af.names), labels, exts, acceptance, {}, tuple(exts))


def _report(nodes: list[str], labels: dict[str, str], exts: dict[str, list[list[str]]],
            acceptance: dict[str, dict[str, dict[str, bool]]], strengths: dict[str, dict[str, float]],
            wanted: tuple[str, ...]) -> dict[str, Any]:
    shown = [s for s in ("grounded", "complete", "preferred", "stable") if s in exts and (s in wanted or s == "grounded")]
    return {
        "schema": SCHEMA,
        "semantics": shown,
        "strength_methods": sorted(strengths),
        "nodes": [{"id": n, "grounded": labels[n],
                   "acceptance": {s: acceptance[n][s] for s in shown},
                   "strengths": {m: round(strengths[m][n], 6) for m in sorted(strengths)}} for n in nodes],
        "extensions": {s: exts[s] for s in shown},
    }


def _text(report: dict[str, Any]) -> str:
    out: list[str] = []
    sems = [s for s in report["semantics"] if s != "grounded"]
    methods = report["strength_methods"]
    width = max([len(n["id"]) for n in report["nodes"]] + [4])
    header = "node".ljust(width) + "  grounded" + "".join(f"  {s:<10}" for s in sems) + "".join(f"  {m}" for m in methods)
    out.append(header)
    for node in report["nodes"]:
        row = node["id"].ljust(width) + f"  {node['grounded']:<8}"
        for s in sems:
            acc = node["acceptance"][s]
            row += f"  {'sceptical' if acc['sceptical'] else 'credulous' if acc['credulous'] else '-':<10}"
        for m in methods:
            row += f"  {node['strengths'][m]:.3f}".ljust(len(m) + 2)
        out.append(row.rstrip())
    out.append("")
    for s, found in report["extensions"].items():
        if not found:
            out.append(f"{s}: no extension")
            continue
        out.append(f"{s}: {len(found)} extension{'s' if len(found) != 1 else ''}")
        out += ["  {" + ", ".join(e) + "}" for e in found]
    return "\n".join(out) + "\n"
