"""OpenDocument text and spreadsheets, built by hand: LibreOffice is not needed."""

from __future__ import annotations

import time

from hoering.parse.attachments import extract_attachment
from tests.kit.office_files import BILLION_LAUGHS, ODF_NS, odf, zip_bytes


def extract(payload: bytes, name: str = "svar.odt"):
    return extract_attachment(name, name, "application/octet-stream", payload)


def test_paragraphs_headings_and_lists_in_order() -> None:
    body = (
        "<text:h>Høringssvar</text:h><text:p>Vi støtter<text:s text:c='2'/>forslaget.</text:p>"
        "<text:list><text:list-item><text:p>Første punkt</text:p></text:list-item></text:list>"
    )
    attachment = extract(odf(body))
    assert (attachment.detected_type, attachment.method, attachment.error) == ("odt", "odf", None)
    # Headings and list items carry light Markdown for the initiative splitter.
    assert attachment.text == "# Høringssvar\nVi støtter  forslaget.\n- Første punkt"


def test_nested_list_items_are_indented_and_heading_levels_kept() -> None:
    body = (
        "<text:h text:outline-level='2'>Forslag</text:h><text:list><text:list-item>"
        "<text:p>Ydre</text:p><text:list><text:list-item><text:p>Indre</text:p>"
        "</text:list-item></text:list></text:list-item></text:list>"
    )
    assert extract(odf(body)).text == "## Forslag\n- Ydre\n  - Indre"


def test_footnote_and_comment_follow_the_text_instead_of_splitting_it() -> None:
    # LibreOffice stores both inline, in the middle of the sentence they belong to.
    body = (
        "<text:p>En sætning<text:note text:note-class='footnote'>"
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>Kilde: DST"
        "</text:p></text:note-body></text:note> med note"
        "<office:annotation><dc:creator>Ole</dc:creator><text:p>Tjek tallet</text:p>"
        "</office:annotation>.</text:p>"
    )
    assert (
        extract(odf(body)).text == "En sætning med note.\n[1] Kilde: DST\n[Kommentar] Tjek tallet"
    )


def test_deleted_tracked_changes_are_not_text() -> None:
    body = (
        "<text:tracked-changes><text:changed-region><text:deletion>"
        "<text:p>slettet tekst</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes><text:p>Gældende tekst</text:p>"
    )
    assert extract(odf(body)).text == "Gældende tekst"


def test_table_rows_are_lines_with_cells_joined() -> None:
    body = (
        "<table:table><table:table-row><table:table-cell><text:p>Navn</text:p></table:table-cell>"
        "<table:table-cell><text:p>By</text:p></table:table-cell></table:table-row>"
        "<table:table-row><table:table-cell><text:p>Søren</text:p></table:table-cell>"
        "<table:table-cell/><table:table-cell><text:p>Ærø</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    )
    assert extract(odf(body)).text == "Navn | By\nSøren | Ærø"


def test_text_frame_anchored_in_a_paragraph_is_read_after_it() -> None:
    body = (
        "<text:p>Brødtekst<draw:frame><draw:text-box><text:p>Tekstboks</text:p>"
        "</draw:text-box></draw:frame></text:p>"
    )
    assert extract(odf(body)).text == "Brødtekst\nTekstboks"


def test_header_and_footer_from_the_master_page() -> None:
    styles = (
        "<style:master-page><style:header><text:p>Sidehoved</text:p></style:header>"
        "<style:footer><text:p>Sidefod</text:p></style:footer></style:master-page>"
    )
    assert extract(odf("<text:p>Brødtekst</text:p>", styles=styles)).text == (
        "Sidehoved\nBrødtekst\nSidefod"
    )


def test_spreadsheet_sheets_are_headed_by_their_names() -> None:
    body = (
        "<table:table table:name='Forslag'><table:table-row>"
        "<table:table-cell table:number-columns-repeated='1000'/>"
        "<table:table-cell><text:p>Mere åbenhed</text:p></table:table-cell>"
        "</table:table-row></table:table>"
    )
    attachment = extract(odf(body, kind="spreadsheet"), "svar.ods")
    assert (attachment.detected_type, attachment.method) == ("ods", "odf")
    assert attachment.text == "Ark: Forslag\nMere åbenhed"


def test_password_protected_document_is_recorded_as_encrypted() -> None:
    manifest = (
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
        "</manifest:file-entry></manifest:manifest>"
    )
    assert extract(odf("<text:p>x</text:p>", manifest=manifest)).error == "odt: encrypted"


def test_entity_expansion_is_refused_quickly() -> None:
    content = (
        BILLION_LAUGHS + f"<office:document-content {ODF_NS}><office:body><office:text>"
        "<text:p>&lol9;</text:p></office:text></office:body></office:document-content>"
    )
    payload = zip_bytes(
        {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": content}
    )
    start = time.perf_counter()
    attachment = extract(payload)
    assert time.perf_counter() - start < 2
    assert attachment.error == "odt: XML with a DTD refused (entity expansion)"
    assert "lollol" not in attachment.text
