"""Drop the raw mail of old replies: `hoering purge --raw-before DATE`.

After a consultation the raw messages (the mail and its attachments' bytes) are rarely
needed, and they hold more personal data than the extracted text. A purge empties
raw_messages.data of every reply received before the cutoff and stamps purged_at; the
proposal, its extracted text, derived fields, review and audit trail stay, and so do the
message's size, sha256 and identity, so the same mail polled again is still known.
Mail that never became a reply (failed, parked, automatic) keeps its bytes: they are all
there is of it (`hoering forget` erases a person). The purge_log keeps when, by whom, the
cutoff and how many, nothing of the mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, func, select, update
from sqlalchemy.orm import Session

from hoering.errors import UsageError
from hoering.store import models


class RawPurged(UsageError):
    """The raw mail a command needs was dropped by `hoering purge --raw-before`."""

    def __init__(self, proposal_id: int) -> None:
        super().__init__(
            f"the raw mail of proposal {proposal_id} was purged (hoering purge --raw-before); "
            "its stored text and review are kept"
        )


@dataclass(frozen=True)
class PurgePlan:
    """What a purge would drop: how many messages, their bytes, the first and last day."""

    messages: int
    size: int
    first: datetime | None
    last: datetime | None


def _received():
    return func.coalesce(models.Proposal.received_at, models.RawMessage.first_seen_at)


def _purgeable(cutoff: datetime) -> Select:
    return (
        select(models.RawMessage.id)
        .join(models.Proposal, models.Proposal.raw_message_id == models.RawMessage.id)
        .where(models.RawMessage.purged_at.is_(None), _received() < cutoff)
    )


def plan(session: Session, cutoff: datetime) -> PurgePlan:
    """What `purge_raw_before(cutoff)` would drop now; 0 messages when it was done before."""
    ids = _purgeable(cutoff).subquery()
    query = (
        select(
            func.count(models.RawMessage.id),
            func.coalesce(func.sum(models.RawMessage.size), 0),
            func.min(_received()),
            func.max(_received()),
        )
        .join(models.Proposal, models.Proposal.raw_message_id == models.RawMessage.id)
        .where(models.RawMessage.id.in_(select(ids.c.id)))
    )
    count, size, first, last = session.execute(query).one()
    return PurgePlan(count, size, first, last)


def purge_raw_before(session: Session, cutoff: datetime, by: str) -> int:
    """Empty the raw bytes of replies received before `cutoff` and log it; how many.
    Done twice, the second purge finds nothing and logs nothing; the caller commits."""
    count = plan(session, cutoff).messages
    if not count:
        return 0
    session.execute(
        update(models.RawMessage)
        .where(models.RawMessage.id.in_(_purgeable(cutoff).scalar_subquery()))
        .values(data=b"", purged_at=models.utcnow()),
        execution_options={"synchronize_session": False},
    )
    session.add(models.PurgeLog(by=by, cutoff=cutoff, messages=count))
    return count


def raw_bytes(raw: models.RawMessage, proposal_id: int) -> bytes:
    """The stored mail of a reply; RawPurged when a purge dropped it."""
    if raw.purged_at is not None:
        raise RawPurged(proposal_id)
    return raw.data
