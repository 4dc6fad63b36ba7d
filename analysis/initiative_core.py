"""The proposing part of a letter with one proposal (rule 8 of analysis/initiatives.py).

A letter without structure is one initiative, but not all of it proposes: the letterhead
and the title, the greeting, thanks for the call, who the sender is, support for the
process, an offer to elaborate, the closing and the signature. Those paragraphs at the
start and at the end of the letter are the reply's general remarks (analysis/remarks.py),
not the initiative: it runs from the first paragraph that asks for something to the last
one that asks for something or explains it.

Conservative, since a drafter's label holds the proposal's own explanation too: a
paragraph between two asks is always kept, and so is a paragraph at either edge that says
anything else (the problem the proposal answers, what it would bring). Only paragraphs
whose every sentence is courtesy, about the sender, or a stance on the plan or the
process, and lines that are no prose (letterhead, title, signature), are left out. A
template's section headings ("Problem", "Aktiviteter") mark the proposal as its asks do.
"""

from __future__ import annotations

import re

from hoering.analysis.initiative_headings import LETTER_SECTION, SUBSECTION
from hoering.analysis.initiative_text import CLOSING, HEADING, NO_COMMENTS, PROPOSING

_SENTENCE_END = (".", "!", "?", ":")
_PROSE_MIN = 40  # characters: a shorter line without a sentence's end is no prose
# A sentence that says nothing to the call: thanks, a cover note, a greeting.
_COURTESY = re.compile(
    r"\b(?:tak|takke[rs]?|thank\w*|hermed|vedhæft\w*|vedlag\w*|fremsend\w*|høringssvar\w*|"
    r"håbe[rs]?)\b|^(?:kære|hej|til|att\.?|goddag|dear)\b",
    re.IGNORECASE,
)
# An offer or a closing wish, whatever else the sentence says ("Kontakt os, hvis I ønsker").
_OFFER = re.compile(
    r"\b(?:står (?:\w+ )?til rådighed|uddyb(?:er|e) (?:gerne|meget gerne|forslag\w*)|"
    r"kontakt(?:e|es)? (?:mig|os|undertegnede|gerne)|kontaktperson|deltage[rs]? (?:meget )?gerne|"
    r"bidrage[rs]? (?:meget )?gerne|ser (?:\w+ )?frem til|held og lykke|"
    r"(?:har|skulle) (?:i|du) (?:\w+ )?spørgsmål|look(?:ing)? forward|happy to|hesitate)\b",
    re.IGNORECASE,
)
# Putting a thing into the plan: a proposal, even said as support ("støtter, at planen
# indeholder et initiativ om ...").
_PUTS = re.compile(
    r"\b(?:indeholde\w*|omfatte\w*|medtage\w*|tilføje\w*|initiativ(?:et)? om|include\w*)\b",
    re.IGNORECASE,
)
# Who the sender is: "X er en landsdækkende forening med 400 medlemmer", "blev stiftet".
_SENDER = re.compile(
    r"\b(?:er|is) (?:en|et|a|an|the|danmarks|landets) (?:\w+ ){0,4}\w*(?:forening|organisation|"
    r"forbund|netværk|råd|virksomhed|selskab|association|organi[sz]ation|network|union)\b|"
    r"\b(?:stiftet|grundlagt|founded)\b|\bmedlemmer\b|\b(?:repræsenterer|represents?)\b|"
    r"^vi er (?:\w+ )?\d+\b",
    re.IGNORECASE,
)
# A stance on the plan or the consultation ("Vi støtter arbejdet med handlingsplanen").
_STANCE = re.compile(
    r"\b(?:støtte[rs]?|bakke[rs]? (?:\w+ ){0,3}op|opbakning|positiv\w*|glæde[rs]?|velkommen|"
    r"ros(?:er)?|kvittere[rs]?|welcome[sd]?|support\w*)\b",
    re.IGNORECASE,
)
_CALL = re.compile(
    r"\b(?:(?:handlings|ogp-)?plan(?:en|ens)?|høring\w*|processen|arbejdet|initiativ(?:et)?|"
    r"open government|åben(?:hed)? forvaltning|ogp|consultation)\b",
    re.IGNORECASE,
)


