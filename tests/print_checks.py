"""What every printed report's drawing pages must satisfy, whatever the map
(argmap.render.print_layout): used by the layout's property test and by the
tests that print real maps."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.render.figures import Figure
from argmap.render.print_layout import MAX_TILES, Sheet, room

EPS = 0.01


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two rectangles (x0, y0, x1, y1) share any area."""
    return min(a[2], b[2]) - max(a[0], b[0]) > EPS and min(a[3], b[3]) - max(a[1], b[1]) > EPS


def check_sheets(sheets: Sequence[Sheet], drawings: Sequence[Sequence[Figure]], paper: str, first_top: float,
                 min_text: float) -> None:
    """No two pieces of a page overlap; each stays inside its page's drawing
    area (below the room kept on the first page); each drawing is shown
    once, in full (its tiles cover it exactly), in order; its text is at least
    ``min_text`` unless it says it was scaled down."""
    shown: dict[int, float] = {}
    whole: dict[int, float] = {}
    order: list[int] = []
    for number, sheet in enumerate(sheets):
        width, height = room(paper, sheet.landscape)
        top = first_top if number == 0 else 0.0
        assert sheet.top == top
        boxes = [piece.box for piece in sheet.pieces]
        for piece, box in zip(sheet.pieces, boxes, strict=True):
            assert box[0] >= -EPS and box[1] >= top - EPS, (number, piece)
            assert box[2] <= width + EPS and box[3] <= height + EPS, (number, piece, width, height)
            assert piece.tile_width <= piece.box_width + EPS
            assert piece.text_pt >= min_text - 0.051 or piece.shrunk, piece
            assert 1 <= piece.tile <= piece.tiles <= MAX_TILES
            figure = drawings[piece.figure][piece.variant]
            font = figure.min_font if figure.min_font > 0 else 10.0
            assert abs(piece.scale * font - piece.text_pt) <= 0.051  # the variant it names, at the size it says
            assert abs(piece.width - figure.width * piece.scale) <= EPS
            assert abs(piece.height - figure.height * piece.scale) <= EPS
            assert piece.dx + piece.tile_width <= piece.width + EPS and piece.dy + piece.tile_height <= piece.height + EPS
            shown[piece.figure] = shown.get(piece.figure, 0.0) + piece.tile_width * piece.tile_height
            whole[piece.figure] = piece.width * piece.height
            if not order or order[-1] != piece.figure:
                order.append(piece.figure)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not overlap(a, b), (number, a, b)
    drawn = [i for i, variants in enumerate(drawings) if any(f.width > 0 and f.height > 0 for f in variants)]
    assert order == drawn  # each once, in order
    for index in drawn:
        assert abs(shown[index] - whole[index]) <= 1e-6 * whole[index] + EPS, index
