"""Bad input never escapes as anything but ArgmapError, in any command's front end
(check, render to DOT, outline, fmt, export json: whichever exist).

Quick in CI (a few hundred examples); ``ARGMAP_FUZZ_EXAMPLES=20000`` for more.
A long campaign is ``bench/fuzz_campaign.py``; what it finds is kept in
tests/data/fuzz_regressions/ and replayed here."""

from __future__ import annotations

import os
import random
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzzing import REGRESSIONS, front_ends, mutate, run_front_ends, seeds

from argmap.syntax.keywords import KEYWORDS

EXAMPLES = int(os.environ.get("ARGMAP_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SEEDS = seeds()
# the language's words (from its tables) and the pieces mutations splice in
FRAGMENTS = [*KEYWORDS, "->", ",", '"', "#", "\n", " ", "a", "b", "2016-11", "0.5", "CC", "§2"]


def _run(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        run_front_ends(data, Path(folder))


def test_front_ends_found() -> None:
    """At least check runs; the others join as they land (listed for the log)."""
    print("front ends:", ["check", *front_ends()])


@FUZZ
@given(st.text(max_size=400))
def test_arbitrary_text(text: str) -> None:
    _run(text.encode("utf-8", errors="surrogatepass"))


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60))
def test_keyword_soup(words: list[str]) -> None:
    _run(" ".join(words).encode())


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    _run(data)


@FUZZ
@given(st.integers(min_value=0, max_value=len(SEEDS) - 1), st.integers(min_value=0, max_value=2**32))
def test_mutated_maps(index: int, seed: int) -> None:
    _run(mutate(SEEDS[index], random.Random(seed)))


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
def test_truncated_maps(cut: float) -> None:
    for data in SEEDS[:10]:
        _run(data[: int(len(data) * cut)])


REGRESSION_FILES = sorted(REGRESSIONS.glob("*.arg")) if REGRESSIONS.exists() else []


@pytest.mark.parametrize("path", REGRESSION_FILES, ids=lambda p: p.name)
def test_regressions(path: Path) -> None:
    _run(path.read_bytes())
