"""Decode text attachments and bodies, turn HTML into plain text, tidy extracted text."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import PreformattedString

from hoering.parse.charset import guess_charset
from hoering.parse.html_layout import Paragraphs, run_in_leads, word_list_item, word_marker

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels mailers send that Python does not know.
_ALIASES = {
    "x-mac-cyrillic": "mac_cyrillic",  # Apple Mail
    "iso-8859-8-i": "iso8859_8",  # logical-order Hebrew
    "cp-1252": "cp1252",
}

# Labels that browsers decode with a superset (WHATWG Encoding Standard): Outlook and many
# webmailers declare iso-8859-1 or us-ascii but send windows-1252 quotes, dashes and euro
# signs, and likewise for the East Asian legacy charsets (Outlook's ks_c_5601-1987 is euc_kr
# to Python but code page 949 in the mail).
_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "iso8859_9": "cp1254",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
}

# Python codecs that are not charsets a mail could honestly mean.
_NOT_CHARSETS = {"unicode_escape", "raw_unicode_escape", "punycode", "idna", "undefined"}

# One byte per character: valid multi-byte UTF-8 is almost never accidental in such text.
_SINGLE_BYTE = re.compile(r"cp125\d|cp437|cp8[56]\d|cp874|iso8859_\d+|koi8_\w+|mac_\w+|tis_620")

_AS_UTF8 = "read as utf-8"
_LABELS = {f"cp125{n}": f"windows-125{n}" for n in range(9)}
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Typeset PDFs (Scribus, LaTeX) emit ligature code points; search needs the letters.
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)


def decode_text(data: bytes, declared_charset: str | None) -> tuple[str, str | None]:
    """Decode bytes: BOM, then the declared charset, then UTF-8, then windows-1252; never raises.

    Returns (text, warning). Newlines become \\n and the text is NFC; trailing spaces are
    kept because format=flowed bodies need them.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom) :].decode(codec, errors="replace")), None
    label = (declared_charset or "").strip().strip("\"'")
    if not label or label.lower() == "unknown-8bit":  # compat32's name for "undeclared"
        text, how = _fall_back(data, None)
        return _finish(text), None if how == _AS_UTF8 else f"undeclared 8-bit text {how}"
    codec = _lookup(label)
    if codec is None:
        text, how = _fall_back(data, None)
        return _finish(text), f"unknown charset {label!r}; {how}"
    if _SINGLE_BYTE.fullmatch(codec) and not data.isascii():
        # Corpus phpmmp_issue230: UTF-8 bytes labelled x-mac-cyrillic.
        text = _try_decode(data, "utf-8")
        if text is not None:
            return _finish(text), f"charset {label!r} declared but the bytes are UTF-8"
    text = _try_decode(data, codec)
    if text is not None:
        return _finish(text), None
    text, how = _fall_back(data, codec)
    return _finish(text), f"text did not decode as declared charset {label!r}; {how}"


def _lookup(label: str) -> str | None:
    """Python codec name for a declared charset, or None if unknown or not a charset."""
    try:
        info = codecs.lookup(_ALIASES.get(label.lower(), label))
    except (LookupError, ValueError):
        return None
    name = info.name.replace("-", "_")
    if name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return _SUPERSETS.get(name, name)


def _fall_back(data: bytes, codec: str | None) -> tuple[str, str]:
    """(text, how it was read) when the charset is missing, unknown (None) or wrong."""
    # 7-bit bytes that a known codec rejects are damaged iso-2022-jp or utf-7, not UTF-8.
    if codec != "utf_8" and not (codec and data.isascii()):
        text = _try_decode(data, "utf-8")
        if text is not None:
            return text, _AS_UTF8
    if codec not in (None, "utf_8"):
        # A few bad sequences in, say, big5 or windows-1255 still read best as that.
        text = _try_decode(data, codec, "replace")
        if text is not None:
            return text, "undecodable bytes replaced"
    text = data.decode("utf-8", errors="replace")
    if len(_UTF8_SEQUENCE.findall(data)) > text.count("\ufffd"):
        # Mostly UTF-8 with a few broken bytes (corpus spamscope_mail_test_6): windows-1252
        # would garble every letter, not just the broken ones.
        return text, f"{_AS_UTF8} with undecodable bytes replaced"
    # Undeclared or unknown: windows-1252 unless the text reads clearly better in another
    # code page (Cyrillic mail from an old client that declares nothing).
    guessed = (guess_charset(data) if codec is None else None) or "cp1252"
    text = data.decode(guessed, errors="replace")
    lossy = " with undecodable bytes replaced" if "\ufffd" in text else ""
    return text, f"read as {_LABELS.get(guessed, guessed.replace('_', '-'))}{lossy}"


def _try_decode(data: bytes, codec: str, errors: str = "strict") -> str | None:
    try:
        return data.decode(codec, errors)
    except UnicodeError:
        return None


def _finish(text: str) -> str:
    """Unify newlines, replace lone surrogates (UTF-7, broken PDFs), normalize to NFC."""
    text = _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    return unicodedata.normalize("NFC", text)


