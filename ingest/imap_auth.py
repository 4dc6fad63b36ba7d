"""How hoering proves who it is to the IMAP server: LOGIN with a password, or XOAUTH2 with an
OAuth2 access token, and fetching such a token from Microsoft Entra ID (app-only, via msal).

Exchange Online accepts only OAuth2 since Microsoft switched basic auth off; other servers
(Dovecot, on-premises Exchange) usually take a password.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Literal

from imapclient import IMAPClient

from hoering.ingest.errors import ImapAuthError, ImapConnectionError

Auth = Literal["password", "oauth2"]
AUTH_METHODS: tuple[Auth, ...] = ("password", "oauth2")
DEFAULT_AUTHORITY = "https://login.microsoftonline.com"  # Entra ID, worldwide cloud
DEFAULT_SCOPE = "https://outlook.office365.com/.default"  # Exchange Online's IMAP


@dataclass(frozen=True)
class ClientCredentials:
    """An Entra ID app registration that may read the mailbox on its own (no user present)."""

    tenant: str  # directory (tenant) id or a verified domain, e.g. "digst.onmicrosoft.com"
    client_id: str  # application (client) id
    secret: str = field(repr=False)
    scope: str = DEFAULT_SCOPE
    authority: str = DEFAULT_AUTHORITY  # the cloud's login host; national clouds differ

    @property
    def authority_url(self) -> str:
        return f"{self.authority.rstrip('/')}/{self.tenant}"


def method(auth: Auth, username: str, secret: str) -> str:
    """The IMAP command `login` logs in with, as doctor names it."""
    if auth == "oauth2":
        return "XOAUTH2"
    return "LOGIN" if (username + secret).isascii() else "AUTHENTICATE PLAIN"


def login(client: IMAPClient, auth: Auth, username: str, secret: str) -> None:
    """LOGIN with a password, or AUTHENTICATE XOAUTH2 with an access token.

    Raises imapclient's LoginError when the server refuses, as `IMAPClient.login` does.
    """
    used = method(auth, username, secret)
    if used == "XOAUTH2":
        client.oauth2_login(username, secret)
    elif used == "LOGIN":
        client.login(username, secret)
    else:
        # LOGIN takes ASCII only (imaplib crashes on "ø" before sending anything); AUTHENTICATE
        # PLAIN carries UTF-8 (RFC 4616), and Dovecot and Exchange offer it.
        client.plain_login(username, secret)


# A run of base64 long enough to carry a secret; the login blobs are one such word.
_BASE64_WORD = re.compile(r"[A-Za-z0-9+/]{8,}={0,2}")


def redact_login_error(text: str, secret: str) -> str:
    """A login error without the secret, nor the base64 blob that carried it.

    AUTHENTICATE sends "\0user\0password" (PLAIN) or "user=...\1auth=Bearer ..." (XOAUTH2)
    as base64; a server that quotes the blob in its NO (whole or cut) would put the password
    into stderr, the JSON log, doctor and the runs table. Any base64 word that decodes to
    bytes with a NUL or \1 separator is such a blob.
    """
    text = _BASE64_WORD.sub(lambda word: "***" if _is_blob(word.group()) else word.group(), text)
    return text.replace(secret, "***") if secret else text


def _is_blob(word: str) -> bool:
    """Whether `word`, whole or cut, is base64 of text with NUL or \1 separators."""
    word = word.rstrip("=")
    try:
        decoded = base64.b64decode(word[: len(word) // 4 * 4])
    except (binascii.Error, ValueError):
        return False
    if not (b"\0" in decoded or b"\1" in decoded):
        return False
    # Response codes (AUTHENTICATIONFAILED) decode to bytes with NULs too, but not to
    # UTF-8 text; the end may cut a character in two.
    text = decoded.replace(b"\0", b"").replace(b"\1", b"")
    for end in range(len(text), max(len(text) - 4, -1), -1):
        try:
            return text[:end].decode("utf-8").isprintable()
        except UnicodeDecodeError:
            continue
    return False


def client_credentials_token(credentials: ClientCredentials, timeout: float) -> str:
    """Fetch an app-only access token (OAuth2 client-credentials grant) through msal."""
    import msal  # here, not at the top: only app-only OAuth2 needs it, and it costs 0.1 s a run

    where = credentials.authority_url
    try:
        app = msal.ConfidentialClientApplication(
            credentials.client_id,
            client_credential=credentials.secret,
            authority=where,
            # Off: for a custom `authority` msal would otherwise ask login.microsoftonline.com
            # to vouch for it. Microsoft's own hosts are never checked either way.
            instance_discovery=False,
            timeout=timeout,
        )
        result = app.acquire_token_for_client(scopes=[credentials.scope])
    except OSError as exc:  # requests' errors are OSErrors: refused, DNS, timeout, TLS
        raise ImapConnectionError(
            f"cannot reach the OAuth2 token service {where}: {_redact(str(exc), credentials)}; "
            "check that this machine reaches it over HTTPS (HTTPS_PROXY, REQUESTS_CA_BUNDLE)"
        ) from None
    except ValueError as exc:
        # msal's OpenID discovery raises ValueError for an unknown tenant (HTTP 4xx) or an
        # answer that is not JSON (e.g. a proxy's login page).
        raise ImapAuthError(
            f"OAuth2 token service {where} refused tenant {credentials.tenant!r}: "
            f"{_first_line(_redact(str(exc), credentials))}"
        ) from None
    token = result.get("access_token")
    if not token:
        error = result.get("error", "no access_token in the answer")
        description = _first_line(_redact(str(result.get("error_description", "")), credentials))
        raise ImapAuthError(
            f"OAuth2 token service {where} refused app {credentials.client_id}: {error}"
            + (f": {description}" if description else "")
        )
    return token


def _redact(text: str, credentials: ClientCredentials) -> str:
    # Entra ID does not echo the secret, but these lines go to logs and cron mail.
    return text.replace(credentials.secret, "***") if credentials.secret else text


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""
