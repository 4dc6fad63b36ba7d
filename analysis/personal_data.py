"""Find and redact personal data in reply text: CPR numbers, Danish phone numbers, e-mail
addresses and street addresses.

Replies are published, and CPR numbers must never be. The detectors lean towards redacting:
a CPR number is any date-valid DDMMYY-XXXX (the modulus-11 check was dropped for numbers
issued since 2007, so it proves nothing), with a dash, a space or nothing in between, that is
not part of a longer run of digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

CPR = "cpr"
PHONE = "phone"
EMAIL = "email"
ADDRESS = "address"

MARKERS = {
    CPR: "[CPR-nummer fjernet]",
    PHONE: "[telefonnummer fjernet]",
    EMAIL: "[e-mailadresse fjernet]",
    ADDRESS: "[adresse fjernet]",
}

_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)

# Dashes Word and Outlook put in typed text: hyphen, U+2010, non-breaking U+2011, en dash.
_CPR_SEPARATOR = r"(?:[ \u00a0]?[-\u2010\u2011\u2013][ \u00a0]?|[ \u00a0])?"
_CPR_RE = re.compile(rf"(?<!\d)(\d\d)(\d\d)(\d\d){_CPR_SEPARATOR}\d{{4}}(?!\d)")
# Ten-digit numbers that are not CPR numbers: production unit (P-nr), CVR/SE, EAN/GLN.
_NOT_CPR_LABEL = re.compile(
    r"(?i)(?:\bp-?n(?:r|ummer)|\bcvr(?:-?n(?:r|ummer))?|\bse-?n(?:r|ummer)|\bean|\bgln)"
    r"\.?\s*:?\s*$"
)

_GROUP_SEP = r"[ \u00a0.-]?"
_PHONE_BODY = (
    rf"(?:\d\d{_GROUP_SEP}\d\d{_GROUP_SEP}\d\d{_GROUP_SEP}\d\d|\d{{4}}{_GROUP_SEP}\d{{4}})"
)
_PHONE_PREFIXED = re.compile(
    rf"(?:\(\s?(?:\+|00)45\s?\)|\+\s?45|(?<!\d)0045)[ \u00a0.-]?{_PHONE_BODY}(?!\d)"
)
_PHONE_LABELLED = re.compile(
    r"(?i)\b(?:tlf|telefon(?:nummer|nr)?|tel|mobil(?:nummer|nr)?|mob|phone|mobile|cell"
    r"|direkte|dir|fax|sms)\.?(?:\s?(?:nr|nummer)\.?)?\s*:?\s*"
    rf"(?P<num>{_PHONE_BODY})(?!\d)"
)
# Without +45 or a label only the usual groupings count ("12 34 56 78", "1234 5678"), and
# only numbers starting with 2-9 (the Danish plan): a bare 8-digit run is as likely a CVR.
_PHONE_BARE = re.compile(
    r"(?<![\d+])(?<!\d[ \u00a0.-])"
    r"(?P<num>[2-9]\d(?P<sep>[ \u00a0.-])\d\d(?P=sep)\d\d(?P=sep)\d\d|[2-9]\d{3}[ \u00a0]\d{4})"
    r"(?![ \u00a0.-]?\d)"
)
_YEAR_PAIR = re.compile(r"(?:19|20)\d\d[ \u00a0](?:19|20)\d\d")  # "2017 2019" is no phone

# The lookbehind starts a match only where a run of address characters starts: without it
# every position inside a long word is tried, and a 200,000-letter word takes minutes.
_EMAIL_RE = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")


# Danish street addresses: "Engtoften 3", "Nørregade 7, 2. th.", "Gammel Kongevej 12A, st.",
# "H.C. Andersens Boulevard 27, 1. sal". Street names end in one of these words (most are
# one word: "Skovvej", "Engtoften"), or the line is "Name Number" above a postcode line.
_STREET_WORDS = (
    r"vej|vejen|gade|gaden|allé|alle|stræde|strædet|plads|pladsen|torv|torvet|vænge|vænget"
    r"|park|parken|toft|toften|tofte|bakke|bakken|have|haven|eng|engen|mark|marken|høj|højen"
    r"|sti|stien|boulevard|vang|vangen|lund|lunden|krog|krogen|bjerg|skov|skoven|dal|dalen"
    r"|holm|strand|strandvej|kær|mose|ager|agre|gård|gården|hegn|sletten|bro|broen|kaj|kajen"
    r"|vold|volden|løkke|løkken|have|ring|ringen|hus|huse|bryggen|brygge|kvarter|kvarteret"
)
_FLOOR = (
    r"(?:,?[ \t]*(?:\d{1,2}\.|st\.?|kl\.?|stuen)(?:[ \t]*(?:sal|th|tv|mf)\b\.?)?"
    r"(?:[ \t]*,?[ \t]*(?:th|tv|mf)\b\.?)?)?"
)
_NUMBER = r"\d{1,4}(?:\s?[A-Za-z](?![\w]))?"
_STREET = re.compile(
    rf"(?<![\w.])(?:[A-ZÆØÅ][\wæøåéü.'-]*[ \t]+){{0,3}}"
    rf"(?:[A-ZÆØÅ][\wæøåéü'-]*(?:{_STREET_WORDS})|(?=[A-ZÆØÅ])(?i:{_STREET_WORDS}))"
    rf"[ \t]+{_NUMBER}{_FLOOR}(?!\w)",
)
_POSTBOX = re.compile(r"\b(?:Postboks|Boks|P\.?O\.? Box)\s+\d{1,5}\b", re.IGNORECASE)
# "8000 Aarhus C", "2100 København Ø", "DK-9999 Nordby": at a line's start or after a comma
# or a street address, so "i 2017 Digitaliseringsstyrelsen" is no address.
_POSTCODE_TOWN = re.compile(
    r"(?:^|(?<=,\s)|(?<=,)|(?<=\s\s)|(?<=\]\s)|(?<=·\s)|(?<=\|\s)|(?<=[-–]\s))"
    r"[ \t]*(?:DK-?\s?)?[1-9]\d{3}[ \t]+"
    r"[A-ZÆØÅ][\wæøåé.-]+(?:[ \t]+(?:[A-ZÆØÅ][\wæøåé.-]+|[A-ZÆØÅ]\b))*",
    re.MULTILINE,
)
# A line "Name Number" (any street name) directly above a postcode-town line.
_LINE_ABOVE_POSTCODE = re.compile(
    rf"^[ \t]*(?:[A-ZÆØÅ][\wæøåéü.'-]*[ \t]){{0,3}}[A-ZÆØÅ][\wæøåéü'-]*[ \t]+{_NUMBER}{_FLOOR}"
    r"[ \t]*,?[ \t]*$(?=\n[ \t]*(?:DK-?\s?)?[1-9]\d{3}[ \t]+[A-ZÆØÅ])",
    re.MULTILINE,
)


# "Birkely 4, 4000 Roskilde": any "Name Number" right before a postcode and town.
_BEFORE_POSTCODE = re.compile(
    rf"(?<![\w.])(?:[A-ZÆØÅ][\wæøåéü.'-]*[ \t]){{0,2}}[A-ZÆØÅ][\wæøåéü'-]*[ \t]+{_NUMBER}{_FLOOR}"
    r"(?=,[ \t]*(?:DK-?\s?)?[1-9]\d{3}[ \t]+[A-ZÆØÅ])"
)


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind, where it is and the text found there."""

    kind: str  # "cpr", "phone", "email" or "address"
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Redaction:
    """A redacted text and what was taken out of the original (offsets into the original)."""

    text: str
    findings: tuple[Finding, ...]


