"""The message loop of one run: match the subject, parse, store; the only place all three meet.

Messages are written in batches. Each matched message is parsed as it arrives, outside any
transaction (several at once when the extraction sandbox has several workers, whose
processes also derive each reply's fields, pipeline/parsing.derived_in_worker); up to
BATCH_MESSAGES of them (fewer if they hold much text, or arrived over BATCH_SECONDS) are then
written with the folder cursors in one short transaction (pipeline.batch). A crash loses
the uncommitted batch as a whole and the cursor never passes it, so those messages are
fetched again. A message that cannot be parsed is stored raw with its error, and the run
goes on.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import time as clock
from collections import deque
from collections.abc import Iterable, Iterator
from functools import partial

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hoering.config import Config
from hoering.ingest.raw import (
    FolderChecked,
    FolderFailed,
    MessageOrigin,
    RawMessage,
    SkippedMessage,
)
from hoering.parse.automatic import automatic_reason
from hoering.parse.envelope import read_envelope
from hoering.parse.headers import header_block, subject_from_header_block
from hoering.parse.identity import Identity, message_identity
from hoering.parse.message import extract as extract_in_process
from hoering.parse.model import Extractor
from hoering.parse.subject import SubjectMatcher
from hoering.pipeline import placing
from hoering.pipeline.assemble import Assembler
from hoering.pipeline.batch import (
    Automatic,
    BatchWriter,
    Entry,
    Known,
    Parsed,
    Pending,
    Written,
)
from hoering.pipeline.parsing import (
    ParsePool,
    ParseResult,
    derived_in_worker,
    gave_up,
    parse_bytes,
)
from hoering.pipeline.report import RunReport, Tick, no_tick
from hoering.pipeline.sandbox import Sandbox
from hoering.pipeline.write_behind import WriteBehind
from hoering.rules.reply_task import DeriveContext
from hoering.store import messages as store_messages
from hoering.store import models, states
from hoering.store.db import writing
from hoering.vocab import MessageStatus, WriteOutcome

log = logging.getLogger(__name__)
Item = RawMessage | SkippedMessage | FolderChecked | FolderFailed
# A batch's folder cursors and skipped messages, written with it.
Marks = tuple[dict[tuple[str, str], tuple[int, int]], list[MessageOrigin]]
SKIPS_PER_COMMIT = 500  # a mailbox of newsletters still commits its progress now and then
# One write transaction holds at most this much. 100 text replies take ~0.1 s to write on
# SQLite, so a reviewer's write waits at most about that long for the lock.
BATCH_MESSAGES = 100
# Bytes of mail plus characters of extracted text a batch may hold before it is written:
# what one batch can add to the memory of a run.
BATCH_SIZE = 32 * 1024 * 1024
BATCH_SECONDS = 2.0  # a slow trickle (big PDFs) is still committed every few seconds
# Matched messages checked against the stored ones in one query. Few, as they are parsed
# only after it and their texts then count towards BATCH_SIZE.
CHECK_GROUP = 10


class Pipeline:
    """One run: feeds raw messages through matching, parsing and storage."""

    def __init__(
        self,
        config: Config,
        sessions: sessionmaker[Session],
        extract: Extractor = extract_in_process,
    ) -> None:
        self.config = config
        self.sessions = sessions
        self.extract = extract  # the run's Sandbox
        self.matcher = SubjectMatcher(config.subject_markers)
        self.assembler = Assembler.from_config(config)
        self.report = RunReport()
        # (account, folder) -> (uidvalidity, uid) not yet written to the database.
        self.pending_cursors: dict[tuple[str, str], tuple[int, int]] = {}
        # Unmarked IMAP messages, recorded with the cursor that passes them.
        self.pending_skips: list[MessageOrigin] = []
        self.batch: list[Entry | Pending] = []
        self.batch_size = 0
        self.batch_started = 0.0
        self.batch_shas: set[str] = set()
        # Places in the batch of the messages whose parse runs in a thread, oldest first.
        self.parsing: deque[int] = deque()
        self.pool = ParsePool(self.parse, getattr(extract, "workers", 1), "parse")
        # With a sandbox, a reply's derived fields are made in its workers, beside its parse.
        self.derive_context = (
            DeriveContext.of(config.codebook, config.respondent_registry)
            if isinstance(extract, Sandbox)
            else None
        )
        # Matched messages not yet checked against the stored ones (see check_arrived).
        self.arrived: list[RawMessage] = []
        # The loop's own reads (check_arrived's), one round trip each.
        self.reads = store_messages.autocommit(sessions.kw["bind"])
        self.owe_action = config.actions.after != "none"
        # Mail from the polled accounts themselves (an announcement, a Sent copy) is no reply.
        self.own_addresses = frozenset(
            a.username.lower() for a in config.accounts if "@" in a.username
        )
        self.writer = BatchWriter(self.owe_action, self.parse_now)
        # With workers deriving, a batch is written in a thread while the next one is parsed
        # (pipeline/write_behind.py); the bytes it writes count as stored meanwhile.
        self.writes = WriteBehind(threaded=self.derive_context is not None)
        self.writing_shas: set[str] = set()
        self.unplaced = 0  # replies stored since the write thread last placed new ones

    def wants(self, header: bytes) -> bool:
        """The subject test, on a header block; IMAP uses it before fetching bodies."""
        return self.matcher.matches(subject_from_header_block(header))

    def run(self, items: Iterable[Item], tick: Tick = no_tick) -> RunReport:
        """Feed every item through; `tick()` after each message (the CLI's progress bar)."""
        with writing(), self.pool, self.writes:
            for item in self.received(items):
                self.take(item, tick)
            self.flush()
        return self.report

    def received(self, items: Iterable[Item]) -> Iterator[Item]:
        """The source's items; if the source fails (a lost connection), what was received
        whole is written first, so the next run need not fetch and parse it again."""
        source = iter(items)
        while True:
            try:
                item = next(source)
            except StopIteration:
                return
            except Exception:
                self.flush()
                self.writes.drain()
                raise
            yield item

    def take(self, item: Item, tick: Tick) -> None:
        if isinstance(item, FolderChecked):
            self.note_cursor(item.origin)
            return
        if isinstance(item, FolderFailed):  # its cursor stays; the next run tries it again
            self.report.folder_errors.append(item.error)
            return
        tick()
        self.report.seen += 1
        if isinstance(item, RawMessage) and (
            item.subject_checked or self.wants(header_block(item.data))
        ):
            self.report.matched += 1
            if not (self.batch or self.arrived):
                self.batch_started = clock.monotonic()
            self.arrived.append(item)
            self.batch_size += len(item.data)
            if len(self.arrived) >= CHECK_GROUP:
                self.check_arrived()
        else:
            self.note_skipped(item.origin)
        self.note_cursor(item.origin)
        if self.batch_due():
            self.flush()

    def check_arrived(self) -> None:
        """Which of the messages that arrived are stored already, in one query, then the
        others parsed: a rerun over 50,000 known messages parses none of them."""
        arrived, self.arrived = self.arrived, []
        shas = [hashlib.sha256(item.data).hexdigest() for item in arrived]
        known = self.known_bytes(shas)
        for item, sha256 in zip(arrived, shas, strict=True):
            entry = self.entry(item, sha256, known)
            if entry is not None:
                self.batch.append(entry)

    def entry(self, item: RawMessage, sha256: str, known: set[str]) -> Known | Automatic | None:
        """What the message is: known bytes, a machine's mail, or (None) a reply whose parse
        is under way in the batch."""
        if sha256 in self.batch_shas or sha256 in self.writing_shas or sha256 in known:
            return Known(item, sha256)  # a rerun, or the same mail in two folders
        self.batch_shas.add(sha256)
        envelope = read_envelope(item.data)  # the one parse of its headers
        identity = message_identity(item.data, envelope)
        reason = automatic_reason(envelope, self.own_addresses)
        if reason is not None:
            return Automatic(item, sha256, store_messages.dedup_key(identity), reason)
        self.parsing.append(len(self.batch))
        self.batch.append(Pending(item, sha256, self.pool.submit(item.data, sha256, identity)))
        while len(self.parsing) >= self.pool.parallel:
            self.collect(self.parsing.popleft())

    def known_bytes(self, shas: list[str]) -> set[str]:
        """Which of these are stored already; a copy another poller stores meanwhile is
        found by the write."""
        with self.reads.connect() as connection:
            return store_messages.known_sha256(connection, shas)

    def parse(
        self, data: bytes, sha256: str | None = None, identity: Identity | None = None
    ) -> ParseResult:
        """One message parsed (in a parse thread), and derived in a worker with a sandbox."""
        limits = self.config.extract.limits
        result = parse_bytes(data, self.extract, limits, sha256=sha256, identity=identity)
        if self.derive_context is None:
            return result
        assert isinstance(self.extract, Sandbox)
        return derived_in_worker(result, self.extract, self.derive_context)

    def collect(self, place: int) -> None:
        """Wait for a thread's parse of the batch's message at `place`, then build its
        proposal in this thread (the ORM objects, and the analysis when no worker derived
        its fields, are not thread-safe)."""
        pending = self.batch[place]
        assert isinstance(pending, Pending)
        entry = self.parsed(pending.item, pending.sha256, pending.parsing.result())
        self.batch[place] = entry
        self.batch_size += entry.text_size()

    def parsed(self, item: RawMessage, sha256: str, result: ParseResult) -> Parsed:
        """The entry of a parsed message, its proposal built; raw with the error if that
        does not fit in memory."""
        try:
            proposal = self.build_proposal(item.origin, result)
            children = result.derived if proposal is not None else None
            return Parsed(item, sha256, result, proposal, children)
        except MemoryError:
            pass  # handled below, once the traceback and the texts it holds are released
        return Parsed(item, sha256, gave_up(result), None)

    def parse_now(self, entry: Known) -> Parsed:
        """A Known entry whose stored copy was deleted meanwhile: parse it after all."""
        return self.parsed(entry.item, entry.sha256, self.parse(entry.item.data, entry.sha256))

    def build_proposal(self, source: MessageOrigin, result: ParseResult) -> models.Proposal | None:
        """The proposal with every derived field (respondent, themes), not yet in a session:
        mapped from the worker's result (its theme tags and initiatives left to the writer,
        as rows), or derived here without a sandbox."""
        if result.parsed is None:
            return None
        return self.assembler.new_proposal(result.parsed, source, result.derived, children=False)

    def batch_due(self) -> bool:
        messages = len(self.batch) + len(self.arrived)
        return (
            messages >= BATCH_MESSAGES
            or self.batch_size >= BATCH_SIZE
            or len(self.pending_skips) >= SKIPS_PER_COMMIT
            or (messages > 0 and clock.monotonic() - self.batch_started >= BATCH_SECONDS)
        )

    def flush(self) -> None:
        """Write the batch with the cursors and skips noted so far, in one transaction."""
        self.check_arrived()
        while self.parsing:
            self.collect(self.parsing.popleft())
        if not (self.batch or self.pending_cursors or self.pending_skips):
            return
        batch = [entry for entry in self.batch if not isinstance(entry, Pending)]
        assert len(batch) == len(self.batch)  # every parse collected above
        marks, shas = (self.pending_cursors, self.pending_skips), self.batch_shas
        self.clear_pending()  # the write holds the batch's only list: a proposal given up frees
        self.writes.submit(partial(self.commit, batch, marks))
        self.writing_shas = shas

    def commit(self, batch: list[Entry], marks: Marks) -> None:
        """Write `batch` with its cursors and skips in one transaction, then count it."""
        try:
            written = self.write_retrying(batch, marks)
        except MemoryError:
            gc.collect()  # the rolled-back objects and the traceback's frames
            written = self.write_one_by_one(batch, marks)
        for done in written:
            self.count(done)
        self.unplaced += sum(done.new for done in written)
        if self.writes.threaded and self.unplaced >= placing.PLACE_EVERY:
            # In the write thread, so the workers derive on meanwhile (pipeline/placing.py).
            placing.place_new(self.sessions, self.extract)
            self.unplaced = 0

    def write_retrying(self, batch: list[Entry], marks: Marks | None) -> list[Written]:
        try:
            return self.write(batch, marks)
        except IntegrityError:
            # Another poller stored one of these between our check and our insert: look
            # again. The rolled-back proposals are built anew, as new objects.
            rebuilt = [
                self.parsed(e.item, e.sha256, e.result) if isinstance(e, Parsed) else e
                for e in batch
            ]
            return self.write(rebuilt, marks)

    def write_one_by_one(self, batch: list[Entry], marks: Marks) -> list[Written]:
        """After running out of memory writing the batch: each message in a transaction of
        its own, and the one that does not fit is written raw with its error. The cursors
        go with the last, so a crash between them fetches the rest again."""
        written: list[Written] = []
        while batch:
            entry = batch.pop(0)  # the batch lets go of it, so giving up its proposal frees it
            last = marks if not batch else None
            try:
                written += self.write_retrying([entry], last)
                continue
            except MemoryError:
                pass  # handled below, once the traceback and the texts it holds are released
            if not isinstance(entry, Parsed):
                raise MemoryError  # no text of its own to give up: nothing to fall back to
            item, sha256, result = entry.item, entry.sha256, entry.result
            del entry
            raw = Parsed(item, sha256, gave_up(result), None)
            written += self.write_retrying([raw], last)
        return written

    def write(self, batch: list[Entry], marks: Marks | None) -> list[Written]:
        with self.sessions.begin() as session:
            if marks is not None:
                self.write_cursors(session, marks)
            return self.writer.write(session, batch)

    def count(self, done: Written) -> None:
        """The run's counts and log lines for one committed entry."""
        entry = done.entry
        origin = entry.item.origin
        where = {"account": origin.account, "folder": origin.folder, "uid": origin.uid}
        if done.outcome == WriteOutcome.ALREADY_STORED:
            self.report.already_stored += 1
        elif isinstance(entry, Automatic) and done.status == MessageStatus.AUTOMATIC:
            self.report.automatic += 1
            log.info(
                "sent by a machine, kept without a proposal (hoering list --automatic): %s",
                entry.reason,
                extra=where,
            )
        elif done.outcome == WriteOutcome.DUPLICATE or isinstance(entry, Automatic):
            self.report.duplicates += 1  # a copy of a message stored (or accepted) before
        elif isinstance(entry, Parsed) and entry.result.error:
            self.report.failed += 1
            log.warning("could not parse message (stored raw): %s", entry.result.error, extra=where)
        else:
            self.report.stored += 1
            assert isinstance(entry, Parsed) and entry.proposal is not None
            proposal = entry.proposal
            # -v tells which proposals a run stored; logged once committed.
            log.info(
                "stored proposal %d from %s: %s",
                proposal.id,
                proposal.sender_email or proposal.sender_name or "-",
                proposal.subject,
                extra={"proposal_id": proposal.id},
            )

    def note_cursor(self, origin: MessageOrigin) -> None:
        if origin.uidvalidity is not None and origin.uid is not None:
            self.pending_cursors[(origin.account, origin.folder)] = (origin.uidvalidity, origin.uid)

    def note_skipped(self, origin: MessageOrigin) -> None:
        if origin.uidvalidity is not None:  # IMAP: a file has nothing to download again
            self.pending_skips.append(origin)

    def write_cursors(self, session: Session, marks: Marks) -> None:
        """A batch's cursors and skipped messages, in the caller's transaction."""
        cursors, skips = marks
        for (account, folder), (uidvalidity, uid) in cursors.items():
            store_messages.save_cursor(session, account, folder, uidvalidity, uid)
        states.record_skipped(session, skips)

    def clear_pending(self) -> None:
        """A new batch: the one handed to the write keeps its own lists."""
        self.pending_cursors = {}
        self.pending_skips = []
        self.batch = []
        self.batch_size = 0
        self.batch_shas = set()
