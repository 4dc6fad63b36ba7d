"""ZIP archives: members extracted recursively under the archive's path, within limits."""

from __future__ import annotations

import random

from hoering.parse.limits import ExtractLimits
from hoering.parse.message import extract
from hoering.parse.model import AttachmentInput
from tests.kit.mails import make_mail
from tests.kit.office_files import zip_bytes
from tests.parse.test_pdf import make_pdf


def extract_zip(payload: bytes, limits: ExtractLimits | None = None, name: str = "bilag.zip"):
    item = AttachmentInput(name, name, "application/zip", payload, None, limits or ExtractLimits())
    return extract(item)


def test_members_follow_the_archive_with_prefixed_paths() -> None:
    payload = zip_bytes({"svar/høringssvar.pdf": make_pdf("Vi støtter"), "note.txt": "Enig."})
    archive, pdf, note = extract_zip(payload)
    assert (archive.detected_type, archive.method, archive.error) == ("zip", "zip", None)
    assert (pdf.path, pdf.filename, pdf.text) == (
        "bilag.zip/svar/høringssvar.pdf",
        "høringssvar.pdf",
        "Vi støtter",
    )
    assert (note.path, note.method, note.text) == ("bilag.zip/note.txt", "decoded", "Enig.")


def test_zip_in_zip_is_opened() -> None:
    inner = zip_bytes({"dybt.txt": "Indeni"})
    found = extract_zip(zip_bytes({"indre.zip": inner}))
    assert [a.path for a in found] == [
        "bilag.zip",
        "bilag.zip/indre.zip",
        "bilag.zip/indre.zip/dybt.txt",
    ]


def test_mail_in_zip_is_parsed_as_a_mail_with_its_attachments() -> None:
    mail = make_mail(body="Se vedhæftede.", attachments=[("forslag.txt", "text/plain", b"Mere")])
    found = extract_zip(zip_bytes({"svar.eml": mail}))
    assert [a.path for a in found] == [
        "bilag.zip",
        "bilag.zip/svar.eml",
        "bilag.zip/svar.eml/forslag.txt",
    ]
    assert found[1].detected_type == "message"
    assert "Se vedhæftede." in found[1].text
    assert found[2].text == "Mere"


def test_nesting_deeper_than_the_limit_is_not_opened() -> None:
    payload = zip_bytes({"b.zip": zip_bytes({"c.zip": zip_bytes({"d.txt": "dybt"})})})
    found = extract_zip(payload, ExtractLimits(nesting_depth=2))
    assert [a.path for a in found] == ["bilag.zip", "bilag.zip/b.zip", "bilag.zip/b.zip/c.zip"]
    assert found[-1].error == "zip: not opened: nested deeper than 2 containers"


def test_entry_limit_is_recorded_on_the_archive() -> None:
    payload = zip_bytes({f"{n}.txt": f"fil {n}" for n in range(5)})
    archive, *members = extract_zip(payload, ExtractLimits(archive_entries=3))
    assert len(members) == 3
    assert archive.error == "zip: entry limit reached: 2 file(s) not read (3.txt, 4.txt)"


def test_total_size_limit_counts_nested_archives_too() -> None:
    inner = zip_bytes({"stor.txt": "x" * 600})
    payload = zip_bytes({"a.txt": "y" * 600, "indre.zip": inner})
    found = extract_zip(payload, ExtractLimits(archive_total_bytes=1200))
    by_path = {a.path: a for a in found}
    assert "bilag.zip/a.txt" in by_path
    assert by_path["bilag.zip/indre.zip"].error == (
        "zip: total size limit reached: 1 file(s) not read (stor.txt)"
    )


def test_zip_bomb_member_is_skipped_by_compression_ratio() -> None:
    payload = zip_bytes({"bombe.txt": b"\0" * (3 * 1024 * 1024), "ok.txt": "fint"})
    archive, *members = extract_zip(payload)
    assert [m.path for m in members] == ["bilag.zip/ok.txt"]
    assert archive.error == (
        "zip: compression ratio over 100 (zip bomb?): 1 file(s) not read (bombe.txt)"
    )


