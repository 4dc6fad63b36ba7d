"""Duplicate groups and form-letter campaigns over all proposals, kept in the database.

Incremental: each new proposal is placed by `place_new` using the persisted index
(duplicate_index: a hash of its normalized text; duplicate_bands: the MinHash LSH band keys
of group leaders), so a poll that stores one reply reads a few rows, not every reply.
`refresh` rebuilds the index and the groups from every proposal's text, in id order, with
the same steps (so both give the same groups). Nothing in proposals is changed or deleted.

A text joins the group of an exact twin, or of every leader (a text that matched no one
before it) whose shingles are near its own (analysis.duplicates); rules/duplicate_joins.py
joins it (a small group's letter is recomputed, a large one's kept).

Placing one text costs the same whatever the size of the campaign it joins: a band key
keeps at most BAND_LEADERS leaders (the first ones, a campaign's founder among them), and a
text is compared with at most MAX_COMPARISONS candidate leaders, those sharing the most band
keys with it first (the most likely to be near). Near-twins that are not near each other
(each would become a leader, all sharing bands) no longer make every new letter read and
compare every earlier one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from hoering.analysis import duplicates as analysis
from hoering.rules.duplicate_joins import Joins
from hoering.rules.pure_map import Mapper, in_process
from hoering.rules.reply_derive import joined_text
from hoering.store import models
from hoering.store.bulk import insert_rows
from hoering.store.duplicates import DuplicateCounts, counts

REFRESH_CHUNK = 500  # proposals read (and flushed) at a time by refresh
LEADER_CACHE = 1000  # leaders' shingle sets kept from one chunk to the next
BAND_LEADERS = 8  # leaders indexed (and read) per LSH band key: the first ones
MAX_COMPARISONS = 8  # candidate leaders compared with one new text, most shared bands first
PLACING_LOCK_KEY = 0x686F6572696E6701  # pg_advisory_xact_lock: one poller places at a time


def place_new(
    session: Session,
    progress: Callable[[int], None] | None = None,
    *,
    every: bool = False,
    mapper: Mapper = in_process,
) -> int:
    """Place the proposals not yet in the index; returns how many were placed.

    Those are the ones after the highest indexed id (ids only grow, and placing goes in id
    order); `every` looks for unindexed ones among all proposals instead (refresh). `mapper`
    makes the texts' fingerprints (a run's: in its sandbox's workers, rules/pure_map.py).
    """
    if session.get_bind().dialect.name == "postgresql":
        # Pollers sharing one PostgreSQL database run at once (each machine has its own run
        # lock): one places at a time, and a reply another poller committed late, with a
        # lower id than some already placed, is still found.
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PLACING_LOCK_KEY})
        every = True
    done = 0
    leaders: dict[int, frozenset[str]] = {}  # a campaign's leader is checked again and again
    while True:
        indexed = select(models.DuplicateIndex).where(
            models.DuplicateIndex.proposal_id == models.Proposal.id
        )
        last = session.scalar(select(func.max(models.DuplicateIndex.proposal_id)))
        newer = models.Proposal.id > (last or 0)
        query = (
            select(models.Proposal.id)
            .where(~indexed.exists() if every else newer)
            .order_by(models.Proposal.id)
            .limit(REFRESH_CHUNK)
        )
        chunk = list(session.scalars(query))
        _place_chunk(session, _texts(session, chunk), leaders, mapper)
        done += len(chunk)
        session.flush()
        session.expunge_all()  # bounded memory over 50,000 proposals
        if progress is not None and chunk:
            progress(done)
        if len(chunk) < REFRESH_CHUNK:
            return done


def refresh(session: Session, progress: Callable[[int], None] | None = None) -> DuplicateCounts:
    """Forget the index and the groups, and place every proposal again."""
    for table in (models.DuplicateMember, models.DuplicateGroup, models.DuplicateBand):
        session.execute(delete(table))
    session.execute(delete(models.DuplicateIndex))
    place_new(session, progress, every=True)
    return counts(session)


@dataclass(frozen=True)
class _Fingerprint:
    """What placing compares of one proposal's text."""

    proposal_id: int
    text: str
    key: str | None  # None: no words of its own
    words: frozenset[str]
    bands: list[int]


