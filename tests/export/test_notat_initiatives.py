"""One line per initiative in the høringsnotat: title, then what it proposes."""

from __future__ import annotations

from hoering.analysis.summary import SUMMARY_LIMIT
from hoering.export.notat_initiatives import initiative_line
from hoering.export.views import InitiativeView


def item(title: str, text: str) -> InitiativeView:
    return InitiativeView(
        "1.1", 1, title, text, (), (), "", "", "ny", "", "", "", "", "auto", "list", "brødtekst"
    )


def test_title_then_the_first_sentence_after_it() -> None:
    line = initiative_line(item("Lobbyregister", "2. Lobbyregister: Møder registreres. Mere."))
    assert line == "Lobbyregister – Møder registreres."


def test_title_that_is_a_sentence_of_its_own_gets_the_next() -> None:
    text = "4.  Samskabelse  med  erhvervslivet.  Vi foreslår et årligt datatopmøde."
    line = initiative_line(item("Samskabelse med erhvervslivet", text))
    assert line == "Samskabelse med erhvervslivet – Vi foreslår et årligt datatopmøde."


def test_form_rows_give_the_description_not_the_labels() -> None:
    text = (
        "Initiativets titel | Åbne data\nBeskrivelse | Alle kommuner udgiver data.\nNiveau | Lokalt"
    )
    assert initiative_line(item("Åbne data", text)) == "Åbne data – Alle kommuner udgiver data."


def test_a_truncated_title_shows_the_sentence_instead() -> None:
    sentence = "At der etableres en fælles ordning for hele den offentlige sektor, " * 3
    line = initiative_line(item(sentence[:99] + "…", "- " + sentence.strip() + "."))
    assert line.startswith("At der etableres") and " – " not in line
    assert len(line) <= SUMMARY_LIMIT  # whole sentences up to 300 characters (issue 19)


def test_a_heading_label_is_not_repeated_after_the_title() -> None:
    text = "Forslag 1: Open source som standard. Staten bør frigive sin kode."
    line = initiative_line(item("Open source som standard", text))
    assert line == "Open source som standard – Staten bør frigive sin kode."
