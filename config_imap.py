"""The [imap] section and its [[imap.accounts]]: which mailboxes poll reads and where each
one's login secret comes from (ingest.secrets reads it when poll runs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hoering.config_toml import TomlReader
from hoering.ingest.imap_auth import DEFAULT_AUTHORITY, DEFAULT_SCOPE

SECURITY_MODES = ("ssl", "starttls", "plain")
AUTH_METHODS = ("password", "oauth2")
PASSWORD_SOURCES = ("password_env", "password_file", "password_command")
TOKEN_SOURCES = ("token_command", "client_secret_env", "client_secret_file")


@dataclass(frozen=True)
class ImapConfig:
    """[imap], or one [[imap.accounts]] entry over it: a mailbox poll reads."""

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


IMAP_KEYS = frozenset(ImapConfig.__dataclass_fields__)


class ImapReader(TomlReader):
    """Reads [imap] and [[imap.accounts]] into ImapConfig, one per account."""

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
        timeout = self.positive(imap, section, "timeout", float, 60.0)
        batch_size = self.positive(imap, section, "batch_size", int, 50)
        connect_timeout = self.get(imap, section, "connect_timeout", float)
        if connect_timeout is not None and connect_timeout <= 0:
            raise self.fail(
                f"[{section}] connect_timeout", f"must be positive, got {connect_timeout:g}"
            )
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
