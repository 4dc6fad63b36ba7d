"""How the review side looks in the terminal: show's review part, history, search, duplicates.

`show` and `history` (a reply's and an initiative's) are a reviewer's and speak Danish, the
glossary's words; `search` and `duplicates` stay English, as `list` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hoering import glossary
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
    view = reply_view(p)
    shown = view.signals
    respondent = _grid(
        [
            (glossary.SENDER, _by_reviewer(p.respondent_name, p.reviewed_respondent_name)),
            (
                glossary.ORGANISATION,
                _by_reviewer(p.respondent_organisation, p.reviewed_organisation),
            ),
            (glossary.TYPE, f"{p.respondent_type} ({source}: {p.respondent_rule or '-'})"),
            (glossary.LANGUAGE, shown.language or "-"),
            (glossary.FLAGS, ", ".join(shown.flags) or "-"),
            (glossary.REFERENCES, "; ".join(shown.references) or "-"),
        ]
    )
    reviewed = _grid(
        [
            (glossary.STATUS, p.status),
            (glossary.DECISION, p.decision or "-"),
            (glossary.REASON, p.reason or "-"),
            (glossary.ASSIGNEE, p.assignee or "-"),
            (glossary.CHANGES, f"{audit_count} (hoering history {p.id})"),
        ]
    )
    parts: list[RenderableType] = [
        Rule(glossary.SENDER), respondent, Rule(glossary.REVIEW), reviewed
    ]  # fmt: skip
    parts.extend(
        Text(f"  note {local_time(n.created_at, tz)} {n.author}: {n.text}") for n in p.notes
    )
    parts.append(Rule(glossary.THEMES))
    parts.extend(_theme_lines(p) or [Text(f"  {glossary.NONE}")])
    parts.append(Rule(f"{glossary.INITIATIVES} (hoering initiative show NR)"))
    parts.extend(
        [Text(f"  {i.ref}  {i.title}  [{i.status}{', ' + i.decision if i.decision else ''}]")
         for i in p.initiatives] or [Text(f"  {glossary.NONE}")]
    )  # fmt: skip
    # What it says outside its initiatives (the notat's "Generelle bemærkninger").
    parts.append(Rule(glossary.REMARKS))
    parts.append(Text(f"  {view.remarks or glossary.NONE}"))
    if member is not None:
        parts.append(Rule(glossary.DUPLICATES))
        parts.append(_duplicate_line(member))
    parts.append(Rule("Svaret (renset)"))
    parts.append(Text(p.reply_text or "(ingen egen tekst)"))
    return Group(*parts)


def _duplicate_line(member: DuplicateMember) -> Text:
    group = member.group
    kind = "samme tekst" if group.kind == "exact" else "skabelonbrev"
    added = member.added_text.replace("\n", " ") or "intet"
    return Text(
        f"  gruppe {group.id} ({kind}): {group.size} svar, {group.distinct} forskellige "
        f"tekster (hoering duplicates); tilføjer: {added}"
    )


def _theme_lines(p: Proposal) -> list[Text]:
    lines = []
    for row in p.themes:
        if row.source == "reviewer":
            how = "tilføjet af en sagsbehandler" if row.active else "fjernet af en sagsbehandler"
        else:
            how = f"ord: {', '.join(row.words)} (kodebog {row.codebook_version})"
        line = Text(f"  {row.label} [{row.theme}]: {how}")
        if not row.active:
            line.stylize("dim strike")
        lines.append(line)
    return lines


def history_text(events: Sequence[AuditEvent], tz: ZoneInfo) -> RenderableType:
    """`hoering history` and `hoering initiative history`: one line per change, oldest first;
    the field in the glossary's word, a theme by its key."""
    if not events:
        return Text(glossary.NO_CHANGES)
    title = "1 ændring" if len(events) == 1 else f"{len(events)} ændringer"
    table = Table(title=title, title_justify="left")
    for column in (glossary.WHEN, glossary.BY, glossary.FIELD, glossary.OLD, glossary.NEW):
        table.add_column(column)
    for e in events:
        table.add_row(
            local_time(e.at, tz),
            Text(e.by),
            glossary.FIELD_NAMES.get(e.field, e.field),
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
