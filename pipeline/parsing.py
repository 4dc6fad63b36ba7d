"""One message's bytes parsed into what will be written: the parsed message, or the error that
stopped it. (Parsing only: deriving respondents, themes and initiatives from the text is the
analysis package's job, run over the rows by rules/derive.py; `hoering analyse` derives again.)

Runs outside any transaction (a big PDF takes seconds); never raises for bad input.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from hoering.parse.identity import message_identity
from hoering.parse.limits import ExtractLimits
from hoering.parse.message import UnparseableMessage, parse_message
from hoering.parse.message import extract as extract_in_process
from hoering.parse.model import Extractor, ParsedMessage
from hoering.store import messages as store_messages

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParseResult:
    """Everything derived from one message's bytes before it is written."""

    sha256: str
    key: str
    parsed: ParsedMessage | None
    error: str | None
    message_id: str | None = None  # as the identity reads it, also when parsing failed


OUT_OF_MEMORY = "out of memory while "


def failed(sha256: str, error: str, key: str, message_id: str | None) -> ParseResult:
    """The result of a message that could not be parsed (or stored): its bytes and why,
    under its identity `key` (store.messages.dedup_key), as a parsed one would be."""
    return ParseResult(sha256, key, None, error, message_id)


def parse_bytes(
    data: bytes, extract: Extractor = extract_in_process, limits: ExtractLimits | None = None
) -> ParseResult:
    """Parse one message; any failure becomes a recorded error, never an exception.

    `extract` reads the attachments: a run passes its Sandbox, and `limits` the text caps of
    its [extract] config.
    """
    sha256 = hashlib.sha256(data).hexdigest()
    identity = message_identity(data)
    key = store_messages.dedup_key(identity)
    try:
        parsed = parse_message(data, extract, limits)
    except UnparseableMessage as exc:
        return failed(sha256, str(exc), key, identity.message_id)
    except MemoryError:
        # No traceback: formatting one needs memory that is not there.
        log.error("out of memory parsing message sha256=%s", sha256)
        return failed(sha256, OUT_OF_MEMORY + "parsing", key, identity.message_id)
    except Exception as exc:  # the one broad handler: a parser bug must not stop the run
        log.exception("parser crashed on message sha256=%s", sha256)
        error = f"internal parser error: {type(exc).__name__}: {exc}"
        return failed(sha256, error, key, identity.message_id)
    return ParseResult(sha256, key, parsed, None, identity.message_id)
