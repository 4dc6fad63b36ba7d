"""Reviewers' structural changes to initiatives: split, merge and retitle (review fields
and notes: rules/review.py).

Every change is one audit_events row (proposal_id: the reply, initiative_id: the
initiative). Split, merge and retitle mark all initiatives of the reply source "reviewer",
so re-analysis and reparse keep the reviewer's split (store/initiatives.py).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoering.analysis.initiatives import split_text, title_of
from hoering.analysis.themes import Codebook
from hoering.edits import InvalidValue
from hoering.rules.initiative_derive import initiative_fields
from hoering.store import models
from hoering.store import review as store_review
from hoering.store.derived_rows import apply_initiative_fields
from hoering.store.initiatives import get_initiative, parse_ref
from hoering.vocab import REVIEWER

Event = tuple[str, str | None, str | None]


class SplitError(InvalidValue):
    """A split, merge or retitle that cannot be done; the message says why (reported like
    any invalid review value: one line, exit 2)."""


def _audit(session: Session, initiative: models.Initiative, by: str, events: list[Event]) -> None:
    store_review.audit_initiative(session, initiative, by, events)


def _take_over(proposal: models.Proposal) -> None:
    """The reply's split is the reviewer's from now on."""
    for row in proposal.initiatives:
        row.source, row.rule = REVIEWER, row.rule or REVIEWER


def retitle(session: Session, initiative: models.Initiative, title: str, by: str) -> int:
    """Give an initiative a new title; returns 1, or 0 when it already has it."""
    title = " ".join(title.split())
    if not title:
        raise SplitError("a title cannot be empty")
    if title == initiative.title:
        return 0
    old, initiative.title = initiative.title, title
    _take_over(initiative.proposal)
    _audit(session, initiative, by, [("title", old, title)])
    return 1


def split(
    session: Session,
    initiative: models.Initiative,
    at: int | str,
    by: str,
    codebook: Codebook,
    title: str | None = None,
) -> models.Initiative:
    """Cut an initiative in two at a character offset of its text or before a phrase; the
    second part becomes the next number (later ones move up) and keeps no review fields."""
    try:
        before, after = split_text(initiative.text, at)
    except ValueError as exc:
        raise SplitError(f"cannot split {initiative.ref}: {exc}") from None
    proposal = initiative.proposal
    for row in proposal.initiatives:
        if row.number > initiative.number:
            row.number += 1
    new = models.Initiative(
        number=initiative.number + 1,
        title=title or title_of(after),
        text=after,
        origin=initiative.origin,
        rule=REVIEWER,
    )
    initiative.text = before
    proposal.initiatives.append(new)
    proposal.initiatives.sort(key=lambda row: row.number)
    _take_over(proposal)
    for row in (initiative, new):
        derive_fields(row, codebook)
    session.flush()  # the new part's ref names its reply only once it is in the session
    _audit(session, initiative, by, [("split", None, f"{initiative.ref} + {new.ref}")])
    _audit(session, new, by, [("split", initiative.ref, new.ref)])
    return new


def merge(
    session: Session,
    first: models.Initiative,
    second: models.Initiative,
    by: str,
    codebook: Codebook,
) -> models.Initiative:
    """Append the second initiative's text (and notes) to the first's; the second goes and
    the numbers after it move down. Both must belong to the same reply."""
    if first.proposal_id != second.proposal_id or first.id == second.id:
        raise SplitError("merge two different initiatives of the same reply")
    proposal = first.proposal
    gone = second.ref
    first.text = f"{first.text.rstrip()}\n\n{second.text.strip()}".strip()
    for note in list(second.notes):
        second.notes.remove(note)
        first.notes.append(note)
    proposal.initiatives.remove(second)
    session.delete(second)
    for row in proposal.initiatives:
        if row.number > second.number:
            row.number -= 1
    _take_over(proposal)
    derive_fields(first, codebook)
    _audit(session, first, by, [("merge", gone, first.ref)])
    return first


def derive_fields(row: models.Initiative, codebook: Codebook) -> None:
    """Themes, owner and level of an initiative a reviewer just cut or joined."""
    apply_initiative_fields(row, initiative_fields(row.text or "", codebook))


def history(session: Session, ref: str) -> list[models.AuditEvent]:
    """The audit trail of the initiative a reference names, oldest first."""
    initiative = get_initiative(session, ref)
    proposal_id, _ = parse_ref(ref)
    query = (
        select(models.AuditEvent)
        .where(
            models.AuditEvent.proposal_id == proposal_id,
            models.AuditEvent.initiative_id == initiative.id,
        )
        .order_by(models.AuditEvent.at, models.AuditEvent.id)
    )
    return list(session.scalars(query))
