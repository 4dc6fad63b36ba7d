"""The review workflow: status, decision, reason, notes, assignee, respondent type and theme
tags, changed by a named reviewer; every change is one row in audit_events.

Values are Danish, as the drafting team writes them. Input is matched case-insensitively
with "-", "_" and repeated spaces read as one space, so "Ikke-optaget" is "ikke optaget".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from hoering.errors import UnknownProposal, UsageError
from hoering.store import models
from hoering.vocab import (
    DECISIONS,
    NO_DECISION,
    RESPONDENT_TYPES,
    REVIEWER,
    STATUSES,
    NoteTarget,
)


class Theme(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def label(self) -> str: ...


class Codebook(Protocol):
    """What review reads of a codebook (analysis.themes.Codebook): its themes' keys and
    labels, and its version; said here so the store needs nothing of analysis/."""

    @property
    def version(self) -> str: ...
    @property
    def themes(self) -> Sequence[Theme]: ...


class InvalidValue(UsageError):
    """A review value outside the allowed list; the message lists the allowed values."""


@dataclass(frozen=True)
class Change:
    """What a reviewer asks for; None leaves a field as it is."""

    status: str | None = None
    decision: str | None = None  # NO_DECISION clears it
    reason: str | None = None
    assignee: str | None = None  # "" clears it
    respondent_type: str | None = None
    note: str | None = None
    add_themes: tuple[str, ...] = ()
    remove_themes: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == Change()


def _key(value: str) -> str:
    return " ".join(re.sub(r"[-_]", " ", value).casefold().split())


def canonical(value: str, allowed: Sequence[str], what: str) -> str:
    """The allowed spelling of `value`, or InvalidValue naming the allowed values."""
    for option in allowed:
        if _key(option) == _key(value):
            return option
    listed = ", ".join(f'"{option}"' for option in allowed)
    raise InvalidValue(f"{what} {value!r} is not one of {listed}")


def theme_key(value: str, codebook: Codebook) -> str:
    """The codebook key of a theme given by key or label ("aabne-data", "åbne data ...")."""
    for theme in codebook.themes:
        if _key(value) in (_key(theme.key), _key(theme.label)):
            return theme.key
    listed = ", ".join(f'"{theme.label}"' for theme in codebook.themes)
    raise InvalidValue(f"theme {value!r} is not in codebook {codebook.version}: {listed}")


def validated(change: Change, codebook: Codebook) -> Change:
    """`change` with every value in its canonical spelling; InvalidValue otherwise."""
    decision = change.decision
    if decision is not None and _key(decision) != NO_DECISION:
        decision = canonical(decision, DECISIONS, "decision")
    return Change(
        status=None if change.status is None else canonical(change.status, STATUSES, "status"),
        decision=decision,
        reason=change.reason,
        assignee=None if change.assignee is None else change.assignee.strip(),
        respondent_type=None
        if change.respondent_type is None
        else canonical(change.respondent_type, RESPONDENT_TYPES, "respondent type"),
        note=change.note,
        add_themes=tuple(theme_key(theme, codebook) for theme in change.add_themes),
        remove_themes=tuple(theme_key(theme, codebook) for theme in change.remove_themes),
    )


def apply(
    session: Session, proposal: models.Proposal, change: Change, by: str, codebook: Codebook
) -> int:
    """Apply a validated change to one proposal; returns how many fields changed."""
    events = set_decision_fields(proposal, change)
    if change.respondent_type is not None:
        events += _set_type(proposal, change.respondent_type)
    if change.note:
        proposal.notes.append(
            models.Note(target_kind=NoteTarget.REPLY, author=by, text=change.note)
        )
        events.append(("note", None, change.note))
    events += _set_themes(proposal, change, codebook)
    for field, old, new in events:
        session.add(
            models.AuditEvent(
                proposal_id=proposal.id, by=by, field=field, old_value=old, new_value=new
            )
        )
    return len(events)


def set_decision_fields(
    row: models.Proposal | models.Initiative, change: Change
) -> list[tuple[str, str | None, str | None]]:
    """Set status, decision, reason and assignee of a reply or an initiative from `change`;
    the (field, old, new) of each that changed. "ingen" clears the decision."""
    events: list[tuple[str, str | None, str | None]] = []
    decision = change.decision
    if decision is not None and _key(decision) == NO_DECISION:
        decision = ""
    for field, value in (
        ("status", change.status),
        ("decision", decision),
        ("reason", change.reason),
        ("assignee", change.assignee),
    ):
        if value is not None and (getattr(row, field) or "") != value:
            events.append((field, getattr(row, field) or None, value or None))
            setattr(row, field, value or (None if field == "decision" else ""))
    return events


def _set_type(proposal: models.Proposal, type_: str) -> list[tuple[str, str | None, str | None]]:
    """A reviewer's type wins over the rules from now on, even when it equals theirs."""
    if proposal.respondent_type == type_ and proposal.respondent_type_source == REVIEWER:
        return []
    old = proposal.respondent_type
    proposal.respondent_type = type_
    proposal.respondent_type_source = REVIEWER
    proposal.respondent_rule = "sat af sagsbehandler"
    proposal.respondent_rule_id = "reviewer"
    return [("respondent_type", old, type_)]


def _set_themes(
    proposal: models.Proposal, change: Change, codebook: Codebook
) -> list[tuple[str, str | None, str | None]]:
    rows = {row.theme: row for row in proposal.themes}
    labels = {theme.key: theme.label for theme in codebook.themes}
    events: list[tuple[str, str | None, str | None]] = []
    for key, active in [(k, True) for k in change.add_themes] + [
        (k, False) for k in change.remove_themes
    ]:
        row = rows.get(key)
        was = row is not None and row.active
        if row is None:
            row = models.ProposalTheme(theme=key, label=labels[key], codebook_version="")
            proposal.themes.append(row)
            rows[key] = row
        row.source, row.active = REVIEWER, active
        if was != active:
            events.append(("theme", key if was else None, key if active else None))
    return events


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
        raise Conflict(f"proposal {proposal_id} was changed (revision {now})")


def apply_unless_changed(
    session: Session,
    proposal: models.Proposal,
    change: Change,
    by: str,
    codebook: Codebook,
    seen_revision: int,
) -> int:
    """`apply`, but Conflict when the reply changed after `seen_revision` was read."""
    ensure_unchanged(session, proposal.id, seen_revision, lambda: revision(session, proposal.id))
    return apply(session, proposal, change, by, codebook)
