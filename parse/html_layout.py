"""How mail HTML lays out its blocks, beyond tag names: which paragraphs a reader sees as
lines (no margins above or below), and Outlook's list paragraphs (Word's HTML).

parse/text.py renders HTML to text with these answers, so a mail's text keeps the lines,
paragraphs and list items its reader sees.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

# Outlook writes a list as paragraphs (Word's HTML): each says its level in its style
# ("mso-list:l0 level2 lfo1") and carries the bullet or number Word shows in a span styled
# "mso-list:Ignore", which other readers hide behind <![if !supportLists]>.
_WORD_LEVEL = re.compile(r"mso-list:\s*l\d+\s+level(\d)", re.IGNORECASE)
_WORD_IGNORE = re.compile(r"mso-list:\s*ignore", re.IGNORECASE)
# Numbers and letters as Word shows them ("1.", "2.1.", "a)", "iv."); any other marker is a
# bullet in a symbol font (Symbol's "·", Courier's "o", Wingdings' "§" or "Ø").
_WORD_NUMBER = re.compile(r"\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]{1,4})[.)]")

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COMMENT = re.compile(r"/\*.*?\*/|<!--|-->", re.DOTALL)
_LENGTH = re.compile(r"(-?\d*\.?\d+)([a-z%]*)")
_NEARLY_NOTHING = 1.0  # px or pt: Outlook's "margin-bottom:.0001pt" is no margin
_BOLD_STYLE = re.compile(r"font-weight:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_INNER_BLOCKS = ("p", "div", "li", "ul", "ol", "table", "blockquote")
_LEAD_CHARS, _LEAD_WORDS = 80, 12  # a run-in title: a short phrase or sentence


def word_marker(tag: Tag) -> bool:
    """The span holding a Word list paragraph's bullet or number: read from its paragraph."""
    return tag.name == "span" and bool(_WORD_IGNORE.search(str(tag.get("style") or "")))


def word_list_item(tag: Tag) -> str:
    """A Word list paragraph's marker as list items read ("- ", "1. ", "  a) "), or ""."""
    level = _WORD_LEVEL.search(str(tag.get("style") or ""))
    shown = tag.find(word_marker) if level else None
    if shown is None:
        return ""
    mark = " ".join(shown.get_text().replace("\xa0", " ").split()[:1])
    mark = mark if _WORD_NUMBER.fullmatch(mark) else "-"
    return "  " * (int(level.group(1)) - 1) + mark + " "


class Paragraphs:
    """Which <p> of one document a reader sees as a line: its own style, else the
    document's style sheet ("P {margin-top:0;margin-bottom:0;}" in Exchange OWA,
    "p.MsoNormal {margin:0cm}" in Outlook), sets no margin above or below it."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.every = False  # a rule for all <p>
        self.classes: set[str] = set()  # rules for p.<class>
        for style in soup.find_all("style"):
            for selectors, declarations in _RULE.findall(_COMMENT.sub(" ", style.get_text())):
                if _unspaced(declarations) is True:
                    self._add(selectors)

    def _add(self, selectors: str) -> None:
        for selector in (s.strip().casefold() for s in selectors.split(",")):
            if selector == "p":
                self.every = True
            elif selector.startswith("p.") and re.fullmatch(r"p\.[\w-]+", selector):
                self.classes.add(selector[2:])

    def is_line(self, tag: Tag) -> bool:
        classes = [name.casefold() for name in tag.get("class") or ()]
        own = _unspaced(str(tag.get("style") or ""))
        if own is not None:
            return own
        # Outlook writes every line as <p class=MsoNormal> with zero margins, also when
        # the style sheet is lost (a forward, a web archive).
        return (
            self.every
            or any(name in self.classes for name in classes)
            or any(name.startswith("mso") for name in classes)
        )


def _unspaced(declarations: str) -> bool | None:
    """True when CSS declarations leave no margin above and below, False when they set
    one, None when they say nothing of the vertical margins."""
    top = bottom = None
    for declaration in declarations.split(";"):
        name, _, value = (part.strip().casefold() for part in declaration.partition(":"))
        values = value.replace("!important", "").split()
        if name == "margin" and values:
            top, bottom = values[0], values[2] if len(values) > 2 else values[0]
        elif name == "margin-top" and values:
            top = values[0]
        elif name == "margin-bottom" and values:
            bottom = values[0]
    if top is None and bottom is None:
        return None
    return _nothing(top) and _nothing(bottom)


def _nothing(value: str | None) -> bool:
    """A length that shows no space (absent counts as the browser's default: space)."""
    match = _LENGTH.fullmatch(value or "")
    if match is None:
        return False
    number, unit = abs(float(match.group(1))), match.group(2)
    return number == 0 or (unit in ("px", "pt") and number < _NEARLY_NOTHING)


def run_in_leads(soup: BeautifulSoup) -> list[Tag]:
    """The bold elements that open a paragraph as its run-in title ("<b>Åbne ventetider.</b>
    Vi foreslår ..."): a short phrase or sentence ending in ".", the paragraph's text
    running on in roman. Only where two or more paragraphs open so: one alone is emphasis.
    parse/text.py writes them as headings over their paragraphs, as Word's are read."""
    found = []
    for block in soup.find_all(("p", "div", "li")):
        if block.find(_INNER_BLOCKS) is None:
            lead = _opening_bold(block)
            if lead is not None:
                found.append(lead)
    return found if len(found) >= 2 else []


def _opening_bold(block: Tag) -> Tag | None:
    strings = [s for s in block.find_all(string=True) if type(s) is NavigableString]
    shown = [s for s in strings if s.strip()]
    lead = _bold_ancestor(shown[0], block) if shown else None
    if lead is None:
        return None
    text = " ".join(lead.get_text().split())
    rest = [s for s in shown if lead not in s.parents]
    return (
        lead
        if text.endswith(".")
        and len(text) <= _LEAD_CHARS
        and len(text.split()) <= _LEAD_WORDS
        and text[:1].isupper()
        and bool(rest)
        and not any(_bold_ancestor(s, block) for s in rest)
        else None
    )


def _bold_ancestor(string: NavigableString, block: Tag) -> Tag | None:
    """The outermost bold element between a string and its block, if any."""
    found = None
    for parent in string.parents:
        if parent is block:
            return found
        if parent.name in ("b", "strong") or _BOLD_STYLE.search(str(parent.get("style") or "")):
            found = parent
    return found
