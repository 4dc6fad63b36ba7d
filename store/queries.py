"""Reading proposals back for the CLI and the exports."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from hoering.store import models
from hoering.store.filters import ProposalFilter


def _filtered(flt: ProposalFilter) -> Select[tuple[models.Proposal]]:
    query = select(models.Proposal).options(
        selectinload(models.Proposal.attachments),
        selectinload(models.Proposal.initiatives).selectinload(models.Initiative.notes),
    )
    query = _review_filtered(query, flt)
    if flt.since is not None:
        query = query.where(models.Proposal.received_at >= flt.since)
    if flt.late is not None:
        query = query.where(models.Proposal.late.is_(flt.late))
    if flt.search:
        # A substring of the case-folded text, the same on every database; ranked word
        # search with snippets is `hoering search` (store/search.py).
        needle = flt.search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(models.Proposal.search_text.like(f"%{needle}%", escape="\\"))
    if flt.ids:
        query = query.where(models.Proposal.id.in_(flt.ids))
    return query.order_by(models.Proposal.received_at, models.Proposal.id)


def iter_proposals(session: Session, flt: ProposalFilter) -> Iterator[models.Proposal]:
    """Proposals in order of arrival, attachments loaded."""
    yield from session.scalars(_filtered(flt))


def _review_filtered(query: Select, flt: ProposalFilter) -> Select:
    P = models.Proposal
    if flt.status is not None:
        query = query.where(P.status == flt.status)
    if flt.decision == "ingen":
        query = query.where(P.decision.is_(None))
    elif flt.decision is not None:
        query = query.where(P.decision == flt.decision)
    if flt.assignee is not None:
        query = query.where(func.lower(P.assignee) == flt.assignee.lower())
    if flt.respondent_type is not None:
        query = query.where(P.respondent_type == flt.respondent_type)
    if flt.language is not None:
        query = query.where(P.language == flt.language)
    if flt.theme is not None:
        tagged = select(models.ProposalTheme.proposal_id).where(
            models.ProposalTheme.theme == flt.theme, models.ProposalTheme.active.is_(True)
        )
        query = query.where(P.id.in_(tagged))
    return query


def proposals_by_id(session: Session, ids: Sequence[int]) -> dict[int, models.Proposal]:
    """id -> proposal for those of `ids` that exist, themes and notes loaded."""
    query = (
        select(models.Proposal)
        .where(models.Proposal.id.in_(list(ids)))
        .options(selectinload(models.Proposal.themes), selectinload(models.Proposal.notes))
    )
    return {p.id: p for p in session.scalars(query)}


def proposals_for_analysis(
    session: Session, after: int = 0, limit: int | None = None
) -> list[models.Proposal]:
    """Proposals with id above `after`, in id order (at most `limit`), with what analysis
    reads and writes (attachments, themes, initiatives) loaded."""
    query = (
        select(models.Proposal)
        .where(models.Proposal.id > after)
        .order_by(models.Proposal.id)
        .limit(limit)
        .options(
            selectinload(models.Proposal.attachments),
            selectinload(models.Proposal.themes),
            selectinload(models.Proposal.initiatives).selectinload(models.Initiative.notes),
        )
    )
    return list(session.scalars(query))


def get_proposal(session: Session, proposal_id: int) -> models.Proposal | None:
    return session.scalars(_filtered(ProposalFilter(ids=(proposal_id,)))).first()


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


def failed_messages(session: Session) -> list[models.RawMessage]:
    """Messages stored raw because they could not be parsed."""
    query = (
        select(models.RawMessage)
        .where(models.RawMessage.parse_error.is_not(None))
        .order_by(models.RawMessage.id)
    )
    return list(session.scalars(query))


def proposal_query(flt: ProposalFilter) -> Select[tuple[models.Proposal]]:
    """The filtered query `iter_proposals` runs, for callers that page, count or sort it."""
    return _filtered(flt)
