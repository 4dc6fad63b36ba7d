"""Who replied: name, e-mail, organisation and respondent type, with the rule that decided.

What the reply says comes first, then where it came from; the first step that decides wins,
and its Danish description is kept so a reviewer sees why:

1. the sender's words name whose reply it is ("Hermed høringssvar fra Grethe Villadsen",
   a library or citizens' service sending on a letter): that person, unless the name is a
   body in the registry ("høringssvar fra HK Stat")                          -> borger
2. the text says a person writes ("som privatperson", "på egne vegne", "the views are my
   own")                                                                     -> borger
3. an organisation named in the reply or an attached letter: "på vegne af", a signature,
   a letterhead (never the addressee block), the From display name (analysis.respondent_org)
4. the sender's domain in the registry (mh@kl.dk is KL, Mette the contact) -> its type
5. "Vi er et mindre softwarefirma" from a work address: that domain        -> its type
6. the rule tables below (authority names and domains, company forms, association words,
   a CVR number, a webmail domain); else a person, from a work address flagged for review

A citizen read as an organisation would be published by name (organisations are never
pseudonymized), so every step leans towards a person when it is unsure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from hoering.analysis.registry import Body, Registry, default_registry
from hoering.analysis.respondent_forward import forwarded_by_office, passes_on
from hoering.analysis.respondent_org import (
    Named,
    domain_named,
    letter_signature,
    named_organisation,
    review_note,
    says_private,
    self_description,
)
from hoering.analysis.respondent_rules import (
    ASSOCIATION,
    CVR_RULE,
    DEFAULT_DOMAINS,
    PRIVATE_RULES,
    PUBLIC_DOMAINS,
    PUBLIC_LABEL,
    PUBLIC_RULES,
    WEBMAIL_DOMAINS,
    Domains,
    Rule,
    is_student_domain,
)
from hoering.analysis.respondent_units import UNIT
from hoering.analysis.respondent_words import PERSONAL_TIE
from hoering.vocab import RespondentType, TextPlace

# Re-exported: callers read the rule tables and domain lists from here.
__all__ = [
    "CVR_RULE",
    "DEFAULT_DOMAINS",
    "PRIVATE_RULES",
    "PUBLIC_DOMAINS",
    "PUBLIC_RULES",
    "WEBMAIL_DOMAINS",
    "Domains",
    "Respondent",
    "Rule",
    "identify_respondent",
    "sent_on_behalf_of",
    "signature_name",
]

# What the rules read is capped, so their cost has a bound whatever a mail holds: a
# signature block is a few lines, a display name a few words.
MAX_SIGNATURE_CHARS = 3000
MAX_NAME_CHARS = 500
MAX_ON_BEHALF_CHARS = 5000  # "høringssvar fra NAME" stands near the start of a reply
MAX_LETTERS = 5  # attached letters read for a letterhead or a signature
MAX_LETTER_CHARS = 200_000


# "høringssvar fra Grethe Villadsen", "brev fra borger Grethe Villadsen"; a person's name
# is two to four capitalized words (checked by _NAME_WORD below).
_ON_BEHALF = re.compile(
    r"(?i:\b(?:høringssvar|svar|brev|bidrag|henvendelse|bemærkninger)\s+fra\s+"
    r"(?:borger(?:en)?\s+|en\s+borger,?\s+)?)"
    r"(?P<name>[A-ZÆØÅ][\w'-]+(?:[ \t]+[A-ZÆØÅ][\w'-]+){1,3})"
)
_PHRASE_END = re.compile(r"[,.;:()\n]")
_NAME_WORD = re.compile(r"^[A-ZÆØÅ][\w'-]*\.?$|^(?:af|de|van|von|la|le)$")
# Starts only where a run of spaces starts: else a long run is scanned from each of its spaces.
_SEGMENT_SPLIT = re.compile(r"(?<!\s)\s*(?:,|·|\||\s[-–]\s)\s*")


@dataclass(frozen=True)
class Respondent:
    """Who sent a reply, as far as the text tells; `rule` says why `type` was chosen."""

    name: str
    email: str
    organisation: str  # "" for a private person or when nothing names it
    type: RespondentType
    rule: str  # Danish, for people: 'signatur indeholder "ApS"'
    rule_id: str  # stable key, e.g. "company-form", "webmail-domain", "default"
    # Danish, for reviewers: why this verdict should be looked at ("" when it need not be).
    review: str = ""


def identify_respondent(
    sender_name: str,
    sender_email: str,
    signature: str = "",
    *,
    text: str = "",
    domains: Domains | None = None,
    attachments: Sequence[str] = (),
    registry: Registry | None = None,
    subject: str = "",
) -> Respondent:
    """Name, organisation and respondent type from the display name, address, signature,
    the reply's own words (`text`, without quoted mail), its attached letters' texts and its
    subject ("Høringssvar fra KL").
    """
    email = sender_email.strip().lower()
    domain = email.rpartition("@")[2]
    display = _display_name(sender_name[:MAX_NAME_CHARS])
    signature = signature[:MAX_SIGNATURE_CHARS]
    text = text[:MAX_ON_BEHALF_CHARS]
    letters = [letter[:MAX_LETTER_CHARS] for letter in attachments[:MAX_LETTERS]]
    registry = registry or default_registry()
    on_behalf = sent_on_behalf_of(text, display, signature)
    if on_behalf and not registry.by_name(on_behalf[0]):  # "høringssvar fra HK Stat"
        rule = f'teksten siger "{on_behalf[1]}" (sendt af {display or email})'
        return Respondent(on_behalf[0], email, "", RespondentType.BORGER, rule, "sent-on-behalf")
    known = domains or DEFAULT_DOMAINS
    personal = domain in known.webmail or is_student_domain(domain)
    read = _Read(display, domain, personal, signature, text, letters, subject[:MAX_NAME_CHARS])
    type_, rule_id, rule, organisation = _decide(read, known, registry)
    name = display
    if not name or (organisation and name.casefold() in organisation.casefold()):
        name = signature_name(signature) or name
    return Respondent(name, email, organisation, type_, rule, rule_id, review_note(rule_id, domain))


@dataclass(frozen=True)
class _Read:
    """What the rules read of one reply."""

    display: str
    domain: str
    personal_domain: bool  # webmail or a student address: the person's own, not an employer's
    signature: str
    text: str
    letters: list[str]
    subject: str


def _decide(read: _Read, known: Domains, registry: Registry) -> Verdict:
    """What the text says first, then the sender's domain, then the older rules."""
    private = says_private(read.text, read.signature, read.subject, letters=read.letters)
    if private:
        return RespondentType.BORGER, "private-statement", f'teksten siger "{private}"', ""
    named = named_organisation(
        display=read.display,
        signature=read.signature,
        text=read.text,
        attachments=read.letters,
        registry=registry,
        rules=_rule_on_part,
        subject=read.subject,
        public_sender=_public_sender(read.domain, known, registry),
    )
    passed = passes_on(read.text, read.signature, read.subject) or (
        forwarded_by_office(read.display, read.signature, read.text)
    )
    # A mail passing on another's letter speaks for a citizen, unless it says which
    # organisation it sends for ("på vegne af vores medlemsorganisation Dansk Skoleidræt").
    if passed and not (named and named.rule_id == "on-behalf-org"):
        return RespondentType.BORGER, "private-statement", f'teksten siger "{passed}"', ""
    body = None if read.personal_domain else registry.by_domain(read.domain)
    if named and named.rule_id == "signature-title-line" and read.personal_domain:
        # An unknown employer under a job title, from a private address: a person; an
        # association's chair writes from home as its chair.
        named = named if named.officer else None
    if named and read.personal_domain and _workplace(named):
        rule = f"{named.rule}, men afsenderen skriver fra {read.domain}: en arbejdsplads"
        return RespondentType.BORGER, "authority-workplace", rule, ""
    if named and body and named.rule_id != "registry-name" and _same_body(named, body):
        listed = named.organisation if named.joint else body.written_in(named.organisation)
        return body.type, named.rule_id, named.rule, listed
    if named and body and named.rule_id != "registry-name" and UNIT.match(named.organisation):
        rule = f"{named.rule}; domænet {read.domain} tilhører {body.name}"  # its institute
        return body.type, "unit-of-body", rule, named.organisation
    if named:
        return named.type, named.rule_id, named.rule, named.organisation
    if body:
        rule = f"domænet {read.domain} tilhører {body.name}"
        return body.type, "registry-domain", rule, body.name
    if not read.personal_domain:
        persons = (read.display, signature_name(read.signature))
        blocks = [read.signature, *map(letter_signature, read.letters)]
        spelled = domain_named(blocks, read.domain, persons)
        if spelled:
            return spelled.type, spelled.rule_id, spelled.rule, spelled.organisation
    said = self_description(read.text, *read.letters)
    if said and read.domain and not read.personal_domain:  # named by its domain
        return said[0], "self-description", f'teksten siger "{said[1]}"', read.domain
    return _classify(read.display, read.domain, read.signature, known, read.personal_domain)


