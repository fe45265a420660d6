"""The printed report's page geometry (argmap.render.print_layout), on
drawings of random sizes: pieces never overlap and stay on their page, each
drawing is shown once and in full, in order; plus the choices it makes
(sharing, turning, tiling, the largest text)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.render.figures import Figure, ink_boxes
from argmap.render.print_layout import (
    COMFORT_PT,
    HEADING,
    MAX_TILES,
    MIN_TEXT_PT,
    PAPERS,
    lay_out,
    room,
    title_width,
)

sys.path.insert(0, str(Path(__file__).parent))
from print_checks import check_sheets, overlap

Variant = tuple[float, float, float, Sequence[tuple[float, float, float, float]] | None]


def figure(key: str, width: float, height: float, font: float = 14.0, title: str = "A section",
           shapes: Sequence[tuple[float, float, float, float]] | None = None) -> Figure:
    """A drawing of that size; ``shapes`` (x, y, width, height as fractions of
    it) drawn as Graphviz draws, else no SVG to read (ink everywhere)."""
    if shapes is None:
        return Figure(key, title, "<svg/>", width, height, font, ())
    polygons = "".join(
        f'<polygon fill="#fff2b3" stroke="#8a6d00" points="{x * width:.2f},{y * height - height:.2f} '
        f'{(x + w) * width:.2f},{(y + h) * height - height:.2f}"/>\n' for x, y, w, h in shapes)
    svg = (f'<svg width="{width:.2f}pt" height="{height:.2f}pt" viewBox="0.00 0.00 {width:.2f} {height:.2f}">\n'
           f'<g id="argmap" class="graph" transform="scale(1 1) rotate(0) translate(0 {height:.2f})">\n'
           f'<polygon fill="white" stroke="none" points="0,0 0,{-height:.2f} {width:.2f},{-height:.2f}"/>\n'
           f"{polygons}</g></svg>")
    return Figure(key, title, svg, width, height, font, ())


fraction = st.floats(0, 1)
shape = st.tuples(fraction, fraction, st.floats(0, 0.3), st.floats(0, 0.3))
variant = st.tuples(st.floats(10, 6000), st.floats(10, 6000), st.sampled_from([5.0, 8.0, 11.0, 14.0]),
                    st.one_of(st.none(), st.lists(shape, min_size=1, max_size=6)))
titles = st.text(alphabet="abcdefghij ", min_size=0, max_size=120)
drawing = st.tuples(st.lists(variant, min_size=1, max_size=4), titles)


@settings(max_examples=80, deadline=None)
@given(st.lists(drawing, min_size=1, max_size=9), st.sampled_from(sorted(PAPERS)), st.sampled_from([0.0, 60.0, 120.0]),
       st.sampled_from([5.0, 7.0, 9.0]), st.one_of(st.none(), st.integers(1, 30)))
def test_pieces_never_overlap_and_stay_on_their_page(drawings: list[tuple[list[Variant], str]],
                                                    paper: str, first_top: float, min_text: float,
                                                    max_pages: int | None) -> None:
    figures = [[figure(f"s{i}", w, h, font, title, shapes) for w, h, font, shapes in variants]
               for i, (variants, title) in enumerate(drawings)]
    sheets = lay_out(figures, paper, first_top=first_top, min_text=min_text, max_pages=max_pages)
    check_sheets(sheets, figures, paper, first_top, min_text)
    fewest = len(lay_out(figures, paper, first_top=first_top, min_text=min_text))
    if max_pages is not None:  # at most that many pages, or the fewest when they do not suffice
        assert len(sheets) <= max(max_pages, fewest)
    else:
        assert len(sheets) == fewest


def test_overlap_of_rectangles() -> None:
    assert overlap((0, 0, 10, 10), (5, 5, 15, 15))
    assert not overlap((0, 0, 10, 10), (10, 0, 20, 10))  # touching is not overlapping
    assert not overlap((0, 0, 10, 10), (0, 11, 10, 20))


def test_small_drawings_share_a_page_at_a_comfortable_size() -> None:
    drawings = [[figure("a", 300, 200)], [figure("b", 280, 240)], [figure("c", 200, 100)]]
    sheets = lay_out(drawings, "a4", min_text=MIN_TEXT_PT)
    assert len(sheets) == 1 and len(sheets[0].pieces) == 3
    assert all(p.text_pt == COMFORT_PT for p in sheets[0].pieces)  # not blown up past 10 pt
    check_sheets(sheets, drawings, "a4", 0.0, MIN_TEXT_PT)


def test_the_variant_and_orientation_that_fill_the_page() -> None:
    """A wide drawing goes on a landscape page, a tall one on a portrait page;
    of two variants the one printed larger is taken."""
    wide = lay_out([[figure("w", 1400, 500)]], "a4")
    tall = lay_out([[figure("t", 500, 1400)]], "a4")
    assert len(wide) == len(tall) == 1 and wide[0].landscape and not tall[0].landscape
    both = lay_out([[figure("w", 1500, 150), figure("t", 700, 950)]], "a4")
    piece = both[0].pieces[0]
    assert piece.variant == 1 and not both[0].landscape
    assert piece.text_pt > lay_out([[figure("w", 1500, 150)]], "a4")[0].pieces[0].text_pt


def test_a_big_drawing_is_cut_into_page_sized_tiles() -> None:
    drawings = [[figure("big", 9000, 900)]]  # at 7 pt 4500 x 450 pt: 7 landscape pages (9 portrait)
    sheets = lay_out(drawings, "letter", min_text=7.0)
    width, height = room("letter", True)
    assert len(sheets) == 7 and all(s.landscape for s in sheets)
    assert [p.tile for s in sheets for p in s.pieces] == [1, 2, 3, 4, 5, 6, 7]
    assert all(p.tile_width <= width and p.tile_height + HEADING <= height for s in sheets for p in s.pieces)
    check_sheets(sheets, drawings, "letter", 0.0, 7.0)


def test_the_empty_tiles_of_a_big_drawing_are_left_out() -> None:
    """Ink only in two opposite corners of a drawing 7 pages wide: 2 pages,
    "part 1 of 2" and "part 2 of 2"."""
    drawings = [[figure("corners", 9000, 900, shapes=[(0.0, 0.0, 0.02, 0.2), (0.97, 0.8, 0.03, 0.2)])]]
    sheets = lay_out(drawings, "letter", min_text=7.0)
    assert [(p.tile, p.tiles) for s in sheets for p in s.pieces] == [(1, 2), (2, 2)]
    assert sheets[0].pieces[0].dx == 0.0 and sheets[1].pieces[0].dx > 0.8 * sheets[1].pieces[0].width
    check_sheets(sheets, drawings, "letter", 0.0, 7.0)


def test_the_ink_of_a_real_drawing() -> None:
    """Every node's box in a drawing argmap made is found, inside the drawing."""
    from argmap.api import load
    from argmap.render.document import build_document
    from argmap.render.outline import build_outline
    from argmap.render.print_drawings import print_variants

    small = Path(__file__).parent / "data" / "outline" / "small.arg"
    for drawn in print_variants(build_document(build_outline(load(small)))):
        for figure in drawn:
            ink = ink_boxes(figure.svg, figure.width, figure.height)
            assert len(ink) >= figure.svg.count('class="node')
            assert all(-80 <= x0 <= x1 <= figure.width + 80 and -1 <= y0 <= y1 <= figure.height + 1
                       for x0, y0, x1, y1 in ink)  # texts are guessed generously
            assert figure.ink == ink