def _fingerprint(proposal_id: int, text: str) -> _Fingerprint:
    normalized = analysis.normalize(text)
    if not normalized:
        # Replies without words of their own ("Se vedhæftede" with an unreadable scan) would
        # all be "exact duplicates" of each other; they are left out of the grouping.
        return _Fingerprint(proposal_id, text, None, frozenset(), [])
    words = analysis.shingles(normalized)
    bands = analysis.band_keys(words) if len(words) >= analysis.MIN_SHINGLES else []
    return _Fingerprint(proposal_id, text, analysis.text_key(normalized), words, bands)


def fingerprints(texts: list[tuple[int, str]]) -> list[_Fingerprint]:
    """The fingerprints of (proposal id, text) pairs: a Mapper's part function."""
    return [_fingerprint(proposal_id, text) for proposal_id, text in texts]


def _place_chunk(
    session: Session,
    chunk: dict[int, str],
    leaders: dict[int, frozenset[str]],
    mapper: Mapper = in_process,
) -> None:
    """Index each proposal of `chunk` (id -> text, in id order) and join it to the groups its text
    belongs to: a twin's (same text key), or every near leader's (sharing an LSH band and
    near by shingles). One query for the chunk's twins, one for its bands' leaders; the
    chunk's own texts count as they are placed. `leaders` caches leaders' shingles (a
    campaign's letter is the leader every copy is checked against)."""
    prints: list[_Fingerprint] = mapper(fingerprints, list(chunk.items()))
    twins = _twins(session, {p.key for p in prints if p.key})
    by_band = _leaders_by_band(session, {band for p in prints for band in p.bands})
    _read_leaders(session, prints, twins, by_band, leaders)
    joins = Joins(session, lambda proposal_ids: _texts(session, proposal_ids))
    index_rows: list[dict] = []
    band_rows: list[dict] = []
    for found in prints:
        proposal_id = found.proposal_id
        twin = twins.get(found.key) if found.key else None
        if found.key is None or twin is not None:
            matched = [] if twin is None else [twin]
        else:
            candidates = _candidates(found.bands, by_band)
            matched = _near_leaders(session, found.words, candidates, leaders)
        leader = twin is None and bool(found.bands) and not matched
        index_rows.append(
            {"proposal_id": proposal_id, "text_key": found.key, "shingles": len(found.words),
             "leader": leader}
        )  # fmt: skip
        if found.key:
            twins.setdefault(found.key, proposal_id)
        if leader:
            leaders[proposal_id] = found.words
            open_bands = [band for band in found.bands if len(by_band.get(band, ())) < BAND_LEADERS]
            band_rows += [{"proposal_id": proposal_id, "key": band} for band in open_bands]
            for band in open_bands:
                by_band.setdefault(band, []).append(proposal_id)
        if matched:
            joins.join(proposal_id, found.text, matched, exact=twin is not None)
    # Table inserts (COPY on PostgreSQL): the unit of work cost more than the grouping.
    insert_rows(session, models.DuplicateIndex.__table__, index_rows)
    insert_rows(session, models.DuplicateBand.__table__, band_rows)
    joins.write()


IN_LIST = 5000  # values per IN (...): well inside SQLite's and PostgreSQL's parameter limits


def _twins(session: Session, keys: set[str]) -> dict[str, int]:
    """Text key -> an indexed proposal with that text."""
    found: dict[str, int] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), IN_LIST):
        query = select(models.DuplicateIndex.text_key, models.DuplicateIndex.proposal_id).where(
            models.DuplicateIndex.text_key.in_(ordered[start : start + IN_LIST])
        )
        for key, proposal_id in session.execute(query):
            found.setdefault(key, proposal_id)
    return found


