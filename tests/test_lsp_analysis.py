"""The language server's incremental analysis gives what a full check gives.

The differential tests drive ``IncrementalAnalyzer`` through random edit
sequences (typing, line breaks, quotes, deleted stretches, new and broken
lines, duplicated ids, sections with the same title, suppression comments,
keyword lines inside texts) and compare, after every edit, its diagnostics
with ``argmap.api.analyse`` on the same text.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from profiles import PROFILE

from argmap.api import analyse
from argmap.checks import Scope, all_rules
from argmap.lsp.analysis import IncrementalAnalyzer, prepare_text
from argmap.lsp.blocks import DependencyIndex, blocks_of, locate, submap
from argmap.lsp.chunks import Chunker
from argmap.lsp.shift import shift_diagnostics, shift_map
from argmap.syntax import parse_text

ROOT = Path(__file__).resolve().parents[1]
# Each example is a few full checks: a handful here, many in a thorough run
# (ARGMAP_TEST_PROFILE=thorough, see tests/profiles.py).
THOROUGH = PROFILE == "thorough"
sys.path.insert(0, str(ROOT / "bench"))
gen_map = pytest.importorskip("gen_map")

TAIL = """
section "Repeated"
claim tail_a "Tail claim."
  supports tail_b
claim tail_b "Another one."  # argmap: ignore[W201]
  supports tail_a
  supports tail_a
section "Repeated"
evidence tail_e "Evidence without a date."
  note "a text over lines
claim that looks like a block"
  rates nowhere CC
# argmap: ignore[W203]
evidence tail_f "Quiet."
expect tail_a accepted
question tail_q "Which one holds?"
claim tail_c "This one."
  answers tail_q
  about tail_q weight 0.5
argument tail_arg "Together they hold."
  premises tail_a, tail_c
  supports tail_b
  scheme sign
  cq alternative "No other reason."
  cq nosuch "?"
claim tail_u "An objection to the inference."
  undercuts tail_arg
  supports tail_q
