"""The bruttoliste's candidates as stored, with their supporters and replies counted from
their initiatives. How initiatives are placed is a rule (rules/candidates.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from hoering.errors import UsageError
from hoering.store import models


class UnknownCandidate(UsageError):
    """A candidate id that is not in the database."""


@dataclass(frozen=True)
class Supporter:
    """A respondent behind a candidate: who (organisation, else name, else address), the
    respondent type, and the reply."""

    name: str
    type: str
    reply_id: int


@dataclass(frozen=True)
class CandidateView:
    """A candidate with its members, in the order they were placed, and their respondents."""

    candidate: models.Candidate
    initiatives: tuple[models.Initiative, ...]
    supporters: tuple[Supporter, ...]

    @property
    def replies(self) -> int:
        return len({s.reply_id for s in self.supporters})

    @property
    def new_since_decision(self) -> int:
        """Members placed in it after a reviewer last acted on it (unpinned ones)."""
        if not self.candidate.touched:
            return 0
        return sum(1 for row in self.initiatives if not row.candidate_pinned)


def _supporter(proposal: models.Proposal) -> Supporter:
    name = proposal.respondent_organisation or proposal.respondent_name or proposal.sender_email
    return Supporter(name, proposal.respondent_type, proposal.id)


def _view(candidate: models.Candidate, initiatives: list[models.Initiative]) -> CandidateView:
    supporters = {row.proposal_id: _supporter(row.proposal) for row in initiatives}
    return CandidateView(candidate, tuple(initiatives), tuple(supporters.values()))


def list_candidates(session: Session) -> list[CandidateView]:
    """Every candidate with members, most replies first, then oldest first."""
    Ini = models.Initiative
    members: dict[int, list[models.Initiative]] = {}
    query = (
        select(Ini)
        .where(Ini.candidate_id.is_not(None))
        .options(selectinload(Ini.proposal))
        .order_by(Ini.proposal_id, Ini.number)
    )
    for row in session.scalars(query):
        members.setdefault(row.candidate_id or 0, []).append(row)
    found = session.scalars(select(models.Candidate).where(models.Candidate.id.in_(members)))
    views = [_view(candidate, members[candidate.id]) for candidate in found]
    return sorted(views, key=lambda view: (-view.replies, view.candidate.id))


def get_candidate(session: Session, candidate_id: int) -> CandidateView:
    """One candidate and its members; UnknownCandidate when there is none."""
    candidate = session.get(models.Candidate, candidate_id)
    if candidate is None:
        raise UnknownCandidate(f"no candidate {candidate_id}")
    Ini = models.Initiative
    query = (
        select(Ini)
        .where(Ini.candidate_id == candidate_id)
        .options(selectinload(Ini.proposal))
        .order_by(Ini.proposal_id, Ini.number)
    )
    return _view(candidate, list(session.scalars(query)))
