"""argmap fmt: goldens, idempotence, losslessness (property test), CLI."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.cli import cli
from argmap.errors import ArgmapSyntaxError
from argmap.fmt import WIDTH, format_text
from argmap.syntax import parse_text

DATA = Path(__file__).parent / "data" / "fmt"
MAPS = Path(__file__).parent.parent / "maps"


def _comments(text: str) -> Counter[str]:
    return Counter(c.text.rstrip() for c in parse_text(text).map.comments)


def test_golden() -> None:
    source = (DATA / "messy.arg").read_text(encoding="utf-8")
    expected = (DATA / "messy.expected.arg").read_text(encoding="utf-8")
    assert format_text(source) == expected
    assert format_text(expected) == expected


def test_golden_keeps_comments_and_model() -> None:
    source = (DATA / "messy.arg").read_text(encoding="utf-8")
    result = format_text(source)
    assert parse_text(result).map == parse_text(source).map
    assert _comments(result) == _comments(source)


def test_attribute_order_and_layout() -> None:
    text = 'claim a "A"\n   supports b\n      tags x\nclaim b "B"   date 2016\n'
    assert format_text(text) == 'claim a "A"\n  tags x\n  supports b\n\nclaim b "B"\n  date 2016\n'


def test_relations_keep_their_order() -> None:
    text = 'claim a "A"\n  attacks c\n  supports b\nclaim b "B"\nclaim c "C"\n'
    out = format_text(text)
    assert out.index("attacks c") < out.index("supports b")


def test_long_text_is_wrapped_and_folds_back() -> None:
    words = " ".join(f"word{i}" for i in range(60))
    out = format_text(f'claim a "{words}"\n')
    assert all(len(line) <= WIDTH for line in out.splitlines())
    assert parse_text(out).map.nodes[0].text == words


def test_paragraphs_and_escapes_survive() -> None:
    text = 'claim a "one \\"two\\"\n\n  back\\\\slash"\n'
    out = format_text(text)
    assert parse_text(out).map.nodes[0].text == 'one "two"\n\nback\\slash'
    assert format_text(out) == out


def test_keyword_used_as_id_stays_id() -> None:
    text = 'claim claim "x"\n  supports tags\nclaim tags "y"\n'
    out = format_text(text)
    assert parse_text(out).map == parse_text(text).map


def test_indented_comment_at_block_end_stays_in_block() -> None:
    text = 'claim a "A"\n  supports b\n  # still about a\nclaim b "B"\n'
    out = format_text(text)
    assert out.index("# still about a") < out.index('claim b "B"')
    assert out.splitlines()[2] == "  # still about a"


def test_syntax_error_raises_with_diagnostics() -> None:
    with pytest.raises(ArgmapSyntaxError) as info:
        format_text((DATA / "broken.arg").read_text(encoding="utf-8"))
    assert info.value.diagnostics[0].span.line == 2


def test_crlf_and_bom() -> None:
    assert format_text('\ufeffclaim a "A"\r\n  tags x\r\n') == 'claim a "A"\n  tags x\n'


# ----------------------------------------------------------------- property

_WORD = st.text(alphabet=st.sampled_from(list('abcxyzé"\\—#,.')), min_size=1, max_size=8)
_TEXT = st.lists(_WORD, min_size=0, max_size=30).map(" ".join)
_COMMENT = st.text(alphabet=st.sampled_from(list("abc #\"'-")), max_size=12).map(lambda s: "#" + s)
_SPACE = st.sampled_from(["", " ", "   ", "\n", "\n\n", "\t"])


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


@st.composite
def _maps(draw: st.DrawFn) -> str:
    parts: list[str] = []

    def comment_or_not() -> str:
        return (" " + draw(_COMMENT)) if draw(st.booleans()) else ""

    def own_line() -> str:
        return (draw(st.sampled_from(["", "  ", "    "])) + draw(_COMMENT) + "\n") if draw(st.booleans()) else ""

    if draw(st.booleans()):
        parts.append(own_line() + f"title {_quote(draw(_TEXT))}{comment_or_not()}\n")
    ids: list[str] = []
    for index in range(draw(st.integers(1, 5))):
        if draw(st.integers(0, 4)) == 0:
            title = draw(_TEXT) or "s"
            parts.append(own_line() + f"section {_quote(title)}{comment_or_not()}\n")
        node_id = f"n{index}"
        kind = draw(st.sampled_from(["claim", "evidence", "thesis", "counter", "hypothesis"]))
        lines = [own_line() + f"{kind} {node_id}{draw(_SPACE) or ' '}{_quote(draw(_TEXT))}{comment_or_not()}"]
        attrs = []
        if draw(st.booleans()):
            attrs.append("tags " + ", ".join(draw(st.lists(st.sampled_from(["x", "y", "z"]), min_size=1, max_size=3))))
        if draw(st.booleans()):
            attrs.append(f"note {_quote(draw(_TEXT))}")
        if draw(st.booleans()):
            attrs.append("date " + draw(st.sampled_from(["2016", "2016-11", "2016-11-26"])))
        if draw(st.booleans()):
            attrs.append("credibility " + draw(st.sampled_from(["low", "medium", "high"])))
        if ids and draw(st.booleans()):
            attrs.append(f"{draw(st.sampled_from(['supports', 'attacks']))} {draw(st.sampled_from(ids))}")
        if len(ids) >= 2 and draw(st.booleans()):
            attrs.append(f"undercuts {ids[0]} -> {ids[1]}")
        if draw(st.booleans()):
            attrs.append(f"cite src §{index} {_quote(draw(_TEXT))}")
        attrs = draw(st.permutations(attrs))
        for attr in attrs:
            lines.append(own_line() + draw(st.sampled_from(["", "  ", "\t"])) + attr + comment_or_not())
        parts.append("\n".join(lines) + draw(st.sampled_from(["\n", "\n\n", "\n\n\n"])))
        ids.append(node_id)
    if draw(st.booleans()):
        parts.append(f"expect n0 accepted{comment_or_not()}\n")
    return "".join(parts) + (draw(_COMMENT) + "\n" if draw(st.booleans()) else "")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_maps())
def test_fmt_is_lossless_and_idempotent(text: str) -> None:
    original = parse_text(text)
    assert not original.diagnostics, text
    once = format_text(text)
    assert parse_text(once).map == original.map
    assert _comments(once) == _comments(text)
    assert format_text(once) == once


# ----------------------------------------------------------------- CLI


def _run(args: list[str], input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args, input=input, standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    return result.return_value, result.output


def test_cli_check_diff_and_write(tmp_path: Path) -> None:
    target = tmp_path / "m.arg"
    shutil.copy(DATA / "messy.arg", target)
    assert _run(["fmt", "--check", str(target)])[0] == 1
    code, output = _run(["fmt", "--diff", str(target)])
    assert code == 0 and "+++ b/" in output
    assert target.read_text(encoding="utf-8") == (DATA / "messy.arg").read_text(encoding="utf-8")
    assert _run(["fmt", str(target)])[0] == 0
    assert target.read_text(encoding="utf-8") == (DATA / "messy.expected.arg").read_text(encoding="utf-8")
    assert _run(["fmt", "--check", str(target)])[0] == 0


def test_cli_syntax_error_leaves_file_untouched(tmp_path: Path) -> None:
    target = tmp_path / "b.arg"
    shutil.copy(DATA / "broken.arg", target)
    before = target.read_bytes()
    code, output = _run(["fmt", str(target)])
    assert code == 1
    assert "E001" in output
    assert target.read_bytes() == before


def test_cli_stdin() -> None:
    code, output = _run(["fmt", "-"], input='claim a   "A"  tags x\n')
    assert code == 0
    assert output.startswith('claim a "A"\n  tags x\n')


@pytest.mark.parametrize("path", sorted(MAPS.glob("*.arg")), ids=lambda p: p.name)
def test_repository_maps_are_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not parse_text(text, str(path)).diagnostics
    once = format_text(text, str(path))
    assert format_text(once, str(path)) == once
    assert _comments(once) == _comments(text)


# ----------------------------------------------------------------- comments anywhere

_SOURCES = [DATA / "messy.arg", Path(__file__).parent / "data" / "interop" / "rich.arg"]


def _tokens(text: str) -> list[str]:
    from argmap.syntax.lalr import token_parser

    return [str(t) for t in token_parser().parse_interactive(text).iter_parse()]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SOURCES), st.data())
def test_comments_between_any_two_tokens(path: Path, data: st.DataObject) -> None:
    """Re-join a real map's tokens with random white space and comments (own-line,
    indented, end-of-line) between any two tokens: fmt keeps the model and every
    comment, and is idempotent."""
    import re

    tokens = _tokens(path.read_text(encoding="utf-8"))
    separators = st.sampled_from([" ", " ", " ", "\n", "\n  ", "\n\n", "  #c{}\n", "\n#c{}\n", "\n    #c{}\n  "])
    parts = [tokens[0]]
    for index, token in enumerate(tokens[1:]):
        parts.append(data.draw(separators).format(index) + token)
    text = "".join(parts) + "\n"
    original = parse_text(text)
    assert not original.diagnostics
    once = format_text(text)
    assert parse_text(once).map == original.map

    def markers(t: str) -> list[str]:
        return sorted(m for c in parse_text(t).map.comments for m in re.findall(r"#c\d+", c.text))

    assert markers(once) == markers(text)
    assert format_text(once) == once


def test_long_lists_break_after_commas() -> None:
    tags = ", ".join(f"tag_number_{i}" for i in range(15))
    out = format_text(f'claim a "x"\n  tags {tags}\n')
    lines = out.splitlines()
    assert len(lines) == 4 and all(len(line) <= WIDTH for line in lines)
    assert lines[2].startswith("      tag_number_5") and lines[1].endswith(",")
    assert parse_text(out).map.nodes[0].tags == tuple(f"tag_number_{i}" for i in range(15))
    assert format_text(out) == out
