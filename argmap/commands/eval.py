"""argmap eval FILE: labellings, extensions and strengths of a map, or of an
ICCMA framework (.i23/.af, .apx, .tgf: then argmap works as a solver)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from argmap.model import Map

SCHEMA = "argmap-eval/2"


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


SOLVERS = ("auto", "sat", "search")


@click.command("eval")
@click.argument("file", type=click.Path(allow_dash=True), required=False)
@click.option("--semantics", "semantics", default="grounded,preferred,stable", show_default=True,
              help="Comma-separated: grounded, complete, preferred, stable.")
@click.option("--strengths", "method", type=click.Choice(["df-quad", "h-categoriser", "none"]),
              default="df-quad", show_default=True, help="Gradual strength method (maps only).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--reading", type=click.Choice(["argument", "bipolar", "dung"]), default="argument", show_default=True,
              help="How the map is read: argument (independent reasons, linked premises), bipolar (every "
                   "support necessary), dung (attacks only). See docs/evaluation.md.")
@click.option("--limit", type=int, default=10_000, show_default=True, help="Stop after this many extensions.")
@click.option("--solver", type=click.Choice(SOLVERS), default="auto", show_default=True,
              help="auto: python-sat when installed and the framework is not small; search: pure Python.")
@click.option("-p", "problem", metavar="TASK", help="ICCMA solver mode: DC-PR, DS-ST, SE-CO... (see --problems).")
@click.option("-f", "iccma_file", metavar="FILE", type=click.Path(allow_dash=True),
              help="ICCMA solver mode: the framework (.i23/.af, .apx, .tgf; i23 when unknown).")
@click.option("-a", "query", metavar="ARG", help="ICCMA solver mode: the query argument (DC and DS).")
@click.option("--problems", is_flag=True, help="Print the ICCMA problems supported and exit.")
@click.option("--formats", is_flag=True, help="Print the ICCMA file formats read and exit.")
def command(file: str | None, semantics: str, method: str, fmt: str, reading: str, limit: int, solver: str,
            problem: str | None, iccma_file: str | None, query: str | None, problems: bool, formats: bool) -> int:
    """Evaluate FILE: grounded labels, extensions, acceptance and strengths.

    Credulous = IN in some extension; sceptical = IN in every extension (a
    semantics without extensions accepts nothing). See docs/evaluation.md.

    As an ICCMA 2023 solver: argmap eval -p TASK -f FILE [-a ARG] prints YES
    or NO and a witness line "w 1 3" (docs/evaluation.md, section 8); without
    any argument it prints its name and version, as ICCMA solvers do."""
    from argmap.errors import InputError
    from argmap.evaluate import TooManyExtensions
    from argmap.interop.iccma import FORMATS, format_for_path

    if problems or formats:
        from argmap.evaluate.tasks import PROBLEMS

        click.echo("[" + ",".join(PROBLEMS if problems else FORMATS) + "]")
        return 0
    if problem is not None or iccma_file is not None:
        return _iccma(problem, iccma_file or file, query, solver)
    if file is None:
        from argmap import __version__

        click.echo(f"argmap {__version__}\nargmap contributors (argmap eval --help: the ICCMA solver interface)")
        return 0
    wanted = _semantics(semantics)
    iccma = format_for_path(file) if file != "-" else None
    try:
        report = (_solve(file, iccma, wanted, limit, solver) if iccma
                  else _evaluate(file, wanted, method, limit, reading))
    except TooManyExtensions as exc:
        raise InputError(f"{exc}; raise --limit or ask for fewer semantics") from None
    from argmap.fileio import write_stdout

    if fmt == "json":
        from argmap.jsonio import dump_json

        write_stdout(dump_json(report, indent=2) + "\n")
    else:
        from argmap.report import neutralise

        write_stdout(neutralise(_text(report)), display=False)
    return 0


def _iccma(problem: str | None, file: str | None, query: str | None, solver: str) -> int:
    """ICCMA 2023 solver mode: exactly the competition's output on standard output."""
    from argmap.errors import InputError
    from argmap.evaluate import TooManyExtensions
    from argmap.evaluate.tasks import PROBLEMS, solve
    from argmap.interop.iccma import format_answer, format_for_path, query_index, read_framework

    if problem is None or file is None:
        raise click.UsageError("ICCMA solver mode needs -p TASK and -f FILE (and -a ARG for DC and DS)")
    problem = problem.upper()
    if problem not in PROBLEMS:
        raise click.BadParameter(f"choose from {', '.join(PROBLEMS)}", param_hint="-p")
    needs_query = not problem.startswith("SE-")
    if needs_query and query is None:
        raise click.UsageError(f"{problem} needs the query argument: -a ARG")
    fmt = format_for_path(file) or "i23"
    af = read_framework(read_text(file), fmt)  # standard input too, with the 64 MB cap
    index = query_index(af, fmt, query) if needs_query and query is not None else None
    try:
        answer = solve(af, problem, index, solver=solver)
    except TooManyExtensions as exc:
        raise InputError(str(exc)) from None
    from argmap.fileio import write_stdout

    write_stdout(format_answer(answer.accepted, answer.witness, af, fmt))
    return 0


