"""Bold run-in titles in mail HTML (parse/html_layout.run_in_leads): "<b>Åbne ventetider.</b>
Vi foreslår ..." opening two or more paragraphs is their heading, written "# " over the
rest of the paragraph as a Word file's is; one alone, or bold inside a sentence, is
emphasis. Markup as Outlook (MsoNormal paragraphs) and Gmail (<div> lines) write it."""

from __future__ import annotations

from hoering.parse.text import html_to_text
from hoering.parse.versions import EXTRACTOR_VERSIONS, PARSER_VERSION

FIRST = "Vi foreslår, at ventetider offentliggøres som åbne data hver uge."
SECOND = "Borgerne bør kunne se, hvem der har set deres journal."


def _outlook(*paragraphs: str) -> str:
    return "".join(f'<p class="MsoNormal">{p}<o:p></o:p></p>' for p in paragraphs)


def test_paragraphs_opening_with_a_bold_title_have_it_as_their_heading() -> None:
    text = html_to_text(
        _outlook(
            "Vi har to konkrete bud.",
            f"<b>Åbne ventetider.</b> {FIRST}",
            f'<span style="font-weight:bold">Indsigt i egne data.</span> {SECOND}',
        )
    )
    assert text == (
        f"Vi har to konkrete bud.\n# Åbne ventetider.\n{FIRST}\n# Indsigt i egne data.\n{SECOND}"
    )


def test_gmail_div_lines_with_strong_titles_are_read_the_same_way() -> None:
    text = html_to_text(
        f'<div dir="ltr"><div><strong>Åbne ventetider.</strong> {FIRST}</div><div><br></div>'
        f"<div><strong>Indsigt i egne data.</strong> {SECOND}</div></div>"
    )
    assert text.startswith(f"# Åbne ventetider.\n{FIRST}\n\n# Indsigt i egne data.\n")


def test_one_bold_title_alone_or_bold_inside_a_sentence_stays_in_its_paragraph() -> None:
    text = html_to_text(
        _outlook(f"<b>Åbne ventetider.</b> {FIRST}", f"Vi foreslår <b>åbne data.</b> {SECOND}")
    )
    assert "#" not in text
    assert f"Åbne ventetider. {FIRST}" in text


def test_a_bold_paragraph_or_a_bold_label_with_a_colon_is_no_run_in_title() -> None:
    # Whole bold lines are headings by layout (analysis/initiative_layout.py); "Titel:"
    # labels are read as labels by the splitter.
    text = html_to_text(
        _outlook(f"<b>Åbne ventetider. {FIRST}</b>", f"<b>Indsigt:</b> {SECOND}", "<b>Tak.</b>")
    )
    assert "#" not in text


def test_run_in_titles_make_new_parser_and_html_versions() -> None:
    # reparse --outdated finds bodies and HTML files read before.
    assert int(PARSER_VERSION) >= 8 and EXTRACTOR_VERSIONS["html"] >= 4
