"""Reviewers' changes to bruttoliste candidates: move, merge, split, retitle, review, undo.

Each action is one candidate_events row holding the candidates it changed as they were
(`before`), so `undo` can put them back. An action touches its candidates: re-analysis then
keeps them and their ids (rules/candidates.refresh), and every member they have is pinned,
i.e. seen by a reviewer; an initiative placed there later is "new since the decision" until
a reviewer acts on the candidate again. The optimistic check is the replies' one: the
revision a reviewer saw is the latest event id of the candidate.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from hoering.edits import Change, InvalidValue
from hoering.rules.candidates import new_candidate, rebuild
from hoering.rules.review import decision_edit
from hoering.store import models
from hoering.store.candidates import get_candidate
from hoering.store.review import Conflict, decision_now, stale

REVIEW_FIELDS = ("status", "decision", "reason", "assignee")
# What an action changed: old and new as people read them, and the candidate it started.
Changed = tuple[str | None, str | None, models.Candidate | None]


class CandidateActionError(InvalidValue):
    """A move, merge, split, retitle or undo that cannot be done; the message says why
    (reported like an invalid review value: one line, exit 2)."""


def revision(session: Session, candidate_id: int) -> int:
    """The id of the latest event that changed the candidate (0: none yet)."""
    E = models.CandidateEvent
    involved = or_(E.candidate_id == candidate_id, E.other_id == candidate_id)
    return session.scalar(select(func.max(E.id)).where(involved)) or 0


def ensure_unchanged(session: Session, candidate_id: int, seen: int | None) -> None:
    """Conflict unless the candidate's revision is still `seen` (None: no check). The UPDATE
    takes the write lock first, so of two reviewers saving at once the second sees the first."""
    if seen is None:
        return
    session.execute(
        update(models.Candidate)
        .where(models.Candidate.id == candidate_id)
        .values(updated_at=models.utcnow())
    )
    now = revision(session, candidate_id)
    if now != seen:
        raise Conflict(stale(f"candidate {candidate_id}", seen, now))


def members_of(session: Session, candidate_ids: Sequence[int]) -> list[models.Initiative]:
    Ini = models.Initiative
    query = select(Ini).where(Ini.candidate_id.in_(candidate_ids)).order_by(Ini.id)
    return list(session.scalars(query))


def _snapshot(session: Session, candidates: Sequence[models.Candidate]) -> str:
    """The candidates' titles, review fields and members (id, pinned) as they are now."""
    fields = ("title", "touched", *REVIEW_FIELDS)
    return json.dumps(
        {
            "candidates": {
                str(c.id): {field: getattr(c, field) for field in fields} for c in candidates
            },
            "members": [
                [row.id, row.candidate_id, row.candidate_pinned]
                for row in members_of(session, [c.id for c in candidates])
            ],
        },
        ensure_ascii=False,
    )


def _act(
    session: Session,
    by: str,
    field: str,
    candidates: Sequence[models.Candidate],
    change: Callable[[], Changed],
) -> models.CandidateEvent:
    """Snapshot `candidates`, run `change`, then touch, pin and describe again them and the
    candidate the change started, and record the event."""
    before = _snapshot(session, candidates)
    old, new, started = change()
    session.flush()
    involved = [*candidates, *([started] if started is not None else [])]
    for candidate in involved:
        candidate.touched = True
        for row in members_of(session, [candidate.id]):
            row.candidate_pinned = True
        rebuild(session, candidate)
    event = models.CandidateEvent(
        candidate_id=candidates[0].id,
        other_id=involved[1].id if len(involved) > 1 else None,
        by=by,
        field=field,
        old_value=old,
        new_value=new,
        before=before,
    )
    session.add(event)
    session.flush()
    return event


def move(
    session: Session, initiative: models.Initiative, target_id: int | None, by: str
) -> models.Candidate:
    """Put an initiative into another candidate (None: a new one of its own)."""
    if initiative.candidate_id is None:
        raise CandidateActionError(f"initiative {initiative.ref} is not placed yet: run analyse")
    source = get_candidate(session, initiative.candidate_id).candidate
    if target_id == source.id:
        raise CandidateActionError(f"initiative {initiative.ref} is in candidate {target_id}")
    given = [source] if target_id is None else [source, get_candidate(session, target_id).candidate]

    def change() -> Changed:
        started = None if target_id is not None else new_candidate(session, initiative)
        target = started or given[1]
        initiative.candidate_id = target.id
        return f"{initiative.ref} i {source.id}", f"{initiative.ref} i {target.id}", started

    _act(session, by, "move", given, change)
    return session.get_one(models.Candidate, initiative.candidate_id)


def merge(session: Session, keep: models.Candidate, gone: models.Candidate, by: str) -> int:
    """Move every member of `gone` into `keep`; `gone` stays, empty. Returns how many moved."""
    if keep.id == gone.id:
        raise CandidateActionError("merge two different candidates")
    rows = members_of(session, [gone.id])

    def change() -> Changed:
        for row in rows:
            row.candidate_id = keep.id
        return f"{gone.id}: {len(rows)} initiativer", str(keep.id), None

    _act(session, by, "merge", [keep, gone], change)
    return len(rows)


def split(
    session: Session, candidate: models.Candidate, rows: Sequence[models.Initiative], by: str
) -> models.Candidate:
    """Move some members of a candidate into a new candidate titled after the first."""
    members = {row.id for row in members_of(session, [candidate.id])}
    strangers = [row.ref for row in rows if row.id not in members]
    if strangers:
        raise CandidateActionError(f"not in candidate {candidate.id}: {', '.join(strangers)}")
    if not rows or len({row.id for row in rows}) == len(members):
        raise CandidateActionError("a split moves some of the candidate's initiatives, not all")

    def change() -> Changed:
        started = new_candidate(session, rows[0])
        for row in rows:
            row.candidate_id = started.id
        refs = ", ".join(row.ref for row in rows)
        return f"{refs} i {candidate.id}", f"{refs} i {started.id}", started

    event = _act(session, by, "split", [candidate], change)
    return session.get_one(models.Candidate, event.other_id)


def retitle(session: Session, candidate: models.Candidate, title: str, by: str) -> int:
    """Give a candidate a new title; returns 1, or 0 when it already has it."""
    title = " ".join(title.split())
    if not title:
        raise CandidateActionError("a title cannot be empty")
    if title == candidate.title:
        return 0

    def change() -> Changed:
        old, candidate.title = candidate.title, title
        return old, title, None

    _act(session, by, "title", [candidate], change)
    return 1


def review(session: Session, candidate: models.Candidate, change: Change, by: str) -> int:
    """Apply a validated change (rules.review.validated) to a candidate; returns how many
    fields changed. A review also marks every member seen, even when no field changed."""
    if change.respondent_type is not None or change.add_themes or change.remove_themes:
        raise InvalidValue("respondent type and theme tags are set on the reply, not a candidate")
    if change.note:
        raise InvalidValue("notes are kept on replies and initiatives, not on a candidate")
    events: list[tuple[str, str | None, str | None]] = []

    def apply() -> Changed:
        edit = decision_edit(decision_now(candidate), change)
        for field, value in edit.fields:
            setattr(candidate, field, value)
        events.extend((entry.field, entry.old, entry.new) for entry in edit.audit)
        old = "; ".join(f"{field}: {value or '-'}" for field, value, _ in events)
        new = "; ".join(f"{field}: {value or '-'}" for field, _, value in events)
        return old or None, new or None, None

    _act(session, by, "review", [candidate], apply)
    return len(events)
