"""Per-message processing state: what happened to the message at each place, and what is owed.

A row per (account, folder, UIDVALIDITY, UID) -- or per file for imports -- written in the
same transaction as the raw message and proposal it describes. Parse failures are
retried from the stored bytes and parked after `max_attempts`; post-actions (flag, seen,
move) are owed as `pending` until the IMAP side has done them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from hoering.store import models
from hoering.store.messages import Place, Source, at_places, place_of
from hoering.vocab import ActionState, MessageStatus

# The words are vocab.MessageStatus and vocab.ActionState; `hoering failures` shows them as
# they are.
FAILING = (MessageStatus.FAILED, MessageStatus.PARKED)
ACTION_DUE = (ActionState.PENDING, ActionState.FAILED)
ACTION_FAILING = (ActionState.FAILED, ActionState.PARKED)


def _same(column, value) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value


def find(session: Session, source: Source) -> models.MessageState | None:
    """The state row of one place (files have no UIDVALIDITY, so NULL-aware)."""
    query = select(models.MessageState).where(
        models.MessageState.account == source.account,
        models.MessageState.folder == source.folder,
        _same(models.MessageState.uidvalidity, source.uidvalidity),
        _same(models.MessageState.uid, source.uid),
    )
    # Rows of this transaction for other places need not be flushed to answer this.
    with session.no_autoflush:
        return session.scalars(query).first()


def find_places(session: Session, sources: Sequence[Source]) -> dict[Place, models.MessageState]:
    """The state rows of these places, in one query (a batch's)."""
    if not sources:
        return {}
    wanted = {place_of(s) for s in sources}
    query = select(models.MessageState).where(at_places(models.MessageState, sources))
    with session.no_autoflush:
        rows = session.scalars(query.order_by(models.MessageState.id))
        found: dict[Place, models.MessageState] = {}
        for row in rows:
            key = (row.account, row.folder, row.uidvalidity, row.uid)
            if key in wanted:
                found.setdefault(key, row)
    return found


def _new_row(
    session: Session,
    source: Source,
    status: MessageStatus,
    new_rows: list[models.MessageState] | None = None,
) -> models.MessageState:
    row = models.MessageState(
        account=source.account,
        folder=source.folder,
        uidvalidity=source.uidvalidity,
        uid=source.uid,
        status=status,
        attempts=0,
        action_attempts=0,
    )
    if new_rows is None:
        session.add(row)
    else:
        new_rows.append(row)
    return row


def record_skipped(session: Session, sources: Sequence[Source]) -> None:
    """Remember unmarked messages; the subject is not kept (it is not a reply)."""
    known: set[tuple[str, str, int | None, int | None]] = set()
    for key in {(s.account, s.folder, s.uidvalidity) for s in sources}:
        account, folder, uidvalidity = key
        # One query per folder, not per message: a poll may pass thousands of newsletters.
        uids = [s.uid for s in sources if (s.account, s.folder, s.uidvalidity) == key]
        query = select(models.MessageState.uid).where(
            models.MessageState.account == account,
            models.MessageState.folder == folder,
            _same(models.MessageState.uidvalidity, uidvalidity),
            models.MessageState.uid.in_(uids),
        )
        with session.no_autoflush:
            known.update((account, folder, uidvalidity, uid) for uid in session.scalars(query))
    for source in sources:
        place = (source.account, source.folder, source.uidvalidity, source.uid)
        if place not in known:
            known.add(place)
            _new_row(session, source, MessageStatus.SKIPPED)


def record_outcome(
    session: Session,
    source: Source,
    raw: models.RawMessage,
    *,
    new: bool,
    owe_action: bool,
    found: dict[Place, models.MessageState] | None = None,
    new_rows: list[models.MessageState] | None = None,
) -> models.MessageState:
    """Record what storing `raw` at `source` came to; a place already decided keeps its row.

    `found`: the batch's rows by place (find_places), kept up to date here; without it
    the place is looked up. `new_rows`: where a new row goes instead of into `session`
    (a batch's, inserted as plain rows by its writer, store/plain_rows.py).
    """
    row = find(session, source) if found is None else found.get(place_of(source))
    if row is not None and row.status != MessageStatus.SKIPPED:
        return row
    if row is None:
        row = _new_row(session, source, MessageStatus.STORED, new_rows)
        if found is not None:
            found[place_of(source)] = row
    row.raw_message_id = raw.id
    if raw.automatic is not None and raw.proposal is None:
        row.status = (
            MessageStatus.AUTOMATIC
        )  # no proposal, no post-action: the mail is left as it is
        return row
    if raw.parse_error is None:
        row.status = MessageStatus.STORED if new else MessageStatus.DUPLICATE
        row.attempts = max(row.attempts, 1)
        row.last_error = None
        if owe_action and source.uidvalidity is not None:
            row.action_state = ActionState.PENDING
        return row
    # Every place of a failing message shares its failure, so a retry updates them together.
    sibling = [s for s in _failing_rows(session, [raw.id]) if s is not row]
    row.status = sibling[0].status if sibling else MessageStatus.FAILED
    row.attempts = max((s.attempts for s in sibling), default=1)
    row.last_error = raw.parse_error
    return row


def _failing_rows(session: Session, raw_ids: Sequence[int]) -> list[models.MessageState]:
    query = select(models.MessageState).where(
        models.MessageState.raw_message_id.in_(raw_ids),
        models.MessageState.status.in_(FAILING),
    )
    return list(session.scalars(query.order_by(models.MessageState.id)))


def due_for_retry(session: Session, accounts: Sequence[str]) -> list[int]:
    """Raw message ids with a `failed` (not parked) place in one of `accounts`."""
    query = (
        select(models.MessageState.raw_message_id)
        .where(
            models.MessageState.status == MessageStatus.FAILED,
            models.MessageState.account.in_(accounts),
            models.MessageState.raw_message_id.is_not(None),
        )
        .distinct()
        .order_by(models.MessageState.raw_message_id)
    )
    return [raw_id for raw_id in session.scalars(query) if raw_id is not None]


def record_retry_failure(
    session: Session, raw_id: int, error: str, max_attempts: int
) -> list[models.MessageState]:
    """Another failed parse of `raw_id`: count it, park its places at `max_attempts`."""
    rows = _failing_rows(session, [raw_id])
    for row in rows:
        row.attempts += 1
        row.last_error = error
        if row.attempts >= max_attempts:
            row.status = MessageStatus.PARKED
    return rows


def record_accepted(session: Session, raw_id: int) -> list[models.MessageState]:
    """An automatic message a reviewer accepted: its places count as stored from now on."""
    query = select(models.MessageState).where(
        models.MessageState.raw_message_id == raw_id,
        models.MessageState.status == MessageStatus.AUTOMATIC,
    )
    rows = list(session.scalars(query.order_by(models.MessageState.id)))
    for position, row in enumerate(rows):
        row.status = MessageStatus.STORED if position == 0 else MessageStatus.DUPLICATE
        row.attempts = max(row.attempts, 1)
    return rows


def record_recovered(
    session: Session, raw_id: int, status: MessageStatus, owe_action: bool
) -> list[models.MessageState]:
    """A failing message now parsed: its first place becomes `status` (stored or duplicate),
    its other places (copies of the same message) duplicates."""
    rows = _failing_rows(session, [raw_id])
    for position, row in enumerate(rows):
        row.attempts += 1
        row.status = status if position == 0 else MessageStatus.DUPLICATE
        row.last_error = None
        if owe_action and row.uidvalidity is not None and row.action_state is None:
            row.action_state = ActionState.PENDING
    return rows


def failures(session: Session) -> list[models.MessageState]:
    """Places that need a human or a retry: failed or parked parses and actions."""
    query = select(models.MessageState).where(
        or_(
            models.MessageState.status.in_(FAILING),
            models.MessageState.action_state.in_(ACTION_FAILING),
        )
    )
    return list(session.scalars(query.order_by(models.MessageState.id)))


def due_actions(
    session: Session, account: str, folders: Sequence[str]
) -> dict[str, list[models.MessageState]]:
    """Post-actions still owed in `folders` of `account`, by folder, UIDs ascending."""
    query = (
        select(models.MessageState)
        .where(
            models.MessageState.account == account,
            models.MessageState.folder.in_(folders),
            models.MessageState.action_state.in_(ACTION_DUE),
        )
        .order_by(models.MessageState.folder, models.MessageState.uid)
    )
    due: dict[str, list[models.MessageState]] = {}
    for row in session.scalars(query):
        due.setdefault(row.folder, []).append(row)
    return due


def _never_actioned(account: str, folders: Sequence[str]):
    """Replies stored at an IMAP place that owe no action and never had one: stored before a
    post-action was configured."""
    S = models.MessageState
    return (
        S.account == account,
        S.folder.in_(folders),
        S.status.in_((MessageStatus.STORED, MessageStatus.DUPLICATE)),
        S.uidvalidity.is_not(None),
        S.uid.is_not(None),
        S.action_state.is_(None),
    )


def never_actioned(session: Session, account: str, folders: Sequence[str]) -> int:
    """How many stored replies in `folders` never had a post-action."""
    query = select(func.count(models.MessageState.id)).where(*_never_actioned(account, folders))
    return session.scalar(query) or 0


def owe_actions(session: Session, account: str, folders: Sequence[str]) -> int:
    """Owe the configured post-action on every stored reply that never had one (`hoering
    actions --catch-up`); how many. Once done they are `done`, so a second catch-up owes none."""
    rows = list(
        session.scalars(select(models.MessageState).where(*_never_actioned(account, folders)))
    )
    for row in rows:
        row.action_state = ActionState.PENDING
    return len(rows)


def record_actions(
    session: Session,
    ids: Sequence[int],
    state: ActionState,
    action: str | None,
    error: str | None = None,
    max_attempts: int | None = None,
) -> None:
    """Record the outcome of one post-action on the rows `ids`; failures park at max_attempts."""
    rows = session.scalars(select(models.MessageState).where(models.MessageState.id.in_(ids)))
    now = datetime.now(UTC)
    for row in rows:
        row.action_state, row.action, row.action_error, row.action_at = state, action, error, now
        if state == ActionState.FAILED:
            row.action_attempts += 1
            if max_attempts is not None and row.action_attempts >= max_attempts:
                row.action_state = ActionState.PARKED


def requeue(session: Session, row: models.MessageState) -> None:
    """`hoering retry` of a failed or parked action: try it again on the next poll."""
    if row.action_state in ACTION_FAILING:
        row.action_state = ActionState.PENDING
        row.action_attempts = 0
        row.action_error = None


def counts(session: Session) -> dict[str, int]:
    """Rows per status, for `hoering stats`."""
    query = select(models.MessageState.status, func.count()).group_by(models.MessageState.status)
    return {status: number for status, number in session.execute(query)}