"""


def _key(diagnostics):  # type: ignore[no-untyped-def]
    return sorted((d.code, d.span, d.severity, d.message, d.hint, d.related, d.fixes) for d in diagnostics)


def _base(nodes: int, seed: int) -> str:
    return gen_map.to_arg(gen_map.generate(nodes, seed=seed)) + TAIL


def _lines(ids: list[str], rng: random.Random) -> list[str]:
    a, b = rng.choice(ids), rng.choice(ids)
    fresh = f"new_{rng.randrange(40)}"
    return [
        f'claim {fresh} "A new claim."', f"  supports {a}", f"  attacks {a}", f"  contradicts {a}",
        f"  undercuts {a} -> {b}", f"  rates {a} CC", '  cite src1 "a quotation"', "  date 2016-02-30",
        'section "Repeated"', f'section {fresh} "Explicit"', 'source src1 "A second src1"', f"expect {a} rejected",
        "# argmap: ignore[W201]", "  # argmap: ignore", "garbage here", '  note "two\nclaim lines"',
        f'thesis {a} "The same id again."', f"  supports {fresh}", f"  supports {a[:-1]}", "",
        f'argument arg_{fresh} "Linked."', f"  premises {a}, {b}", f"  premises {fresh}", "  scheme sgn",
        f"  about {a}", "  answers tail_q", "  undercuts tail_arg", "  supports tail_arg", f'question {fresh} "?"',
        '  inferred "ours"', "  credibility 2",
    ]


def _edit(text: str, ids: list[str], choice: int, where: float, rng: random.Random) -> str:
    at = int(where * len(text))
    lines = text.split("\n")
    line = min(int(where * len(lines)), len(lines) - 1)
    if choice == 0:  # a word typed inside a text
        quote = text.find('"', at)
        return text if quote < 0 else text[:quote + 1] + "word " + text[quote + 1:]
    if choice == 1:  # a character or a snippet typed anywhere
        return text[:at] + rng.choice(['"', " x", "\n", ",", "#", "\\", "claim", " weight 2"]) + text[at:]
    if choice == 2:  # a stretch deleted
        return text[:at] + text[at + rng.randrange(1, 80):]
    if choice == 3:  # a line inserted
        lines.insert(line, rng.choice(_lines(ids, rng)))
    elif choice == 4:  # a line deleted
        del lines[line]
    else:  # an id renamed on one line
        lines[line] = lines[line].replace(rng.choice(ids), rng.choice(ids))
    return "\n".join(lines)


@settings(max_examples=400 if THOROUGH else 25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.sampled_from([200, 700, 4096]),
       edits=st.lists(st.tuples(st.integers(0, 5), st.floats(0, 1)), min_size=1, max_size=10))
def test_incremental_equals_a_full_check_through_random_edits(seed: int, size: int,
                                                               edits: list[tuple[int, float]]) -> None:
    rng = random.Random(seed)
    text = _base(120, seed % 7)
    path = "/nonexistent/m.arg"
    analyzer = IncrementalAnalyzer(path, chunk_size=size)
    ids = [n.id for n in parse_text(text, path).map.nodes]
    for number, (choice, where) in enumerate(edits):
        text = _edit(text, ids, choice, where, rng)
        first = analyzer.analyse(text)
        assert _key(first.diagnostics) == _key(analyse(path, text=text, expectations=False).diagnostics), number
    complete = analyzer.complete(first)
    assert _key(complete.diagnostics) == _key(analyse(path, text=text).diagnostics)


def test_a_long_editing_session_stays_exact(tmp_path: Path) -> None:
    """One analyzer, 80 edits that build on each other (in a real folder)."""
    rng = random.Random(11)
    text = _base(150, 3)
    path = str(tmp_path / "m.arg")
    analyzer = IncrementalAnalyzer(path, chunk_size=500)
    ids = [n.id for n in parse_text(text, path).map.nodes]
    for number in range(400 if THOROUGH else 80):
        text = _edit(text, ids, rng.randrange(6), rng.random(), rng)
        assert _key(analyzer.analyse(text).diagnostics) == _key(
            analyse(path, text=text, expectations=False).diagnostics), number


@settings(max_examples=400 if THOROUGH else 40, deadline=None)
@given(seed=st.integers(0, 10_000), size=st.sampled_from([100, 400, 4096]),
       edits=st.lists(st.tuples(st.integers(0, 5), st.floats(0, 1)), min_size=1, max_size=8))
def test_the_parts_read_as_the_whole_text(seed: int, size: int, edits: list[tuple[int, float]]) -> None:
    """Chunks parsed alone (moved, joined, read block by block) give the
    parser's map and syntax errors for the whole text, spans included."""
    from argmap.loader import merge_maps

    rng = random.Random(seed)
    text = _base(60, seed % 5)
    chunker = Chunker("m.arg", size)
    ids = [n.id for n in parse_text(text, "m.arg").map.nodes]
    for choice, where in edits:
        text = _edit(text, ids, choice, where, rng)
        chunks = chunker.update(text)
        assert "".join(c.text for c in chunks) == text
        parts = chunker.parts()
        if parts is None:  # repeated implicit sections: the server parses the whole text
            continue
        whole = parse_text(text, "m.arg")
        merged = merge_maps([p.map for p in parts])
        for name in ("nodes", "relations", "sources", "sections", "expectations", "comments"):
            assert getattr(merged, name) == getattr(whole.map, name), name
        assert [n.span for n in merged.nodes] == [n.span for n in whole.map.nodes]
        assert [n.section for n in merged.nodes] == [n.section for n in whole.map.nodes]
        assert [r.target_span for r in merged.relations] == [r.target_span for r in whole.map.relations]
        assert _key([d for p in parts for d in p.syntax]) == _key(whole.diagnostics)


def test_a_text_spanning_a_cut_and_a_failing_file_read_as_the_parser_reads() -> None:
    base = "".join(f'claim c{i} "text {i}"\n  supports c{i - 1}\n' for i in range(1, 40))
    spanning = 'claim s "first line\nclaim inside the text\nsection q end"\n  supports c1\n'
    cases = [base + spanning + base.replace("claim c", "claim d"),
             base + spanning + 'claim bad "x\n  suports c1\n',
             'claim bad "x"\n  suports c1\n' + base + spanning,
             base + 'claim s "never closed\n' + base.replace("claim c", "claim d")]
    for text in cases:
        for size in (50, 300, 5000):
            chunker = Chunker("m.arg", size)
            chunker.update(text)
            parts = chunker.parts()
            assert parts is not None
            whole = parse_text(text, "m.arg")
            assert [n.span for p in parts for n in p.map.nodes] == [n.span for n in whole.map.nodes]
            assert _key([d for p in parts for d in p.syntax]) == _key(whole.diagnostics)


def test_moving_a_parse_equals_parsing_lower_down() -> None:
    corpus = sorted((ROOT / "maps").glob("*.arg")) + sorted((ROOT / "tests" / "data").rglob("*.arg"))[:20]
    assert corpus
    for path in corpus:
        text = path.read_bytes().decode("utf-8", errors="replace")
        first, lower = parse_text(text, "x.arg"), parse_text(text, "x.arg", first_line=41)
        moved = shift_map(first.map, 40)
        assert moved == lower.map
        assert [c.span for c in moved.comments] == [c.span for c in lower.map.comments]
        assert [n.id_span for n in moved.nodes] == [n.id_span for n in lower.map.nodes]
        assert shift_diagnostics(first.diagnostics, 40) == lower.diagnostics
    broken = parse_text('claim a "x"\n  suports b\n', "x.arg")
    assert shift_diagnostics(broken.diagnostics, 9) == parse_text('claim a "x"\n  suports b\n', "x.arg",
                                                                    first_line=10).diagnostics


