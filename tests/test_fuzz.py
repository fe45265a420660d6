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

from fuzzing import REGRESSIONS, dense_map, front_ends, include_graph, mutate, run_front_ends, run_shape, seeds

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


# ----------------------------------------------------------------- shapes (issue 15, findings 2 and 3)

SHAPES = settings(max_examples=max(EXAMPLES // 4, 10), deadline=None, suppress_health_check=list(HealthCheck))
HANG_GUARD = 120  # seconds for one example; the bench/ scripts measure speed


class _Hang(Exception):
    pass


def _guarded(run: object) -> None:
    """Run with an alarm: an input that makes argmap hang fails the test
    instead of stalling the suite (no speed is asserted)."""
    import signal

    def hung(signum: int, frame: object) -> None:
        raise _Hang(f"one example ran for more than {HANG_GUARD} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(HANG_GUARD)
    try:
        run()  # type: ignore[operator]
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@SHAPES
@given(st.integers(min_value=0, max_value=2**32))
def test_include_graphs(seed: int) -> None:
    """Random include graphs (fan-out, diamonds, cycles, missing files): every
    file is merged once, and check, outline, evaluation and DOT finish."""
    from argmap.api import analyse

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        main = include_graph(rng, Path(folder))
        _guarded(lambda: run_shape(main))
        analysis = analyse(main)
        ids = [n.id for n in analysis.map.nodes]
        assert len(ids) == len(set(ids)), "a file was merged twice"
        assert not [d for d in analysis.diagnostics if d.code == "E101"]


@SHAPES
@given(st.integers(min_value=0, max_value=2**32))
def test_dense_maps(seed: int) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dense.arg"
        path.write_text(dense_map(rng), encoding="utf-8")
        _guarded(lambda: run_shape(path))


def test_fan_out_thirty_levels() -> None:
    """The issue's own case: 31 files, each including the next twice."""
    from argmap.api import analyse

    with tempfile.TemporaryDirectory() as folder:
        for i in range(31):
            body = f'include "f{i + 1}.arg"\ninclude "f{i + 1}.arg"\n' if i < 30 else ""
            Path(folder, f"f{i}.arg").write_text(body + f'claim c{i} "n"\n', encoding="utf-8")
        _guarded(lambda: run_shape(Path(folder, "f0.arg")))
        assert len(analyse(Path(folder, "f0.arg")).map.nodes) == 31


def test_dense_sixty_nodes_each_supporting_every_earlier_one() -> None:
    lines = ['thesis n0 "root"'] + [f'claim n{i} "n"\n' + "".join(f"  supports n{j}\n" for j in range(i))
                                    for i in range(1, 60)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dense.arg"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        _guarded(lambda: run_shape(path))
