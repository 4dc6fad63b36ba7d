# ruff: noqa: E501 - mailers' HTML is data: kept on one line per paragraph as they write it
"""HTML bodies read as a reader sees them (issue 18 item 2): Outlook's list paragraphs as
list items with their level, paragraphs without margins as lines."""

from __future__ import annotations

from hoering.parse.text import html_to_text

# Outlook desktop (Word's HTML): a list is paragraphs that carry their level in their style
# and the bullet or number Word shows in a span other readers skip (<![if !supportLists]>).
_ITEM = (
    "<p class={cls} style='text-indent:-18.0pt;mso-list:l0 level{level} lfo1'><![if !supportLists]>"
    "<span style='font-family:{font}'><span style='mso-list:Ignore'>{mark}<span style='font:7.0pt \"Times New Roman\"'>"
    "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>{text}<o:p></o:p></p>"
)


def outlook(*paragraphs: str) -> str:
    return (
        "<html><head><style><!-- p.MsoNormal {margin:0cm;} --></style></head>"
        "<body lang=DA><div class=WordSection1>" + "\n".join(paragraphs) + "</div></body></html>"
    )


def para(text: str) -> str:
    return f"<p class=MsoNormal>{text}<o:p></o:p></p>"


def item(level: int, mark: str, text: str, cls: str = "MsoListParagraphCxSpMiddle") -> str:
    font = {"·": "Symbol", "o": '"Courier New"', "§": "Wingdings"}.get(mark, "Calibri")
    return _ITEM.format(cls=cls, level=level, font=font, mark=mark, text=text)


def test_outlook_symbol_bullets_are_list_items_at_their_level() -> None:
    markup = outlook(
        para("Vi foreslår:"),
        item(1, "·", "Åbne kalendere for ministre.", "MsoListParagraphCxSpFirst"),
        item(2, "o", "også for departementschefer"),
        item(3, "§", "og deres rådgivere"),
        item(1, "·", "Et register over reelle ejere.", "MsoListParagraphCxSpLast"),
        para("&nbsp;"),
        para("Mvh"),
    )
    assert html_to_text(markup) == (
        "Vi foreslår:\n- Åbne kalendere for ministre.\n  - også for departementschefer\n"
        "    - og deres rådgivere\n- Et register over reelle ejere.\n\nMvh"
    )


def test_outlook_numbers_and_letters_are_kept_as_word_shows_them() -> None:
    markup = outlook(
        item(1, "1.", "Et lobbyregister.", "MsoListParagraph"),
        item(2, "a)", "med møder", "MsoListParagraph"),
        item(1, "2.", "Whistleblowere.", "MsoListParagraph"),
    )
    assert html_to_text(markup) == "1. Et lobbyregister.\n  a) med møder\n2. Whistleblowere."


def test_owa_paragraphs_without_margins_are_lines() -> None:
    line = '<p style="margin-top:0;margin-bottom:0">{}</p>'
    markup = (
        '<div id="divtagdefaultwrapper" style="font-size:12pt;" dir="ltr">'
        + "".join(
            line.format(t)
            for t in ("Åbne geodata", "Alle geodata bør udstilles.", "<br>", "Venlig hilsen")
        )
        + "</div>"
    )
    assert html_to_text(markup) == "Åbne geodata\nAlle geodata bør udstilles.\n\nVenlig hilsen"


def test_paragraphs_with_margins_stay_set_apart() -> None:
    assert (
        html_to_text("<p>Første afsnit.</p><p>Andet afsnit.</p>")
        == "Første afsnit.\n\nAndet afsnit."
    )


def test_owa_style_sheet_without_paragraph_margins_makes_lines() -> None:
    # Exchange OWA sets the margins once for every <p> and spaces paragraphs with <p><br></p>.
    markup = (
        '<html><head><style type="text/css" id="owaParaStyle">P {margin-top:0;margin-bottom:0;}'
        "</style></head><body><div><p><b>1. Åbne data</b></p><p>Data bør udstilles.</p>"
        "<p>Det koster lidt.</p><p><br></p><p>Venlig hilsen</p></div></body></html>"
    )
    assert html_to_text(markup) == (
        "1. Åbne data\nData bør udstilles.\nDet koster lidt.\n\nVenlig hilsen"
    )


def test_outlook_style_sheet_with_a_hair_of_margin_makes_lines() -> None:
    # Outlook's "margin-bottom:.0001pt" shows no space: its classes' paragraphs are lines.
    markup = (
        "<style><!-- p.Brevtekst, li.Brevtekst {margin:0cm; margin-bottom:.0001pt;} --></style>"
        '<p class="Brevtekst">Første linje</p><p class="Brevtekst">Anden linje</p>'
    )
    assert html_to_text(markup) == "Første linje\nAnden linje"


def test_a_style_sheet_that_spaces_paragraphs_keeps_them_apart() -> None:
    markup = "<style>p {margin:0 0 12pt 0}</style><p>Første afsnit.</p><p>Andet afsnit.</p>"
    assert html_to_text(markup) == "Første afsnit.\n\nAndet afsnit."
