"""How candidates look in the terminal: `hoering candidates`, `hoering candidate show` and
`hoering candidate history`, in Danish (a reviewer's commands), the glossary's words."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hoering import glossary
from hoering.analysis.campaigns import CampaignEntry
from hoering.export.candidate_campaigns import CandidateCampaign, grouped
from hoering.store.candidates import CandidateView
from hoering.store.models import CandidateEvent
from hoering.ui.views import local_time


def fresh(view: CandidateView) -> str:
    """ "N nye siden sidste vurdering" when initiatives joined since a reviewer last acted on it."""
    count = view.new_since_decision
    return f"{count} {'ny' if count == 1 else 'nye'} siden sidste vurdering" if count else ""


def supporters_cell(view: CandidateView, campaigns: Sequence[CampaignEntry]) -> str:
    """The supporters by name, a campaign as one entry: "KL, Ida Holm; 14 borgere har sendt
    enslydende høringssvar"."""
    found = grouped(view, campaigns)
    # One party with several replies in the candidate is named once, as on the desk.
    names = ", ".join(dict.fromkeys(s.name for s in found.others))
    return "; ".join([names] * bool(names) + [c.describe() for c in found.campaigns])


def candidate_table(
    rows: Sequence[CandidateView], campaigns: Sequence[CampaignEntry] = ()
) -> RenderableType:
    """One line per candidate: id, title, replies, supporters (a campaign as one entry),
    themes, decision."""
    title = "1 kandidat" if len(rows) == 1 else f"{len(rows)} kandidater"
    table = Table(title=title, title_justify="left")
    for column, options in (
        (glossary.ID, {"justify": "right", "no_wrap": True}),
        (glossary.TITLE, {"ratio": 4}),
        (glossary.REPLIES, {"justify": "right"}),
        (glossary.SUPPORTERS, {"ratio": 3}),
        (glossary.THEMES, {"ratio": 2}),
        (glossary.DECISION, {"ratio": 2}),
    ):
        table.add_column(column, **options)
    for view in rows:
        candidate = view.candidate
        table.add_row(
            str(candidate.id),
            Text(candidate.title),
            str(view.replies),
            Text(supporters_cell(view, campaigns)),
            Text(", ".join(candidate.theme_labels)),
            Text(" · ".join(part for part in (candidate.decision or "", fresh(view)) if part)),
        )
    return table


def campaign_lines(campaign: CandidateCampaign) -> list[Text]:
    """A campaign among a candidate's supporters: one entry, its replies, what variants add."""
    replies = ", ".join(str(s.reply_id) for s in campaign.supporters)
    lines = [Text(f"  {campaign.describe()} (svar {replies})")]
    if campaign.entry.organiser:
        lines.append(Text(f"    Brevet er udarbejdet af {campaign.entry.organiser}."))
    lines.extend(Text(f"    tilføjer: {sentence}") for sentence in campaign.entry.added)
    return lines


def candidate_detail(
    view: CandidateView, revision: int = 0, campaigns: Sequence[CampaignEntry] = ()
) -> RenderableType:
    """The fields and review, the supporters with their type (a campaign as one entry),
    then each member initiative (* after a reference: placed since a reviewer last acted on
    the candidate)."""
    candidate = view.candidate
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in (
        (glossary.CANDIDATE, str(candidate.id)),
        (glossary.TITLE, candidate.title),
        (glossary.SUMMARY, candidate.summary or "-"),
        (glossary.THEMES, ", ".join(candidate.theme_labels) or "-"),
        (glossary.LEVEL, candidate.level or "-"),
        (glossary.OWNER, candidate.owner or "-"),
        (glossary.REPLIES, str(view.replies)),
        (glossary.STATUS, candidate.status or "ny"),
        (glossary.DECISION, candidate.decision or "-"),
        (glossary.REASON, candidate.reason or "-"),
        (glossary.ASSIGNEE, candidate.assignee or "-"),
        ("Nye", fresh(view) or "-"),
        ("Revision", str(revision)),
    ):
        grid.add_row(label, Text(value))
    found = grouped(view, campaigns)
    supporters = [Text(f"  {s.name} ({s.type}), svar {s.reply_id}") for s in found.others]
    supporters += [line for campaign in found.campaigns for line in campaign_lines(campaign)]
    seen = not view.candidate.touched
    members = [
        Text(f"  {row.ref}{'' if seen or row.candidate_pinned else '*'}  {row.title}")
        for row in view.initiatives
    ]
    return Group(grid, Rule(glossary.SUPPORTERS), *supporters, Rule(glossary.INITIATIVES), *members)


def history_table(events: Sequence[CandidateEvent], tz: ZoneInfo) -> RenderableType:
    """`hoering candidate history`: one line per action, oldest first."""
    if not events:
        return Text(glossary.NO_CHANGES)
    title = "1 ændring" if len(events) == 1 else f"{len(events)} ændringer"
    table = Table(title=title, title_justify="left")
    for column in ("#", glossary.WHEN, glossary.BY, glossary.ACTION, glossary.OLD, glossary.NEW):
        table.add_column(column)
    for e in events:
        what = glossary.CANDIDATE_ACTIONS.get(e.field, e.field)
        what += f" (fortrudt ved #{e.undone})" if e.undone else ""
        old, new = e.old_value or "-", e.new_value or "-"
        if e.field == "review":
            old, new = glossary.field_words(e.old_value), glossary.field_words(e.new_value)
        table.add_row(str(e.id), local_time(e.at, tz), Text(e.by), what, Text(old), Text(new))
    return table
