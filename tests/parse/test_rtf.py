"""RTF written by hand: code pages, Unicode escapes, Outlook's encapsulated HTML."""

from __future__ import annotations

from hoering.parse.attachments import extract_attachment


def extract(payload: bytes):
    return extract_attachment("svar.rtf", "svar.rtf", "application/rtf", payload)


def test_windows_1252_escapes_are_danish_letters() -> None:
    # WordPad and Word write æøå as \'xx escapes in the document's ANSI code page.
    payload = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Calibri;}}"
        rb"\f0 H\'f8ringssvar: \'e6\'f8\'e5\par}"
    )
    attachment = extract(payload)
    assert (attachment.detected_type, attachment.method, attachment.error) == ("rtf", "rtf", None)
    assert attachment.text == "Høringssvar: æøå"


def test_default_code_page_is_windows_1252() -> None:
    assert extract(rb"{\rtf1\ansi S\'f8ren\par}").text == "Søren"


def test_charset_0_fonts_follow_ansicpg() -> None:
    # Outlook writes \ansicpg1250 with \fcharset0 fonts; charset 0 means "the ANSI page".
    payload = rb"{\rtf1\ansi\ansicpg1250{\fonttbl{\f0\fcharset0 Arial;}}\f0 za\'bf\'f3\'b3\'e6\par}"
    assert extract(payload).text == "zażółć"


def test_unicode_escapes_and_surrogate_pairs() -> None:
    payload = rb"{\rtf1\ansi\uc1 \u248?re \u-10179?\u-8704? \u-10179? x\par}"
    assert extract(payload).text == "øre 😀 \ufffd x"


def test_mac_rtf_uses_mac_roman() -> None:
    # TextEdit on old Macs writes \mac documents.
    assert extract(rb"{\rtf1\mac S\'bfren\par}").text == "Søren"


def test_encapsulated_html_from_outlook_is_unwrapped() -> None:
    payload = (
        rb"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}"
        rb"{\*\htmltag19 <html>}{\*\htmltag34 <body>}\htmlrtf {\htmlrtf0 "
        rb"{\*\htmltag64 <p>}Vi st\'f8tter forslaget{\*\htmltag72 </p>}"
        rb"\htmlrtf }\htmlrtf0 {\*\htmltag42 </body>}{\*\htmltag27 </html>}}"
    )
    assert extract(payload).text == "Vi støtter forslaget"
