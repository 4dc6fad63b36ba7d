"""A reply view as the flat text cells of the machine profile (CSV rfc4180, XLSX).

COLUMNS is the stable column list of the CSV and XLSX exports (README "Export columns"):
new columns are only ever added at the end, and tests pin the header. The view comes from
export/views.py with the privacy transform (export/privacy.apply) already applied.
"""

from __future__ import annotations

from hoering.export.views import AttachmentView, ReplyView

COLUMNS = (
    "id",
    "received_at",
    "late",
    "sender_name",
    "sender_email",
    "respondent_name",
    "organisation",
    "respondent_type",
    "respondent_rule",
    "subject",
    "themes",
    "theme_triggers",
    "status",
    "decision",
    "reason",
    "notes",
    "assignee",
    "duplicate_group",
    "language",
    "flags",
    "references",
    "attachments",
    "message_id",
    "source",
    "reply_text",
    "text",
)


def describe_attachment(att: AttachmentView) -> str:
    label = f"{att.detected_type}: {att.error}" if att.error else att.detected_type
    return f"{att.path} ({label})"


def flat_row(record: ReplyView, tz) -> dict[str, str]:
    """The record as the text cells of COLUMNS (CSV and XLSX), times in the given zone."""
    received = record.received_at.astimezone(tz).isoformat() if record.received_at else ""
    return {
        "id": str(record.id),
        "received_at": received,
        "late": "true" if record.late else "false",
        "sender_name": record.sender_name,
        "sender_email": record.sender_email,
        "respondent_name": record.respondent_name,
        "organisation": record.organisation,
        "respondent_type": record.respondent_type,
        "respondent_rule": record.respondent_rule,
        "subject": record.subject,
        "themes": "; ".join(t.label for t in record.themes),
        "theme_triggers": "; ".join(f"{t.label}: {', '.join(t.triggers)}" for t in record.themes),
        "status": record.status,
        "decision": record.decision,
        "reason": record.reason,
        "notes": record.notes,
        "assignee": record.assignee,
        "duplicate_group": record.duplicate_group,
        "language": record.language,
        "flags": "; ".join(record.flags),
        "references": "; ".join(record.references),
        "attachments": "\n".join(describe_attachment(a) for a in record.attachments),
        "message_id": record.message_id,
        "source": record.source,
        "reply_text": record.reply_text,
        "text": record.text,
    }
