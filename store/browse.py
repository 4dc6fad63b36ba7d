"""What the review desk in the browser reads: a page of the list with its facet counts, the
dashboard's figures, groups with their members. The web layer holds no SQL; this does."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, selectinload

from hoering.store import models
from hoering.store.queries import ProposalFilter, proposal_query
from hoering.store.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    matching,
    ranked_ids,
    snippets,
)
from hoering.vocab import NO_DECISION

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

    def pages(self, per_page: int) -> int:
        return max(1, -(-self.total // per_page))


def list_page(session: Session, request: ListRequest) -> ListPage:
    """The requested page of proposals, their total and the facet counts around it."""
    flt, ranked, where = request.flt, [], None
    if request.query.strip():
        ranked = ranked_ids(session, request.query)
        where = matching(session, request.query)
    ids = _base(flt, where).with_only_columns(P.id)
    total = session.scalar(select(func.count()).select_from(ids.subquery())) or 0
    query = _base(flt, where).options(selectinload(P.themes))
    if request.sort == RELEVANCE and ranked:
        rows = _ranked_page(session, query, ranked, request)
    else:
        column = SORTS.get(request.sort, P.received_at)
        order = column.desc() if request.descending else column.asc()
        offset = (max(request.page, 1) - 1) * request.per_page
        query = query.order_by(order, P.id).offset(offset).limit(request.per_page)
        rows = list(session.scalars(query))
    marks = (HIGHLIGHT_START, HIGHLIGHT_END)
    marked = snippets(session, request.query, [p.id for p in rows], marks) if ranked else {}
    return ListPage(rows, total, marked, facets(session, flt, where))


def with_search(session: Session, flt: ProposalFilter, query: str) -> ProposalFilter:
    """`flt` narrowed to the proposals matching the full-text `query` (unchanged if empty)."""
    if not query.strip():
        return flt
    return _only(flt, ranked_ids(session, query))


def _only(flt: ProposalFilter, ids: list[int]) -> ProposalFilter:
    wanted = set(flt.ids) & set(ids) if flt.ids else set(ids)
    # (-1,): no proposal has it; an empty tuple would mean "no id filter".
    return dataclasses.replace(flt, ids=tuple(sorted(wanted)) or (-1,))


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


def proposals_by_id(session: Session, ids: list[int]) -> dict[int, models.Proposal]:
    """The proposals with these ids (missing ones left out), for group pages."""
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(P).where(P.id.in_(ids)))}


def duplicate_group(session: Session, group_id: int) -> models.DuplicateGroup | None:
    """One stored duplicate/campaign group with its members."""
    query = (
        select(models.DuplicateGroup)
        .where(models.DuplicateGroup.id == group_id)
        .options(selectinload(models.DuplicateGroup.members))
    )
    return session.scalars(query).first()


def proposal_detail(session: Session, proposal_id: int) -> models.Proposal | None:
    """One proposal with attachments, themes, notes and its raw message loaded."""
    query = (
        select(P)
        .where(P.id == proposal_id)
        .options(
            selectinload(P.attachments),
            selectinload(P.themes),
            selectinload(P.notes),
            selectinload(P.raw_message),
            selectinload(P.initiatives),
        )
    )
    return session.scalars(query).first()
