"""Find and redact personal data in reply text: CPR numbers, Danish phone numbers, e-mail addresses.

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

MARKERS = {
    CPR: "[CPR-nummer fjernet]",
    PHONE: "[telefonnummer fjernet]",
    EMAIL: "[e-mailadresse fjernet]",
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


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind, where it is and the text found there."""

    kind: str  # "cpr", "phone" or "email"
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


def find_personal_data(
    text: str, *, cpr: bool = True, phone: bool = True, email: bool = True
) -> tuple[Finding, ...]:
    """All findings of the chosen kinds, in text order, never overlapping."""
    cprs = find_cpr(text)
    emails = find_emails(text)
    # Phones are looked for where no CPR number or address is, so a CPR number is never
    # half-taken as a phone number.
    phones = find_phones(_masked(text, cprs + emails))
    wanted = (cprs if cpr else ()) + (emails if email else ()) + (phones if phone else ())
    return tuple(_without_overlaps(text, wanted))


def redact_report(
    text: str, *, cpr: bool = True, phone: bool = True, email: bool = True
) -> Redaction:
    """Replace each finding with a marker such as "[CPR-nummer fjernet]"; report what went."""
    findings = find_personal_data(text, cpr=cpr, phone=phone, email=email)
    parts, position = [], 0
    for finding in findings:
        parts += [text[position : finding.start], MARKERS[finding.kind]]
        position = finding.end
    parts.append(text[position:])
    return Redaction("".join(parts), findings)


def redact(text: str, *, cpr: bool = True, phone: bool = True, email: bool = True) -> str:
    """The text with CPR numbers, phone numbers and e-mail addresses replaced by markers."""
    return redact_report(text, cpr=cpr, phone=phone, email=email).text


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

    Only a CPR number and an e-mail address can overlap ("010180 1234@example.dk"); the
    widened finding keeps the first one's kind, and its marker covers both.
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
