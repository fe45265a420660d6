"""Where a printed report's drawings go: pure page geometry, in points.

Each drawing comes in a few variants (directions and wrap widths, see
argmap.render.pdf.print_variants). The drawings keep their order. A page
holds one drawing or a few consecutive ones, in rows (left to right, rows top
to bottom), all with the same text size: the largest that fits, from
``min_text`` up to ``COMFORT_PT`` (a small drawing is not blown up to fill a
page). Which drawings share a page, which variant each uses and whether the
page is landscape or portrait are chosen together, by dynamic programming
over the sequence: the fewest pages first, then the largest smallest text.

A drawing too big for one page at ``min_text`` is cut into equal page-sized
tiles, one per page (the variant and orientation with the fewest); a tile
with nothing drawn on it (``Figure.ink``) is left out; a drawing that would
need more than ``MAX_TILES`` pages even so is scaled down (and says so).

Every piece keeps a box on its page: its title line (``HEADING`` high, as
wide as ``title_width`` estimates its title) above its drawing or tile. Boxes
never overlap and stay inside ``room(paper, landscape)`` (below the room kept
at the top of the first page for the legend).

    sheets = lay_out([[figure_lr, figure_bt], [figure]], paper="a4")   # [Sheet(landscape, pieces)]
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from argmap.render.figures import Figure

__all__ = ["COMFORT_PT", "GAP", "HEADING", "MAX_SHARE", "MAX_TILES", "MIN_TEXT_PT", "PAPERS", "Piece", "Sheet",
           "lay_out", "room", "tile_note", "title_width"]

# paper -> (width, height) in points, portrait
PAPERS = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MIN_TEXT_PT = 7.0  # no text in a printed drawing is smaller
COMFORT_PT = 10.0  # a small drawing is printed with its smallest text this size, not larger
MARGIN = 28.0  # a drawing page's margin (10 mm)
FOOTER = 22.0  # room for the footer above the bottom margin
HEADING = 22.0  # a drawing's title line above it
GAP = 12.0  # between drawings on one page
MAX_TILES = 24
MAX_SHARE = 4  # drawings on one page, at most
TITLE_PT = 10.0  # the title line's size (templates/report.typ.j2)
NOTE_PT = 7.0  # its note ("part 1 of 2"), small print


@dataclass(frozen=True)
class Piece:
    """A drawing, or one tile of it, at (x, y) in a page's drawing area: its
    title line on top, the drawing (or tile) below it."""

    figure: int  # index into the drawings
    variant: int  # which of its variants
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
    box_width: float  # the width it keeps: its tile's, or its title line's when wider

    @property
    def note(self) -> str:
        """What its title line adds (``tile_note``)."""
        rows, columns = round(self.height / self.tile_height), round(self.width / self.tile_width)
        return tile_note(self.tile, self.tiles, self.shrunk, self.text_pt, round(self.dy / self.tile_height) + 1, rows,
                         round(self.dx / self.tile_width) + 1, columns)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """x0, y0, x1, y1 of what it covers (title line included)."""
        return self.x, self.y, self.x + self.box_width, self.y + HEADING + self.tile_height


@dataclass
class Sheet:
    landscape: bool
    pieces: list[Piece] = field(default_factory=list)
    top: float = 0.0  # room kept above the drawings (the first page's chapter title and legend)


def room(paper: str, landscape: bool) -> tuple[float, float]:
    """The drawing area of a page, title lines included."""
    width, height = PAPERS[paper]
    if landscape:
        width, height = height, width
    return width - 2 * MARGIN, height - 2 * MARGIN - FOOTER


def title_width(title: str, note: str = "") -> float:
    """A generous estimate of the width of a drawing's title line: its number
    (up to 6 characters), its title in bold, and its note in small print
    (``tile_note``). The template clips the line to the box kept for it, so a
    wrong guess cuts a title, never overlaps."""
    width = (len(" ".join(title.split())) + 7) * TITLE_PT * 0.56
    return width + (len(note) * NOTE_PT * 0.55 + 1.5 * TITLE_PT if note else 0.0)


def tile_note(tile: int, tiles: int, shrunk: bool, text_pt: float, row: int = 1, rows: int = 1, column: int = 1,
              columns: int = 1) -> str:
    """What the title line of a tile (or of a drawing scaled down) adds:
    which part it is, where in the drawing when the drawing is cut both ways,
    and the size of its text when scaled down ("" for a whole drawing)."""
    parts = []
    if tiles > 1:
        where = f", row {row} of {rows}, column {column} of {columns}" if rows > 1 and columns > 1 else ""
        parts.append(f"part {tile} of {tiles}{where}")
    if shrunk:
        parts.append(f"scaled down to fit, text {text_pt:g} pt (argmap render draws it in full)")
    return "; ".join(parts)


# ------------------------------------------------------------------ shapes


@dataclass(frozen=True)
class _Shape:
    """A variant of a drawing per point of its smallest text: at text size t
    it is ``a * t`` wide and ``b * t`` high."""

    variant: int
    a: float
    b: float
    ink: tuple[tuple[float, float, float, float], ...] = ()  # Figure.ink, per point of text

    def cells(self, columns: int, rows: int) -> list[tuple[int, int]]:
        """The (row, column) tiles of a ``columns`` x ``rows`` cut that show
        something (Figure.ink), in reading order; every tile when ink is unknown."""
        if not self.ink:
            return [(r, c) for r in range(rows) for c in range(columns)]
        width, height = self.a / columns, self.b / rows
        found: set[tuple[int, int]] = set()
        for x0, y0, x1, y1 in self.ink:
            first_c, last_c = _span(x0, x1, width, columns)
            first_r, last_r = _span(y0, y1, height, rows)
            found.update((r, c) for r in range(first_r, last_r + 1) for c in range(first_c, last_c + 1))
        return sorted(found)


def _span(low: float, high: float, step: float, count: int) -> tuple[int, int]:
    """The first and last of ``count`` cells ``step`` long that [low, high]
    touches (a box on the line between two cells counts for both)."""
    first = min(count - 1, max(0, math.floor(low / step - 1e-6)))
    last = min(count - 1, max(0, math.ceil(high / step + 1e-6) - 1))
    return first, max(first, last)


def _shapes(drawn: Sequence[Figure]) -> list[_Shape]:
    """The variants worth trying: none both wider and higher than another."""
    shapes = []
    for index, figure in enumerate(drawn):
        if figure.width > 0 and figure.height > 0:
            font = figure.min_font if figure.min_font > 0 else 10.0
            ink = tuple((x0 / font, y0 / font, x1 / font, y1 / font) for x0, y0, x1, y1 in figure.ink)
            shapes.append(_Shape(index, figure.width / font, figure.height / font, ink))
    kept = [s for s in shapes if not any((o.a <= s.a and o.b <= s.b) and (o.a < s.a or o.b < s.b) for o in shapes)]
    unique: dict[tuple[float, float], _Shape] = {}
    for shape in kept:
        unique.setdefault((round(shape.a, 6), round(shape.b, 6)), shape)
    return list(unique.values())


def _row_text(items: Sequence[tuple[float, float]], width: float) -> float:
    """The largest t with sum(max(a * t, c)) <= width for (a, c) items: drawings
    side by side, each as wide as its drawing or its title line."""
    if sum(c for _, c in items) > width:
        return 0.0
    slope, rest = 0.0, sum(c for _, c in items)
    for a, c in sorted(items, key=lambda item: item[1] / item[0]):
        point = c / a
        if slope * point + rest > width:
            return (width - rest) / slope if slope > 0 else 0.0
        slope, rest = slope + a, rest - c
    return width / slope


def _partitions(count: int) -> list[list[tuple[int, int]]]:
    """Every way to cut ``count`` drawings in order into rows: [(start, end)]."""
    found = []
    for cuts in itertools.product((False, True), repeat=count - 1):
        rows, start = [], 0
        for index, cut in enumerate(cuts, 1):
            if cut:
                rows.append((start, index))
                start = index
        rows.append((start, count))
        found.append(rows)
    return found


@dataclass(frozen=True)
class _Page:
    """Consecutive drawings on one page: their variants, rows and text size."""

    landscape: bool
    text: float
    shapes: tuple[_Shape, ...]
    rows: tuple[tuple[int, int], ...]


def _share(shapes: Sequence[Sequence[_Shape]], titles: Sequence[float], width: float, height: float,
           least: float, most: float, landscape: bool) -> _Page | None:
    """The best page for these drawings (the largest text from ``least`` to
    ``most``), or None when they do not fit it together."""
    count = len(shapes)
    options = [list(s) for s in shapes]
    cap = {1: 99, 2: 8, 3: 4}.get(count, 3)  # variants tried per drawing: the combinations grow fast
    if count > 1:
        options = [sorted(o, key=lambda s: max(s.a / width, s.b / height))[:cap] for o in options]
    best: _Page | None = None
    layouts = _partitions(count)
    for chosen in itertools.product(*options):
        for rows in layouts:
            spare = height - len(rows) * HEADING - GAP * (len(rows) - 1)
            if spare <= 0:
                continue
            text = spare / sum(max(chosen[i].b for i in range(start, end)) for start, end in rows)
            for start, end in rows:
                items = [(chosen[i].a, min(titles[i], width)) for i in range(start, end)]
                text = min(text, _row_text(items, width - GAP * (end - start - 1)))
            if text >= least - 1e-9 and (best is None or min(text, most) > best.text + 1e-9):
                best = _Page(landscape, min(text, most), tuple(chosen), tuple(rows))
    return best


@dataclass(frozen=True)
class _Tiles:
    """A drawing cut into equal tiles, ``across`` x ``down`` of them on a page
    (a narrow strip's tiles side by side, a flat one's one above another)."""

    landscape: bool
    text: float
    shape: _Shape
    columns: int
    rows: int
    shrunk: bool
    cells: tuple[tuple[int, int], ...]  # the (row, column) tiles printed: those that show something
    box: float  # the width each tile keeps on its page (its title line may be wider than the tile)
    across: int
    down: int

    @property
    def pages(self) -> int:
        return math.ceil(len(self.cells) / (self.across * self.down))


def _tiles(shapes: Sequence[_Shape], title: str, paper: str, top: float, least: float, most: float) -> _Tiles:
    """The drawing cut into the fewest equal page-sized tiles (the text then
    as large as they allow), the empty ones left out, as many on a page as
    fit; scaled down below ``least`` when more than MAX_TILES."""
    best: _Tiles | None = None
    for landscape in (True, False):
        width, full = room(paper, landscape)
        height = full - top - HEADING
        for shape in shapes:
            columns = max(1, math.ceil(shape.a * least / width - 1e-9))
            rows = max(1, math.ceil(shape.b * least / height - 1e-9))
            shrunk = columns * rows > MAX_TILES
            if shrunk:
                ways = [(c, MAX_TILES // c) for c in range(1, MAX_TILES + 1)]
                columns, rows = max(ways, key=lambda way: min(way[0] * width / shape.a, way[1] * height / shape.b))
            text = min(columns * width / shape.a, rows * height / shape.b, most)
            cells = tuple(shape.cells(columns, rows))
            shrunk = shrunk and text < least - 1e-9
            tile_w, tile_h = shape.a * text / columns, shape.b * text / rows
            widest = tile_note(len(cells), len(cells), shrunk, round(text, 1), rows, rows, columns, columns)
            box = max(tile_w, min(title_width(title, widest), width))
            across = max(1, math.floor((width + GAP) / (box + GAP) + 1e-9))
            down = max(1, math.floor((full - top + GAP) / (HEADING + tile_h + GAP) + 1e-9))
            found = _Tiles(landscape, text, shape, columns, rows, shrunk, cells, box, across, down)
            if best is None or (found.pages, -found.text) < (best.pages, -best.text):
                best = found
    assert best is not None
    return best


# ------------------------------------------------------------------ the pages


def lay_out(drawings: Sequence[Sequence[Figure]], paper: str = "a4", first_top: float = 0.0,
            min_text: float = MIN_TEXT_PT, max_pages: int | None = None) -> list[Sheet]:
    """The pages of drawings (see the module docstring). ``drawings``: each
    drawing's variants; ``first_top``: room kept at the top of the first page.
    The fewest pages, then the largest text; with ``max_pages``, the largest
    text on at most that many pages (the fewest when they do not suffice)."""
    most = max(COMFORT_PT, min_text)
    shaped = [(index, _shapes(drawn)) for index, drawn in enumerate(drawings)]
    shaped = [(index, shapes) for index, shapes in shaped if shapes]
    names = [drawings[index][0].title for index, _ in shaped]
    titles = [title_width(name) for name in names]
    count = len(shaped)
    # best[end][pages]: the best plan for the first ``end`` drawings on ``pages`` pages
    best: list[dict[int, _Plan]] = [{} for _ in range(count + 1)]
    best[0][0] = _Plan(math.inf, 0.0, ())
    for end in range(1, count + 1):
        for start in range(max(0, end - MAX_SHARE), end):
            if not best[start]:
                continue
            step = _step([shapes for _, shapes in shaped[start:end]], titles[start:end], names[start:end], paper,
                         first_top if start == 0 else 0.0, min_text, most)
            if step is None:
                continue
            pages = step.pages if isinstance(step, _Tiles) else 1
            for before_pages, before in best[start].items():
                plan = _Plan(min(before.smallest, step.text), before.total + step.text * (end - start),
                             (*before.steps, step))
                current = best[end].get(before_pages + pages)
                if current is None or plan.key > current.key:
                    best[end][before_pages + pages] = plan
    if not best[count]:
        return []
    fewest = min(best[count])
    within = [pages for pages in best[count] if max_pages is not None and pages <= max_pages]
    chosen = max(within, key=lambda pages: (best[count][pages].key, -pages)) if within else fewest
    return _sheets(best[count][chosen].steps, [index for index, _ in shaped], drawings, titles, paper, first_top)


@dataclass(frozen=True)
class _Plan:
    smallest: float  # the smallest text of its pages
    total: float  # the sum of its drawings' text sizes
    steps: tuple[_Page | _Tiles, ...]

    @property
    def key(self) -> tuple[float, float]:
        """Larger is better: a larger smallest text, then larger text overall."""
        return round(self.smallest, 4), round(self.total, 4)


def _step(group: Sequence[Sequence[_Shape]], titles: Sequence[float], names: Sequence[str], paper: str, top: float,
          least: float, most: float) -> _Page | _Tiles | None:
    """Consecutive drawings on one page (landscape or portrait, the larger
    text); a lone drawing too big for a page as tiles; None when they do not
    share a page."""
    page: _Page | None = None
    for landscape in (True, False):
        width, height = room(paper, landscape)
        found = _share(group, titles, width, height - top, least, most, landscape)
        if found is not None and (page is None or found.text > page.text + 1e-9):
            page = found
    if page is not None or len(group) > 1:
        return page
    return _tiles(group[0], names[0], paper, top, least, most)


def _sheets(steps: Sequence[_Page | _Tiles], indices: Sequence[int], drawings: Sequence[Sequence[Figure]],
            titles: Sequence[float], paper: str, first_top: float) -> list[Sheet]:
    """The pieces of each page of the chosen plan, placed."""
    sheets: list[Sheet] = []
    at = 0  # the next drawing
    for step in steps:
        width = room(paper, step.landscape)[0]
        top = 0.0 if sheets else first_top
        if isinstance(step, _Tiles):
            index = indices[at]
            figure = drawings[index][step.shape.variant]
            font = figure.min_font if figure.min_font > 0 else 10.0
            scale = step.text / font
            whole_w, whole_h = figure.width * scale, figure.height * scale
            tile_w, tile_h = whole_w / step.columns, whole_h / step.rows
            per_page = step.across * step.down
            for number, (row, column) in enumerate(step.cells, 1):  # the empty tiles left out
                slot = (number - 1) % per_page
                if slot == 0:
                    sheet = Sheet(step.landscape, top=top)
                    sheets.append(sheet)
                    top = 0.0
                    left = len(step.cells) - number + 1  # this page's tiles, centred as a group
                    across = min(step.across, left)
                    x0 = max(0.0, (width - across * step.box - (across - 1) * GAP) / 2)
                line, place = divmod(slot, step.across)
                sheet.pieces.append(Piece(
                    index, step.shape.variant, x0 + place * (step.box + GAP), sheet.top + line * (HEADING + tile_h + GAP),
                    scale, whole_w, whole_h, column * tile_w, row * tile_h, tile_w, tile_h, number, len(step.cells),
                    step.shrunk, round(step.text, 1), step.box))
            at += 1
            continue
        sheet = Sheet(step.landscape, top=top)
        y = top
        for start, end in step.rows:
            boxes = []
            for offset in range(start, end):
                shape = step.shapes[offset]
                figure = drawings[indices[at + offset]][shape.variant]
                boxes.append((offset, figure, max(shape.a * step.text, min(titles[at + offset], width))))
            x = max(0.0, (width - sum(b for _, _, b in boxes) - GAP * (len(boxes) - 1)) / 2)
            row_height = 0.0
            for offset, figure, box in boxes:
                font = figure.min_font if figure.min_font > 0 else 10.0
                scale = step.text / font
                w, h = figure.width * scale, figure.height * scale
                sheet.pieces.append(Piece(indices[at + offset], step.shapes[offset].variant, x, y, scale, w, h,
                                          0.0, 0.0, w, h, 1, 1, False, round(step.text, 1), box))
                x += box + GAP
                row_height = max(row_height, h)
            y += HEADING + row_height + GAP
        sheets.append(sheet)
        at += len(step.shapes)
    return sheets
