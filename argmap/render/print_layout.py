"""Where a printed report's drawings go: pure page geometry, in points.

Each drawing is scaled so that its smallest text is at least ``MIN_TEXT_PT``
(and at most ``COMFORT_PT``: a small drawing is not blown up to fill a page);
it goes on a landscape page unless a portrait page takes fewer pages. A
drawing that fits a page shares one with others (left to right, then row
under row; the first page of its orientation with room for it); one that
does not is cut into even, page-sized tiles, a page each. A drawing that would need more than
``MAX_TILES`` pages even so is scaled down to that many (and says so).

    sheets = lay_out(figures, paper="a4")     # [Sheet(landscape, pieces)]
    pages_for(figure, paper)                  # how many pages one drawing takes
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from argmap.render.figures import Figure

__all__ = ["COMFORT_PT", "MAX_TILES", "MIN_TEXT_PT", "PAPERS", "Piece", "Sheet", "lay_out", "pages_for"]

# paper -> (width, height) in points, portrait
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MIN_TEXT_PT = 7.0  # no text in a printed drawing is smaller
COMFORT_PT = 9.0  # a small drawing is printed with its smallest text this size, not larger
MARGIN = 34.0  # a drawing page's margin (12 mm)
FOOTER = 22.0  # room for the footer above the bottom margin
HEADING = 22.0  # a drawing's title line above it
GAP = 12.0  # between drawings on one page
MAX_TILES = 24


@dataclass(frozen=True)
class Piece:
    """A drawing, or one tile of it, at (x, y) in a page's drawing area."""

    figure: int  # index into the figures
    x: float
    y: float  # the top of its title line
    scale: float
    width: float  # the whole drawing at this scale
    height: float
    dx: float  # the tile's offset into the drawing (0, 0 when not cut)
    dy: float
    tile_width: float
    tile_height: float
    tile: int  # 1-based, of ``tiles``
    tiles: int
    shrunk: bool  # below MIN_TEXT_PT to stay within MAX_TILES pages
    text_pt: float  # its smallest text, printed


@dataclass
class Sheet:
    landscape: bool
    pieces: list[Piece] = field(default_factory=list)
    top: float = 0.0  # room kept above the drawings (the first page's chapter title and legend)


def room(paper: str, landscape: bool) -> tuple[float, float]:
    """The drawing area of a page (without the title line above a drawing)."""
    width, height = PAPERS[paper]
    if landscape:
        width, height = height, width
    return width - 2 * MARGIN, height - 2 * MARGIN - FOOTER - HEADING


@dataclass(frozen=True)
class _Fit:
    landscape: bool
    scale: float
    columns: int
    rows: int
    shrunk: bool

    @property
    def pages(self) -> int:
        return self.columns * self.rows


def _fit(figure: Figure, paper: str, landscape: bool) -> _Fit:
    room_w, room_h = room(paper, landscape)
    font = figure.min_font if figure.min_font > 0 else 10.0
    least, comfort = MIN_TEXT_PT / font, COMFORT_PT / font
    scale = max(least, min(room_w / figure.width, room_h / figure.height, comfort))
    columns = math.ceil(figure.width * scale / room_w - 1e-9)
    rows = math.ceil(figure.height * scale / room_h - 1e-9)
    shrunk = False
    if columns * rows > MAX_TILES:
        scale *= math.sqrt(MAX_TILES / (columns * rows))
        shrunk = True
        while True:  # the ceilings may still give one row or column too many: a little smaller
            columns = math.ceil(figure.width * scale / room_w - 1e-9)
            rows = math.ceil(figure.height * scale / room_h - 1e-9)
            if columns * rows <= MAX_TILES:
                break
            scale *= 0.97
    return _Fit(landscape, scale, max(columns, 1), max(rows, 1), shrunk)


def best_fit(figure: Figure, paper: str = "a4", prefer_landscape: bool = True) -> _Fit:
    """Landscape, unless portrait takes fewer pages (or as many, when
    ``prefer_landscape`` is False: the page before is portrait)."""
    landscape = _fit(figure, paper, True)
    portrait = _fit(figure, paper, False)
    if portrait.pages < landscape.pages or (portrait.pages == landscape.pages and not prefer_landscape):
        return portrait
    return landscape


