"""One batch of matched messages written in one transaction: raw bytes, where each was seen,
proposals and states.

Everything slow (parsing, attachment extraction, the derived fields of a proposal) happened
before, outside any transaction; here the batch's new raw messages go in with one INSERT,
then the rows that need their ids, one statement per table: the new proposals, sightings
and states as plain rows (store/plain_rows.py), what is left to the ORM numbered by the
writer on SQLite (store/row_ids.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from hoering.derived import DerivedReply
from hoering.ingest.raw import RawMessage
from hoering.origin import MessageOrigin
from hoering.pipeline.parsing import ParseResult
from hoering.store import derived_rows, models, row_ids, states
from hoering.store import messages as store_messages
from hoering.store.messages import Place
from hoering.store.plain_rows import PlainRows
from hoering.vocab import MessageStatus, WriteOutcome

log = logging.getLogger(__name__)
# The rows a batch adds once its raw messages are in, numbered by the writer on SQLite so
# that each table's go in with one executemany (store/row_ids.py).
NUMBERED = (
    models.Sighting,
    models.Proposal,
    models.Attachment,
    models.ProposalTheme,  # a reply derived in this process (no sandbox) brings its
    models.Initiative,  # theme tags and initiatives as objects
    models.MessageState,
)


@dataclass(frozen=True)
class Known:
    """These exact bytes were stored before (a rerun, the same mail in two folders): not
    parsed again."""

    item: RawMessage
    sha256: str

    @property
    def source(self) -> MessageOrigin:
        return self.item.origin


@dataclass(frozen=True)
class Automatic:
    """Sent by a machine: kept raw with its reason, no proposal."""

    item: RawMessage
    sha256: str
    key: str  # identity key (store.messages.dedup_key)
    reason: str

    @property
    def source(self) -> MessageOrigin:
        return self.item.origin


@dataclass(frozen=True)
class Parsed:
    """A reply, parsed (or failed to, `result.error`) and its proposal built (None if its
    parse failed), not yet in a session. `children`: the derived fields whose theme tags
    and initiatives the proposal was built without; the writer inserts them as rows."""

    item: RawMessage
    sha256: str
    result: ParseResult
    proposal: models.Proposal | None
    children: DerivedReply | None = None

    @property
    def key(self) -> str:
        return self.result.key

    @property
    def source(self) -> MessageOrigin:
        return self.item.origin

    def text_size(self) -> int:
        """Characters the entry holds beyond its bytes: what bounds a batch in memory."""
        parsed = self.result.parsed
        if parsed is None:
            return 0
        return len(parsed.body_text) + sum(len(a.text or "") for a in parsed.attachments)


@dataclass(frozen=True)
class Pending:
    """A reply whose parse runs in a thread; the run makes it Parsed before the write."""

    item: RawMessage
    sha256: str
    parsing: Future[ParseResult]


Entry = Known | Automatic | Parsed  # one matched message of a batch, decided before the write


@dataclass(frozen=True)
class Written:
    """What writing one entry came to, once its transaction commits."""

    entry: Entry  # as written: a Known whose stored copy was gone meanwhile is Parsed
    raw: models.RawMessage
    new: bool  # its raw message was added by this batch
    outcome: WriteOutcome
    status: MessageStatus  # the status its place got


class BatchWriter:
    """Writes a batch's entries in the caller's transaction.

    `reparse(entry)` parses a Known entry after all, when its stored copy is gone since it
    was checked (`hoering forget` ran meanwhile); rare, so it runs inside the transaction.
    """

    def __init__(self, owe_action: bool, reparse: Callable[[Known], Parsed]) -> None:
        self.owe_action = owe_action
        self.reparse = reparse

    def write(self, session: Session, entries: list[Entry]) -> list[Written]:
        with session.no_autoflush:  # flushed twice on purpose, not before every query
            found_raw = self.add_raw_messages(session, entries)
            writes = bool(session.new)
            session.flush()  # one INSERT for the new raw messages; IntegrityError if raced
            sources = [entry.source for entry, _raw, _new, _outcome in found_raw]
            sighted = store_messages.sighted_places(session, sources)
            found = states.find_places(session, sources)
            _warn_collisions(session, [raw for _entry, raw, new, _outcome in found_raw if new])
            plain = PlainRows()
            written = [
                Written(
                    entry, raw, new, outcome,
                    self.record(session, entry, raw, new, (sighted, found, plain)),
                )
                for entry, raw, new, outcome in found_raw
            ]  # fmt: skip
        if writes:  # SQLite's write lock is held: the rows below may be numbered here
            row_ids.assign_ids(session, NUMBERED)
        session.flush()  # what is left to the ORM: updated states, skipped places' rows
        plain.insert(session)  # gives new proposals their ids, for -v lines and children
        derived_rows.insert_children(session, [
            (w.entry.proposal.id, w.entry.children)
            for w in written
            if w.new and isinstance(w.entry, Parsed) and w.entry.proposal is not None
            and w.entry.children is not None
        ])  # fmt: skip
        return written

    def add_raw_messages(
        self, session: Session, entries: list[Entry]
    ) -> list[tuple[Entry, models.RawMessage, bool, WriteOutcome]]:
        """Find each entry's stored raw message, or add it; a later copy in the batch finds
        the earlier one's. (entry as written, raw message, added now, outcome) each."""
        by_sha = store_messages.find_raw_messages(
            session, "sha256", [e.sha256 for e in entries if isinstance(e, Known)]
        )
        by_key = store_messages.find_raw_messages(
            session, "dedup_key", [e.key for e in entries if not isinstance(e, Known)]
        )
        found: list[tuple[Entry, models.RawMessage, bool, WriteOutcome]] = []
        for entry in entries:
            if isinstance(entry, Known):
                raw = by_sha.get(entry.sha256)
                if raw is not None:
                    found.append((entry, raw, False, WriteOutcome.ALREADY_STORED))
                    continue
                entry = self.reparse(entry)
                raw = by_key.get(entry.key) or store_messages.find_raw_message(session, entry.key)
            else:
                raw = by_key.get(entry.key)
            if raw is None:
                raw, new, outcome = self.new_raw(session, entry), True, WriteOutcome.STORED
            else:
                same_bytes = raw.sha256 == entry.sha256
                new = False
                outcome = WriteOutcome.ALREADY_STORED if same_bytes else WriteOutcome.DUPLICATE
            found.append((entry, raw, new, outcome))
            by_key[entry.key] = by_sha[entry.sha256] = raw
        return found

    def new_raw(self, session: Session, entry: Automatic | Parsed) -> models.RawMessage:
        if isinstance(entry, Automatic):
            message_id, error, automatic = None, None, entry.reason
        else:
            result = entry.result
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
        raw: models.RawMessage,
        new: bool,
        batch: tuple[set[Place], dict[Place, models.MessageState], PlainRows],
    ) -> MessageStatus:
        """The sighting, the proposal of a new message and the state of its place, new rows
        as plain ones (`batch`: the places sighted, the states found, the new rows); the
        status the place got."""
        sighted, found, plain = batch
        source = entry.source
        store_messages.record_sighting(session, raw, source, sighted, plain.sightings)
        if new and isinstance(entry, Parsed) and entry.proposal is not None:
            # Not put in the session: inserted as a row (its raw message's proposal stays
            # None in this session, which ends with the batch).
            plain.proposals.append((entry.proposal, raw.id))
        owe_action = self.owe_action and not isinstance(entry, Automatic)
        state = states.record_outcome(
            session, source, raw, new=new, owe_action=owe_action, found=found,
            new_rows=plain.states,
        )  # fmt: skip
        return state.status


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
