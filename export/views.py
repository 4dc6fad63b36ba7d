"""The read model (issue 17): a reply and its initiatives as every renderer shows them.

A ReplyView is built once from the stored rows (`reply_view`), with no privacy applied; the
one privacy transform (export/privacy.apply) returns a view with the personal data its
policy removes replaced. The CSV (both profiles), XLSX, JSONL, the notat and the
per-initiative exports render views; `hoering show`, `show --json` and the desk's reply
page take the reply's signals and general remarks from the same builder.

Every view cleans its text fields when it is made (export/xml_text.py): whatever a writer
does with a view, it never sees a character XML 1.0 forbids.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from hoering.analysis.cleaning import NO_COMMENTS, flag_labels
from hoering.analysis.remarks import general_remarks
from hoering.export.xml_text import XmlSafe
from hoering.rules.decision import standing
from hoering.store.models import Attachment, Initiative, Proposal
from hoering.vocab import ReviewStatus

# Fields of ReplyView that are the privacy transform's input, not part of any export.
INTERNAL = ("respondent_rule_id", "warnings")


@dataclass(frozen=True)
class ReplySignals:
    """What a reply says about itself beyond its text (`show`, `show --json`, reply page)."""

    flags: tuple[str, ...]  # labels of the set flags, in flag_labels' fixed order
    language: str | None  # "da", "en", "other"; None when not detected
    references: tuple[str, ...]  # reference numbers quoted in the reply (journalnumre)
    warnings: tuple[str, ...]  # what went wrong reading it (parse, extraction)


@dataclass(frozen=True)
class ThemeView(XmlSafe):
    """An active theme of a reply as every export shows it: key, label and trigger words."""

    theme: str
    label: str
    triggers: tuple[str, ...]


@dataclass(frozen=True)
class AttachmentView(XmlSafe):
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


@dataclass(frozen=True)
class InitiativeView(XmlSafe):
    """An initiative of a reply (issue 10) with its review fields."""

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
    # Where the decision comes from: "initiative", "candidate", "reply", or "" (none yet).
    decision_source: str = ""


@dataclass(frozen=True)
class ReplyView(XmlSafe):
    """Everything a renderer shows of one reply (the JSONL keys, in order, but INTERNAL)."""

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
    themes: tuple[ThemeView, ...]
    status: str
    decision: str
    reason: str
    notes: str
    assignee: str
    duplicate_group: str
    language: str
    flags: tuple[str, ...]
    references: tuple[str, ...]
    attachments: tuple[AttachmentView, ...]
    message_id: str
    source: str
    reply_text: str
    text: str
    initiatives: tuple[InitiativeView, ...] = ()
    respondent_rule_id: str = ""  # "sent-on-behalf": the sender is not the respondent
    warnings: tuple[str, ...] = ()  # what went wrong reading it (parse, extraction)

    @property
    def signals(self) -> ReplySignals:
        return ReplySignals(self.flags, self.language or None, self.references, self.warnings)

    @cached_property
    def remarks(self) -> str:
        """Its general remarks (issue 18 item 2): the sentences outside its initiatives that
        take a stance (analysis/remarks.py); "" for none or an "ingen bemærkninger" reply.

        Read from this view's own text, so a view the privacy transform returned has the
        remarks of the transformed text (a sentence with a removed detail is left out), and
        only the renderers that show them pay for them (show, the reply page, the notat,
        --per party)."""
        initiatives = [item.text for item in self.initiatives]
        return general_remarks(self.text, initiatives, no_comments=NO_COMMENTS in self.flags)


def source_of(proposal: Proposal) -> str:
    """Where the proposal was first seen: "account folder UID n" or "file path"."""
    source = f"{proposal.source_account} {proposal.source_folder}"
    if proposal.source_uid is not None:
        source += f" UID {proposal.source_uid}"
    return source


def reply_view(proposal: Proposal, duplicate_group: str = "") -> ReplyView:
    """The view of one stored reply: stored mail fields, the normalized fields ingest (or
    `hoering analyse`) stored with the reviewer's changes, the review fields, and the
    duplicate group (passed in: it is computed over all replies)."""
    p = proposal
    return ReplyView(
        id=p.id,
        received_at=p.received_at,
        sent_at=p.sent_at,
        late=bool(p.late),
        sender_name=p.sender_name,
        sender_email=p.sender_email,
        respondent_name=p.respondent_name,
        organisation=p.respondent_organisation,
        respondent_type=p.respondent_type,
        respondent_rule=p.respondent_rule,
        subject=p.subject,
        themes=tuple(ThemeView(t.theme, t.label or t.theme, t.words) for t in p.themes if t.active),
        status=p.status or ReviewStatus.NEW,
        decision=p.decision or "",
        reason=p.reason or "",
        notes="\n".join(f"{note.author}: {note.text}" for note in p.notes),
        assignee=p.assignee or "",
        duplicate_group=duplicate_group,
        language=p.language,
        flags=flag_labels(p.points_to_attachment, p.no_comments, p.forwarded),
        references=p.reference_numbers,
        attachments=tuple(_attachment(a, p.id) for a in p.attachments),
        message_id=p.message_id or "",
        source=source_of(p),
        reply_text=p.reply_text,
        text=p.combined_text,
        initiatives=tuple(_initiative(row) for row in p.initiatives),
        respondent_rule_id=p.respondent_rule_id,
        warnings=p.warnings,
    )


def _initiative(row: Initiative) -> InitiativeView:
    # The decision that stands: the initiative's own, else its candidate's, else the reply's.
    decided = standing(row, row.candidate, row.proposal)
    return InitiativeView(
        ref=row.ref,
        number=row.number,
        title=row.title,
        text=row.text,
        themes=row.theme_labels,
        theme_keys=row.themes,
        owner=row.owner,
        level=row.level,
        status=row.status or ReviewStatus.NEW,
        decision=decided.decision,
        reason=decided.reason,
        notes="\n".join(f"{note.author}: {note.text}" for note in row.notes),
        assignee=row.assignee or "",
        split=row.source,
        rule=row.rule,
        origin=row.origin,
        candidate=row.candidate_id,
        decision_source=decided.source,
    )


def _attachment(att: Attachment, proposal_id: int) -> AttachmentView:
    return AttachmentView(
        proposal_id=proposal_id,
        position=att.position,
        path=att.path,
        filename=att.filename,
        detected_type=att.detected_type,
        method=att.method,
        size=att.size,
        sha256=att.sha256,
        error=att.error or "",
        text=att.text,
    )
