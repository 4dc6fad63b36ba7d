"""Initiatives derived from a reply's text, with its other derived fields (rules/
reply_derive.py: at import, poll, reparse and `hoering analyse`). Pure: plain values in and
out; store/derived_rows.py maps the result to rows.

A reply a reviewer has worked on (rules/reply_inputs.reviewer_worked_on) keeps its split:
title, text and numbering stay and only themes, owner and level are read again, so an
upgraded splitter never moves a decision or a note onto other text. Elsewhere new
initiatives are matched to the stored ones by their words, not by number, so a row keeps
its id (and its place in the bruttoliste) when its text stays.
"""

from __future__ import annotations

from collections.abc import Mapping

from hoering.analysis.initiative_fields import find_level, find_owner
from hoering.analysis.initiatives import Section, split_initiatives
from hoering.analysis.themes import Codebook, ThemeTag, tag_themes
from hoering.derived import DerivedInitiative, InitiativeFields, ReplyInputs
from hoering.vocab import TextPlace


def sections(inputs: ReplyInputs, reply_text: str, forwarded: bool) -> list[Section]:
    """What the splitter reads: the respondent's own words, then each attachment's text."""
    found = [Section(TextPlace.BODY, reply_text)]
    for attachment in inputs.attachments:
        if attachment.detected_type == "message" and forwarded:
            continue  # a forwarded .eml's words are in reply_text already (rules.reply_derive)
        found.append(Section(attachment.name, attachment.text))
    return found


def derive_initiatives(
    inputs: ReplyInputs,
    reply_text: str,
    forwarded: bool,
    codebook: Codebook,
    tagged: Mapping[str, tuple[ThemeTag, ...]] | None = None,
) -> tuple[DerivedInitiative, ...]:
    """The reply split again unless a reviewer's split stays; fields read for each.
    `tagged`: theme tags already found in a text (the reply's), not looked for again."""
    if inputs.split_kept:
        return tuple(
            DerivedInitiative(
                kept.number,
                kept.title,
                kept.text,
                kept.rule,
                kept.origin,
                initiative_fields(kept.text, codebook, tagged),
                continues=index,
            )
            for index, kept in enumerate(inputs.initiatives)
        )
    found = split_initiatives(sections(inputs, reply_text, forwarded), inputs.subject)
    matches = match_by_words([old.text for old in inputs.initiatives], [i.text for i in found])
    derived = (
        DerivedInitiative(
            item.number,
            item.title,
            item.text,
            item.rule,
            item.source,
            initiative_fields(item.text, codebook, tagged),
            continues=matches.get(index),
        )
        for index, item in enumerate(found)
    )
    return tuple(sorted(derived, key=lambda item: item.number))


def match_by_words(old: list[str], new: list[str], least: float = 0.5) -> dict[int, int]:
    """new index -> old index, one to one, for pairs that share at least `least` of their
    words (Jaccard), the closest pairs first."""
    words_old = [set(text.casefold().split()) for text in old]
    words_new = [set(text.casefold().split()) for text in new]
    scored = sorted(
        (
            (len(a & b) / len(a | b), n, o)
            for n, a in enumerate(words_new)
            for o, b in enumerate(words_old)
            if a | b
        ),
        reverse=True,
    )
    matches: dict[int, int] = {}
    taken: set[int] = set()
    for score, n, o in scored:
        if score >= least and n not in matches and o not in taken:
            matches[n] = o
            taken.add(o)
    return matches


def initiative_fields(
    text: str, codebook: Codebook, tagged: Mapping[str, tuple[ThemeTag, ...]] | None = None
) -> InitiativeFields:
    """Themes, proposed owner and level of one initiative, from its own text; its theme
    tags from `tagged` when that text was tagged already (a reply that is one initiative:
    the same words, so the same tags)."""
    tags = tagged[text] if tagged and text in tagged else tag_themes(text, codebook)
    return InitiativeFields(
        themes=tuple(tag.theme for tag in tags),
        theme_labels=tuple(tag.label for tag in tags),
        owner=find_owner(text),
        level=find_level(text),
    )
