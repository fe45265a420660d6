"""Issue 15, "What to build" 8: argmap in other people's CI.

* ``.pre-commit-hooks.yaml``: both hooks run on a sample repository through
  ``pre-commit try-repo`` (it installs argmap from this checkout into its own
  environment, so it needs pip's index, like any pre-commit user);
* the documented GitHub Actions workflow and GitLab job: their argmap commands
  run on a sample repository and write valid SARIF / Code Quality reports;
* ``--format gitlab`` against the format's required fields;
* ``--files-from`` (lines, NUL-separated, standard input, deleted files).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD = 600
GOOD = 'thesis t "Tea is good."\n\nclaim c "Warm."\n  supports t\n'
BAD = 'claim   c  "Unformatted, and it supports nothing that exists."\n  supports nowhere\n'
BIN = str(Path(sys.executable).parent)


def _git(args: list[str], cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=HANG_GUARD,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.fixture()
def sample_repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("needs git")
    repo = tmp_path / "sample"
    (repo / "maps").mkdir(parents=True)
    (repo / "maps" / "good.arg").write_text(GOOD, encoding="utf-8")
    (repo / "maps" / "bad.arg").write_text(BAD, encoding="utf-8")
    (repo / "README.md").write_text("not a map\n", encoding="utf-8")
    _git(["init", "-q"], repo)
    _git(["add", "."], repo)
    _git(["commit", "-qm", "maps"], repo)
    return repo


def _shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A workflow's ``run:`` line, with this Python's argmap first on PATH."""
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ.get("PATH", ""), "NO_COLOR": "1"}
    return subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=HANG_GUARD)


# ----------------------------------------------------------------- pre-commit


def test_pre_commit_hooks_manifest() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {"argmap-check", "argmap-fmt"}
    for hook in hooks:
        assert hook["language"] == "python" and hook["files"] == r"\.arg$"
        assert hook["entry"].split()[0] == "argmap"


def test_pre_commit_try_repo_runs_both_hooks(sample_repo: Path, tmp_path: Path) -> None:
    pre_commit = shutil.which("pre-commit", path=BIN) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("needs pre-commit (pip install pre-commit; it is in the test extras)")
    if not (ROOT / ".git").exists():
        pytest.skip("needs argmap's own git checkout (pre-commit try-repo clones it)")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1",
           "PRE_COMMIT_COLOR": "never"}
    result = subprocess.run([pre_commit, "try-repo", str(ROOT), "--all-files", "--color", "never"],
                            cwd=sample_repo, env=env, capture_output=True, text=True, timeout=HANG_GUARD)
    out = result.stdout + result.stderr
    assert result.returncode == 1, out
    assert "argmap check" in out and "argmap fmt" in out
    assert "maps/bad.arg:2:12: error[E102]" in out  # the check hook found the error
    assert "reformatted maps/bad.arg" in out  # the fmt hook rewrote the file
    assert (sample_repo / "maps" / "bad.arg").read_text(encoding="utf-8").startswith('claim c "Unformatted')
    assert (sample_repo / "maps" / "good.arg").read_text(encoding="utf-8") == GOOD


# ----------------------------------------------------------------- GitHub and GitLab examples


def _run_lines(workflow: object) -> list[str]:
    found: list[str] = []
    if isinstance(workflow, dict):
        for key, value in workflow.items():
            if key in ("run", "script") and isinstance(value, str) and "argmap check" in value:
                found.append(value)
            elif key == "script" and isinstance(value, list):
                found += [line for line in value if isinstance(line, str) and "argmap check" in line]
            else:
                found += _run_lines(value)
    elif isinstance(workflow, list):
        for item in workflow:
            found += _run_lines(item)
    return found


