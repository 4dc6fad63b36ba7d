"""One batch of matched messages written in one transaction: raw bytes, where each was seen,
proposals and states.

Everything slow (parsing, attachment extraction, the derived fields of a proposal) happened
before, outside any transaction; here the batch's new raw messages go in with one INSERT,
then the rows that need their ids, flushed together at commit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from hoering.ingest.raw import MessageOrigin, RawMessage
from hoering.pipeline.parsing import ParseResult
from hoering.store import messages as store_messages
from hoering.store import models, states
from hoering.vocab import EntryKind, MessageStatus, WriteOutcome

log = logging.getLogger(__name__)


@dataclass
class Entry:
    """One matched message of a batch, with what was derived from it before the write."""

    item: RawMessage
    sha256: str
    kind: EntryKind
    key: str = ""  # identity key (store.messages.dedup_key); for AUTOMATIC and PARSED
    reason: str = ""  # why AUTOMATIC
    result: ParseResult | None = None  # PARSED, once its parse is done
    parsing: Future[ParseResult] | None = None  # PARSED, while a thread parses it
    proposal: models.Proposal | None = None  # built, not yet in a session
    raw: models.RawMessage | None = None  # found or added by the write
    new: bool = False  # its raw message is added by this batch
    outcome: WriteOutcome | None = None
    state_status: MessageStatus | None = None  # AUTOMATIC: the status its place got

    @property
    def source(self) -> store_messages.Source:
        return source_of(self.item.origin)

    def text_size(self) -> int:
        """Characters the entry holds beyond its bytes: what bounds a batch in memory."""
        parsed = self.result.parsed if self.result else None
        if parsed is None:
            return 0
        return len(parsed.body_text) + sum(len(a.text or "") for a in parsed.attachments)


def source_of(origin: MessageOrigin) -> store_messages.Source:
    return store_messages.Source(
        account=origin.account,
        folder=origin.folder,
        uidvalidity=origin.uidvalidity,
        uid=origin.uid,
        internal_date=origin.internal_date,
    )


class BatchWriter:
    """Writes a batch's entries in the caller's transaction.

    `reparse(entry)` parses a KNOWN entry after all, when its stored copy is gone since it
    was checked (`hoering forget` ran meanwhile); rare, so it runs inside the transaction.
    """

    def __init__(self, owe_action: bool, reparse: Callable[[Entry], None]) -> None:
        self.owe_action = owe_action
        self.reparse = reparse

    def write(self, session: Session, entries: list[Entry]) -> None:
        with session.no_autoflush:  # flushed twice on purpose, not before every query
            self.add_raw_messages(session, entries)
            session.flush()  # one INSERT for the new raw messages; IntegrityError if raced
            sources = [entry.source for entry in entries]
            sighted = store_messages.sighted_places(session, sources)
            found = states.find_places(session, sources)
            _warn_collisions(session, [entry.raw for entry in entries if entry.new])
            for entry in entries:
                self.record(session, entry, sighted, found)
        session.flush()  # gives new proposals their ids, for the -v lines

    def add_raw_messages(self, session: Session, entries: list[Entry]) -> None:
        """Find each entry's stored raw message, or add it; a later copy in the batch finds
        the earlier one's."""
        by_sha = store_messages.find_raw_messages(
            session, "sha256", [e.sha256 for e in entries if e.kind == EntryKind.KNOWN]
        )
        by_key = store_messages.find_raw_messages(
            session, "dedup_key", [e.key for e in entries if e.kind != EntryKind.KNOWN]
        )
        for entry in entries:
            if entry.kind == EntryKind.KNOWN:
                entry.raw = by_sha.get(entry.sha256)
                if entry.raw is not None:
                    entry.outcome = WriteOutcome.ALREADY_STORED
                    continue
                self.reparse(entry)  # makes it PARSED
                entry.raw = by_key.get(entry.key) or store_messages.find_raw_message(
                    session, entry.key
                )
            else:
                entry.raw = by_key.get(entry.key)
            if entry.raw is None:
                entry.raw = self.new_raw(session, entry)
                entry.new = True
                entry.outcome = WriteOutcome.STORED
            else:
                same_bytes = entry.raw.sha256 == entry.sha256
                entry.outcome = (
                    WriteOutcome.ALREADY_STORED if same_bytes else WriteOutcome.DUPLICATE
                )
            by_key[entry.key] = by_sha[entry.sha256] = entry.raw

    def new_raw(self, session: Session, entry: Entry) -> models.RawMessage:
        result = entry.result
        if result is None:  # AUTOMATIC
            message_id, error, automatic = None, None, entry.reason
        else:
            parsed = result.parsed
            message_id = parsed.message_id if parsed else result.message_id
            error, automatic = result.error, None
        raw = store_messages.add_raw_message(
            session, entry.key, entry.sha256, message_id, entry.item.data, error, automatic,
            flush=False,
        )  # fmt: skip
        # It has no proposal yet: said, so that giving it one does not ask the database
        # (a query per message, a round trip each on PostgreSQL).
        set_committed_value(raw, "proposal", None)
        return raw

    def record(
        self,
        session: Session,
        entry: Entry,
        sighted: set[store_messages.Place],
        found: dict[store_messages.Place, models.MessageState],
    ) -> None:
        raw = entry.raw
        assert raw is not None
        source = entry.source
        store_messages.record_sighting(session, raw, source, sighted)
        if entry.new and entry.proposal is not None:
            entry.proposal.raw_message = raw
            session.add(entry.proposal)
        owe_action = self.owe_action and entry.kind != EntryKind.AUTOMATIC
        state = states.record_outcome(
            session, source, raw, new=entry.new, owe_action=owe_action, found=found
        )
        entry.state_status = state.status


def _warn_collisions(session: Session, new: list[models.RawMessage | None]) -> None:
    """A Message-ID already stored with other content: two messages, and a reviewer should
    know. Only messages stored before each one count, also those earlier in its batch."""
    by_message_id = {raw.message_id: raw for raw in new if raw is not None and raw.message_id}
    if not by_message_id:
        return
    sharing = store_messages.sharing_message_ids(session, list(by_message_id))
    for raw in new:
        assert raw is not None
        others = [
            i
            for i, key in sharing.get(raw.message_id or "", [])
            if i < raw.id and key != raw.dedup_key
        ]
        if others:
            log.warning(
                "Message-ID <%s> is shared with stored message(s) %s of other content: stored "
                "as a message of its own (hoering show lists the others)",
                raw.message_id,
                ", ".join(map(str, others)),
            )
