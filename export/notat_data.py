"""What the høringsnotat needs beyond the replies, read from the store: the bruttoliste's
candidates its replies' initiatives are placed in, and the campaigns (duplicate groups).
Then the model is built (export/notat_build.py) and written (export/notat_docx.py)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from hoering.analysis.campaigns import campaign_entries
from hoering.analysis.summary import summarize
from hoering.analysis.themes import DEFAULT_CODEBOOK
from hoering.export.notat import Consultation
from hoering.export.notat_build import build_notat
from hoering.export.notat_docx import write_notat_docx
from hoering.export.notat_model import CandidateInfo, NotatSettings
from hoering.export.privacy import Privacy
from hoering.export.record import ExportRecord
from hoering.store import duplicates, models


def settings_of(consultation: Consultation, today: date) -> NotatSettings:
    notat = consultation.notat
    return NotatSettings(
        title=consultation.title,
        today=today,
        tz=consultation.tz,
        ministry=consultation.ministry,
        office=notat.office,
        journal_number=consultation.journal_number,
        start=consultation.start,
        deadline=consultation.deadline,
        published_at=notat.published_at,
        hearing_list=notat.hearing_list,
        name_citizens=notat.name_citizens,
        theme_order=consultation.theme_order
        or tuple(theme.label for theme in DEFAULT_CODEBOOK.themes),
    )


def candidates_of(session: Session, records: list[ExportRecord]) -> list[CandidateInfo]:
    """The candidates the replies' initiatives are in; a candidate's summary is its first
    member's, from the record, so the privacy rules that hid a name there hide it here."""
    first: dict[int, tuple[ExportRecord, object]] = {}
    for record in sorted(records, key=lambda r: r.id):
        for item in record.initiatives:
            if item.candidate is not None:
                first.setdefault(item.candidate, (record, item))
    rows = session.scalars(select(models.Candidate).where(models.Candidate.id.in_(first)))
    found = []
    for row in rows:
        record, item = first[row.id]
        text = summarize(item.text, skip=[record.subject]) or item.title
        english = record.language == "en"
        title = row.title or item.title
        found.append(CandidateInfo(row.id, title, text, english, row.decision or "", row.reason))
    return sorted(found, key=lambda c: c.id)


def write_notat(
    session: Session,
    records: Iterable[ExportRecord],
    privacy: Privacy,
    output: Path,
    consultation: Consultation,
    today: date | None = None,
) -> int:
    """Build and write the høringsnotat; returns the number of replies in it."""
    replies = list(records)
    clean = lambda _reply, sentence: privacy.text(sentence)  # noqa: E731
    campaigns = campaign_entries(duplicates.groups(session), clean)
    settings = settings_of(consultation, today or datetime.now(consultation.tz).date())
    notat = build_notat(replies, candidates_of(session, replies), campaigns, settings)
    author = consultation.ministry or "hoering"
    write_notat_docx(notat, output, author, consultation.notat.template)
    return len(replies)
