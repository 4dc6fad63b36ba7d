"""How candidates look in the terminal: `hoering candidates` and `hoering candidate show`."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hoering import glossary
from hoering.store.candidates import CandidateView
from hoering.store.models import CandidateEvent
from hoering.ui.views import local_time


def fresh(view: CandidateView) -> str:
    """ "N nye siden afgørelsen" when initiatives joined since a reviewer last acted on it."""
    count = view.new_since_decision
    return f"{count} {'ny' if count == 1 else 'nye'} siden afgørelsen" if count else ""


def candidate_table(rows: Sequence[CandidateView]) -> RenderableType:
    """One line per candidate: id, title, replies, supporters, themes."""
    table = Table(title=f"{len(rows)} kandidater", title_justify="left")
    for column, options in (
        ("Id", {"justify": "right", "no_wrap": True}),
        ("Titel", {"ratio": 4}),
        ("Svar", {"justify": "right"}),
        ("Forslagsstillere", {"ratio": 3}),
        ("Temaer", {"ratio": 2}),
        (glossary.DECISION, {"ratio": 2}),
    ):
        table.add_column(column, **options)
    for view in rows:
        candidate = view.candidate
        table.add_row(
            str(candidate.id),
            Text(candidate.title),
            str(view.replies),
            Text(", ".join(s.name for s in view.supporters)),
            Text(", ".join(candidate.theme_labels)),
            Text(" · ".join(part for part in (candidate.decision or "", fresh(view)) if part)),
        )
    return table


def candidate_detail(view: CandidateView, revision: int = 0) -> RenderableType:
    """The fields and review, the supporters with their type, then each member initiative
    (* after a reference: placed since a reviewer last acted on the candidate)."""
    candidate = view.candidate
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in (
        ("Kandidat", str(candidate.id)),
        ("Titel", candidate.title),
        ("Resumé", candidate.summary or "-"),
        ("Temaer", ", ".join(candidate.theme_labels) or "-"),
        ("Niveau", candidate.level or "-"),
        ("Ansvarlig myndighed", candidate.owner or "-"),
        ("Svar", str(view.replies)),
        (glossary.STATUS, candidate.status or "ny"),
        (glossary.DECISION, candidate.decision or "-"),
        (glossary.REASON, candidate.reason or "-"),
        (glossary.ASSIGNEE, candidate.assignee or "-"),
        ("Nye", fresh(view) or "-"),
        ("Revision", str(revision)),
    ):
        grid.add_row(label, Text(value))
    supporters = [Text(f"  {s.name} ({s.type}), svar {s.reply_id}") for s in view.supporters]
    seen = not view.candidate.touched
    members = [
        Text(f"  {row.ref}{'' if seen or row.candidate_pinned else '*'}  {row.title}")
        for row in view.initiatives
    ]
    return Group(grid, Rule("Forslagsstillere"), *supporters, Rule("Initiativer"), *members)


def history_table(events: Sequence[CandidateEvent], tz: ZoneInfo) -> RenderableType:
    """`hoering candidate history`: one line per action, oldest first."""
    if not events:
        return Text("No changes recorded.")
    title = "1 change" if len(events) == 1 else f"{len(events)} changes"
    table = Table(title=title, title_justify="left")
    for column in ("#", "When", "Who", "What", "Old", "New"):
        table.add_column(column)
    for e in events:
        what = e.field + (f" (undone by #{e.undone})" if e.undone else "")
        table.add_row(
            str(e.id),
            local_time(e.at, tz),
            Text(e.by),
            what,
            Text(e.old_value or "-"),
            Text(e.new_value or "-"),
        )
    return table
