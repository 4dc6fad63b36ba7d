"""Initiatives in the store: derived from a reply's text, read back by reference or filter.

A reply's initiatives are refreshed with its other derived fields (store/normalize.py: at
import, poll, reparse and `hoering analyse`). Reviewers' changes (store/initiative_review.py)
mark a reply's split as the reviewer's; refreshing then keeps title, text and numbering and
recomputes only themes, owner and level. References: "12.2" is initiative 2 of reply 12.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, literal, select
from sqlalchemy.orm import Session, selectinload

from hoering.analysis.initiative_fields import find_level, find_owner
from hoering.analysis.initiatives import Section, split_initiatives
from hoering.analysis.themes import Codebook, tag_themes
from hoering.store import models

AUTO = "auto"
REVIEWER = "reviewer"
BODY = "brødtekst"
_REF = re.compile(r"^\s*(\d+)\s*[.:/]\s*(\d+)\s*$")


class UnknownInitiative(LookupError):
    """An initiative reference ("12.2") that is not in the database, or is not one."""


def parse_ref(ref: str) -> tuple[int, int]:
    """(reply id, number) from "12.2"; UnknownInitiative for anything else."""
    match = _REF.match(ref)
    if match is None:
        raise UnknownInitiative(f"{ref!r} is not an initiative: write reply.number, e.g. 12.2")
    return int(match.group(1)), int(match.group(2))


def is_ref(value: str) -> bool:
    return _REF.match(value) is not None


def sections_of(proposal: models.Proposal) -> list[Section]:
    """What the splitter reads: the respondent's own words, then each attachment's text."""
    found = [Section(BODY, proposal.reply_text or "")]
    for attachment in proposal.attachments:
        name = attachment.filename or attachment.path or f"bilag {attachment.position}"
        found.append(Section(name, attachment.text or ""))
    return found


def is_reviewed_split(proposal: models.Proposal) -> bool:
    return any(row.source == REVIEWER for row in proposal.initiatives)


def refresh_initiatives(proposal: models.Proposal, codebook: Codebook) -> None:
    """Split the reply again unless a reviewer owns its split; themes, owner, level always."""
    if not is_reviewed_split(proposal):
        _resplit(proposal)
    for row in proposal.initiatives:
        derive_fields(row, codebook)


def _resplit(proposal: models.Proposal) -> None:
    found = split_initiatives(sections_of(proposal), proposal.subject or "")
    by_number = {row.number: row for row in proposal.initiatives}
    kept = []
    for initiative in found:
        row = by_number.pop(initiative.number, None) or models.Initiative(
            number=initiative.number, source=AUTO
        )
        row.title, row.text = initiative.title, initiative.text
        row.rule, row.origin = initiative.rule, initiative.source
        kept.append(row)
    # A machine initiative that disappeared is dropped, unless a reviewer already worked
    # on it: a decision is not lost to a changed extraction.
    kept += [row for row in by_number.values() if has_review(row)]
    proposal.initiatives = sorted(kept, key=lambda row: row.number)


def has_review(row: models.Initiative) -> bool:
    return bool(row.decision or row.reason or row.assignee or row.notes or row.status != "ny")


def derive_fields(row: models.Initiative, codebook: Codebook) -> None:
    """Themes, proposed owner and level of one initiative, from its own text."""
    tags = tag_themes(row.text or "", codebook)
    row.themes = "\n".join(tag.theme for tag in tags)
    row.theme_labels = "\n".join(tag.label for tag in tags)
    row.owner = find_owner(row.text or "")
    row.level = find_level(row.text or "")


@dataclass(frozen=True)
class InitiativeFilter:
    """Filters of `hoering initiatives` and the initiative export. Empty means everything.

    Values in their canonical spelling (store.review.canonical); theme is a codebook key;
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
    if flt.theme:  # themes holds one key per line
        lines = literal("\n") + Ini.themes + literal("\n")
        query = query.where(lines.contains(f"\n{flt.theme}\n"))
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


def get_initiatives(session: Session, refs: Sequence[str]) -> list[models.Initiative]:
    """The initiatives of several references, in the order given."""
    return [get_initiative(session, ref) for ref in refs]


def initiative_counts(session: Session) -> dict[int, int]:
    """reply id -> number of initiatives, for replies that have any."""
    query = select(models.Initiative.proposal_id, func.count()).group_by(
        models.Initiative.proposal_id
    )
    return {proposal_id: count for proposal_id, count in session.execute(query)}
