"""Generated mailboxes for bench.suite: text replies (a fifth of them a short form letter),
copies of a 3 KB campaign letter each with words of the sender's own (near-twins, never exact
twins), a backlog mixing the two, and attachment-heavy replies (multi-page PDFs, DOCX,
scans), delivered straight into a real Dovecot's Maildir or written to an mbox for
`hoering import`."""

from __future__ import annotations

import io
import mailbox
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

import docx
from fpdf import FPDF

from tests.kit.dovecot import DovecotServer, Mailbox
from tests.kit.faults import fill_maildir
from tests.kit.mails import make_mail
from tests.kit.scans import image_bytes, scan_image

# fmt: off
WORDS = (
    "åbne", "data", "borgere", "kommune", "gennemsigtighed", "lobbyregister", "demokrati",
    "whistleblowerordning", "selvbetjening", "offentlig", "sektor", "handlingsplan",
    "aktindsigt", "budget", "kildekode", "borgerpanel", "licens", "standarder", "region",
)
# fmt: on
LETTER = (
    "Kære Digitaliseringsstyrelsen\n\nVi støtter forslaget om et åbent lobbyregister for alle "
    "ministerier. Registret bør vise møder, deltagere og emner inden for en uge. Kommunerne "
    "skal være med i whistleblowerordningen, og data skal udgives under en fri licens, så "
    "borgerne kan se hvem der påvirker lovgivningen.\n"
)
SIGNATURE = "\nMed venlig hilsen\n{name}\n"
MARKED = "SV: OGP-høring"


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."


def text_reply(number: int, rng: random.Random, tag: str) -> bytes:
    """About 3 KB: a personal reply, or every fifth the campaign letter plus a sentence."""
    if number % 5 == 0:
        body = f"{_sentence(rng, 12)}\n\n{LETTER}"
    else:
        body = "\n\n".join(_sentence(rng, rng.randint(20, 40)) for _ in range(8))
    body += SIGNATURE.format(name=f"Borger {number}")
    return make_mail(
        subject=f"{MARKED} nr. {number}",
        body=body,
        sender=f"Borger {number} <borger{number}@borgernet.example>",
        message_id=f"<{tag}-{number}@borgernet.example>",
    )


# A campaign's letter of about 3 KB (issue 20): every copy is this letter with a few words of
# the sender's own, so no two copies are exact twins and each is placed as a near-twin.
CAMPAIGN_LETTER = "\n\n".join(
    " ".join(random.Random(paragraph).choices(WORDS, k=42)).capitalize() + "."
    for paragraph in range(7)
)


def campaign_reply(number: int, rng: random.Random, tag: str) -> bytes:
    """The campaign letter with a few words of the sender's own before it and inside it."""
    paragraphs = CAMPAIGN_LETTER.split("\n\n")
    own = _sentence(rng, rng.randint(3, 6))
    paragraphs.insert(rng.randint(1, len(paragraphs)), f"Jeg bor i {rng.choice(WORDS)} {number}.")
    body = f"{own}\n\n" + "\n\n".join(paragraphs) + SIGNATURE.format(name=f"Borger {number}")
    return make_mail(
        subject=f"{MARKED} kampagne nr. {number}",
        body=body,
        sender=f"Borger {number} <kampagne{number}@borgernet.example>",
        message_id=f"<{tag}-{number}@borgernet.example>",
    )


def campaign_mails(count: int, tag: str, seed: int = 13, start: int = 0) -> Iterator[bytes]:
    """`count` copies of the campaign letter, each with words of its own, numbered from `start`."""
    rng = random.Random(seed)
    for number in range(start, start + count):
        yield campaign_reply(number, rng, tag)


def backlog_mails(count: int, tag: str, every: int = 10) -> Iterator[bytes]:
    """`count` replies, every `every`th a copy of the campaign letter (5,000 of 50,000), the
    rest the suite's text replies."""
    texts, letters = random.Random(7), random.Random(13)
    for number in range(count):
        if number % every == every - 1:
            yield campaign_reply(number, letters, tag)
        else:
            yield text_reply(number, texts, tag)


def text_mails(count: int, tag: str, seed: int = 7, start: int = 0) -> Iterator[bytes]:
    """`count` text replies numbered from `start`, generated one at a time (50,000 are 150 MB)."""
    rng = random.Random(seed)
    for number in range(start, start + count):
        yield text_reply(number, rng, tag)


def pdf(pages: int, rng: random.Random) -> bytes:
    document = FPDF()
    document.set_font("Helvetica", size=11)
    for _ in range(pages):
        document.add_page()
        text = " ".join(_sentence(rng, 30) for _ in range(12))
        document.multi_cell(0, 5, text.encode("latin-1", "replace").decode("latin-1"))
    return bytes(document.output())


def docx_file(rng: random.Random) -> bytes:
    document = docx.Document()
    for _ in range(20):
        document.add_paragraph(_sentence(rng, 25))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def attachment_mails(count: int, tag: str, seed: int = 11) -> list[bytes]:
    """Each: a 5-page PDF, a DOCX and a one-page scan (OCR); every other one also the same
    shared PDF (a campaign's enclosure, to be extracted once)."""
    rng = random.Random(seed)
    shared = pdf(5, random.Random(1))
    mails = []
    for number in range(count):
        scan = image_bytes(scan_image(*(_sentence(rng, 5) for _ in range(4)), size=32))
        files = [
            ("Høringssvar.pdf", "application/pdf", pdf(5, rng)),
            (
                "Bemærkninger.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                docx_file(rng),
            ),
            ("Scan.png", "image/png", scan),
        ]
        if number % 2 == 0:
            files.append(("Fælles-brev.pdf", "application/pdf", shared))
        mails.append(
            make_mail(
                subject=f"{MARKED} med bilag nr. {number}",
                body="Se vedhæftede høringssvar.\n",
                message_id=f"<{tag}-{number}@borgernet.example>",
                attachments=files,
            )
        )
    return mails


def new_box(server: DovecotServer, user: str, mails: Iterable[bytes]) -> Mailbox:
    """A fresh user with `mails` in its INBOX, in order."""
    server.add_user(user)
    box = Mailbox(server, user)
    fill_maildir(box, mails)  # it only iterates: a generator is fine
    return box


def write_mbox(path: Path, mails: Iterable[bytes]) -> Path:
    """An mbox of `mails`, in order, for `hoering import`."""
    box = mailbox.mbox(path, create=True)
    try:
        for data in mails:
            box.add(data)
    finally:
        box.close()
    return path
