"""A one-line summary of a reply that says what it proposes, for the høringsnotat.

The first sentence of a reply is often no summary: a letterhead ("Dataklar ApS - Nørregade
7, 9999 Nordby - CVR-nr. ..."), thanks ("... takker for invitationen ..."), a cover note
("Hermed fremsendes ...", "Se vedhæftede") or an introduction ("Vi har følgende forslag:").
`summarize` skips those and returns the first sentence with substance: one that proposes
("bør", "foreslår", ...) or a list item after an introduction; the introduction is kept in
front when it carries the proposal itself ("Jeg støtter, at planen indeholder: ...").

Never a summary: the subject line or a heading repeated (`skip`), a greeting, a signature, a
sentence with a removed CPR number or other marker, a sentence that says nothing on its own
("Åbenhed skal også gælde for dem."). Danish abbreviations ("kr.", "fx.", "bl.a.") do not end
a sentence, and a summary too long is cut at a word, with "…".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SUMMARY_LIMIT = 300

_HEADER_LINE = re.compile(r"(?i)^(?:fra|til|cc|dato|sendt|emne|from|to|date|sent|subject)\s*:\s*\S")
_GREETING = re.compile(r"(?i)^(?:hej|kære|til|dear|hello|goddag|att\.?)\b")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-•*–·▪])\s+")
# Where a sentence may end: a stop, then space, then a capital or digit (abbreviations aside).
_SENTENCE_END = re.compile(r"[.!?]+[\"”»)]?\s+(?=[\"“»(]?[A-ZÆØÅ0-9])")
# Abbreviations Danish writers end with a stop mid-sentence ("kr. 500", "fx. KL", "jf. lov").
_ABBREVIATION_WORDS = """
kr fx f.eks bl.a jf jvf mv m.v pct nr ca cirka m.fl osv evt inkl ift i.f.t dvs etc vedr
ang stk pkt mio mia hhv iht mht pga vha tlf ref bilag p.t o.l s.d ff e.g i.e vs no
"""
ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_PRONOUN_END = re.compile(r"(?i)\b(?:dem|det|den|disse|dette|dét|them|it|this|those)\W*$")
_CONTENT_FREE_WORDS = 8  # a sentence this short that ends on a pronoun points elsewhere
# What redaction leaves ("[CPR-nummer fjernet]") and CPR numbers left in (--no-redact-cpr).
_REMOVED = re.compile(r"\[[^\]]{0,40}\bfjernet\]|\b\d{6}[-\u2010\u2011\u2013]?\d{4}\b")
_REMOVED_ASIDE = re.compile(r"\s*\([^()]*(?:" + _REMOVED.pattern + r")[^()]*\)")
_REMOVED_CLAUSE = re.compile(r",[^,.]*(?:" + _REMOVED.pattern + r")[^,]*?(?=,|\.\s*$|$)")
# Lines of a letterhead or a letter's head: addresses, postcodes, CVR, dates, "Att.:".
_LETTERHEAD = re.compile(
    r"(?i)\bcvr\b|\b\d{4}\s+[A-ZÆØÅ][\wæøå]+|\bj\.\s?nr\b|\bsagsnr\b|^att\.?\s*:|"
    r"\b\d{1,2}\.\s+(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober"
    r"|november|december)\s+\d{4}\s*$|\btlf\.?\b|@|www\."
)
_BOILERPLATE = re.compile(
    r"(?i)\btakker\b|^(?:mange\s+)?tak\s+for\b|^thank|\bhermed\b|\bfremsende[sr]?\b"
    r"|\bvedhæfte(?:t|de)\b|\bvedlagte?\b|\bse\s+(?:venligst\s+)?vedhæftede\b|\bvideresend"
    r"|\bnedenstående\b|\bbeklager\b|\bhåber\b|\bi\s+forlængelse\s+af\b|\bhøringsbrev"
    r"|\bforward|\battached\b|^(?:med\s+)?venlig(?:st)?\s+hilsen|^mvh\b"
    r"|\bskriv\s+(?:gerne\s+)?tilbage\b|\bkontakt(?:e)?\s+(?:mig|os)\b|\bcontact\s+(?:me|us)\b"
)
_PROPOSES = re.compile(
    r"(?i)\b(?:bør|burde|foreslår|foreslås|anbefaler|anbefales|opfordrer|ønsker|støtter"
    r"|skal|må|lad|should|propose|recommend)\b"
)
_NUMBER_ONLY = re.compile(r"^\d{1,2}[.)]$")
# "Ad 4: ..." (Danish: "on point 4") opens the remarks on a numbered point of a form or
# table; the point's title is the heading before it, so the reference is left out.
_AD_POINT = re.compile(r"(?i)^ad\s+(?:pkt\.?\s*|punkt\s+)?\d{1,2}[.:)]?\s+(?=\S)")
_TABLE_HEADER_CELL = 20  # a table row with no cell longer than this is a header row
_SHORT_ITEM = 60  # a list item this short is a title: the sentence after it goes with it


def summarize(text: str, skip: Iterable[str] = ()) -> str | None:
    """The sentence of `text` that carries its substance, or None if it has none.

    `skip`: lines never to return on their own (the subject, a title already printed).
    """
    skipped = {_plain(line) for line in skip if line}
    units = [unit for unit in substance_units(text) if _plain(_strip_marker(unit)) not in skipped]
    units = [unit for unit in map(_without_removed, units) if unit and not _REMOVED.search(unit)]
    for index, unit in enumerate(units):
        if is_boilerplate(unit) or content_free(unit):
            continue
        if unit.endswith(":"):
            if index + 1 < len(units) and units[index + 1].endswith(":"):
                continue  # "Her er teksten:" then "X foreslår, at følgende ...:"
            item = _next_substance(units, index + 1)
            if item is None:
                continue
            # "Region Sydkyst foreslår:" belongs in front; "Vi har følgende forslag:" not.
            return _fit(f"{unit} {item}" if _PROPOSES.search(unit) else item)
        if _LIST_ITEM.match(unit) or _PROPOSES.search(unit):
            return _fit(_with_next(units, index))
    fallback = next((u for u in units if not _BOILERPLATE.search(u)), None)
    return _fit(_strip_marker(fallback)) if fallback else None


def _next_substance(units: list[str], start: int) -> str | None:
    for index in range(start, len(units)):
        if not _BOILERPLATE.search(units[index]) and not units[index].endswith(":"):
            return _with_next(units, index)
    return None


def _with_next(units: list[str], index: int) -> str:
    unit = _strip_marker(units[index])
    # "1. Stabile API'er til offentlige data." is a heading; the next sentence explains it.
    heading = unit != units[index] and len(unit) < _SHORT_ITEM
    unit = _AD_POINT.sub("", unit)
    if heading and index + 1 < len(units) and not units[index + 1].endswith(":"):
        following = units[index + 1]
        if not _LIST_ITEM.match(following) and not _BOILERPLATE.search(following):
            # A title without a stop ("Whistleblowerordning for alle medarbejdere") gets
            # one, so the sentence after it does not read as its continuation.
            stop = "" if unit.endswith((".", "!", "?", ":")) else "."
            unit = f"{unit}{stop} {_AD_POINT.sub('', following)}"
    return unit


def _strip_marker(unit: str) -> str:
    return _LIST_ITEM.sub("", unit, count=1)


def _without_removed(unit: str) -> str:
    """The sentence without the aside that held a removed CPR number: "Jeg (cpr [CPR-nummer
    fjernet]) støtter ..." keeps what it says; what cannot be cut out drops the sentence."""
    unit = _REMOVED_ASIDE.sub("", unit)
    return _REMOVED_CLAUSE.sub("", unit).strip()


