"""The line scanner (argmap/syntax/scanner.py) is a fast path for files in the usual
layout. Wherever it accepts a file, its map must equal the LALR parser's, spans
and comments included; it must never accept a file the grammar rejects; and it
must accept the layouts people actually write (else the speed is lost silently)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.model import Map
from argmap.syntax import parse_text, scanner
from argmap.syntax.builder import DocumentBuilder
from argmap.syntax.keywords import (
    ARGUMENT_ATTRIBUTES,
    ARGUMENT_RELATIONS,
    CREDIBILITY_GRADES,
    GRADES,
    LEVELS,
    NODE_ATTRIBUTES,
    NODE_KINDS,
    RELATIONS,
    RELIABILITY_GRADES,
    SOURCE_ATTRIBUTES,
    Shape,
)
from argmap.syntax.parse import parse_lalr
from argmap.syntax.transform import MapTransformer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from gen_map import generate, to_arg  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from fuzzing import mutate_lines as _mutate  # noqa: E402
from profiles import examples  # noqa: E402

CORPUS = sorted(ROOT.glob("maps/*.arg")) + sorted((ROOT / "tests" / "data").rglob("*.arg"))


def _scan(text: str, path: str = "m.arg") -> Map | None:
    """The scanner's map, or None when it gives up."""
    transformer = MapTransformer()
    builder = transformer.builder = DocumentBuilder(path)
    try:
        scanner.scan(text, path, builder, transformer)
    except scanner.NotInLayout:
        return None
    # the scanner's map is parse_text's when it accepts (comments included)
    return parse_text(text, path).map


def _agree(text: str) -> bool:
    """Compare the scanner with the LALR parser; True when the scanner accepted."""
    scanned = _scan(text)
    if scanned is None:
        return False
    lalr = parse_lalr(text, "m.arg", None)
    assert lalr.ok, f"the scanner accepted a file the grammar rejects: {lalr.diagnostics[0].message}"
    assert repr(scanned) == repr(lalr.map)  # repr shows every field, spans included
    assert scanned.comments == lalr.map.comments
    return True


