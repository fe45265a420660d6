"""What every printed report's drawing pages must satisfy, whatever the map
(argmap.render.print_layout): used by the layout's property test and by the
tests that print real maps."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.render.figures import Figure
from argmap.render.print_layout import MAX_TILES, Piece, Sheet, room

EPS = 0.01


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two rectangles (x0, y0, x1, y1) share any area."""
    return min(a[2], b[2]) - max(a[0], b[0]) > EPS and min(a[3], b[3]) - max(a[1], b[1]) > EPS


def check_sheets(sheets: Sequence[Sheet], drawings: Sequence[Sequence[Figure]], paper: str, first_top: float,
                 min_text: float) -> None:
    """No two pieces of a page overlap; each stays inside its page's drawing
    area (below the room kept on the first page); each drawing is shown
    once, in order, whatever it draws (Figure.ink) on a printed tile, and no
    tile printed with nothing on it; its text is at least ``min_text`` unless
    it says it was scaled down."""
    tiles: dict[int, set[tuple[int, int]]] = {}  # each drawing's printed tiles, by (row, column)
    first: dict[int, Piece] = {}
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
            first.setdefault(piece.figure, piece)
            cell = (round(piece.dy / piece.tile_height), round(piece.dx / piece.tile_width))
            assert cell not in tiles.setdefault(piece.figure, set()), (piece.figure, cell)  # each part once
            tiles[piece.figure].add(cell)
            if not order or order[-1] != piece.figure:
                order.append(piece.figure)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not overlap(a, b), (number, a, b)
    drawn = [i for i, variants in enumerate(drawings) if any(f.width > 0 and f.height > 0 for f in variants)]
    assert order == drawn  # each once, in order
    for index in drawn:  # whatever is drawn is on a printed tile (the empty ones may be left out)
        piece = first[index]
        columns = round(piece.width / piece.tile_width)
        rows = round(piece.height / piece.tile_height)
        assert {p.tiles for s in sheets for p in s.pieces if p.figure == index} == {len(tiles[index])}
        ink = drawings[index][piece.variant].ink
        if len(tiles[index]) > 1:  # and no printed tile is empty
            for row, column in tiles[index]:
                cell = (column * piece.tile_width, row * piece.tile_height, (column + 1) * piece.tile_width,
                        (row + 1) * piece.tile_height)
                assert any(min(cell[2], x1 * piece.scale) >= max(cell[0], x0 * piece.scale) - EPS
                           and min(cell[3], y1 * piece.scale) >= max(cell[1], y0 * piece.scale) - EPS
                           for x0, y0, x1, y1 in ink), (index, row, column)
        for x0, y0, x1, y1 in ink:
            row_cells = _cells(y0 * piece.scale, y1 * piece.scale, piece.tile_height, rows)
            column_cells = _cells(x0 * piece.scale, x1 * piece.scale, piece.tile_width, columns)
            for row_choice in row_cells:
                for column_choice in column_cells:  # of each choice, one tile at least
                    assert any((r, c) in tiles[index] for r in row_choice for c in column_choice), (index, row_choice,
                                                                                                 column_choice)


def _cells(low: float, high: float, step: float, count: int) -> list[list[int]]:
    """The cells (``count`` of them, ``step`` long) that [low, high] reaches
    into, each a choice of one: ``[[2], [3]]`` needs cells 2 and 3; a box
    lying on the line between cells 2 and 3 gives ``[[2, 3]]``, either one."""
    first = int((low + EPS) // step)
    last = int((high - EPS) // step)
    if last < first:  # on (or within EPS of) a line
        return [[c for c in (first - 1, first) if 0 <= c < count] or [min(max(first, 0), count - 1)]]
    return [[c] for c in range(max(0, first), min(count - 1, last) + 1)]
