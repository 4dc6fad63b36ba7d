"""Forget a person: delete everything stored from and derived of one sender's mail.

A data subject may ask to be erased. The sender's raw messages are the root; the rows
derived from them go with them: proposals, attachments, sightings, message states, themes,
notes, audit events, duplicate-group memberships and the full-text index entries. The
forget_log keeps when, by whom and how many rows, with a sha256 of the address, never the
address itself. On SQLite the file is vacuumed so the bytes are gone from free pages too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, select, text, update
from sqlalchemy.orm import Session

from hoering.store import models
from hoering.vocab import NoteTarget


@dataclass(frozen=True)
class ForgetReport:
    """Rows deleted per table, in deletion order."""

    counts: dict[str, int]
    # Bruttoliste candidates that lost a member but keep others: their title and summary
    # may be the forgotten person's words, so rules.candidates.describe_again must follow.
    candidates_left: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> str:
        return ", ".join(f"{table} {count}" for table, count in self.counts.items())


def email_digest(email: str) -> str:
    """The sha256 of the normalized address: lets an auditor confirm a request, not read it."""
    return hashlib.sha256(email.strip().lower().encode("utf-8")).hexdigest()


def raw_message_ids(session: Session, email: str) -> list[int]:
    """The sender's stored messages: proposals from the address, and unparsed mail naming it."""
    address = email.strip().lower()
    from_proposals = select(models.Proposal.raw_message_id).where(
        (func.lower(models.Proposal.sender_email) == address)
        | (func.lower(models.Proposal.respondent_email) == address)
    )
    ids = set(session.scalars(from_proposals))
    # Messages that failed to parse, and automatic mail (an out-of-office names its sender),
    # have no proposal; their bytes are all we can match.
    unparsed = select(models.RawMessage.id, models.RawMessage.data).where(
        models.RawMessage.parse_error.is_not(None) | models.RawMessage.automatic.is_not(None)
    )
    needle = address.encode("utf-8")
    ids |= {row_id for row_id, data in session.execute(unparsed) if needle in data.lower()}
    return sorted(ids)


def preview(session: Session, email: str) -> list[str]:
    """One line per stored message `forget_sender` would delete: proposal id, day, subject."""
    ids = raw_message_ids(session, email)
    proposals = {
        p.raw_message_id: p
        for p in session.scalars(
            select(models.Proposal).where(models.Proposal.raw_message_id.in_(ids))
        )
    }
    lines = []
    for raw_id in ids:
        proposal = proposals.get(raw_id)
        if proposal is None:
            lines.append(f"message {raw_id} (could not be parsed; stored raw)")
            continue
        day = proposal.received_at.date().isoformat() if proposal.received_at else "-"
        lines.append(f"proposal {proposal.id}, {day}: {proposal.subject}")
    return lines


def _delete(session: Session, table, condition) -> int:
    return session.execute(delete(table).where(condition)).rowcount or 0


def _proposal_rows(session: Session, proposal_ids: list[int]) -> dict[str, int]:
    """Rows that hang off the proposals; explicit, so no database's cascade is relied on."""
    initiative_ids = select(models.Initiative.id).where(
        models.Initiative.proposal_id.in_(proposal_ids)
    )
    counts = {
        "notes": _delete(
            session,
            models.Note,
            _notes_on(NoteTarget.INITIATIVE, initiative_ids)
            | _notes_on(NoteTarget.REPLY, proposal_ids),
        ),
        "initiatives": _delete(
            session, models.Initiative, models.Initiative.proposal_id.in_(proposal_ids)
        ),
        "audit_events": _delete(
            session, models.AuditEvent, models.AuditEvent.proposal_id.in_(proposal_ids)
        ),
        "proposal_themes": _delete(
            session, models.ProposalTheme, models.ProposalTheme.proposal_id.in_(proposal_ids)
        ),
        "duplicate_members": _shrink_groups(session, proposal_ids),
        "attachments": _delete(
            session, models.Attachment, models.Attachment.proposal_id.in_(proposal_ids)
        ),
    }
    counts["proposals"] = _delete(session, models.Proposal, models.Proposal.id.in_(proposal_ids))
    return counts


