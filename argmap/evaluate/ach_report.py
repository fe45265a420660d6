"""ACH result -> text, Markdown, HTML (templates/ach.html.j2) or JSON."""

from __future__ import annotations

from argmap.evaluate.ach import AchResult
from argmap.jsonio import dump_json

__all__ = ["FORMATS", "render_ach"]

FORMATS = ("text", "md", "html", "json")


def _num(value: float) -> str:
    return f"{value:g}"


def _summary(result: AchResult) -> list[str]:
    lines = []
    if result.leader:
        lines.append(f"Leading hypothesis: {result.leader}")
    elif result.ranking:
        lines.append(f"No single leader: {result.ranking[0]} and {result.ranking[1]} are tied")
    if result.most_diagnostic:
        lines.append("Most diagnostic evidence: " + ", ".join(
            f"{e} ({_num(result.diagnosticity[e])})" for e in result.most_diagnostic))
    return lines


def _text(result: AchResult) -> str:
    if not result.hypotheses:
        return "No ratings: the map rates no hypothesis (add `rates HYPOTHESIS GRADE` to evidence).\n"
    width = max([len(e) for e in result.evidence] + [8])
    cols = [max(len(h), 3) for h in result.hypotheses]
    out = [" " * width + "  " + "  ".join(h.ljust(c) for h, c in zip(result.hypotheses, cols)) + "  weight  diag"]
    for e in result.evidence:
        cells = [(result.cells[(e, h)] or "-").ljust(c) for h, c in zip(result.hypotheses, cols)]
        out.append(e.ljust(width) + "  " + "  ".join(cells)
                   + f"  {_num(result.weights[e]):>6}  {_num(result.diagnosticity[e]):>4}")
    out.append("")
    out.append("Ranking (least inconsistent first):")
    for i, h in enumerate(result.ranking, 1):
        out.append(f"  {i}. {h}  inconsistency {_num(result.inconsistency[h])}, "
                   f"consistency {_num(result.consistency[h])}")
    out += _summary(result)
    if result.sensitivity:
        out.append("Sensitivity (changes that would change the leader):")
        out += [f"  {s.evidence} {s.change}: leader becomes {s.leader or 'a tie'}" for s in result.sensitivity]
    else:
        out.append("Sensitivity: no single removal or one-step re-rating changes the leader")
    for w in result.warnings:
        out.append(f"warning: {(str(w.span) + ': ') if w.span else ''}{w.message}")
    return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _md(result: AchResult) -> str:
    if not result.hypotheses:
        return "No ratings: the map rates no hypothesis.\n"
    hs = result.hypotheses
    out = ["| Evidence | " + " | ".join(_md_escape(h) for h in hs) + " | Weight | Diagnosticity |",
           "|---|" + "---|" * len(hs) + "---:|---:|"]
    for e in result.evidence:
        out.append(f"| {_md_escape(e)} | " + " | ".join(result.cells[(e, h)] or "" for h in hs)
                   + f" | {_num(result.weights[e])} | {_num(result.diagnosticity[e])} |")
    out.append("| **Inconsistency** | " + " | ".join(_num(result.inconsistency[h]) for h in hs) + " | | |")
    out += ["", "Ranking: " + ", ".join(f"{i}. {_md_escape(h)}" for i, h in enumerate(result.ranking, 1)), ""]
    out += [_md_escape(line) + "  " for line in _summary(result)]
    if result.sensitivity:
        out += ["", "Sensitivity:", ""]
        out += [f"- {_md_escape(s.evidence)} {_md_escape(s.change)}: leader becomes "
                f"{_md_escape(s.leader or 'a tie')}" for s in result.sensitivity]
    if result.warnings:
        out += ["", "Warnings:", ""] + [f"- {_md_escape(w.message)}" for w in result.warnings]
    return "\n".join(out) + "\n"


def _html(result: AchResult, title: str) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("argmap.templates", "."),
                             autoescape=True, keep_trailing_newline=True)
    template = env.get_template("ach.html.j2")
    return template.render(r=result, title=title, summary=_summary(result), num=_num)


def render_ach(result: AchResult, fmt: str, title: str = "ACH matrix") -> str:
    if fmt == "text":
        return _text(result)
    if fmt == "md":
        return _md(result)
    if fmt == "html":
        return _html(result, title)
    if fmt == "json":
        return dump_json(result.to_json()) + "\n"
    raise ValueError(f"unknown format {fmt!r}")
