"""Typed values out of a parsed TOML file, every error naming the file and the key.

config.py and config_imap.py read their sections through `TomlReader`; the checks that
a value has the right type, is positive or names a file are written here once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hoering.errors import UsageError

TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}


class ConfigError(UsageError):
    """The configuration file is missing, unreadable or invalid."""


def did_you_mean(name: str, known: Iterable[str], brackets: bool = False) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; did you mean `[{close[0]}]`?" if brackets else f"; did you mean `{close[0]}`?"


class TomlReader:
    """Pulls typed values out of the parsed TOML, naming file and key in every error."""

    def __init__(self, path: Path, raw: dict[str, Any]) -> None:
        self.path = path
        self.raw = raw
        self.base = path.resolve().parent

    def check_keys(self, section: str, table: dict[str, Any], known: frozenset[str]) -> None:
        for key in table:
            if key not in known:
                raise self.fail(f"[{section}] {key}", f"unknown key{did_you_mean(key, known)}")

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.path}: {key}: {problem}")

    def table(self, name: str, required: bool = False) -> dict[str, Any] | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                raise self.fail(f"[{name}]", "section is missing")
            return None
        if not isinstance(value, dict):
            raise self.fail(f"[{name}]", "must be a table")
        return value

    def get(self, table: dict[str, Any], section: str, key: str, kind: type, default: Any = None):
        value = table.get(key, default)
        if value is None:
            return None
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            wanted = TYPE_NAMES.get(kind, kind.__name__)
            raise self.fail(f"[{section}] {key}", f"must be {wanted}, got {value!r}")
        return value

    def required_str(self, table: dict[str, Any], section: str, key: str) -> str:
        value = self.get(table, section, key, str)
        if not value:
            raise self.fail(f"[{section}] {key}", "is required")
        return value

    def str_list(self, table: dict[str, Any], section: str, key: str, default: list[str]):
        value = table.get(key, default)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise self.fail(f"[{section}] {key}", "must be a non-empty list of strings")
        return tuple(value)

    def file_path(self, table: dict[str, Any], section: str, key: str) -> Path | None:
        """A file named in the config, relative to the config file (so cron's working
        directory does not matter); an empty value would name the config's folder."""
        value = self.get(table, section, key, str)
        if value is None:
            return None
        if not value.strip():
            raise self.fail(f"[{section}] {key}", "is empty; name a file, or leave the key out")
        return self.base / Path(value).expanduser()

    def positive_int(self, table: dict[str, Any], section: str, key: str, default: int) -> int:
        value = self.get(table, section, key, int, default)
        if value < 1:
            raise self.fail(f"[{section}] {key}", f"must be at least 1, got {value}")
        return value

    def positive(self, table: dict[str, Any], section: str, key: str, kind: type, default):
        value = self.get(table, section, key, kind, default)
        if value <= 0:
            raise self.fail(f"[{section}] {key}", f"must be positive, got {value}")
        return value
