"""A candidate's summary (the bruttoliste's "Resumé") reads as prose: no table row's pipes
and numbers, no list marks, and not the title again (analysis.candidates.summary_of)."""

from __future__ import annotations

from hoering.analysis.candidates import summary_of


def test_a_table_row_reads_as_its_cells_without_the_rows_number() -> None:
    # A PDF or DOCX table row as extraction writes it, then a note under the table.
    text = "4 | Whistleblowerordning for alle | Antikorruption\nAd 4: Nordby Kommune har en."
    assert (
        summary_of(text)
        == "Whistleblowerordning for alle – Antikorruption. Ad 4: Nordby Kommune har en."
    )


def test_a_list_items_number_is_left_out_but_a_date_is_not() -> None:
    assert summary_of("2. Åbne data om indkøb. Udbud offentliggøres.") == (
        "Åbne data om indkøb. Udbud offentliggøres."
    )
    assert (
        summary_of("1. maj 2018 bør alle data være åbne.") == "1. maj 2018 bør alle data være åbne."
    )


def test_a_bulleted_item_begins_the_summary_with_a_capital() -> None:
    assert summary_of("- offentlige kalendere for ministre") == "Offentlige kalendere for ministre"
    assert summary_of("• Digital selvbetjening for alle") == "Digital selvbetjening for alle"


def test_items_in_a_row_are_parted_by_semicolons_and_a_wrapped_item_stays_whole() -> None:
    text = "Vi foreslår:\n- at data åbnes for alle\n  borgere og virksomheder\n- at koden deles"
    assert (
        summary_of(text)
        == "Vi foreslår: at data åbnes for alle borgere og virksomheder; at koden deles"
    )


def test_the_title_is_not_repeated_as_the_summarys_lead() -> None:
    text = "1. Aktindsigt: undtagelserne bør indsnævres."
    assert summary_of(text, "Aktindsigt") == "Undtagelserne bør indsnævres."
    assert summary_of("Aktindsigt", "Aktindsigt") == "Aktindsigt"  # nothing else to say
