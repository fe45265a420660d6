"""Golden files for syntax-error messages.

Each ``tests/data/syntax/NAME.arg`` is checked with
``argmap check --color never --no-config --select E0 NAME.arg`` (only syntax and
encoding errors, so the goldens do not change when semantic rules are added) and
the output must equal ``NAME.expected`` exactly: message, line, column, caret.

To regenerate after a deliberate change of wording, run
``ARGMAP_UPDATE_GOLDENS=1 pytest tests/test_syntax_errors.py`` and read every
changed file before committing it.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from argmap.cli import main

DATA = Path(__file__).parent / "data" / "syntax"
CASES = sorted(p.stem for p in DATA.glob("*.arg"))
# Lark's internal names must never reach a user.
LARK_WORDS = re.compile(r"\$END|_NL|__ANON|\bSTRING\b|\bLOCATOR\b|\bKIND\b|\bID\b|\b_[A-Z]+\b|Token\(")


def _check(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.chdir(DATA)
    monkeypatch.delenv("NO_COLOR", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["check", "--color", "never", "--no-config", "--select", "E0", f"{name}.arg"])
    out, _ = capsys.readouterr()
    return int(exit_info.value.code or 0), out


def test_there_are_cases() -> None:
    assert len(CASES) >= 20


@pytest.mark.parametrize("name", CASES)
def test_golden(name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = _check(name, capsys, monkeypatch)
    expected_file = DATA / f"{name}.expected"
    if os.environ.get("ARGMAP_UPDATE_GOLDENS") == "1":
        expected_file.write_text(out, encoding="utf-8")
    assert expected_file.exists(), f"no golden for {name}: run with ARGMAP_UPDATE_GOLDENS=1 and review it"
    assert out == expected_file.read_text(encoding="utf-8")
    assert code == 1, "a file with a syntax error must exit 1"
    assert not LARK_WORDS.search(out), "the message leaks a Lark terminal name"
    assert "Traceback" not in out
    # every diagnostic has file:line:col and a caret under a source line
    headers = re.findall(rf"^{re.escape(name)}\.arg:(\d+):(\d+): error\[E00[12]\]: .+$", out, re.M)
    carets = re.findall(r"^ +\| *\^~*$", out, re.M)
    assert headers and len(carets) == len(headers)


def test_three_independent_errors_in_three_blocks(capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    code, out = _check("three_errors", capsys, monkeypatch)
    lines = [int(m) for m in re.findall(r"^three_errors\.arg:(\d+):\d+: error\[E001\]", out, re.M)]
    assert code == 1 and lines == [6, 10, 14]
    assert out.count("^") == 3


def test_recovered_blocks_are_kept() -> None:
    from argmap.api import parse

    result = parse((DATA / "three_errors.arg").read_text(encoding="utf-8"), "three_errors.arg")
    ids = [n.id for n in result.map.nodes]
    assert "t" in ids and "ok" in ids and len(result.diagnostics) == 3


@pytest.mark.parametrize(
    "name, hint",
    [
        ("keyword_typo_attribute", "did you mean 'supports'?"),
        ("keyword_typo_block", "did you mean 'thesis'?"),
        ("expect_bad_status", "did you mean 'accepted'?"),
        ("unclosed_string", "double quotes"),
        ("curly_quotes", "straight double quotes"),
        ("single_quotes", 'write "It is warm."'),
        ("source_for_cite", "to cite one inside a node, write: cite essay"),
        ("date_range", "a date is one day, month or year"),
        ("locator_space", 'a locator is one word (p.4, §2) or a quoted text'),
    ],
)
def test_hints(name: str, hint: str, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = _check(name, capsys, monkeypatch)[1]
    assert re.search(r"^ += hint: .*" + re.escape(hint), out, re.M)


def test_a_broken_line_after_a_complete_block_does_not_lose_the_block() -> None:
    """No cascade: the thesis before the garbage line is kept, so nothing that
    refers to it is reported as undefined."""
    from argmap.api import analyse

    analysis = analyse(DATA / "garbage_after_block.arg")
    assert [d.code for d in analysis.diagnostics if d.is_error] == ["E001"]
    assert "t" in analysis.map.node_by_id and len(analysis.map.node_by_id["t"].tags) == 1


@pytest.mark.parametrize("text", [
    'claim c "They say so.\n  supports t\n\nthesis t "x"\nevidence e "y"\n  supports c\nexpect c accepted\n',
    "claim c 'They say so.'\n  supports t\nthesis t \"x\"\nevidence e \"y\"\n  supports c\n",
    'claim c\n  supports t\nthesis t "x"\nevidence e "y"\n  supports c\n',
])
def test_a_block_with_a_broken_header_still_names_its_id(text: str) -> None:
    """References to a block whose header does not parse are not reported as
    undefined: the one E001 says what is wrong."""
    from argmap.api import analyse

    analysis = analyse("m.arg", text=text)
    codes = [d.code for d in analysis.diagnostics if d.is_error]
    assert codes.count("E001") >= 1 and "E102" not in codes, codes
    assert "c" in analysis.map.unparsed_ids or "c" in analysis.map.node_by_id


def test_failed_blocks_are_not_kept_twice() -> None:
    """A block completed before an error in the same chunk is kept once."""
    from argmap.api import parse

    result = parse((DATA / "source_for_cite.arg").read_text(encoding="utf-8"), "source_for_cite.arg")
    ids = [n.id for n in result.map.nodes]
    assert ids.count("e") == 1 and "t" in ids


def test_goldens_have_no_orphans() -> None:
    orphans = sorted(p.name for p in DATA.glob("*.expected") if not (DATA / f"{p.stem}.arg").exists())
    assert not orphans


if sys.platform == "win32":  # pragma: no cover
    pytestmark = pytest.mark.skip("goldens use POSIX paths")
