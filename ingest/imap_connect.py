"""Reach and log in to one IMAP account: TLS, STARTTLS or plain (loopback), LOGIN or XOAUTH2,
each failure one clear ImapError with the secret redacted."""

from __future__ import annotations

import contextlib
import imaplib
import ipaddress
import logging
import socket
import ssl
from dataclasses import dataclass, field
from typing import Literal, Protocol

from imapclient import IMAPClient, SocketTimeout
from imapclient.exceptions import CapabilityError, LoginError

from hoering.ingest import imap_auth
from hoering.ingest.errors import ImapAuthError, ImapConnectionError, ImapError

# The name the log lines had before this module left ingest/imap.py; log filters match it.
log = logging.getLogger("hoering.ingest.imap")

Security = Literal["ssl", "starttls", "plain"]


@dataclass(frozen=True)
class ImapSettings:
    """How to reach one IMAP account; pipeline/accounts.py builds it from the config."""

    host: str
    port: int
    security: Security
    username: str
    password: str = field(repr=False)  # the password, or the access token for oauth2
    folders: tuple[str, ...] = ("INBOX",)
    ca_file: str | None = None  # None: the system's trusted CAs
    timeout: float = 60.0  # seconds for each socket read (and connecting, by default)
    batch_size: int = 50  # messages per FETCH
    auth: imap_auth.Auth = "password"
    connect_timeout: float | None = None  # TCP, TLS and greeting; None: `timeout`

    def __post_init__(self) -> None:
        if self.security not in ("ssl", "starttls", "plain"):
            raise ValueError(f"security must be ssl, starttls or plain, not {self.security!r}")
        if self.auth not in imap_auth.AUTH_METHODS:
            raise ValueError(f"auth must be password or oauth2, not {self.auth!r}")
        if self.batch_size < 1:
            raise ValueError("batch_size must be at least 1")


class _Login(Protocol):
    host: str
    username: str


def account_id(settings: _Login) -> str:
    """A stable name for the mailbox: "user@host", or "user@domain/host" for e-mail logins.

    Port and security are left out: UIDs belong to the mailbox, not to the way we reach it.
    """
    host = settings.host.lower()
    if "@" in settings.username:
        return f"{settings.username}/{host}"
    return f"{settings.username}@{host}"


def connect(settings: ImapSettings) -> IMAPClient:
    """Open a connection and log in (use it in `with` to log out); raise ImapError subclasses."""
    client = _open(settings)
    try:
        imap_auth.login(client, settings.auth, settings.username, settings.password)
    except LoginError as exc:
        hint = _missing_mechanism(client, settings)
        _close(client)
        raise _login_failure(exc, settings, hint) from None  # the chain only repeats the text
    except (OSError, imaplib.IMAP4.abort) as exc:  # a timeout or a drop during AUTHENTICATE
        _close(client)
        reason = _redact(str(exc) or type(exc).__name__, settings.password)
        raise ImapConnectionError(f"IMAP connection to {_where(settings)} lost: {reason}") from None
    return client


def _missing_mechanism(client: IMAPClient, settings: ImapSettings) -> str:
    """A hint when XOAUTH2 was refused by a server that never offered it (a wrong host)."""
    if settings.auth != "oauth2":
        return ""
    try:
        # imaplib read the capabilities when it connected; no command is sent for this.
        offered = b"AUTH=XOAUTH2" in client.capabilities()
    except (OSError, imaplib.IMAP4.error):
        return ""
    return "" if offered else " (the server does not offer AUTH=XOAUTH2)"


def _login_failure(exc: LoginError, settings: ImapSettings, hint: str = "") -> ImapError:
    reason = _redact(_unquote_bytes(str(exc)), settings.password) + hint
    # imapclient turns every error during LOGIN into LoginError, also imaplib's abort for a
    # timeout or a dropped connection; that original survives as __context__.
    if isinstance(exc.__context__, imaplib.IMAP4.abort):
        return ImapConnectionError(f"IMAP connection to {_where(settings)} lost: {reason}")
    method = "XOAUTH2 login" if settings.auth == "oauth2" else "login"
    return ImapAuthError(
        f"IMAP {method} as {settings.username} on {_where(settings)} refused: "
        f"{reason.rstrip('. ')}; {LOGIN_HINTS[settings.auth]}"
    )


