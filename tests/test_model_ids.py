"""One definition of what an id looks like, equal to the grammar's ID terminal."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from argmap.model import ID_REGEX, is_valid_id

ROOT = Path(__file__).resolve().parents[1]


def test_id_regex_is_the_grammars_id_terminal() -> None:
    grammar = (ROOT / "grammar" / "argmap.lark").read_text(encoding="utf-8")
    terminal = re.search(r"^ID:\s*/(.*)/\s*$", grammar, re.M)
    assert terminal is not None and terminal.group(1) == ID_REGEX


def test_json_schema_uses_the_same_id_pattern() -> None:
    schema = (ROOT / "argmap" / "interop" / "argmap.schema.json").read_text(encoding="utf-8")
    patterns = set(re.findall(r'"pattern":\s*("(?:[^"\\]|\\.)*")', schema))
    date = r"^\d+(?:-\d+){0,2}$(?!\n)"  # `$(?!\n)`: no trailing line break either
    assert {json.loads(p) for p in patterns} == {f"^{ID_REGEX}$(?!\\n)", date}


@pytest.mark.parametrize(
    ("text", "valid"),
    [("conflict", True), ("h_rivals", True), ("a.b-c", True), ("النظام", True), ("9lives", False),
     ("a b", False), ("a-", False), ("", False), ("-a", False)],
)
def test_is_valid_id(text: str, valid: bool) -> None:
    assert is_valid_id(text) is valid
