"""summarize: the sentence with substance, past letterheads, thanks, cover notes and intros."""

from __future__ import annotations

import pytest

from hoering.analysis.summary import SUMMARY_LIMIT, summarize


def test_letterhead_title_and_thanks_are_skipped() -> None:
    # Sample inbox 04: a PDF letter from pdftotext, lines wrapped with blank lines between.
    text = (
        "Dataklar ApS  -  Nørregade 7, 9999 Nordby  -  CVR-nr. 36123456\n\n"
        "Høringssvar til Danmarks OGP-handlingsplan 2017-2019\n\nNordby, 14. august 2017\n\n"
        "Dataklar ApS er en mindre virksomhed, der udvikler værktøjer til analyse og\n\n"
        "visualisering af offentlige data. Vi takker for muligheden for at bidrage.\n\n"
        "1. Stabile API'er til offentlige data. Vi foreslår, at myndighederne varsler\n\n"
        "ændringer mindst seks måneder i forvejen."
    )
    assert summarize(text) == (
        "Stabile API'er til offentlige data. Vi foreslår, at myndighederne varsler ændringer "
        "mindst seks måneder i forvejen."
    )


def test_company_thanking_for_the_invitation_is_skipped() -> None:
    text = (
        "Til Digitaliseringsstyrelsen\n\nNordlys Software A/S takker for invitationen til at "
        "komme med input. Vi har følgende forslag:\n\n• Open source først: Staten bør i sine "
        "udbud foretrække open source-løsninger."
    )
    assert (
        summarize(text)
        == "Open source først: Staten bør i sine udbud foretrække open source-løsninger."
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hermed fremsendes Nordby Kommunes høringssvar.",
        "Se vedhæftede høringssvar.",
        "Grøn Energi Data A/S sender hermed sit høringssvar. Vores forslag står i det "
        "vedhæftede dokument.",
        "Tak for invitationen.",
    ],
)
def test_cover_note_alone_has_no_substance(text: str) -> None:
    assert summarize(text) is None


def test_proposing_introduction_stays_in_front_of_its_first_item() -> None:
    text = "Region Sydkyst foreslår:\n\n- At der etableres en fælles whistleblowerordning."
    assert (
        summarize(text)
        == "Region Sydkyst foreslår: At der etableres en fælles whistleblowerordning."
    )


def test_form_table_row_is_read_as_an_item() -> None:
    # Sample inbox 06: a DOCX table as extracted, header row first.
    text = (
        "Kommunens forslag\nNr. | Forslag | Tema\n"
        "1 | Fælles kommunal platform for åbne data om budget og regnskab | Åbne data"
    )
    assert summarize(text) == "Fælles kommunal platform for åbne data om budget og regnskab"


def test_scanned_letters_address_block_is_skipped() -> None:
    # Sample inbox 15: OCR of a typed letter, sender's address at the top.
    text = (
        "Grethe Villadsen\nEngtoften 3\n9999 Nordby\n\nDigitaliseringsstyrelsen\n"
        "Att.: OGP-høring\n\nNordby, den 16. august 2017\nHøringssvar om åben forvaltning\n\n"
        "1. Borgerbudgetter: Lad borgerne i hver kommune bestemme over\n"
        "en lille del af anlægsbudgettet."
    )
    assert summarize(text) == (
        "Borgerbudgetter: Lad borgerne i hver kommune bestemme over en lille del af "
        "anlægsbudgettet."
    )


def test_long_sentence_is_cut_with_an_ellipsis() -> None:
    summary = summarize("Staten bør " + "gøre mere " * 60 + ".")
    assert summary is not None and len(summary) == SUMMARY_LIMIT and summary.endswith("…")
