"""Every export names what it drops: the constructs of a map (from the keyword
tables) against each exporter's table (argmap.interop.coverage), and the ICCMA
export is the framework argmap eval evaluates."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.api import load
from argmap.cli import cli
from argmap.interop import aif_export, argdown_data, argdown_export, coverage, iccma, json_
from argmap.model import Map

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "interop"
MAPS = [ROOT / "maps" / "syria_iran_russia.arg", DATA / "rich.arg", DATA / "language_v2.arg", DATA / "linked.arg"]
TABLES = {"aif": aif_export.TABLE, "argdown": argdown_data.TABLE, "i23": iccma.TABLE}
LOST = {"json": json_.lost_on_export, "aif": aif_export.lost_on_export, "argdown": argdown_export.lost_on_export,
        "i23": iccma.lost_on_export}


def _merged(path: Path) -> Map:
    return dataclasses.replace(load(path), includes=())


def test_the_test_maps_have_every_construct() -> None:
    """Between them, the maps below hold every construct the language has (but include,
    which export merges away, and the source attributes the maps do not need)."""
    present: set[str] = set()
    for path in MAPS:
        present |= set(coverage.constructs(_merged(path)))
    missing = set(coverage.construct_names()) - present
    assert missing <= {"include", "source url", "source file", "source author", "source date"}, missing


def test_tables_name_only_real_constructs() -> None:
    names = set(coverage.construct_names())
    for fmt, table in TABLES.items():
        assert set(table.ways) <= names, (fmt, set(table.ways) - names)


@pytest.mark.parametrize("fmt", sorted(LOST))
@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_every_dropped_construct_is_named(fmt: str, path: Path) -> None:
    """What the export does not carry where other tools see it is in its warning, by name."""
    argmap = _merged(path)
    warning = "\n".join(LOST[fmt](argmap))
    table = TABLES.get(fmt)
    dropped = coverage.dropped(table, argmap) if table is not None else set()
    for name in dropped:
        assert f"{name}:" in warning or f"{name} (" in warning or f"{name}," in warning, (name, warning)
    if fmt == "json":
        assert warning == ""  # JSON carries every construct


def test_a_construct_no_table_knows_is_reported_lost() -> None:
    """A construct added to the language is lost for every export until taught."""
    argmap = _merged(DATA / "language_v2.arg")
    untaught = coverage.Table("aif", {k: v for k, v in aif_export.TABLE.ways.items() if k != "scheme"},
                              aif_export.TABLE.hidden_where)
    lines = coverage.lost_on_export(untaught, argmap)
    assert "scheme: not written" in lines
    assert "scheme" in coverage.dropped(untaught, argmap) and "scheme" not in coverage.dropped(aif_export.TABLE, argmap)


def test_constructs_are_counted_by_item() -> None:
    counts = coverage.constructs(_merged(DATA / "linked.arg"))
    assert counts["argument"] == 5 and counts["premises"] == 8 and counts["scheme"] == 3
    assert counts["undercuts ARGUMENT"] == 1 and counts["undercuts A -> B"] == 3 and counts["weight"] == 1


def _grounded(args: list[str]) -> dict[str, str]:
    result = CliRunner().invoke(cli, ["eval", *args, "--format", "json", "--semantics", "grounded",
                                      "--strengths", "none"], standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    return {n["id"]: n["grounded"] for n in json.loads(result.stdout)["nodes"]}


@pytest.mark.parametrize("reading", ["argument", "bipolar"])
@pytest.mark.parametrize("path", MAPS, ids=lambda p: p.stem)
def test_iccma_export_is_the_framework_eval_evaluates(tmp_path: Path, path: Path, reading: str) -> None:
    """argmap eval of the exported i23 labels the map's nodes as argmap eval of the map
    does, under the same reading (the file's other arguments are the reading's auxiliaries)."""
    out = tmp_path / "map.i23"
    result = CliRunner().invoke(cli, ["export", str(path), "--to", "i23", "--reading", reading, "-o", str(out)],
                                standalone_mode=False)
    assert result.return_value == 0, result.output
    on_map = _grounded([str(path), "--reading", reading])
    on_file = _grounded([str(out)])
    assert {k: v for k, v in on_file.items() if k in on_map} == on_map
