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


def test_a_titles_remark_after_ad_n_follows_the_title_as_a_sentence_of_its_own() -> None:
    # Sample inbox 06: a form's table row, then the municipality's remark "Ad 4: ..." on it.
    text = (
        "Nr. | Forslag | Tema\n"
        "4 | Whistleblowerordning for alle kommunale medarbejdere | Antikorruption\n"
        "Ad 4: Nordby Kommune indførte en whistleblowerordning i 2016."
    )
    assert summarize(text) == (
        "Whistleblowerordning for alle kommunale medarbejdere. "
        "Nordby Kommune indførte en whistleblowerordning i 2016."
    )


def test_a_remark_after_ad_n_is_not_read_into_a_long_title() -> None:
    text = (
        "2 | Digital selvbetjening med ret til personlig hjælp i borgerservice | Service\n"
        "Ad 2: Digital selvbetjening skal fortsat være hovedreglen."
    )
    assert summarize(text) == "Digital selvbetjening med ret til personlig hjælp i borgerservice"


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


def test_long_sentence_is_cut_at_a_word_with_an_ellipsis() -> None:
    summary = summarize("Staten bør " + "gøre aktindsigt " * 40 + ".")
    assert summary is not None and len(summary) <= SUMMARY_LIMIT and summary.endswith("…")
    assert summary[:-1].split()[-1] in {"gøre", "aktindsigt"}  # no word cut ("aktindsi…")


def test_a_summary_that_fits_is_not_cut() -> None:
    text = "Vi foreslår, at " + "alle ministerier offentliggør deres kalendere, " * 5 + "ugentligt."
    assert len(text) <= SUMMARY_LIMIT
    assert summarize(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vi foreslår en pulje på kr. 5 mio. til borgerbudgetter. Den bør fordeles af KL.",
            "Vi foreslår en pulje på kr. 5 mio. til borgerbudgetter.",
        ),
        (
            "Myndighederne bør fx. Offentliggøre data om udbud. Det er vigtigt.",
            "Myndighederne bør fx. Offentliggøre data om udbud.",
        ),
        (
            "Staten bør bl.a. Åbne sine kontrakter, jf. Offentlighedsloven § 7. Tak.",
            "Staten bør bl.a. Åbne sine kontrakter, jf. Offentlighedsloven § 7.",
        ),
    ],
)
def test_danish_abbreviations_do_not_end_a_sentence(text: str, expected: str) -> None:
    assert summarize(text) == expected


def test_subject_line_is_never_the_summary() -> None:
    text = "OGP-høring\n\nJeg foreslår et offentligt lobbyregister for Folketinget."
    assert summarize(text, skip=["SV: OGP-høring"]) == (
        "Jeg foreslår et offentligt lobbyregister for Folketinget."
    )


def test_sentence_that_says_nothing_on_its_own_is_passed_over() -> None:
    text = (
        "Åbenhed skal også gælde for dem. Kommunerne bør offentliggøre alle "
        "bestyrelsesmøder i deres selskaber."
    )
    assert summarize(text) == (
        "Kommunerne bør offentliggøre alle bestyrelsesmøder i deres selskaber."
    )


def test_greeting_with_a_removed_cpr_number_is_never_the_summary() -> None:
    text = (
        "Hej, jeg skriver som borger, mit cpr-nr. er [CPR-nummer fjernet], hvis I skal bruge "
        "det. Der bør være en fast frist for svar på aktindsigt i hele den offentlige sektor."
    )
    summary = summarize(text)
    assert (
        summary == "Der bør være en fast frist for svar på aktindsigt i hele den offentlige sektor."
    )
