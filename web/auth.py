"""Who may use the web app: loopback without login, anything else only with [web] users.

Passwords are stored as argon2id hashes (argon2-cffi's defaults), never in plain text.
"""

from __future__ import annotations

import ipaddress
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from hoering.errors import UsageError

LOOPBACK_NAMES = ("localhost",)
# A hash to verify against when the user name is unknown, so a wrong name takes as long as
# a wrong password and does not tell an attacker which names exist.
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


class UnsafeBind(UsageError):
    """`hoering serve` asked to listen beyond this machine without users to log in."""


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost": only this machine can connect."""
    if host.strip("[]").lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, users: tuple[tuple[str, str], ...]) -> bool:
    """Whether logins are needed at `host`; UnsafeBind when they are and no user is set."""
    if users:
        return True
    if is_loopback(host):
        return False
    raise UnsafeBind(
        f"refusing to serve on {host} without logins: add users under [web.users] in the "
        "config (hash a password with `hoering web-user NAME`), or use --host 127.0.0.1"
    )


def hash_password(password: str) -> str:
    """An argon2id hash for [web.users]."""
    return _hasher.hash(password)


def verify(users: tuple[tuple[str, str], ...], name: str, password: str) -> bool:
    """Whether `password` is `name`'s password; unknown names cost the same time."""
    hashed = dict(users).get(name)
    try:
        return _hasher.verify(hashed or _DUMMY_HASH, password) and hashed is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