def _notes_on(kind: NoteTarget, ids) -> ColumnElement[bool]:
    return (models.Note.target_kind == kind) & models.Note.target_id.in_(ids)


def _shrink_groups(session: Session, proposal_ids: list[int]) -> int:
    """Drop the memberships; a group left with fewer than two members is no group."""
    groups = set(
        session.scalars(
            select(models.DuplicateMember.group_id).where(
                models.DuplicateMember.proposal_id.in_(proposal_ids)
            )
        )
    )
    removed = _delete(
        session, models.DuplicateMember, models.DuplicateMember.proposal_id.in_(proposal_ids)
    )
    for group_id in groups:
        size = session.scalar(
            select(func.count(models.DuplicateMember.id)).where(
                models.DuplicateMember.group_id == group_id
            )
        )
        if size < 2:
            _delete(session, models.DuplicateMember, models.DuplicateMember.group_id == group_id)
            _delete(session, models.DuplicateGroup, models.DuplicateGroup.id == group_id)
        else:
            session.execute(
                update(models.DuplicateGroup)
                .where(models.DuplicateGroup.id == group_id)
                .values(size=size)
            )
    return removed


def forget_sender(session: Session, email: str, by: str) -> ForgetReport:
    """Delete the sender's messages and all derived rows, log it; the caller commits."""
    raw_ids = raw_message_ids(session, email)
    proposal_ids = list(
        session.scalars(
            select(models.Proposal.id).where(models.Proposal.raw_message_id.in_(raw_ids))
        )
    )
    touched = _candidates_of(session, proposal_ids)
    counts = _proposal_rows(session, proposal_ids)
    counts["candidates"], left = _empty_candidates(session, touched)
    counts["message_states"] = _delete(
        session, models.MessageState, models.MessageState.raw_message_id.in_(raw_ids)
    )
    counts["sightings"] = _delete(
        session, models.Sighting, models.Sighting.raw_message_id.in_(raw_ids)
    )
    counts["raw_messages"] = _delete(session, models.RawMessage, models.RawMessage.id.in_(raw_ids))
    session.add(
        models.ForgetLog(by=by, email_sha256=email_digest(email), counts=json.dumps(counts))
    )
    return ForgetReport(counts, left)


def _candidates_of(session: Session, proposal_ids: list[int]) -> set[int]:
    Ini = models.Initiative
    found = select(Ini.candidate_id).where(
        Ini.proposal_id.in_(proposal_ids), Ini.candidate_id.is_not(None)
    )
    return set(session.scalars(found))


def _empty_candidates(session: Session, touched: set[int]) -> tuple[int, tuple[int, ...]]:
    """Delete the touched candidates left without members (and their index rows); the
    reviewers' trail of every touched candidate loses the member snapshots `undo` would put
    back, which hold the forgotten text. Returns (deleted, ids of those that remain)."""
    if not touched:
        return 0, ()
    Ini = models.Initiative
    alive = set(
        session.scalars(select(Ini.candidate_id).where(Ini.candidate_id.in_(touched)).distinct())
    )
    empty = touched - alive
    Event = models.CandidateEvent
    session.execute(
        update(Event)
        .where(Event.candidate_id.in_(touched) | Event.other_id.in_(touched))
        .values(before=None)
    )
    _delete(session, models.CandidateTerm, models.CandidateTerm.candidate_id.in_(empty))
    deleted = _delete(session, models.Candidate, models.Candidate.id.in_(empty))
    return deleted, tuple(sorted(alive))


def scrub_sqlite(session: Session) -> None:
    """Merge the FTS index and VACUUM, so deleted text leaves the file (SQLite only).

    SQLite keeps deleted rows in free pages and FTS5 keeps deleted terms in old segments
    until they are merged; both would still hold the person's words on disk.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    has_fts = connection.execute(
        text("SELECT 1 FROM sqlite_master WHERE name = 'proposals_fts'")
    ).first()
    if has_fts:
        connection.execute(text("INSERT INTO proposals_fts(proposals_fts) VALUES ('optimize')"))
    session.commit()
    with session.get_bind().connect() as raw:
        raw = raw.execution_options(isolation_level="AUTOCOMMIT")
        raw.execute(text("VACUUM"))
        raw.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