def test_a_huge_drawing_is_scaled_down_and_says_so() -> None:
    drawings = [[figure("huge", 200000, 200000)]]
    sheets = lay_out(drawings, "a4", min_text=7.0)
    assert len(sheets) <= MAX_TILES and all(p.shrunk and p.text_pt < 7.0 for s in sheets for p in s.pieces)
    check_sheets(sheets, drawings, "a4", 0.0, 7.0)


def test_pages_to_spare_print_larger() -> None:
    drawings = [[figure(f"s{i}", 900, 700)] for i in range(4)]
    fewest = lay_out(drawings, "a4", min_text=5.0)
    more = lay_out(drawings, "a4", min_text=5.0, max_pages=len(fewest) + 3)
    assert len(more) > len(fewest)
    assert min(p.text_pt for s in more for p in s.pieces) > min(p.text_pt for s in fewest for p in s.pieces)


def test_a_long_title_keeps_its_room() -> None:
    """Two small drawings with long titles side by side: the title lines do not run into each other."""
    long = "a very long section title " * 3
    drawings = [[figure("a", 80, 60, title=long)], [figure("b", 80, 60, title=long)]]
    sheets = lay_out(drawings, "a4")
    check_sheets(sheets, drawings, "a4", 0.0, MIN_TEXT_PT)
    assert all(p.box_width >= min(title_width(long), room("a4", s.landscape)[0]) - 0.01
               for s in sheets for p in s.pieces)


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_nothing_to_draw(paper: str) -> None:
    assert lay_out([], paper) == []
    assert lay_out([[figure("empty", 0, 0)]], paper) == []
