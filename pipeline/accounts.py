"""From a configured IMAP account to connection settings: read its secret, fetch its token.

The glue between config.py (where secrets come from) and ingest (reading and using them); poll and
doctor both go through here, so they log in exactly the same way.
"""

from __future__ import annotations

from hoering.config import ImapConfig
from hoering.ingest import imap, imap_auth
from hoering.ingest.secrets import read_client_secret, read_password, read_token_command


def settings(account: ImapConfig) -> imap.ImapSettings:
    """Connection settings with the password or a fresh access token. Never logged."""
    return imap.ImapSettings(
        host=account.host,
        port=account.port,
        security=account.security,
        username=account.username,
        password=login_secret(account),
        folders=account.folders,
        ca_file=str(account.ca_file) if account.ca_file else None,
        timeout=account.timeout,
        batch_size=account.batch_size,
        auth="oauth2" if account.auth == "oauth2" else "password",
        connect_timeout=account.connect_timeout,
    )


def login_secret(account: ImapConfig) -> str:
    """The password, or an OAuth2 access token from token_command or from Entra ID (msal)."""
    if account.auth == "password":
        return read_password(account)
    if account.token_command:
        return read_token_command(account)
    credentials = imap_auth.ClientCredentials(
        tenant=account.tenant or "",
        client_id=account.client_id or "",
        secret=read_client_secret(account),
        scope=account.scope,
        authority=account.authority,
    )
    # The token service gets the IMAP timeouts too: a hanging login host must not hang cron.
    return imap_auth.client_credentials_token(
        credentials, timeout=account.connect_timeout or account.timeout
    )


def secret_source(account: ImapConfig) -> str:
    """Where the secret comes from, in words, for `hoering doctor` (never the secret itself)."""
    if account.password_env:
        return f"password from environment variable {account.password_env}"
    if account.password_file:
        return f"password from file {account.password_file}"
    if account.password_command:
        return "password from password_command"
    if account.token_command:
        return "OAuth2 access token from token_command"
    where = (
        f"environment variable {account.client_secret_env}"
        if account.client_secret_env
        else f"file {account.client_secret_file}"
    )
    return (
        f"OAuth2 access token for app {account.client_id} from "
        f"{account.authority.rstrip('/')}/{account.tenant} (client secret from {where})"
    )


def name(account: ImapConfig) -> str:
    """The account's stable name (user@host), as stored with its cursors and messages."""
    return imap.account_id(account)
