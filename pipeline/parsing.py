"""One message's bytes parsed into what will be written: the parsed message, or the error that
stopped it, and (`derived_in_worker`) its derived fields made in a worker process.

Runs outside any transaction (a big PDF takes seconds); never raises for bad input.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from types import TracebackType

from hoering.derived import DerivedReply
from hoering.parse.identity import Identity, message_identity
from hoering.parse.limits import ExtractLimits
from hoering.parse.message import UnparseableMessage, parse_message
from hoering.parse.message import extract as extract_in_process
from hoering.parse.model import Extractor, ParsedMessage
from hoering.pipeline.sandbox import Sandbox, TaskFailed
from hoering.rules.reply_task import DeriveContext, parsed_inputs
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
    # Its derived fields, made in a worker (derived_in_worker); None: derived when its
    # proposal is built, in the run's own process.
    derived: DerivedReply | None = None


OUT_OF_MEMORY = "out of memory while "
NOT_DERIVED = "could not derive its fields: "


def failed(sha256: str, error: str, key: str, message_id: str | None) -> ParseResult:
    """The result of a message that could not be parsed (or stored): its bytes and why,
    under its identity `key` (store.messages.dedup_key), as a parsed one would be."""
    return ParseResult(sha256, key, None, error, message_id)


def gave_up(result: ParseResult) -> ParseResult:
    """The one out-of-memory fallback: the result of a message whose proposal did not fit in
    memory while it was stored, to be stored raw with the error instead (a run, a retry).
    Later retries park it after `max_attempts`, so it stops no run."""
    log.error("out of memory storing message sha256=%s; storing it raw", result.sha256)
    lost = failed(result.sha256, OUT_OF_MEMORY + "storing its proposal", result.key,
                  result.message_id)  # fmt: skip
    gc.collect()  # ORM objects and frames form cycles: free them before writing the bytes
    return lost


def parse_bytes(
    data: bytes,
    extract: Extractor = extract_in_process,
    limits: ExtractLimits | None = None,
    *,
    sha256: str | None = None,
    identity: Identity | None = None,
) -> ParseResult:
    """Parse one message; any failure becomes a recorded error, never an exception.

    `extract` reads the attachments: a run passes its Sandbox, and `limits` the text caps of
    its [extract] config; `sha256` and `identity`, the digest and identity of `data` when the
    caller has them already (a run reads them before it decides to parse).
    """
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    identity = identity or message_identity(data)
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


def derived_in_worker(result: ParseResult, sandbox: Sandbox, context: DeriveContext) -> ParseResult:
    """`result` with its derived fields made in one of `sandbox`'s workers, so a run derives
    on every core while its own process writes; a worker that died or hit a limit on them
    makes it a failed result (stored raw with the reason, retried by a later run)."""
    if result.parsed is None:
        return result
    try:
        derived = sandbox.derive(parsed_inputs(result.parsed), context)
    except TaskFailed as exc:
        log.warning("could not derive the fields of message sha256=%s: %s", result.sha256, exc)
        return failed(result.sha256, NOT_DERIVED + exc.reason, result.key, result.message_id)
    return replace(result, derived=derived)


class ParsePool:
    """The one way messages are parsed concurrently (a run, a reparse): in threads when the
    extractor reads several attachments at once, else in the caller's thread.

    Threads only wait: attachments are read in the sandbox's processes (a pebble pool that
    takes tasks from several threads), and only `parse` runs in them; what is built from a
    result (the proposal, with the analysis, which is not thread-safe) and every write stay in
    the caller's thread. Two messages per extraction worker are in flight, so their
    attachments overlap and a worker done with one need not wait for the oldest.
    """

    def __init__(self, parse: Callable[..., ParseResult], workers: int, name: str) -> None:
        self.parse = parse
        self.parallel = 1 if workers <= 1 else 2 * workers
        self.name = name
        self.threads: ThreadPoolExecutor | None = None

    def __enter__(self) -> ParsePool:
        if self.parallel > 1:
            self.threads = ThreadPoolExecutor(self.parallel, thread_name_prefix=self.name)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.threads is not None:
            # Not waiting: on Ctrl-C the sandbox stops next and ends their parses.
            self.threads.shutdown(wait=False, cancel_futures=True)
            self.threads = None

    def submit(self, *args: object) -> Future[ParseResult]:
        """`parse(*args)` in a thread, or done now when there are no threads."""
        if self.threads is not None:
            return self.threads.submit(self.parse, *args)
        done: Future[ParseResult] = Future()
        done.set_result(self.parse(*args))
        return done

    def map(self, items: Iterable[object]) -> Iterator[ParseResult]:
        """`parse(item)` for each item, in their order, at most `parallel` in flight."""
        flight: deque[Future[ParseResult]] = deque()
        for item in items:
            flight.append(self.submit(item))
            while len(flight) >= self.parallel:
                yield flight.popleft().result()
        while flight:
            yield flight.popleft().result()
