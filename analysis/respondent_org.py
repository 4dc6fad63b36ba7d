"""Where a reply's own text names the organisation that speaks: a signature, a letterhead,
"på vegne af X", "Høringssvar fra X", or the From display name.

A name counts when a whole line, or a whole part of one ("Chefkonsulent, KL"), is a name the
registry knows, or a name the rules of analysis.respondent recognise (Kommune, Forening, A/S,
...), or, for a body the registry does not know, the line right after a job title below a
person's name ("Mette Holm / Chefkonsulent / Nordlys Analyse"). Never a word inside a
sentence: a citizen who mentions KL is not KL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from hoering.analysis.registry import Registry
from hoering.vocab import RespondentType

ORGANISATION = RespondentType.ORGANISATION
LETTERHEAD_LINES = 6  # a letterhead is the first few lines of a reply or a letter
LETTERHEAD_WORDS = 12  # ... and each is short ("Dataklar ApS · Nørregade 7 · 9999 Nordby")
SIGNATURE_TAIL_LINES = 12  # an attached letter's signature is in its last lines
MAX_PART_WORDS = 8  # longer than this, a part of a line is a sentence, not a name

# "som privatperson", "på egne vegne", "privat høringssvar": the writer says it is a person.
PRIVATE_STATEMENT = re.compile(
    r"\bsom\s+(?:privat\s*person|borger|privat\s+borger)\b|\bpå\s+egne\s+vegne\b"
    r"|\bprivat(?:e)?\s+høringssvar\b|\bi\s+eget\s+navn\b|\bas\s+a\s+private\s+(?:person|citizen)\b"
    r"|\bviews\s+(?:below\s+|expressed\s+(?:here\s+)?)?are\s+my\s+own\b"
    r"|\bmine\s+egne\s+(?:synspunkter|holdninger)\b",
    re.IGNORECASE,
)
_ON_BEHALF_ORG = re.compile(
    r"\b(?:på\s+vegne\s+af|on\s+behalf\s+of|(?:høringssvar|bemærkninger|kommentarer)\s+fra)"
    r"\s+(?P<rest>[^\n.;:!?]{2,120})",
    re.IGNORECASE,
)
# Job titles that stand between a person's name and an employer in a signature.
TITLE = re.compile(
    r"(?i:konsulent|chef|direktør|formand|forkvinde|næstformand|sekretær|rådgiver|leder"
    r"|fuldmægtig|specialist|analytiker|koordinator|medarbejder|ansvarlig|advokat|partner"
    r"|ordfører|talsperson|projektleder|seniorforsker|forsker|professor|adviser|advisor"
    r"|officer|manager|director|head\s+of|policy|ceo|cto|coo)"
)
_PART_SPLIT = re.compile(r"\s*(?:,|·|\||\t|\s{2,}|\s[-–]\s)\s*")
_NAME_WORD = re.compile(r"^[A-ZÆØÅ][\w'-]*\.?$|^(?:af|de|van|von|la|le)$")
# "Til Digitaliseringsstyrelsen", "Hej KL": a line that addresses the recipient names it.
_SALUTATION = re.compile(r"^\W*(?:til|hej|kære|att\.?n?|dear|modtager)\b", re.IGNORECASE)
# Forms of a company's name, for a body the registry does not know.
_COMPANY_WORD = re.compile(
    r"&|\b\w*(?:[Rr]ådgivning|[Cc]onsult(?:ing)?|[Ss]oftware|[Ss]olutions|[Gg]roup|[Kk]ompagni)\b"
)
# A library or citizens' service that passes on a citizen's letter speaks for nobody.
PASSED_ON = re.compile(
    r"\bhar\s+bedt\s+(?:os|mig)\s+(?:om\s+)?at\s+(?:videre)?sende\b"
    r"|\ben\s+af\s+vores\s+(?:lånere|borgere|brugere|beboere)\b"
    r"|\b(?:vi\s+sender|sender\s+vi)\s+(?:den|det|dem|henvendelsen)\s+videre\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(r"\d|@|www\.|https?:|\btlf\b|\btelefon\b|\bmobil\b", re.IGNORECASE)


@dataclass(frozen=True)
class Named:
    """An organisation the text names, where it was read, and how it was recognised."""

    organisation: str
    type: RespondentType
    rule_id: str  # "registry-name", "signature-title-line", "on-behalf-org" or a name rule's
    rule: str  # Danish, for people: 'signatur nævner "KL"'


# A name rule of analysis.respondent: (part, place) -> (organisation, type, rule id, rule text).
Recognise = Callable[[str, str], tuple[str, RespondentType, str, str] | None]


def says_private(*texts: str) -> str:
    """The words by which the writer says it writes as a private person, or passes on a
    citizen's letter; else ""."""
    for pattern in (PRIVATE_STATEMENT, PASSED_ON):
        for text in texts:
            match = pattern.search(text)
            if match:
                return " ".join(match.group().split())
    return ""


