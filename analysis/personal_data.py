"""Find and redact personal data in reply text: CPR numbers, Danish phone numbers, e-mail
addresses and street addresses.

Replies are published, and CPR numbers must never be. The detectors lean towards redacting:
a CPR number is any date-valid birth date followed by a four-digit serial (the modulus-11
check was dropped for numbers issued since 2007, so it proves nothing), not part of a longer
run of digits. People spell it as they spell dates: 010180-1234, 0101801234, 010180 1234,
010180/1234, 010180.1234, 01.01.80-1234, 01-01-80-1234, 01 01 80 1234, 01/01/80-1234 and
with four-digit years (01.01.1980-1234, 01011980-1234). In the three-part forms day, month
and year are split by the same kind of separator ("01.01.80", not "01.01-80"): a person
writes their birth date one way, and the rule keeps chance runs of numbers out. A date
alone ("01.01.80") is never a CPR number.

A label right before the number can say what else it is: a P-number, CVR/SE number,
EAN/GLN or bank account keeps any spelling; a journal number ("J.nr. 13.02.17-1234") keeps
only the three-part spellings, see `_JOURNAL_LABEL`.
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
_DASHES = "-\u2010\u2011\u2013"
_CPR_SEPARATOR = rf"(?:[ \u00a0]?[{_DASHES}][ \u00a0]?|[ \u00a0./])"
_DATE_SEPARATOR = rf"[{_DASHES} \u00a0./]"
# CPR numbers cover births from 1858 to 2057 (the century is coded in the serial).
_LONG_YEAR = r"(?:18|19|20)\d\d"
_CPR_RE = re.compile(
    r"(?<!\d)(?:"
    # 01.01.80-1234, 01-01-80-1234, 01 01 80 1234, 01/01/1980-1234
    rf"(?P<day>\d\d)(?P<sep1>{_DATE_SEPARATOR})(?P<month>\d\d)(?P<sep2>{_DATE_SEPARATOR})"
    rf"(?P<year>{_LONG_YEAR}|\d\d){_CPR_SEPARATOR}"
    # 010180-1234, 0101801234, 010180/1234, 01011980-1234 (a long year needs a separator)
    rf"|(?P<cday>\d\d)(?P<cmonth>\d\d)(?:(?P<cyear>\d\d){_CPR_SEPARATOR}?"
    rf"|(?P<clong>{_LONG_YEAR}){_CPR_SEPARATOR})"
    r")\d{4}(?!\d)"
)
# Numbers that are not CPR numbers, whatever their spelling: production unit (P-nr, ten
# digits), CVR/SE, EAN/GLN, and bank accounts ("Reg.nr. 1234 Konto 0101801234": ten digits).
_NOT_CPR_LABEL = re.compile(
    r"(?i)(?:\bp-?n(?:r|ummer)|\bcvr(?:-?n(?:r|ummer))?|\bse-?n(?:r|ummer)|\bean|\bgln"
    r"|\bkonto(?:-?n(?:r|ummer))?"
    r"|\breg(?:istrerings)?\.?\s?-?n(?:r|ummer)\.?"
    r"(?:\s*(?:og|/|\+|&)\s*konto(?:-?n(?:r|ummer))?)?\.?\s*:?\s*\d{4}[ \u00a0-]?)"
    r"\.?\s*:?\s*$"
)
# Journal numbers of a case ("J.nr. 13.02.17-1234": the KLE subject 13.02.17 reads as a
# date) and the writer's own reference keep the three-part spellings. The compact spellings
# (130217-1234) are redacted even here: a municipality's case about a person may be filed
# under the person's CPR number. "Deres ref." is not a label here for the same reason: it
# repeats the reference the addressee gave, which for a citizen may be their CPR number.
_JOURNAL_LABEL = re.compile(
    r"(?i)(?:\bj\.?\s?nr|\bjour(?:nal)?\.?\s?-?n(?:r|ummer)|\bsags?\.?\s?-?n(?:r|ummer)"
    r"|\bsag\s+nr|\bvores\s+ref(?:erence)?)\.?\s*:?\s*$"
)
_LABEL_REACH = 40  # characters before a number searched for its label

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
_EMAIL = r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}"
_EMAIL_RE = re.compile(r"(?<![\w.%+-])" + _EMAIL)
_EMAIL_GLUED = re.compile(_EMAIL)


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


# A line (or a " · " segment of one) that is only "Name Number[, floor]": "Dæmningen 31,
# 1. th.", "Skovbrynet 14". A street whatever its name ends in, but only where the lines
# around it are a person's contact block (export/pseudonymize.py): "Forslag 2" has the
# same shape, and the words a heading starts with are left out here for that reason.
STREET_LINE = re.compile(
    r"[ \t]*(?!(?i:forslag|punkt|bilag|kapitel|afsnit|side|artikel|initiativ|paragraf|tema"
    r"|emne|del|trin|fase|nr|version|kl|bind|nummer|år|uge)\b)"
    rf"(?:[A-ZÆØÅ][\wæøåéü.'-]*[ \t]+){{0,3}}[A-ZÆØÅ][\wæøåéü'-]*[ \t]+{_NUMBER}{_FLOOR}"
    r"[ \t]*[,.]?[ \t]*"
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
    """True when DD, MM, YY (or YYYY) is a calendar date.

    With a two-digit year the century (coded in the 7th digit) is not checked: 29 Feb counts
    in every year divisible by 4, so 29 Feb 1900 passes, erring on the side of redacting.
    A four-digit year names its century, and the Gregorian rule applies (1900 no, 2000 yes).
    """
    if not 1 <= month <= 12 or not 1 <= day <= _DAYS_IN_MONTH[month - 1]:
        return False
    if month != 2 or day != 29:
        return True
    return year % 4 == 0 and (year < 100 or year % 100 != 0 or year % 400 == 0)


def find_cpr(text: str) -> tuple[Finding, ...]:
    """Date-valid CPR numbers in any of the spellings above, not inside longer numbers."""
    found = []
    position = 0
    while match := _CPR_RE.search(text, position):
        if _is_cpr(text, match):
            found.append(Finding(CPR, match.start(), match.end(), match.group()))
            position = match.end()
        else:
            # A rejected candidate may overlap a real number starting inside it.
            position = match.start() + 1
    return tuple(found)


def _is_cpr(text: str, match: re.Match[str]) -> bool:
    """Whether a candidate is a date with consistent separators and no label against it."""
    three_part = match["day"] is not None
    if three_part:
        if _separator_kind(match["sep1"]) != _separator_kind(match["sep2"]):
            return False
        day, month, year = match["day"], match["month"], match["year"]
    else:
        day, month, year = match["cday"], match["cmonth"], match["cyear"] or match["clong"]
    if not is_cpr_date(int(day), int(month), int(year)):
        return False
    before = text[max(0, match.start() - _LABEL_REACH) : match.start()]
    if _NOT_CPR_LABEL.search(before):
        return False
    return not (three_part and _JOURNAL_LABEL.search(before))


def _separator_kind(separator: str) -> str:
    """The kind of a date separator: any dash is a dash, any space a space."""
    if separator in _DASHES:
        return "-"
    return " " if separator.isspace() else separator


def find_emails(text: str) -> tuple[Finding, ...]:
    """E-mail addresses (Unicode local parts and domains included)."""
    found = []
    position = 0
    while match := _EMAIL_RE.search(text, position):
        found.append(Finding(EMAIL, match.start(), match.end(), match.group()))
        position = match.end()
        # "a@b.dk-c@d.dk": an address glued to the one before starts inside a run the
        # look-behind refuses, and would surface only once the first was redacted.
        while glued := _EMAIL_GLUED.match(text, position):
            found.append(Finding(EMAIL, glued.start(), glued.end(), glued.group()))
            position = glued.end()
    return tuple(found)


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
