"""What an export may show of personal data: redaction and pseudonymization settings.

Rules (README "Personal data in exports"):
- CPR numbers are replaced in every text of every export unless `redact_cpr` is turned off
  explicitly (`--no-redact-cpr`): replies are published, CPR numbers never are.
- `redact` also replaces phone numbers and e-mail addresses in all text, and blanks the
  sender address of private individuals (respondent type borger); organisations' and
  authorities' addresses stay, as they are the sender's public function.
- `pseudonymize` replaces a borger's name with "Borger N" from the stored pseudonym map
  (store/pseudonyms.py: numbered once, by the borger's first reply), wherever it occurs:
  the full name, each part of it ("Mvh Søren", "Grethes forslag"), in every text including
  subject and file names. In the borger's texts it also replaces every e-mail address,
  phone number, street address ("Engtoften 3", "Nørregade 7, 2. th.") and postcode-town
  line ("8000 Aarhus C"), and leaves their sender address out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

from hoering.analysis.personal_data import EMAIL, MARKERS, redact
from hoering.export.views import AttachmentView, InitiativeView, ReplyView
from hoering.store.pseudonyms import respondent_key
from hoering.vocab import RespondentType


@dataclass(frozen=True)
class Policy:
    """What one export removes (README "Personal data in exports")."""

    redact: bool = False
    redact_cpr: bool = True
    pseudonymize: bool = False

    def text(self, value: str) -> str:
        """The text with the personal data these settings remove replaced by markers."""
        if not value or not (self.redact or self.redact_cpr):
            return value
        return redact(value, cpr=self.redact_cpr, phone=self.redact, email=self.redact)

    def pseudonym(self, view: ReplyView, pseudonyms: Mapping[str, int]) -> str | None:
        """The pseudonym to show instead of a borger's name, or None to show the name."""
        if not self.pseudonymize or view.respondent_type != RespondentType.BORGER:
            return None
        number = pseudonyms.get(respondent_key(view.sender_email))
        return f"Borger {number}" if number else "Borger"

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


def apply(view: ReplyView, policy: Policy, pseudonyms: Mapping[str, int]) -> ReplyView:
    """The view with what the policy removes replaced, in every text field of the reply, its
    attachments and its initiatives: one transform, so no renderer can leak what another
    hides. `pseudonyms` is the stored map (store/pseudonyms.pseudonym_map)."""
    pseudonym = policy.pseudonym(view, pseudonyms)
    text = _text_rule(view, policy, pseudonym)
    return replace(
        view,
        sender_name=pseudonym or policy.text(view.sender_name),
        sender_email="" if policy.hides_email(view.respondent_type) else view.sender_email,
        respondent_name=pseudonym or policy.text(view.respondent_name),
        organisation=text(view.organisation),
        respondent_rule=text(view.respondent_rule),
        subject=text(view.subject),
        reason=text(view.reason),
        notes=text(view.notes),
        references=tuple(text(r) for r in view.references),
        attachments=tuple(_attachment(a, text) for a in view.attachments),
        source=text(view.source),
        reply_text=text(view.reply_text),
        text=text(view.text),
        initiatives=tuple(_initiative(i, text) for i in view.initiatives),
    )


def _attachment(att: AttachmentView, text: Callable[[str], str]) -> AttachmentView:
    return replace(
        att, path=text(att.path), filename=text(att.filename), error=text(att.error),
        text=text(att.text),
    )  # fmt: skip


def _initiative(item: InitiativeView, text: Callable[[str], str]) -> InitiativeView:
    return replace(
        item, title=text(item.title), text=text(item.text), owner=text(item.owner),
        reason=text(item.reason), notes=text(item.notes), origin=text(item.origin),
    )  # fmt: skip


def _text_rule(view: ReplyView, policy: Policy, pseudonym: str | None) -> Callable[[str], str]:
    """The rule for any text of this reply, each value whole (its lines still apart)."""
    # A library sending on a citizen's letter: the library's name is no person's name.
    on_behalf = view.respondent_rule_id == "sent-on-behalf"
    names = (view.respondent_name,) if on_behalf else (view.sender_name, view.respondent_name)

    def text(value: str) -> str:
        if pseudonym:
            # The address names the person too ("Fra: Ida <ida@...>" in a forwarded mail).
            value = pseudonymize_text(value, names, pseudonym, view.sender_email)
        return policy.text(value)

    return text


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
