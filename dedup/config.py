"""Settings without editing code: the thresholds users tune, from a file or from options.

A `dedup.toml`, or the `[tool.dedup]` table of a `pyproject.toml`, in the current directory or
the nearest parent that has one, holds the same names as the command-line options:

    near-duplicate-threshold = 0.6   # word 5-gram Jaccard at which a pair is a copy
    same-event-threshold = 0.2       # verification score at which a pair is the same event
    cluster-threshold = 0.15         # average-link score at which clusters merge
    fail-on = "same-event"           # `dedup check`: weakest relation that fails

Options override the file, the file overrides the defaults of `dedup.settings`. An index
records the match settings it was built with and refuses others (`dedup.indexing`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dedup.check_report import FAIL_ON_CHOICES
from dedup.errors import UsageError
from dedup.settings import DEFAULT_SETTINGS, Settings

CONFIG_FILE = "dedup.toml"
PYPROJECT = "pyproject.toml"

# File key → the MatchSettings field it sets.
THRESHOLDS = {
    "near-duplicate-threshold": "near_duplicate_jaccard",
    "same-event-threshold": "same_event_score",
    "cluster-threshold": "cluster_threshold",
}
FAIL_ON = "fail-on"


@dataclass(frozen=True, slots=True)
class Config:
    """What a config file (or none) sets: the settings, `dedup check`'s fail-on, and where
    they were read from."""

    settings: Settings = DEFAULT_SETTINGS
    fail_on: str | None = None
    source: Path | None = None


def find_config(start: Path) -> Path | None:
    """The `dedup.toml`, or `pyproject.toml` with a `[tool.dedup]` table, in `start` or the
    nearest parent that has one (a `dedup.toml` first in each folder)."""
    for folder in [start, *start.parents]:
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and "dedup" in _parse(pyproject).get("tool", {}):
            return pyproject
    return None


def _parse(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read the settings file ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML ({exc})") from None


def load_config(path: str | Path | None = None, *, start: Path | None = None) -> Config:
    """The config in `path`, else the one `find_config` finds from `start` (the current
    directory), else the defaults. An unknown name or a value out of range is a UsageError
    naming the file, the name and the value."""
    if path is None:
        found = find_config((start or Path.cwd()).resolve())
        if found is None:
            return Config()
        path = found
    path = Path(path)
    if not path.exists():
        raise UsageError(f"{path}: no such settings file")
    table = _parse(path)
    if path.name == PYPROJECT:
        table = table.get("tool", {}).get("dedup", {})
    return _config(table, source=path)


def _config(table: dict[str, Any], *, source: Path) -> Config:
    known = (*THRESHOLDS, FAIL_ON)
    thresholds: dict[str, float] = {}
    fail_on = None
    for key, value in table.items():
        if key == FAIL_ON:
            if value not in FAIL_ON_CHOICES:
                choices = ", ".join(FAIL_ON_CHOICES)
                raise UsageError(f"{source}: {key} = {value!r}: use one of {choices}")
            fail_on = str(value)
        elif key in THRESHOLDS:
            thresholds[key] = _threshold(value, f"{source}: {key}")
        else:
            raise UsageError(f"{source}: unknown setting {key!r}; use one of {', '.join(known)}")
    return Config(with_thresholds(DEFAULT_SETTINGS, **thresholds), fail_on, source)


def _threshold(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise UsageError(f"{where} = {value!r}: use a number above 0 and at most 1")
    return float(value)


def with_thresholds(settings: Settings, **thresholds: float | None) -> Settings:
    """`settings` with the given thresholds (file keys, `-` or `_`; None keeps the value)."""
    changes: dict[str, Any] = {}
    for key, value in thresholds.items():
        name = THRESHOLDS.get(key.replace("_", "-"))
        if name is None:
            raise UsageError(f"unknown threshold {key!r}; use one of {', '.join(THRESHOLDS)}")
        if value is not None:
            changes[name] = _threshold(value, f"--{key.replace('_', '-')}")
    if not changes:
        return settings
    return replace(settings, match=replace(settings.match, **changes))


def load_settings(path: str | Path | None = None) -> Settings:
    """The settings of a `dedup.toml` or `pyproject.toml` (`path`, else the nearest one from
    the current directory), or the defaults when there is none.

    >>> import dedup, pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "dedup.toml"
    >>> _ = path.write_text("same-event-threshold = 0.25\\n")
    >>> dedup.load_settings(path).match.same_event_score
    0.25
    """
    return load_config(path).settings
