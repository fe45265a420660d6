"""Property tests: whatever the text, the parser returns; only ArgmapError escapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.api import analyse, loads, parse
from argmap.errors import ArgmapError, ArgmapSyntaxError
from argmap.model import PartialDate
from argmap.syntax.keywords import GRADES, KEYWORDS

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# every word of the language (from its tables), then punctuation, values and hostile bytes
FRAGMENTS = [
    *KEYWORDS, *GRADES,
    "->", ",", '"text"', '"multi\nline"', '"unclosed', '"esc \\" aped"', "t", "c", "x_1", "a-b.c",
    "2016", "2016-11", "2016-13-45", "0.8", ".5", "§2", "p.12", "# comment", "\n", "\n\n", "\t",
    "\r\n", "\ufeff", "حلب", "“curly”", "🍵", "\x00", "\\",
]


def _shaped() -> st.SearchStrategy[str]:
    separators = st.sampled_from([" ", "\n", "\n  ", "\t", "\r\n", ""])
    return st.lists(st.tuples(st.sampled_from(FRAGMENTS), separators), max_size=60).map(
        lambda items: "".join(f + s for f, s in items)
    )


def _assert_sane(text: str) -> None:
    result = parse(text, "p.arg")
    line_count = text.count("\n") + text.count("\r") + 2
    for d in result.diagnostics:
        assert d.code in ("E001", "E002") and d.message
        assert 1 <= d.span.line <= line_count and d.span.column >= 1
        assert "$END" not in d.message and "_NL" not in d.message and "__ANON" not in d.message


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_parses_or_reports(text: str) -> None:
    _assert_sane(text)


@SETTINGS
@given(_shaped())
def test_grammar_shaped_text_parses_or_reports(text: str) -> None:
    _assert_sane(text)


@SETTINGS
@given(_shaped())
def test_loads_raises_only_argmap_errors(text: str) -> None:
    try:
        loads(text, "p.arg")
    except ArgmapSyntaxError as exc:
        assert exc.diagnostics
    except ArgmapError:
        pass


@SETTINGS
@given(st.one_of(_shaped(), st.text(max_size=200)))
def test_analyse_never_raises_for_map_text(text: str) -> None:
    result = analyse("<stdin>", text=text)
    assert all(d.span.line >= 0 for d in result.diagnostics)
    assert analyse("<stdin>", text=text).diagnostics == result.diagnostics  # deterministic


_PLAIN = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\x85"),
    max_size=80,
)


@SETTINGS
@given(_PLAIN)
def test_text_round_trip_with_escapes(value: str) -> None:
    literal = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    result = parse(f"claim c {literal}\n", "p.arg")
    assert not result.diagnostics
    assert result.map.nodes[0].text == " ".join(value.split())


_ID = st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,12}(?:[.\-][A-Za-z0-9_]{1,5}){0,2}\Z")


@SETTINGS
@given(_ID, _ID)
def test_any_id_is_kept(first: str, second: str) -> None:
    result = parse(f'claim {first} "A."\nclaim {second} "B."\n  supports {first}\n', "p.arg")
    assert not result.diagnostics, result.diagnostics
    assert [n.id for n in result.map.nodes] == [first, second]
    assert [(r.source, r.target) for r in result.map.relations] == [(second, first)]


@SETTINGS
@given(st.integers(1, 9999), st.one_of(st.none(), st.integers(1, 12)), st.integers(1, 28))
def test_partial_date_round_trip(year: int, month: int | None, day: int) -> None:
    text = f"{year:04d}" + (f"-{month:02d}-{day:02d}" if month else "")
    node = parse(f'evidence e "E."\n  date {text}\n', "p.arg").map.nodes[0]
    assert node.date == PartialDate(text, year, month, day if month else None)
    assert str(node.date) == text


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 9999), st.integers(0, 12), st.integers(0, 28)), min_size=2, max_size=6))
def test_partial_date_sort_key_orders_like_tuples(parts: list[tuple[int, int, int]]) -> None:
    dates = [PartialDate(f"{y}", y, m or None, d or None) for y, m, d in parts]
    assert sorted(d.sort_key for d in dates) == sorted((y, m, d) for y, m, d in parts)


@SETTINGS
@given(st.floats(0, 1, allow_nan=False).map(lambda f: round(f, 3)))
def test_weight_round_trip(weight: float) -> None:
    text = f'thesis t "T."\nclaim c "C."\n  supports t weight {weight}\n'
    relation = parse(text, "p.arg").map.relations[0]
    assert relation.weight == weight
