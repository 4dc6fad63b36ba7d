"""Load and validate the TOML configuration into frozen dataclasses.

This is the only module that reads the config file. Every problem becomes a
`ConfigError` naming the file and the key, which the CLI prints as one line.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
import stat
import subprocess
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hoering.analysis.themes import DEFAULT_CODEBOOK, Codebook, CodebookError, codebook_from_mapping
from hoering.errors import UsageError
from hoering.ingest.imap_auth import DEFAULT_AUTHORITY, DEFAULT_SCOPE
from hoering.parse.limits import (
    EXTRACT_MEMORY_MB,
    EXTRACT_TIMEOUT_SECONDS,
    MAX_ATTACHMENT_MB,
    MIB,
    ExtractLimits,
)

DEFAULT_CONFIG = "hoering.toml"
SECURITY_MODES = ("ssl", "starttls", "plain")
ACTIONS = ("none", "flag", "seen", "move")
AUTH_METHODS = ("password", "oauth2")
PASSWORD_SOURCES = ("password_env", "password_file", "password_command")
TOKEN_SOURCES = ("token_command", "client_secret_env", "client_secret_file")


class ConfigError(UsageError):
    """The configuration file is missing, unreadable or invalid."""


class SecretError(UsageError):
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
    connect_timeout: float | None = None  # None: `timeout`
    auth: str = "password"  # or "oauth2" (XOAUTH2 with a bearer token)
    token_command: str | None = None  # oauth2: prints an access token
    tenant: str | None = None  # oauth2 client credentials (msal) ...
    client_id: str | None = None
    client_secret_env: str | None = None
    client_secret_file: Path | None = None
    scope: str = DEFAULT_SCOPE
    authority: str = DEFAULT_AUTHORITY


@dataclass(frozen=True)
class ActionsConfig:
    """[actions]: what poll does to a reply in the mailbox once it is safely stored."""

    after: str = "none"  # none | flag | seen | move
    move_to: str = "OGP/Behandlet"
    flag: str = "\\Flagged"  # Exchange has no custom keywords, so a system flag by default


@dataclass(frozen=True)
class ExtractConfig:
    """[extract]: what reading one attachment may cost; `limits` goes to the extractors."""

    timeout_seconds: float = EXTRACT_TIMEOUT_SECONDS
    memory_mb: int = EXTRACT_MEMORY_MB
    max_attachment_mb: float = MAX_ATTACHMENT_MB
    workers: int = 0  # extraction worker processes; 0: one per usable CPU core
    limits: ExtractLimits = field(default_factory=ExtractLimits)


@dataclass(frozen=True)
class WebConfig:
    """[web]: who may log in to `hoering serve`; users maps a name to an argon2 hash."""

    users: tuple[tuple[str, str], ...] = ()
    # Addresses (or networks) of the HTTPS proxies in front of the desk: only their
    # X-Forwarded-For and X-Forwarded-Proto are believed.
    trusted_proxies: tuple[str, ...] = ()


DEFAULT_TITLE = "Udkast til Danmarks handlingsplan for Open Government Partnership 2017-2019"


@dataclass(frozen=True)
class Config:
    path: Path
    store_url: str
    subject_markers: tuple[str, ...] = ("OGP-høring",)
    deadline: date | None = None
    # The consultation's name and first day, for the høringsnotat (`hoering notat`).
    title: str = DEFAULT_TITLE
    start: date | None = None
    # Shown in the høringsnotat's header: the sending authority and its case number.
    ministry: str = ""
    journal_number: str = ""
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Copenhagen"))
    imap: ImapConfig | None = None  # the first (often only) account
    lock_file: Path | None = None
    accounts: tuple[ImapConfig, ...] = ()  # every account, in config order; poll reads each
    extract: ExtractConfig = field(default_factory=ExtractConfig)
    max_attempts: int = 3  # parses of a failing message before it is parked
    actions: ActionsConfig = field(default_factory=ActionsConfig)
    # [themes] codebook: the themes proposals are tagged with (analysis.themes).
    codebook: Codebook = DEFAULT_CODEBOOK
    web: WebConfig = field(default_factory=WebConfig)

    def __post_init__(self) -> None:
        if self.imap is not None and not self.accounts:
            object.__setattr__(self, "accounts", (self.imap,))


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


TYPE_NAMES = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}
IMAP_KEYS = frozenset(ImapConfig.__dataclass_fields__)
# Every section and key the file may hold. Anything else is an error, not ignored: a
# misspelt `deadlin` would silently turn off every late flag.
KNOWN_KEYS: dict[str, frozenset[str]] = {
    "imap": IMAP_KEYS | {"accounts"},
    "match": frozenset({"subject_markers"}),
    "store": frozenset({"url"}),
    "consultation": frozenset(
        {"deadline", "timezone", "title", "start", "ministry", "journal_number"}
    ),
    "poll": frozenset({"lock_file", "max_attempts"}),
    "actions": frozenset(ActionsConfig.__dataclass_fields__),
    "extract": frozenset(
        {"timeout_seconds", "memory_mb", "max_attachment_mb", "workers", "archive_total_mb"}
        | {"archive_entries", "nesting_depth", "compression_ratio", "ocr", "ocr_pages"}
        | {"ocr_languages", "ocr_page_seconds", "max_text_chars", "max_message_text_chars"}
    ),
    "themes": frozenset({"codebook"}),
    "web": frozenset({"users", "trusted_proxies"}),
}


def _did_you_mean(name: str, known: Iterable[str], brackets: bool = False) -> str:
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if not close:
        return ""
    return f"; did you mean `[{close[0]}]`?" if brackets else f"; did you mean `{close[0]}`?"


class _Reader:
    """Pulls typed values out of the parsed TOML, naming file and key in every error."""

    def __init__(self, path: Path, raw: dict[str, Any]) -> None:
        self.path = path
        self.raw = raw
        self.base = path.resolve().parent

    def check_names(self) -> None:
        """Every section and key must be one hoering reads (KNOWN_KEYS)."""
        for section, value in self.raw.items():
            if section not in KNOWN_KEYS:
                hint = _did_you_mean(section, KNOWN_KEYS, brackets=True)
                raise self.fail(f"[{section}]", f"unknown section{hint}")
            if isinstance(value, dict):
                self.check_keys(section, value, KNOWN_KEYS[section])
        accounts = self.raw.get("imap", {}).get("accounts") if self.imap_is_table() else None
        if isinstance(accounts, list):
            for number, entry in enumerate(accounts, start=1):
                if isinstance(entry, dict):
                    self.check_keys(f"imap.accounts #{number}", entry, IMAP_KEYS)

    def imap_is_table(self) -> bool:
        return isinstance(self.raw.get("imap"), dict)

    def check_keys(self, section: str, table: dict[str, Any], known: frozenset[str]) -> None:
        for key in table:
            if key not in known:
                raise self.fail(f"[{section}] {key}", f"unknown key{_did_you_mean(key, known)}")

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

    def config(self) -> Config:
        self.check_names()
        store = self.table("store", required=True) or {}
        match = self.table("match") or {}
        consultation = self.table("consultation") or {}
        poll = self.table("poll") or {}
        accounts = self.accounts()
        return Config(
            path=self.path,
            store_url=self.store_url(store),
            subject_markers=self.str_list(match, "match", "subject_markers", ["OGP-høring"]),
            deadline=self.deadline(consultation),
            title=self.get(consultation, "consultation", "title", str, DEFAULT_TITLE),
            start=self.deadline(consultation, "start"),
            ministry=self.get(consultation, "consultation", "ministry", str, ""),
            journal_number=self.get(consultation, "consultation", "journal_number", str, ""),
            timezone=self.timezone(consultation),
            imap=accounts[0] if accounts else None,
            lock_file=self.file_path(poll, "poll", "lock_file"),
            max_attempts=self.positive_int(poll, "poll", "max_attempts", 3),
            actions=self.actions(),
            extract=self.extract(),
            accounts=accounts,
            codebook=self.codebook(),
            web=self.web(),
        )

    def web(self) -> WebConfig:
        """[web] users: name = "$argon2id$..." (from `hoering web-user NAME`), never a password."""
        users = (self.table("web") or {}).get("users", {})
        if not isinstance(users, dict):
            raise self.fail("[web] users", "must be a table of name = hash")
        for name, hashed in users.items():
            if not isinstance(hashed, str) or not hashed.startswith("$argon2"):
                raise self.fail(
                    f"[web.users] {name}", "must be an argon2 hash from `hoering web-user NAME`"
                )
        return WebConfig(users=tuple(sorted(users.items())), trusted_proxies=self.proxies())

    def proxies(self) -> tuple[str, ...]:
        """[web] trusted_proxies: IP addresses or networks ("10.0.0.5", "10.0.0.0/24")."""
        web = self.table("web") or {}
        if "trusted_proxies" not in web:
            return ()
        proxies = self.str_list(web, "web", "trusted_proxies", [])
        for proxy in proxies:
            try:
                ipaddress.ip_network(proxy.strip(), strict=False)
            except ValueError:
                raise self.fail(
                    "[web] trusted_proxies", f"{proxy!r} is not an IP address or network"
                ) from None
        return tuple(proxy.strip() for proxy in proxies)

    def codebook(self) -> Codebook:
        """[themes] codebook: a TOML file with `version` and [[themes]]; else the default."""
        themes = self.table("themes") or {}
        path = self.file_path(themes, "themes", "codebook")
        if path is None:
            return DEFAULT_CODEBOOK
        try:
            return codebook_from_mapping(tomllib.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise self.fail("[themes] codebook", f"cannot read {path}: {exc}") from None
        except CodebookError as exc:
            raise self.fail("[themes] codebook", f"{path}: {exc}") from None

    def positive_int(self, table: dict[str, Any], section: str, key: str, default: int) -> int:
        value = self.get(table, section, key, int, default)
        if value < 1:
            raise self.fail(f"[{section}] {key}", f"must be at least 1, got {value}")
        return value

    def actions(self) -> ActionsConfig:
        actions = self.table("actions") or {}
        after = self.get(actions, "actions", "after", str, "none")
        if after not in ACTIONS:
            raise self.fail("[actions] after", f"must be one of {', '.join(ACTIONS)}")
        move_to = self.get(actions, "actions", "move_to", str, ActionsConfig.move_to)
        if not move_to.strip():
            raise self.fail("[actions] move_to", "must name a folder")
        flag = self.get(actions, "actions", "flag", str, ActionsConfig.flag)
        # An IMAP flag is an atom: a system flag like \Flagged or a keyword without spaces.
        if not re.fullmatch(r"\\?[^\s()\\{%*\"\]]+", flag):
            raise self.fail(
                "[actions] flag", f"must be \\Flagged or a keyword without spaces, got {flag!r}"
            )
        return ActionsConfig(after=after, move_to=move_to, flag=flag)

    def positive(self, table: dict[str, Any], section: str, key: str, kind: type, default):
        value = self.get(table, section, key, kind, default)
        if value <= 0:
            raise self.fail(f"[{section}] {key}", f"must be positive, got {value}")
        return value

    def extract(self) -> ExtractConfig:
        """[extract]: the sandbox's limits, then the archive and OCR limits of parse.limits."""
        table = self.table("extract") or {}
        base = ExtractLimits()

        def number(key: str, kind: type, default):
            return self.positive(table, "extract", key, kind, default)

        languages = self.get(table, "extract", "ocr_languages", str, base.ocr_languages)
        if not re.fullmatch(r"[A-Za-z_]+(\+[A-Za-z_]+)*", languages):
            raise self.fail("[extract] ocr_languages", f'must be like "dan+eng", got {languages!r}')
        limits = ExtractLimits(
            archive_total_bytes=number("archive_total_mb", int, base.archive_total_bytes // MIB)
            * MIB,
            archive_entries=number("archive_entries", int, base.archive_entries),
            nesting_depth=number("nesting_depth", int, base.nesting_depth),
            compression_ratio=number("compression_ratio", int, base.compression_ratio),
            ocr=self.get(table, "extract", "ocr", bool, base.ocr),
            ocr_pages=number("ocr_pages", int, base.ocr_pages),
            ocr_languages=languages,
            ocr_page_seconds=number("ocr_page_seconds", float, base.ocr_page_seconds),
            text_chars=number("max_text_chars", int, base.text_chars),
            message_text_chars=number("max_message_text_chars", int, base.message_text_chars),
        )
        workers = self.get(table, "extract", "workers", int, ExtractConfig.workers)
        if workers < 0:
            raise self.fail("[extract] workers", f"must be 0 (one per core) or more, got {workers}")
        return ExtractConfig(
            workers=workers,
            timeout_seconds=number("timeout_seconds", float, ExtractConfig.timeout_seconds),
            memory_mb=number("memory_mb", int, ExtractConfig.memory_mb),
            max_attachment_mb=number("max_attachment_mb", float, ExtractConfig.max_attachment_mb),
            limits=limits,
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

    def deadline(self, consultation: dict[str, Any], key: str = "deadline") -> date | None:
        value = consultation.get(key)
        if value is None:
            return None
        if isinstance(value, date) and not hasattr(value, "hour"):
            return value
        raise self.fail(f"[consultation] {key}", f"must be a date like 2017-08-20, got {value!r}")

    def timezone(self, consultation: dict[str, Any]) -> ZoneInfo:
        name = self.get(consultation, "consultation", "timezone", str, "Europe/Copenhagen")
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail("[consultation] timezone", f"unknown time zone {name!r}") from None

    def accounts(self) -> tuple[ImapConfig, ...]:
        """[imap] alone is one account; each [[imap.accounts]] entry is one, inheriting [imap]."""
        imap = self.table("imap")
        if imap is None:
            return ()
        base = {key: value for key, value in imap.items() if key != "accounts"}
        entries = imap.get("accounts")
        if entries is None:
            return (self.imap(base, "imap"),)
        tables = isinstance(entries, list) and all(isinstance(e, dict) for e in entries)
        if not tables or not entries:
            raise self.fail("[[imap.accounts]]", "must be one or more tables")
        accounts: list[ImapConfig] = []
        for number, entry in enumerate(entries, start=1):
            section = f"imap.accounts #{number}"
            account = self.imap(_inherit(base, entry), section)
            for other_number, other in enumerate(accounts, start=1):
                if (other.username, other.host.lower()) == (account.username, account.host.lower()):
                    raise self.fail(f"[{section}] username", f"same account as #{other_number}")
            accounts.append(account)
        return tuple(accounts)

    def imap(self, imap: dict[str, Any], section: str) -> ImapConfig:
        security = self.get(imap, section, "security", str, "ssl")
        if security not in SECURITY_MODES:
            raise self.fail(f"[{section}] security", f"must be one of {', '.join(SECURITY_MODES)}")
        port = self.get(imap, section, "port", int, 993 if security == "ssl" else 143)
        if not 0 < port < 65536:
            raise self.fail(f"[{section}] port", f"must be between 1 and 65535, got {port}")
        timeout = self.get(imap, section, "timeout", float, 60.0)
        connect_timeout = self.get(imap, section, "connect_timeout", float)
        batch_size = self.get(imap, section, "batch_size", int, 50)
        if timeout <= 0 or batch_size <= 0:
            raise self.fail(f"[{section}] timeout/batch_size", "must be positive")
        if connect_timeout is not None and connect_timeout <= 0:
            raise self.fail(f"[{section}] connect_timeout", "must be positive")
        return ImapConfig(
            host=self.required_str(imap, section, "host"),
            username=self.required_str(imap, section, "username"),
            port=port,
            security=security,
            folders=self.str_list(imap, section, "folders", ["INBOX"]),
            ca_file=self.file_path(imap, section, "ca_file"),
            timeout=timeout,
            batch_size=batch_size,
            connect_timeout=connect_timeout,
            **self.credentials(imap, section),
        )

    def credentials(self, imap: dict[str, Any], section: str) -> dict[str, Any]:
        """The auth method and where its secret comes from: exactly one source."""
        auth = self.get(imap, section, "auth", str, "password")
        if auth not in AUTH_METHODS:
            raise self.fail(f"[{section}] auth", f"must be one of {', '.join(AUTH_METHODS)}")
        allowed = PASSWORD_SOURCES if auth == "password" else TOKEN_SOURCES
        sources = [key for key in (*PASSWORD_SOURCES, *TOKEN_SOURCES) if key in imap]
        if len(sources) != 1 or sources[0] not in allowed:
            raise self.fail(
                f"[{section}] {allowed[0]}",
                f'with auth = "{auth}", set exactly one of {", ".join(allowed)}',
            )
        found = {
            "auth": auth,
            "password_env": self.get(imap, section, "password_env", str),
            "password_file": self.file_path(imap, section, "password_file"),
            "password_command": self.get(imap, section, "password_command", str),
            "token_command": self.get(imap, section, "token_command", str),
        }
        if sources[0] in ("client_secret_env", "client_secret_file"):
            found.update(self.client_credentials(imap, section))
        return found

    def client_credentials(self, imap: dict[str, Any], section: str) -> dict[str, Any]:
        """The Entra ID app registration for msal's client-credentials flow."""
        authority = self.get(imap, section, "authority", str, DEFAULT_AUTHORITY)
        if not authority.startswith("https://") or len(authority) <= len("https://"):
            raise self.fail(f"[{section}] authority", "must be an https:// URL")
        return {
            "tenant": self.required_str(imap, section, "tenant"),
            "client_id": self.required_str(imap, section, "client_id"),
            "client_secret_env": self.get(imap, section, "client_secret_env", str),
            "client_secret_file": self.file_path(imap, section, "client_secret_file"),
            "scope": self.get(imap, section, "scope", str, DEFAULT_SCOPE),
            "authority": authority,
        }


def _inherit(base: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """An account entry over the [imap] defaults; its own secret source replaces [imap]'s."""
    if any(key in entry for key in (*PASSWORD_SOURCES, *TOKEN_SOURCES)):
        base = {k: v for k, v in base.items() if k not in (*PASSWORD_SOURCES, *TOKEN_SOURCES)}
    return {**base, **entry}


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


def read_token_command(imap: ImapConfig) -> str:
    """Run `token_command` and return the OAuth2 access token it prints. Never logged."""
    if not imap.token_command:
        raise SecretError("no token_command configured")
    return _password_from_command(imap.token_command, "token_command")


def read_client_secret(imap: ImapConfig) -> str:
    """The OAuth2 client secret, from the environment or a file. Never logged."""
    if imap.client_secret_env:
        value = os.environ.get(imap.client_secret_env)
        if not value:
            raise SecretError(f"environment variable {imap.client_secret_env} is not set")
        return value
    if imap.client_secret_file:
        return _password_from_file(imap.client_secret_file, "client secret file")
    raise SecretError("no client secret source configured")


def _password_from_file(path: Path, what: str = "password file") -> str:
    try:
        mode = path.stat().st_mode
        if mode & stat.S_IROTH:
            raise SecretError(f"{path} is readable by everyone; run: chmod 600 {path}")
        secret = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SecretError(f"cannot read {what} {path}: {exc.strerror}") from None
    if not secret:
        raise SecretError(f"{what} {path} is empty")
    return secret


def _password_from_command(command: str, key: str = "password_command") -> str:
    try:
        result = subprocess.run(
            command, shell=True, capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        raise SecretError(f"{key} did not finish within 60 s") from None
    if result.returncode != 0:
        # stderr may contain anything; report only the exit status.
        raise SecretError(f"{key} failed with exit status {result.returncode}")
    password = result.stdout.strip()
    if not password:
        raise SecretError(f"{key} printed nothing")
    return password
