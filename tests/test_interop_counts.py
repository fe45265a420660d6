"""docs/interop.md shows the counts bench/interop_counts.py computes on the real
corpora, exactly (so the published numbers are reproducible)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from interop_counts import markdown  # noqa: E402

BEGIN, END = "<!-- counts: python bench/interop_counts.py -->", "<!-- end of counts -->"


def test_docs_show_the_computed_counts() -> None:
    text = (ROOT / "docs" / "interop.md").read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "docs/interop.md lost its counts markers"
    shown = text.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"
    assert shown == markdown(), "docs/interop.md: paste the output of python bench/interop_counts.py"
