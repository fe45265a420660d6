"""Every command that reads a map, on the maps people get wrong first: an empty
file, a map in non-Latin scripts with markup-like text, a missing file, and a
map with an undefined reference. Each ends with exit 0, 1 or 2 and a message,
never a traceback or an "internal error"."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.cli import main

UNICODE_MAP = '''title "خريطة <b>&amp;</b> 🗺️"
source src "Источник \\"quoted\\" <script>alert(1)</script>"
  url "javascript:alert(1)"
thesis t_ع "روسيا وإيران — حلفاء؟ 😀"
  tags تاج, ünï
  actors "Иран", Россия
evidence e1 "証拠 <img src=x onerror=alert(1)>"
  date 2016-11
  cite src §١ "مقتطف"
  supports t_ع
  rates h1 C
hypothesis h1 "仮説"
expect t_ع accepted
'''

MAPS = {
    "empty": "",
    "unicode": UNICODE_MAP,
    "undefined": 'claim a "x"\n  supports nowhere\n',
}

COMMANDS = [
    ["check"], ["render", "--format", "dot", "-o", "-"], ["render", "--format", "svg", "-o", "-"],
    ["render", "--format", "json", "-o", "-"], ["render", "--format", "html", "-o", "-"],
    ["outline"], ["outline", "--format", "md"], ["outline", "--format", "html"],
    ["eval"], ["eval", "--format", "json"], ["ach"], ["ach", "--format", "html"],
    ["fmt", "--check"], ["export", "--to", "json"], ["export", "--to", "aif"], ["export", "--to", "argdown"],
    ["export", "--to", "i23"], ["export", "--to", "tgf"], ["explain", "{file}", "t_ع"], ["diff", "{file}", "{file}"],
]


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    out, err = capsys.readouterr()
    return int(exit_info.value.code or 0), out + err


def _args(command: list[str], file: str) -> list[str]:
    args = [part.replace("{file}", file) for part in command]
    if "{file}" in " ".join(command):
        return args
    return [args[0], file, *args[1:]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c).replace("{file}", "F"))
@pytest.mark.parametrize("kind", [*MAPS, "missing"])
def test_no_traceback(kind: str, command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / f"{kind}.arg"
    if kind != "missing":
        path.write_text(MAPS[kind], encoding="utf-8")
    before = path.read_bytes() if path.exists() else None
    code, output = _run(_args(command, path.name), capsys)
    assert "Traceback" not in output and "internal error" not in output, output[-1500:]
    assert code in (0, 1, 2), output[-1500:]
    if kind == "missing":
        assert code == 2 and "missing.arg" in output
    else:
        assert path.read_bytes() == before  # only `fmt` without --check may rewrite a map
    if kind == "unicode" and code == 0 and command[0] in ("outline", "render", "ach") and "html" in command:
        assert "<script>alert(1)" not in output and "<img src=x" not in output  # map text is escaped
        assert 'href="javascript:' not in output
