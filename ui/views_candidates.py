"""How candidates look in the terminal: `hoering candidates` and `hoering candidate show`."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hoering.store.candidates import CandidateView
from hoering.store.listfields import listed


def candidate_table(rows: Sequence[CandidateView]) -> RenderableType:
    """One line per candidate: id, title, replies, supporters, themes."""
    table = Table(title=f"{len(rows)} kandidater", title_justify="left")
    for column, options in (
        ("Id", {"justify": "right", "no_wrap": True}),
        ("Titel", {"ratio": 4}),
        ("Svar", {"justify": "right"}),
        ("Forslagsstillere", {"ratio": 3}),
        ("Temaer", {"ratio": 2}),
    ):
        table.add_column(column, **options)
    for view in rows:
        candidate = view.candidate
        table.add_row(
            str(candidate.id),
            Text(candidate.title),
            str(view.replies),
            Text(", ".join(s.name for s in view.supporters)),
            Text(", ".join(listed(candidate.theme_labels))),
        )
    return table


def candidate_detail(view: CandidateView) -> RenderableType:
    """The fields, the supporters with their type, then each member initiative."""
    candidate = view.candidate
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in (
        ("Kandidat", str(candidate.id)),
        ("Titel", candidate.title),
        ("Resumé", candidate.summary or "-"),
        ("Temaer", ", ".join(listed(candidate.theme_labels)) or "-"),
        ("Niveau", candidate.level or "-"),
        ("Ansvarlig myndighed", candidate.owner or "-"),
        ("Svar", str(view.replies)),
    ):
        grid.add_row(label, Text(value))
    supporters = [Text(f"  {s.name} ({s.type}), svar {s.reply_id}") for s in view.supporters]
    members = [Text(f"  {row.ref}  {row.title}") for row in view.initiatives]
    return Group(grid, Rule("Forslagsstillere"), *supporters, Rule("Initiativer"), *members)
