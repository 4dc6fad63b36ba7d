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
from hoering.analysis.respondent_joint import joint_bodies
from hoering.analysis.respondent_units import with_parent_type
from hoering.analysis.respondent_words import (
    BODY_PART,
    DOCUMENT_WORD,
    FORMER,
    KIND_OF_BODY,
    OFFICER,
    ON_BEHALF_ORG,
    PERSONAL_TIE,
    PRIVATE_STATEMENT,
    SELF_DESCRIPTION,
    SUBJECT_FROM,
    TITLE,
    TITLE_OF,
)
from hoering.danish_letters import with_digraphs
from hoering.vocab import RespondentType

ORGANISATION = RespondentType.ORGANISATION
LETTERHEAD_LINES = 6  # a letterhead is the first few lines of a reply or a letter
LETTERHEAD_WORDS = 12  # ... and each is short ("Dataklar ApS · Nørregade 7 · 9999 Nordby")
HEAD_LINES = 10  # "Høringssvar fra X" counts in a reply's or a letter's first lines
SIGNATURE_TAIL_LINES = 12  # an attached letter's signature is in its last lines
MAX_PART_WORDS = 8  # longer than this, a part of a line is a sentence, not a name
MAX_PART_CHARS = 200

_PART_SPLIT = re.compile(r"\s*(?:,|·|\||\t|\s{2,}|\s[-–]\s)\s*")
_COMPANY_FORM = re.compile(r"(?<!\w)(?:A/S|ApS|I/S|IVS|K/S|P/S)(?!\w)")
_ANYWHERE = ("på", "on", "indsendt", "submitted")  # "på vegne af X" counts anywhere
_TITLE_SPLIT = re.compile(r",|\s[-–|]\s")
_NAME_WORD = re.compile(r"^[A-ZÆØÅ][\w'-]*\.?$|^(?:af|de|van|von|la|le)$")
# "Til Digitaliseringsstyrelsen", "Hej KL": a line that addresses the recipient names it.
_SALUTATION = re.compile(r"^\W*(?:til|hej|kære|att\.?n?|dear|modtager)\b", re.IGNORECASE)
# Forms of a company's name, for a body the registry does not know.
_COMPANY_WORD = re.compile(
    r"&|\b\w*(?:[Rr]ådgivning|[Cc]onsult(?:ing)?|[Ss]oftware|[Ss]olutions|[Gg]roup|[Kk]ompagni)\b"
)
# Lower-case words that stand inside a name: "Foreningen af ...", "Institut for ...".
# fmt: off
_CONNECTORS = frozenset({
    "af", "for", "og", "i", "til", "på", "under", "ved", "med", "mod", "de", "den", "det",
    "c/o", "the", "of", "and", "in", "on", "at", "&", "du", "la", "le", "von", "van",
})
# fmt: on
_ENDS_IN_TITLE = re.compile(TITLE.pattern + r"\b")
_SHORT_FORM = re.compile(r"\s*\([A-ZÆØÅ]{2,8}\)\s*$")
_ADDRESS = re.compile(r"\d|@|www\.|https?:|\btlf\b|\btelefon\b|\bmobil\b", re.IGNORECASE)
# A letter's addressee block: the recipient's name above its street, postcode or "Att.:".
_POSTAL = re.compile(r"^(?:[\w .'-]+\s\d+\w?\b|postboks\s+\d|\d{4}\s+[A-ZÆØÅ])", re.IGNORECASE)
_ATTENTION = re.compile(r"^\W*att(?:n)?\b\.?", re.IGNORECASE)
# A letter's own signature follows its closing; the lines before it are the letter's words.
_CLOSING = re.compile(
    r"^\W*(?:(?:med\s+)?(?:venlig(?:st)?|bedste|mange)\s+hilsen(?:er)?|mvh|vh"
    r"|(?:kind|best)\s+regards|regards|sincerely|yours\s+sincerely)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Named:
    """An organisation the text names, where it was read, and how it was recognised."""

    organisation: str
    type: RespondentType
    rule_id: str  # "registry-name", "signature-title-line", "on-behalf-org" or a name rule's
    rule: str  # Danish, for people: 'signatur nævner "KL"'
    officer: bool = False  # read under an association officer's title ("Formand")
    joint: bool = False  # several bodies reply together ("fra A, B og C"): all are named


# A name rule of analysis.respondent: (part, place) -> (organisation, type, rule id, rule text).
Recognise = Callable[[str, str], tuple[str, RespondentType, str, str] | None]


def says_private(*texts: str, letters: Sequence[str] = ()) -> str:
    """The words by which the writer says it writes as a private person (in `texts` or the
    attached `letters`); else ""."""
    return first_words(PRIVATE_STATEMENT, (*texts, *letters))


def first_words(pattern: re.Pattern[str], texts: Iterable[str]) -> str:
    """The first match of `pattern` in `texts`, its whitespace collapsed; else ""."""
    match = next(filter(None, (pattern.search(text) for text in texts)), None)
    return " ".join(match.group().split()) if match else ""


def domain_named(blocks: Sequence[str], domain: str, persons: Sequence[str]) -> Named | None:
    """A line or part of one in `blocks` that spells the sender's domain ("Nordlys Analyse"
    from ib@nordlysanalyse.dk, "Kortdata ApS" from kortdata.dk): the body that owns it. A
    person's own name is never one (jensaagaard.dk is Jens Aagaard's)."""
    labels = domain.split(".")
    label = _squash(labels[-2]) if len(labels) >= 2 else ""
    own = {_squash(word) for person in persons for word in (person, *person.split()) if word}
    if len(label) < 4:
        return None
    for block in blocks:
        for line in block.splitlines()[1:]:  # below the closing
            for part in _parts(line):
                bare = _squash(_COMPANY_FORM.sub("", part))
                if bare == label and _squash(part) not in own and bare not in own:
                    is_org = labels[-1] in ("org", "ngo")
                    type_ = ORGANISATION if is_org else RespondentType.VIRKSOMHED
                    rule = f'signaturen nævner "{part}", som svarer til domænet {domain}'
                    return Named(part, type_, "domain-name-line", rule)
    return None


def _squash(text: str) -> str:
    folded = with_digraphs(text.casefold())
    return "".join(char for char in folded if char.isalnum())


def self_description(*texts: str) -> tuple[RespondentType, str] | None:
    """The kind of body the writers say they are ("Vi er et mindre softwarefirma") and
    their words, else None."""
    for type_, pattern in SELF_DESCRIPTION:
        for text in texts:
            match = pattern.search(text)
            if match:
                return type_, " ".join(match.group().split())
    return None


def review_note(rule_id: str, domain: str) -> str:
    """Why a reader should check the verdict of `rule_id` (Danish), or "" when it need not."""
    if rule_id == "signature-title-line":
        return "organisationen er læst under en stillingsbetegnelse og er ikke i registret"
    if rule_id == "domain-name-line":
        return f"organisationen er læst, fordi en linje svarer til domænet {domain}"
    if rule_id == "self-description":
        return f"organisationen er kun navngivet ved domænet {domain}"
    if rule_id == "default" and domain:
        return f"arbejdsadresse ({domain}) uden organisation i teksten; privatperson antaget"
    return ""


def named_organisation(
    *,
    display: str,
    signature: str,
    text: str,
    attachments: Sequence[str],
    registry: Registry,
    rules: Recognise,
    subject: str = "",
    public_sender: bool = False,
) -> Named | None:
    """The first organisation the text names, in the order of the module docstring. An
    authority at the head of a letter from a sender outside the public sector is the
    letter's addressee ("Digitaliseringsstyrelsen / Landgreven 4"), not its writer."""
    recognise = _recogniser(registry, rules)
    letters = [text, *attachments]
    for letter in letters:
        found = _on_behalf(letter[:5000], recognise)
        if found:
            return found
    found = _on_behalf(subject, recognise, "emnet")
    if found:
        return found
    signatures = [signature, *(letter_signature(letter) for letter in attachments)]
    for block in signatures:
        found = (
            _in_lines(block.splitlines(), recognise, "signatur")
            or _after_title(block)
            or _title_comma_org(block)
        )
        if found:
            return found
    for letter in letters:
        found = _in_lines(_head(letter), recognise, "brevhoved", public_sender)
        if found:
            return found
    return _in_lines([display], recognise, "afsendernavn")


Recogniser = Callable[[str, str], "Named | None"]


def _recogniser(registry: Registry, rules: Recognise) -> Recogniser:
    def recognise(part: str, place: str) -> Named | None:
        if PERSONAL_TIE.match(part) or DOCUMENT_WORD.match(part):
            return None  # "Borger i Aarhus Kommune", "Forslag til Finansministeriet"
        body = registry.by_name(part)
        if body:
            # A full name as written ("Dansk Energi"), an abbreviation as the registry's name.
            name = body.written_in(part) or body.name
            return Named(name, body.type, "registry-name", f'{place} nævner "{name}"')
        if not looks_like_a_name(part):
            return None
        verdict = rules(part, place)
        return Named(*verdict) if verdict else None

    return recognise


def _parts(line: str) -> Iterable[str]:
    for part in _PART_SPLIT.split(line.strip()):
        # "Dansk Ungdoms Fællesråd (DUF)": the name without the short form after it, then
        # the short form ("Jakob Thorsen (DI)" names DI).
        short = _SHORT_FORM.search(part)
        if short:
            yield from _parts(_SHORT_FORM.sub("", part))
            yield short.group().strip(" ()")
            continue
        part = part.strip(" .;:\"'()")
        if len(part) > MAX_PART_CHARS:
            continue  # a sentence or a run of text, not a name (and bounds the rules' cost)
        titled = TITLE_OF.match(part)  # "Formand for Ældrerådet i Vejle Kommune"
        if titled and FORMER.search(titled.group("title")):
            continue  # "Tidligere formand for ...": no employer who speaks now
        part = titled.group("org").strip(" .;:") if titled else part
        if part and len(part.split()) <= MAX_PART_WORDS:
            yield part


def looks_like_a_name(part: str) -> bool:
    """A name, not a clause of a sentence: it starts with a capital and every word in lower
    case is a connector ("Handicaprådet i Randers Kommune", not "Jeg bor i Aarhus Kommune")."""
    words = part.split()
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return all(not word[0].isalpha() or word[0].isupper() or word in _CONNECTORS for word in words)


def _in_lines(
    lines: Iterable[str], recognise: Recogniser, place: str, authority: bool = True
) -> Named | None:
    """The first body named by a line or a part of one; an authority only if `authority`.
    A unit ("Institut for X") has the type of the body named after it (respondent_units)."""
    lines = list(lines)
    for number, line in enumerate(lines):
        if _SALUTATION.match(line) or PERSONAL_TIE.match(line):
            continue  # "stud.scient.pol., Aarhus Universitet": the whole line is the person's
        parts = list(_parts(line))
        for index, part in enumerate(parts):
            found = recognise(part, place)
            if found:
                after = [*parts[index + 1 :], *_parts(" ".join(lines[number + 1 : number + 2]))]
                found = with_parent_type(found, part, after, recognise, place)
            if found and (authority or found.type != RespondentType.MYNDIGHED):
                return found
    return None


def _on_behalf(text: str, recognise: Recogniser, place: str = "teksten") -> Named | None:
    """ "på vegne af X" anywhere; "Høringssvar fra X" only in the first lines (a title, the
    opening sentence): further on it cites others ("som bemærkninger fra KL viser")."""
    pattern = SUBJECT_FROM if place == "emnet" else ON_BEHALF_ORG
    head_end = _head_end(text)
    for match in pattern.finditer(text):
        if not match.group().lower().startswith(_ANYWHERE) and match.start() > head_end:
            continue
        lead = match.group().split()[: -len(match.group("rest").split())]
        rest = BODY_PART.sub("", match.group("rest").split(",")[0].strip())
        kind = KIND_OF_BODY.match(rest)  # "vores medlemsorganisation X": X is a body
        words = rest[kind.end() if kind else 0 :].split()[:MAX_PART_WORDS]
        # "Høringssvar fra Holbæk Kommune vedr. ...": a name ends at its last capitalised word.
        while words and not words[-1][0].isupper() and not words[-1][0].isdigit():
            words.pop()
        # "på vegne af Dansk Erhverv Børsen": the longest run of leading words that is a name.
        for end in range(len(words), 0, -1):
            name = " ".join(words[:end])
            found = recognise(name, place)
            if not found and kind and end == len(words) and looks_like_a_name(name):
                found = Named(name, ORGANISATION, "on-behalf-org", "")
            if found:
                phrase = " ".join([*lead, *(kind.group().split() if kind else ()), name])
                rule = f'{place} siger "{phrase}"'
                after = match.group("rest")[_name_end(match.group("rest"), words[:end]) :]
                listed = joint_bodies(found.organisation, after, _names(recognise, place))
                joint = listed != found.organisation
                return Named(listed, found.type, "on-behalf-org", rule, joint=joint)
    return None


def _name_end(text: str, words: list[str]) -> int:
    """Where `words` (a name read from `text`) end in it."""
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return found.end() if found else len(text)


def _names(recognise: Recogniser, place: str) -> Callable[[str], str]:
    return lambda part: getattr(recognise(part, place), "organisation", "")


def _head_end(text: str) -> int:
    """Where the first HEAD_LINES non-empty lines of `text` end."""
    seen, offset = 0, 0
    for line in text.split("\n"):
        offset += len(line) + 1
        seen += bool(line.strip())
        if seen == HEAD_LINES:
            return offset
    return len(text)


def _after_title(block: str) -> Named | None:
    """Name / title / organisation: the line after a job title under a person's name."""
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    for number in range(1, len(lines) - 1):
        name, title, org = lines[number - 1], lines[number], lines[number + 1]
        if _looks_like_name(name) and _current_title(title) and _looks_like_org(org):
            return _title_line_org(org, title)
    # Organisation / name / title: the body above its signatory (below the closing line).
    for number in range(2, len(lines) - 1):
        org, name, title = lines[number - 1], lines[number], lines[number + 1]
        if _looks_like_name(name) and _current_title(title) and _looks_like_org(org):
            return _title_line_org(org, title)
    return None


def _title_comma_org(block: str) -> Named | None:
    """ "Formand, Open Knowledge Danmark", "Formand – Danske Landsbyer": an employer after a
    job title on one line."""
    for line in block.splitlines():
        parts = [part.strip() for part in _TITLE_SPLIT.split(line, maxsplit=1)]
        if len(parts) == 2 and _current_title(parts[0]) and _looks_like_org(parts[1]):
            return _title_line_org(parts[1], parts[0])
    return None


def _title_line_org(org: str, title: str) -> Named:
    rule = f'signatur: "{org}" står under stillingen "{title}"'
    type_ = RespondentType.VIRKSOMHED if _COMPANY_WORD.search(org) else ORGANISATION
    return Named(org, type_, "signature-title-line", rule, bool(OFFICER.search(title)))


def _looks_like_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 4 and all(map(_NAME_WORD.match, words))


def _current_title(line: str) -> bool:
    """A job held now: "Pensioneret skoleleder" names no employer who speaks."""
    return bool(TITLE.search(line)) and not FORMER.search(line)


def _looks_like_org(line: str) -> bool:
    """An employer's name; one plain word is more likely a town ("Holstebro") than a body."""
    words = line.split()
    one_word_body = len(words) == 1 and (line.isupper() or any(c.isupper() for c in line[1:]))
    return (
        (2 <= len(words) <= 6 or one_word_body)
        and looks_like_a_name(line)
        and not _ADDRESS.search(line)
        and not _ENDS_IN_TITLE.search(line)  # "Chefkonsulent", not "Partnership"
    )


def _head(letter: str) -> list[str]:
    """The first lines of a letter, without the block that addresses its recipient; running
    text ("..., men det er op til den enkelte kommune") names what it talks about, not who
    writes."""
    lines = [line.strip() for line in letter.splitlines() if line.strip()][: LETTERHEAD_LINES * 2]
    kept: list[str] = []
    for number, line in enumerate(lines):
        if not _addresses_recipient(lines, number):
            kept.append(line)
    return [line for line in kept[:LETTERHEAD_LINES] if len(line.split()) <= LETTERHEAD_WORDS]


def _addresses_recipient(lines: list[str], number: int) -> bool:
    """Whether lines[number] names the addressee: "Digitaliseringsstyrelsen / Att.: ..."
    anywhere, or, below the letterhead, a name over a street or postcode ("Landgreven 4")."""
    following = lines[number + 1 : number + 3]
    if any(_ATTENTION.match(line) for line in following):
        return True
    if not (following and _POSTAL.match(following[0])):
        return False  # tested first: a line of prose is rarely over a street or postcode
    previous = lines[number - 1] if number else ""
    return bool(_POSTAL.match(previous) or _ADDRESS.search(previous))  # below the letterhead


def letter_signature(letter: str) -> str:
    """The lines after a letter's last closing ("Med venlig hilsen"), else ""; without a
    closing the last lines are the letter's words, which name others ("Socialstyrelsen")."""
    lines = [line for line in letter.splitlines() if line.strip()]
    closings = [number for number, line in enumerate(lines) if _CLOSING.match(line)]
    if not closings:
        return ""
    return "\n".join(lines[closings[-1] : closings[-1] + SIGNATURE_TAIL_LINES])
