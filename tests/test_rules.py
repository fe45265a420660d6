"""Data-driven tests of the semantic rules: one YAML file per rule code in
tests/data/rules/. Each case writes its map (and any ``files``) into a
temporary folder, runs ``argmap.api.analyse`` and compares exactly the
diagnostics of the file's code with ``expect``.

Case keys: name, map, expect (list of {line, column, message_contains,
hint_contains, fix, severity}), optional files {name: text}, sources (folders
under the temporary folder passed as --sources), allow_outside, map_path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.api import analyse
from argmap.checks import RESERVED, CheckContext, all_rules

DATA = Path(__file__).parent / "data" / "rules"
RULE_FILES = sorted(DATA.glob("*.yaml"))


def _cases() -> list[Any]:
    params = []
    for path in RULE_FILES:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in cases:
            params.append(pytest.param(path.stem, case, id=f"{path.stem}-{case['name']}"))
    return params


def run_case(code: str, case: dict[str, Any], tmp_path: Path) -> list[Any]:
    for name, content in (case.get("files") or {}).items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    map_path = tmp_path / case.get("map_path", "map.arg")
    map_path.parent.mkdir(parents=True, exist_ok=True)
    map_path.write_text(case["map"], encoding="utf-8")
    sources = [tmp_path / s for s in case.get("sources", [])]
    analysis = analyse(map_path, sources=sources, allow_outside=case.get("allow_outside", False),
                       select=case.get("select", ()))  # an opt-in rule's cases select it
    return [d for d in analysis.diagnostics if d.code == code]


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    found = run_case(code, case, tmp_path)
    expected = case["expect"] or []
    got = [(d.span.line, d.span.column) for d in found]
    assert got == [(e["line"], e["column"]) for e in expected], [d.message for d in found]
    for diagnostic, want in zip(found, expected):
        assert want.get("code", code) == code, "a case checks only its file's code"
        assert diagnostic.rule and re.fullmatch(r"[a-z]+(-[a-z]+)*", diagnostic.rule)
        if "message_contains" in want:
            assert want["message_contains"] in diagnostic.message
        if "hint_contains" in want:
            assert want["hint_contains"] in (diagnostic.hint or "")
        if "severity" in want:
            assert diagnostic.severity.value == want["severity"]
        if "fix" in want:
            assert [f.replacement for f in diagnostic.fixes][:1] == [want["fix"]]
        if "fix_span" in want:
            span = diagnostic.fixes[0].span
            assert [span.line, span.column, span.end_line, span.end_column] == want["fix_span"]


def test_every_rule_is_documented_and_tested() -> None:
    rules = all_rules()
    codes = [rule.code for rule in rules]
    assert len(codes) == len(set(codes))
    names = [rule.name for rule in rules]
    assert len(names) == len(set(names))
    files = {path.stem for path in RULE_FILES}
    for rule in rules:
        assert re.fullmatch(r"[EW]\d{3}", rule.code), rule.code
        assert rule.code[0] == ("E" if rule.severity.value == "error" else "W"), rule.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name), rule.name
        assert rule.summary and "\n" not in rule.summary
        assert rule.__doc__ and "Fix" in rule.__doc__, f"{rule.code} needs a docstring with a fix"
        assert rule.code in files, f"{rule.code} has no tests/data/rules/{rule.code}.yaml"
        if rule.code in RESERVED:
            assert RESERVED[rule.code][0] == rule.name
    for path in RULE_FILES:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert any(c["expect"] for c in cases), f"{path.name}: no failing case"
        assert any(not c["expect"] for c in cases), f"{path.name}: no passing case"


def test_at_least_fifteen_rules_are_listed() -> None:
    codes = {rule.code for rule in all_rules()} | set(RESERVED)
    assert len(list(all_rules())) >= 15
    assert len(codes) >= 20


def test_support_cycle_search_is_iterative() -> None:
    """A 20,000-node support chain (20 times the recursion limit) closing on itself: no RecursionError,
    one finding; without the closing link, none."""
    from argmap.checks.rules_structure import SupportCycle
    from argmap.model import Map, Node, NodeKind, Relation, RelationKind

    size = 20_000
    nodes = tuple(Node(f"n{i}", NodeKind.CLAIM, "x") for i in range(size))
    chain = tuple(Relation(RelationKind.SUPPORTS, f"n{i}", f"n{i + 1}") for i in range(size - 1))
    ring = chain + (Relation(RelationKind.SUPPORTS, f"n{size - 1}", "n0"),)
    found = list(SupportCycle().check(Map(nodes=nodes, relations=ring), CheckContext()))
    assert len(found) == 1 and found[0].message.startswith("circular reasoning: n0 -> n1 -> n2")
    assert found[0].message.endswith("-> n24 -> ... (19975 more) -> n19999 -> n0")
    assert list(SupportCycle().check(Map(nodes=nodes, relations=chain), CheckContext())) == []


SOURCE_TEXT = (
    "Iran was pressing by all means to derail the talks; their conflict-\n"
    "ing objectives \u00abwere\u00bb clear\u00a0\u2014 the \u2018allies\u2019 said \u201cno\u201d\u2026 twice.\n"
    "A well-known fact.\n"
)


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("Iran was pressing", True),
        ("iran   was\npressing", True),
        ("their conflicting objectives", True),
        ("conflict-ing objectives", True),  # copied with the line-break hyphen
        ('"were" clear - the \'allies\' said "no"... twice', True),
        ("clear \u2013 the \u2019allies\u2019", True),
        ("Iran was pressing ... the talks", True),
        ("the talks ... Iran was pressing", False),
        ("Iran was pushing", False),
        ("A well-known fact.", True),
        ("a wellknown fact", False),
        ("talks; their", True),
        ("talks: their", False),
    ],
)
def test_find_quote_normalisation(quote: str, found: bool) -> None:
    from argmap.quotes import SourceText, find_quote

    source = SourceText.from_raw(SOURCE_TEXT)
    assert (find_quote(source, quote) is not None) is found


def test_closest_passage_in_a_large_source_is_fast() -> None:
    import random
    import time

    from argmap.quotes import SourceText, closest_passage

    rng = random.Random(7)
    words = ["the", "russian", "iranian", "regime", "forces", "aleppo", "talks", "truce", "eastern", "city", "militia", "assad", "strategy"]
    lines = [" ".join(rng.choice(words) for _ in range(10)) for _ in range(1500)]
    lines.insert(700, "Iran was pressing by all means to derail the Ankara talks on a truce.")
    source = SourceText.from_raw("\n".join(lines))
    assert len(source.text) > 100_000
    start = time.perf_counter()
    passage = closest_passage(source, "Iran was pushing by all means to derail the talks on a truce")
    elapsed = time.perf_counter() - start
    assert passage is not None and passage.line == 701
    assert passage.text.startswith("Iran was pressing by all means")
    assert elapsed < 1.0


def test_suggestions_among_many_ids() -> None:
    from argmap.checks.rules_common import Suggester

    ids = [f"{word}_{n}" for n in range(2500) for word in ("strategy", "militia")]
    suggest = Suggester(ids, budget=3)
    assert suggest("stratgy_42")[0] == "strategy_42"
    assert suggest("militia_1999x")[0] == "militia_1999"
    assert suggest("CONFLICT") == []
    assert suggest("stratgy_42")[0] == "strategy_42"  # remembered, costs no budget
    assert suggest("militia_7x") == []  # budget spent
    assert Suggester(["conflict", "conflicts"])("CONFLICT")[0] == "conflict"


_IDS = ["a", "b", "c", "h", "conflict", "conflct", "s"]


@st.composite
def _random_maps(draw: st.DrawFn) -> str:
    """Small maps whose references go anywhere: cycles, typos, self-links..."""
    lines = []
    for source in draw(st.lists(st.sampled_from(["s", "t", "s"]), max_size=3)):
        lines += [f'source {source} "S"', f'  date {draw(st.sampled_from(["2016", "2016-02-30", "0000", "16-1"]))}']
        if draw(st.booleans()):
            lines.append(f'  file "{draw(st.sampled_from(["src.txt", "none.txt", "../x.txt"]))}"')
    for node in draw(st.lists(st.sampled_from(_IDS), min_size=1, max_size=7)):
        kind = draw(st.sampled_from(["thesis", "claim", "evidence", "counter", "hypothesis", "question"]))
        lines.append(f'{kind} {node} "Text."')
        for _ in range(draw(st.integers(0, 3))):
            verb = draw(st.sampled_from(["supports", "attacks", "contradicts"]))
            lines.append(f"  {verb} {draw(st.sampled_from(_IDS))} weight {draw(st.sampled_from(['0.5', '2']))}")
        if draw(st.booleans()):
            lines.append(f"  undercuts {draw(st.sampled_from(_IDS))} -> {draw(st.sampled_from(_IDS))}")
        if draw(st.booleans()):
            quote = draw(st.sampled_from(["alpha beta", "alpha ... delta", "zeta", "\u201calpha\u201d"]))
            lines.append(f'  cite {draw(st.sampled_from(["s", "t", "u"]))} "{quote}"')
        if draw(st.booleans()):
            lines.append(f"  rates {draw(st.sampled_from(_IDS))} CC, {draw(st.sampled_from(_IDS))} I")
        if draw(st.booleans()):
            lines.append(f'section "{draw(st.sampled_from(["One", "Two"]))}"')
    if draw(st.booleans()):
        lines.append(f"expect {draw(st.sampled_from(_IDS))} accepted")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_random_maps())
def test_rules_never_raise_and_are_deterministic(text: str, tmp_path: Path) -> None:
    (tmp_path / "src.txt").write_text("alpha beta gamma delta", encoding="utf-8")
    path = tmp_path / "map.arg"
    path.write_text(text, encoding="utf-8")
    first = analyse(path).diagnostics
    assert first == analyse(path).diagnostics
    for diagnostic in first:
        assert diagnostic.span.line >= 1 and diagnostic.message
        for fix in diagnostic.fixes:
            assert fix.span.line >= 1 and fix.span.end_column >= fix.span.column


def test_docs_rules_md_is_current() -> None:
    """docs/rules.md is generated: regenerate it with the command it names."""
    from argmap.commands.rules import markdown

    root = Path(__file__).resolve().parent.parent
    expected = markdown(root / "tests" / "data" / "rules")
    assert (root / "docs" / "rules.md").read_text(encoding="utf-8") == expected, (
        "docs/rules.md is stale: run python -m argmap.commands.rules --markdown > docs/rules.md")
