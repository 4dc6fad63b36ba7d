"""detect_language: Danish, English or other, by counting telling words."""

from __future__ import annotations

import pytest

from hoering.analysis.language import DANISH, ENGLISH, OTHER, detect_language

DANISH_REPLY = (
    "Vi foreslår, at alle kommuner og regioner offentliggør deres budgetter og regnskaber som "
    "åbne data i et fælles, maskinlæsbart format, så borgere og journalister kan sammenligne."
)
ENGLISH_REPLY = (
    "We propose that all public bodies publish their budgets as open data, and that the "
    "source code of public IT systems is shared under an open licence."
)


def test_danish_reply() -> None:
    assert detect_language(DANISH_REPLY) == DANISH


def test_english_reply() -> None:
    assert detect_language(ENGLISH_REPLY) == ENGLISH


@pytest.mark.parametrize("text", ["Se vedhæftede høringssvar.", "Ingen bemærkninger."])
def test_short_danish_replies_by_their_letters_and_words(text: str) -> None:
    assert detect_language(text) == DANISH


def test_short_english_pointer_to_an_attachment() -> None:
    assert detect_language("Please find attached our comments.") == ENGLISH


@pytest.mark.parametrize(
    "text",
    [
        "Wir schlagen vor, dass die Daten offen sind und nicht zu teuer.",
        "Vi föreslår att alla myndigheter publicerar öppna data och att det är gratis.",
        "Vi foreslår at alle kommuner gjør data åpne, og at det ikke blir for mye byråkrati.",
    ],
)
def test_german_swedish_and_norwegian_are_other(text: str) -> None:
    assert detect_language(text) == OTHER


@pytest.mark.parametrize("text", ["", "12 34 56 78", "OGP", "https://example.dk/a/b"])
def test_too_little_text_is_other(text: str) -> None:
    assert detect_language(text) == OTHER


def test_english_quote_in_a_danish_reply_stays_danish() -> None:
    text = f"{DANISH_REPLY} Som OECD skriver: “open data is a public good”."
    assert detect_language(text) == DANISH
