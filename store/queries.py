"""The one read API: proposals by filter, by id and by page (with facet counts), for the CLI,
the exports, analysis and the desk. The web layer holds no SQL; this does."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from hoering.store import models
from hoering.store.filters import ProposalFilter
from hoering.store.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    matched_ids,
    matching,
    narrowed,
    ranked_ids,
    snippets,
)
from hoering.vocab import NO_DECISION


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
        # The same match as `hoering search` and the desk (store/search.py).
        query = query.where(matching(flt.search))
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
    """One proposal with what `show` and the desk's reply page read loaded: attachments,
    themes, notes, its raw message and its initiatives with their notes."""
    query = (
        select(models.Proposal)
        .where(models.Proposal.id == proposal_id)
        .options(
            selectinload(models.Proposal.attachments),
            selectinload(models.Proposal.themes),
            selectinload(models.Proposal.notes),
            selectinload(models.Proposal.raw_message),
            selectinload(models.Proposal.initiatives).selectinload(models.Initiative.notes),
        )
    )
    return session.scalars(query).first()


def proposal_query(flt: ProposalFilter) -> Select[tuple[models.Proposal]]:
    """The filtered query `iter_proposals` runs, for callers that page, count or sort it."""
    return _filtered(flt)


# The desk's list: a page of replies with their facet counts (initiatives: browse_initiatives).
P = models.Proposal
# Sort keys of the list (the URL's ?sort=), each a column; "relevans" is the search rank.
SORTS: dict[str, ColumnElement] = {
    "modtaget": P.received_at,
    "id": P.id,
    "afsender": func.lower(P.sender_name),
    "emne": func.lower(P.subject),
    "status": P.status,
    "afgoerelse": P.decision,
    "type": P.respondent_type,
}
RELEVANCE = "relevans"
# A list's total is counted up to here: a search that matches most of 50,000 replies would
# spend longer counting them than finding the page (the desk says "over 1000").
COUNT_CAP = 1000
# Facet name -> the ProposalFilter field it sets.
FACETS = ("status", "decision", "theme", "respondent_type", "late")


@dataclass(frozen=True)
class ListRequest:
    """One view of the list: filters, the full-text query, sort order and page (1-based)."""

    flt: ProposalFilter = field(default_factory=ProposalFilter)
    query: str = ""
    sort: str = "modtaget"
    descending: bool = False
    page: int = 1
    per_page: int = 50
    initiatives: bool = False  # list initiatives instead of replies (browse_initiatives.py)


@dataclass(frozen=True)
class ListPage:
    rows: list[models.Proposal]
    total: int
    snippets: dict[int, str]  # proposal id -> search snippet, matches in search.HIGHLIGHT_*
    facets: dict[str, list[tuple[str, int]]]  # facet -> (value, count), value as in the URL
    capped: bool = False  # a search matched more than `total` (COUNT_CAP); not counted on

    def pages(self, per_page: int) -> int:
        return max(1, -(-self.total // per_page))


def list_page(session: Session, request: ListRequest) -> ListPage:
    """The requested page of proposals, their total and the facet counts around it."""
    flt, where = request.flt, None
    searching = bool(request.query.strip())
    if searching:
        where = narrowed(session, request.query)
    ids = _base(flt, where).with_only_columns(P.id)
    total = capped_count(session, ids) if searching else count(session, ids)
    query = _base(flt, where).options(selectinload(P.themes))
    if request.sort == RELEVANCE and searching:
        rows = _ranked_page(session, query, ranked_ids(session, request.query), request)
    else:
        column = SORTS.get(request.sort, P.received_at)
        order = column.desc() if request.descending else column.asc()
        offset = (max(request.page, 1) - 1) * request.per_page
        query = query.order_by(order, P.id).offset(offset).limit(request.per_page)
        rows = list(session.scalars(query))
    marks = (HIGHLIGHT_START, HIGHLIGHT_END)
    marked = snippets(session, request.query, [p.id for p in rows], marks) if searching else {}
    return ListPage(
        rows,
        min(total, COUNT_CAP) if searching else total,
        marked,
        facets(session, flt, where),
        capped=searching and total > COUNT_CAP,
    )


def with_search(session: Session, flt: ProposalFilter, query: str) -> ProposalFilter:
    """`flt` narrowed to the ids matching the search `query` (unchanged if empty): the search
    runs here, so the desk can hold it to its time limit apart from the export."""
    if not query.strip():
        return flt
    ids = set(matched_ids(session, query))
    wanted = ids & set(flt.ids) if flt.ids else ids
    # (-1,): no proposal has it; an empty tuple would mean "no id filter".
    return dataclasses.replace(flt, ids=tuple(sorted(wanted)) or (-1,))


def count(session: Session, ids: Select) -> int:
    """How many rows `ids` selects."""
    return session.scalar(select(func.count()).select_from(ids.subquery())) or 0


def capped_count(session: Session, ids: Select, cap: int = COUNT_CAP) -> int:
    """How many rows `ids` selects, counted up to cap + 1 (more than cap: "over cap")."""
    return count(session, ids.limit(cap + 1))


def _ranked_page(session: Session, query: Select, ranked: list[int], request: ListRequest):
    """A page in search-rank order: the filtered ids are few enough to order in Python."""
    allowed = set(session.scalars(query.with_only_columns(P.id)))
    order = [i for i in ranked if i in allowed]
    start = (max(request.page, 1) - 1) * request.per_page
    chosen = order[start : start + request.per_page]
    found = {p.id: p for p in session.scalars(query.where(P.id.in_(chosen)))}
    return [found[i] for i in chosen if i in found]


def _base(flt: ProposalFilter, where: ColumnElement[bool] | None) -> Select:
    """The list's query without order; `where`: the full-text match, if searching."""
    query = proposal_query(flt).order_by(None)
    return query if where is None else query.where(where)


def facets(
    session: Session, flt: ProposalFilter, where: ColumnElement[bool] | None = None
) -> dict[str, list[tuple[str, int]]]:
    """Counts per value of each facet, over the filter with that facet's own choice cleared
    (so choosing "ny" still shows how many are "behandlet")."""
    result: dict[str, list[tuple[str, int]]] = {}
    T = models.ProposalTheme
    for name in FACETS:
        # The list's own query (its WHERE clauses) with the facet's column counted instead.
        base = _base(dataclasses.replace(flt, **{name: None}), where)
        if name == "theme":
            query = (
                base.join(T, T.proposal_id == P.id)
                .where(T.active.is_(True))
                .with_only_columns(T.theme, func.count())
                .group_by(T.theme)
            )
        else:
            column = getattr(P, name)
            query = base.with_only_columns(column, func.count()).group_by(column)
        counts = [(_facet_value(value), count) for value, count in session.execute(query)]
        result[name] = sorted(counts, key=lambda item: (-item[1], item[0]))
    return result


def _facet_value(value: object) -> str:
    if value is None:
        return NO_DECISION
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return str(value)


def duplicate_group(session: Session, group_id: int) -> models.DuplicateGroup | None:
    """One stored duplicate/campaign group with its members."""
    query = (
        select(models.DuplicateGroup)
        .where(models.DuplicateGroup.id == group_id)
        .options(selectinload(models.DuplicateGroup.members))
    )
    return session.scalars(query).first()