def test_github_workflow_uploads_sarif(sample_repo: Path) -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "github-code-scanning.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["argmap"]
    assert job["permissions"]["security-events"] == "write"
    upload = [s for s in job["steps"] if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif")]
    assert len(upload) == 1 and upload[0]["with"]["sarif_file"] == "argmap.sarif"
    assert "always()" in upload[0]["if"]
    (line,) = _run_lines(workflow)
    result = _shell(line, sample_repo)
    assert result.returncode == 1, result.stderr  # bad.arg has an error: the job fails, the upload still runs
    sarif = json.loads((sample_repo / "argmap.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["E102"]
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "maps/bad.arg"
    assert sorted(a["location"]["uri"] for a in sarif["runs"][0]["artifacts"]) == ["maps/bad.arg", "maps/good.arg"]


def test_gitlab_example_job_writes_code_quality(sample_repo: Path) -> None:
    job = yaml.safe_load((ROOT / "docs" / "examples" / "gitlab-ci.yml").read_text(encoding="utf-8"))["argmap"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"
    (line,) = _run_lines(job)
    result = _shell(line, sample_repo)
    assert result.returncode == 1, result.stderr
    issues = json.loads((sample_repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    _validate_code_quality(issues)
    assert [i["location"]["path"] for i in issues] == ["maps/bad.arg"]


# GitLab's required fields (docs.gitlab.com/ci/testing/code_quality, "Code Quality report format")
CODE_QUALITY_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {"path": {"type": "string", "minLength": 1, "not": {"pattern": "^/|\\\\"}}},
                "anyOf": [
                    {"required": ["lines"], "properties": {"lines": {
                        "type": "object", "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}}}}},
                    {"required": ["positions"]},
                ],
            },
        },
    },
}


def _validate_code_quality(issues: object) -> None:
    import jsonschema

    jsonschema.validate(issues, CODE_QUALITY_SCHEMA)
    prints = [i["fingerprint"] for i in issues]  # type: ignore[attr-defined, union-attr]
    assert len(prints) == len(set(prints)), "fingerprints must be unique"


def test_gitlab_format_fields_and_stable_fingerprints(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text('claim a "x"\n  supports nowhere\nclaim b "y"\n  supports nowhere\n  supports t\n'
                    'evidence e "z"\n', encoding="utf-8")
    first = _shell(f"argmap check --format gitlab {path.name}", tmp_path)
    assert first.returncode == 1
    issues = json.loads(first.stdout)
    _validate_code_quality(issues)
    assert {i["severity"] for i in issues} == {"major", "minor"}
    assert issues[0]["check_name"] == "E102 undefined-reference" and issues[0]["location"]["lines"]["begin"] == 2
    # lines inserted above: the same findings keep their fingerprints
    path.write_text("# a new comment\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    moved = json.loads(_shell(f"argmap check --format gitlab {path.name}", tmp_path).stdout)
    assert [i["fingerprint"] for i in moved] == [i["fingerprint"] for i in issues]
    assert moved[0]["location"]["lines"]["begin"] == 4


def test_gitlab_format_from_the_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.argmap]\nformat = "gitlab"\n', encoding="utf-8")
    (tmp_path / "m.arg").write_text(GOOD, encoding="utf-8")
    result = _shell("argmap check m.arg", tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout) == []


# ----------------------------------------------------------------- --files-from


def test_files_from_changed_files(sample_repo: Path) -> None:
    (sample_repo / "maps" / "good.arg").write_text(GOOD + 'claim d "New."\n  supports t\n', encoding="utf-8")
    (sample_repo / "maps" / "bad.arg").unlink()
    result = _shell("git diff --name-only | argmap check --files-from -", sample_repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems in 1 file" in result.stdout
    assert "maps/bad.arg is listed but not found" in result.stderr


def test_files_from_nul_separated_and_a_file(sample_repo: Path) -> None:
    odd = sample_repo / "maps" / "new\nline.arg"
    odd.write_text(GOOD, encoding="utf-8")
    result = _shell("git ls-files -z --others --cached '*.arg' | argmap check --files-from -", sample_repo)
    assert result.returncode == 1 and "in 3 files" in result.stdout
    listing = sample_repo / "list.txt"
    listing.write_text("maps/good.arg\r\nREADME.md\n\nmaps/good.arg\n", encoding="utf-8")
    listed = _shell("argmap check --files-from list.txt", sample_repo)
    assert listed.returncode == 0 and "no problems in 1 file" in listed.stdout


def test_files_from_nothing_listed_still_writes_a_report(sample_repo: Path) -> None:
    result = _shell("printf 'README.md\\n' | argmap check --files-from - --format sarif -o r.sarif", sample_repo)
    assert result.returncode == 0 and "nothing to check" in result.stderr
    assert json.loads((sample_repo / "r.sarif").read_text(encoding="utf-8"))["runs"][0]["results"] == []


def test_files_from_and_a_stdin_map_conflict(sample_repo: Path) -> None:
    result = _shell("echo maps/good.arg | argmap check --files-from - -", sample_repo)
    assert result.returncode == 2 and "cannot be both" in result.stderr


def test_check_without_files_is_a_usage_error(sample_repo: Path) -> None:
    result = _shell("argmap check", sample_repo)
    assert result.returncode == 2 and "Missing argument" in result.stderr
