"""Which version of extraction produced a stored text, per sniffed type.

Bump a type's number whenever a change alters what its extraction returns (text, method
or error), so `hoering reparse --outdated` can find the rows made by older code.
"""

from __future__ import annotations

# parse_message's own output (subject, sender, body, warnings, attachment paths); bump
# when that changes. Attachments have their own numbers below.
# 2: message/partial, unindented encoded words, Cyrillic bodies; 3: undeclared bodies are
# Cyrillic only when the text proves it (parse/charset.py), Danish æøå lines stay Danish;
# 4: an HTML body's ordered lists carry the numbers a browser shows, nested lists indented;
# 5: undeclared 8-bit subjects and From names read word by word where UTF-8 and Latin-1 mix;
# 6: a multipart/alternative body is read from its HTML when that shows the text part's
# words, Outlook's list paragraphs are list items at their level, paragraphs without
# margins (own style or the style sheet) are lines (parse/text.py, parse/html_layout.py);
# 7: header lines that lost their folding blank between two fields continue the field
# above (parse/message_read.py), so the Subject and From after them stay headers;
# 8: a bold run-in title opening two or more HTML paragraphs ("<b>Åbne data.</b> Vi ...")
# is written "# " over the rest of its paragraph (parse/html_layout.py).
PARSER_VERSION = "8"

EXTRACTOR_VERSIONS: dict[str, int] = {
    "pdf": 7,  # 2: OCR of image-only pages; 3: OCR stops at its deadline keeping pages read;
    # 4: pdftotext, reading order, single spaces, running header/footer once, hyphens joined;
    # 5: pdfminer first again (columns, paragraphs), page numbers dropped, a running header
    # of the later pages kept once at the end; 6: a PDF over 40 pages goes to pdftotext by
    # its page count, not after a time (a long PDF read by the old rule may differ); 7: the
    # headings its type shows (bold, larger) marked "# " as Word's are, a larger size a level
    # above a smaller one (parse/pdf_headings.py)
    "docx": 11,  # 2: notes, comments, Strict OOXML fallback; 3: OCR of pictures; 4: "# ", "- ";
    # 5: numbered list items carry the number Word shows ("1.", "1.1", "a)"); 6: bold
    # paragraphs that are headings are marked "# " between letterhead and closing; 7: a bold
    # closing ("Med venlig hilsen", "På vegne af") ends them: its signature is no heading;
    # and bold set by a style (a paragraph style "Mellemrubrik", a bold character style) counts;
    # 8: the Title style is a heading only over the letter's text, a short line set larger
    # than text (not bold) is a heading, a table row in the letter's text stays one line;
    # 9: an altChunk's HTML is read as HTML mail now is (Outlook lists, margin-less lines);
    # 10: bold lead sentences, labels and questions ("Der bør ... .", "Lobbyregister:",
    # "Hvordan ...?") are headings where two or more stand over a paragraph each;
    # 11: a table that lays out the letter's text (no header row; a cell with a list, a
    # heading, a table or two paragraphs; a bold title beside prose) is read as its text,
    # an empty body paragraph is no blank line, and bold run-in leads ("Åbne data." opening
    # two or more paragraphs in bold) are their paragraphs' headings
    "xlsx": 1,
    "pptx": 2,  # 2: python-pptx (1: "unsupported type")
    "xls": 1,  # xlrd; before it was sniffed as "ole"
    "odt": 3,  # 2: OCR of pictures; 3: headings "# ", list items "- " (light Markdown)
    "ods": 2,
    "odp": 2,
    "rtf": 3,  # 2: its HTML read as parse/text.py reads HTML 3; 3: HTML 4
    "doc": 1,
    "wordperfect": 1,  # wpd2text (libwpd-tools); before: "unknown", unsupported
    "msg": 3,  # 2: its HTML body read as parse/text.py reads HTML 3; 3: HTML 4
    "tnef": 3,  # 2: its HTML body read as parse/text.py reads HTML 3; 3: HTML 4, and pasted
    # pictures and objects ("Untitled Attachment") handed on as the bitmap or OLE2 file they hold
    "zip": 1,
    "ole": 2,  # other OLE2 files: "unsupported type" (2: .xls left this type for "xls")
    "html": 4,  # 2: ordered lists numbered as a browser shows them, nested lists indented;
    # 3: Outlook's list paragraphs (mso-list) are items at their level with the bullet or
    # number Word shows; paragraphs without margins (own style or the style sheet) are lines;
    # 4: bold run-in titles of two or more paragraphs are headings ("# ") over their text
    "text": 4,  # 2: charset guessed if none declared; 3: Cyrillic too; 4: only proven Cyrillic
    "message": 1,
    "png": 2,  # 2: OCR
    "jpeg": 2,
    "gif": 2,
    "tiff": 3,  # 3: a fax past the OCR deadline keeps the frames read
    "bmp": 1,  # OCR as the other images; before: "unknown"
    "unknown": 3,  # 2: WordPerfect 4.2 left this type for "wordperfect"; 3: BMP for "bmp"
}


def extractor_version(kind: str) -> str:
    """The version string stored with a text, e.g. "pdf/2"; unlisted types are version 1."""
    return f"{kind}/{EXTRACTOR_VERSIONS.get(kind, 1)}"
