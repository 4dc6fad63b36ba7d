"""A reply's derived fields from its stored text, without a database: respondent, cleaned
reply, flags, language, reference numbers, themes and initiatives.

Plain values in (derived.ReplyInputs), a frozen value out (derived.DerivedReply), so it can
run in a worker process; rules/derive.py reads the inputs from the rows and has the store
map the result (store/derived_rows.py), keeping what a reviewer set.
"""

from __future__ import annotations

from collections.abc import Sequence

from hoering.analysis.cleaning import clean_reply, forwarded_mail_content
from hoering.analysis.no_comments import NOT_A_DOCUMENT, has_no_comments
from hoering.analysis.registry import Registry
from hoering.analysis.remarks import general_remarks
from hoering.analysis.respondent import identify_respondent
from hoering.analysis.respondent_forward import forwarded_author, forwarded_words
from hoering.analysis.themes import DEFAULT_CODEBOOK, Codebook, ThemeTag, tag_themes
from hoering.derived import (
    DerivedInitiative,
    DerivedReply,
    DerivedRespondent,
    DerivedTheme,
    ReplyInputs,
)
from hoering.parse.combined import text_with_attachments
from hoering.rules.initiative_derive import derive_initiatives


def joined_text(reply_text: str | None, attachment_texts: Sequence[str | None]) -> str:
    """What themes and duplicates look at: the respondent's words plus attachment texts."""
    parts = [reply_text, *attachment_texts]
    return "\n\n".join(part for part in parts if part and part.strip())


def derive_reply(
    inputs: ReplyInputs, codebook: Codebook | None = None, registry: Registry | None = None
) -> DerivedReply:
    """Every derived field of one reply; `registry` (default: the shipped one) names the
    bodies a reply may come from, `codebook` (default: the shipped one) its themes."""
    codebook = codebook or DEFAULT_CODEBOOK
    cleaned = clean_reply(inputs.body_text)
    # A mail attached as .eml is forwarded too: its words are the reply's content.
    forwarded_mails = [
        forwarded_mail_content(att.text)
        for att in inputs.attachments
        if att.detected_type == "message" and att.text
    ]
    reply_text = "\n\n".join(p for p in (cleaned.content, *forwarded_mails) if p)
    forwarded = cleaned.forwarded or bool(forwarded_mails)
    joined = joined_text(reply_text, [att.text for att in inputs.attachments])
    # Tagged once: a reply that is one initiative has that initiative's text, whose tags
    # are then the same (rules.initiative_derive.initiative_fields).
    tags = tag_themes(joined, codebook)
    initiatives = derive_initiatives(inputs, reply_text, forwarded, codebook, {joined: tags})
    return DerivedReply(
        respondent=respondent(
            inputs,
            cleaned.signature,
            cleaned.reply,
            registry,
            forwarded=cleaned.quoted if cleaned.forwarded else "",
        ),
        reply_text=reply_text,
        forwarded=forwarded,
        signature=cleaned.signature,
        points_to_attachment=cleaned.attachment_only,
        no_comments=says_no_comments(inputs, reply_text, initiatives, cleaned.no_comments),
        language=cleaned.language,
        references=tuple((ref.label, ref.value) for ref in cleaned.references),
        themes=derived_themes(tags),
        initiatives=initiatives,
        split_kept=inputs.split_kept,
    )


def says_no_comments(
    inputs: ReplyInputs,
    reply_text: str,
    initiatives: Sequence[DerivedInitiative],
    flagged: bool,
) -> bool:
    """Whether the reply has nothing to add (analysis/no_comments.py), read from its
    initiatives, its short mail's flag, its own words, letters and general remarks."""
    proposals = [item.text for item in initiatives]
    if flagged or proposals:  # the remarks are only read for a reply that proposes nothing
        return has_no_comments(flagged, proposals, "", ())
    remarks = general_remarks(stored_text(inputs))
    letters = [a.text for a in inputs.attachments if a.detected_type not in NOT_A_DOCUMENT]
    return has_no_comments(False, (), remarks, [reply_text, *letters])


def stored_text(inputs: ReplyInputs) -> str:
    """The body, then each attachment's text under its heading line, as parse/combined.py
    stores a reply's text (the general remarks read its parts by those lines)."""
    parts = ((a.detected_type, a.name, a.text, "") for a in inputs.attachments)
    return text_with_attachments(inputs.body_text, parts)


def respondent(
    inputs: ReplyInputs,
    signature: str,
    own_words: str,
    registry: Registry | None,
    forwarded: str = "",
) -> DerivedRespondent:
    """Who replied, read from the sender, signature, own words and attached letters (a
    forwarded mail is the reply's content, not a letter). When the reply forwards a mail
    written from another domain, its author speaks, not the library or office forwarding."""
    letters = [
        att.text for att in inputs.attachments if att.text and att.detected_type != "message"
    ]
    name, email = inputs.sender_name, inputs.sender_email
    author = forwarded_author(forwarded)
    if author and author[1].rpartition("@")[2] != email.lower().rpartition("@")[2]:
        (name, email), (own_words, signature) = author, forwarded_words(forwarded)
    who = identify_respondent(
        name,
        email,
        signature,
        text=own_words,
        attachments=letters,
        registry=registry,
        subject=inputs.subject,
    )
    return DerivedRespondent(who.name, who.email, who.organisation, who.type, who.rule, who.rule_id)


def derived_themes(tags: tuple[ThemeTag, ...]) -> tuple[DerivedTheme, ...]:
    """The codebook's themes found in a text (analysis.themes.tag_themes), in codebook
    order, as derived values."""
    return tuple(
        DerivedTheme(
            tag.theme,
            tag.label,
            tag.codebook_version,
            tuple(tag.words),
            tuple(tag.keywords),
            tag.hits,
        )
        for tag in tags
    )