def _evaluate(file: str, wanted: tuple[str, ...], method: str, limit: int, reading: str) -> dict[str, Any]:
    from argmap.evaluate import evaluate

    argmap = load_map(file)
    methods = () if method == "none" else (method,)
    ev = evaluate(argmap, wanted, methods, limit=limit, reading=reading)
    report = _report(list(ev.nodes), ev.labels, ev.extensions, ev.acceptance, ev.strengths, wanted)
    report["reading"] = reading
    for node in report["nodes"]:
        node["basis"] = ev.basis.get(node["id"])
    return report


def _solve(file: str, fmt: str, wanted: tuple[str, ...], limit: int, solver: str) -> dict[str, Any]:
    from argmap.evaluate import evaluate_af
    from argmap.interop.iccma import read_framework

    ev = evaluate_af(read_framework(read_text(file), fmt), wanted, limit=limit, solver=solver)
    # extensions in the framework's order (1, 2, 10 rather than 1, 10, 2)
    return _report(list(ev.nodes), ev.labels, ev.extensions, ev.acceptance, {}, tuple(ev.extensions))


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


def _grounded_cell(node: dict[str, Any]) -> str:
    """``IN`` with its basis when there is one: ``IN (supported)``, ``OUT (support-lost)``."""
    basis = node.get("basis")
    return f"{node['grounded']} ({basis})" if basis and basis != "undecided" else node["grounded"]


def _text(report: dict[str, Any]) -> str:
    out: list[str] = []
    sems = [s for s in report["semantics"] if s != "grounded"]
    methods = report["strength_methods"]
    width = max([len(n["id"]) for n in report["nodes"]] + [4])
    bases = any(n.get("basis") for n in report["nodes"])
    column = max([len(_grounded_cell(n)) for n in report["nodes"]] + [8])
    header = ("node".ljust(width) + "  " + "grounded".ljust(column) + "".join(f"  {s:<10}" for s in sems)
              + "".join(f"  {m}" for m in methods))
    out.append(header.rstrip())
    for node in report["nodes"]:
        row = node["id"].ljust(width) + "  " + _grounded_cell(node).ljust(column)
        for s in sems:
            acc = node["acceptance"][s]
            row += f"  {'sceptical' if acc['sceptical'] else 'credulous' if acc['credulous'] else '-':<10}"
        for m in methods:
            row += f"  {node['strengths'][m]:.3f}".ljust(len(m) + 2)
        out.append(row.rstrip())
    out.append("")
    if bases:
        out.append("supported: an argument for it stands; given: evidence or an assumption nothing defeats;\n"
                   "unsupported: it stands only because nothing defeats it (docs/evaluation.md)")
        out.append("")
    for s, found in report["extensions"].items():
        if not found:
            out.append(f"{s}: no extension")
            continue
        out.append(f"{s}: {len(found)} extension{'s' if len(found) != 1 else ''}")
        out += ["  {" + ", ".join(e) + "}" for e in found]
    return "\n".join(out) + "\n"
