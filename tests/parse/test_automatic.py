"""parse.automatic: mail machines send is recognised, a person's reply never is."""

from __future__ import annotations

import pytest

from hoering.parse import automatic
from hoering.parse.envelope import read_envelope
from tests.kit.mails import (
    EXCHANGE_OOF_DA,
    GMAIL_VACATION,
    OUTLOOK_OOF_OLD_DA,
    THUNDERBIRD_READ_RECEIPT,
    make_mail,
)
from tests.kit.needs import missing
from tests.kit.paths import CORPUS, SAMPLE_INBOX


def automatic_reason(data: bytes, own: set[str] | None = None) -> str | None:
    """The check as the pipeline runs it: on the message's envelope, read once."""
    return automatic.automatic_reason(read_envelope(data), own or set())


def headers(*lines: str, subject: str = "SV: OGP-høring") -> bytes:
    return make_mail(subject=subject).replace(
        b"\nSubject:", ("\n" + "".join(f"{h}\r\n" for h in lines) + "Subject:").encode(), 1
    )


def test_exchange_out_of_office_in_danish() -> None:
    assert automatic_reason(EXCHANGE_OOF_DA) == "auto-reply (Auto-Submitted: auto-generated)"


def test_old_outlook_out_of_office_known_by_its_danish_subject() -> None:
    assert automatic_reason(OUTLOOK_OOF_OLD_DA) == "automatic mail (subject starts 'Fraværende:')"


def test_gmail_vacation_reply() -> None:
    assert automatic_reason(GMAIL_VACATION) == "auto-reply (Auto-Submitted: auto-replied)"


def test_read_receipt() -> None:
    reason = automatic_reason(THUNDERBIRD_READ_RECEIPT)
    assert reason == "read receipt (multipart/report; report-type=disposition-notification)"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("X-Autoreply: yes", "auto-reply (X-Autoreply: yes)"),
        ("X-Autorespond: Ferie", "auto-reply (X-Autorespond: Ferie)"),
        ("Precedence: auto_reply", "auto-reply (Precedence: auto_reply)"),
        ("Auto-Submitted: auto-notified", "auto-reply (Auto-Submitted: auto-notified)"),
    ],
)
def test_auto_reply_headers(line: str, expected: str) -> None:
    assert automatic_reason(headers(line)) == expected


@pytest.mark.parametrize(
    "subject",
    [
        "Automatisk svar: OGP-høring",
        "Autosvar: OGP-høring",
        "Fraværende: OGP-høring",
        "Out of Office: OGP-høring",
        "Out of Office AutoReply: OGP-høring",
        "Automatic reply: OGP-høring",
        "Undeliverable: OGP-høring",
        "Kan ikke leveres: OGP-høring",
        "Read: OGP-høring",
    ],
)
def test_out_of_office_and_bounce_subjects(subject: str) -> None:
    assert automatic_reason(make_mail(subject=subject)) is not None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("mimekit_bounce.eml", "delivery status notification (multipart/report"),  # Postfix
        ("nodemailer_delivery-status.eml", "delivery status notification (multipart/report"),
        ("spamscope_mail_malformed_2.eml", "delivery status notification (multipart/report"),
        ("mikel_raw_email_with_mimepart_without_content_type.eml", "delivery status"),
        ("mime4j_badbound.msg.eml", "delivery status notification (from postmaster@"),
        ("zbateson_m4006.eml", "automatic mail (subject starts 'Read:')"),  # Outlook receipt
    ],
)
def test_real_bounces_and_receipts_from_the_corpus(name: str, kind: str) -> None:
    path = CORPUS / "eml" / name
    if not path.exists():
        missing(f"corpus file {path} not present")
    reason = automatic_reason(path.read_bytes())
    assert reason is not None and reason.startswith(kind), reason


def test_mail_from_the_polled_account_itself() -> None:
    own = make_mail(sender="Digitaliseringsstyrelsen <Rumth@digst.dk>")
    assert automatic_reason(own, {"rumth@digst.dk"}) == (
        "sent from the polled account itself (rumth@digst.dk)"
    )
    assert automatic_reason(make_mail(), {"rumth@digst.dk"}) is None


@pytest.mark.parametrize(
    "subject",
    [
        "OGP-høring: forslag om åbne data",
        "SV: OGP-høring",
        "Læsning af OGP-høring",  # "Læst" only as a prefix with a colon
        "Svar på automatisk svar om OGP-høring",
        "Readme: OGP-høring",
    ],
)
def test_a_persons_reply_is_not_automatic(subject: str) -> None:
    assert automatic_reason(make_mail(subject=subject)) is None


def test_auto_submitted_no_is_a_person() -> None:
    assert automatic_reason(headers("Auto-Submitted: no")) is None


def test_only_the_out_of_office_of_the_sample_inbox_is_automatic() -> None:
    found = {p.name: automatic_reason(p.read_bytes()) for p in sorted(SAMPLE_INBOX.glob("*.eml"))}
    assert {name: reason for name, reason in found.items() if reason} == {
        "14-fravaerende.eml": "auto-reply (Auto-Submitted: auto-replied)"
    }


def test_sender_and_subject_for_the_listing() -> None:
    assert automatic.sender_and_subject(read_envelope(EXCHANGE_OOF_DA)) == (
        "Mette Holm <meho@kommune.example>",
        "Automatisk svar: OGP-høring",
    )
