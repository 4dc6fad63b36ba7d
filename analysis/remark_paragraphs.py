"""A reply's own words as paragraphs, for its general remarks (analysis/remarks.py).

The stored text is the mail body followed by each attachment under a "--- Vedhæftet fil:
... ---" line (parse/combined.py). Each of those parts is read as a letter: the quoted
earlier mail (the call answered), the signature with everything below the closing ("Med
venlig hilsen", name, title, address, footer) and the disclaimer are set aside
(analysis/cleaning.py); an attachment the body sends for information ("til orientering",
"som baggrund") is no part of what the respondent says to the call.

Paragraphs are what the writer wrote as paragraphs, whatever the carrier: a blank line
ends one in a mail or a PDF, a line ends one in Word text (one line per paragraph), and a
line wrapped inside a paragraph (PDF, hard-wrapped mail) is joined to it again. Headings,
mail header lines and the text under an "Om os" / "Kontakt" heading are no paragraphs of
the reply's substance. Pure: text in, paragraphs out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from hoering.analysis.cleaning import own_words
from hoering.analysis.initiative_text import FOR_INFORMATION

_PART = re.compile(r"^--- (?:Vedhæftet fil|Videresendt besked): .* ---$", re.MULTILINE)
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_HEADER_LINE = re.compile(
    r"(?i)^\s*\*?(?:fra|til|cc|dato|sendt|emne|from|to|date|sent|subject)\s*:\*?\s*\S"
)
_ITEM = re.compile(r"^\s*(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]|\(?[a-h]\)|[-•*–·▪●◦➢►\uf0b7])\s+")
_SENTENCE_END = re.compile(r"[.!?:;][\"”»)]?$")
# A section of the letter about the writer, not about the call.
_ASIDE_HEADING = re.compile(
    r"^(?:\d{1,2}\.?\s+)?(?:(?:Om|OM)\s+(?:os|OS|[A-ZÆØÅ]\S*(?:\s+\S+){0,3})"
    r"|(?i:kontakt(?:oplysninger|person)?|about(?:\s+us)?|contact(?:\s+details)?|bilag"
    r"|appendix|referencer|references|kilder))$"
)
_WRAPPED_WIDTH = 110  # a block whose lines are all this short may be wrapped text
_WRAPPED_SHARE = 0.6  # a line this long (of the block's longest) was wrapped, not ended


def own_paragraphs(text: str) -> list[str]:
    """The paragraphs of the writer's own words in `text`, in reading order."""
    paragraphs: list[str] = []
    for part in own_parts(text):
        paragraphs += _without_asides(_paragraphs(part.split("\n")))
    return paragraphs


def own_parts(text: str) -> list[str]:
    """The body's and each reply attachment's own words: quote, signature, disclaimer out."""
    parts = _PART.split(text)
    body, attachments = parts[0], parts[1:]
    if FOR_INFORMATION.search(body):
        attachments = []  # a report sent along is not what the respondent says
    return [own_words(part) for part in [body, *attachments]]


def is_heading(paragraph: str) -> bool:
    """A title or heading line: short, and no sentence ends in it."""
    return len(paragraph) < 120 and not _SENTENCE_END.search(paragraph)


def _paragraphs(lines: list[str]) -> list[str]:
    """Lines joined into the paragraphs they were written as."""
    lines = [_HEADING.sub("# ", line.strip()) for line in lines]
    lines = [line for line in lines if not _HEADER_LINE.match(line)]
    widest = _widest_runs(lines)
    paragraphs: list[list[str]] = []
    blank = True
    for index, line in enumerate(lines):
        if not line:
            blank = True
            continue
        if paragraphs and _continues(paragraphs[-1][-1], line, blank, widest[index]):
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
        blank = False
    return [" ".join(" ".join(p).removeprefix("# ").split()) for p in paragraphs]


def _continues(previous: str, line: str, after_blank: bool, widest: int) -> bool:
    """`line` goes on with the paragraph whose last line is `previous`."""
    if previous.startswith("# ") or line.startswith("# ") or _ITEM.match(line):
        return False
    if _SENTENCE_END.search(previous):
        return False
    if line[:1].islower():
        return True  # a sentence wrapped: in PDF text even across a blank line
    wrapped = widest <= _WRAPPED_WIDTH and len(previous) >= _WRAPPED_SHARE * widest
    return not after_blank and wrapped and len(previous.split()) > 4


def _widest_runs(lines: list[str]) -> list[int]:
    """For each line, the longest line of its block (lines between blank lines)."""
    widest = [0] * len(lines)
    start = 0
    for end in [*(i for i, line in enumerate(lines) if not line), len(lines)]:
        width = max((len(line) for line in lines[start:end]), default=0)
        widest[start:end] = [width] * (end - start)
        start = end + 1
    return widest