def _plain(line: str) -> str:
    """A line compared without case, spacing, reply prefixes or end punctuation."""
    line = re.sub(r"(?i)^(?:(?:sv|vs|re|fw|fwd|aw)\s*:\s*)+", "", " ".join(line.split()))
    return line.strip(" .:–-").casefold()


def is_boilerplate(unit: str) -> bool:
    """Thanks, "hermed fremsendes", "se vedhæftede", sign-offs, "kontakt os": no substance."""
    return bool(_BOILERPLATE.search(unit))


def content_free(unit: str) -> bool:
    """ "Åbenhed skal også gælde for dem.": short, and what it is about is elsewhere."""
    return len(unit.split()) <= _CONTENT_FREE_WORDS and bool(_PRONOUN_END.search(unit))


def _fit(text: str) -> str:
    return fit(" ".join(text.split()))


def fit(text: str, limit: int = SUMMARY_LIMIT) -> str:
    """`text` if it fits in `limit` characters, else cut after its last whole word with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if not text[limit - 1].isspace() and " " in cut:
        cut = cut.rsplit(" ", 1)[0]  # the word the limit fell in goes whole
    return cut.rstrip(" ,;:–-") + "…"


def sentences(text: str) -> list[str]:
    """`text` split into sentences; a stop after an abbreviation or an initial ("H. C.") is
    no sentence end."""
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        before = text[start : end.start() + 1].split()
        word = before[-1].lstrip('("“»').rstrip(".").casefold() if before else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        found.append(text[start : end.end()].strip())
        start = end.end()
    found.append(text[start:].strip())
    return [sentence for sentence in found if sentence]


def substance_units(text: str) -> Iterable[str]:
    """Sentences, list items and introductions ("...:"), letterhead and greetings left out."""
    for block in _blocks(_body_lines(text)):
        pieces = sentences(block)
        for index, piece in enumerate(pieces):
            if _NUMBER_ONLY.match(piece):
                if index + 1 < len(pieces):
                    pieces[index + 1] = f"{piece} {pieces[index + 1]}"  # "1. Et ..." is one
                continue
            yield piece


def _body_lines(text: str) -> list[str]:
    # "# " marks a heading in extracted DOCX/ODT text (parse/wordml.py): read it as a line.
    lines = [_HEADING.sub("", line) for line in text.splitlines()]
    lines = [_table_row(" ".join(line.split())) for line in lines]
    lines = [line for line in lines if line and not _HEADER_LINE.match(line)]
    lines = [line for line in lines if not (_GREETING.match(line) and len(line) < 40)]
    # The letter's head: the lines before the first one that reads as running text.
    start = 0
    while start < len(lines) and _is_head_line(lines[start], lines[start + 1 : start + 2]):
        start += 1
    return [line for line in lines[start:] if not _is_letterhead(line)]


def _table_row(line: str) -> str:
    """A table row as extracted ("1 | Fælles platform for åbne data | Åbne data") becomes a
    list item of its longest cell; a header row ("Nr. | Forslag | Tema") disappears."""
    if " | " not in line:
        return line
    longest = max(line.split(" | "), key=len).strip()
    return f"- {longest}" if len(longest) > _TABLE_HEADER_CELL else ""


def _is_letterhead(line: str) -> bool:
    return bool(_LETTERHEAD.search(line)) and len(line) < 60 and not line.endswith(".")


def _is_head_line(line: str, following: list[str]) -> bool:
    """A letterhead, address, date or title line: an address, or short and no sentence."""
    if _LIST_ITEM.match(line) or (following and following[0][:1].islower()):
        return False  # a wrapped sentence goes on in lower case
    sentence = line.endswith(":") or (line.endswith((".", "!", "?")) and len(line.split()) > 3)
    return _is_letterhead(line) or (len(line) < 60 and not sentence)


def _blocks(lines: list[str]) -> Iterable[str]:
    """Wrapped lines joined; a list item or the line after an introduction starts a block."""
    block: list[str] = []
    for line in lines:
        starts = _LIST_ITEM.match(line) or _AD_POINT.match(line)
        if block and (starts or block[-1].endswith(":")):
            yield " ".join(block)
            block = []
        block.append(line)
    if block:
        yield " ".join(block)
