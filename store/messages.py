"""Writing messages: raw bytes, where they were seen, the proposal and its attachments.

Callers own the transaction: everything for one message is written inside one
`session.begin()`, so a crash leaves either all of it or none of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Connection, Engine, and_, or_, select
from sqlalchemy.orm import Session, defer, object_session

from hoering.origin import MessageOrigin, PlaceKey
from hoering.parse.identity import Identity
from hoering.parse.model import Attachment, ParsedMessage
from hoering.parse.versions import PARSER_VERSION
from hoering.store import models
from hoering.store.base import utcnow

# Where a message was seen: the one type ingest yields and the rows below are written from.
Source = MessageOrigin
Place = PlaceKey  # (account, folder, uidvalidity, uid)


def place_of(source: Source) -> Place:
    return source.key


def at_places(table: type[models.Sighting | models.MessageState], sources: Sequence[Source]
              ) -> ColumnElement[bool]:  # fmt: skip
    """Rows of `table` at any of the places of `sources`, in one query for a batch: a
    superset (accounts x folders x uids), which the caller matches exactly by Place."""
    uids = {s.uid for s in sources if s.uid is not None}
    uid_match = [table.uid.in_(uids)] if uids else []
    if any(s.uid is None for s in sources):
        uid_match.append(table.uid.is_(None))
    return and_(
        table.account.in_({s.account for s in sources}),
        table.folder.in_({s.folder for s in sources}),
        or_(*uid_match),
    )


def sighted_places(session: Session, sources: Sequence[Source]) -> set[Place]:
    """Which of these places already have a sighting."""
    if not sources:
        return set()
    table = models.Sighting
    query = select(table.account, table.folder, table.uidvalidity, table.uid)
    return {tuple(row) for row in session.execute(query.where(at_places(table, sources)))}


def dedup_key(identity: Identity) -> str:
    """The unique key of a message: its Message-ID and its content, transport left out."""
    return identity.key


def same_message_id(session: Session, message_id: str | None, key: str) -> list[int]:
    """Ids of stored messages with this Message-ID but another content: a collision."""
    if not message_id:
        return []
    query = select(models.RawMessage.id).where(
        models.RawMessage.message_id == message_id, models.RawMessage.dedup_key != key
    )
    return list(session.scalars(query.order_by(models.RawMessage.id)))


def sharing_message_ids(
    session: Session, message_ids: Sequence[str]
) -> dict[str, list[tuple[int, str]]]:
    """Message-ID -> [(id, dedup_key)] of the stored messages with it, for a batch; only
    Message-IDs that more than one message has."""
    query = (
        select(models.RawMessage.message_id, models.RawMessage.id, models.RawMessage.dedup_key)
        .where(models.RawMessage.message_id.in_(set(message_ids)))
        .order_by(models.RawMessage.id)
    )
    found: dict[str, list[tuple[int, str]]] = {}
    for message_id, raw_id, key in session.execute(query):
        found.setdefault(message_id, []).append((raw_id, key))
    return {message_id: rows for message_id, rows in found.items() if len(rows) > 1}


def message_id_shared_with(session: Session, proposal: models.Proposal) -> list[str]:
    """Other messages with this proposal's Message-ID: "svar 7", or "mail 9" (no reply:
    automatic, or failed), for reviewers to see a collision (`hoering show`, in Danish)."""
    raw = proposal.raw_message
    found = []
    for raw_id in same_message_id(session, raw.message_id, raw.dedup_key):
        other = session.scalar(
            select(models.Proposal.id).where(models.Proposal.raw_message_id == raw_id)
        )
        found.append(f"svar {other}" if other is not None else f"mail {raw_id}")
    return found


def find_raw_message(session: Session, key: str) -> models.RawMessage | None:
    return session.scalars(
        select(models.RawMessage).where(models.RawMessage.dedup_key == key)
    ).first()


def find_raw_message_by_sha256(session: Session, sha256: str) -> models.RawMessage | None:
    query = select(models.RawMessage).where(models.RawMessage.sha256 == sha256).limit(1)
    return session.scalars(query).first()


def find_raw_messages(
    session: Session, column: str, values: Sequence[str]
) -> dict[str, models.RawMessage]:
    """Stored raw messages by `column` ("sha256" or "dedup_key"), one query for a batch."""
    if not values:
        return {}
    field = getattr(models.RawMessage, column)
    found: dict[str, models.RawMessage] = {}
    # Without the bytes: a batch of known messages need not load them all again.
    query = select(models.RawMessage).where(field.in_(set(values)))
    for raw in session.scalars(query.options(defer(models.RawMessage.data))):
        found.setdefault(getattr(raw, column), raw)
    return found


def known_sha256(session: Session | Connection, shas: Sequence[str]) -> set[str]:
    """Which of these SHA-256 digests a stored raw message has."""
    if not shas:
        return set()
    query = select(models.RawMessage.sha256).where(models.RawMessage.sha256.in_(set(shas)))
    return set(session.scalars(query))


def autocommit(engine: Engine) -> Engine:
    """`engine` for single reads outside a transaction: on PostgreSQL a session's read is
    three round trips (BEGIN, the query, ROLLBACK when it closes), a read here one. SQLite
    begins no transaction for a read anyway, so its engine stays as it is."""
    if engine.dialect.name != "postgresql":
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def add_raw_message(
    session: Session,
    key: str,
    sha256: str,
    message_id: str | None,
    data: bytes,
    parse_error: str | None,
    automatic: str | None = None,
    *,
    flush: bool = True,
) -> models.RawMessage:
    raw = models.RawMessage(
        dedup_key=key,
        sha256=sha256,
        message_id=message_id,
        size=len(data),
        data=data,
        parse_error=parse_error,
        automatic=automatic,
    )
    session.add(raw)
    if flush:  # raises IntegrityError now if another poller stored it first
        session.flush()
    return raw


def record_sighting(
    session: Session,
    raw: models.RawMessage,
    source: Source,
    sighted: set[Place] | None = None,
    rows: list[dict[str, object]] | None = None,
) -> None:
    """Remember that `raw` was seen at `source`, once per place.

    `sighted`: the places known to have a sighting (sighted_places, for a batch), kept up
    to date here; without it the place is looked up. `rows`: a batch's new sightings, as
    plain rows its writer inserts (store/plain_rows.py), instead of objects in `session`.
    """
    if sighted is not None:
        if place_of(source) not in sighted:
            sighted.add(place_of(source))
            if rows is not None:
                rows.append(sighting_row(raw.id, source))
            else:
                _add_sighting(session, raw, source)
        return
    already = session.scalars(
        select(models.Sighting.id).where(
            models.Sighting.account == source.account,
            models.Sighting.folder == source.folder,
            models.Sighting.uidvalidity.is_(source.uidvalidity)
            if source.uidvalidity is None
            else models.Sighting.uidvalidity == source.uidvalidity,
            models.Sighting.uid.is_(source.uid)
            if source.uid is None
            else models.Sighting.uid == source.uid,
        )
    ).first()
    if already is None:
        _add_sighting(session, raw, source)


def sighting_row(raw_message_id: int, source: Source) -> dict[str, object]:
    """A new sighting as a plain row: the values `_add_sighting`'s object is inserted with."""
    return {
        "raw_message_id": raw_message_id, "account": source.account, "folder": source.folder,
        "uidvalidity": source.uidvalidity, "uid": source.uid,
        "internal_date": source.internal_date, "seen_at": utcnow(),
    }  # fmt: skip


