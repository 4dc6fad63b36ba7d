"""The IMAP failures the CLI reports as one line each (ingest.imap re-exports them), and
SecretError for a login secret that cannot be read."""

from hoering.errors import ExitCode, HoeringError, UsageError


class ImapError(HoeringError):
    """Base of the IMAP failures the CLI reports as one line."""


class ImapConnectionError(ImapError):
    """The server was unreachable, timed out, dropped the connection or failed TLS verification."""

    exit_code = ExitCode.UNREACHABLE


class ImapAuthError(ImapError):
    """The server (or the OAuth2 token service) refused our credentials."""

    exit_code = ExitCode.AUTH


class ImapFolderError(ImapError):
    """A configured folder does not exist or cannot be selected."""

    exit_code = ExitCode.CONFIG


class SecretError(UsageError):
    """The IMAP password, token or client secret could not be read from its configured source."""
