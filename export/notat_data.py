"""What the høringsnotat needs beyond the replies, read from the store: the bruttoliste's
candidates its replies' initiatives are placed in, and the campaigns (duplicate groups).
Then the model is built (export/notat_build.py) and written (export/notat_docx.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
from hoering.export.privacy import Privacy, text_rule, title_rule
from hoering.export.views import ReplyView, reply_view
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


class MemberRules:
    """The privacy rule of each stored reply (export/privacy.text_rule), made once: what
    export/privacy.apply does to the reply's own text, for text of its words shown elsewhere
    (a campaign's added sentence, a candidate's title a reviewer wrote)."""

    def __init__(self, session: Session, privacy: Privacy) -> None:
        self.session, self.privacy = session, privacy
        self.rules: dict[int, Callable[[str], str]] = {}

    def rule(self, reply_id: int) -> Callable[[str], str]:
        if reply_id not in self.rules:
            proposal = self.session.get(models.Proposal, reply_id)
            self.rules[reply_id] = (
                text_rule(reply_view(proposal), self.privacy)
                if proposal
                else self.privacy.policy.text
            )
        return self.rules[reply_id]

    def clean(self, reply_id: int, sentence: str) -> str:
        return self.rule(reply_id)(sentence)

    def members(self, candidate_id: int, value: str, title: bool = False) -> str:
        """Every member reply's rule: the candidate never shows what a member's row hides.
        A title is read by the lines of the member text it may be cut from (a letterhead's
        postcode line), as export/privacy.apply reads an initiative's title."""
        query = (
            select(models.Initiative.proposal_id, models.Initiative.text)
            .where(models.Initiative.candidate_id == candidate_id)
            .order_by(models.Initiative.proposal_id, models.Initiative.number)
        )
        members = [
            (self.rule(reply_id), source or "") for reply_id, source in self.session.execute(query)
        ]
        if title:
            # The member the title was cut from redacts it by its lines; read before any
            # other member's rule changes the words those lines are matched by.
            by_lines = (title_rule(value, source, rule) for rule, source in members)
            value = next((found for found in by_lines if found != value), value)
        for rule, _source in members:
            value = rule(value)
        return value


def candidates_of(
    session: Session, records: list[ReplyView], rules: MemberRules
) -> list[CandidateInfo]:
    """The candidates the replies' initiatives are in; a candidate's summary is its first
    member's, from the record, so the privacy rules that hid a name there hide it here; a
    title or reason a reviewer wrote goes through every member reply's rule."""
    first: dict[int, tuple[ReplyView, object]] = {}
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
        title = rules.members(row.id, row.title, title=True) if row.title else item.title
        reason = rules.members(row.id, row.reason) if row.reason else row.reason
        found.append(CandidateInfo(row.id, title, text, english, row.decision or "", reason))
    return sorted(found, key=lambda c: c.id)


def write_notat(
    session: Session,
    records: Iterable[ReplyView],
    privacy: Privacy,
    output: Path,
    consultation: Consultation,
    today: date | None = None,
) -> int:
    """Build and write the høringsnotat; returns the number of replies in it."""
    replies = list(records)
    rules = MemberRules(session, privacy)
    campaigns = campaign_entries(duplicates.groups(session), rules.clean)
    settings = settings_of(consultation, today or datetime.now(consultation.tz).date())
    notat = build_notat(replies, candidates_of(session, replies, rules), campaigns, settings)
    author = consultation.ministry or "hoering"
    write_notat_docx(notat, output, author, consultation.notat.template)
    return len(replies)