def _add_sighting(session: Session, raw: models.RawMessage, source: Source) -> None:
    session.add(
        models.Sighting(
            raw_message=raw,
            account=source.account,
            folder=source.folder,
            uidvalidity=source.uidvalidity,
            uid=source.uid,
            internal_date=source.internal_date,
        )
    )


def new_proposal(source: Source) -> models.Proposal:
    """An empty proposal from `source`, outside any session (pipeline/assemble.py fills it)."""
    return models.Proposal(
        source_account=source.account,
        source_folder=source.folder,
        source_uidvalidity=source.uidvalidity,
        source_uid=source.uid,
    )


def fill_parsed(
    proposal: models.Proposal,
    parsed: ParsedMessage,
    *,
    received_at: datetime | None,
    late: bool,
    combined_text: str,
) -> None:
    """Set every parsed field of `proposal` and its attachment rows (used on insert and on
    reparse); derived and reviewer fields are left alone."""
    proposal.message_id = parsed.message_id
    proposal.received_at = received_at
    proposal.sent_at = parsed.sent_at
    proposal.sender_name = parsed.sender_name
    proposal.sender_email = parsed.sender_email
    proposal.subject = parsed.subject
    proposal.body_text = parsed.body_text
    proposal.body_source = parsed.body_source
    proposal.combined_text = combined_text
    proposal.search_text = search_text(parsed, combined_text)
    proposal.late = late
    proposal.warnings = tuple(parsed.warnings)
    proposal.parser_version = PARSER_VERSION
    sync_attachments(proposal, parsed.attachments)


