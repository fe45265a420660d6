"""Project configuration: ``[tool.argmap]`` in pyproject.toml or ``[argmap]`` in setup.cfg.

Found by walking up from the map's folder (or the current folder for standard
input) to the repository root (a folder holding ``.git`` or ``.hg``); the first
file with an argmap section wins. In each folder pyproject.toml is read before
setup.cfg. Keys::

    [tool.argmap]                      [argmap]
    select = ["E", "W201"]             select = E, W201
    ignore = ["W205"]                  ignore = W205
    sources = ["sources"]              sources = sources
    strict = true                      strict = true
    format = "text"                    format = text     (json, github, sarif, gitlab)
    color = "auto"                     color = auto
    allow-outside = false              allow-outside = false
    [tool.argmap.per-file-ignores]     per-file-ignores =
    "maps/legacy/*.arg" = ["W201"]         maps/legacy/*.arg: W201

``sources`` and per-file-ignores patterns are relative to the config file's folder.

Trust: a config file found next to a map came with the map (a pull request
can add or change it), so it cannot widen what argmap reads. From such a file
``allow-outside = true`` is ignored and a ``sources`` folder outside the
repository (the folder holding ``.git`` or ``.hg``; without one, the config
file's folder) is ignored, each with a warning (:func:`access`). Only the
command line (``--sources``, ``--allow-outside``, ``--config FILE``) and the
environment (``ARGMAP_SOURCES``, ``ARGMAP_ALLOW_OUTSIDE``) may point outside.
"""

from __future__ import annotations

import configparser
import contextlib
import difflib
import fnmatch
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmap.errors import InputError

__all__ = ["Access", "Config", "ConfigError", "access", "find_config", "load_config", "parse_codes", "KEYS"]

KEYS = ("select", "ignore", "sources", "strict", "format", "color", "allow-outside", "per-file-ignores")
_FORMATS = ("text", "json", "github", "sarif", "gitlab")
_COLORS = ("auto", "always", "never")
_CODE = re.compile(r"^[EW]\d{0,3}$")


class ConfigError(InputError):
    """The configuration file is unreadable or has a bad key or value."""


@dataclass(frozen=True)
class Config:
    """Settings from one config file (``path`` None: no config file).

    ``trusted``: the file was named by the user (``--config FILE``), so its
    ``sources`` and ``allow-outside`` are honoured as written; a file found
    next to the map is not (see :func:`access`). ``root``: the folder its
    ``sources`` must stay inside (the repository, else the file's folder)."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    sources: tuple[Path, ...] = ()
    strict: bool | None = None
    format: str | None = None
    color: str | None = None
    allow_outside: bool | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    trusted: bool = False
    root: Path | None = None

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


def _build(path: Path, values: dict[str, Any], section: str, trusted: bool = False) -> Config:
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
    return Config(path=path, trusted=trusted, root=_repository_root(path.parent), **fields)


def _repository_root(folder: Path) -> Path:
    """The repository ``folder`` is in (a folder with ``.git`` or ``.hg``), else ``folder``."""
    try:
        start = folder.resolve()
    except OSError:
        return folder
    for current in (start, *start.parents):
        if (current / ".git").exists() or (current / ".hg").exists():
            return current
    return start


MAX_CONFIG_BYTES = 4 * 1024 * 1024


def _read_text(path: Path) -> str:
    """A config file's text, read with a cap (OSError or UnicodeDecodeError otherwise)."""
    with path.open("rb") as handle:
        data = handle.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise OSError(f"more than {MAX_CONFIG_BYTES // (1024 * 1024)} MB")
    return data.decode("utf-8-sig")


def _refuse_outside(path: Path, root: Path) -> None:
    """A config file found next to a map that is a symlink leading out of the
    repository is not read (it could show another file's lines in a message)."""
    if not _inside(path, root):
        raise ConfigError(f"{path} is a link to a file outside the repository ({_resolved(path)}); "
                          "argmap does not read it: name a config with --config, or use --no-config")


def _read_pyproject(path: Path) -> dict[str, Any] | None:
    try:
        import tomllib  # type: ignore[import-not-found]
    except ImportError:  # Python 3.10
        import tomli as tomllib
    try:
        data = tomllib.loads(_read_text(path))
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
        parser.read_string(_read_text(path), source=str(path))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    except configparser.Error as exc:
        raise ConfigError(f"{path}: not a valid setup.cfg: {exc}".split("\n")[0]) from None
    if not parser.has_section("argmap"):
        return None
    return dict(parser.items("argmap"))


