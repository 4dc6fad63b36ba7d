"""How the review side looks in the terminal: show's review part, history, search, duplicates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hoering.export.views import reply_view
from hoering.store.duplicates import DuplicateCounts
from hoering.store.models import AuditEvent, DuplicateGroup, DuplicateMember, Proposal
from hoering.store.search import Hit
from hoering.ui.views import local_time


def _grid(rows: Sequence[tuple[str, str]]) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in rows:
        grid.add_row(label, Text(value))
    return grid


def _by_reviewer(shown: str, reviewed: str | None) -> str:
    return f"{shown or '-'} (sat af sagsbehandler)" if reviewed is not None else shown or "-"


def review_detail(
    p: Proposal, member: DuplicateMember | None, audit_count: int, tz: ZoneInfo
) -> RenderableType:
    """The normalized and review part of `hoering show`."""
    source = "sat af sagsbehandler" if p.respondent_type_source == "reviewer" else "automatisk"
    shown = reply_view(p).signals
    respondent = _grid(
        [
            ("Respondent", _by_reviewer(p.respondent_name, p.reviewed_respondent_name)),
            ("Organisation", _by_reviewer(p.respondent_organisation, p.reviewed_organisation)),
            ("Type", f"{p.respondent_type} ({source}: {p.respondent_rule or '-'})"),
            ("Language", shown.language or "-"),
            ("Flags", ", ".join(shown.flags) or "-"),
            ("References", "; ".join(shown.references) or "-"),
        ]
    )
    reviewed = _grid(
        [
            ("Status", p.status),
            ("Decision", p.decision or "-"),
            ("Reason", p.reason or "-"),
            ("Assignee", p.assignee or "-"),
            ("Changes", f"{audit_count} (hoering history {p.id})"),
        ]
    )
    parts: list[RenderableType] = [Rule("Respondent"), respondent, Rule("Review"), reviewed]
    parts.extend(
        Text(f"  note {local_time(n.created_at, tz)} {n.author}: {n.text}") for n in p.notes
    )
    parts.append(Rule("Themes"))
    parts.extend(_theme_lines(p) or [Text("  (none)")])
    parts.append(Rule("Initiatives (hoering initiative show ID)"))
    parts.extend(
        [Text(f"  {i.ref}  {i.title}  [{i.status}{', ' + i.decision if i.decision else ''}]")
         for i in p.initiatives] or [Text("  (none)")]
    )  # fmt: skip
    if member is not None:
        group = member.group
        parts.append(Rule("Duplicates"))
        parts.append(
            Text(
                f"  {group.kind} group {group.id}: {group.size} replies, {group.distinct} distinct "
                f"texts (hoering duplicates); adds: "
                + (member.added_text.replace("\n", " ") or "nothing")
            )
        )
    parts.append(Rule("Reply (cleaned)"))
    parts.append(Text(p.reply_text or "(no text of its own)"))
    return Group(*parts)


def _theme_lines(p: Proposal) -> list[Text]:
    lines = []
    for row in p.themes:
        if row.source == "reviewer":
            how = "added by a reviewer" if row.active else "removed by a reviewer"
        else:
            how = f"words: {', '.join(row.words)} (codebook {row.codebook_version})"
        line = Text(f"  {row.label} [{row.theme}]: {how}")
        if not row.active:
            line.stylize("dim strike")
        lines.append(line)
    return lines


def history_text(events: Sequence[AuditEvent], tz: ZoneInfo) -> RenderableType:
    """`hoering history`: one line per change, oldest first."""
    if not events:
        return Text("No changes recorded.")
    title = "1 change" if len(events) == 1 else f"{len(events)} changes"
    table = Table(title=title, title_justify="left")
    for column in ("When", "Who", "Field", "Old", "New"):
        table.add_column(column)
    for e in events:
        table.add_row(
            local_time(e.at, tz),
            Text(e.by),
            e.field,
            Text(e.old_value or "-"),
            Text(e.new_value or "-"),
        )
    return table


def search_text(
    hits: Sequence[Hit],
    proposals: Mapping[int, Proposal],
    total: int | None = None,
    *,
    capped: bool = False,
) -> RenderableType:
    """`hoering search`: best first, with the sender and a snippet ([ ] marks a match).

    `total` is how many matched in all, when --limit cut the list; `capped`: more than
    that were not counted.
    """
    if not hits:
        return Text("No matches.")
    total = len(hits) if total is None else total
    found = f"{total} match" if total == 1 else f"{total} matches"
    if capped:
        found = f"over {total - 1} matches"
    shown = f", best {len(hits)} shown" if total > len(hits) else ", best first"
    lines = [Text(f"{found}{shown}:")]
    for hit in hits:
        p = proposals[hit.proposal_id]
        who = p.respondent_organisation or p.sender_name or p.sender_email
        lines.append(Text(f"{p.id:>5}  {who} — {p.subject}", style="bold"))
        lines.append(Text(f"       {hit.snippet}"))
    return Group(*lines)


def counts_text(counts: DuplicateCounts) -> Text:
    """Raw and distinct counts, for `hoering stats` and `hoering duplicates`."""
    return Text(
        f"Replies raw/distinct: {counts.raw} raw, {counts.distinct} distinct texts, "
        f"{counts.independent} independent (a duplicate group counts once), "
        f"{counts.groups} duplicate group{'' if counts.groups == 1 else 's'}"
    )


def duplicates_text(groups: Sequence[DuplicateGroup], counts: DuplicateCounts) -> RenderableType:
    """`hoering duplicates`: each group with its common letter and what each member adds."""
    parts: list[RenderableType] = [counts_text(counts)]
    for group in groups:
        kind = "same text" if group.kind == "exact" else "form letter"
        parts.append(Rule(f"Group {group.id}: {group.size} replies ({kind})"))
        parts.append(Text("Common letter:\n  " + group.common_text.replace("\n", "\n  ")))
        for m in group.members:
            added = m.added_text.replace("\n", " ") or "nothing"
            parts.append(Text(f"  #{m.proposal_id} ({m.similarity:.0%} alike) adds: {added}"))
    return Group(*parts)
