"""The fast LALR driver (argmap/fastpath.py) must give exactly what Lark's own
entry point gives: the same model, spans and comments for valid files, and the
same diagnostics (it falls back to Lark) for invalid ones. (The line scanner
in front of both is tested in tests/test_linescan.py.)"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from argmap import fastpath
from argmap.parser import _parse_lalr, _parser

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from gen_map import generate, to_arg  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from fuzzing import mutate_lines as _mutate  # noqa: E402

CORPUS = sorted(ROOT.glob("maps/*.arg")) + sorted((ROOT / "tests" / "data").rglob("*.arg"))


def _lark_only(text: str, path: str = "<string>"):
    """parse_text with the fast loop switched off (Lark decides everything)."""
    lark_obj = _parser()[0]
    saved = getattr(lark_obj, "_argmap_fast_tables", False)
    lark_obj._argmap_fast_tables = None
    try:
        return _parse_lalr(text, path, None)
    finally:
        lark_obj._argmap_fast_tables = saved


def _same(text: str) -> None:
    fast, slow = _parse_lalr(text, "m.arg", None), _lark_only(text, "m.arg")
    assert repr(fast.map) == repr(slow.map)  # repr includes every span
    assert fast.map.comments == slow.map.comments
    assert fast.diagnostics == slow.diagnostics


def test_fast_path_is_used_for_valid_text(monkeypatch: pytest.MonkeyPatch) -> None:
    lark_obj = _parser()[0]
    _parse_lalr("claim a \"x\"\n", "m.arg", None)
    assert fastpath._tables(lark_obj) is not None

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Lark's own parse was used for a valid file")

    monkeypatch.setattr(lark_obj, "parse", refuse)
    result = _parse_lalr(to_arg(generate(60, seed=3)), "m.arg", None)
    assert result.ok and len(result.map.nodes) == 60


def test_generated_map_identical() -> None:
    _same(to_arg(generate(400, seed=7)))


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_corpus_identical(path: Path) -> None:
    _same(path.read_text(encoding="utf-8", errors="replace"))


EDGE_CASES = [
    "",
    "   \n\n",
    "# only a comment",
    "\ufeffclaim a \"x\"",
    "claim a \"x\" # trailing comment\r\n  supports b # another\r\n",
    "claim a \"multi\n  line\n\n  paragraph\"\n  tags t1, t2\n  note \"n\"",
    "claim claim \"keyword as id\"\n  supports thesis, evidence weight 0.5",
    "evidence e \"x\"\n  cite s §2 \"q\"\n  cite s p.12\n  cite s \"loc\" \"q\"\n  cite s",
    "counter c \"x\"\n  undercuts a -> b weight .3\n  rates h CC, h2 NA",
    "section \"S\"\nsection \"S\"\nsection id \"T\"\nexpect a accepted under grounded\nexpect b leads",
    "source s \"T\"\n  author \"A\"\n  date 2016-11\n  url \"http://x\"\n  file \"f.txt\"\n  note \"n\"",
    "title \"T\"\ndescription \"D\"\ninclude \"x.arg\"",
    "claim a \"x\"\u00a0\n  tags x",
    "claim a \"x\"\n  tags",
    "claim a x",
    "thesiss a \"x\"",
    "claim a \"never closed",
    "claim a \"x\"\n  supports b,\nclaim c \"y\"\n  attacks\nclaim d \"z\"",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_identical(text: str) -> None:
    _same(text)


def test_mutations_identical() -> None:
    """Mutated maps: the fast path and Lark agree on every model and message."""
    rng = random.Random(11)
    sources = [to_arg(generate(25, seed=5))] + [p.read_text(encoding="utf-8", errors="replace") for p in CORPUS[:5]]
    for _ in range(150):
        _same(_mutate(rng.choice(sources).split("\n"), rng))
