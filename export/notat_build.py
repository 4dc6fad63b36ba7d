"""The høringsnotat's model from the replies (privacy applied), the bruttoliste's candidates
and the campaigns: title block, 1 Indledning, 2 Generelle bemærkninger, 3 per theme,
4 Ændringer som følge af høringen, Bilag. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from hoering.analysis.campaigns import CampaignEntry
from hoering.export.notat import ranked
from hoering.export.notat_intro import bilag_rows, front, introduction
from hoering.export.notat_model import CandidateInfo, Notat, NotatSettings, Section
from hoering.export.notat_themes import GENERAL, Placement, changes
from hoering.export.notat_words import genitive
from hoering.export.views import ReplyView


def build_notat(
    records: Iterable[ReplyView],
    candidates: Sequence[CandidateInfo],
    campaigns: Sequence[CampaignEntry],
    settings: NotatSettings,
) -> Notat:
    """The notat's model from the replies (privacy applied), candidates and campaigns."""
    replies = ranked(records)
    present = {record.id for record in replies}
    campaigns = [c for c in campaigns if len(set(c.reply_ids) & present) >= 2]
    placed = Placement(replies, candidates, campaigns, settings)
    theme_sections = placed.theme_sections()
    sections = (
        introduction(replies, campaigns, settings),
        Section(f"2. {GENERAL}", entries=placed.general(), paragraphs=placed.general_note()),
        Section("3. Bemærkninger til de enkelte temaer", subsections=theme_sections),
        changes([e for s in theme_sections for e in s.entries]),
    )
    return Notat(
        title=f"Høringsnotat – {settings.title}",
        front=front(settings),
        remark_label=f"{genitive(settings.ministry or 'Ministeriet')} bemærkninger:",
        sections=sections,
        bilag=bilag_rows(replies, campaigns, settings),
        header=" · ".join(
            part
            for part in (
                settings.ministry,
                f"J.nr. {settings.journal_number}" * bool(settings.journal_number),
            )
            if part
        )
        or "Høringsnotat",
    )
