"""Load and validate the TOML configuration into frozen dataclasses.

This is the only module that reads the config file. Every problem becomes a
`ConfigError` naming the file and the key, which the CLI prints as one line.
"""

from __future__ import annotations

import os
import stat
import subprocess
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_CONFIG = "hoering.toml"
SECURITY_MODES = ("ssl", "starttls", "plain")


class ConfigError(Exception):
    """The configuration file is missing, unreadable or invalid."""


class SecretError(Exception):
    """The IMAP password could not be obtained from its configured source."""


@dataclass(frozen=True)
class ImapConfig:
    host: str
    username: str
    port: int = 993
    security: str = "ssl"
    folders: tuple[str, ...] = ("INBOX",)
    password_env: str | None = None
    password_file: Path | None = None
    password_command: str | None = None
    ca_file: Path | None = None
    timeout: float = 60.0
    batch_size: int = 50


@dataclass(frozen=True)
class Config:
    path: Path
    store_url: str
    subject_markers: tuple[str, ...] = ("OGP-høring",)
    deadline: date | None = None
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Copenhagen"))
    imap: ImapConfig | None = None
    lock_file: Path | None = None


def resolve_config_path(explicit: Path | None) -> Path:
    """--config wins, then $HOERING_CONFIG, then ./hoering.toml."""
    if explicit is not None:
        return explicit
    return Path(os.environ.get("HOERING_CONFIG") or DEFAULT_CONFIG)


def load_config(path: Path) -> Config:
    """Read and validate the file at `path`."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: config file not found (use --config or $HOERING_CONFIG)"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return _Reader(path, raw).config()


class _Reader:
    """Pulls typed values out of the parsed TOML, naming file and key in every error."""

    def __init__(self, path: Path, raw: dict[str, Any]) -> None:
        self.path = path
        self.raw = raw
        self.base = path.resolve().parent

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
            raise self.fail(f"[{section}] {key}", f"must be {kind.__name__}, got {value!r}")
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

    def relative_path(self, value: str | None) -> Path | None:
        # Paths in the config are relative to the config file, so cron's working
        # directory does not matter.
        return None if value is None else self.base / Path(value).expanduser()

    def config(self) -> Config:
        store = self.table("store", required=True) or {}
        match = self.table("match") or {}
        consultation = self.table("consultation") or {}
        poll = self.table("poll") or {}
        return Config(
            path=self.path,
            store_url=self.store_url(store),
            subject_markers=self.str_list(match, "match", "subject_markers", ["OGP-høring"]),
            deadline=self.deadline(consultation),
            timezone=self.timezone(consultation),
            imap=self.imap(),
            lock_file=self.relative_path(self.get(poll, "poll", "lock_file", str)),
        )

    def store_url(self, store: dict[str, Any]) -> str:
        url = self.required_str(store, "store", "url")
        prefix = "sqlite:///"
        if url.startswith(prefix) and url != prefix and not url.startswith(prefix + "/"):
            # A relative SQLite path is taken relative to the config file.
            rest = url[len(prefix) :]
            if not rest.startswith(":memory:"):
                url = prefix + str(self.base / rest)
        return url

    def deadline(self, consultation: dict[str, Any]) -> date | None:
        value = consultation.get("deadline")
        if value is None:
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        raise self.fail("[consultation] deadline", f"must be a date like 2017-08-20, got {value!r}")

    def timezone(self, consultation: dict[str, Any]) -> ZoneInfo:
        name = self.get(consultation, "consultation", "timezone", str, "Europe/Copenhagen")
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail("[consultation] timezone", f"unknown time zone {name!r}") from None

    def imap(self) -> ImapConfig | None:
        imap = self.table("imap")
        if imap is None:
            return None
        security = self.get(imap, "imap", "security", str, "ssl")
        if security not in SECURITY_MODES:
            raise self.fail("[imap] security", f"must be one of {', '.join(SECURITY_MODES)}")
        port = self.get(imap, "imap", "port", int, 993 if security == "ssl" else 143)
        if not 0 < port < 65536:
            raise self.fail("[imap] port", f"must be between 1 and 65535, got {port}")
        sources = [k for k in ("password_env", "password_file", "password_command") if k in imap]
        if len(sources) != 1:
            raise self.fail(
                "[imap] password_env",
                "set exactly one of password_env, password_file, password_command",
            )
        timeout = self.get(imap, "imap", "timeout", float, 60.0)
        batch_size = self.get(imap, "imap", "batch_size", int, 50)
        if timeout <= 0 or batch_size <= 0:
            raise self.fail("[imap] timeout/batch_size", "must be positive")
        return ImapConfig(
            host=self.required_str(imap, "imap", "host"),
            username=self.required_str(imap, "imap", "username"),
            port=port,
            security=security,
            folders=self.str_list(imap, "imap", "folders", ["INBOX"]),
            password_env=self.get(imap, "imap", "password_env", str),
            password_file=self.relative_path(self.get(imap, "imap", "password_file", str)),
            password_command=self.get(imap, "imap", "password_command", str),
            ca_file=self.relative_path(self.get(imap, "imap", "ca_file", str)),
            timeout=timeout,
            batch_size=batch_size,
        )


def read_password(imap: ImapConfig) -> str:
    """Fetch the IMAP password from the environment, a file or a command. Never logged."""
    if imap.password_env:
        value = os.environ.get(imap.password_env)
        if not value:
            raise SecretError(f"environment variable {imap.password_env} is not set")
        return value
    if imap.password_file:
        return _password_from_file(imap.password_file)
    if imap.password_command:
        return _password_from_command(imap.password_command)
    raise SecretError("no password source configured")


def _password_from_file(path: Path) -> str:
    try:
        mode = path.stat().st_mode
        if mode & stat.S_IROTH:
            raise SecretError(f"{path} is readable by everyone; run: chmod 600 {path}")
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SecretError(f"cannot read password file {path}: {exc.strerror}") from None


def _password_from_command(command: str) -> str:
    try:
        result = subprocess.run(
            command, shell=True, capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        raise SecretError("password_command did not finish within 60 s") from None
    if result.returncode != 0:
        # stderr may contain anything; report only the exit status.
        raise SecretError(f"password_command failed with exit status {result.returncode}")
    password = result.stdout.strip()
    if not password:
        raise SecretError("password_command printed nothing")
    return password
