"""Initiatives placed into bruttoliste candidates, kept in the database (issue 19).

Incremental: `place_new` places the initiatives that have no candidate yet, in the order
their replies were stored, each by analysis.candidates against the candidates sharing one of
its heaviest terms (candidate_terms, an inverted index): a poll reads a few rows per new
initiative, never every candidate. `refresh` (`hoering analyse`) forgets the candidates and
places every initiative again with the same steps in the same order, so both give the same
grouping. Reviewer actions on candidates (merge, move, split) are not here yet: they would
change candidate_id and call `reindex` on the candidates they touch.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from hoering.analysis import candidates as analysis
from hoering.store import models
from hoering.store.listfields import listed

CHUNK = 500  # initiatives read at a time
PLACING_LOCK_KEY = 0x686F6572696E6702  # pg_advisory_xact_lock: one poller places at a time


def place_new(session: Session) -> int:
    """Place every initiative without a candidate; returns how many were placed."""
    if session.get_bind().dialect.name == "postgresql":
        # Pollers sharing a PostgreSQL database would otherwise start twin candidates.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PLACING_LOCK_KEY})
    done = 0
    placer = _Placer(session)
    while True:
        Ini = models.Initiative
        query = (
            select(Ini)
            .where(Ini.candidate_id.is_(None))
            .order_by(Ini.proposal_id, Ini.number, Ini.id)
            .limit(CHUNK)
        )
        chunk = list(session.scalars(query))
        for initiative in chunk:
            placer.place(initiative)
        session.flush()
        done += len(chunk)
        if len(chunk) < CHUNK:
            return done


def refresh(session: Session) -> int:
    """Forget every candidate and place every initiative again; returns the candidates."""
    session.execute(update(models.Initiative).values(candidate_id=None))
    session.execute(delete(models.CandidateTerm))
    session.execute(delete(models.Candidate))
    session.expire_all()
    place_new(session)
    return len(session.scalars(select(models.Candidate.id)).all())


class _Placer:
    """Places initiatives one by one; keeps the representatives it has read."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.vectors: dict[int, dict[str, float]] = {}

    def place(self, initiative: models.Initiative) -> None:
        terms = analysis.initiative_terms(initiative.title or "", initiative.text or "")
        found = self.nearby(analysis.lookup_terms(terms))
        existing = [analysis.Existing(cid, self.vector(cid)) for cid in found]
        chosen = analysis.choose(terms, existing)
        if chosen is None:
            candidate = self.start(initiative)
        else:
            candidate = self.session.get_one(models.Candidate, chosen)
            _describe(candidate, initiative)
        vector = analysis.representative(self.vectors.get(candidate.id, {}), terms)
        self.reindex(candidate, vector)
        initiative.candidate_id = candidate.id

    def nearby(self, terms: list[str]) -> list[int]:
        """The candidates indexed under any of `terms`, most shared terms first, capped."""
        if not terms:
            return []
        Term = models.CandidateTerm
        rows = self.session.execute(
            select(Term.candidate_id).where(Term.term.in_(terms)).order_by(Term.candidate_id)
        ).scalars()
        shared: dict[int, int] = {}
        for candidate_id in rows:
            shared[candidate_id] = shared.get(candidate_id, 0) + 1
        ranked = sorted(shared, key=lambda cid: (-shared[cid], cid))
        return ranked[: analysis.MAX_CANDIDATES]

    def vector(self, candidate_id: int) -> dict[str, float]:
        if candidate_id not in self.vectors:
            candidate = self.session.get_one(models.Candidate, candidate_id)
            self.vectors[candidate_id] = json.loads(candidate.terms or "{}")
        return self.vectors[candidate_id]

    def start(self, initiative: models.Initiative) -> models.Candidate:
        candidate = models.Candidate(
            title=initiative.title or "",
            summary=analysis.summary_of(initiative.text or ""),
            terms="{}",
            members=0,
        )
        _describe(candidate, initiative)
        self.session.add(candidate)
        self.session.flush()  # its id, for the index rows and the initiative
        self.vectors[candidate.id] = {}
        return candidate

    def reindex(self, candidate: models.Candidate, vector: dict[str, float]) -> None:
        """Store the new representative, and its index terms where they changed."""
        before = analysis.index_terms(self.vectors.get(candidate.id, {}))
        after = analysis.index_terms(vector)
        self.vectors[candidate.id] = vector
        candidate.terms = json.dumps(vector, sort_keys=True)
        if before == after:
            return
        Term = models.CandidateTerm
        gone = sorted(set(before) - set(after))
        if gone:
            self.session.execute(
                delete(Term).where(Term.candidate_id == candidate.id).where(Term.term.in_(gone))
            )
        new = sorted(set(after) - set(before))
        self.session.add_all(Term(candidate_id=candidate.id, term=term) for term in new)


def _describe(candidate: models.Candidate, initiative: models.Initiative) -> None:
    """What a new member adds: its themes, and level and owner if none is stated yet."""
    keys = analysis.merged_list(listed(candidate.themes), listed(initiative.themes))
    labels = analysis.merged_list(listed(candidate.theme_labels), listed(initiative.theme_labels))
    candidate.themes, candidate.theme_labels = "\n".join(keys), "\n".join(labels)
    candidate.level = candidate.level or initiative.level or ""
    candidate.owner = candidate.owner or initiative.owner or ""
    candidate.members = (candidate.members or 0) + 1