def _workplace(named: Named) -> bool:
    """An authority named only in the signature of a mail from a private address is the
    writer's workplace: an authority's staff answer from its own domain, a person signs
    with their job ("cand.scient.pol.\nFinansministeriet" from gmail.com)."""
    return named.type == RespondentType.MYNDIGHED and named.rule.startswith("signatur ")


def _same_body(named: Named, body: Body) -> bool:
    """Whether the organisation the text names is the domain's body, spelled out ("Dansk
    Industri (DI)"), not a council or association of it ("Ældrerådet i Svendborg Kommune",
    written from svendborg.dk, speaks for the council, not the municipality)."""
    if not body.named_in(named.organisation):
        return False
    return not ASSOCIATION.pattern.search(named.organisation) or bool(
        ASSOCIATION.pattern.search(body.name)
    )


def _public_sender(domain: str, known: Domains, registry: Registry) -> bool:
    """Whether the sender's domain is a public authority's (listed, or "nordbykommune.dk")."""
    body = registry.by_domain(domain)
    if body:
        return body.type == RespondentType.MYNDIGHED
    return bool(domain) and _public_domain(domain, known.public) is not None


def _rule_on_part(part: str, place: str) -> tuple[str, RespondentType, str, str] | None:
    """A name rule (Kommune, forening, A/S, ...) fired on one part of a line."""
    verdict = _by_names(PUBLIC_RULES, ((place, part),)) or _by_names(
        PRIVATE_RULES, ((place, part),)
    )
    if not verdict:
        return None
    type_, rule_id, rule, segment = verdict
    return segment, RespondentType(type_), rule_id, rule


