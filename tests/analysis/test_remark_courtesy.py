"""General remarks leave out what only frames the reply: welcoming the chance to answer,
the language it is written in, the size of the group that writes (issue 18 item 2)."""

from __future__ import annotations

from hoering.analysis.remarks import general_remarks


def test_welcoming_the_opportunity_to_answer_is_no_remark() -> None:
    text = "Vi glæder os over muligheden for at bidrage til den kommende handlingsplan."
    assert general_remarks(text) == ""
    english = "We welcome the opportunity to contribute to the next national action plan."
    assert general_remarks(english) == ""


def test_welcoming_the_opportunity_beside_support_keeps_the_support() -> None:
    text = "We welcome the opportunity to comment and support the focus on open contracting."
    assert "support the focus" in general_remarks(text)


def test_a_note_on_the_replys_language_and_the_writers_background_is_no_remark() -> None:
    text = (
        "I hope it is fine that I write in English. My Danish is good enough for shopping but"
        " not for this. My husband and I moved to Odense in 2015 and pay taxes here, so we"
        " would like to contribute."
    )
    assert general_remarks(text) == ""


def test_the_number_of_residents_the_writer_speaks_for_is_no_remark() -> None:
    text = (
        "Bydelen har cirka 4.000 beboere, og mange af dem har svært ved at læse kommunens"
        " breve. Vi oplever, at beslutninger om området bliver truffet uden at beboerne høres."
    )
    remarks = general_remarks(text)
    assert "4.000 beboere" not in remarks and remarks.startswith("Vi oplever")