@pytest.mark.parametrize("path", [ROOT / "maps" / "syria_iran_russia.arg"], ids=["essay map"])
def test_repository_map_is_read_by_the_scanner(path: Path) -> None:
    assert _agree(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("nodes,seed", [(300, 1), (1000, 7)])
def test_generated_maps_are_read_by_the_scanner(nodes: int, seed: int) -> None:
    assert _agree(to_arg(generate(nodes, seed=seed)))


def test_parse_text_uses_the_scanner_for_the_usual_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.syntax.parse

    def refuse(*_args: object) -> None:
        raise AssertionError("the LALR parser was used for a file in the usual layout")

    monkeypatch.setattr(argmap.syntax.parse, "parse_lalr", refuse)
    result = parse_text(to_arg(generate(60, seed=3)))
    assert result.ok and len(result.map.nodes) == 60


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_corpus_agrees(path: Path) -> None:
    _agree(path.read_text(encoding="utf-8", errors="replace"))


ACCEPTED = [
    "",
    "   \n\n",
    "# only a comment",
    "claim a \"x\" # trailing comment\r\n  supports b # another\r\n",
    "claim a \"multi\n  line\n\n  paragraph\"\n  tags t1, t2\n  note \"n\"",
    "claim claim \"keyword as id\"\n  supports thesis, evidence weight 0.5",
    "evidence e \"x\"\n  cite s §2 \"q\"\n  cite s p.12\n  cite s \"loc\" \"q\"\n  cite s\n  cite s \"a\nb\" \"c\nd\"",
    "counter c \"x\"\n  undercuts a -> b weight .3\n  rates h CC, h2 NA\n  undercuts a.b->c-d",
    "section \"S\"\nsection \"S\"\nsection id \"T\"\nexpect a accepted under grounded\nexpect b leads",
    "source s \"T\"\n  author \"A\"\n  date 2016-11\n  url \"http://x\"\n  file \"f.txt\"\n  note \"n\"\n"
    "source t \"U\nV\"\nclaim a \"x\"",
    "title \"T\"\ndescription \"D\nE\"\ninclude \"x.arg\"",
    "claim a \"x\"\n  actors Russia, \"Assad\n regime\", Iran # c\n  date 2016\n  credibility low\n  relevance high",
    "claim a \"esc \\\" and \\\\ \"\n  tags ṭaġ, ünï",
    "claim a\t\"x\"\n\tsupports\tb\tweight\t1\n",
    "claim a \"x\"\n  supports b weight 0.5, c, d weight 1",
    "claim a \"x\"\n  expect a accepted",  # blocks may start anywhere on a line
    # the constructs of linked arguments, questions, provenance and grading
    "argument a1 \"joint\"\n  premises p, q\n  supports c (inferred)\n  scheme sign\n  cq alt \"none\"\n"
    "  inferred \"mine\"\n  tags t\n  note \"n\"\n  cite s §2 \"q\"\nargument a2\n  premises c\n  undercuts a1\n",
    "claim c \"x\"\n  credibility 2\n  inferred\n  about q weight 1 (inferred), r\n  answers q (inferred)\n"
    "  undercuts a1 weight 0.5 (inferred)\n  undercuts x -> y (inferred)\n",
    "source s \"T\"\n  reliability B\n  note \"graded\"",
]

DECLINED = [  # valid or not, the scanner leaves these to the LALR parser
    "claim a \"x\"\n  cite s supports\n  b",  # a keyword where a locator could be
    "claim a \"x\"\n  cite s weight\nclaim b \"y\"",
    "claim a \"x\"\n  cite s low \"q\"\nclaim b \"y\"",
    "claim a \"x\" supports b",  # two constructs on one line
    "claim a \"x\"\n  supports b\n  , c",  # a construct continued on the next line
    "claim a\n  \"x\"",
    "source s \"T\"\n  tags x",  # a node attribute in a source
    "title \"T\"\n  supports x",
    "  supports x",
    "claim a \"x\"\f",
    "claim a \"x\"\u00a0\n  tags x",
    "claim a \"x\"\n  tags",
    "claim a x",
    "thesiss a \"x\"",
    "claim a \"never closed",
    "claim a \"x\"\n  date 2016-11-02-01",
    "claim a \"x\"\n  cite s§2",
    "expect a accepted\n  under grounded",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_accepted_layouts_agree(text: str) -> None:
    assert _agree(text)


@pytest.mark.parametrize("text", DECLINED)
def test_other_layouts_are_left_to_the_lalr_parser(text: str) -> None:
    assert _scan(text) is None
    assert repr(parse_text(text, "m.arg")) == repr(parse_lalr(text, "m.arg", None))


def test_mutations_agree() -> None:
    rng = random.Random(13)
    sources = [to_arg(generate(25, seed=5)), (ROOT / "maps" / "syria_iran_russia.arg").read_text(encoding="utf-8")]
    sources += [p.read_text(encoding="utf-8", errors="replace") for p in CORPUS[:8]]
    accepted = 0
    for _ in range(400):
        accepted += _agree(_mutate(rng.choice(sources).split("\n"), rng))
    assert accepted > 50  # the mutations that keep the layout are compared, not only declined


_IDS = st.sampled_from(["a", "b.c", "x-1", "claim", "supports", "low", "weight", "title", "é1", "_u", "CC", "N2"])
_STRINGS = st.sampled_from(['"t"', '"two words"', '"m\nl"', '"e\\"q"', '"# not a comment"', '""', '"a\n\n  b"'])
_GAP = st.sampled_from([" ", "\t", "  "])
_COMMA = st.sampled_from([", ", ",", " , "])
_END = st.sampled_from(["", "", " # note", "\r", "  "])


def _value(draw: st.DrawFn, shape: Shape, g: str) -> str:
    """A value of ``shape`` as a writer might type it (valid or nearly)."""
    mark = st.sampled_from(["", "", f"{g}(inferred)", " (inferred", "(inferred)"])
    if shape is Shape.TARGETS:
        items = [draw(_IDS) + (f"{g}weight{g}{draw(st.sampled_from(['0.5', '1', '.3']))}" if draw(st.booleans())
                               else "") + draw(mark) for _ in range(draw(st.integers(1, 3)))]
        return draw(_COMMA).join(items)
    if shape is Shape.ID:
        return draw(_IDS)
    if shape is Shape.CREDIBILITY:
        return draw(st.sampled_from(LEVELS + CREDIBILITY_GRADES + ("7", "A")))
    if shape is Shape.RELIABILITY:
        return draw(st.sampled_from(RELIABILITY_GRADES + ("G", "1")))
    if shape is Shape.FLAG:
        return draw(st.sampled_from(["", "", draw(_STRINGS)]))
    if shape is Shape.ANSWER:
        return draw(_IDS) + g + draw(_STRINGS)
    if shape is Shape.IDS:
        return draw(_COMMA).join(draw(st.lists(_IDS, min_size=1, max_size=3)))
    if shape is Shape.NAMES:
        return draw(_COMMA).join(draw(st.lists(st.one_of(_IDS, _STRINGS), min_size=1, max_size=3)))
    if shape is Shape.DATE:
        return draw(st.sampled_from(["2016", "2016-11", "2016-11-02", "16-1"]))
    if shape is Shape.LEVEL:
        return draw(st.sampled_from(LEVELS))
    if shape is Shape.TEXT:
        return draw(_STRINGS)
    if shape is Shape.CITATION:
        rest = draw(st.sampled_from(["", "{g}§2", "{g}p.12{g}{s}", "{g}{s}", "{g}{s}{g}{s}", "{s}"]))
        return draw(_IDS) + rest.format(g=g, s=draw(_STRINGS))
    if shape is Shape.LINK:
        link = draw(_IDS) + draw(st.sampled_from([" -> ", "->"])) + draw(_IDS) if draw(st.booleans()) else draw(_IDS)
        return link + draw(mark)
    assert shape is Shape.RATINGS, f"no generator for {shape}: teach this test the new shape"
    return draw(_COMMA).join(f"{draw(_IDS)}{g}{draw(st.sampled_from(GRADES))}" for _ in range(draw(st.integers(1, 3))))


@st.composite
def _attribute(draw: st.DrawFn) -> str:
    """A node attribute or relation line, from the keyword tables."""
    g = draw(_GAP)
    word, shape = draw(st.sampled_from([(a.keyword, a.shape) for a in NODE_ATTRIBUTES]
                                       + [(r.keyword, r.shape) for r in RELATIONS]))
    return (word + g + _value(draw, shape, g)).rstrip()


@st.composite
def _argument_attribute(draw: st.DrawFn) -> str:
    """An argument block's attribute or conclusion line, from the keyword tables."""
    g = draw(_GAP)
    word, shape = draw(st.sampled_from([(a.keyword, a.shape) for a in ARGUMENT_ATTRIBUTES]
                                       + [(r.keyword, r.shape) for r in ARGUMENT_RELATIONS]))
    return (word + g + _value(draw, shape, g)).rstrip()


@st.composite
def _block(draw: st.DrawFn) -> list[str]:
    g = draw(_GAP)
    kind = draw(st.sampled_from(["node", "node", "node", "argument", "source", "section", "expect", "title",
                                 "comment", "blank"]))
    if kind == "argument":
        head = f"argument{g}{draw(_IDS)}" + (f"{g}{draw(_STRINGS)}" if draw(st.booleans()) else "")
        return [head] + ["  " + draw(_argument_attribute()) + draw(_END) for _ in range(draw(st.integers(0, 4)))]
    if kind == "node":
        head = f"{draw(st.sampled_from(NODE_KINDS))}{g}{draw(_IDS)}{g}{draw(_STRINGS)}"
        return [head] + ["  " + draw(_attribute()) + draw(_END) for _ in range(draw(st.integers(0, 4)))]
    if kind == "source":
        attributes = draw(st.lists(st.sampled_from(SOURCE_ATTRIBUTES), max_size=3))
        attrs = [f"  {a.keyword}{g}{_value(draw, a.shape, g)}" for a in attributes]
        return [f"source{g}{draw(_IDS)}{g}{draw(_STRINGS)}"] + attrs
    if kind == "section":
        return [f"section{g}{draw(st.sampled_from(['', 's1 ']))}{draw(_STRINGS)}"]
    if kind == "expect":
        return [f"expect{g}{draw(_IDS)}{g}{draw(st.sampled_from(['accepted', 'leads', 'rejected under stable']))}"]
    if kind == "title":
        return [f"{draw(st.sampled_from(['title', 'description', 'include']))}{g}{draw(_STRINGS)}"]
    return ["# a comment"] if kind == "comment" else [""]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(_block(), max_size=8), st.integers(0, 10**6), st.booleans())
def test_random_maps_agree(blocks: list[list[str]], seed: int, corrupt: bool) -> None:
    lines = [line for block in blocks for line in block]
    if corrupt and lines:
        lines = _mutate(lines, random.Random(seed)).split("\n")
    _agree("\n".join(lines))


@pytest.mark.parametrize("cls_name", ["Node", "Relation", "Citation", "Source", "Rating"])
def test_positional_builder_builds_the_same_frozen_object(cls_name: str) -> None:
    import dataclasses

    import argmap.model as model

    cls = getattr(model, cls_name)
    example = {
        "Node": model.Node("a", model.NodeKind.CLAIM, "t", "s", ("x",), ("A",), model.PartialDate("2016"),
                           model.Level.LOW, None, ("n",), (), (), model.Span("f", 1, 1, 2, 3),
                           model.Span("f", 1, 7, 1, 8), None),
        "Relation": model.Relation(model.RelationKind.SUPPORTS, "a", "b", None, 0.5, model.Span("f", 2, 3, 2, 9)),
        "Citation": model.Citation("src", "§2", "q", model.Span("f", 3, 3, 3, 9)),
        "Source": model.Source("s", "T", author="A"),
        "Rating": model.Rating("h", model.Grade.CONSISTENT, model.Span("f", 1, 1, 1, 4)),
    }[cls_name]
    values = [getattr(example, f.name) for f in dataclasses.fields(cls)]
    built = model.positional_builder(cls)(*values)
    assert type(built) is cls and repr(built) == repr(example) and built == example
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.span = None  # type: ignore[misc]


@pytest.mark.parametrize("text", ['claim a "x"\n  supports b # c\n\n\nclaim b "y\nz"\n', "claim a x\n"])
def test_a_piece_of_a_file_starting_further_down(text: str) -> None:
    """``first_line`` (the language server's pieces) equals padding the text with blank lines."""
    from argmap.syntax import parse_text as parse

    piece = parse(text, "m.arg", first_line=40, section="s")
    padded = parse("\n" * 39 + text, "m.arg", section="s")
    assert repr(piece) == repr(padded)


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
def test_edge_cases_parse_the_same_on_both_paths(text: str) -> None:
    """Whatever the scanner does with a text, parse_text gives the LALR parser's
    model, spans, comments and diagnostics."""
    assert repr(parse_text(text, "m.arg")) == repr(parse_lalr(text.removeprefix("\ufeff"), "m.arg", None))
