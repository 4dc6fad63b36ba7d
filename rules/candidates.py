"""Initiatives placed into bruttoliste candidates, kept in the database (issue 19).

Incremental: `place_new` places the initiatives that have no candidate yet, in the order
their replies were stored, each by analysis.candidates against the candidates sharing one of
its heaviest terms (candidate_terms, an inverted index): a poll reads a few rows per new
initiative, never every candidate. `refresh` (`hoering analyse`) forgets the candidates and
places every initiative again with the same steps in the same order, so both give the same
grouping, except that candidates a reviewer touched are kept (rules/candidate_review.py):
their ids and pinned members stay, and `rebuild` describes them again from their members.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import bindparam, delete, select, text, update
from sqlalchemy.orm import Session

from hoering.analysis import candidates as analysis
from hoering.rules.pure_map import Mapper, in_process
from hoering.store import models
from hoering.store.bulk import insert_rows

CHUNK = 500  # initiatives read at a time
IN_LIST = 5000  # values per IN (...): well inside SQLite's and PostgreSQL's parameter limits
PLACING_LOCK_KEY = 0x686F6572696E6702  # pg_advisory_xact_lock: one poller places at a time


def place_new(session: Session, mapper: Mapper = in_process) -> int:
    """Place every initiative without a candidate; returns how many were placed. `mapper`
    makes their term vectors (a run's: in its sandbox's workers, rules/pure_map.py)."""
    if session.get_bind().dialect.name == "postgresql":
        # Pollers sharing a PostgreSQL database would otherwise start twin candidates.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PLACING_LOCK_KEY})
    Ini = models.Initiative
    # The ids in placing order, read once: asking for the next chunk of unplaced ones each
    # time made the database sort every initiative left (whole rows) once per chunk, which
    # grew with the square of a backlog.
    waiting = list(
        session.scalars(
            select(Ini.id)
            .where(Ini.candidate_id.is_(None))
            .order_by(Ini.proposal_id, Ini.number, Ini.id)
        )
    )
    placer = _Placer(session, mapper)
    for start in range(0, len(waiting), CHUNK):
        ids = waiting[start : start + CHUNK]
        loaded = {ini.id: ini for ini in session.scalars(select(Ini).where(Ini.id.in_(ids)))}
        chunk = [loaded[initiative_id] for initiative_id in ids]
        with session.no_autoflush:  # written once per chunk (_Placer.write)
            placer.read_index(chunk)
            for initiative in chunk:
                placer.place(initiative)
        placer.write()
        for initiative in chunk:  # placed and written: memory stays bounded
            session.expunge(initiative)
    return len(waiting)


def refresh(session: Session) -> int:
    """Place every initiative again; returns the candidates.

    Candidates a reviewer touched stay, with their ids, review fields and pinned members;
    the others are forgotten. Every unpinned initiative is then placed as new, and may join
    a touched candidate (which then counts it as new since the decision)."""
    Ini, Cand = models.Initiative, models.Candidate
    kept = select(Cand.id).where(Cand.touched.is_(True))
    session.execute(update(Ini).where(Ini.candidate_pinned.is_(False)).values(candidate_id=None))
    session.execute(update(Ini).where(Ini.candidate_id.not_in(kept)).values(candidate_id=None))
    session.execute(
        delete(models.CandidateTerm).where(models.CandidateTerm.candidate_id.not_in(kept))
    )
    session.execute(delete(Cand).where(Cand.touched.is_(False)))
    session.expire_all()
    for candidate in session.scalars(select(Cand).order_by(Cand.id)):
        rebuild(session, candidate)
    session.flush()
    place_new(session)
    return len(
        session.scalars(
            select(Ini.candidate_id).distinct().where(Ini.candidate_id.is_not(None))
        ).all()
    )


def rebuild(session: Session, candidate: models.Candidate) -> None:
    """Describe a candidate again from the members it has now (after a reviewer moved some
    in or out): its vector, index terms, themes, level, owner and member count. The title,
    summary and review fields stay."""
    Ini = models.Initiative
    members = session.scalars(
        select(Ini)
        .where(Ini.candidate_id == candidate.id)
        .order_by(Ini.proposal_id, Ini.number, Ini.id)
    ).all()
    candidate.themes = candidate.theme_labels = ()
    candidate.level = candidate.owner = ""
    candidate.members = 0
    vector: dict[str, float] = {}
    for initiative in members:
        _describe(candidate, initiative)
        vector = analysis.representative(vector, _terms(initiative))
    candidate.terms = json.dumps(vector, sort_keys=True)
    session.execute(
        delete(models.CandidateTerm).where(models.CandidateTerm.candidate_id == candidate.id)
    )
    session.add_all(
        models.CandidateTerm(candidate_id=candidate.id, term=term)
        for term in analysis.index_terms(vector)
    )


def describe_again(session: Session, candidate_ids: Iterable[int]) -> None:
    """After `forget`: title and summary from the first member left (unless a reviewer
    titled the candidate), then everything else from the members (rebuild)."""
    Ini, Event = models.Initiative, models.CandidateEvent
    for candidate_id in candidate_ids:
        candidate = session.get(models.Candidate, candidate_id)
        if candidate is None:
            continue
        retitled = session.scalar(
            select(Event.id).where(Event.candidate_id == candidate_id, Event.field == "title")
        )
        first = session.scalars(
            select(Ini)
            .where(Ini.candidate_id == candidate_id)
            .order_by(Ini.proposal_id, Ini.number)
        ).first()
        if first is not None and retitled is None:
            candidate.title = first.title or ""
        if first is not None:
            candidate.summary = analysis.summary_of(first.text or "", first.title or "")
        rebuild(session, candidate)


def new_candidate(session: Session, initiative: models.Initiative) -> models.Candidate:
    """An empty candidate titled and summarised after `initiative` (members: see rebuild)."""
    candidate = models.Candidate(
        title=initiative.title or "",
        summary=analysis.summary_of(initiative.text or "", initiative.title or ""),
        terms="{}",
        members=0,
        themes=(),
        theme_labels=(),
    )
    session.add(candidate)
    session.flush()  # its id, for the initiatives and the index rows
    return candidate


def _terms(initiative: models.Initiative) -> dict[str, float]:
    return analysis.initiative_terms(initiative.title or "", initiative.text or "")


def term_vectors(initiatives: list[tuple[str, str]]) -> list[dict[str, float]]:
    """The term vectors of (title, text) pairs: a Mapper's part function."""
    return [analysis.initiative_terms(title, text) for title, text in initiatives]


