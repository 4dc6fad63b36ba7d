"""One export row per proposal, the same for every format, with the privacy rules applied.

COLUMNS is the stable column list of the CSV and XLSX exports (README "Export columns"):
new columns are only ever added at the end, and tests pin the header.

Every record cleans its text fields when it is made (export/xml_text.py): whatever a
writer does with a record, it never sees a character XML 1.0 forbids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from hoering.export.derived import ThemeRecord, derive
from hoering.export.privacy import Privacy, pseudonymize_text
from hoering.export.xml_text import clean_fields
from hoering.rules.decision import standing
from hoering.store.models import Attachment, Initiative, Proposal
from hoering.vocab import ReviewStatus

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


@dataclass(frozen=True)
class AttachmentRecord:
    """An attachment as exported (sheet "Bilag", JSONL "attachments")."""

    proposal_id: int
    position: int
    path: str
    filename: str
    detected_type: str
    method: str
    size: int
    sha256: str
    error: str
    text: str

    def __post_init__(self) -> None:
        clean_fields(self)


@dataclass(frozen=True)
class InitiativeRecord:
    """An initiative of a reply as exported (issue 10), privacy rules applied."""

    ref: str  # "12.2"
    number: int
    title: str
    text: str
    themes: tuple[str, ...]  # labels
    theme_keys: tuple[str, ...]
    owner: str
    level: str
    status: str
    decision: str
    reason: str
    notes: str
    assignee: str
    split: str  # "auto" or "reviewer" (a reviewer fixed the reply's split)
    rule: str  # how it was found: form | numbered-heading | heading | list | single | reviewer
    origin: str  # "brødtekst" or the attachment's file name
    candidate: int | None = None  # the bruttoliste candidate it is placed in; None: not yet

    def __post_init__(self) -> None:
        clean_fields(self)


@dataclass(frozen=True)
class ExportRecord:
    """Everything an export shows of one proposal, already redacted/pseudonymized."""

    id: int
    received_at: datetime | None
    sent_at: datetime | None
    late: bool
    sender_name: str
    sender_email: str
    respondent_name: str
    organisation: str
    respondent_type: str
    respondent_rule: str
    subject: str
    themes: tuple[ThemeRecord, ...]
    status: str
    decision: str
    reason: str
    notes: str
    assignee: str
    duplicate_group: str
    language: str
    flags: tuple[str, ...]
    references: tuple[str, ...]
    attachments: tuple[AttachmentRecord, ...]
    message_id: str
    source: str
    reply_text: str
    text: str
    initiatives: tuple[InitiativeRecord, ...] = ()

    def __post_init__(self) -> None:
        clean_fields(self)


def source_of(proposal: Proposal) -> str:
    """Where the proposal was first seen: "account folder UID n" or "file path"."""
    source = f"{proposal.source_account} {proposal.source_folder}"
    if proposal.source_uid is not None:
        source += f" UID {proposal.source_uid}"
    return source


def build_record(proposal: Proposal, privacy: Privacy, duplicate_group: str = "") -> ExportRecord:
    """The export view of one proposal under the given privacy settings."""
    d = derive(proposal, duplicate_group)
    pseudonym = privacy.pseudonym(proposal.sender_email, d.respondent_type)
    text = text_privacy(
        proposal, privacy, d.respondent_type, d.respondent_name, d.respondent_rule_id
    )

    email = "" if privacy.hides_email(d.respondent_type) else proposal.sender_email
    return ExportRecord(
        id=proposal.id,
        received_at=proposal.received_at,
        sent_at=proposal.sent_at,
        late=bool(proposal.late),
        sender_name=pseudonym or privacy.text(proposal.sender_name),
        sender_email=email,
        respondent_name=pseudonym or privacy.text(d.respondent_name),
        organisation=text(d.organisation),
        respondent_type=d.respondent_type,
        respondent_rule=text(d.respondent_rule),
        subject=text(proposal.subject),
        themes=d.themes,
        status=d.status,
        decision=d.decision,
        reason=text(d.reason),
        notes=text(d.notes),
        assignee=d.assignee,
        duplicate_group=d.duplicate_group,
        language=d.language,
        flags=d.flags,
        references=tuple(text(r) for r in d.references),
        attachments=tuple(_attachment(a, proposal.id, text) for a in proposal.attachments),
        message_id=proposal.message_id or "",
        source=text(source_of(proposal)),
        reply_text=text(d.reply_text),
        text=text(proposal.combined_text),
        initiatives=tuple(_initiative(row, text) for row in proposal.initiatives),
    )


def text_privacy(
    proposal: Proposal,
    privacy: Privacy,
    respondent_type: str,
    respondent_name: str,
    respondent_rule_id: str = "",
) -> Callable[[str], str]:
    """The privacy rules for any text of this reply (its initiatives' too): one function, so
    an initiative row can never leak what its reply's row hides."""
    pseudonym = privacy.pseudonym(proposal.sender_email, respondent_type)
    # A library sending on a citizen's letter: the library's name is no person's name.
    on_behalf = respondent_rule_id == "sent-on-behalf"
    names = (respondent_name,) if on_behalf else (proposal.sender_name, respondent_name)

    def text(value: str) -> str:
        if pseudonym:
            # The address names the person too ("Fra: Ida <ida@...>" in a forwarded mail).
            value = pseudonymize_text(value, names, pseudonym, proposal.sender_email)
        return privacy.text(value)

    return text


def _initiative(row: Initiative, text: Callable[[str], str]) -> InitiativeRecord:
    # The decision that stands: the initiative's own, else its candidate's, else the reply's.
    decided = standing(row, row.candidate, row.proposal)
    return InitiativeRecord(
        ref=row.ref,
        number=row.number,
        title=text(row.title),
        text=text(row.text),
        themes=row.theme_labels,
        theme_keys=row.themes,
        owner=text(row.owner),
        level=row.level,
        status=row.status or ReviewStatus.NEW,
        decision=decided.decision,
        reason=text(decided.reason),
        notes=text("\n".join(f"{note.author}: {note.text}" for note in row.notes)),
        assignee=row.assignee or "",
        split=row.source,
        rule=row.rule,
        origin=text(row.origin),
        candidate=row.candidate_id,
    )


def _attachment(att: Attachment, proposal_id: int, text) -> AttachmentRecord:
    return AttachmentRecord(
        proposal_id=proposal_id,
        position=att.position,
        path=text(att.path),
        filename=text(att.filename),
        detected_type=att.detected_type,
        method=att.method,
        size=att.size,
        sha256=att.sha256,
        error=text(att.error or ""),
        text=text(att.text),
    )


def describe_attachment(att: AttachmentRecord) -> str:
    label = f"{att.detected_type}: {att.error}" if att.error else att.detected_type
    return f"{att.path} ({label})"


def flat_row(record: ExportRecord, tz) -> dict[str, str]:
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
