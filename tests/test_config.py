"""Config discovery and parsing: [tool.argmap] in pyproject.toml, [argmap] in setup.cfg."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.config import Config, ConfigError, find_config, load_config, parse_codes


def _repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir(parents=True)
    (tmp_path / "maps" / "legacy").mkdir(parents=True)
    return tmp_path


def test_pyproject_found_from_a_subfolder(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "pyproject.toml").write_text(
        '[tool.argmap]\nselect = ["E", "W201"]\nignore = ["w205"]\nsources = ["seeds"]\nstrict = true\n'
        'format = "json"\n[tool.argmap.per-file-ignores]\n"maps/legacy/*.arg" = ["W201"]\n'
    )
    config = find_config(root / "maps" / "legacy")
    assert config.path == root / "pyproject.toml"
    assert config.select == ("E", "W201") and config.ignore == ("W205",)
    assert config.sources == (root / "seeds",)
    assert config.strict is True and config.format == "json"
    assert config.ignores_for(str(root / "maps" / "legacy" / "old.arg")) == ("W201",)
    assert config.ignores_for(str(root / "maps" / "new.arg")) == ()


def test_setup_cfg_section(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "setup.cfg").write_text(
        "[metadata]\nname = x\n[argmap]\nselect = E1, W2\nsources = ../shared/seeds\nstrict = yes\n"
        "per-file-ignores =\n    maps/legacy/*.arg: W201, W203\n"
    )
    config = find_config(root / "maps")
    assert config.select == ("E1", "W2") and config.strict is True
    assert config.sources == (root / "../shared/seeds",)
    assert config.ignores_for(str(root / "maps/legacy/a.arg")) == ("W201", "W203")


def test_pyproject_without_section_falls_back_to_setup_cfg(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "pyproject.toml").write_text('[build-system]\nrequires = ["setuptools"]\n')
    (root / "setup.cfg").write_text("[argmap]\nignore = W201\n")
    assert find_config(root).ignore == ("W201",)


def test_nearest_config_wins_and_search_stops_at_repository_root(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text("[argmap]\nignore = W205\n")  # above the repository
    root = _repo(tmp_path / "repo")
    assert find_config(root / "maps") == Config()
    (root / "maps" / "setup.cfg").write_text("[argmap]\nignore = W201\n")
    (root / "setup.cfg").write_text("[argmap]\nignore = W203\n")
    assert find_config(root / "maps" / "legacy").ignore == ("W201",)


@pytest.mark.parametrize(
    "text, message",
    [
        ("[tool.argmap]\nselct = ['E']\n", "did you mean 'select'"),
        ("[tool.argmap]\nselect = ['E102x']\n", "not a rule code"),
        ("[tool.argmap]\nstrict = 'maybe'\n", "true or false"),
        ("[tool.argmap]\nformat = 'xml'\n", "one of text, json, github, sarif"),
        ("[tool.argmap\n", "not valid TOML"),
        ("[tool.argmap]\nsources = 3\n", "list of folders"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(text)
    with pytest.raises(ConfigError, match=message):
        find_config(tmp_path)


def test_load_config_explicit_file(tmp_path: Path) -> None:
    (tmp_path / "argmap.toml").write_text('ignore = ["W2"]\n')
    assert load_config(tmp_path / "argmap.toml").ignore == ("W2",)
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")


@pytest.mark.parametrize(
    "value, expected",
    [("E102, w2", ("E102", "W2")), (["E"], ("E",)), ("", ()), ("E1 E1", ("E1",))],
)
def test_parse_codes(value: object, expected: tuple[str, ...]) -> None:
    assert parse_codes(value) == expected


def test_project_setup_cfg_is_read() -> None:
    root = Path(__file__).resolve().parent.parent
    config = find_config(root / "maps")
    assert config.path == root / "setup.cfg"
    assert config.sources == ()  # the seeds are outside the repository: --sources, not the config