def test_encrypted_member_is_named_not_read() -> None:
    payload = bytearray(zip_bytes({"hemmelig.pdf": b"%PDF-1.4 ..."}))
    # Set the "encrypted" flag bit in the local and central headers, as WinZip does.
    for offset in (6, payload.rfind(b"PK\x01\x02") + 8):
        payload[offset] |= 0x01
    archive, *members = extract_zip(bytes(payload))
    assert members == []
    assert archive.error == "zip: encrypted: 1 file(s) not read (hemmelig.pdf)"


def test_traversal_and_absolute_member_names_are_sanitized() -> None:
    # Hostile archives name members ../../x or /etc/x to escape wherever they are unpacked.
    found = extract_zip(zip_bytes({"../../etc/passwd": "a", "/abs/x.txt": "b", "a\nb.txt": "c"}))
    assert [a.path for a in found[1:]] == [
        "bilag.zip/etc/passwd",
        "bilag.zip/abs/x.txt",
        "bilag.zip/a b.txt",
    ]


def test_windows_member_names_are_read_as_cp850() -> None:
    # Windows Explorer writes names in the OEM code page (cp850 in Denmark) with no UTF-8
    # flag; read as zipfile's default cp437, "ø" would come out as "¢".
    ascii_zip = zip_bytes({"Hxringssvar.txt": "Enig"})
    payload = ascii_zip.replace(b"Hxringssvar.txt", "Høringssvar.txt".encode("cp850"))
    found = extract_zip(payload)
    assert found[1].filename == "Høringssvar.txt"


def test_empty_archive_is_recorded() -> None:
    archive, *members = extract_zip(zip_bytes({}))
    assert (members, archive.error) == ([], "zip: empty archive")


def test_many_small_tight_members_are_stopped_by_the_total_ratio() -> None:
    # Each member is under the per-member floor; together they unpack to 200 times the
    # archive (the 0.97 MB mail that gave 195 MB of text).
    payload = zip_bytes({f"del-{n:02d}.txt": b"a" * 60_000 for n in range(40)})
    archive, *members = extract_zip(payload)
    assert 0 < len(members) < 20 and sum(len(m.text) for m in members) <= 1024 * 1024
    assert "archive unpacks to over 100 times its size (zip bomb?)" in archive.error
    assert "and " in archive.error and "more)" in archive.error  # the skipped are named


def test_a_member_over_64_kb_packed_tighter_than_the_ratio_is_skipped() -> None:
    payload = zip_bytes({"tæt.txt": b"a" * 500_000, "ok.txt": "fint"})
    archive, *members = extract_zip(payload)
    assert [m.path for m in members] == ["bilag.zip/ok.txt"]
    assert "compression ratio over 100" in archive.error


def test_ordinary_text_members_are_all_read() -> None:
    words = [
        "vi",
        "foreslår",
        "åbne",
        "data",
        "i",
        "alle",
        "kommuner",
        "og",
        "at",
        "borgerne",
        "inddrages",
        "tidligt",
    ]
    chooser = random.Random(9)
    chapters = {
        f"kapitel-{n}.txt": " ".join(chooser.choice(words) for _ in range(30_000))
        for n in range(10)
    }
    payload = zip_bytes(chapters)
    archive, *members = extract_zip(payload)
    assert archive.error is None and len(members) == 10


def test_text_is_cut_per_attachment_and_in_total() -> None:
    limits = ExtractLimits(text_chars=1000, message_text_chars=2500)
    payload = zip_bytes({f"{n}.txt": "ord " * 1000 for n in range(4)})
    _, *members = extract_zip(payload, limits)
    assert [len(m.text) for m in members] == [1000, 1000, 500, 0]
    assert [m.error for m in members] == [
        "text cut at 1.000 characters",
        "text cut at 1.000 characters",
        "text cut at 500 characters",
        "text cut at 0 characters",
    ]