@pytest.mark.parametrize("rule", [r for r in all_rules() if r.scope is Scope.BLOCK], ids=lambda r: r.code)
def test_each_block_rule_keeps_its_promise(rule, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Run on a part of a map made of some blocks and their neighbours, a
    BLOCK rule finds in those blocks what it finds in the whole map."""
    from argmap.checks import CheckContext

    rng = random.Random(rule.code)
    text = _base(150, 2)
    ids = [n.id for n in parse_text(text, "m.arg").map.nodes]
    for _ in range(6):
        text = _edit(text, ids, rng.choice([3, 3, 5]), rng.random(), rng)
    whole = parse_text(text, str(tmp_path / "m.arg")).map
    blocks = blocks_of(whole)
    index = DependencyIndex()
    index.add(blocks)
    context = CheckContext(map_dir=tmp_path, whole=lambda: whole)
    everything, _ = locate(list(rule().check(whole, context)), blocks)
    for _ in range(12):
        chosen = set(rng.sample(blocks, 5))
        reach = sorted(index.closure(chosen), key=lambda b: b.first)
        found, lost = locate(list(rule().check(submap(reach, whole.files), context)), reach)
        assert not lost
        for block in chosen:
            assert _key(found.get(block, [])) == _key(everything.get(block, []))


def test_rules_that_suggest_ids_say_so() -> None:
    """The editor checks the whole map when a suggesting rule has more findings
    than a Suggester answers (then the order of the whole map decides)."""
    import inspect

    for rule in all_rules():
        uses = "Suggester(" in inspect.getsource(rule.check) and "Suggester(ids)" not in inspect.getsource(rule.check)
        assert rule.suggests == uses, rule.code


def test_suppression_comments_are_honoured(tmp_path: Path) -> None:
    text = 'thesis t "A thesis."  # argmap: ignore[W201,W202]\nclaim lone "Alone."  # argmap: ignore[W201]\n'
    codes = {d.code for d in IncrementalAnalyzer(str(tmp_path / "m.arg")).analyse(text).diagnostics}
    assert "W201" not in codes and "W202" not in codes
    plain = text.replace("  # argmap: ignore[W201,W202]", "").replace("  # argmap: ignore[W201]", "")
    codes = {d.code for d in IncrementalAnalyzer(str(tmp_path / "m.arg")).analyse(plain).diagnostics}
    assert {"W201", "W202"} <= codes


def test_expectations_come_in_the_second_stage(tmp_path: Path) -> None:
    text = 'thesis t "T."\nclaim c "C."\n  supports t\ncounter k "K."\n  attacks t\nexpect t accepted\n'
    analyzer = IncrementalAnalyzer(str(tmp_path / "m.arg"))
    first = analyzer.analyse(text)
    assert not first.complete and "E116" not in {d.code for d in first.diagnostics}
    done = analyzer.complete(first)
    assert done.complete and "E116" in {d.code for d in done.diagnostics}
    assert _key(done.diagnostics) == _key(analyse(str(tmp_path / "m.arg"), text=text).diagnostics)


def test_lone_surrogates_and_line_ends_keep_every_position() -> None:
    original = 'claim a "x \ud800 y"\r\n  supports b\rclaim b "z"\n'
    text, problems = prepare_text(original, "m.arg")
    assert "\ud800" not in text and "\r" not in text and len(text) == len(original) - 1
    assert [(p.code, p.span.line, p.span.column) for p in problems] == [("E002", 1, 12)]
    codes = {d.code for d in IncrementalAnalyzer("m.arg").analyse('claim a "\udc00"\n').diagnostics}
    assert "E002" in codes


def test_a_trailing_suppression_in_a_file_with_a_syntax_error_stays_on_its_line() -> None:
    """Error recovery parses each block alone; a comment after code is still
    not a comment on its own line (found by the chunk tests: the suppression
    moved to the next line)."""
    text = 'claim a "x"\n  suports b\n\nclaim lone "Alone."  # argmap: ignore[W201]\nclaim c "y"\n'
    comment = parse_text(text, "m.arg").map.comments[0]
    assert not comment.own_line
    found = {(d.code, d.span.line) for d in analyse("/nonexistent/m.arg", text=text).diagnostics}
    assert ("W201", 4) not in found and ("W201", 5) in found