# What the operator does next; `hoering doctor` names where the secret came from.
LOGIN_HINTS = {
    "password": "check `username` and the password (`hoering doctor` says where it is read from)",
    "oauth2": "check that the token is current and the app may open this mailbox "
    "(README: OAuth2 for Exchange Online, steps 3 and 4)",
}


def connect_hint(exc: BaseException) -> str:
    """What to check for the usual reasons a connection fails; "" for the others."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        if exc.verify_code == _HOSTNAME_MISMATCH:
            return "; the certificate is for another name: set `host` to the name in it"
        return "; the certificate is not trusted here: for a private CA set `ca_file` (PEM)"
    if isinstance(exc, ssl.SSLError) and exc.reason == "WRONG_VERSION_NUMBER":
        # A plain-text greeting where TLS was expected: port 143 with security = "ssl".
        return '; that port does not start with TLS: use port 993, or security = "starttls"'
    if isinstance(exc, socket.gaierror):
        return "; check `host`: this machine cannot resolve the name"
    if isinstance(exc, ConnectionRefusedError):
        return "; check `host`, `port` and `security` (993 for ssl, 143 for starttls)"
    if isinstance(exc, TimeoutError):
        return "; check `host`, `port` and that a firewall lets this machine reach it"
    return ""


_HOSTNAME_MISMATCH = 62  # X509_V_ERR_HOSTNAME_MISMATCH


def _unquote_bytes(text: str) -> str:
    """imapclient's LOGIN errors read "b'[AUTHENTICATIONFAILED] ...'": show the server's text."""
    if len(text) >= 3 and text[0] == "b" and text[1] in "'\"" and text[-1] == text[1]:
        return text[2:-1]
    return text


def is_loopback(host: str) -> bool:
    """True for localhost and 127.0.0.0/8 or ::1 literals; names are not resolved.

    A name that resolves to this machine still gets the plain-text warning: DNS can change.
    """
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _open(settings: ImapSettings) -> IMAPClient:
    context = ssl.create_default_context(cafile=settings.ca_file)
    if settings.security == "plain" and not is_loopback(settings.host):
        secret = "access token" if settings.auth == "oauth2" else "password"
        log.warning(
            "IMAP to %s without TLS: the %s and the mail cross the network unencrypted; "
            'use security = "ssl" or "starttls"',
            _where(settings),
            secret,
        )
    connect_timeout = settings.connect_timeout or settings.timeout
    try:
        client = IMAPClient(
            settings.host,
            settings.port,
            ssl=settings.security == "ssl",
            ssl_context=context,
            timeout=SocketTimeout(connect=connect_timeout, read=settings.timeout),
        )
    except (OSError, imaplib.IMAP4.error) as exc:  # OSError: refused, DNS, timeout, ssl.SSLError
        raise ImapConnectionError(
            f"cannot connect to IMAP {_where(settings)}: {exc}{connect_hint(exc)}"
        ) from exc
    client.normalise_times = False  # keep INTERNALDATE's own UTC offset
    if settings.security == "starttls":
        _starttls(client, context, settings)
    return client


def _starttls(client: IMAPClient, context: ssl.SSLContext, settings: ImapSettings) -> None:
    try:
        client.starttls(context)
    except CapabilityError:
        _close(client)
        raise ImapConnectionError(f"{_where(settings)} does not offer STARTTLS") from None
    except (OSError, imaplib.IMAP4.error) as exc:
        _close(client)
        raise ImapConnectionError(
            f"STARTTLS with {_where(settings)} failed: {exc}{connect_hint(exc)}"
        ) from exc


def _close(client: IMAPClient) -> None:
    """Drop a connection we are giving up on."""
    # After a failed STARTTLS handshake imaplib's socket is already closed (EBADF).
    with contextlib.suppress(OSError):
        client.shutdown()


def _where(settings: ImapSettings) -> str:
    return f"{settings.host}:{settings.port} ({settings.security})"


def _redact(text: str, secret: str) -> str:
    # The message goes to logs, terminals, doctor and the runs table; some servers quote the
    # AUTHENTICATE blob (base64 of the password) in their NO.
    return imap_auth.redact_login_error(text, secret)


def logout(client: IMAPClient) -> None:
    """LOGOUT, or just drop the connection if the server no longer answers."""
    try:
        client.logout()
    except (OSError, imaplib.IMAP4.error):
        _close(client)
