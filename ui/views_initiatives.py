"""How initiatives look in the terminal: the `initiatives` table and `initiative show`."""

from __future__ import annotations

from collections.abc import Sequence
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hoering.store.models import Initiative
from hoering.ui.views import local_time


def initiative_table(rows: Sequence[Initiative]) -> RenderableType:
    """`hoering initiatives`: one line each; Id is what `review` and `initiative` take."""
    table = Table(title=f"{len(rows)} initiatives", title_justify="left")
    for column, options in (
        ("Id", {"justify": "right", "no_wrap": True}),
        ("Titel", {"ratio": 4}),
        ("Afsender", {"ratio": 2}),
        ("Temaer", {"ratio": 2}),
        ("Niveau", {}),
        ("Status", {}),
        ("Beslutning", {}),
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
        ("Initiativ", row.ref),
        ("Titel", row.title),
        ("Svar", f"{reply.id}: {reply.sender_name} <{reply.sender_email}>"),
        ("Fra", row.origin or "-"),
        ("Opdeling", split_by),
        ("Temaer", ", ".join(row.theme_labels) or "-"),
        ("Ansvarlig myndighed", row.owner or "-"),
        ("Niveau", row.level or "-"),
        ("Status", row.status),
        ("Beslutning", row.decision or "-"),
        ("Begrundelse", row.reason or "-"),
        ("Tildelt", row.assignee or "-"),
    ):
        grid.add_row(label, Text(value))
    notes = [Text(f"  note {local_time(n.created_at, tz)} {n.author}: {n.text}") for n in row.notes]
    return Group(grid, *notes, Rule("Tekst"), Text(row.text))
