"""A candidate's supporters with each campaign as one entry: the replies of one duplicate
group (identical or form letters, analysis/campaigns.py) that support the candidate are
"N borgere har sendt enslydende høringssvar", with what their variants add, instead of N
supporters one by one. The same on the desk's bruttoliste and in `hoering candidates`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from hoering.analysis.campaigns import CampaignEntry, campaign_entries
from hoering.export.candidate_view import supporters_phrase
from hoering.store import duplicates
from hoering.store.candidates import CandidateView, Supporter
from hoering.store.models import Initiative
from hoering.vocab import RespondentType

MIN_CAMPAIGN = 2  # supporters of one candidate from one group: fewer are listed as they are


@dataclass(frozen=True)
class CandidateCampaign:
    """The candidate's supporters from one campaign, their initiatives in it, and the
    campaign (its summary, organiser and what variants add)."""

    entry: CampaignEntry
    supporters: tuple[Supporter, ...]
    initiatives: tuple[Initiative, ...]

    def describe(self) -> str:
        """ "14 borgere har sendt enslydende høringssvar" ("høringsparter" when not all of
        them are citizens): the candidate's own count, which a campaign split over two
        candidates makes smaller than the group's."""
        citizens = all(s.type == RespondentType.BORGER for s in self.supporters)
        here = dataclasses.replace(self.entry, count=len(self.supporters))
        return here.describe("borgere" if citizens else "høringsparter")


@dataclass(frozen=True)
class GroupedSupporters:
    """A candidate's supporters outside campaigns, one by one, and its campaigns."""

    others: tuple[Supporter, ...]
    campaigns: tuple[CandidateCampaign, ...]
    loose: tuple[Initiative, ...]  # the members not in a campaign, in the candidate's order

    def others_phrase(self) -> str:
        """The supporters outside campaigns: "KL og 2 borgere" ("" when none)."""
        return supporters_phrase(self.others)

    def phrase(self) -> str:
        """ "KL og 2 borgere; 14 borgere har sendt enslydende høringssvar"."""
        parts = [self.others_phrase()] if self.others else []
        return "; ".join(parts + [campaign.describe() for campaign in self.campaigns])


def entries(session: Session) -> list[CampaignEntry]:
    """The stored duplicate groups as campaign entries, largest first."""
    return campaign_entries(duplicates.groups(session))


def grouped(view: CandidateView, campaigns: Sequence[CampaignEntry]) -> GroupedSupporters:
    """The candidate's supporters with every campaign that brings it MIN_CAMPAIGN or more of
    them as one entry."""
    entry_of = {reply: entry for entry in campaigns for reply in entry.reply_ids}
    found: dict[int, list[Supporter]] = {}
    for supporter in view.supporters:
        if supporter.reply_id in entry_of:
            found.setdefault(id(entry_of[supporter.reply_id]), []).append(supporter)
    kept = {key: rows for key, rows in found.items() if len(rows) >= MIN_CAMPAIGN}
    in_campaign = {s.reply_id for rows in kept.values() for s in rows}
    built = []
    for rows in kept.values():
        replies = {s.reply_id for s in rows}
        members = tuple(row for row in view.initiatives if row.proposal_id in replies)
        built.append(CandidateCampaign(entry_of[rows[0].reply_id], tuple(rows), members))
    return GroupedSupporters(
        others=tuple(s for s in view.supporters if s.reply_id not in in_campaign),
        campaigns=tuple(built),
        loose=tuple(row for row in view.initiatives if row.proposal_id not in in_campaign),
    )
