"""Read an account's login secret from where the config says it is: an environment
variable, a file or a command. The secret is returned, never logged or put in an error."""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path
from typing import Protocol

from hoering.ingest.errors import SecretError


class SecretSources(Protocol):
    """Where an account's secrets come from; config's ImapConfig is one."""

    @property
    def password_env(self) -> str | None: ...
    @property
    def password_file(self) -> Path | None: ...
    @property
    def password_command(self) -> str | None: ...
    @property
    def token_command(self) -> str | None: ...
    @property
    def client_secret_env(self) -> str | None: ...
    @property
    def client_secret_file(self) -> Path | None: ...


def read_password(imap: SecretSources) -> str:
    """Fetch the IMAP password from the environment, a file or a command. Never logged."""
    if imap.password_env:
        return _secret_from_env(imap.password_env)
    if imap.password_file:
        return _password_from_file(imap.password_file)
    if imap.password_command:
        return _password_from_command(imap.password_command)
    raise SecretError("no password source configured")


def read_token_command(imap: SecretSources) -> str:
    """Run `token_command` and return the OAuth2 access token it prints. Never logged."""
    if not imap.token_command:
        raise SecretError("no token_command configured")
    return _password_from_command(imap.token_command, "token_command")


def read_client_secret(imap: SecretSources) -> str:
    """The OAuth2 client secret, from the environment or a file. Never logged."""
    if imap.client_secret_env:
        return _secret_from_env(imap.client_secret_env)
    if imap.client_secret_file:
        return _password_from_file(imap.client_secret_file, "client secret file")
    raise SecretError("no client secret source configured")


def _secret_from_env(variable: str) -> str:
    value = os.environ.get(variable)
    if not value:
        # cron and systemd start hoering without the login shell's profile.
        raise SecretError(
            f"environment variable {variable} is not set; set it where hoering runs "
            "(cron and systemd do not read your shell profile) or name a file instead"
        )
    return value


def _password_from_file(path: Path, what: str = "password file") -> str:
    try:
        mode = path.stat().st_mode
        if mode & stat.S_IROTH:
            raise SecretError(f"{path} is readable by everyone; run: chmod 600 {path}")
        secret = path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise SecretError(
            f"cannot read {what} {path}: {exc.strerror}; {_file_hint(exc, path)}"
        ) from None
    if not secret:
        raise SecretError(f"{what} {path} is empty")
    return secret


def _file_hint(exc: OSError, path: Path) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"create it (install -m 600 /dev/null {path}) or correct the path in the config"
    if isinstance(exc, PermissionError):
        return "run hoering as the user that owns it, or give that user's group read access"
    return "check the path in the config"


def _password_from_command(command: str, key: str = "password_command") -> str:
    try:
        result = subprocess.run(
            command, shell=True, capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired:
        raise SecretError(f"{key} did not finish within 60 s") from None
    if result.returncode != 0:
        # stderr may contain anything; report only the exit status.
        raise SecretError(
            f"{key} failed with exit status {result.returncode}; run it by hand as the user "
            "hoering runs as to see why (its output is not shown here: it may hold the secret)"
        )
    password = result.stdout.strip()
    if not password:
        raise SecretError(f"{key} printed nothing")
    return password
