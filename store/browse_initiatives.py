"""The browser list in "initiativer" mode: a page of initiatives with facet counts.

As in `hoering initiatives` and `export --per initiative`: status, decision, assignee and
theme are each initiative's own; respondent type, late and the full-text search pick replies.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from hoering.store import models
from hoering.store.initiatives import InitiativeFilter, initiative_query
from hoering.store.queries import ListPage, ListRequest
from hoering.store.search import narrowed
from hoering.vocab import NO_DECISION

Ini, P = models.Initiative, models.Proposal
FACET_COLUMNS = {
    "status": Ini.status,
    "decision": Ini.decision,
    "respondent_type": P.respondent_type,
}


def _filter(request: ListRequest) -> InitiativeFilter:
    flt = request.flt
    return InitiativeFilter(
        status=flt.status,
        decision=flt.decision,
        assignee=flt.assignee,
        theme=flt.theme,
        respondent_type=flt.respondent_type,
    )


def _base(request: ListRequest, where: ColumnElement[bool] | None, clear: str = "") -> Select:
    """The filtered query, unordered; `clear`: a facet whose own choice is left out."""
    flt = _filter(request)
    if clear in {f.name for f in dataclasses.fields(flt)}:
        flt = dataclasses.replace(flt, **{clear: None})
    query = initiative_query(flt).order_by(None)
    late = None if clear == "late" else request.flt.late
    if late is not None:
        query = query.where(P.late.is_(late))
    return query if where is None else query.where(where)


def initiative_page(session: Session, request: ListRequest) -> ListPage:
    """A page of initiatives in order of their reply's arrival, their total and facets."""
    where = narrowed(session, request.query) if request.query.strip() else None
    base = _base(request, where)
    total = session.scalar(
        select(func.count()).select_from(base.with_only_columns(Ini.id).subquery())
    )
    offset = (max(request.page, 1) - 1) * request.per_page
    order = (P.received_at, P.id, Ini.number)
    rows = list(session.scalars(base.order_by(*order).offset(offset).limit(request.per_page)))
    return ListPage(rows, total or 0, {}, _facets(session, request, where))


def _facets(session: Session, request: ListRequest, where) -> dict[str, list[tuple[str, int]]]:
    result: dict[str, list[tuple[str, int]]] = {}
    for name, column in FACET_COLUMNS.items():
        query = _base(request, where, name).with_only_columns(column, func.count())
        counts = session.execute(query.group_by(column))
        result[name] = [(NO_DECISION if v is None else str(v), n) for v, n in counts]
    themes: Counter[str] = Counter()
    for text in session.scalars(_base(request, where, "theme").with_only_columns(Ini.themes)):
        themes.update(text)
    result["theme"] = list(themes.items())
    late = _base(request, where, "late").with_only_columns(P.late, func.count())
    result["late"] = [("ja" if v else "nej", n) for v, n in session.execute(late.group_by(P.late))]
    return {
        name: sorted(result[name], key=lambda item: (-item[1], item[0]))
        for name in ("status", "decision", "theme", "respondent_type", "late")
    }
