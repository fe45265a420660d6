"""Regenerate the pictures of docs/outline.md from the essay map.

    python docs/images/outline/make_report_images.py     # needs chromium, Playwright and poppler

Each picture is what the command in docs/outline.md writes: the HTML report
in Chromium (1280 x 800) and pages of the PDF report (pdftoppm, 60 dpi).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
HERE = Path(__file__).resolve().parent
ESSAY = ROOT / "maps" / "syria_iran_russia.arg"
ARGS = ["--no-sandbox", "--disable-gpu"]


def argmap(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "argmap", *args], check=True, cwd=ROOT)


def html_pictures(folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    report = folder / "essay.html"
    status = folder / "status.html"
    argmap("outline", str(ESSAY), "-o", str(report))
    argmap("outline", str(ESSAY), "--color-by", "status", "--rankdir", "LR", "-o", str(status))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(report.as_uri())
        page.wait_for_selector("#diagram svg", state="attached")
        page.screenshot(path=str(HERE / "outline-html-top.png"))
        page.evaluate("document.querySelector('.toolbar').scrollIntoView()")
        page.screenshot(path=str(HERE / "outline-html-pane.png"))
        page.fill("#search", "hezbollah")
        page.wait_for_timeout(300)
        page.screenshot(path=str(HERE / "outline-html-search.png"))
        page.goto(status.as_uri())
        page.wait_for_selector("#diagram svg", state="attached")
        page.select_option("#figure-picker", label="First: Aleppo, the aim and the end")
        page.wait_for_timeout(300)
        page.evaluate("document.querySelector('.toolbar').scrollIntoView()")
        page.screenshot(path=str(HERE / "outline-html-status-lr.png"))
        browser.close()


def pdf_pictures(folder: Path) -> None:
    pdf = folder / "essay.pdf"
    argmap("outline", str(ESSAY), "-o", str(pdf))
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    legend = next(i for i, text in enumerate(pages, 1) if "Kinds:" in text)  # the first page of drawings
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", str(len(pages)), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    sizes = [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)]
    # the first landscape page of drawings (else the page after the legend's)
    drawing = next((i for i, (w, h) in enumerate(sizes, 1) if i > legend and w > h), legend + 1)
    for page, name in ((1, "outline-pdf-page1"), (3, "outline-pdf-text"), (drawing, "outline-pdf-diagram")):
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
                        str(pdf), str(HERE / name)], check=True)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        html_pictures(Path(folder))
        pdf_pictures(Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