def normalize_text(text: str) -> str:
    """Tidy extracted text: NFC, \\n newlines, no control characters or ligatures,
    no trailing whitespace, at most two blank lines in a row."""
    # pdfminer ends each page with a form feed; Word exports use \v for line breaks.
    text = _finish(text).replace("\f", "\n\n").replace("\v", "\n").translate(_LIGATURES)
    text = _CONTROL.sub("", text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{4,}", "\n\n\n", "\n".join(lines))
    return text.strip("\n")


# Private-use characters mark structure while HTML whitespace is collapsed; the same
# characters in the mail are dropped so they cannot pose as markers.
_PARA, _LINE, _BR, _CELL, _ITEM = "\ue000", "\ue001", "\ue002", "\ue003", "\ue004"
_NOT_MARKERS = str.maketrans(dict.fromkeys(map(ord, _PARA + _LINE + _BR + _CELL + _ITEM)))
_DROP = ("script", "style", "head", "title", "noscript", "template", "svg", "object")
_PARA_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol"}
_LINE_TAGS = {
    "address", "article", "aside", "caption", "dd", "details", "dl", "dt", "div", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hr", "li", "main", "nav", "section",
    "summary", "tr", "center",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
_MARKS = _PARA + _LINE + _BR + _ITEM
_BREAKS = re.compile(f"[ {_MARKS}]*[{_MARKS}][ {_MARKS}]*")


def html_to_text(markup: str) -> str:
    """Readable plain text from HTML: no scripts or styles, blocks on their own lines,
    list items after "- ", table cells joined with " | "."""
    if "<" not in markup:
        return normalize_text(" ".join(html.unescape(markup).split()))
    soup = BeautifulSoup(markup, "html.parser")
    for lead in run_in_leads(soup):  # a heading over the rest of its paragraph
        lead.insert_before("# ")
        lead.insert_after(soup.new_tag("br"))
    items: list[str] = []  # each list item's marker, in document order
    chunks = _chunks(soup, items, Paragraphs(soup))
    text = re.sub(r"[ \t\n\r\f\v]+", " ", "".join(chunks))
    markers = iter(items)
    text = _BREAKS.sub(lambda run: _breaks(run, markers), text)
    lines = (_join_cells(line) for line in text.replace("\xa0", " ").split("\n"))
    return normalize_text("\n".join(lines).lstrip(" "))


def _chunks(root: Tag, items: list[str], paragraphs: Paragraphs) -> Iterator[str]:
    """Visible strings and break markers in document order, without recursion; each list
    item's marker ("- ", "2. ", indented two spaces per nesting level) is added to `items`.

    Mail HTML can nest thousands of levels deep; a stack avoids RecursionError and the
    quadratic cost of inserting markers into the tree.
    """
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    lists: list[list[int]] = []  # per open <ul>/<ol>: [ordered, next number]
    in_pre = in_item = 0
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Tag):
            if leaving:
                in_pre -= node.name == "pre"
                in_item -= node.name == "li"
                if node.name in ("ul", "ol") and lists:
                    lists.pop()
                yield _marker(node, in_item > 0, paragraphs)
            elif node.name == "br":
                yield _BR
            elif node.name not in _DROP and not _is_hidden(node) and not word_marker(node):
                if node.name in ("ul", "ol"):
                    lists.append([node.name == "ol", _start(node)])
                word_item = node.name != "li" and word_list_item(node)
                if node.name == "li":
                    items.append(_item_marker(lists))
                elif word_item:
                    items.append(word_item)
                yield _ITEM if node.name == "li" else _marker(node, in_item > 0, paragraphs)
                yield _ITEM if word_item else ""
                in_pre += node.name == "pre"
                in_item += node.name == "li"
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            # Comments, doctypes and CDATA are PreformattedStrings: not shown.
            text = str(node).translate(_NOT_MARKERS)
            yield text.replace(" ", "\xa0").replace("\n", _BR) if in_pre else text


def _start(tag: Tag) -> int:
    start = str(tag.get("start") or "1").strip()
    return int(start) if start.isdigit() else 1


def _item_marker(lists: list[list[int]]) -> str:
    """ "- " in a <ul>, the number a browser shows in an <ol> ("3. "), indented per level."""
    if not lists:
        return "- "
    ordered, number = lists[-1]
    lists[-1][1] += 1
    return "  " * (len(lists) - 1) + (f"{number}. " if ordered else "- ")


def _marker(tag: Tag, in_item: bool, paragraphs: Paragraphs) -> str:
    """The marker for the line break a browser shows at a tag's edges, or ""."""
    if tag.name == "p" and paragraphs.is_line(tag):
        # Outlook and OWA write every line as a paragraph without margins and mark blank
        # lines with empty paragraphs, so these are single line breaks.
        return _LINE
    if tag.name in ("ul", "ol") and in_item:
        return _LINE  # a nested list has no margins: its items follow their parent item
    if tag.name in _PARA_TAGS:
        return _PARA
    if tag.name in _LINE_TAGS:
        return _LINE
    return _CELL if tag.name in _CELL_TAGS else ""


def _is_hidden(tag: Tag) -> bool:
    """True for display:none elements, e.g. the preview text newsletters hide."""
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or tag.has_attr("hidden")


def _breaks(match: re.Match[str], markers: Iterator[str]) -> str:
    """The newlines, and a list item's marker (the next of `markers`), for a run of markers
    after some text.

    Block edges end the line once and paragraphs leave a blank line; a <br> ends the line,
    or on an empty line adds one (Gmail's <div><br></div> is a blank line).
    """
    run = match.group()
    newlines, ended = 0, False
    for mark in run.replace(" ", ""):
        if mark == _PARA:
            newlines = max(newlines, 2)
        elif mark == _BR and ended:
            newlines += 1
        elif not ended:
            newlines = 1
        ended = True
    item = ""
    for _ in range(run.count(_ITEM)):  # an empty item's marker is used up too
        item = next(markers, "- ")
    return "\n" * newlines + item


def _join_cells(line: str) -> str:
    """Join the non-empty table cells of one line with ' | '."""
    if _CELL not in line:
        return line  # leading spaces here come from &nbsp; or <pre>: keep the indent
    return " | ".join(cell.strip() for cell in line.split(_CELL) if cell.strip())
