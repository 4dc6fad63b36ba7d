"""How initiatives look in the terminal: the `initiatives` table and `initiative show`, in
Danish (a reviewer's commands), the glossary's words."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hoering import glossary
from hoering.store.models import Initiative
from hoering.ui.views import local_time


def initiative_table(rows: Sequence[Initiative]) -> RenderableType:
    """`hoering initiatives`: one line each; Id is what `review` and `initiative` take."""
    title = "1 initiativ" if len(rows) == 1 else f"{len(rows)} initiativer"
    table = Table(title=title, title_justify="left")
    for column, options in (
        (glossary.ID, {"justify": "right", "no_wrap": True}),
        (glossary.TITLE, {"ratio": 4}),
        (glossary.SENDER, {"ratio": 2}),
        (glossary.THEMES, {"ratio": 2}),
        (glossary.LEVEL, {}),
        (glossary.STATUS, {}),
        (glossary.DECISION, {}),
    ):
        table.add_column(column, **options)
    for row in rows:
        reply = row.proposal
        sender = reply.respondent_organisation or reply.sender_name or reply.sender_email
        table.add_row(
            row.ref,
            Text(row.title + (" *" if row.source == "reviewer" else "")),
            Text(sender),
            Text(", ".join(row.theme_labels)),
            row.level or "-",
            row.status,
            row.decision or "-",
        )
    return table


def initiative_detail(row: Initiative, tz: ZoneInfo) -> RenderableType:
    """`hoering initiative show`: the fields, the review, the notes, then the text."""
    reply = row.proposal
    split_by = "sagsbehandler" if row.source == "reviewer" else f"automatisk ({row.rule})"
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in (
        (glossary.INITIATIVE, row.ref),
        (glossary.TITLE, row.title),
        (glossary.REPLIES, f"{reply.id}: {reply.sender_name} <{reply.sender_email}>"),
        (glossary.FOUND_IN, row.origin or "-"),
        ("Opdeling", split_by),
        (glossary.THEMES, ", ".join(row.theme_labels) or "-"),
        (glossary.OWNER, row.owner or "-"),
        (glossary.LEVEL, row.level or "-"),
        (glossary.STATUS, row.status),
        (glossary.DECISION, row.decision or "-"),
        (glossary.REASON, row.reason or "-"),
        (glossary.ASSIGNEE, row.assignee or "-"),
    ):
        grid.add_row(label, Text(value))
    notes = [Text(f"  note {local_time(n.created_at, tz)} {n.author}: {n.text}") for n in row.notes]
    return Group(grid, *notes, Rule(glossary.TEXT), Text(row.text))