def proposal_part(text: str) -> str:
    """`text` less the general paragraphs before its first and after its last ask; the
    whole text when no paragraph asks or it would lose everything."""
    lines = text.split("\n")
    bounds = _paragraphs(lines)
    texts = [" ".join(line.strip() for line in lines[a:b]) for a, b in bounds]
    asking = [n for n, paragraph in enumerate(texts) if _asks(paragraph) or _template(paragraph)]
    if not asking:
        return text
    first, last = asking[0], asking[-1]
    while (step := _explained(texts, first, -1)) and first - step >= 0:
        first -= step
    while (step := _explained(texts, last, 1)) and last + step < len(texts):
        last += step
    if first > 0 and _proposal_heading(texts[first - 1]):
        first -= 1  # the heading right over the proposal ("# Løsning", "# Åbne kalendere")
    return "\n".join(lines[bounds[first][0] : bounds[last][1]]).strip("\n")


def _explained(texts: list[str], index: int, way: int) -> int:
    """How many paragraphs the proposal goes on by from `index` in direction `way`: 1 to
    a paragraph that is not general, 2 over a heading to one ("Åbenhed skaber tillid" over
    the argument for the proposal), 0 where it ends."""
    near = index + way
    if not 0 <= near < len(texts):
        return 0
    if not _general(texts[near]):
        return 1
    far = near + way
    heading = _no_prose(texts[near]) and not CLOSING.match(texts[near])
    if heading and 0 <= far < len(texts) and not _general(texts[far]):
        return 2
    return 0


def _template(text: str) -> bool:
    """A template section's heading ("# Problem", "Aktiviteter:"): the proposal is written
    in the call's sections, perhaps in the passive ("... offentliggøres")."""
    label = HEADING.sub(r"\2", text).strip().rstrip(":")
    return _no_prose(text) and bool(SUBSECTION.match(label)) and not LETTER_SECTION.match(label)


def _proposal_heading(text: str) -> bool:
    """A marked heading that is no section of the letter ("# Indledning", its title)."""
    heading = HEADING.match(text)
    return bool(heading) and not LETTER_SECTION.match(heading.group(2))


def _paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the paragraphs: a blank line parts them, and so does a
    line that opens a sentence after one that ends one (Word text, a line per paragraph)."""
    bounds: list[tuple[int, int]] = []
    start = None
    for index, line in enumerate(lines):
        text = line.strip()
        before = lines[index - 1].strip() if index else ""
        opens = not before or before.endswith(_SENTENCE_END) or _no_prose(before)
        if start is not None and (not text or (opens and _opens_sentence(text))):
            bounds.append((start, index))
            start = None
        if text and start is None:
            start = index
    if start is not None:
        bounds.append((start, len(lines)))
    return bounds


def _opens_sentence(text: str) -> bool:
    return text[:1].isupper() or text[:1].isdigit() or text.startswith(("#", "-", "•"))


def _no_prose(text: str) -> bool:
    """A letterhead, title, date or signature line: short, and no sentence ends in it."""
    return bool(HEADING.match(text)) or (
        len(text) < _PROSE_MIN and not text.endswith(_SENTENCE_END)
    )


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", paragraph.strip()) if s]


def _asks(paragraph: str) -> bool:
    """A sentence of the paragraph asks for a thing to be done (not a question, not a
    wish for the plan's form or the process)."""
    return any(
        PROPOSING.search(s) and not s.endswith("?") and not _general_sentence(s)
        for s in _sentences(paragraph)
    )


def _general(paragraph: str) -> bool:
    """No prose, or every sentence is courtesy, about the sender, or a stance on the call."""
    if _no_prose(paragraph) or CLOSING.match(paragraph):
        return True
    return all(_general_sentence(s) for s in _sentences(paragraph))


def _general_sentence(sentence: str) -> bool:
    if _OFFER.search(sentence):
        return True
    stance = bool(_STANCE.search(sentence) and _CALL.search(sentence))
    if PROPOSING.search(sentence):
        return stance and not _PUTS.search(sentence)
    return bool(
        stance
        or _COURTESY.search(sentence)
        or _SENDER.search(sentence)
        or NO_COMMENTS.search(sentence)
    )
