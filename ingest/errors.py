"""The IMAP failures the CLI reports as one line each; ingest.imap re-exports them."""


class ImapError(Exception):
    """Base of the IMAP failures the CLI reports as one line."""


class ImapConnectionError(ImapError):
    """The server was unreachable, timed out, dropped the connection or failed TLS verification."""


class ImapAuthError(ImapError):
    """The server (or the OAuth2 token service) refused our credentials."""


class ImapFolderError(ImapError):
    """A configured folder does not exist or cannot be selected."""
