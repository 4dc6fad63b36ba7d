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

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from hoering.analysis.personal_data import redact
from hoering.export.pseudonymize import is_office, people_named, pseudonymize_text
from hoering.export.views import AttachmentView, InitiativeView, ReplyView
from hoering.store.pseudonyms import respondent_key
from hoering.vocab import RespondentType

ON_BEHALF = "sent-on-behalf"  # the respondent rule of a letter an office sent on
TITLE_LINES = 8  # the lines of its text a title may have been joined from
_GREETING = re.compile(r"^\s*(?:kære|hej|til|att\.?|goddag)\b", re.IGNORECASE)


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


@dataclass(frozen=True)
class Privacy:
    """One export's policy and the stored pseudonym map it reads."""

    policy: Policy
    pseudonyms: Mapping[str, int]

    def describe(self) -> dict[str, bool]:
        return self.policy.describe()


def apply(view: ReplyView, policy: Policy, pseudonyms: Mapping[str, int]) -> ReplyView:
    """The view with what the policy removes replaced, in every text field of the reply, its
    attachments and its initiatives: one transform, so no renderer can leak what another
    hides. `pseudonyms` is the stored map (store/pseudonyms.pseudonym_map)."""
    pseudonym = policy.pseudonym(view, pseudonyms)
    text = _text_rule(view, policy, pseudonym)
    # The office that sent a citizen's letter on keeps its name (README).
    office = view.respondent_rule_id == ON_BEHALF or is_office(view.sender_name)
    sender = None if office else pseudonym
    return replace(
        view,
        sender_name=sender or policy.text(view.sender_name),
        sender_email="" if policy.hides_email(view.respondent_type) else view.sender_email,
        respondent_name=pseudonym or policy.text(view.respondent_name),
        organisation=text(view.organisation),
        respondent_rule=text(view.respondent_rule),
        subject=text(view.subject),
        reason=text(view.reason),
        notes=text(view.notes),
        references=tuple(text(r) for r in view.references),
        attachments=tuple(_attachment(a, text) for a in view.attachments),
        # A Message-ID can name its sender ("…@aagesen.dk"): a borger's is shown hashed.
        message_id=hashed(view.message_id) if pseudonym else view.message_id,
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
        item, title=_title(item.title, item.text, text), text=text(item.text),
        owner=text(item.owner),
        reason=text(item.reason), notes=text(item.notes), origin=text(item.origin),
    )  # fmt: skip


def _title(title: str, source: str, text: Callable[[str], str]) -> str:
    """A title made by joining the first lines of its text ("Lærkevej 5 7400 Herning Telefon
    …") is redacted as those lines, before they are joined: the rules for a letterhead or a
    postcode line read lines."""
    flat = " ".join(title.rstrip("…").split()).casefold()
    # Titles are joined without a greeting line ("Kære Digitaliseringsstyrelse").
    lines = [" ".join(line.split()) for line in source.split("\n")
             if line.strip() and not _GREETING.match(line)]  # fmt: skip
    for start in range(min(len(lines), TITLE_LINES)):
        for end in range(start + 2, min(start + TITLE_LINES, len(lines)) + 1):
            joined = " ".join(lines[start:end])
            # Only a title that runs over a line's end: "Borgerdeltagelse" of the line
            # "Borgerdeltagelse: Når staten ..." is that line's own.
            crosses = len(flat) > len(lines[start])
            if crosses and len(joined) >= len(flat) and joined.casefold().startswith(flat):
                redacted = " ".join(text("\n".join(lines[start:end])).split())
                # Nothing of a person's in those lines: the title as stored, cut as it was.
                if redacted == joined:
                    break
                return text(_cut_as(redacted, title))
    return text(title)


def title_rule(title: str, source: str, text: Callable[[str], str]) -> str:
    """A title cut from `source`'s first lines under a reply's rule `text`, as `apply` does
    to an initiative's title (a bruttoliste candidate's title is its first member's)."""
    return _title(title, source, text)


def _cut_as(value: str, title: str) -> str:
    """`value` (the redacted lines a title was joined from) no longer than the stored title,
    and cut with "…" when it was: a pseudonym shorter than the name must not let the title
    run on to the lines' end uncut."""
    if len(value) < len(title) and not title.endswith("…"):
        return value
    if len(value) > len(title) - 1:
        value = value[: len(title) - 1].rsplit(" ", 1)[0]
    return value + "…"


def hashed(message_id: str) -> str:
    """A stable stand-in for a Message-ID that names nobody."""
    if not message_id:
        return message_id
    return "sha256:" + hashlib.sha256(message_id.encode("utf-8")).hexdigest()[:16]


def text_rule(view: ReplyView, privacy: Privacy) -> Callable[[str], str]:
    """The rule `apply` uses for any text of this reply, for a text made from its words
    elsewhere (a bruttoliste candidate's title and summary)."""
    return _text_rule(view, privacy.policy, privacy.policy.pseudonym(view, privacy.pseudonyms))


def _text_rule(view: ReplyView, policy: Policy, pseudonym: str | None) -> Callable[[str], str]:
    """The rule for any text of this reply, each value whole (its lines still apart)."""
    # A library sending on a citizen's letter: the library's name is no person's name.
    on_behalf = view.respondent_rule_id == ON_BEHALF
    names = (view.respondent_name,) if on_behalf else (view.sender_name, view.respondent_name)
    if pseudonym:
        # Whoever signs with them is named too ("Karen Dalsgaard og Poul Erik Thygesen").
        texts = [view.text, view.reply_text, *(a.text for a in view.attachments)]
        names = tuple(people_named(names, texts))

    # The address names the person too ("Fra: Ida <ida@...>" in a forwarded mail), but an
    # office's address is the office's.
    address = "" if on_behalf or is_office(view.sender_name) else view.sender_email

    def text(value: str) -> str:
        if pseudonym:
            value = pseudonymize_text(value, names, pseudonym, address)
        return policy.text(value)

    return text
