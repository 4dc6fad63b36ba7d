"""`--json` for list, show, stats and failures: one JSON document, keys as in the README.

Times are ISO 8601 in the consultation's time zone (as the tables show them), absent
values are null, and keys never depend on the data, so a script can rely on them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from hoering.export.views import reply_view
from hoering.pipeline.automatic import AutomaticMail
from hoering.store.duplicates import DuplicateCounts
from hoering.store.figures import Stats
from hoering.store.models import Attachment, DuplicateMember, MessageState, Proposal
from hoering.store.states import FAILING


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _time(value: datetime | None, tz: ZoneInfo) -> str | None:
    return value.astimezone(tz).isoformat(timespec="seconds") if value else None


def proposal_row(p: Proposal, tz: ZoneInfo) -> dict[str, Any]:
    """One proposal as `hoering list --json` gives it."""
    return {
        "id": p.id,
        "received_at": _time(p.received_at, tz),
        "sender_name": p.sender_name,
        "sender_email": p.sender_email,
        "subject": p.subject,
        "attachments": len(p.attachments),
        "late": p.late,
        "respondent_type": p.respondent_type,
        "language": p.language or None,
        "status": p.status,
        "decision": p.decision,
        "assignee": p.assignee or None,
    }


def proposal_list(proposals: Sequence[Proposal], tz: ZoneInfo) -> dict[str, Any]:
    return {"count": len(proposals), "proposals": [proposal_row(p, tz) for p in proposals]}


def _attachment(att: Attachment) -> dict[str, Any]:
    return {
        "path": att.path,
        "detected_type": att.detected_type,
        "declared_type": att.declared_type,
        "size": att.size,
        "method": att.method,
        "extractor_version": att.extractor_version,
        "error": att.error,
    }


def proposal_detail(
    p: Proposal, member: DuplicateMember | None, audit_count: int, tz: ZoneInfo
) -> dict[str, Any]:
    """Everything `hoering show --json` gives for one proposal."""
    view = reply_view(p)
    shown = view.signals
    return {
        **proposal_row(p, tz),
        "sent_at": _time(p.sent_at, tz),
        "message_id": p.message_id,
        "source": {
            "account": p.source_account,
            "folder": p.source_folder,
            "uidvalidity": p.source_uidvalidity,
            "uid": p.source_uid,
        },
        "body_source": p.body_source,
        "warnings": list(shown.warnings),
        "attachment_list": [_attachment(a) for a in p.attachments],
        "text": p.combined_text,
        "reply_text": p.reply_text,
        "respondent": {
            "name": p.respondent_name or None,
            "organisation": p.respondent_organisation or None,
            "type": p.respondent_type,
            "type_source": p.respondent_type_source,
            "name_source": "reviewer" if p.reviewed_respondent_name is not None else "auto",
            "organisation_source": "reviewer" if p.reviewed_organisation is not None else "auto",
            "rule": p.respondent_rule or None,
        },
        "points_to_attachment": p.points_to_attachment,
        "no_comments": p.no_comments,
        "reference_numbers": list(shown.references),
        "reason": p.reason or None,
        "notes": [{"at": _time(n.created_at, tz), "by": n.author, "text": n.text} for n in p.notes],
        "themes": [
            {"key": t.theme, "label": t.label, "source": t.source, "active": t.active}
            for t in p.themes
        ],
        "duplicate_group": None
        if member is None
        else {"id": member.group.id, "kind": member.group.kind, "size": member.group.size},
        "changes": audit_count,
        "remarks": view.remarks or None,  # its general remarks (analysis/remarks.py)
    }


def stats(s: Stats, counts: DuplicateCounts, tz: ZoneInfo) -> dict[str, Any]:
    """`hoering stats --json`."""
    run = s.last_run
    return {
        "proposals": s.proposals,
        "late": s.late,
        "with_attachments": s.with_attachments,
        "attachments": s.attachments,
        "attachments_without_text": s.attachment_errors,
        "messages_stored": s.raw_messages,
        "sightings": s.sightings,
        "failed_to_parse": s.failed_messages,
        "replies": {
            "raw": counts.raw,
            "distinct": counts.distinct,
            "independent": counts.independent,
            "duplicate_groups": counts.groups,
        },
        "last_run": None
        if run is None
        else {
            "kind": run.kind,
            "started_at": _time(run.started_at, tz),
            "finished_at": _time(run.finished_at, tz),
            "seen": run.seen,
            "matched": run.matched,
            "stored": run.stored,
            "already_stored": run.already_stored,
            "duplicates": run.duplicates,
            "failed": run.failed,
            "error": run.error,
        },
    }


def failures(rows: Sequence[MessageState], tz: ZoneInfo) -> dict[str, Any]:
    """`hoering failures --json`: the rows of the table, reason in full."""
    items = []
    for row in rows:
        status, tries, reason = row.status, row.attempts, row.last_error
        if row.status not in FAILING:  # the message is fine, its action is not
            status = f"action {row.action_state}"
            tries, reason = row.action_attempts, row.action_error
        items.append(
            {
                "id": row.id,
                "status": status,
                "tries": tries,
                "account": row.account,
                "folder": row.folder,
                "uid": row.uid,
                "reason": reason or None,
                "since": _time(row.created_at, tz),
            }
        )
    return {"count": len(items), "failures": items}


def automatic(rows: Sequence[AutomaticMail], tz: ZoneInfo) -> dict[str, Any]:
    """`hoering list --automatic --json`: machine-sent mail kept without a proposal."""
    items = [
        {
            "id": row.id,
            "first_seen": _time(row.first_seen_at, tz),
            "sender": row.sender,
            "subject": row.subject,
            "reason": row.reason,
            "places": row.places,
        }
        for row in rows
    ]
    return {"count": len(items), "automatic": items}
