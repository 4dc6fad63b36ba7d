"""The høringsnotat's title block, section 1 Indledning and the Bilag list. Pure.

Indledning: the hearing period from–to and its length in days, where it was published,
how many replies and how many late, the høringsliste with who replied and who did not, the
parties that replied (authorities, organisations and companies by name, alphabetically;
citizens counted, named only when configured), those without remarks, and how the notat is
built.
"""

from __future__ import annotations

from collections.abc import Sequence

from hoering.analysis.campaigns import CampaignEntry
from hoering.export.notat import danish_date, has_no_comments, party_name
from hoering.export.notat_model import BilagRow, NotatSettings, Section, voice
from hoering.export.notat_words import TO_FILL, citizens, genitive, joined, supporters
from hoering.export.views import ReplyView
from hoering.vocab import RespondentType

KINDS = (
    (RespondentType.MYNDIGHED, "Myndigheder"),
    (RespondentType.ORGANISATION, "Organisationer"),
    (RespondentType.VIRKSOMHED, "Virksomheder"),
)


def front(settings: NotatSettings) -> tuple[str, ...]:
    """Ministry, office, j.nr. and date, one a line; the ones not configured left out."""
    lines = [settings.ministry, settings.office]
    lines.append(f"J.nr. {settings.journal_number}" if settings.journal_number else "")
    lines.append(f"Dato: {danish_date(settings.today)}")
    return tuple(line for line in lines if line)


def introduction(
    replies: list[ReplyView], campaigns: Sequence[CampaignEntry], settings: NotatSettings
) -> Section:
    paragraphs = [_period(settings), _received(replies, campaigns)]
    paragraphs += _hearing_list(replies, settings)
    paragraphs += [_parties(replies, settings)]
    # A party that says something in another reply (one office of a styrelse proposes,
    # another has no comments) is not a party without remarks.
    quiet = {r.id: has_no_comments(r) for r in replies}
    speaking = {party_name(r) for r in replies if not quiet[r.id]}
    silent = [r for r in replies if quiet[r.id] and party_name(r) not in speaking]
    if silent:
        who = supporters([voice(r) for r in silent], settings.name_citizens)
        paragraphs.append(f"Følgende høringsparter har ingen bemærkninger: {who}.")
    paragraphs.append(_how_built(settings))
    return Section("1. Indledning", paragraphs=tuple(paragraphs))


def _period(settings: NotatSettings) -> str:
    title, start, deadline = settings.title, settings.start, settings.deadline
    if start and deadline:
        days = (deadline - start).days
        text = (
            f"{title} var i høring fra den {danish_date(start)} til den "
            f"{danish_date(deadline)}, i alt {days} dage."
        )
    elif deadline:
        text = f"Fristen for bemærkninger til {title} var den {danish_date(deadline)}."
    else:
        text = f"{title} har været i høring. {TO_FILL}"
    if settings.published_at:
        text += f" Høringen blev offentliggjort på {settings.published_at}."
    return text


def _received(replies: list[ReplyView], campaigns: Sequence[CampaignEntry]) -> str:
    late = sum(r.late for r in replies)
    text = f"Der er modtaget {len(replies)} høringssvar"
    text += f", heraf {late} efter fristen. Svarene efter fristen er medtaget." if late else "."
    present = {r.id for r in replies}
    counted = [len(set(c.reply_ids) & present) for c in campaigns]
    if counted:
        text += (
            f" {sum(counted)} af svarene er enslydende høringssvar fordelt på "
            f"{len(counted)} {'kampagne' if len(counted) == 1 else 'kampagner'}."
        )
    return text


def _hearing_list(replies: list[ReplyView], settings: NotatSettings) -> list[str]:
    listed = settings.hearing_list
    if not listed:
        return []
    answered = [
        p for p in listed if any(p.matches(r.organisation, r.sender_email) for r in replies)
    ]
    silent = [p.name for p in listed if p not in answered]
    text = (
        f"Udkastet blev sendt i høring hos {len(listed)} høringsparter på høringslisten, "
        f"og {len(answered)} af dem har afgivet høringssvar."
    )
    if silent:
        text += " Følgende høringsparter på høringslisten har ikke afgivet høringssvar: "
        text += f"{joined(silent)}."
    return [text]


def _parties(replies: list[ReplyView], settings: NotatSettings) -> str:
    parts = []
    for kind, label in KINDS:
        names = sorted(
            {party_name(r) for r in replies if r.respondent_type == kind}, key=str.casefold
        )
        if names:
            parts.append(f"{label}: {joined(names)}.")
    people = [r for r in replies if r.respondent_type == RespondentType.BORGER]
    if people and settings.name_citizens:
        names = sorted({party_name(r) for r in people}, key=str.casefold)
        parts.append(f"Borgere: {joined(names)}.")
    elif people and parts:
        parts.append(f"Desuden har {citizens(len(people))} afgivet høringssvar.")
    elif people:
        return f"{citizens(len(people)).capitalize()} har afgivet høringssvar."
    return "Følgende har afgivet høringssvar. " + " ".join(parts)


def _how_built(settings: NotatSettings) -> str:
    ministry = genitive(settings.ministry or "Ministeriet")
    return (
        "Notatet gengiver høringssvarene i kort form. Afsnit 2 samler de generelle "
        "bemærkninger; afsnit 3 gengiver forslagene tema for tema, hvert forslag én gang "
        "under sit hovedtema, med de høringsparter, der står bag det, og "
        f"{ministry} bemærkninger. Enslydende høringssvar er gengivet samlet. Afsnit 4 "
        "samler de ændringer, høringen har ført til. Høringssvarene kan ses i deres helhed "
        "i bilagene."
    )


def bilag_rows(
    replies: list[ReplyView], campaigns: Sequence[CampaignEntry], settings: NotatSettings
) -> tuple[BilagRow, ...]:
    """One row a reply, numbered in the notat's order; a campaign one row with its range."""
    in_campaign = {i: c for c in campaigns for i in c.reply_ids}
    singles = [r for r in replies if r.id not in in_campaign]
    rows = []
    for number, record in enumerate(singles, start=1):
        name = party_name(record)
        if record.respondent_type == RespondentType.BORGER and not settings.name_citizens:
            name = "Borger"
        rows.append(BilagRow(str(number), name, _day(record, settings)))
    number = len(singles)
    for campaign in campaigns:
        count = sum(1 for r in replies if in_campaign.get(r.id) is campaign)
        first, number = number + 1, number + count
        rows.append(BilagRow(f"{first}–{number}", f"{count} enslydende høringssvar", ""))
    return tuple(rows)


def _day(record: ReplyView, settings: NotatSettings) -> str:
    if not record.received_at:
        return ""
    day = record.received_at.astimezone(settings.tz).strftime("%d.%m.%Y")
    return f"{day} (efter fristen)" if record.late else day
