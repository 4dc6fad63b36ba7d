"""Duplicate groups and form-letter campaigns as stored: their counts, the groups, and one
reply's membership. How replies are placed into groups is a rule (rules/duplicates.py); the
store keeps what it decided.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from hoering.store import models


@dataclass(frozen=True)
class DuplicateCounts:
    """Replies counted raw, as distinct texts, and as independent voices (a group is one)."""

    raw: int
    distinct: int
    independent: int
    groups: int


def counts(session: Session) -> DuplicateCounts:
    """The counts of the stored groups for `hoering stats`."""
    raw = session.scalar(select(func.count(models.Proposal.id))) or 0
    size, distinct, number = session.execute(
        select(
            func.coalesce(func.sum(models.DuplicateGroup.size), 0),
            func.coalesce(func.sum(models.DuplicateGroup.distinct), 0),
            func.count(models.DuplicateGroup.id),
        )
    ).one()
    return DuplicateCounts(
        raw=raw,
        distinct=raw - (size - distinct),
        independent=raw - size + number,
        groups=number,
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
