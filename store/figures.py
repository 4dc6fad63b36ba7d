"""The figures: counts for `stats` and the desk's dashboard."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hoering.store import models

P = models.Proposal


@dataclass(frozen=True)
class Stats:
    proposals: int
    late: int
    with_attachments: int
    attachments: int
    attachment_errors: int
    raw_messages: int
    failed_messages: int
    sightings: int
    last_run: models.Run | None
    automatic: int = 0  # machine-sent mail kept without a proposal


def stats(session: Session) -> Stats:
    def count(query) -> int:
        return session.scalar(query) or 0

    proposal_count = select(func.count(models.Proposal.id))
    return Stats(
        proposals=count(proposal_count),
        late=count(proposal_count.where(models.Proposal.late.is_(True))),
        with_attachments=count(select(func.count(func.distinct(models.Attachment.proposal_id)))),
        attachments=count(select(func.count(models.Attachment.id))),
        attachment_errors=count(
            select(func.count(models.Attachment.id)).where(models.Attachment.error.is_not(None))
        ),
        raw_messages=count(select(func.count(models.RawMessage.id))),
        failed_messages=count(
            select(func.count(models.RawMessage.id)).where(
                models.RawMessage.parse_error.is_not(None)
            )
        ),
        sightings=count(select(func.count(models.Sighting.id))),
        last_run=session.scalars(select(models.Run).order_by(models.Run.id.desc())).first(),
        automatic=count(
            select(func.count(models.RawMessage.id))
            .outerjoin(models.Proposal)
            .where(models.RawMessage.automatic.is_not(None), models.Proposal.id.is_(None))
        ),
    )


@dataclass(frozen=True)
class Dashboard:
    total: int
    late: int
    per_day: list[tuple[date, int, int]]  # day, on time, late
    per_assignee: dict[str, Counter[str]]  # assignee ("" = nobody) -> status -> count
    per_theme: dict[str, Counter[str]]  # theme key -> status -> count


def dashboard(session: Session, tz: ZoneInfo) -> Dashboard:
    """Received per day (in the consultation's time zone), late, and review progress."""
    days: dict[date, list[int]] = {}
    late_total = 0
    for received, late in session.execute(select(P.received_at, P.late)):
        if received is None:
            continue
        slot = days.setdefault(received.astimezone(tz).date(), [0, 0])
        slot[1 if late else 0] += 1
        late_total += bool(late)
    per_assignee: dict[str, Counter[str]] = {}
    query = select(P.assignee, P.status, func.count()).group_by(P.assignee, P.status)
    for assignee, status, count in session.execute(query):
        per_assignee.setdefault(assignee or "", Counter())[status] += count
    T = models.ProposalTheme
    query = (
        select(T.theme, P.status, func.count())
        .join(P, P.id == T.proposal_id)
        .where(T.active.is_(True))
        .group_by(T.theme, P.status)
    )
    per_theme: dict[str, Counter[str]] = {}
    for theme, status, count in session.execute(query):
        per_theme.setdefault(theme, Counter())[status] += count
    total = session.scalar(select(func.count(P.id))) or 0
    per_day = [(day, ok, late) for day, (ok, late) in sorted(days.items())]
    return Dashboard(total, late_total, per_day, per_assignee, per_theme)