def pages_for(figure: Figure, paper: str = "a4") -> tuple[int, float]:
    """The pages a drawing takes on its own, and the share of them it covers."""
    fit = best_fit(figure, paper)
    room_w, room_h = room(paper, fit.landscape)
    return fit.pages, figure.width * figure.height * fit.scale ** 2 / (room_w * room_h)


def _orient(figures: Sequence[Figure], paper: str) -> dict[int, _Fit]:
    """Each drawing's fit: the orientation that takes fewer pages; a drawing
    that takes one page either way turns like its neighbours (the one before,
    else the one after), so that it can share their page."""
    both = [(_fit(f, paper, True), _fit(f, paper, False)) for f in figures]
    fixed: list[_Fit | None] = [None if land.pages == port.pages == 1 else best_fit(f, paper)
                                for f, (land, port) in zip(figures, both)]
    chosen: dict[int, _Fit] = {}
    for i, figure in enumerate(figures):
        fit = fixed[i]
        if fit is None:
            before = next((f for f in reversed(fixed[:i]) if f is not None), None)
            after = next((f for f in fixed[i + 1:] if f is not None), None)
            near = before or after
            fit = both[i][0] if near is None or near.landscape else both[i][1]
        chosen[id(figure)] = fit
    return chosen


def _place(sheet: Sheet, width: float, height: float, room_w: float, room_h: float) -> tuple[float, float] | None:
    """Where a drawing of this size fits on ``sheet``: beside the last one in
    its row, or in a new row below; None when it does not."""
    if not sheet.pieces:
        return (0.0, sheet.top) if sheet.top + HEADING + height <= room_h + HEADING else None
    if sheet.pieces[-1].tiles > 1:
        return None
    last = sheet.pieces[-1]
    row_top = last.y
    row_h = max(HEADING + p.height for p in sheet.pieces if p.y == row_top)
    if last.x + last.width + GAP + width <= room_w and HEADING + height <= room_h + HEADING - row_top:
        return last.x + last.width + GAP, row_top
    below = row_top + row_h + GAP
    if below + HEADING + height <= room_h + HEADING:
        return 0.0, below
    return None


def lay_out(figures: Sequence[Figure], paper: str = "a4", first_top: float = 0.0) -> list[Sheet]:
    """The pages of drawings (see the module docstring). A drawing that fits a
    page goes on the first page of its orientation with room for it (so a
    small one may fill a gap an earlier page left). ``first_top``: room kept
    at the top of the first page."""
    sheets: list[Sheet] = []

    def new_sheet(landscape: bool) -> Sheet:
        sheet = Sheet(landscape, top=0.0 if sheets else first_top)
        sheets.append(sheet)
        return sheet

    fits = _orient([f for f in figures if f.width > 0 and f.height > 0], paper)
    for index, figure in enumerate(figures):
        if figure.width <= 0 or figure.height <= 0:
            continue
        fit = fits[id(figure)]
        room_w, room_h = room(paper, fit.landscape)
        width, height = figure.width * fit.scale, figure.height * fit.scale
        text_pt = round(figure.min_font * fit.scale, 1)
        if fit.pages == 1:
            spot = None
            for sheet in sheets:
                if sheet.landscape == fit.landscape:
                    spot = _place(sheet, width, height, room_w, room_h)
                    if spot is not None:
                        break
            while spot is None:  # a new page (twice, when the first page's legend leaves too little room)
                sheet = new_sheet(fit.landscape)
                spot = _place(sheet, width, height, room_w, room_h)
            sheet.pieces.append(Piece(index, spot[0], spot[1], fit.scale, width, height, 0.0, 0.0, width, height,
                                      1, 1, fit.shrunk, text_pt))
            continue
        tile_w, tile_h = width / fit.columns, height / fit.rows
        if not sheets and first_top > 0:
            new_sheet(fit.landscape)  # the chapter title and legend on a page of their own: tiles are page-sized
        for row in range(fit.rows):
            for column in range(fit.columns):
                new_sheet(fit.landscape).pieces.append(Piece(
                    index, 0.0, 0.0, fit.scale, width, height, column * tile_w, row * tile_h, tile_w, tile_h,
                    row * fit.columns + column + 1, fit.pages, fit.shrunk, text_pt))
    return sheets