def _without_asides(paragraphs: Iterable[str]) -> list[str]:
    """The paragraphs less those under an "Om os" / "Kontakt" heading."""
    kept: list[str] = []
    aside = False
    for paragraph in paragraphs:
        if is_heading(paragraph) and not _ITEM.match(paragraph):
            aside = bool(_ASIDE_HEADING.match(paragraph.strip(" :")))
        if not aside:
            kept.append(paragraph)
    return kept


# Words that speak of the plan, the consultation or the proposals as a whole, and the
# markers that open a remark on them ("I øvrigt ...", "Generelt ...", "Til sidst ..."):
# a paragraph that holds one speaks past the proposal it stands next to.
_WHOLE = re.compile(
    r"(?i)\b(?:i\s+øvrigt|generelt|overordnet|til\s+sidst|afslutningsvis|samlet\s+set"
    r"|by\s+the\s+way|in\s+general|overall|finally|more\s+generally"
    r"|handlingsplan\w*|planen|planerne|(?:den|en)\s+(?:nye|kommende|næste|tredje)\s+plan"
    r"|høringen|hørings(?:frist|periode|materiale|svar|portal)\w*|indkaldelse\w*|fristen"
    r"|forslagene|idéerne|ideerne|initiativerne|anbefalingerne"
    r"|(?:idé|ide|forslag|initiativ|punkt)\s+\d+\s+og\s+\d+"
    r"|action\s+plans?|the\s+(?:new\s+|next\s+)?plan|consultation|(?:your|the)\s+call"
    r"|commitments|proposals"
    # a remark's own verbs: "Kommunen gør opmærksom på, at ...", "IT-Branchen bemærker, at ..."
    r"|bemærke[rs]|gør\s+(?:\w+\s+)?opmærksom\s+på|påpege[rs]|understrege[rs]|minde[rs]?\s+om"
    r"|note[sd]?\s+that|notice[sd]?\s+that)\b"
)
# What a proposal says: the paragraph that holds it is the proposal's, not a remark.
# "vi foreslår", "det foreslås"; not what others "har foreslået".
PROPOSES = re.compile(r"(?i)\bforeslå[rs]?\b|\bpropos(?:es?|ing)\b|\bsuggests?\b")
_LABEL = re.compile(r"^\S.{0,38}:$")  # "Forslag:", "Vores idé:": a label heading what follows


def proposal_parts(initiative_texts: Sequence[str]) -> list[str]:
    """The initiatives' texts less what speaks past the proposals: the closing paragraphs
    of the last one and the paragraphs before the first one's heading that are about the
    plan or the consultation as a whole. A splitter that runs the last proposal on to the
    letter's end (or starts the first at the letterhead) holds those paragraphs, yet they
    are where a Danish letter puts its general remarks: after or before its proposals."""
    if not initiative_texts:
        return []
    parts = list(initiative_texts)
    last = _paragraphs(parts[-1].split("\n"))
    body = next((i for i, p in enumerate(last) if not _heads(p)), len(last))
    end = len(last)  # past the closing lines ("Med venlig hilsen", a name, a title)
    while end > body + 1 and _heads(last[end - 1]):
        end -= 1
    while end > body + 1 and _speaks_past(last[end - 1]):
        end -= 1  # a proposal keeps its heading and at least its first paragraph
        del last[end]
    parts[-1] = "\n".join(last)
    first = _paragraphs(parts[0].split("\n"))
    body = next((i for i, p in enumerate(first) if not _heads(p)), len(first))
    # A heading is followed by its text: a closing name or title below the letter is none.
    headed = range(body + 1, len(first) - 1)
    heading = next((i for i in headed if _heads(first[i]) and not _heads(first[i + 1])), 0)
    if heading:  # the proposal starts at its heading: what comes before is the letter's
        kept = [p for i, p in enumerate(first) if i >= heading or not _speaks_past(p)]
        parts[0] = "\n".join(kept)
    return parts


def _heads(paragraph: str) -> bool:
    return is_heading(paragraph) or bool(_LABEL.match(paragraph))


def _speaks_past(paragraph: str) -> bool:
    if " | " in paragraph:
        return False  # a row of a proposal table
    return speaks_of_whole(paragraph) and not PROPOSES.search(paragraph)


def speaks_of_whole(text: str) -> bool:
    """`text` speaks of the plan, the consultation or the proposals as a whole."""
    return bool(_WHOLE.search(text))