def _leaders_by_band(session: Session, bands: set[int]) -> dict[int, list[int]]:
    """LSH band key -> the first BAND_LEADERS leaders having it, in id order.

    Placing stores no more than that per key; a database placed before the cap was kept
    may hold more, and they are dropped here."""
    found: dict[int, list[int]] = {}
    ordered = sorted(bands)
    for start in range(0, len(ordered), IN_LIST):
        query = (
            select(models.DuplicateBand.key, models.DuplicateBand.proposal_id)
            .where(models.DuplicateBand.key.in_(ordered[start : start + IN_LIST]))
            .order_by(models.DuplicateBand.key, models.DuplicateBand.proposal_id)
        )
        for band, proposal_id in session.execute(query):
            having = found.setdefault(band, [])
            if len(having) < BAND_LEADERS:
                having.append(proposal_id)
    return found


def _candidates(bands: list[int], by_band: dict[int, list[int]]) -> list[int]:
    """The leaders to compare a text with: at most MAX_COMPARISONS, those sharing the most
    band keys with it first (more shared keys, likelier near), then the earliest."""
    shared: dict[int, int] = {}
    for band in bands:
        for leader in by_band.get(band, ()):
            shared[leader] = shared.get(leader, 0) + 1
    ranked = sorted(shared, key=lambda leader: (-shared[leader], leader))
    return sorted(ranked[:MAX_COMPARISONS])


def _read_leaders(
    session: Session,
    prints: list[_Fingerprint],
    twins: dict[str, int],
    by_band: dict[int, list[int]],
    leaders: dict[int, frozenset[str]],
) -> None:
    """Read, in one query per IN_LIST, the stored leaders the chunk's texts will be compared
    with, rather than one by one as each text needs them (two queries each).

    A text's candidates among the stored leaders are its top MAX_COMPARISONS ranked by the
    stored band index alone: the chunk's own new leaders may push some out (they are ranked
    with them), never in, so these are all the stored ones it can compare with."""
    wanted: set[int] = set()
    for found in prints:
        if found.key is not None and found.key not in twins:
            wanted.update(_candidates(found.bands, by_band))
    if len(leaders) > LEADER_CACHE:  # a chunk's own may go over it: they are needed now
        for leader in leaders.keys() - wanted:
            del leaders[leader]
    missing = sorted(wanted - leaders.keys())
    for start in range(0, len(missing), IN_LIST):
        for leader, read in _texts(session, missing[start : start + IN_LIST]).items():
            leaders[leader] = analysis.shingles(analysis.normalize(read))


def _near_leaders(
    session: Session,
    words: frozenset[str],
    candidates: list[int],
    leaders: dict[int, frozenset[str]],
) -> list[int]:
    matched = []
    for leader in candidates:
        if leader not in leaders:  # read by _read_leaders or placed in this chunk, mostly
            leaders[leader] = analysis.shingles(analysis.normalize(_text(session, leader)))
        if analysis.is_near(words, leaders[leader]):
            matched.append(leader)
    return matched


def _text(session: Session, proposal_id: int) -> str:
    return _texts(session, [proposal_id])[proposal_id]


def _texts(session: Session, proposal_ids: Sequence[int]) -> dict[int, str]:
    """Id -> what grouping compares (rules.derive.analysed_text), in the order given,
    read as two columns rather than as whole proposals."""
    proposal, attachment = models.Proposal, models.Attachment
    query = select(proposal.id, proposal.reply_text).where(proposal.id.in_(proposal_ids))
    replies = {proposal_id: reply for proposal_id, reply in session.execute(query)}
    attached: dict[int, list[str | None]] = {}
    texts = (
        select(attachment.proposal_id, attachment.text)
        .where(attachment.proposal_id.in_(proposal_ids))
        .order_by(attachment.proposal_id, attachment.position)
    )
    for proposal_id, attachment_text in session.execute(texts):
        attached.setdefault(proposal_id, []).append(attachment_text)
    return {
        proposal_id: joined_text(replies[proposal_id], attached.get(proposal_id, []))
        for proposal_id in proposal_ids
    }