# Ids standing in for the candidates a chunk starts until they are written (one INSERT for
# the chunk, not one round trip each): above every stored id, in the order started, as the
# ids they get will be, so ties between candidates are broken as after the write.
STARTED_IDS = 1 << 62


class _Placer:
    """Places initiatives one by one; keeps the representatives it has read.

    A chunk is placed without writing (no flush per initiative or candidate): candidates it
    starts have stand-in ids, and the index changes it makes are kept here and overlaid on
    the stored index rows when it looks terms up; `write` writes them for the chunk.
    """

    def __init__(self, session: Session, mapper: Mapper = in_process) -> None:
        self.session = session
        self.mapper = mapper
        self.vectors: dict[int, dict[str, float]] = {}
        self.started: dict[int, models.Candidate] = {}  # stand-in id -> candidate, unwritten
        self.added: dict[str, set[int]] = {}  # term -> candidates newly indexed under it
        self.removed: dict[str, set[int]] = {}  # term -> stored candidates no longer under it
        # The chunk's initiatives' terms, and the stored index rows under their lookup terms,
        # read in one query for the chunk rather than one per initiative (read_index).
        self.terms: dict[int, dict[str, float]] = {}
        self.stored: dict[str, list[int]] = {}
        # A reply's initiatives are different proposals (its writer set them apart): reply
        # id -> the candidates already holding one of them, which its others do not join.
        self.taken: dict[int, set[int]] = {}

    def read_index(self, chunk: list[models.Initiative]) -> None:
        """The stored index rows the chunk's initiatives will look up; the index is written
        only by `write`, after the chunk, so they are what a query per initiative would read."""
        texts = [(initiative.title or "", initiative.text or "") for initiative in chunk]
        vectors = self.mapper(term_vectors, texts)
        self.terms = {
            initiative.id: terms for initiative, terms in zip(chunk, vectors, strict=True)
        }
        wanted = sorted({t for terms in self.terms.values() for t in analysis.lookup_terms(terms)})
        self.stored = {}
        Term = models.CandidateTerm
        for start in range(0, len(wanted), IN_LIST):
            rows = self.session.execute(
                select(Term.candidate_id, Term.term).where(
                    Term.term.in_(wanted[start : start + IN_LIST])
                )
            )
            for candidate_id, term in rows:
                self.stored.setdefault(term, []).append(candidate_id)
        self.taken = {}
        Ini = models.Initiative
        replies = sorted({initiative.proposal_id for initiative in chunk})
        for start in range(0, len(replies), IN_LIST):
            placed = self.session.execute(
                select(Ini.proposal_id, Ini.candidate_id).where(
                    Ini.proposal_id.in_(replies[start : start + IN_LIST]),
                    Ini.candidate_id.is_not(None),
                )
            )
            for reply_id, candidate_id in placed:
                self.taken.setdefault(reply_id, set()).add(candidate_id)

    def place(self, initiative: models.Initiative) -> None:
        terms = self.terms.pop(initiative.id, None) or _terms(initiative)
        taken = self.taken.setdefault(initiative.proposal_id, set())
        found = self.nearby(analysis.lookup_terms(terms), taken)
        existing = [analysis.Existing(cid, self.vector(cid)) for cid in found]
        chosen = analysis.choose(terms, existing)
        if chosen is None:
            chosen, candidate = self.start(initiative)
        else:
            candidate = self.candidate(chosen)
            _describe(candidate, initiative)
        vector = analysis.representative(self.vectors.get(chosen, {}), terms)
        self.reindex(chosen, candidate, vector)
        initiative.candidate = candidate
        taken.add(chosen)

    def nearby(self, terms: list[str], taken: set[int]) -> list[int]:
        """The candidates indexed under any of `terms`, most shared terms first, capped;
        none of `taken`."""
        shared: dict[int, int] = {}
        for term in terms:
            for candidate_id in self.stored.get(term, ()):
                if candidate_id not in self.removed.get(term, ()):
                    shared[candidate_id] = shared.get(candidate_id, 0) + 1
        for term in terms:
            for candidate_id in self.added.get(term, ()):
                shared[candidate_id] = shared.get(candidate_id, 0) + 1
        ranked = sorted(set(shared) - taken, key=lambda cid: (-shared[cid], cid))
        return ranked[: analysis.MAX_CANDIDATES]

    def candidate(self, candidate_id: int) -> models.Candidate:
        found = self.started.get(candidate_id)
        return found or self.session.get_one(models.Candidate, candidate_id)

    def vector(self, candidate_id: int) -> dict[str, float]:
        if candidate_id not in self.vectors:
            candidate = self.candidate(candidate_id)
            self.vectors[candidate_id] = json.loads(candidate.terms or "{}")
        return self.vectors[candidate_id]

    def start(self, initiative: models.Initiative) -> tuple[int, models.Candidate]:
        candidate = models.Candidate(
            title=initiative.title or "",
            summary=analysis.summary_of(initiative.text or "", initiative.title or ""),
            terms="{}",
            members=0,
            themes=(),  # set here: a candidate is not flushed before its members join
            theme_labels=(),
        )
        self.session.add(candidate)
        _describe(candidate, initiative)
        stand_in = STARTED_IDS + len(self.started)
        self.started[stand_in] = candidate
        self.vectors[stand_in] = {}
        return stand_in, candidate

    def reindex(
        self, candidate_id: int, candidate: models.Candidate, vector: dict[str, float]
    ) -> None:
        """Keep the new representative, and its index terms where they changed."""
        before = analysis.index_terms(self.vectors.get(candidate_id, {}))
        after = analysis.index_terms(vector)
        self.vectors[candidate_id] = vector
        candidate.terms = json.dumps(vector, sort_keys=True)
        for term in set(before) - set(after):
            if candidate_id in self.added.get(term, ()):
                self.added[term].discard(candidate_id)
            else:
                self.removed.setdefault(term, set()).add(candidate_id)
        for term in set(after) - set(before):
            if candidate_id in self.removed.get(term, ()):
                self.removed[term].discard(candidate_id)
            else:
                self.added.setdefault(term, set()).add(candidate_id)

    def write(self) -> None:
        """Write the chunk: its new candidates in one INSERT (their ids replace the stand-
        ins), the members and representatives, then the index rows gone and added."""
        self.session.flush()
        ids = {stand_in: candidate.id for stand_in, candidate in self.started.items()}
        table = models.CandidateTerm.__table__
        gone = [
            {"gone_id": cid, "gone_term": term}
            for term, cids in sorted(self.removed.items())
            for cid in sorted(cids)
        ]
        if gone:
            condition = (table.c.candidate_id == bindparam("gone_id")) & (
                table.c.term == bindparam("gone_term")
            )
            self.session.connection().execute(table.delete().where(condition), gone)
        new = [
            {"candidate_id": ids.get(cid, cid), "term": term}
            for term, cids in sorted(self.added.items())
            for cid in sorted(cids)
        ]
        insert_rows(self.session, table, new)
        self.vectors = {ids.get(cid, cid): vector for cid, vector in self.vectors.items()}
        self.started.clear()
        self.added.clear()
        self.removed.clear()


def _describe(candidate: models.Candidate, initiative: models.Initiative) -> None:
    """What a new member adds: its themes, and level and owner if none is stated yet."""
    candidate.themes = tuple(analysis.merged_list(candidate.themes, initiative.themes))
    candidate.theme_labels = tuple(
        analysis.merged_list(candidate.theme_labels, initiative.theme_labels)
    )
    candidate.level = candidate.level or initiative.level or ""
    candidate.owner = candidate.owner or initiative.owner or ""
    candidate.members = (candidate.members or 0) + 1
