"""How proposals look in the terminal: the `list` table, `show` and `stats`.

`show` is a reviewer's command and speaks Danish (the glossary's words); `list`, `stats` and
`failures` are the operator's and stay English: one language per command.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from hoering import glossary
from hoering.analysis.cleaning import flag_labels
from hoering.export.reply_view import signals
from hoering.pipeline.automatic import AutomaticMail
from hoering.store.figures import Stats
from hoering.store.models import Attachment, MessageState, Proposal
from hoering.store.states import FAILING


def local_time(value: datetime | None, tz: ZoneInfo) -> str:
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M") if value else "-"


def human_size(size: int) -> str:
    for unit in ("B", "kB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"


def proposal_table(proposals: Sequence[Proposal], tz: ZoneInfo) -> RenderableType:
    """The `hoering list` table. Text() keeps '[...]' in mail text from being read as markup."""
    title = "1 proposal" if len(proposals) == 1 else f"{len(proposals)} proposals"
    table = Table(title=title, title_justify="left")
    for column, options in (
        ("ID", {"justify": "right"}),
        ("Received", {"no_wrap": True}),
        ("Sender", {"ratio": 2}),
        ("Subject", {"ratio": 3}),
        ("Att.", {"justify": "right"}),
        ("Late", {}),
        ("Flags", {"ratio": 1}),
    ):
        table.add_column(column, **options)
    for p in proposals:
        table.add_row(
            str(p.id),
            local_time(p.received_at, tz),
            Text(p.sender_name or p.sender_email),  # the address is in `show`
            Text(p.subject),
            str(len(p.attachments)),
            "late" if p.late else "",
            ", ".join(flag_labels(p.points_to_attachment, p.no_comments, p.forwarded)),
        )
    return table


def _attachment_line(att: Attachment) -> Text:
    line = Text(f"  {att.path}  ")
    line.append(f"{att.detected_type} (angivet {att.declared_type or '-'}), ", style="dim")
    line.append(f"{human_size(att.size)}, metode {att.method}", style="dim")
    # Which extractor version read it: `hoering reparse --outdated` re-reads older ones.
    line.append(f", udtrækker {att.extractor_version or 'ukendt'}", style="dim")
    if att.error:
        line.append(f"  fejl: {att.error}", style="red")
    return line


def _raw_state(p: Proposal, tz: ZoneInfo) -> str:
    purged = p.raw_message.purged_at
    if purged is None:
        return f"gemt ({human_size(p.raw_message.size)})"
    return (
        f"slettet {local_time(purged, tz)} (hoering purge --raw-before); "
        "teksten og vurderingen er bevaret"
    )


def proposal_detail(p: Proposal, tz: ZoneInfo) -> RenderableType:
    """The mail and its attachments, the first part of `hoering show`."""
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold")
    fields.add_column()
    source = f"{p.source_account} {p.source_folder}"
    if p.source_uid is not None:
        source += f" UIDVALIDITY {p.source_uidvalidity} UID {p.source_uid}"
    for label, value in (
        (glossary.ID, str(p.id)),
        (glossary.RECEIVED, local_time(p.received_at, tz)),
        (glossary.SENT, local_time(p.sent_at, tz)),
        (glossary.LATE, glossary.YES if p.late else glossary.NO),
        (glossary.FROM, p.sender_name),
        (glossary.EMAIL, p.sender_email),
        (glossary.SUBJECT, p.subject),
        ("Message-ID", p.message_id or "-"),
        (glossary.SOURCE, source),
        (glossary.BODY_FROM, p.body_source),
        (glossary.RAW_MAIL, _raw_state(p, tz)),
    ):
        fields.add_row(label, Text(value))
    parts: list[RenderableType] = [fields]
    warnings = signals(p).warnings
    if warnings:
        parts.append(Text(f"{glossary.WARNINGS}:\n  " + "\n  ".join(warnings), style="yellow"))
    parts.append(Text(f"{glossary.ATTACHMENTS}: {len(p.attachments)}", style="bold"))
    parts.extend(_attachment_line(a) for a in p.attachments)
    parts.append(Rule(glossary.TEXT))
    parts.append(Text(p.combined_text or "(ingen tekst)"))
    return Group(*parts)


def stats_text(s: Stats, tz: ZoneInfo) -> RenderableType:
    lines = [
        f"Proposals:          {s.proposals} ({s.late} late)",
        f"With attachments:   {s.with_attachments} ({s.attachments} attachments, "
        f"{s.attachment_errors} without text)",
        f"Messages stored:    {s.raw_messages} (seen {s.sightings} times)",
        f"Failed to parse:    {s.failed_messages} (kept raw)",
    ]
    if s.automatic:
        lines.append(f"Automatic mail:     {s.automatic} (no proposal; hoering list --automatic)")
    if s.last_run is not None:
        run = s.last_run
        lines.append(
            f"Last run:           {run.kind} {local_time(run.started_at, tz)}: "
            f"seen {run.seen}, matched {run.matched}, stored {run.stored}, "
            + (f"already stored {run.already_stored}, " if run.already_stored else "")
            + f"duplicates {run.duplicates}, failed {run.failed}"
            + (f" — error: {run.error}" if run.error else "")
        )
    return Text("\n".join(lines))


def _place(row: MessageState) -> str:
    if row.uid is None:
        return f"{row.account} {row.folder}"
    return f"{row.account} {row.folder} UID {row.uid}"


def failures_table(rows: Sequence[MessageState], tz: ZoneInfo) -> RenderableType:
    """The `hoering failures` table: what failed where, how often, and why."""
    if not rows:
        return Text("No failed messages or actions.")
    title = "1 failure" if len(rows) == 1 else f"{len(rows)} failures"
    table = Table(title=title, title_justify="left")
    for column, options in (
        ("ID", {"justify": "right"}),
        ("Status", {"no_wrap": True}),
        ("Tries", {"justify": "right"}),
        ("Where", {"ratio": 2}),
        ("Reason", {"ratio": 3}),
        ("Since", {"no_wrap": True}),
    ):
        table.add_column(column, **options)
    for row in rows:
        status, tries, reason = row.status, row.attempts, row.last_error or ""
        if row.status not in FAILING:  # the message is fine, its action is not
            status = f"action {row.action_state}"
            tries, reason = row.action_attempts, row.action_error or ""
        table.add_row(
            str(row.id),
            status,
            str(tries),
            Text(_place(row)),
            Text(reason.splitlines()[0] if reason else "-"),
            local_time(row.created_at, tz),
        )
    return table


def automatic_table(rows: Sequence[AutomaticMail], tz: ZoneInfo) -> RenderableType:
    """The `hoering list --automatic` table: machine-sent mail kept without a proposal."""
    if not rows:
        return Text("No automatic mail waits for a decision.")
    table = Table(
        title=f"{len(rows)} automatic mail(s) without a proposal (hoering accept ID makes one)",
        title_justify="left",
    )
    for column, options in (
        ("ID", {"justify": "right"}),
        ("First seen", {"no_wrap": True}),
        ("From", {"ratio": 2}),
        ("Subject", {"ratio": 2}),
        ("Reason", {"ratio": 3}),
        ("Seen", {"justify": "right"}),
    ):
        table.add_column(column, **options)
    for row in rows:
        table.add_row(
            str(row.id),
            local_time(row.first_seen_at, tz),
            Text(row.sender or "-"),
            Text(row.subject or "-"),
            Text(row.reason),
            str(row.places),
        )
    return table