def is_cpr_date(day: int, month: int, year: int) -> bool:
    """True when DD, MM, YY is a calendar date; 29 Feb counts in every year divisible by 4.

    The century (coded in the 7th digit) is not checked: 29 Feb 1900 passes, erring on the
    side of redacting.
    """
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        return False
    return not (month == 2 and day == 29 and year % 4)


def find_cpr(text: str) -> tuple[Finding, ...]:
    """Date-valid CPR numbers, with or without a dash or space, not inside longer numbers."""
    found = []
    for match in _CPR_RE.finditer(text):
        day, month, year = (int(group) for group in match.groups())
        if not is_cpr_date(day, month, year):
            continue
        if _NOT_CPR_LABEL.search(text, max(0, match.start() - 20), match.start()):
            continue
        found.append(Finding(CPR, match.start(), match.end(), match.group()))
    return tuple(found)


def find_emails(text: str) -> tuple[Finding, ...]:
    """E-mail addresses (Unicode local parts and domains included)."""
    return tuple(Finding(EMAIL, m.start(), m.end(), m.group()) for m in _EMAIL_RE.finditer(text))


def find_phones(text: str) -> tuple[Finding, ...]:
    """Danish phone numbers: with +45/0045, after a label such as "Tlf.", or in the usual groups."""
    spans = [m.span() for m in _PHONE_PREFIXED.finditer(text)]
    spans += [m.span("num") for m in _PHONE_LABELLED.finditer(text)]
    spans += [
        m.span("num")
        for m in _PHONE_BARE.finditer(text)
        if not _YEAR_PAIR.fullmatch(m.group("num"))
    ]
    return tuple(_without_overlaps(text, (Finding(PHONE, s, e, text[s:e]) for s, e in spans)))


