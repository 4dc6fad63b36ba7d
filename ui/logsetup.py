"""Logging for the command line: human lines on stderr, or one JSON object per line.

Configured once, at the CLI entry. Log calls add structured fields with `extra=`
(account, folder, uid, ...); the JSON form carries them as keys, the human form leaves
them out because the message text already says it.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

HUMAN_FORMAT = "%(levelname)s %(name)s: %(message)s"
# mail-parser warns about every multipart it does not render and pdfminer about every
# odd font; cron would mail that noise. Real failures are recorded on the message.
# Alembic says "Context impl SQLiteImpl" on every open: -v is for what the run did.
# urllib3 warns of each retry to Entra ID that the final `hoering:` line reports anyway.
CHATTY = ("mailparser", "pdfminer", "alembic", "urllib3")
# Attributes every LogRecord has; anything else on a record came in through `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """time, level, logger, message, then the record's extra fields; exception as text."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(verbose: bool = False, json_lines: bool = False) -> None:
    """Send log records to stderr: INFO and up with `verbose`, else WARNING and up."""
    handler = _OurHandler()
    handler.setFormatter(JsonFormatter() if json_lines else logging.Formatter(HUMAN_FORMAT))
    root = logging.getLogger()
    # Replace only our own handler: a test runner's capturing handlers stay.
    for old in [h for h in root.handlers if isinstance(h, _OurHandler)]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    for chatty in CHATTY:
        logging.getLogger(chatty).setLevel(logging.WARNING if verbose else logging.ERROR)


class _OurHandler(logging.StreamHandler):
    """The handler configure() installs, told apart from anyone else's.

    Writes to whatever sys.stderr is when a record comes (as logging.lastResort does), so
    a caller that swaps stderr, like a test capturing it, never gets a closed stream.
    """

    def __init__(self) -> None:
        logging.Handler.__init__(self)  # StreamHandler's would pin today's sys.stderr

    @property
    def stream(self):  # type: ignore[override]
        return sys.stderr


def is_json() -> bool:
    return any(
        isinstance(h, _OurHandler) and isinstance(h.formatter, JsonFormatter)
        for h in logging.getLogger().handlers
    )


def error_line(text: str) -> None:
    """The one line for an error that ends the run: plain, or a JSON record in JSON mode."""
    if is_json():
        logging.getLogger("hoering").error(text)
    else:
        print(text, file=sys.stderr)