def sent_on_behalf_of(text: str, display: str, signature: str = "") -> tuple[str, str] | None:
    """(name, phrase) when the text says it passes on a named person's reply, else None."""
    for match in _ON_BEHALF.finditer(text):
        name = match.group("name")
        own = name.casefold() in (display.casefold(), signature_name(signature).casefold())
        looks_like_name = all(map(_NAME_WORD.match, name.split()))
        # "bidrag fra Nordlys Software A/S": the words up to the next comma name a company.
        end = _PHRASE_END.search(text, match.end())
        phrase = text[match.start("name") : end.start() if end else len(text)]
        if not own and looks_like_name and not _names_an_organisation(phrase):
            return name, " ".join(match.group().split())
    return None


Verdict = tuple[str, str, str, str]  # type, rule id, rule text, organisation


def _classify(
    display: str, domain: str, signature: str, known: Domains, personal_domain: bool
) -> Verdict:
    """The verdict of the first rule that fires, in the order of the module docstring."""
    sources = ((TextPlace.SIGNATURE, signature), (TextPlace.DISPLAY_NAME, display))
    organisation = "" if personal_domain else domain
    return (
        _by_names(PUBLIC_RULES, sources)
        or _public_domain(domain, known.public, listed_only=True)
        # "formand@aabenkommune.example, Foreningen Åben Kommune": the association's name
        # says more than the word "kommune" in its domain.
        or _by_names((ASSOCIATION,), sources)
        or _public_domain(domain, known.public)
        or _by_names(PRIVATE_RULES, sources)
        or _by_cvr(signature, organisation)
        or _by_personal_domain(domain, personal_domain)
        or (RespondentType.BORGER, "default", "ingen regel ramte; privatperson antaget", "")
    )


