"""Decode text attachments and bodies, turn HTML into plain text, tidy extracted text."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from collections.abc import Iterator

from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from bs4.element import PreformattedString

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels that browsers decode with a superset (WHATWG Encoding Standard): Outlook and many
# webmailers declare iso-8859-1 or us-ascii but send windows-1252 quotes, dashes and euro
# signs, and likewise for the East Asian legacy charsets.
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

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Typeset PDFs (Scribus, LaTeX) emit ligature code points; search needs the letters.
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)


def decode_text(data: bytes, declared_charset: str | None) -> tuple[str, str | None]:
    """Decode bytes: BOM, then the declared charset, then UTF-8, then windows-1252.

    Returns (text, warning). Newlines become \\n and the text is NFC; trailing spaces are
    kept because format=flowed bodies need them.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _finish(data[len(bom) :].decode(codec, errors="replace")), None
    warning = None
    codec = _lookup(declared_charset) if declared_charset else None
    if declared_charset and codec is None:
        warning = f"unknown charset {declared_charset!r}"
    if codec is not None:
        try:
            return _finish(data.decode(codec)), None
        except UnicodeError:
            warning = f"text did not decode as declared charset {declared_charset!r}"
    if codec != "utf_8":
        try:
            return _finish(data.decode("utf-8")), warning
        except UnicodeDecodeError:
            pass
    text = data.decode("cp1252", errors="replace")
    warning = f"{warning or 'not UTF-8'}; decoded as windows-1252"
    if "\ufffd" in text:
        warning += " with undecodable bytes replaced"
    return _finish(text), warning


def _lookup(charset: str) -> str | None:
    """Python codec name for a declared charset, or None if unknown or not a charset."""
    try:
        info = codecs.lookup(charset.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    name = info.name.replace("-", "_")
    if name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return _SUPERSETS.get(name, name)


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


# Private-use characters mark structure while HTML whitespace is collapsed.
_PARA, _LINE, _BR, _CELL = "\ue000", "\ue001", "\ue002", "\ue003"
_DROP = ("script", "style", "head", "title", "noscript", "template", "svg", "object")
_PARA_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol"}
_LINE_TAGS = {
    "address", "article", "aside", "caption", "dd", "details", "dl", "dt", "div", "fieldset",
    "figcaption", "figure", "footer", "form", "header", "hr", "li", "main", "nav", "section",
    "summary", "tr", "center",
}  # fmt: skip
_CELL_TAGS = {"td", "th"}
_BREAKS = re.compile(f"[ {_PARA}{_LINE}{_BR}]*[{_PARA}{_LINE}{_BR}][ {_PARA}{_LINE}{_BR}]*")


def html_to_text(markup: str) -> str:
    """Readable plain text from HTML: no scripts or styles, blocks on their own lines."""
    if "<" not in markup:
        return normalize_text(" ".join(html.unescape(markup).split()))
    soup = BeautifulSoup(markup, "html.parser")
    text = re.sub(r"[ \t\n\r\f\v]+", " ", "".join(_chunks(soup)))
    text = _BREAKS.sub(_breaks, text)
    lines = (_join_cells(line) for line in text.replace("\xa0", " ").split("\n"))
    return normalize_text("\n".join(lines).lstrip(" "))


def _chunks(root: Tag) -> Iterator[str]:
    """Visible strings and break markers in document order, without recursion.

    Mail HTML can nest thousands of levels deep; a stack avoids RecursionError and the
    quadratic cost of inserting markers into the tree.
    """
    stack: list[tuple[PageElement, bool]] = [(root, False)]
    in_pre = 0
    while stack:
        node, leaving = stack.pop()
        if isinstance(node, Tag):
            if leaving:
                in_pre -= node.name == "pre"
                yield _marker(node)
            elif node.name == "br":
                yield _BR
            elif node.name not in _DROP and not _is_hidden(node):
                in_pre += node.name == "pre"
                yield _marker(node)
                stack.append((node, True))
                stack.extend((child, False) for child in reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            # Comments, doctypes and CDATA are PreformattedStrings: not shown.
            yield str(node).replace(" ", "\xa0").replace("\n", _BR) if in_pre else str(node)


def _marker(tag: Tag) -> str:
    """The marker for the line break a browser shows at a tag's edges, or ""."""
    if tag.name == "p" and "MsoNormal" in (tag.get("class") or ()):
        # Outlook writes every line as <p class=MsoNormal> with zero margins and marks
        # blank lines with empty paragraphs, so these are single line breaks.
        return _LINE
    if tag.name in _PARA_TAGS:
        return _PARA
    if tag.name in _LINE_TAGS:
        return _LINE
    return _CELL if tag.name in _CELL_TAGS else ""


def _is_hidden(tag: Tag) -> bool:
    """True for display:none elements, e.g. the preview text newsletters hide."""
    style = str(tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or tag.has_attr("hidden")


def _breaks(match: re.Match[str]) -> str:
    """The newlines for a run of markers: <br>s count, block edges merge."""
    run = match.group()
    minimum = 2 if _PARA in run else 1 if _LINE in run else 0
    return "\n" * max(minimum, run.count(_BR))


def _join_cells(line: str) -> str:
    """Join the non-empty table cells of one line with ' | '."""
    if _CELL not in line:
        return line  # leading spaces here come from &nbsp; or <pre>: keep the indent
    return " | ".join(cell.strip() for cell in line.split(_CELL) if cell.strip())
