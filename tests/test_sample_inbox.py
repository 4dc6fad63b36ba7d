"""The sample inbox: generated deterministically, and its new attachments are what they claim.

The scan, the ODT and the winmail.dat are checked with independent readers (pdfminer,
zipfile, tnefparse), so the sample does not only agree with our own extractors.
"""

from __future__ import annotations

import email
import io
import zipfile
from email import policy

import pytest
from pdfminer.high_level import extract_text
from tnefparse import TNEF

from hoering.parse.message import parse_message
from tests.kit.paths import ROOT
from tests.kit.paths import SAMPLE_INBOX as INBOX


def attachment(name: str, content_type: str) -> bytes:
    msg = email.message_from_bytes((INBOX / name).read_bytes(), policy=policy.default)
    return next(p for p in msg.walk() if p.get_content_type() == content_type).get_payload(
        decode=True
    )


@pytest.fixture
def make_inbox(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "examples"))  # make_inbox imports its sibling
    import make_inbox

    return make_inbox


def test_committed_sample_inbox_is_what_the_generator_writes(make_inbox) -> None:
    for name, build, _, _ in make_inbox.MESSAGES:
        assert build() == (INBOX / name).read_bytes(), name
    assert make_inbox.readme() == (INBOX / "README.md").read_text(encoding="utf-8")


def test_scanned_letter_has_no_text_layer() -> None:
    # Scan-to-mail on a multifunction printer: one image per page, no text.
    pdf = attachment("15-borger-scannet-brev.eml", "application/pdf")
    assert extract_text(io.BytesIO(pdf)).strip() == ""
    assert b"/Subtype /Image" in pdf


def test_odt_is_an_opendocument_text_as_libreoffice_writes_it() -> None:
    odt = attachment("16-forening-odt-bilag.eml", "application/vnd.oasis.opendocument.text")
    archive = zipfile.ZipFile(io.BytesIO(odt))
    first = archive.infolist()[0]
    # ODF: "mimetype" first and stored, so the type is readable at a fixed offset.
    assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
    assert "lobbyregister" in archive.read("content.xml").decode()


def test_winmail_dat_parses_with_tnefparse() -> None:
    # Outlook with "Rich Text" format sending through Exchange to the internet.
    tnef = TNEF(attachment("17-virksomhed-winmail-dat.eml", "application/ms-tnef"))
    assert all(obj.good_checksum for obj in tnef.objects)
    assert b"h\\'f8ringssvar" in tnef.rtfbody
    [attached] = tnef.attachments
    assert attached.long_filename() == "Forslag til OGP-handlingsplanen.rtf"
    assert attached.data.startswith(b"{\\rtf1") and b"\\'c5bne energidata" in attached.data


@pytest.mark.parametrize(
    ("name", "path", "method", "phrase"),
    [
        ("15-borger-scannet-brev.eml", "Scan_20170817_101522.pdf", "ocr", "Borgerbudgetter"),
        (
            "16-forening-odt-bilag.eml",
            "Høringssvar fra Foreningen Åben Kommune.odt",
            "odf",
            "Et fælles lobbyregister",
        ),
        ("17-virksomhed-winmail-dat.eml", "winmail.dat", "tnef", "Grøn Energi Data A/S sender"),
        (
            "17-virksomhed-winmail-dat.eml",
            "winmail.dat/Forslag til OGP-handlingsplanen.rtf",
            "rtf",
            "Åbne kontrakter: Alle offentlige kontrakter",
        ),
    ],
)
def test_new_sample_attachments_give_their_text(name, path, method, phrase) -> None:
    parsed = parse_message((INBOX / name).read_bytes())
    found = {a.path: a for a in parsed.attachments}[path]
    assert (found.method, found.error) == (method, None)
    assert phrase in " ".join(found.text.split())
