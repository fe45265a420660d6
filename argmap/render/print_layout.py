"""Where a printed report's drawings go: pure page geometry, in points.

Each drawing is scaled so that its smallest text is at least ``MIN_TEXT_PT``
(and at most ``COMFORT_PT``: a small drawing is not blown up to fill a page);
it goes on a landscape page unless a portrait page takes fewer pages. A
drawing that fits a page shares one with others (left to right, then row
under row; the first page of its orientation with room for it); one that
does not is cut into page-sized tiles (the last row and column what is
left), placed in reading order. A drawing that would need more than
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
    shrunk: bool  # below the smallest text asked for, to stay within MAX_TILES pages
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


def _fit(figure: Figure, paper: str, landscape: bool, min_text: float = MIN_TEXT_PT) -> _Fit:
    room_w, room_h = room(paper, landscape)
    font = figure.min_font if figure.min_font > 0 else 10.0
    least, comfort = min_text / font, max(COMFORT_PT, min_text) / font
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


def best_fit(figure: Figure, paper: str = "a4", prefer_landscape: bool = True,
             min_text: float = MIN_TEXT_PT) -> _Fit:
    """Landscape, unless portrait takes fewer pages (or as many, when
    ``prefer_landscape`` is False: the page before is portrait)."""
    landscape = _fit(figure, paper, True, min_text)
    portrait = _fit(figure, paper, False, min_text)
    if portrait.pages < landscape.pages or (portrait.pages == landscape.pages and not prefer_landscape):
        return portrait
    return landscape


def pages_for(figure: Figure, paper: str = "a4", min_text: float = MIN_TEXT_PT) -> tuple[int, float]:
    """The pages a drawing takes on its own, and the share of them it covers."""
    fit = best_fit(figure, paper, min_text=min_text)
    room_w, room_h = room(paper, fit.landscape)
    return fit.pages, figure.width * figure.height * fit.scale ** 2 / (room_w * room_h)


def _orient(figures: Sequence[Figure], paper: str, min_text: float) -> dict[int, _Fit]:
    """Each drawing's fit: the orientation that takes fewer pages; a drawing
    that takes one page either way turns like its neighbours (the one before,
    else the one after), so that it can share their page."""
    both = [(_fit(f, paper, True, min_text), _fit(f, paper, False, min_text)) for f in figures]
    fixed: list[_Fit | None] = [None if land.pages == port.pages == 1 else best_fit(f, paper, min_text=min_text)
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
    """Where a piece of this size fits on ``sheet``: beside the last one in its
    row, or in a new row below; None when it does not."""
    if width > room_w + 0.01:
        return None
    if not sheet.pieces:
        return (0.0, sheet.top) if sheet.top + HEADING + height <= room_h + HEADING else None
    last = sheet.pieces[-1]
    row_top = last.y
    row_h = max(HEADING + p.tile_height for p in sheet.pieces if p.y == row_top)
    if last.x + last.tile_width + GAP + width <= room_w and row_top + HEADING + height <= room_h + HEADING:
        return last.x + last.tile_width + GAP, row_top
    below = row_top + row_h + GAP
    if below + HEADING + height <= room_h + HEADING:
        return 0.0, below
    return None


def _ways(figure: Figure, paper: str, prefer_landscape: bool, min_text: float) -> list[_Fit]:
    """The one-page fits of a drawing, best first: its orientation (the one
    preferred first), at a comfortable size, then at the smallest legible one."""
    font = figure.min_font if figure.min_font > 0 else 10.0
    found = []
    for landscape in (prefer_landscape, not prefer_landscape):
        fit = _fit(figure, paper, landscape, min_text)
        if fit.pages == 1:
            found.append(fit)
            least = min_text / font
            if least < fit.scale:
                found.append(_Fit(landscape, least, 1, 1, False))
    return found


def lay_out(figures: Sequence[Figure], paper: str = "a4", first_top: float = 0.0,
            min_text: float = MIN_TEXT_PT) -> list[Sheet]:
    """The pages of drawings (see the module docstring). A drawing that fits a
    page goes on the first page with room for it, turned and at the smallest
    legible size if need be (so a small one may fill a gap an earlier page
    left); else a new page. A drawing cut into tiles fills pages in reading
    order, its tiles side by side when they fit (a tall, narrow drawing prints
    as columns). ``first_top``: room kept at the top of the first page."""
    sheets: list[Sheet] = []

    def new_sheet(landscape: bool) -> Sheet:
        sheet = Sheet(landscape, top=0.0 if sheets else first_top)
        sheets.append(sheet)
        return sheet

    fits = _orient([f for f in figures if f.width > 0 and f.height > 0], paper, min_text)
    for index, figure in enumerate(figures):
        if figure.width <= 0 or figure.height <= 0:
            continue
        fit = fits[id(figure)]
        if fit.pages == 1:
            placed = False
            for way in _ways(figure, paper, fit.landscape, min_text):
                room_w, room_h = room(paper, way.landscape)
                width, height = figure.width * way.scale, figure.height * way.scale
                for sheet in sheets:
                    spot = _place(sheet, width, height, room_w, room_h) if sheet.landscape == way.landscape else None
                    if spot is not None:
                        sheet.pieces.append(Piece(index, spot[0], spot[1], way.scale, width, height, 0.0, 0.0, width,
                                                  height, 1, 1, False, round(figure.min_font * way.scale, 1)))
                        placed = True
                        break
                if placed:
                    break
            if placed:
                continue
        room_w, room_h = room(paper, fit.landscape)
        width, height = figure.width * fit.scale, figure.height * fit.scale
        text_pt = round(figure.min_font * fit.scale, 1)
        # page-sized tiles, the last row and column what is left (a small rest may share a page)
        widths = [min(room_w, width - c * room_w) for c in range(fit.columns)]
        heights = [min(room_h, height - r * room_h) for r in range(fit.rows)]
        for row, tile_h in enumerate(heights):
            for column, tile_w in enumerate(widths):
                same = sheets[-1] if sheets and sheets[-1].landscape == fit.landscape else None
                spot = _place(same, tile_w, tile_h, room_w, room_h) if same is not None and fit.pages > 1 else None
                target = same
                while spot is None or target is None:  # a new page (twice, when the legend leaves too little room)
                    target = new_sheet(fit.landscape)
                    spot = _place(target, tile_w, tile_h, room_w, room_h)
                target.pieces.append(Piece(
                    index, spot[0], spot[1], fit.scale, width, height, column * room_w, row * room_h, tile_w, tile_h,
                    row * fit.columns + column + 1, fit.pages, fit.shrunk, text_pt))
    return _merge(sheets, figures, paper, min_text)


def _merge(sheets: list[Sheet], figures: Sequence[Figure], paper: str, min_text: float) -> list[Sheet]:
    """Pages of whole drawings that can share one page (either way round, at
    the smallest legible size) do: each page is offered the drawings of the
    pages after it, first come first placed."""
    merged: list[Sheet] = []
    for sheet in sheets:
        whole = all(p.tiles == 1 for p in sheet.pieces)
        for earlier in merged:
            if not whole or any(p.tiles > 1 for p in earlier.pieces):
                continue
            together = _repack(earlier.pieces + sheet.pieces, figures, paper, earlier.top, min_text)
            if together is not None:
                earlier.landscape, earlier.pieces = together.landscape, together.pieces
                break
        else:
            merged.append(sheet)
    return merged


def _repack(pieces: list[Piece], figures: Sequence[Figure], paper: str, top: float,
            min_text: float) -> Sheet | None:
    """These whole drawings on one page, at their sizes or the smallest legible
    ones, landscape or portrait; None when they do not fit."""
    for landscape in (True, False):
        room_w, room_h = room(paper, landscape)
        for smallest in (False, True):
            sheet = Sheet(landscape, top=top)
            for piece in pieces:
                figure = figures[piece.figure]
                font = figure.min_font if figure.min_font > 0 else 10.0
                scale = min_text / font if smallest else piece.scale
                width, height = figure.width * scale, figure.height * scale
                spot = _place(sheet, width, height, room_w, room_h)
                if spot is None:
                    break
                sheet.pieces.append(Piece(piece.figure, spot[0], spot[1], scale, width, height, 0.0, 0.0, width,
                                          height, 1, 1, False, round(font * scale, 1)))
            else:
                return sheet
    return None
