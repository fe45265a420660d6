"""The style tables (argmap.render.style): complete for every kind, and
readable in greyscale and by colour-blind readers (computed, not eyeballed)."""

from __future__ import annotations

import itertools

import pytest

from argmap.model import Grade, NodeKind, RelationKind
from argmap.render.legend import KIND_WORDS, VERB_WORDS
from argmap.render.style import EDGE_STYLES, GRADE_STYLES, NODE_STYLES, STATUS_STYLES, grey_level

# Machado, Oliveira & Fernandes (2009), severity 1, applied to linear RGB.
CVD = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _linear(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def _srgb(value: float) -> float:
    value = min(max(value, 0.0), 1.0)
    return 255 * (value * 12.92 if value <= 0.0031308 else 1.055 * value ** (1 / 2.4) - 0.055)


def _seen(colour: str, matrix: tuple[tuple[float, float, float], ...]) -> tuple[float, ...]:
    linear = [_linear(c) for c in _rgb(colour)]
    return tuple(_srgb(sum(row[i] * linear[i] for i in range(3))) for row in matrix)


def _luminance(colour: str) -> float:
    red, green, blue = (_linear(c) for c in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_every_kind_has_a_style_and_a_legend_word() -> None:
    assert set(NODE_STYLES) == set(NodeKind) and set(KIND_WORDS) == set(NodeKind)
    assert set(EDGE_STYLES) == set(RelationKind) and set(VERB_WORDS) == set(RelationKind)
    assert set(GRADE_STYLES) == set(Grade)
    assert set(STATUS_STYLES) == {"IN", "OUT", "UNDEC"}
    assert len({style.title for style in NODE_STYLES.values()}) == len(NodeKind)


def test_status_fills_differ_in_greyscale() -> None:
    levels = {key: grey_level(style.fill) for key, style in STATUS_STYLES.items()}
    assert levels["IN"] > levels["UNDEC"] > levels["OUT"]  # light, middle, dark
    for a, b in itertools.combinations(levels.values(), 2):
        assert abs(a - b) >= 20, levels
    assert len({style.word for style in STATUS_STYLES.values()}) == 3  # and a word on each node
    assert len({style.border_style for style in STATUS_STYLES.values()}) == 3  # and a border of its own


@pytest.mark.parametrize("deficiency", sorted(CVD))
def test_status_fills_differ_for_colour_blind_readers(deficiency: str) -> None:
    seen = [_seen(style.fill, CVD[deficiency]) for style in STATUS_STYLES.values()]
    for a, b in itertools.combinations(seen, 2):
        assert sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5 >= 25


def test_black_text_reads_on_every_fill() -> None:
    fills = ([s.fill for s in NODE_STYLES.values()] + [s.fill for s in STATUS_STYLES.values()])
    for fill in fills:
        assert (_luminance(fill) + 0.05) / 0.05 >= 7, fill  # WCAG AAA for black text
    for grade, style in GRADE_STYLES.items():
        light, dark = sorted((_luminance(style.fill), _luminance(style.font)))
        assert (dark + 0.05) / (light + 0.05) >= 4.5, grade


def test_relations_differ_without_colour() -> None:
    looks = {(s.style, s.arrowhead, s.dir) for s in EDGE_STYLES.values()}
    assert len(looks) == len(EDGE_STYLES)
    for style in EDGE_STYLES.values():
        assert grey_level(style.color) <= 150  # dark enough to print
    attack, undercut = EDGE_STYLES[RelationKind.ATTACKS], EDGE_STYLES[RelationKind.UNDERCUTS]
    assert undercut.penwidth >= attack.penwidth and undercut.arrowsize >= attack.arrowsize
    assert grey_level(undercut.color) <= grey_level(attack.color)  # as dark on paper


def test_grades_read_in_greyscale() -> None:
    order = [Grade.VERY_CONSISTENT, Grade.CONSISTENT, Grade.NEUTRAL, Grade.INCONSISTENT, Grade.VERY_INCONSISTENT]
    levels = [grey_level(GRADE_STYLES[g].fill) for g in order]
    assert levels[2] == max(levels)  # neutral is white; the stronger the grade, the darker
    assert levels[1] > levels[0] and levels[3] > levels[4]