def load_config(path: str | Path, *, trusted: bool = True) -> Config:
    """Read one config file (pyproject.toml, setup.cfg, or any .toml/.cfg/.ini).
    A file named by the user is ``trusted`` (its paths may lead anywhere)."""
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"config file {file} not found")
    if file.suffix == ".toml":
        values = _read_pyproject(file)
        if values is None:
            # a dedicated argmap.toml may hold the keys at the top level
            values = {} if file.name == "pyproject.toml" else _read_toml_top(file)
        return _build(file, values, "tool.argmap", trusted)
    values = _read_setup_cfg(file)
    return _build(file, values or {}, "argmap", trusted)


def _read_toml_top(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(_read_text(path))
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
            _refuse_outside(pyproject, _repository_root(current))
            values = _read_pyproject(pyproject)
            if values is not None:
                return _build(pyproject, values, "tool.argmap")
        setup_cfg = current / "setup.cfg"
        if setup_cfg.is_file():
            _refuse_outside(setup_cfg, _repository_root(current))
            values = _read_setup_cfg(setup_cfg)
            if values is not None:
                return _build(setup_cfg, values, "argmap")
        if (current / ".git").exists() or (current / ".hg").exists():
            break
    return Config()


_TRUE = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class Access:
    """What one run may read besides the map's own folder: the folders where
    source files are looked for, whether paths may leave the map's folder, and
    the warnings about config settings that were not honoured."""

    sources: tuple[str, ...] = ()
    allow_outside: bool = False
    warnings: tuple[str, ...] = ()


def access(
    config: Config,
    sources: Iterable[str] = (),
    allow_outside: bool | None = None,
    environ: Mapping[str, str] | None = None,
) -> Access:
    """Combine the command line (``sources``, ``allow_outside``: None when
    not given), the environment (``ARGMAP_SOURCES``: folders separated by
    ``os.pathsep``; ``ARGMAP_ALLOW_OUTSIDE=1``) and ``config``.

    The command line and the environment are the user's and are honoured as
    given. A config file found next to the map is not trusted: its
    ``allow-outside = true`` is ignored, and so is each of its ``sources``
    that resolves outside its repository (symlinks followed); each ignored
    setting gives a warning that says how to grant it."""
    env = os.environ if environ is None else environ
    given = list(sources) + [s for s in env.get("ARGMAP_SOURCES", "").split(os.pathsep) if s.strip()]
    warnings: list[str] = []
    folders = list(given)
    granted = {_resolved(Path(s)) for s in given}
    for folder in config.sources:
        if _resolved(folder) in granted:
            continue  # given on the command line or in the environment already
        if config.trusted or config.root is None:
            folders.append(str(folder))
            continue
        if _inside(folder, config.root):
            folders.append(str(folder))
            continue
        warnings.append(
            f"{config.path}: sources folder '{_written(folder, config)}' is outside the repository "
            f"({config.root}); ignored, since a config file found next to a map cannot widen what argmap "
            f"reads: pass --sources {_resolved(folder)} (or set ARGMAP_SOURCES) if you trust it"
        )
    if allow_outside is None and env.get("ARGMAP_ALLOW_OUTSIDE", "").strip().lower() in _TRUE:
        allow_outside = True
    if allow_outside is None:
        allow_outside = bool(config.allow_outside) and config.trusted
        if config.allow_outside and not config.trusted:
            warnings.append(
                f"{config.path}: allow-outside = true is ignored in a config file found next to a map; "
                "pass --allow-outside (or set ARGMAP_ALLOW_OUTSIDE=1) if you trust the map"
            )
    return Access(tuple(dict.fromkeys(folders)), bool(allow_outside), tuple(warnings))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _inside(path: Path, root: Path) -> bool:
    return _resolved(path).is_relative_to(_resolved(root))


def _written(folder: Path, config: Config) -> str:
    if config.path is None:
        return str(folder)
    try:
        return folder.relative_to(config.path.parent).as_posix()
    except ValueError:
        return str(folder)
