"""The reply without structure (rule 8 of analysis/initiatives.py): one letter, one
initiative, unless it proposes nothing.

Whether a letter proposes is read from what it says, not from its length: a sentence that
says there are no comments or no proposals, questions to the agency, and support or
criticism without an ask are no proposal: such a letter gets no initiative (its words stay
in the reply's text). A forwarded letter's own words are the
ones below the last forward header; a cover note above it is the forwarder's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from hoering.analysis.initiative_headings import NO_PROPOSAL, heading_spans
from hoering.analysis.initiative_text import (
    NO_COMMENTS,
    PROPOSING,
    Span,
    asks_only,
    clean_title,
    item_title,
    sentences,
)


class _Text(NamedTuple):
    source: str
    text: str


_COVER = re.compile(r"vedhæft|vedlagt|vedlægge|fremsend|bilag|attached", re.IGNORECASE)
_SUBJECT_NOISE = re.compile(
    r"^(?:(?:sv|re|vs|fw|fwd|aw)\s*:\s*)*|\b(?:høringssvar|høring|svar|vedr\.?|vedrørende|"
    r"ogp[- ]?(?:handlingsplan(?:en)?)?|handlingsplan(?:en)?|open government|partnership|"
    r"til|fra|om|over|på|i|og|forslag|initiativforslag|initiativer|bemærkninger|kommentarer|"
    r"input|2017[-–]2019|\d{4})\b",
    re.IGNORECASE,
)
_FORWARD = re.compile(
    r"^(?:-{2,}\s*(?:oprindelig meddelelse|original message|forwarded message|videresendt)|"
    r"begin forwarded message|videresendt (?:af|besked|meddelelse))",
    re.IGNORECASE,
)
_FIELD = re.compile(r"^\s*\*?(?:fra|from|sendt|sent|dato|date|til|to|cc|emne|subject)\s*:", re.I)
# The plan or the consultation itself, as a letter names it.
_PLAN = re.compile(
    r"\b(?:(?:handlings|ogp-|national)?plan(?:en|erne|ens)?|høring(?:en|sperioden?|sfristen?|"
    r"sprocessen?|smaterialet)|processen|initiativerne|action plan|the plan|consultation)\b",
    re.IGNORECASE,
)
# How a plan or a process should be, rather than a thing to do.
_PLAN_QUALITY = re.compile(
    r"\b(?:konkret\w*|ambitiøs\w*|ambitionsniveau\w*|færre|forpligtende|målbar\w*|"
    r"målsætning\w*|datoer|tidsfrister|ansvarlige|opfølgning|evaluer\w*|fokus\w*|"
    r"prioriter\w*|realistisk\w*|sommerferien?|frist\w*|vurder\w*|konsekvens\w*|"
    r"alle initiativer|de enkelte initiativer|ambitious|measurable|fewer)\b",
    re.IGNORECASE,
)
# Putting a thing into the plan makes the ask a proposal after all.
_PUT_INTO_PLAN = re.compile(
    r"\b(?:indeholde\w*|omfatte\w*|medtage\w*|tilføje\w*|optage\w*|indarbejde\w*|"
    r"(?:et|nyt|konkret) (?:initiativ|forslag|tiltag)|initiativ(?:et)? om|include\w*)\b",
    re.IGNORECASE,
)
# Section headings that only a proposal written in a template has.
_TEMPLATE = re.compile(
    r"^(?:forslag(?:et)?|(?:kort )?beskrivelse af (?:forslaget|initiativet)|løsning(?:en)?|"
    r"problem(?:et)?|udfordring(?:en)?|aktiviteter|konkrete aktiviteter|målsætning(?:er)?|"
    r"forvente(?:t|de) (?:effekt|resultat)(?:er)?|milepæle|måling af fremskridt|"
    r"ansvarlig(?:e)? (?:myndighed|aktør)(?:er)?)$",
    re.IGNORECASE,
)
# Words that propose outright, not merely stress or regret ("vigtigt at", "savner").
_OUTRIGHT = re.compile(
    r"\b(?:foreslå\w*|bør|burde|opfordr\w*|anbefal\w*|propose\w*|suggest\w*|recommend\w*|"
    r"should|urge\w*)\b",
    re.IGNORECASE,
)
SUBSTANCE = 700  # a letter without a proposing word but longer than this may propose yet


def single_span(sections: Sequence[tuple[str, str]], subject: str) -> tuple[str, Span] | None:
    """The whole reply as one initiative, from (source, text) sections: the body, then each
    attachment; None when it proposes nothing."""
    texts = [_Text(*s) for s in sections if s[1].strip()]
    with_attachments = any(text.strip() for _, text in sections[1:])
    # "Se vedhæftede" above a document: the document is the proposal, not the cover note.
    kept = [
        s
        for n, s in enumerate(texts)
        if not (n == 0 and with_attachments and len(s.text) < 300 and _COVER.search(s.text))
    ]
    joined = "\n\n".join(_own_words(s.text) for s in kept)
    if not joined or proposes_nothing(joined):
        return None
    title = _single_title(joined, subject)
    return kept[0].source, Span(title, tuple(joined.split("\n")), "single")


def proposes_nothing(text: str) -> bool:
    """True for a letter without structure that proposes nothing: it says it has no
    comments or proposals, asks questions, or only supports or criticises, by what it says
    (no sentence proposes), whatever its length; a long letter without a proposing word
    is kept as a proposal, since it may put its ask in other words."""
    if _template_sections(text) >= 2:
        return False  # a proposal written in the call's sections, perhaps in the passive
    # A sentence asks when it has a proposing word and is not a "no comments" or a question;
    # the cheap test first, since most sentences of a letter propose nothing.
    asks = [
        s
        for s in sentences(" ".join(text.split()))
        if PROPOSING.search(s)
        and not (NO_COMMENTS.search(s) or NO_PROPOSAL.search(s) or asks_only(s))
    ]
    if NO_PROPOSAL.search(text):
        # The letter says it has no proposal: a remark's "vigtigt at" or "savner" does not
        # overrule it, only a sentence that proposes outright.
        asks = [s for s in asks if _OUTRIGHT.search(s)]
    if any(not on_the_plan(s) for s in asks):
        return False
    if asks:
        return True  # every ask is about the plan or the process itself: remarks
    said_so = NO_COMMENTS.search(text) or NO_PROPOSAL.search(text)
    return bool(said_so) or len(text) < SUBSTANCE


def on_the_plan(sentence: str) -> bool:
    """An ask about the action plan or the consultation itself, not a thing to do: it names
    the plan or the process, says how it should be (concrete, fewer goals, dates, the
    hearing period) and puts nothing into it ("... at planen indeholder et initiativ om")."""
    return bool(
        _PLAN.search(sentence)
        and _PLAN_QUALITY.search(sentence)
        and not _PUT_INTO_PLAN.search(sentence)
    )


def _template_sections(text: str) -> int:
    """How many lines are the headings of a proposal's template sections ("Problem",
    "Løsning", "Aktiviteter", "Forventet effekt"), each on its own line."""
    return sum(
        bool(_TEMPLATE.match(line.strip().lstrip("#* ").rstrip(":* "))) for line in text.split("\n")
    )


def _single_title(text: str, subject: str) -> str:
    heading = heading_spans(text.split("\n"), minimum=1)
    if heading:
        return heading[0].title
    topic = " ".join(_SUBJECT_NOISE.sub(" ", subject).split()).strip(" -–:")
    if len(topic) >= 8:
        return clean_title(subject.split(":")[-1] if ":" in subject else subject)
    lines = [line for line in text.split("\n") if line.strip() and not _greeting(line)]
    return item_title(" ".join(lines)[:400]) if lines else ""


def _own_words(text: str) -> str:
    """The letter itself: below the last forward header (a library's or a colleague's
    cover note and the header block are not the proposal), without the greeting and
    without paragraphs that only ask the agency questions."""
    lines = text.strip().split("\n")
    last = max((i for i, line in enumerate(lines) if _FORWARD.match(line.strip())), default=-1)
    if last >= 0:
        start = last + 1
        while start < len(lines) and (not lines[start].strip() or _FIELD.match(lines[start])):
            start += 1
        lines = lines[start:]
    paragraphs = re.split(r"\n\s*\n", _without_greeting("\n".join(lines)))
    kept = [p for p in paragraphs if not _questions_only(p)]
    return "\n\n".join(kept or paragraphs).strip()


def _questions_only(paragraph: str) -> bool:
    # "1. Hvordan vil styrelsen ...?": an item's number is no sentence of its own, also
    # when the items are lines of one paragraph (an HTML list, as its reader sees it).
    return asks_only(re.sub(r"(?m)^\s*(?:\(?\d{1,2}[.)]|[-•])\s+", "", paragraph.strip()))


def _without_greeting(text: str) -> str:
    """The text without a first line that only greets ("Hej", "Kære Digitaliseringsstyrelse")."""
    lines = text.strip().split("\n")
    if lines and _greeting(lines[0]) and len(lines[0]) < 60:
        lines = lines[1:]
    return "\n".join(lines)


def _greeting(line: str) -> bool:
    return bool(re.match(r"^\s*(?:kære|hej|til|att\.?|goddag)\b", line, re.IGNORECASE))
