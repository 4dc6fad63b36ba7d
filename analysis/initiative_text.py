"""What the initiative splitter's rules share: line patterns, spans, titles.

Lines are the light Markdown of extraction (parse/wordml.py, parse/odf.py): "# " headings,
"- " list items (two spaces of indent per level), " | " table cells; mail and PDF text bring
their own "1." / "a)" / "•" markers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TITLE_LIMIT = 100

# The title without a label's colon: "## Baggrund:" is the section "Baggrund".
HEADING = re.compile(r"^(#{1,6})\s+(.*?\S)(?:\s*:)?\s*$")
# Bullets as text carries them: Word's Symbol and Wingdings bullets reach PDF text as their
# private-use code points (U+F0B7 ""). Numbers and letters as "1." "1)" "(1)" "a)" "(a)".
BULLETS = "-•*–▪◦·●■□➢►✓⁃\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf0e0"
ITEM = re.compile(rf"^(\s*)(?:([{BULLETS}]|(?<=\s)o)|\(?(\d{{1,2}})[.)]|\(?([a-hA-H])\))\s+(.*\S)")
CLOSING = re.compile(
    r"^(?:med venlig hilsen|venlig hilsen|mvh\b|de bedste hilsner|vi (?:står|stiller|deltager|"
    r"bidrager|uddyber|indgår) (?:gerne|meget gerne)|vi ser frem|(?:i )?er (?:meget )?velkomne|"
    r"spørgsmål (?:til|om)|har i spørgsmål|kontakt(?:person)?\b|tak for|afslutningsvis|"
    # an English letter's closing ("Yours sincerely,", "Kind regards")
    r"yours (?:sincerely|faithfully|truly)|(?:kind |best |warm )?regards\b|sincerely\b|"
    r"with (?:kind|best) (?:regards|wishes)|"
    # "På vegne af bestyrelsen" on a line of its own above the names
    r"(?:på vegne af|on behalf of)\b(?![^\n]*\b(?:foreslå\w*|bør|skal|vil|ønske\w*|propose\w*|"
    r"should|would)\b)[^.!?,]{0,50}$)",
    re.IGNORECASE,
)

# Words that ask for something: a sentence with none of them proposes nothing.
# "Vedlagt til orientering vores rapport": an attachment sent for information, not the reply.
FOR_INFORMATION = re.compile(
    r"\b(?:til (?:jeres |din |jer )?orientering|som baggrund\w*|baggrundsmateriale|"
    r"til inspiration|for (?:your )?information|as background)\b",
    re.IGNORECASE,
)
# "SDFE har ingen bemærkninger til høringen": the letter says it has nothing to add, also
# in a compound ("ingen høringsbemærkninger").
NO_COMMENTS = re.compile(
    r"ingen (?:yderligere |særlige )?\w*(?:bemærkninger|kommentarer)|ikke (?:nogen |har )?"
    r"\w*(?:bemærkninger|kommentarer)|intet at bemærke|ikke anledning til (?:bemærkninger|"
    r"kommentarer)|afstår fra at (?:afgive|komme med)|ikke ønsker at afgive",
    re.IGNORECASE,
)
PROPOSING = re.compile(
    # "Vi ønsker dog at understrege, ...": a wish to say something, no ask.
    r"\b(?:foreslå\w*|bør|burde|skal(?! hermed)|skulle|opfordr\w*|anbefal\w*|"
    r"ønsk\w*(?!\s+(?:\w+\s+){0,2}at\s+(?:tilkendegive|understrege|bemærke|takke|kvittere|"
    r"meddele|oplyse|udtrykke|give udtryk|henlede|gøre opmærksom|pege på))|"
    r"kunne man|man kunne|god idé at|ville være (?:godt|en god|rart|fint)|mangler|savner|"
    r"(?:vores|mit|vort|our|my) (?:forslag|idé|ide|suggestion|proposal)|"
    r"forslag(?:et)? (?:er|om|går)|"
    # "Jeg vil gerne kunne se ...", "Please create ..." (not "Please find attached"),
    # "Forslag: Sørg for ...": a wish, an English imperative, a labelled ask.
    r"gerne (?:\w+ ){0,2}(?:se|have|kunne)|please(?!\s+(?:find|see|note|contact))|"
    r"forslag(?=\s*:)|tænke mig|brug for|vigtigt at|nødvendigt|kræve\w*|indføre\w*|etablere\w*|"
    r"oprette\w*|sikre at|hvad med at|hvorfor ikke|what about|why not|need\w*|must|ought|"
    r"would be|should|propose\w*|suggest\w*|recommend\w*|could|would like)\b",
    re.IGNORECASE,
)


# A proposal put as a question: "Kan man ikke samle høringerne ét sted?", "Hvorfor ikke et
# lobbyregister?", "How about open budgets?"
ASKED_PROPOSAL = re.compile(
    r"\b(?:(?:kan|kunne) (?:man|vi|i) ikke|er det ikke på tide|hvad (?:hvis|med at)|"
    r"hvorfor ikke|could(?:n't)? (?:we|you)|why (?:don't|not)|(?:how|what) about)\b",
    re.IGNORECASE,
)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """The text cut into sentences after ".", "!" or "?" and whitespace (as written: the
    callers that read a whole letter collapse its whitespace first)."""
    return _SENTENCE_BREAK.split(text)


def asks_only(text: str) -> bool:
    """Text whose every sentence is a question to the agency ("Kan man svare anonymt?"),
    none a proposal put as a question ("Hvad med at ...?")."""
    said = [s for s in sentences(" ".join(text.split())) if s]
    return bool(said) and all(s.endswith("?") and not ASKED_PROPOSAL.search(s) for s in said)


@dataclass(frozen=True)
class Span:
    """Lines of one text a rule marks as one initiative, with its title and the rule's name."""

    title: str
    lines: tuple[str, ...]
    rule: str
    fields: tuple[tuple[str, str], ...] = ()  # form: (label, value)


def trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def title_alone(first: str, rest: list[str]) -> bool:
    """A short item over a paragraph that opens a sentence of its own (Word text: one line
    per paragraph) is a title alone; a wrapped line goes on in lower case."""
    following = next((line.strip() for line in rest if line.strip()), "")
    return len(first) <= 60 and not first.endswith(",") and following[:1].isupper()


def until_blank(lines: list[str]) -> list[str]:
    """The lines up to the first blank one."""
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    return lines[:end]


def item_title(text: str) -> str:
    """A list item's title: the part before ":" or " – ", else its first sentence."""
    text = text.strip().strip("*")
    for separator in (":", " – ", " - ", " — "):
        head = text.split(separator, 1)[0]
        if separator in text and 3 <= len(head) <= TITLE_LIMIT:
            return clean_title(head)
    return clean_title(re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0])


def clean_title(text: str) -> str:
    """Markup and spaces tidied, first letter upper case, at most TITLE_LIMIT characters."""
    text = " ".join(re.sub(r"^#+\s*|\*\*|__", "", text).split()).rstrip(".:;,– -")
    text = re.sub(r"^\d{1,2}(?:\.\d{1,2})+\.?\s+", "", text)  # a sub-number: "2.1 Titel"
    text = text[:1].upper() + text[1:]
    if len(text) <= TITLE_LIMIT:
        return text
    return text[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"
