"""Attachment names from hostile or sloppy senders become safe, readable base names."""

from __future__ import annotations

import unicodedata

import pytest

from hoering.parse.filenames import (
    MAX_BYTES,
    portable_filename,
    sanitize_filename,
    sanitize_member_path,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Høringssvar.pdf", "Høringssvar.pdf"),
        ("../../etc/passwd", "passwd"),
        ("/etc/shadow", "shadow"),
        ("..\\..\\Windows\\win.ini", "win.ini"),
        # Netscape and old Outlook send the full Windows path of the file.
        ("C:\\TEMP\\nsmail1.png", "nsmail1.png"),
        ("C:bilag.docx", "bilag.docx"),
        ("bilag\x00.pdf", "bilag.pdf"),
        ("svar\r\n til ministeriet.pdf", "svar til ministeriet.pdf"),
        ("  mange    mellemrum\t.pdf  ", "mange mellemrum .pdf"),
        ("svar.pdf.", "svar.pdf"),
        # A right-to-left override makes "annexe\u202efdp.exe" display as "annexeexe.pdf".
        ("annexe\u202efdp.exe", "annexefdp.exe"),
        ("bell\x07.txt", "bell.txt"),
    ],
)
def test_hostile_names(name: str, expected: str) -> None:
    assert sanitize_filename(name) == expected


@pytest.mark.parametrize("name", ["", ".", "..", "../", "/", "C:\\", "...", " . ", "\x00\x01"])
def test_nothing_usable_gives_empty_string(name: str) -> None:
    assert sanitize_filename(name) == ""


def test_decomposed_letters_are_composed() -> None:
    # macOS mailers send file names in NFD.
    name = sanitize_filename(unicodedata.normalize("NFD", "Ærø-høring.pdf"))
    assert name == "Ærø-høring.pdf"
    assert unicodedata.is_normalized("NFC", name)


def test_long_name_keeps_its_extension() -> None:
    name = sanitize_filename("æ" * 300 + ".docx")
    assert name.endswith(".docx")
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert set(name.removesuffix(".docx")) == {"æ"}


def test_long_name_without_extension_is_cut() -> None:
    assert len(sanitize_filename("x" * 1000).encode()) == MAX_BYTES


@pytest.mark.parametrize(
    "name", ["../a b.pdf", "x" * 400 + ".pdf", "ø" * 150 + ". .pdf", "C:\\a\\..", "n\u0303o.txt"]
)
def test_sanitizing_twice_changes_nothing(name: str) -> None:
    once = sanitize_filename(name)
    assert sanitize_filename(once) == once


# --- archive member paths -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc/passwd"),  # zip-slip
        ("/etc/cron.d/x", "etc/cron.d/x"),
        ("C:\\Users\\x\\svar.pdf", "Users/x/svar.pdf"),
        ("bilag/./../svar.pdf", "bilag/svar.pdf"),
        ("a\nb\x00.txt", "a b.txt"),
        ("...", ""),
        ("bilag/Høring svar.pdf", "bilag/Høring svar.pdf"),
    ],
)
def test_member_path_is_sanitized_part_by_part(name: str, expected: str) -> None:
    assert sanitize_member_path(name) == expected


@pytest.mark.parametrize(
    ("name", "portable"),
    [
        ("CON", "CON_"),
        ("NUL.txt", "NUL_.txt"),
        ("com1.pdf", "com1_.pdf"),
        ("LPT9.docx", "LPT9_.docx"),
        ("aux.tar.gz", "aux_.tar.gz"),
        ('a|b?c*<d>:"e.pdf', "a_b_c__d___e.pdf"),
        ("Svar: OGP.pdf", "Svar_ OGP.pdf"),
        ("console.txt", "console.txt"),  # only the exact device names are reserved
        ("Høringssvar.pdf", "Høringssvar.pdf"),
    ],
)
def test_portable_names_avoid_what_windows_refuses(name: str, portable: str) -> None:
    # The drafting team reads exports from a Windows share: Windows refuses device names
    # (with any extension) and these characters in file names.
    assert portable_filename(name) == portable
