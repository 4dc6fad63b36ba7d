"""Duplicate groups and form-letter campaigns over all proposals, kept in the database.

Recomputed as a whole from the stored texts (analysis.duplicates): groups come and go as
replies arrive, and nothing in proposals is changed or deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, selectinload

from hoering.analysis.duplicates import find_duplicates
from hoering.store import models
from hoering.store.normalize import analysed_text


@dataclass(frozen=True)
class DuplicateCounts:
    """Replies counted raw, as distinct texts, and as independent voices (a group is one)."""

    raw: int
    distinct: int
    independent: int
    groups: int


def refresh(session: Session) -> DuplicateCounts:
    """Replace all stored groups with groups computed over every proposal's text."""
    proposals = session.scalars(
        select(models.Proposal).options(selectinload(models.Proposal.attachments))
    ).all()
    # Replies without words of their own ("Se vedhæftede" with an unreadable scan) would
    # all be "exact duplicates" of each other; they are left out of the grouping.
    texts = [(str(p.id), text) for p in proposals if (text := analysed_text(p)).strip()]
    report = find_duplicates(texts)
    session.execute(delete(models.DuplicateMember))
    session.execute(delete(models.DuplicateGroup))
    for group in report.groups:
        row = models.DuplicateGroup(
            kind=group.kind, size=group.size, distinct=group.distinct, common_text=group.common
        )
        row.members = [
            models.DuplicateMember(
                proposal_id=int(member.key),
                similarity=member.similarity,
                added_text="\n".join(member.added),
                omitted_text="\n".join(member.omitted),
            )
            for member in group.members
        ]
        session.add(row)
    skipped = len(proposals) - len(texts)
    return DuplicateCounts(
        raw=len(proposals),
        distinct=report.distinct + skipped,
        independent=report.independent + skipped,
        groups=len(report.groups),
    )


def counts(session: Session) -> DuplicateCounts:
    """The counts of the stored groups (as of the last refresh) for `hoering stats`."""
    raw = session.scalar(select(func.count(models.Proposal.id))) or 0
    groups = session.scalars(select(models.DuplicateGroup)).all()
    grouped = sum(group.size for group in groups)
    return DuplicateCounts(
        raw=raw,
        distinct=raw - sum(group.size - group.distinct for group in groups),
        independent=raw - grouped + len(groups),
        groups=len(groups),
    )


def groups(session: Session) -> list[models.DuplicateGroup]:
    """Stored groups, largest first, members loaded."""
    query = (
        select(models.DuplicateGroup)
        .options(selectinload(models.DuplicateGroup.members))
        .order_by(models.DuplicateGroup.size.desc(), models.DuplicateGroup.id)
    )
    return list(session.scalars(query))


def group_of(session: Session, proposal_id: int) -> models.DuplicateMember | None:
    """The proposal's membership in a duplicate group, if any."""
    query = (
        select(models.DuplicateMember)
        .where(models.DuplicateMember.proposal_id == proposal_id)
        .options(selectinload(models.DuplicateMember.group))
    )
    return session.scalars(query).first()
