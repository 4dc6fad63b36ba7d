"""Load and validate the TOML configuration into frozen dataclasses.

This is the only module that reads the config file, and the public entry to it: the
[imap] section is read in config_imap.py, typed values in config_toml.py. Every problem
becomes a `ConfigError` naming the file and the key, which the CLI prints as one line.
"""

from __future__ import annotations

import ipaddress
import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from hoering.analysis.hearing_list import HearingParty, unknown_parties
from hoering.analysis.registry import Registry, RegistryError, default_registry, load_registry
from hoering.analysis.themes import DEFAULT_CODEBOOK, Codebook, CodebookError, codebook_from_mapping
from hoering.config_imap import IMAP_KEYS, ImapConfig, ImapReader
from hoering.config_notat import NOTAT_KEYS, NotatConfig, read_notat
from hoering.config_toml import ConfigError, did_you_mean
from hoering.parse.limits import (
    EXTRACT_MEMORY_MB,
    EXTRACT_TIMEOUT_SECONDS,
    MAX_ATTACHMENT_MB,
    MIB,
    ExtractLimits,
)
from hoering.vocab import DECISION_CHARS, DECISIONS, NO_DECISION

DEFAULT_CONFIG = "hoering.toml"
ACTIONS = ("none", "flag", "seen", "move")


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
    # [respondents] registry: the shipped registry of Danish bodies plus the configured file's.
    respondent_registry: Registry = field(default_factory=default_registry)
    web: WebConfig = field(default_factory=WebConfig)
    # The decisions reviewers choose from: vocab.DECISIONS, then [review] decisions.
    decisions: tuple[str, ...] = DECISIONS
    # [notat]: office, where it was published, the høringsliste, citizens named, template.
    notat: NotatConfig = field(default_factory=NotatConfig)

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
    "respondents": frozenset({"registry"}),
    "web": frozenset({"users", "trusted_proxies"}),
    "review": frozenset({"decisions"}),
    "notat": NOTAT_KEYS,
}


class _Reader(ImapReader):
    """Reads every section of the file into one Config."""

    def check_names(self) -> None:
        """Every section and key must be one hoering reads (KNOWN_KEYS)."""
        for section, value in self.raw.items():
            if section not in KNOWN_KEYS:
                hint = did_you_mean(section, KNOWN_KEYS, brackets=True)
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

    def config(self) -> Config:
        self.check_names()
        store = self.table("store", required=True) or {}
        match = self.table("match") or {}
        consultation = self.table("consultation") or {}
        poll = self.table("poll") or {}
        accounts = self.accounts()
        notat = read_notat(self)
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
            respondent_registry=self.respondent_registry(notat.hearing_list),
            web=self.web(),
            decisions=self.decisions(),
            notat=notat,
        )

    def decisions(self) -> tuple[str, ...]:
        """[review] decisions: more decisions after the built-in ones (vocab.Decision)."""
        review = self.table("review") or {}
        if "decisions" not in review:
            return DECISIONS
        extra = self.str_list(review, "review", "decisions", [])
        for value in extra:
            if len(value) > DECISION_CHARS or value.strip().casefold() == NO_DECISION:
                raise self.fail(
                    "[review] decisions",
                    f"{value!r}: a decision has 1 to {DECISION_CHARS} characters and is not "
                    f'"{NO_DECISION}" (that word clears one)',
                )
        return tuple(dict.fromkeys([*DECISIONS, *(" ".join(v.split()) for v in extra)]))

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

    def respondent_registry(self, hearing_list: tuple[HearingParty, ...] = ()) -> Registry:
        """[respondents] registry: a TOML file of more bodies, added to the shipped one;
        then the høringsliste's parties that neither knows yet."""
        respondents = self.table("respondents") or {}
        path = self.file_path(respondents, "respondents", "registry")
        base = default_registry()
        try:
            base = base.extended(load_registry(path)) if path else base
            return base.extended(unknown_parties(base, hearing_list))
        except (OSError, UnicodeDecodeError) as exc:
            raise self.fail("[respondents] registry", f"cannot read {path}: {exc}") from None
        except RegistryError as exc:
            raise self.fail("[respondents] registry", f"{path}: {exc}") from None

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