def named_organisation(
    *,
    display: str,
    signature: str,
    text: str,
    attachments: Sequence[str],
    registry: Registry,
    rules: Recognise,
) -> Named | None:
    """The first organisation the text names, in the order of the module docstring."""
    recognise = _recogniser(registry, rules)
    letters = [text, *attachments]
    for letter in letters:
        found = _on_behalf(letter[:5000], recognise)
        if found:
            return found
    signatures = [signature, *(_tail(letter) for letter in attachments)]
    for block in signatures:
        found = _in_lines(block.splitlines(), recognise, "signatur") or _after_title(block)
        if found:
            return found
    for letter in letters:
        found = _in_lines(_head(letter), recognise, "brevhoved")
        if found:
            return found
    return _in_lines([display], recognise, "afsendernavn")


Recogniser = Callable[[str, str], "Named | None"]


def _recogniser(registry: Registry, rules: Recognise) -> Recogniser:
    def recognise(part: str, place: str) -> Named | None:
        body = registry.by_name(part)
        if body:
            return Named(body.name, body.type, "registry-name", f'{place} nævner "{body.name}"')
        verdict = rules(part, place)
        return Named(*verdict) if verdict else None

    return recognise


def _parts(line: str) -> Iterable[str]:
    for part in _PART_SPLIT.split(line.strip()):
        part = part.strip(" .;:\"'()")
        if part and len(part.split()) <= MAX_PART_WORDS:
            yield part


def _in_lines(lines: Iterable[str], recognise: Recogniser, place: str) -> Named | None:
    for line in lines:
        if _SALUTATION.match(line):
            continue
        for part in _parts(line):
            found = recognise(part, place)
            if found:
                return found
    return None


def _on_behalf(text: str, recognise: Recogniser) -> Named | None:
    for match in _ON_BEHALF_ORG.finditer(text):
        lead = match.group().split()[: -len(match.group("rest").split())]
        words = match.group("rest").split(",")[0].split()[:MAX_PART_WORDS]
        # "Høringssvar fra Holbæk Kommune vedr. ...": a name ends at its last capitalised word.
        while words and not words[-1][0].isupper() and not words[-1][0].isdigit():
            words.pop()
        # "på vegne af Dansk Erhverv Børsen": the longest run of leading words that is a name.
        for end in range(len(words), 0, -1):
            name = " ".join(words[:end])
            found = recognise(name, "teksten")
            if found:
                phrase = " ".join([*lead, name])
                rule = f'teksten siger "{phrase}"'
                return Named(found.organisation, found.type, "on-behalf-org", rule)
    return None


def _after_title(block: str) -> Named | None:
    """Name / title / organisation: the line after a job title under a person's name."""
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    for number in range(1, len(lines) - 1):
        name, title, org = lines[number - 1], lines[number], lines[number + 1]
        if _looks_like_name(name) and TITLE.search(title) and _looks_like_org(org):
            rule = f'signatur: "{org}" står under stillingen "{title}"'
            type_ = RespondentType.VIRKSOMHED if _COMPANY_WORD.search(org) else ORGANISATION
            return Named(org, type_, "signature-title-line", rule)
    return None


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 4 and all(map(_NAME_WORD.match, words))


def _looks_like_org(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 6
        and line[0].isupper()
        and not _ADDRESS.search(line)
        and not TITLE.search(line)
    )


def _head(letter: str) -> list[str]:
    """The first lines that could be a letterhead: running text ("..., men det er op til den
    enkelte kommune") names what it talks about, not who writes."""
    lines = [line for line in letter.splitlines() if line.strip()][:LETTERHEAD_LINES]
    return [line for line in lines if len(line.split()) <= LETTERHEAD_WORDS]


def _tail(letter: str) -> str:
    return "\n".join([line for line in letter.splitlines() if line.strip()][-SIGNATURE_TAIL_LINES:])
