"""Only finite numbers: a weight beyond float range is an error (E117), every
JSON writer refuses NaN and infinities, and JSON readers reject them."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.api import loads
from argmap.errors import InputError
from argmap.interop import aif, json_
from argmap.jsonio import dump_json, load_json

HUGE = "9" * 400  # the grammar's NUMBER has no exponent: only many digits overflow
MAP = f'thesis t "T."\nclaim c "C."\n  supports t weight {HUGE}\n'


def test_parser_reads_the_weight_as_infinity_and_check_reports_it() -> None:
    argmap = loads(MAP)
    assert math.isinf(argmap.relations[0].weight or 0)
    from argmap.api import check

    found = [d for d in check(argmap) if d.code == "E117"]
    assert [(d.span.line, d.span.column) for d in found] == [(3, 12)]


@pytest.mark.parametrize("writer", [json_.dumps, aif.dumps])
def test_writers_refuse_infinity(writer: object) -> None:
    with pytest.raises(InputError, match=r"relations\[0\]\.weight|\.argmap\.weight"):
        writer(loads(MAP))  # type: ignore[operator]


def test_dump_json_names_the_path() -> None:
    with pytest.raises(InputError, match=r"\$\.a\[1\]\.b is not a finite number"):
        dump_json({"a": [1, {"b": float("nan")}]})
    assert dump_json({"a": 1.5}, indent=None) == '{"a": 1.5}'


@pytest.mark.parametrize("text", ['{"w": NaN}', '{"w": Infinity}', '{"w": -Infinity}', '{"w": 1e999}'])
def test_load_json_refuses_non_finite(text: str) -> None:
    with pytest.raises(ValueError):
        load_json(text)
    result = json_.loads(text, "x.json")
    assert result.map is None and "invalid JSON" in result.diagnostics[0].message
    result = aif.loads('{"nodes": [], "edges": [], "x": ' + text + "}", "x.json")
    assert result.map is None and "invalid JSON" in result.diagnostics[0].message


def test_export_cli_error_not_traceback(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text(MAP, encoding="utf-8")
    for fmt in ("json", "aif"):
        run = subprocess.run([sys.executable, "-m", "argmap", "export", str(path), "--to", fmt],
                             capture_output=True, text=True, check=False)
        assert run.returncode == 2 and "Traceback" not in run.stderr
        assert "not a finite number" in run.stderr and run.stdout == ""
