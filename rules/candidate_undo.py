"""A candidate's trail and `undo`: the last reviewer action on a candidate is taken back by
putting its candidates and their members as they were (the event's `before`)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from hoering.rules.candidate_review import CandidateActionError, members_of
from hoering.rules.candidates import rebuild
from hoering.store import models
from hoering.store.candidates import get_candidate

UNDO = "undo"


def _involving(candidate_id: int):
    E = models.CandidateEvent
    return or_(E.candidate_id == candidate_id, E.other_id == candidate_id)


def history(session: Session, candidate_id: int) -> list[models.CandidateEvent]:
    """Every reviewer action on one candidate, oldest first."""
    get_candidate(session, candidate_id)  # UnknownCandidate
    E = models.CandidateEvent
    query = select(E).where(_involving(candidate_id)).order_by(E.at, E.id)
    return list(session.scalars(query))


def _last_action(session: Session, candidate_id: int) -> models.CandidateEvent | None:
    E = models.CandidateEvent
    query = (
        select(E)
        .where(_involving(candidate_id), E.field != UNDO, E.undone.is_(None))
        .order_by(E.id.desc())
        .limit(1)
    )
    return session.scalars(query).first()


@dataclass(frozen=True)
class Pending:
    """What `undo` on a candidate would take back, and what stands in its way."""

    event: models.CandidateEvent | None  # None: nothing to undo
    # A later action on another candidate of `event`: undone first, on `blocked_on`.
    blocked_by: models.CandidateEvent | None = None
    blocked_on: int | None = None


def pending(session: Session, candidate_id: int) -> Pending:
    """The action `undo` would take back now (the desk offers it by this), and the later
    action on another of its candidates that has to be undone first, if any."""
    event = _last_action(session, candidate_id)
    if event is None:
        return Pending(None)
    for other in (event.candidate_id, event.other_id):
        later = _last_action(session, other) if other is not None else None
        if later is not None and later.id != event.id:
            return Pending(event, later, other)
    return Pending(event)


def undo(session: Session, candidate_id: int, by: str) -> models.CandidateEvent:
    """Take back the last action on the candidate that is not undone yet; returns it.

    Refused when a later action changed another candidate of that action: that one is
    undone first, so nothing a reviewer did after is lost silently."""
    get_candidate(session, candidate_id)
    found = pending(session, candidate_id)
    event, later = found.event, found.blocked_by
    if event is None:
        raise CandidateActionError(f"candidate {candidate_id} has no action to undo")
    if later is not None:
        raise CandidateActionError(
            f"candidate {found.blocked_on} was changed after ({later.field} by {later.by}): "
            f"undo that on candidate {found.blocked_on} first"
        )
    _restore(session, json.loads(event.before or "{}"), event)
    mark = models.CandidateEvent(
        candidate_id=event.candidate_id,
        other_id=event.other_id,
        by=by,
        field=UNDO,
        old_value=event.new_value,
        new_value=event.old_value,
    )
    session.add(mark)
    session.flush()
    event.undone = mark.id
    return event


def _restore(session: Session, before: dict, event: models.CandidateEvent) -> None:
    """Candidates and members as `before` holds them; a candidate the action started (not in
    `before`) loses the members it got from it, and is dropped when none is left."""
    saved = {int(cid): fields for cid, fields in before.get("candidates", {}).items()}
    members = {ini_id: (cid, pinned) for ini_id, cid, pinned in before.get("members", [])}
    started = [cid for cid in (event.candidate_id, event.other_id) if cid and cid not in saved]
    for row in members_of(session, [*saved, *started]):
        if row.id in members:
            row.candidate_id, row.candidate_pinned = members.pop(row.id)
        elif row.candidate_id in started:
            row.candidate_id, row.candidate_pinned = None, False  # placed again by analysis
    for ini_id, (cid, pinned) in members.items():  # moved out by the action
        row = session.get(models.Initiative, ini_id)
        if row is not None:  # else a reparse dropped it since
            row.candidate_id, row.candidate_pinned = cid, pinned
    session.flush()
    for cid, fields in saved.items():
        candidate = session.get_one(models.Candidate, cid)
        for field, value in fields.items():
            setattr(candidate, field, value)
        rebuild(session, candidate)
    for cid in started:
        candidate = session.get(models.Candidate, cid)
        if candidate is not None and not members_of(session, [cid]):
            session.delete(candidate)
