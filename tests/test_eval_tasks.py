"""The ICCMA reasoning tasks (argmap.evaluate.tasks) against brute force, with
both back ends, and the solver interface of ``argmap eval`` (ICCMA 2023 output)."""

from __future__ import annotations

from pathlib import Path

import pytest
from af_reference import frameworks, reference
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profiles import examples

from argmap.cli import cli
from argmap.errors import InputError
from argmap.evaluate import satsolve
from argmap.evaluate.af import AF
from argmap.evaluate.tasks import CODES, PROBLEMS, solve

SOLVERS = ["search"] + (["sat"] if satsolve.available() else [])


def _check(af: AF, expected: dict[str, list[list[int]]], problem: str, query: int | None, solver: str) -> None:
    task, _, code = problem.partition("-")
    exts = expected[CODES[code]]
    answer = solve(af, problem, query, solver=solver)
    if answer.witness is not None:
        assert answer.witness in exts, (problem, query, answer)
    if task == "SE":
        assert answer.accepted is None
        assert (answer.witness is None) == (not exts), (problem, answer)
        return
    assert query is not None
    if task == "DC":
        assert answer.accepted == any(query in e for e in exts), (problem, query)
        assert (answer.witness is not None) == answer.accepted
        if answer.witness is not None:
            assert query in answer.witness
    else:
        assert answer.accepted == all(query in e for e in exts), (problem, query)
        assert (answer.witness is None) == answer.accepted
        if answer.witness is not None:
            assert query not in answer.witness


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frameworks(), st.sampled_from(SOLVERS))
def test_tasks_against_brute_force(fw: tuple[int, list[tuple[int, int]]], solver: str) -> None:
    n, pairs = fw
    af = AF.from_pairs([str(i) for i in range(n)], pairs)
    expected = reference(n, pairs)
    for problem in PROBLEMS:
        if problem.startswith("SE-"):
            _check(af, expected, problem, None, solver)
        else:
            for query in range(n):
                _check(af, expected, problem, query, solver)


def test_unknown_problem_and_missing_query() -> None:
    af = AF.from_pairs(["1", "2"], [(0, 1)])
    with pytest.raises(ValueError, match="unknown problem"):
        solve(af, "DC-XX", 0)
    with pytest.raises(ValueError, match=r"query argument 1\.\.2"):
        solve(af, "DC-PR", None)


# ---------------------------------------------------------------- the CLI


def _eval(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["eval", *args])
    return result.exit_code, result.output


@pytest.fixture()
def chain(tmp_path: Path) -> Path:
    path = tmp_path / "chain.i23"
    path.write_text("p af 3\n1 2\n2 3\n", encoding="utf-8")
    return path


def test_iccma_acceptance_examples(chain: Path) -> None:
    """The issue's acceptance: DC-GR on 1 -> 2 -> 3 accepts 3; SE-PR gives {1, 3}."""
    assert _eval("-p", "DC-GR", "-f", str(chain), "-a", "3") == (0, "YES\nw 1 3\n")
    assert _eval("-p", "SE-PR", "-f", str(chain)) == (0, "w 1 3\n")
    assert _eval("-p", "DS-PR", "-f", str(chain), "-a", "2") == (0, "NO\nw 1 3\n")
    assert _eval("-p", "DS-ST", "-f", str(chain), "-a", "1") == (0, "YES\n")
    assert _eval("-p", "DC-CO", "-f", str(chain), "-a", "2") == (0, "NO\n")


def test_iccma_no_stable_extension_and_empty_witness(tmp_path: Path) -> None:
    odd = tmp_path / "odd.i23"
    odd.write_text("p af 3\n# an odd cycle\n1 2\n2 3\n3 1\n", encoding="utf-8")
    assert _eval("-p", "SE-ST", "-f", str(odd)) == (0, "NO\n")
    assert _eval("-p", "SE-PR", "-f", str(odd)) == (0, "w\n")  # the empty extension
    assert _eval("-p", "DS-ST", "-f", str(odd), "-a", "1") == (0, "YES\n")  # no stable extension at all
    assert _eval("-p", "DS-PR", "-f", str(odd), "-a", "1") == (0, "NO\nw\n")


def test_iccma_names_for_apx(tmp_path: Path) -> None:
    path = tmp_path / "f.apx"
    path.write_text("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,a).\natt(b,c).\n", encoding="utf-8")
    assert _eval("-p", "DC-PR", "-f", str(path), "-a", "c") == (0, "YES\nw a c\n")
    assert _eval("-p", "DS-PR", "-f", str(path), "-a", "c") == (0, "NO\nw b\n")


def test_iccma_listing_and_banner() -> None:
    code, out = _eval("--problems")
    assert code == 0 and out.startswith("[DC-CO,") and out.rstrip().endswith("]")
    assert set(out.strip("[]\n").split(",")) == set(PROBLEMS)
    assert _eval("--formats") == (0, "[i23,apx,tgf]\n")
    code, out = _eval()
    assert code == 0 and out.startswith("argmap ") and len(out.splitlines()) == 2


@pytest.mark.parametrize("args, message", [
    (["-p", "DC-PR"], "-f FILE"),
    (["-p", "XX-PR", "-f", "{chain}"], "DC-CO"),
    (["-p", "DC-PR", "-f", "{chain}"], "-a ARG"),
    (["-p", "DC-PR", "-f", "{chain}", "-a", "4"], "number from 1 to 3"),
    (["-p", "DC-PR", "-f", "{chain}", "-a", "x"], "number from 1 to 3"),
])
def test_iccma_usage_errors(chain: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["eval", *[a.format(chain=chain) for a in args]])
    if isinstance(result.exception, InputError):  # the program prints it and exits 2 (tests/test_eval_cli.py)
        assert message in str(result.exception)
    else:
        assert result.exit_code == 2 and message in result.output
