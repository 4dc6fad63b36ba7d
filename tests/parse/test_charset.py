"""Text attachments without a declared charset: UTF-8, else a guess that reads naturally."""

from __future__ import annotations

import pytest

from hoering.parse.attachments import extract_attachment
from hoering.parse.charset import guess_charset


def extract(payload: bytes, name: str = "svar.csv"):
    # Outlook and webmail send .txt/.csv files as application/octet-stream: no charset.
    return extract_attachment(name, name, "application/octet-stream", payload)


def test_utf8_needs_no_guess() -> None:
    assert extract("Høringssvar; Ærø".encode()).text == "Høringssvar; Ærø"


def test_dos_csv_export_reads_as_cp850() -> None:
    # Legacy Danish systems and Excel's "CSV (MS-DOS)" write the OEM code page.
    text = "navn;by;bemærkning\nSøren;Århus;Vi ønsker større åbenhed\n"
    attachment = extract(text.encode("cp850"))
    assert (attachment.text, attachment.error) == (text.strip(), None)


def test_utf16_without_bom_is_recognized() -> None:
    text = "Høringssvar fra Ærø Kommune: vi støtter forslaget."
    assert extract(text.encode("utf-16-le"), "svar.txt").text == text


@pytest.mark.parametrize(
    "text",
    ["Enig. /Søren", "Vi er glade for de åbne data og vil gerne være med.", "Høring på Ærø"],
)
def test_short_windows_1252_text_is_not_mistaken_for_another_code_page(text: str) -> None:
    # charset-normalizer alone picks windows-1250 ("Sřren") or Big5 for such short texts.
    assert guess_charset(text.encode("cp1252")) == "cp1252"


DANISH_LINES = ["tekstfil æøå", "Søren Ærø", "på gården", "Enig. /Søren"]


@pytest.mark.parametrize("codec", ["latin-1", "cp1252", "cp850", "mac_roman"])
@pytest.mark.parametrize("text", DANISH_LINES)
def test_short_danish_line_reads_as_danish(text: str, codec: str) -> None:
    # Issue 16: Latin-1 "tekstfil æøå" came back as windows-1251 "tekstfil жше", one
    # Cyrillic-looking word; a few æøå must never make a text Cyrillic.
    attachment = extract(text.encode(codec), "noter.txt")
    assert (attachment.text, attachment.error) == (text, None)


@pytest.mark.parametrize("text", DANISH_LINES)
def test_short_danish_line_is_not_guessed_cyrillic(text: str) -> None:
    assert guess_charset(text.encode("latin-1")) not in ("cp1251", "koi8_r")


def test_mac_roman_text() -> None:
    text = "Høringssvar fra Ærø Kommune: vi støtter forslaget om åbne data."
    assert extract(text.encode("mac_roman"), "svar.txt").text == text


@pytest.mark.parametrize(
    "text",
    [
        "Привет, мир",
        "Уважаемые коллеги, направляем вам наши предложения по открытым данным.",
        "Шановні колеги! Підтримуємо відкриті дані. З повагою, Олена",
    ],
)
def test_undeclared_windows_1251_is_read_as_cyrillic(text: str) -> None:
    # Russian and Ukrainian Windows save .txt in windows-1251; read as windows-1252 every
    # word came out as accented Latin letters ("Ïðèâåò").
    attachment = extract(text.encode("cp1251"), "svar.txt")
    assert (attachment.text, attachment.error) == (text, None)


def test_undeclared_koi8_r_is_read_as_cyrillic() -> None:
    text = "Здравствуйте! Мы поддерживаем реестр лоббистов.\nС уважением, Иван Петров"
    assert extract(text.encode("koi8_r"), "svar.txt").text == text


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r"])
def test_cyrillic_reply_with_a_latin_address_is_read_as_cyrillic(codec: str) -> None:
    # The sender's address and a URL are Latin; the words are still mostly Cyrillic.
    text = (
        "Добрый день! Предлагаем опубликовать данные о бюджете на data.gov.dk.\n"
        "С уважением, Иван Петров, ivan.petrov@example.ru"
    )
    attachment = extract(text.encode(codec), "svar.txt")
    assert (attachment.text, attachment.error) == (text, None)


@pytest.mark.parametrize(
    "text",
    ["Die Hasen klagten einst über ihre Lage", "Ça été très réussi, à bientôt — Élodie"],
)
def test_other_western_text_stays_windows_1252(text: str) -> None:
    assert guess_charset(text.encode("cp1252")) == "cp1252"