def _by_names(rules: tuple[Rule, ...], sources: tuple[tuple[str, str], ...]) -> Verdict | None:
    for rule in rules:
        for source, text in sources:
            for match in rule.pattern.finditer(text):
                segment = _segment_around(text, match)
                if PERSONAL_TIE.match(segment):
                    continue  # "Borger i Holbæk Kommune": where a person lives
                if rule.type == RespondentType.MYNDIGHED and ASSOCIATION.pattern.search(segment):
                    continue  # "Foreningen Åben Kommune" is an association
                described = f'{source} indeholder "{match.group().strip()}"'
                return rule.type, rule.id, described, segment
    return None


def _by_cvr(signature: str, organisation: str) -> Verdict | None:
    if not CVR_RULE.pattern.search(signature):
        return None
    return (
        RespondentType.VIRKSOMHED,
        CVR_RULE.id,
        f"{TextPlace.SIGNATURE} indeholder CVR-nummer",
        organisation,
    )


def _by_personal_domain(domain: str, personal_domain: bool) -> Verdict | None:
    if not personal_domain:
        return None
    if is_student_domain(domain):
        rule = f"domænet {domain} er en studerendes mailadresse"
        return RespondentType.BORGER, "student-domain", rule, ""
    return RespondentType.BORGER, "webmail-domain", f"domænet {domain} er en webmail", ""


def _public_domain(
    domain: str, public: Mapping[str, str], *, listed_only: bool = False
) -> Verdict | None:
    for known, name in public.items():
        if domain == known or domain.endswith(f".{known}"):
            text = f"domænet {domain} er på listen over offentlige domæner"
            return RespondentType.MYNDIGHED, "public-domain", text, name
    if listed_only:
        return None
    label = domain.split(".")[0]
    match = PUBLIC_LABEL.search(label)
    if match:
        text = f'domænet {domain} indeholder "{match.group()}"'
        return RespondentType.MYNDIGHED, "public-domain-name", text, domain
    return None


def _segment_around(text: str, match: re.Match[str]) -> str:
    """The piece of the line around a match: "Formand, Foreningen X" -> "Foreningen X"."""
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line = text[line_start : len(text) if line_end < 0 else line_end]
    offset, start = match.start() - line_start, 0
    for separator in _SEGMENT_SPLIT.finditer(line):
        if offset < separator.start():
            return line[start : separator.start()].strip()
        start = separator.end()
    return line[start:].strip()


def _display_name(name: str) -> str:
    """The display name, with Outlook's "Last, First" turned round and quotes dropped."""
    name = " ".join(name.replace('"', "").split())
    last, comma, first = (part.strip() for part in name.partition(","))
    if (
        comma
        and first
        and " " not in last
        and "," not in first
        and not _names_an_organisation(name)
    ):
        return f"{first} {last}"
    return name


def _names_an_organisation(text: str) -> bool:
    return any(rule.pattern.search(text) for rule in PUBLIC_RULES + PRIVATE_RULES)


def signature_name(signature: str) -> str:
    """The first line below the closing that looks like a person's name ("Jens Kofoed")."""
    for line in signature.splitlines()[1:]:
        words = line.split()
        looks_like_name = 2 <= len(words) <= 4 and all(map(_NAME_WORD.match, words))
        if looks_like_name and not _names_an_organisation(line):
            return line.strip()
    return ""
