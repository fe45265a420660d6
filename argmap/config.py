"""Project configuration: ``[tool.argmap]`` in pyproject.toml or ``[argmap]`` in setup.cfg.

Found by walking up from the map's folder (or the current folder for standard
input) to the repository root (a folder holding ``.git`` or ``.hg``); the first
file with an argmap section wins. In each folder pyproject.toml is read before
setup.cfg. Keys::

    [tool.argmap]                      [argmap]
    select = ["E", "W201"]             select = E, W201
    ignore = ["W205"]                  ignore = W205
    sources = ["../shared/seeds"]      sources = ../shared/seeds
    strict = true                      strict = true
    format = "text"                    format = text
    color = "auto"                     color = auto
    allow-outside = false              allow-outside = false
    [tool.argmap.per-file-ignores]     per-file-ignores =
    "maps/legacy/*.arg" = ["W201"]         maps/legacy/*.arg: W201

``sources`` and per-file-ignores patterns are relative to the config file's folder.
"""

from __future__ import annotations

import configparser
import contextlib
import difflib
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.errors import InputError

__all__ = ["Config", "ConfigError", "find_config", "load_config", "parse_codes", "KEYS"]

KEYS = ("select", "ignore", "sources", "strict", "format", "color", "allow-outside", "per-file-ignores")
_FORMATS = ("text", "json", "github", "sarif")
_COLORS = ("auto", "always", "never")
_CODE = re.compile(r"^[EW]\d{0,3}$")


class ConfigError(InputError):
    """The configuration file is unreadable or has a bad key or value."""


@dataclass(frozen=True)
class Config:
    """Settings from one config file (``path`` None: no config file)."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    sources: tuple[Path, ...] = ()
    strict: bool | None = None
    format: str | None = None
    color: str | None = None
    allow_outside: bool | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def ignores_for(self, file: str) -> tuple[str, ...]:
        """Codes ignored in ``file`` by per-file-ignores (patterns relative to the config)."""
        if not self.per_file_ignores or file.startswith("<"):
            return ()
        candidates = {Path(file).as_posix()}
        if self.path is not None:
            with contextlib.suppress(ValueError, OSError):
                candidates.add(Path(file).resolve().relative_to(self.path.parent.resolve()).as_posix())
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores:
            if any(fnmatch.fnmatchcase(c, pattern) for c in candidates):
                codes.extend(pattern_codes)
        return tuple(dict.fromkeys(codes))


def parse_codes(value: Any, where: str = "--select/--ignore") -> tuple[str, ...]:
    """``"E1, W201"`` or ``["E1", "W201"]`` -> ``("E1", "W201")``; checks each code."""
    items = re.split(r"[\s,]+", value) if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)):
        raise ConfigError(f"{where}: expected a list of rule codes, got {value!r}")
    codes = []
    for item in items:
        code = str(item).strip().upper()
        if not code:
            continue
        if not _CODE.match(code):
            raise ConfigError(f"{where}: '{item}' is not a rule code or prefix (such as E102, W2 or E)")
        codes.append(code)
    return tuple(dict.fromkeys(codes))


def _bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{where}: expected true or false, got {value!r}")


def _choice(value: Any, choices: tuple[str, ...], where: str) -> str:
    text = str(value).strip().lower()
    if text not in choices:
        raise ConfigError(f"{where}: expected one of {', '.join(choices)}, got {value!r}")
    return text


def _per_file(value: Any, where: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    pairs: list[tuple[str, Any]] = []
    if isinstance(value, dict):
        pairs = list(value.items())
    elif isinstance(value, str):
        for line in value.strip().splitlines():
            if not line.strip():
                continue
            pattern, sep, codes = line.rpartition(":") if ":" in line else line.rpartition("=")
            if not sep or not pattern.strip():
                raise ConfigError(f"{where}: expected 'PATTERN: CODES' lines, got {line.strip()!r}")
            pairs.append((pattern.strip(), codes))
    else:
        raise ConfigError(f"{where}: expected a table of PATTERN = [CODES]")
    return tuple((str(p), parse_codes(c, f"{where} {p}")) for p, c in pairs)


def _build(path: Path, values: dict[str, Any], section: str) -> Config:
    where = f"{path} [{section}]"
    fields: dict[str, Any] = {}
    for key, value in values.items():
        name = key.replace("_", "-")
        if name not in KEYS:
            close = difflib.get_close_matches(name, KEYS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known keys: {', '.join(KEYS)}"
            raise ConfigError(f"{where}: unknown key '{key}'{hint}")
        here = f"{where} {name}"
        if name in ("select", "ignore"):
            fields[name] = parse_codes(value, here)
        elif name == "sources":
            items = list(re.split(r"[\n,]+", value)) if isinstance(value, str) else value
            if not isinstance(items, (list, tuple)):
                raise ConfigError(f"{here}: expected a list of folders")
            fields["sources"] = tuple(path.parent / str(s).strip() for s in items if str(s).strip())
        elif name in ("strict", "allow-outside"):
            fields[name.replace("-", "_")] = _bool(value, here)
        elif name == "format":
            fields["format"] = _choice(value, _FORMATS, here)
        elif name == "color":
            fields["color"] = _choice(value, _COLORS, here)
        else:
            fields["per_file_ignores"] = _per_file(value, here)
    return Config(path=path, **fields)


def _read_pyproject(path: Path) -> dict[str, Any] | None:
    try:
        import tomllib  # type: ignore[import-not-found]
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    tool = data.get("tool")
    section = tool.get("argmap") if isinstance(tool, dict) else None
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.argmap] must be a table")
    return section


def _read_setup_cfg(path: Path) -> dict[str, Any] | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(path.read_text(encoding="utf-8-sig"), source=str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    except configparser.Error as exc:
        raise ConfigError(f"{path}: not a valid setup.cfg: {exc}".split("\n")[0]) from None
    if not parser.has_section("argmap"):
        return None
    return dict(parser.items("argmap"))


def load_config(path: str | Path) -> Config:
    """Read one config file (pyproject.toml, setup.cfg, or any .toml/.cfg/.ini)."""
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"config file {file} not found")
    if file.suffix == ".toml":
        values = _read_pyproject(file)
        if values is None:
            # a dedicated argmap.toml may hold the keys at the top level
            values = {} if file.name == "pyproject.toml" else _read_toml_top(file)
        return _build(file, values, "tool.argmap")
    values = _read_setup_cfg(file)
    return _build(file, values or {}, "argmap")


def _read_toml_top(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None


def find_config(start: str | Path | None = None) -> Config:
    """The first argmap config from ``start`` (a folder; default cwd) up to the
    repository root; an empty Config if there is none."""
    folder = Path(start) if start is not None else Path.cwd()
    try:
        folder = folder.resolve()
    except OSError:
        return Config()
    for current in (folder, *folder.parents):
        pyproject = current / "pyproject.toml"
        if pyproject.is_file():
            values = _read_pyproject(pyproject)
            if values is not None:
                return _build(pyproject, values, "tool.argmap")
        setup_cfg = current / "setup.cfg"
        if setup_cfg.is_file():
            values = _read_setup_cfg(setup_cfg)
            if values is not None:
                return _build(setup_cfg, values, "argmap")
        if (current / ".git").exists() or (current / ".hg").exists():
            break
    return Config()
