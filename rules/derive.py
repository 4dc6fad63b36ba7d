"""Derived fields of a proposal: respondent, cleaned reply, flags, references, themes and
the initiatives it proposes.

Computed from the stored fields (sender, body text, attachment texts) by the pure analysis/
package, at ingest and on every reparse or `hoering analyse`. Only automatic values are
replaced: a respondent name, organisation or type set by a reviewer, reviewer theme tags and
a split a reviewer edited stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from hoering.analysis.cleaning import clean_reply, forwarded_mail_content
from hoering.analysis.registry import Registry
from hoering.analysis.respondent import identify_respondent
from hoering.analysis.themes import DEFAULT_CODEBOOK, Codebook, tag_themes
from hoering.rules.initiative_derive import refresh_initiatives
from hoering.rules.respondent_review import keep_reviewed_respondent
from hoering.store import models
from hoering.vocab import AUTO, REVIEWER


def analysed_text(proposal: models.Proposal) -> str:
    """What themes and duplicates look at: the respondent's words plus attachment texts."""
    return joined_text(proposal.reply_text, [att.text for att in proposal.attachments])


def joined_text(reply_text: str | None, attachment_texts: Sequence[str | None]) -> str:
    """analysed_text from its parts (duplicate grouping reads just these columns)."""
    parts = [reply_text, *attachment_texts]
    return "\n\n".join(part for part in parts if part and part.strip())


def letters(proposal: models.Proposal) -> list[str]:
    """The attached documents' texts a respondent's letterhead or signature may stand in
    (a forwarded mail is the reply's content, read as such)."""
    return [att.text for att in proposal.attachments if att.text and att.detected_type != "message"]


def normalize_proposal(
    proposal: models.Proposal, codebook: Codebook | None = None, registry: Registry | None = None
) -> None:
    """Refresh every automatic derived field of `proposal` from its stored text; `registry`
    (default: the shipped one) names the bodies a reply may come from."""
    cleaned = clean_reply(proposal.body_text or "")
    forwarded_mails = [
        forwarded_mail_content(att.text)
        for att in proposal.attachments
        if att.detected_type == "message" and att.text
    ]
    who = identify_respondent(
        proposal.sender_name,
        proposal.sender_email,
        cleaned.signature,
        text=cleaned.reply,
        attachments=letters(proposal),
        registry=registry,
    )
    proposal.respondent_name = who.name
    proposal.respondent_email = who.email
    if proposal.respondent_type_source != REVIEWER:
        proposal.respondent_organisation = who.organisation
        proposal.respondent_type = who.type
        proposal.respondent_rule = who.rule
        proposal.respondent_rule_id = who.rule_id
        proposal.respondent_type_source = AUTO
    keep_reviewed_respondent(proposal)
    # A mail attached as .eml is forwarded too: its words are the reply's content.
    proposal.reply_text = "\n\n".join(p for p in (cleaned.content, *forwarded_mails) if p)
    proposal.forwarded = cleaned.forwarded or bool(forwarded_mails)
    proposal.signature_text = cleaned.signature
    proposal.points_to_attachment = cleaned.attachment_only
    proposal.no_comments = cleaned.no_comments
    proposal.language = cleaned.language
    proposal.reference_numbers = tuple(f"{r.label}: {r.value}" for r in cleaned.references)
    retag(proposal, codebook or DEFAULT_CODEBOOK)
    refresh_initiatives(proposal, codebook or DEFAULT_CODEBOOK)


def retag(proposal: models.Proposal, codebook: Codebook) -> None:
    """Replace the automatic theme tags; themes a reviewer added or removed are kept."""
    reviewed = {row.theme for row in proposal.themes if row.source == REVIEWER}
    kept = [row for row in proposal.themes if row.source == REVIEWER]
    auto = {row.theme: row for row in proposal.themes if row.source == AUTO}
    for tag in tag_themes(analysed_text(proposal), codebook):
        if tag.theme in reviewed:
            continue
        row = auto.get(tag.theme) or models.ProposalTheme(theme=tag.theme, source=AUTO)
        row.label = tag.label
        row.codebook_version = tag.codebook_version
        row.words = tuple(tag.words)
        row.keywords = tuple(tag.keywords)
        row.hits = tag.hits
        row.active = True
        kept.append(row)
    # Rows keep their id when the theme stays, so (proposal_id, theme) never collides.
    proposal.themes = kept
