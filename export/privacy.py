"""What an export may show of personal data: redaction and pseudonymization settings.

Rules (README "Personal data in exports"):
- CPR numbers are replaced in every text of every export unless `redact_cpr` is turned off
  explicitly (`--no-redact-cpr`): replies are published, CPR numbers never are.
- `redact` also replaces phone numbers and e-mail addresses in all text, and blanks the
  sender address of private individuals (respondent type borger); organisations' and
  authorities' addresses stay, as they are the sender's public function.
- `pseudonymize` replaces a borger's name with "Borger N", stable for the database
  (numbered by the borger's first reply), wherever it occurs: the full name, each part of it
  ("Mvh Søren", "Grethes forslag"), in every text including subject and file names. In the
  borger's texts it also replaces every e-mail address, phone number, street address
  ("Engtoften 3", "Nørregade 7, 2. th.") and postcode-town line ("8000 Aarhus C"), and
  leaves their sender address out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from hoering.analysis.personal_data import EMAIL, MARKERS, redact
from hoering.vocab import RespondentType


@dataclass(frozen=True)
class Privacy:
    """Redaction settings for one export; `pseudonyms` maps a borger's address to "Borger N"."""

    redact: bool = False
    redact_cpr: bool = True
    pseudonymize: bool = False
    pseudonyms: Mapping[str, str] = field(default_factory=dict)

    def text(self, value: str) -> str:
        """The text with the personal data these settings remove replaced by markers."""
        if not value or not (self.redact or self.redact_cpr):
            return value
        return redact(value, cpr=self.redact_cpr, phone=self.redact, email=self.redact)

    def pseudonym(self, email: str, respondent_type: str) -> str | None:
        """The pseudonym to show instead of a borger's name, or None to show the name."""
        if not self.pseudonymize or respondent_type != RespondentType.BORGER:
            return None
        return self.pseudonyms.get(email.strip().lower()) or "Borger"

    def hides_email(self, respondent_type: str) -> bool:
        """Whether a sender address is left out: a borger's, under --redact or --pseudonymize."""
        return respondent_type == RespondentType.BORGER and (self.redact or self.pseudonymize)

    def describe(self) -> dict[str, bool]:
        """The settings as written into the manifest."""
        return {
            "redact": self.redact,
            "redact_cpr": self.redact_cpr,
            "pseudonymize": self.pseudonymize,
        }


def number_borgere(senders: Iterable[tuple[str, str]]) -> dict[str, str]:
    """ "Borger 1", "Borger 2", ... for (email, type) pairs given in order of first reply."""
    numbered: dict[str, str] = {}
    for email, respondent_type in senders:
        key = email.strip().lower()
        if respondent_type == RespondentType.BORGER and key and key not in numbered:
            numbered[key] = f"Borger {len(numbered) + 1}"
    return numbered


_NAME_PART = re.compile(r"^[A-ZÆØÅ][\wæøåéü'-]*\.?$")
_PARTICLES = {"af", "de", "van", "von", "la", "le", "du", "der"}


def name_parts(names: Iterable[str]) -> list[str]:
    """The words of each person's name ("Søren Ærø Jørgensen" -> Søren, Ærø, Jørgensen):
    a signature says "Mvh Søren", a text "Jørgensens forslag"."""
    parts: set[str] = set()
    for name in names:
        words = name.split()
        if 2 <= len(words) <= 5 and all(_NAME_PART.match(w) or w in _PARTICLES for w in words):
            parts.update(w.rstrip(".") for w in words if w not in _PARTICLES and len(w) >= 2)
    return sorted(parts, key=len, reverse=True)


def replace_names(text: str, names: Iterable[str], pseudonym: str) -> str:
    """Every occurrence of each name (whole words, any case), then of each part of it
    (capitalized, also with a genitive s), replaced by the pseudonym."""
    names = list(names)
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True):
        pattern = rf"(?<![^\W_]){re.escape(name)}(?![^\W_])"
        text = re.sub(pattern, pseudonym, text, flags=re.IGNORECASE)
    for part in name_parts(names):
        for form in (part, part.upper()):
            # "_" is a boundary too: file names such as "Høringssvar_Ida_Rasmussen.pdf".
            pattern = rf"(?<![^\W_]){re.escape(form)}(s?)(?![^\W_])"
            text = re.sub(pattern, rf"{pseudonym}\1", text)
    return text


def pseudonymize_text(text: str, names: Iterable[str], pseudonym: str, address: str) -> str:
    """A borger's text with their name, and every e-mail, phone and street address, replaced."""
    if not text:
        return text
    text = replace_address(text, address)
    text = redact(text, cpr=False, phone=True, email=True, address=True)
    return replace_names(text, names, pseudonym)


def replace_address(text: str, address: str) -> str:
    """Every occurrence of the address (any case) replaced by the e-mail marker."""
    if not address.strip():
        return text
    return re.sub(re.escape(address.strip()), MARKERS[EMAIL], text, flags=re.IGNORECASE)
