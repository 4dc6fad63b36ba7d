"""Initiatives read back by reference or filter (derived in rules/initiative_derive.py,
changed by reviewers in rules/initiative_review.py). "12.2" is initiative 2 of reply 12.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from hoering.errors import UsageError
from hoering.store import models
from hoering.store.listfields import holds

_REF = re.compile(r"^\s*(\d+)\s*[.:/]\s*(\d+)\s*$")


class UnknownInitiative(UsageError):
    """An initiative reference ("12.2") that is not in the database, or is not one."""


def parse_ref(ref: str) -> tuple[int, int]:
    """(reply id, number) from "12.2"; UnknownInitiative for anything else."""
    match = _REF.match(ref)
    if match is None:
        raise UnknownInitiative(f"{ref!r} is not an initiative: write reply.number, e.g. 12.2")
    return int(match.group(1)), int(match.group(2))


def is_ref(value: str) -> bool:
    return _REF.match(value) is not None


@dataclass(frozen=True)
class InitiativeFilter:
    """Filters of `hoering initiatives` and the initiative export. Empty means everything.

    Values in their canonical spelling (edits.canonical); theme is a codebook key;
    decision "ingen": no decision yet; search: a substring of title or text (any case).
    """

    proposal_ids: tuple[int, ...] = ()
    status: str | None = None
    decision: str | None = None
    assignee: str | None = None
    theme: str | None = None
    level: str | None = None
    owner: str | None = None
    search: str | None = None
    source: str | None = None
    respondent_type: str | None = None


def _query(flt: InitiativeFilter) -> Select[tuple[models.Initiative]]:
    Ini, P = models.Initiative, models.Proposal
    query = (
        select(Ini)
        .join(P, Ini.proposal_id == P.id)
        .options(selectinload(Ini.notes), selectinload(Ini.proposal))
    )
    exact = {"status": flt.status, "level": flt.level, "source": flt.source}
    for column, value in exact.items():
        if value is not None:
            query = query.where(getattr(Ini, column) == value)
    if flt.proposal_ids:
        query = query.where(Ini.proposal_id.in_(flt.proposal_ids))
    if flt.decision == "ingen":
        query = query.where(Ini.decision.is_(None))
    elif flt.decision is not None:
        query = query.where(Ini.decision == flt.decision)
    if flt.assignee is not None:
        query = query.where(func.lower(Ini.assignee) == flt.assignee.lower())
    if flt.respondent_type is not None:
        query = query.where(P.respondent_type == flt.respondent_type)
    if flt.theme:
        query = query.where(holds(Ini.themes, flt.theme))
    if flt.owner:
        query = query.where(func.lower(Ini.owner).contains(flt.owner.lower(), autoescape=True))
    if flt.search:
        needle = flt.search.lower()
        query = query.where(
            func.lower(Ini.title).contains(needle, autoescape=True)
            | func.lower(Ini.text).contains(needle, autoescape=True)
        )
    return query.order_by(P.received_at, P.id, Ini.number)


def list_initiatives(
    session: Session, flt: InitiativeFilter | None = None
) -> list[models.Initiative]:
    """Initiatives in order of their reply's arrival, then by number; notes and reply loaded.

    SQL lower() folds ASCII only on SQLite, so "Åbne" finds "åbne" only written as stored.
    """
    return list(session.scalars(_query(flt or InitiativeFilter())))


def get_initiative(session: Session, ref: str) -> models.Initiative:
    """The initiative a reference ("12.2") names; UnknownInitiative when there is none."""
    proposal_id, number = parse_ref(ref)
    query = _query(InitiativeFilter(proposal_ids=(proposal_id,))).where(
        models.Initiative.number == number
    )
    found = session.scalars(query).first()
    if found is None:
        raise UnknownInitiative(f"no initiative {proposal_id}.{number}")
    return found


def get_initiative_by_id(session: Session, initiative_id: int) -> models.Initiative:
    """The initiative with this database id (stable across renumbering, for programs)."""
    query = _query(InitiativeFilter()).where(models.Initiative.id == initiative_id)
    found = session.scalars(query).first()
    if found is None:
        raise UnknownInitiative(f"no initiative with id {initiative_id}")
    return found


def get_initiatives(session: Session, refs: Sequence[str]) -> list[models.Initiative]:
    """The initiatives of several references, in the order given."""
    return [get_initiative(session, ref) for ref in refs]


def initiative_counts(session: Session) -> dict[int, int]:
    """reply id -> number of initiatives, for replies that have any."""
    query = select(models.Initiative.proposal_id, func.count()).group_by(
        models.Initiative.proposal_id
    )
    return {proposal_id: count for proposal_id, count in session.execute(query)}


def initiative_query(flt: InitiativeFilter) -> Select[tuple[models.Initiative]]:
    """The query `list_initiatives` runs (joined with the reply), to page, count or facet."""
    return _query(flt)
