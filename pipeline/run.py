"""The message loop of one run: match the subject, parse, store; the only place all three meet.

One message at a time: the raw bytes, the proposal and the folder cursor are written in one
transaction. A message that cannot be parsed is stored raw with its error, and the run goes on.
"""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hoering.config import Config
from hoering.ingest.raw import FolderChecked, MessageOrigin, RawMessage, SkippedMessage
from hoering.parse.automatic import automatic_reason
from hoering.parse.combined import combined_text
from hoering.parse.headers import subject_from_header_block
from hoering.parse.identity import message_identity
from hoering.parse.message import extract as extract_in_process
from hoering.parse.model import Extractor, ParsedMessage
from hoering.parse.subject import SubjectMatcher
from hoering.pipeline.analyse import OUT_OF_MEMORY, Analysis, analyse, failed, header_block
from hoering.pipeline.report import RunReport
from hoering.store import messages as store_messages
from hoering.store import models, states
from hoering.store.db import writing

log = logging.getLogger(__name__)
Tick = Callable[[], None]
SKIPS_PER_COMMIT = 500  # a mailbox of newsletters still commits its progress now and then


def no_tick() -> None:
    """No progress display (cron, tests)."""


def is_late(received_at: datetime | None, deadline: date | None, tz: ZoneInfo) -> bool:
    """Late means received after the end of the deadline day, in the consultation's time zone."""
    if received_at is None or deadline is None:
        return False
    end_of_deadline = datetime.combine(deadline + timedelta(days=1), time(0), tzinfo=tz)
    return received_at >= end_of_deadline


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
        self.report = RunReport()
        # (account, folder) -> (uidvalidity, uid) not yet written to the database.
        self.pending_cursors: dict[tuple[str, str], tuple[int, int]] = {}
        # Unmarked IMAP messages, recorded with the cursor that passes them.
        self.pending_skips: list[store_messages.Source] = []
        self.owe_action = config.actions.after != "none"
        # Mail from the polled accounts themselves (an announcement, a Sent copy) is no reply.
        self.own_addresses = frozenset(
            a.username.lower() for a in config.accounts if "@" in a.username
        )
        self.last_stored: tuple[int, str, str] = (0, "", "")  # id, sender, subject

    def wants(self, header: bytes) -> bool:
        """The subject test, on a header block; IMAP uses it before fetching bodies."""
        return self.matcher.matches(subject_from_header_block(header))

    def run(
        self, items: Iterable[RawMessage | SkippedMessage | FolderChecked], tick: Tick = no_tick
    ) -> RunReport:
        """Feed every item through; `tick()` after each message (the CLI's progress bar)."""
        with writing():
            for item in items:
                if isinstance(item, FolderChecked):
                    self.note_cursor(item.origin)
                    continue
                tick()
                self.report.seen += 1
                if isinstance(item, RawMessage) and self.wants(header_block(item.data)):
                    self.report.matched += 1
                    self.store(item)
                else:
                    self.note_cursor(item.origin)
                    self.note_skipped(item.origin)
            self.flush_cursors()
        return self.report

    def store(self, item: RawMessage) -> None:
        self.note_cursor(item.origin)
        if self.known_bytes(item):
            self.report.already_stored += 1  # a rerun, or the same mail in two folders
            return
        reason = automatic_reason(item.data, self.own_addresses)
        if reason is not None:
            self.store_automatic(item, reason)
            return
        # Outside any transaction: a big PDF takes seconds. Not kept in a local here, so
        # write_or_fail can free it when it does not fit in memory.
        outcome, analysis = self.write_or_fail(
            item, analyse(item.data, self.extract, self.config.extract.limits)
        )
        if outcome == "already stored":  # another run stored these bytes meanwhile
            self.report.already_stored += 1
        elif outcome == "duplicate":
            self.report.duplicates += 1
        elif analysis.error:
            self.report.failed += 1
            origin = item.origin
            log.warning(
                "could not parse message (stored raw): %s",
                analysis.error,
                extra={"account": origin.account, "folder": origin.folder, "uid": origin.uid},
            )
        else:
            self.report.stored += 1
            proposal_id, sender, subject = self.last_stored
            # -v tells which proposals a run stored; logged once committed.
            log.info(
                "stored proposal %d from %s: %s",
                proposal_id,
                sender or "-",
                subject,
                extra={"proposal_id": proposal_id},
            )

    def known_bytes(self, item: RawMessage) -> bool:
        """Seen these exact bytes before? Then record where, without parsing them again."""
        sha256 = hashlib.sha256(item.data).hexdigest()
        with self.sessions.begin() as session:
            raw = store_messages.find_raw_message_by_sha256(session, sha256)
            if raw is None:
                return False
            self.write_cursors(session)
            store_messages.record_sighting(session, raw, _source(item.origin))
            states.record_outcome(
                session, _source(item.origin), raw, new=False, owe_action=self.owe_action
            )
        self.clear_pending()
        return True

    def store_automatic(self, item: RawMessage, reason: str) -> None:
        """Keep a machine's mail raw with its reason, no proposal (`hoering accept` makes one)."""
        identity = message_identity(item.data)
        sha256 = hashlib.sha256(item.data).hexdigest()
        source = _source(item.origin)
        with self.sessions.begin() as session:
            self.write_cursors(session)
            raw = store_messages.find_raw_message(session, identity.key)
            new = raw is None
            if raw is None:
                raw = store_messages.add_raw_message(
                    session, identity.key, sha256, identity.message_id, item.data, None, reason
                )
            store_messages.record_sighting(session, raw, source)
            state = states.record_outcome(session, source, raw, new=new, owe_action=False)
        self.clear_pending()
        if state.status != states.AUTOMATIC:  # a copy of a message stored (or accepted) before
            self.report.duplicates += 1
            return
        self.report.automatic += 1
        log.info(
            "sent by a machine, kept without a proposal (hoering list --automatic): %s",
            reason,
            extra={"account": source.account, "folder": source.folder, "uid": source.uid},
        )

    def write_or_fail(self, item: RawMessage, analysis: Analysis) -> tuple[str, Analysis]:
        """Write the message; if analysing its proposal runs out of memory, write it failed.

        The transaction is rolled back first, so the raw bytes are stored with the error and
        the run goes on; the retries of later runs park it (pipeline.retries).
        """
        try:
            return self.write_twice(item, analysis), analysis
        except MemoryError:
            pass  # handled below, once the traceback and the texts it holds are released
        log.error("out of memory storing message sha256=%s; storing it raw", analysis.sha256)
        analysis = failed(
            analysis.sha256,
            OUT_OF_MEMORY + "storing its proposal",
            analysis.key,
            analysis.message_id,
        )
        gc.collect()  # ORM objects and frames form cycles: free them before writing the bytes
        return self.write_twice(item, analysis), analysis

    def write_twice(self, item: RawMessage, analysis: Analysis) -> str:
        try:
            return self.write(item, analysis)
        except IntegrityError:
            # Another poller stored the same message between our check and our insert.
            return self.write(item, analysis)

    def write(self, item: RawMessage, analysis: Analysis) -> str:
        with self.sessions.begin() as session:
            self.write_cursors(session)
            outcome = self.write_message(session, item, analysis)
        self.clear_pending()  # only once they are committed
        return outcome

    def write_message(self, session: Session, item: RawMessage, analysis: Analysis) -> str:
        source = _source(item.origin)
        raw = store_messages.find_raw_message(session, analysis.key)
        if raw is not None:
            store_messages.record_sighting(session, raw, source)
            states.record_outcome(session, source, raw, new=False, owe_action=self.owe_action)
            return "already stored" if raw.sha256 == analysis.sha256 else "duplicate"
        parsed = analysis.parsed
        message_id = parsed.message_id if parsed else analysis.message_id
        _warn_collision(session, message_id, analysis.key)
        raw = store_messages.add_raw_message(
            session, analysis.key, analysis.sha256, message_id, item.data, analysis.error
        )
        store_messages.record_sighting(session, raw, source)
        if parsed is not None:
            self.add_proposal(session, raw, parsed, source)
        states.record_outcome(session, source, raw, new=True, owe_action=self.owe_action)
        return "stored"

    def add_proposal(
        self,
        session: Session,
        raw: models.RawMessage,
        parsed: ParsedMessage,
        source: store_messages.Source,
    ) -> models.Proposal:
        received_at = source.internal_date or parsed.received_at or parsed.sent_at
        proposal = store_messages.add_proposal(
            session,
            raw,
            parsed,
            received_at=received_at,
            late=is_late(received_at, self.config.deadline, self.config.timezone),
            combined_text=combined_text(parsed),
            source=source,
            codebook=self.config.codebook,
        )
        session.flush()  # gives the proposal its id, for the -v line once committed
        self.last_stored = (
            proposal.id,
            proposal.sender_email or proposal.sender_name,
            parsed.subject,
        )
        return proposal

    def note_cursor(self, origin: MessageOrigin) -> None:
        if origin.uidvalidity is not None and origin.uid is not None:
            self.pending_cursors[(origin.account, origin.folder)] = (origin.uidvalidity, origin.uid)

    def note_skipped(self, origin: MessageOrigin) -> None:
        if origin.uidvalidity is not None:  # IMAP: a file has nothing to download again
            self.pending_skips.append(_source(origin))
            if len(self.pending_skips) >= SKIPS_PER_COMMIT:
                self.flush_cursors()

    def write_cursors(self, session: Session) -> None:
        """The cursors and skipped messages noted so far, in the caller's transaction."""
        for (account, folder), (uidvalidity, uid) in self.pending_cursors.items():
            store_messages.save_cursor(session, account, folder, uidvalidity, uid)
        states.record_skipped(session, self.pending_skips)

    def clear_pending(self) -> None:
        self.pending_cursors.clear()
        self.pending_skips.clear()

    def flush_cursors(self) -> None:
        if self.pending_cursors or self.pending_skips:
            with self.sessions.begin() as session:
                self.write_cursors(session)
            self.clear_pending()


def _warn_collision(session: Session, message_id: str | None, key: str) -> None:
    """A Message-ID already stored with other content: two messages, and a reviewer should know."""
    others = store_messages.same_message_id(session, message_id, key)
    if others:
        log.warning(
            "Message-ID <%s> is shared with stored message(s) %s of other content: stored as a "
            "message of its own (hoering show lists the others)",
            message_id,
            ", ".join(map(str, others)),
        )


def _source(origin: MessageOrigin) -> store_messages.Source:
    return store_messages.Source(
        account=origin.account,
        folder=origin.folder,
        uidvalidity=origin.uidvalidity,
        uid=origin.uid,
        internal_date=origin.internal_date,
    )