def find_addresses(text: str) -> tuple[Finding, ...]:
    """Street addresses with floor and door, postboxes, and postcode-town lines."""
    spans = [m.span() for m in _STREET.finditer(text)]
    spans += [m.span() for m in _POSTBOX.finditer(text)]
    spans += [m.span() for m in _LINE_ABOVE_POSTCODE.finditer(text)]
    spans += [m.span() for m in _BEFORE_POSTCODE.finditer(text)]
    spans += [(m.start() + len(m.group()) - len(m.group().lstrip()), m.end())
              for m in _POSTCODE_TOWN.finditer(text)]  # fmt: skip
    findings = (Finding(ADDRESS, s, e, text[s:e]) for s, e in spans if text[s:e].strip())
    return tuple(_without_overlaps(text, findings))


def find_personal_data(
    text: str, *, cpr: bool = True, phone: bool = True, email: bool = True, address: bool = False
) -> tuple[Finding, ...]:
    """All findings of the chosen kinds, in text order, never overlapping."""
    cprs = find_cpr(text)
    emails = find_emails(text)
    # Phones are looked for where no CPR number or address is, so a CPR number is never
    # half-taken as a phone number.
    phones = find_phones(_masked(text, cprs + emails))
    wanted = (cprs if cpr else ()) + (emails if email else ()) + (phones if phone else ())
    if address:
        wanted += find_addresses(_masked(text, wanted))
    return tuple(_without_overlaps(text, wanted))


def redact_report(
    text: str, *, cpr: bool = True, phone: bool = True, email: bool = True, address: bool = False
) -> Redaction:
    """Replace each finding with a marker such as "[CPR-nummer fjernet]"; report what went."""
    findings = find_personal_data(text, cpr=cpr, phone=phone, email=email, address=address)
    parts, position = [], 0
    for finding in findings:
        parts += [text[position : finding.start], MARKERS[finding.kind]]
        position = finding.end
    parts.append(text[position:])
    return Redaction("".join(parts), findings)


def redact(
    text: str, *, cpr: bool = True, phone: bool = True, email: bool = True, address: bool = False
) -> str:
    """The text with CPR numbers, phone numbers, e-mail (and street) addresses as markers."""
    return redact_report(text, cpr=cpr, phone=phone, email=email, address=address).text


def _masked(text: str, findings: Iterable[Finding]) -> str:
    """The text with each finding blanked out, edged like its marker ("[...]").

    Phones are then looked for as they will stand next to the markers after redaction, so
    redacting twice changes nothing ("...1234Tlf. 12 34 56 78": no label until the CPR
    number before "Tlf." has become "...fjernet]").
    """
    chars = list(text)
    for finding in findings:
        chars[finding.start : finding.end] = "[" + "\x00" * (finding.end - finding.start - 2) + "]"
    return "".join(chars)


def _without_overlaps(text: str, findings: Iterable[Finding]) -> list[Finding]:
    """Earliest (then longest) first; a finding overlapping a kept one widens it instead.

    A CPR number and an e-mail address can overlap ("010180 1234@example.dk"), and the
    address patterns overlap each other; the widened finding keeps the first one's kind,
    and its marker covers both.
    """
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.start - f.end)):
        if kept and finding.start < kept[-1].end:
            last = kept[-1]
            end = max(last.end, finding.end)
            kept[-1] = Finding(last.kind, last.start, end, text[last.start : end])
            continue
        kept.append(finding)
    return kept
