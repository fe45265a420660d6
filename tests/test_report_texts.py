"""The report and the suppression comments use the texts the loader read:
no map or included file is read a second time (a file changed or removed
meanwhile cannot make the report show the wrong line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.api import analyse
from argmap.report import SourceLines, render


def test_report_lines_come_from_the_texts_read(tmp_path: Path) -> None:
    main = tmp_path / "main.arg"
    part = tmp_path / "part.arg"
    main.write_text('include "part.arg"\nclaim a "Ünïcode"\n  supports nowhere\n', encoding="utf-8")
    part.write_text('claim b "x"\n  attacks missing_too  # argmap: ignore[W201]\n', encoding="utf-8")
    analysis = analyse(main)
    assert set(analysis.texts) == {str(main), next(d.span.file for d in analysis.diagnostics if "part" in d.span.file)}
    main.unlink()
    part.unlink()
    report = render(analysis.diagnostics, [str(main)], "text", lines=SourceLines(analysis.texts), color=False)
    assert "  supports nowhere" in report and "attacks missing_too" in report


def test_included_files_are_named_as_their_includer_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A map named by an absolute path has its includes named absolutely too, and a
    relative one relatively (not relative to the working directory, ``../../tmp/...``)."""
    folder = tmp_path / "maps" / "deep"
    folder.mkdir(parents=True)
    (folder / "main.arg").write_text('include "sub/part.arg"\nthesis t "T."\n', encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "part.arg").write_text('claim c "C."\n  supports tt\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    absolute = analyse(folder / "main.arg")
    assert {d.span.file for d in absolute.diagnostics if d.code == "E102"} == {str(folder / "sub" / "part.arg")}
    monkeypatch.chdir(tmp_path)
    relative = analyse(Path("maps/deep/main.arg"))
    assert {d.span.file for d in relative.diagnostics if d.code == "E102"} == {"maps/deep/sub/part.arg"}
