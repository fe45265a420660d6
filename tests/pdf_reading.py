"""Reading a PDF back with poppler's tools (pdfinfo, pdftotext, pdftoppm):
pages, their text and how full each page is. Used by the PDF report tests.

The fill of a page is measured on its picture (pdftoppm, greyscale, 40 dpi):
the rows that carry ink, from the top margin down to the last ink above the
footer, as a share of the height between the top margin and the footer. A
page whose text or drawing stops a third of the way down has a fill of about
0.33, however wide its lines are.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Page", "have_poppler", "read_pdf"]

TOOLS = ("pdfinfo", "pdftotext", "pdftoppm")
DPI = 40
INK = 170  # grey level: darker than this is ink
FOOTER_MM = 18.0  # the footer lives in the bottom margin (18 mm in argmap's report)
TOP_MM = 12.0  # the body starts below the top margin (12-14 mm)


def have_poppler() -> str | None:
    """None when poppler's tools are here, else the missing tool's name."""
    for tool in TOOLS:
        if shutil.which(tool) is None:
            return tool
    return None


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float  # points
    height: float
    text: str  # in reading order (columns one after the other)
    fill: float  # 0..1 (see the module docstring)
    footer: str  # the text of the bottom margin alone

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def _info(path: Path) -> tuple[int, list[tuple[float, float]]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "9999", str(path)], capture_output=True, text=True,
                         check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))  # type: ignore[union-attr]
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", out, re.M)]
    return pages, sizes


def _texts(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")


_PAGE = re.compile(r"<page\b[^>]*\bheight=\"([\d.]+)\"[^>]*>(.*?)</page>", re.S)
_WORD = re.compile(r"<word\b[^>]*\byMin=\"([\d.]+)\"[^>]*>(.*?)</word>", re.S)


def _footers(path: Path) -> list[str]:
    """The words in the bottom FOOTER_MM of each page, in reading order (one
    ``pdftotext -bbox`` for the whole file: its boxes are in points)."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    band = FOOTER_MM * 72 / 25.4
    return [" ".join(html.unescape(word) for y, word in _WORD.findall(body) if float(y) >= float(height) - band)
            for height, body in _PAGE.findall(out)]


def _pgm(data: bytes) -> tuple[int, int, bytes]:
    parts = data.split(maxsplit=4)  # P5 width height maxval pixels
    width, height = int(parts[1]), int(parts[2])
    return width, height, parts[4][: width * height]


def _fill(pgm: Path) -> float:
    width, height, pixels = _pgm(pgm.read_bytes())
    mm = DPI / 25.4
    footer_top = height - int(FOOTER_MM * mm)
    top = int(TOP_MM * mm)
    inked = [y for y in range(top, footer_top)
             if min(pixels[y * width:(y + 1) * width]) < INK]
    if not inked:
        return 0.0
    return (inked[-1] - top + 1) / (footer_top - top)


def read_pdf(path: Path) -> list[Page]:
    """Every page of the PDF at ``path``."""
    count, sizes = _info(path)
    texts = _texts(path)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), str(path), f"{folder}/p"], check=True)
        pictures = sorted(Path(folder).glob("p-*.pgm"))
        fills = [_fill(p) for p in pictures]
    footers = _footers(path)
    return [Page(i + 1, sizes[i][0], sizes[i][1], texts[i] if i < len(texts) else "", fills[i], footers[i])
            for i in range(count)]