def sync_attachments(proposal: models.Proposal, attachments: Sequence[Attachment]) -> None:
    """Make the proposal's attachment rows match `attachments`; rows whose path stays keep
    their id, the others are deleted or added."""
    rows = {row.path: row for row in proposal.attachments}
    session = object_session(proposal)
    if rows and session is not None:
        # (proposal_id, position) is unique and the unit of work inserts before it deletes,
        # so the old rows leave the positions and the gone ones are deleted first.
        for row in rows.values():
            row.position = -row.position
        proposal.attachments = [rows[att.path] for att in attachments if att.path in rows]
        session.flush()
    proposal.attachments = [
        _fill_attachment(rows.get(att.path) or models.Attachment(), position, att)
        for position, att in enumerate(attachments, start=1)
    ]


def _fill_attachment(row: models.Attachment, position: int, att: Attachment) -> models.Attachment:
    row.position = position
    row.path = att.path
    row.filename = att.filename
    row.declared_type = att.declared_type
    row.detected_type = att.detected_type
    row.size = att.size
    row.sha256 = att.sha256
    row.text = att.text
    row.method = att.method
    row.error = att.error
    row.extractor_version = att.extractor_version or None
    return row


def search_text(parsed: ParsedMessage, combined_text: str) -> str:
    """What search matches: subject, sender and text, case-folded, every run of white space
    one space (so a quoted phrase also finds text broken over two lines)."""
    parts = [parsed.subject, parsed.sender_name, parsed.sender_email, combined_text]
    return " ".join(" ".join(parts).split()).casefold()


def load_cursors(session: Session, account: str) -> dict[str, tuple[int, int]]:
    """folder -> (uidvalidity, last_uid) for one account."""
    rows = session.scalars(
        select(models.FolderCursor).where(models.FolderCursor.account == account)
    )
    return {row.folder: (row.uidvalidity, row.last_uid) for row in rows}


def save_cursor(session: Session, account: str, folder: str, uidvalidity: int, uid: int) -> None:
    """Move the folder's cursor to `uid`; a new UIDVALIDITY replaces the old cursor."""
    cursor = session.scalars(
        select(models.FolderCursor).where(
            models.FolderCursor.account == account, models.FolderCursor.folder == folder
        )
    ).first()
    if cursor is None:
        session.add(
            models.FolderCursor(
                account=account, folder=folder, uidvalidity=uidvalidity, last_uid=uid
            )
        )
    elif cursor.uidvalidity != uidvalidity or uid > cursor.last_uid:
        cursor.uidvalidity = uidvalidity
        cursor.last_uid = uid
