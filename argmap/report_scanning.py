"""Reports for code-scanning services: SARIF 2.1.0 (GitHub code scanning and
editors) and GitLab Code Quality. ``argmap.report.render`` dispatches here;
both formats are deterministic and their schemas are described in docs/cli.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from argmap.diagnostics import Diagnostic, Severity
from argmap.jsonio import dump_json

__all__ = ["PROJECT_URL", "SARIF_SCHEMA", "format_sarif", "format_gitlab"]

PROJECT_URL = "https://github.com/argmap/argmap"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


# ----------------------------------------------------------------- sarif


def _rule_table() -> list[dict[str, object]]:
    """Every code (the rules' and the other stages') as SARIF rules, by code."""
    from argmap.codes import code_entries

    return [
        {
            "id": entry["code"],
            "name": entry["name"],
            "shortDescription": {"text": entry["summary"]},
            "fullDescription": {"text": entry["doc"]},
            "defaultConfiguration": {"level": entry["severity"]},
            "helpUri": f"{PROJECT_URL}/blob/main/docs/rules.md#{entry['code'].lower()}",
            "properties": {"tags": [entry["name"]]},
        }
        for entry in code_entries()
    ]


def _uri(path: str) -> str:
    """A relative URI with forward slashes when the file is under the current
    folder; an absolute ``file://`` URI otherwise."""
    from urllib.parse import quote

    if path.startswith("<"):
        return quote(path.strip("<>"))
    candidate = Path(path)
    try:
        relative = candidate.resolve().relative_to(Path.cwd().resolve())
        return quote(relative.as_posix())
    except (ValueError, OSError):
        pass
    if candidate.is_absolute():
        return candidate.as_uri()
    return quote(candidate.as_posix())


def _region(span: object) -> dict[str, int]:
    line = max(1, span.line)  # type: ignore[attr-defined]
    column = max(1, span.column)  # type: ignore[attr-defined]
    end_line = max(line, span.end_line)  # type: ignore[attr-defined]
    end_column = span.end_column if end_line > line else max(column, span.end_column)  # type: ignore[attr-defined]
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": max(1, end_column)}


def _physical(span: object) -> dict[str, object]:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(span.file)}, "region": _region(span)}}  # type: ignore[attr-defined]


def format_sarif(diagnostics: Sequence[Diagnostic], files: Sequence[str] = ()) -> str:
    """SARIF 2.1.0 (what GitHub code scanning and many editors read)."""
    from argmap import __version__

    rules = _rule_table()
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for d in diagnostics:
        result: dict[str, object] = {
            "ruleId": d.code,
            "level": "error" if d.is_error else "warning",
            "message": {"text": d.message + (f"\nhint: {d.hint}" if d.hint else "")},
            "locations": [_physical(d.span)],
        }
        if d.code in index:
            result = {"ruleId": d.code, "ruleIndex": index[d.code], **{k: v for k, v in result.items() if k != "ruleId"}}
        if d.related:
            result["relatedLocations"] = [
                {"id": i, **_physical(r.span), "message": {"text": r.message}} for i, r in enumerate(d.related)
            ]
        if d.fixes:
            result["fixes"] = [
                {
                    "description": {"text": f.title},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(f.span.file)},
                        "replacements": [{"deletedRegion": _region(f.span), "insertedContent": {"text": f.replacement}}],
                    }],
                }
                for f in d.fixes
            ]
        results.append(result)
    document = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "argmap",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": PROJECT_URL,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": {"uri": _uri(f)}} for f in files],
            "results": results,
        }],
    }
    return dump_json(document)


# ----------------------------------------------------------------- gitlab

_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def _relative(path: str) -> str:
    """The path relative to the current folder (the project root in CI), with
    forward slashes; as written when it is outside."""
    if path.startswith("<"):
        return path
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return Path(path).as_posix()


def format_gitlab(diagnostics: Sequence[Diagnostic]) -> str:
    """GitLab Code Quality: a JSON array of issues (``description``,
    ``check_name``, ``fingerprint``, ``severity``, ``location.path``,
    ``location.lines.begin``), for ``artifacts: reports: codequality``.

    A fingerprint is the SHA-256 of the path, the code, the message and how
    many identical findings came before in that file, so it survives lines
    inserted above (GitLab compares fingerprints between branches)."""
    import hashlib

    issues = []
    seen: dict[tuple[str, str, str], int] = {}
    for d in diagnostics:
        path = _relative(d.span.file)
        key = (path, d.code, d.message)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        digest = hashlib.sha256("\0".join((*key, str(occurrence))).encode("utf-8", "surrogatepass")).hexdigest()
        begin = max(1, d.span.line)
        issues.append({
            "type": "issue",
            "check_name": f"{d.code} {d.rule}",
            "description": f"{d.code}: {d.message}" + (f" (hint: {d.hint})" if d.hint else ""),
            "categories": ["Bug Risk"] if d.is_error else ["Style"],
            "severity": _GITLAB_SEVERITY[d.severity],
            "fingerprint": digest,
            "location": {"path": path, "lines": {"begin": begin, "end": max(begin, d.span.end_line)}},
        })
    return dump_json(issues)
