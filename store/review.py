"""The review workflow's rows: status, decision, reason, notes, assignee, respondent type
and theme tags, changed by a named reviewer; every change is one row in audit_events.

What may be set and what counts as a change is decided in rules/review.py; this module reads
the values now (`reply_now`, `decision_now`), writes the decided edit and its audit rows,
and answers the trail's queries (history, revisions, the optimistic check).
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hoering.edits import DecisionNow, Edit, ReplyNow
from hoering.errors import UnknownProposal, UsageError
from hoering.store import models
from hoering.vocab import REVIEWER, NoteTarget


def decision_now(row: models.Proposal | models.Initiative | models.Candidate) -> DecisionNow:
    """The review fields of a reply, an initiative or a candidate as stored now."""
    return DecisionNow(row.status, row.decision, row.reason, row.assignee)


def reply_now(proposal: models.Proposal) -> ReplyNow:
    """What a reviewer can change of a reply, as stored now."""
    return ReplyNow(
        fields=decision_now(proposal),
        respondent_type=proposal.respondent_type,
        type_by_reviewer=proposal.respondent_type_source == REVIEWER,
        active_themes=frozenset(row.theme for row in proposal.themes if row.active),
    )


def write_reply(session: Session, proposal: models.Proposal, edit: Edit, by: str) -> int:
    """Store a decided edit (rules/review.py) on a reply and its audit rows; how many."""
    _set_fields(proposal, edit)
    if edit.respondent_type is not None:
        mark = edit.respondent_type
        proposal.respondent_type = mark.respondent_type
        proposal.respondent_type_source = REVIEWER
        proposal.respondent_rule, proposal.respondent_rule_id = mark.rule, mark.rule_id
    if edit.note:
        proposal.notes.append(models.Note(target_kind=NoteTarget.REPLY, author=by, text=edit.note))
    rows = {row.theme: row for row in proposal.themes}
    for mark in edit.themes:
        row = rows.get(mark.key)
        if row is None:
            row = models.ProposalTheme(theme=mark.key, label=mark.label, codebook_version="")
            proposal.themes.append(row)
            rows[mark.key] = row
        row.source, row.active = REVIEWER, mark.active
    for entry in edit.audit:
        session.add(
            models.AuditEvent(
                proposal_id=proposal.id,
                by=by,
                field=entry.field,
                old_value=entry.old,
                new_value=entry.new,
            )
        )
    return edit.changes


def write_initiative(session: Session, initiative: models.Initiative, edit: Edit, by: str) -> int:
    """Store a decided edit on an initiative and its audit rows; how many."""
    _set_fields(initiative, edit)
    if edit.note:
        note = models.Note(target_kind=NoteTarget.INITIATIVE, author=by, text=edit.note)
        initiative.notes.append(note)
    audit_initiative(session, initiative, by, [(e.field, e.old, e.new) for e in edit.audit])
    return edit.changes


def _set_fields(row: models.Proposal | models.Initiative, edit: Edit) -> None:
    for field, value in edit.fields:
        setattr(row, field, value)


def audit_initiative(
    session: Session,
    initiative: models.Initiative,
    by: str,
    events: list[tuple[str, str | None, str | None]],
) -> None:
    """One audit row per (field, old, new) on an initiative's own trail."""
    if not events:
        return
    session.flush()  # a new initiative needs its id for the trail
    for field, old, new in events:
        session.add(
            models.AuditEvent(
                proposal_id=initiative.proposal_id,
                initiative_id=initiative.id,
                by=by,
                field=field,
                old_value=old,
                new_value=new,
            )
        )


def history(session: Session, proposal_id: int) -> list[models.AuditEvent]:
    """The audit trail of one proposal, oldest first."""
    if session.get(models.Proposal, proposal_id) is None:
        raise UnknownProposal(proposal_id)
    query = (
        select(models.AuditEvent)
        .where(
            models.AuditEvent.proposal_id == proposal_id,
            models.AuditEvent.initiative_id.is_(None),  # initiatives have their own trail
        )
        .order_by(models.AuditEvent.at, models.AuditEvent.id)
    )
    return list(session.scalars(query))


def audit_count(session: Session, proposal_id: int) -> int:
    query = select(func.count()).where(
        models.AuditEvent.proposal_id == proposal_id, models.AuditEvent.initiative_id.is_(None)
    )
    return session.scalar(query) or 0


class Conflict(UsageError):
    """The proposal was changed by someone else since the reviewer opened it."""


def revision(session: Session, proposal_id: int, initiative_id: int | None = None) -> int:
    """The id of the latest audit event of the reply itself, or of one of its initiatives
    (0: none yet).

    Every reviewer change writes an audit event, from the CLI or the browser alike, so this
    changes whenever anything a reviewer sees in the review form changes.
    """
    A = models.AuditEvent
    mine = A.initiative_id.is_(None) if initiative_id is None else A.initiative_id == initiative_id
    query = select(func.max(A.id)).where(A.proposal_id == proposal_id, mine)
    return session.scalar(query) or 0


def structure_revision(session: Session, proposal_id: int) -> int:
    """The latest audit event of any initiative of the reply: changes with every split,
    merge, retitle or initiative review, so a split is never made on a stale numbering."""
    A = models.AuditEvent
    query = select(func.max(A.id)).where(A.proposal_id == proposal_id, A.initiative_id.is_not(None))
    return session.scalar(query) or 0


def ensure_unchanged(session: Session, proposal_id: int, seen: int, current) -> None:
    """Conflict unless `current()` (a revision above) still equals `seen`.

    The UPDATE first takes the write lock (SQLite: the database; PostgreSQL: the row), so of
    two reviewers saving at once the second waits, then sees the first one's revision.
    """
    session.execute(
        update(models.Proposal)
        .where(models.Proposal.id == proposal_id)
        .values(updated_at=models.utcnow())
    )
    now = current()
    if now != seen:
        raise Conflict(stale(f"proposal {proposal_id}", seen, now))


def stale(what: str, seen: int, now: int) -> str:
    """Why a save with revision `seen` is refused: changed since, or a revision it never had
    ("--revision 3" typed for a candidate at revision 1)."""
    if seen > now:
        return f"{what} has no revision {seen} yet (it is at revision {now})"
    return f"{what} was changed (revision {now})"
