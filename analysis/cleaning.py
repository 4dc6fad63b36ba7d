"""Split a reply body into the respondent's own words, signature, disclaimer and quoted mail.

Nothing is thrown away: every part is kept next to the original, so a reviewer can always
see what was set aside and why. The markers are those Danish and English mail programs
write (Outlook, Gmail, Apple Mail, iPhone Mail, Thunderbird, webmail).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoering.analysis.language import detect_language

# --- where quoted earlier mail begins ------------------------------------------------------

# Outlook (Danish and English): "-----Oprindelig meddelelse-----", "-----Original Message-----";
# Gmail: "---------- Forwarded message ---------"; Apple Mail: "Begin forwarded message:".
_SEPARATOR_LINE = re.compile(
    r"(?i)^\s*-{2,}\s*(?:oprindelig (?:meddelelse|besked)|original message"
    r"|videresendt (?:meddelelse|besked)|forwarded message)\s*-*\s*$"
)
_FORWARD_LINE = re.compile(
    r"(?i)^\s*(?:begin forwarded message|start på videresendt (?:besked|meddelelse)"
    r"|videresendt (?:besked|meddelelse)|forwarded message)\s*:\s*$"
)
_FORWARD_WORDS = re.compile(r"(?i)videresend|forwarded")
# Gmail, Apple Mail, Thunderbird: "Den 3. jul. 2017 kl. 10.12 skrev Navn <adr>:" (Danish),
# "On Mon, Jul 3, 2017 at 10:12 AM, Name <addr> wrote:"; often wrapped over two lines.
_ATTRIBUTION = re.compile(
    r"(?is)^\s*(?:den|d\.|on|am)\s.{0,200}?\d.{0,200}?\b(?:skrev|wrote|schrieb)\b.{0,200}:\s*$"
)
_ATTRIBUTION_START = re.compile(r"(?i)^\s*(?:den|d\.|on|am)\s")
# Outlook's header block in replies and forwards: "Fra: ... / Sendt: ... / Til: ... / Emne: ...".
_HEADER_FROM = re.compile(r"(?i)^\s*\*?(?:fra|from|von|från)\s*:\*?\s*\S")
_HEADER_OTHER = re.compile(
    r"(?i)^\s*\*?(?:sendt|sent|dato|date|gesendet|skickat|til|to|an|till|emne|subject"
    r"|betreff|ämne|cc|kopi(?: til)?)\s*:"
)
_HEADER_SUBJECT = re.compile(r"(?i)^\s*\*?(?:emne|subject|betreff|ämne)\s*:\*?\s*(.*)$")
_FORWARD_PREFIX = re.compile(r"(?i)^\s*(?:vs|fwd?|wg|tr)\s*:")
_RULE_LINE = re.compile(r"^\s*_{10,}\s*$")  # Outlook puts a line of underscores above "Fra:"
_QUOTE_LINE = re.compile(r"^\s*>")
# The reply itself says the content is below: "jf. nedenstående", "see below".
_POINTS_BELOW = re.compile(r"(?i)nedenstående|nedenfor|se herunder|videresend|see below|forward")

# --- signatures and disclaimers ------------------------------------------------------------

_CLOSING = re.compile(
    # Singular and plural: "Venlig hilsen", "Venlige hilsner", "Bedste hilsner".
    r"(?i)^\s*(?:med\s+)?(?:venlig(?:e|st)?|kærlig(?:e)?|bedste|mange|de\s+bedste)\s+"
    r"hils(?:en|ener|ner)\b"
    r"|^\s*(?:mvh|m\.v\.h\.|vh|hilsen|hilsner|kind regards|best regards|warm regards|regards"
    r"|sincerely|yours sincerely|best wishes)\b"
)
_CLOSING_MAX_WORDS = 6  # "Mvh Søren Ærø Jørgensen" is a closing; a sentence is not
_SIGNATURE_MAX_LINES = 14  # a "closing" with more below it is not the end of the mail
_DASHES = re.compile(r"^--\s*$")  # the sig-dash line "-- "
_DEVICE = re.compile(
    r"(?i)^\s*(?:sendt|sent|hentet|get)\s+(?:fra|from)\s+(?:min|my|mail|outlook|yahoo|samsung)"
    r"|^\s*(?:hent|get)\s+outlook\s+(?:til|for)\b"
)
_DISCLAIMER = re.compile(
    r"(?i)denne\s+(?:e-?mail|mail|meddelelse)\s+(?:og\s+eventuelle\s+\w+\s+)?"
    r"(?:kan\s+indeholde|indeholder|er\s+fortrolig)"
    r"|hvis\s+du\s+(?:ikke\s+er\s+(?:den\s+)?(?:rette|tilsigtede)\s+modtager"
    r"|har\s+modtaget\s+denne\s+(?:e-?mail|mail|meddelelse)\s+ved\s+en\s+fejl)"
    r"|this\s+e-?mail\s+(?:and\s+any\s+attachments\s+)?(?:may\s+contain|is)\s+confidential"
    r"|if\s+you\s+are\s+not\s+the\s+intended\s+recipient"
    r"|(?:tænk|think)\s+(?:på\s+miljøet|of\s+the\s+environment|before\s+printing)"
)

# --- what kind of reply it is --------------------------------------------------------------

# One Danish label per flag, the same in `show`, `list`, the exports and the notat.
ATTACHMENT_ONLY = "kun bilag"  # the body only points to the attachment ("Se vedhæftede")
NO_COMMENTS = "ingen bemærkninger"
FORWARDED = "videresendt"  # the reply forwards mail: quoted below or attached as .eml

SHORT_REPLY_WORDS = 60  # longer replies say more than "see the attachment" or "no comments"
_WORD = re.compile(r"[^\W_]+")
_POINTS_TO_ATTACHMENT = re.compile(
    r"(?i)\bse\s+(?:venligst\s+)?(?:vedhæftede?|vedlagte?)\b"
    r"|\b(?:vedhæftet|vedlagt)\s+(?:hermed\s+)?(?:fremsendes|sendes|følger|er|findes|finder)\b"
    r"|\b(?:fremsendes|sendes|følger)\s+(?:hermed\s+)?(?:vedhæftet|vedlagt)\b"
    r"|\b(?:i\s+)?(?:vedhæftede|vedlagte)\s+(?:\w+\s+){0,2}?"
    r"(?:høringssvar|forslag|fil|filer|dokument|brev|bidrag|bemærkninger|notat|pdf)\b"
    r"|\bplease\s+find\s+(?:\w+\s+)?attached\b|\bsee\s+(?:the\s+)?attached\b"
    r"|\battached\s+(?:please\s+find|is|are|you\s+will\s+find)\b"
)
NO_COMMENTS_PATTERN = re.compile(
    r"(?i)\bingen\s+(?:yderligere\s+|særlige\s+|videre\s+)?bemærkninger\b"
    r"|\bgiver\s+ikke\s+anledning\s+til\s+(?:nogen\s+|yderligere\s+|særlige\s+)?bemærkninger"
    r"|\bhar\s+ikke\s+(?:nogen\s+|yderligere\s+|særlige\s+)?bemærkninger"
    r"|\bønsker\s+ikke\s+at\s+(?:afgive|komme\s+med)\s+(?:et\s+)?(?:bemærkninger|høringssvar)"
    r"|\bno\s+(?:further\s+)?comments\b|\bdoes\s+not\s+give\s+rise\s+to\s+(?:any\s+)?comments"
)
# "Jeres j.nr. 2017-1234", "Vores ref.: 17/01234", "Sagsnr. SAG-2017-0042"
_REFERENCE = re.compile(
    r"(?i)(?P<label>\b(?:(?:jeres|deres|vores|vor|eders|our|your)\s+)?"
    r"(?:j\.\s?nr\.?|journal\s?(?:nr\.?|nummer)|sagsnummer|sags?nr\.?|sags-?id"
    r"|dok(?:ument)?\.?\s?nr\.?|dokumentnummer|reference|ref\.?|case\s+no\.?|file\s+no\.?))"
    r"\s*[:.]?\s*(?P<value>[A-Za-z0-9][\w./-]*\d[\w./-]*)"
)


@dataclass(frozen=True)
class Reference:
    """A reference number the respondent wrote, with the label as written."""

    label: str  # "Jeres j.nr.", "Vores ref.", "Sagsnr."
    value: str  # "2017-1234"


@dataclass(frozen=True)
class CleanedReply:
    """A reply body split into parts; `original` is the input, untouched."""

    original: str
    reply: str  # the respondent's own words
    signature: str  # closing, name, title, address, "Sendt fra min iPhone"
    disclaimer: str  # legal boilerplate set aside
    quoted: str  # earlier mail quoted or forwarded below (or interleaved "> " lines)
    forwarded: bool  # the quoted part is mail the respondent forwards as their reply
    attachment_only: bool  # the reply only points to an attachment ("Se vedhæftede")
    no_comments: bool  # the reply says it has no comments ("ingen bemærkninger")
    language: str  # "da", "en" or "other", of `content`
    references: tuple[Reference, ...]  # from the reply and the signature

    @property
    def content(self) -> str:
        """The text that carries the reply's substance: a forwarded mail counts as part of it."""
        return _content(self.reply, self.quoted, self.forwarded)


def clean_reply(text: str) -> CleanedReply:
    """Split one body text into reply, signature, disclaimer and quoted mail; classify it."""
    reply, signature, disclaimer, quoted, forwarded = _split(text)
    short = len(_WORD.findall(reply)) <= SHORT_REPLY_WORDS
    return CleanedReply(
        original=text,
        reply=reply,
        signature=signature,
        disclaimer=disclaimer,
        quoted=quoted,
        forwarded=forwarded,
        attachment_only=short and bool(_POINTS_TO_ATTACHMENT.search(reply)),
        no_comments=short and bool(NO_COMMENTS_PATTERN.search(reply)),
        language=detect_language(_content(reply, quoted, forwarded)),
        references=find_references(f"{reply}\n{signature}"),
    )


def own_words(text: str) -> str:
    """What `clean_reply(text).content` holds (the reply, and mail it forwards), without
    classifying it: for readers that need only the words (analysis/remark_paragraphs.py)."""
    reply, _, _, quoted, forwarded = _split(text)
    return _content(reply, quoted, forwarded)


def _split(text: str) -> tuple[str, str, str, str, bool]:
    """Reply, signature, disclaimer, quoted mail, and whether the quote is forwarded."""
    lines = _normalized_lines(text)
    quote_at = _quote_start(lines)
    head = lines if quote_at is None else lines[:quote_at]
    tail = [] if quote_at is None else lines[quote_at:]
    interleaved = [line for line in head if _QUOTE_LINE.match(line)]
    head = [line for line in head if not _QUOTE_LINE.match(line)]
    head, disclaimer = _split_disclaimer(head)
    head, signature = _split_signature(head)
    reply, quoted = _join(head), _join(interleaved + tail)
    forwarded = bool(quoted) and _is_forward(tail, reply)
    return reply, _join(signature), _join(disclaimer), quoted, forwarded


def _content(reply: str, quoted: str, forwarded: bool) -> str:
    return "\n\n".join(part for part in (reply, quoted) if part) if forwarded else reply


def flag_labels(attachment_only: bool, no_comments: bool, forwarded: bool) -> tuple[str, ...]:
    """The labels of the flags that are set, in a fixed order."""
    named = ((ATTACHMENT_ONLY, attachment_only), (NO_COMMENTS, no_comments))
    return tuple(label for label, on in (*named, (FORWARDED, forwarded)) if on)


def forwarded_mail_content(text: str) -> str:
    """The words of a forwarded mail's text ("Fra:/Dato:/Emne:" lines, then the body).

    The header lines and the forwarded mail's own signature and disclaimer are set aside,
    as for the reply itself; what it quotes in turn stays when it is forwarded too.
    """
    lines = _normalized_lines(text)
    start = 0
    while start < len(lines) and (
        not lines[start].strip()
        or _HEADER_FROM.match(lines[start])
        or _HEADER_OTHER.match(lines[start])
    ):
        start += 1
    return clean_reply("\n".join(lines[start:])).content


def find_references(text: str) -> tuple[Reference, ...]:
    """Journal, case and reference numbers ("j.nr.", "sagsnr.", "ref."), each once, in order."""
    found: dict[tuple[str, str], Reference] = {}
    for match in _REFERENCE.finditer(text):
        label = " ".join(match.group("label").split())
        value = match.group("value").rstrip("./-")
        found.setdefault((label.casefold(), value), Reference(label, value))
    return tuple(found.values())


def _normalized_lines(text: str) -> list[str]:
    # HTML bodies carry no-break spaces; Outlook's plain text keeps CRs.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return [line.rstrip() for line in text.split("\n")]


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def _quote_start(lines: list[str]) -> int | None:
    """Index of the first line of quoted earlier mail, or None."""
    for index, line in enumerate(lines):
        if _SEPARATOR_LINE.match(line) or _FORWARD_LINE.match(line):
            return index
        if _is_attribution(lines, index) or _is_header_block(lines, index):
            if index and _RULE_LINE.match(lines[index - 1]):
                return index - 1
            return index
    return _trailing_quote(lines)


def _is_attribution(lines: list[str], index: int) -> bool:
    """ "Den ... skrev ...:" / "On ... wrote:", on this line or wrapped over the next two."""
    if not _ATTRIBUTION_START.match(lines[index]):
        return False
    joined = ""
    for line in lines[index : index + 3]:
        if not line.strip():
            return False
        joined = f"{joined} {line}"
        if _ATTRIBUTION.match(joined):
            return True
    return False


def _is_header_block(lines: list[str], index: int) -> bool:
    """An Outlook "Fra:" line followed by at least two more header lines."""
    if not _HEADER_FROM.match(lines[index]):
        return False
    following = [line for line in lines[index + 1 : index + 7] if line.strip()]
    return sum(bool(_HEADER_OTHER.match(line)) for line in following[:5]) >= 2


def _trailing_quote(lines: list[str]) -> int | None:
    """Where a final run of "> " lines (blank lines allowed) starts, if the mail ends in one."""
    start = None
    for index in range(len(lines) - 1, -1, -1):
        if _QUOTE_LINE.match(lines[index]):
            start = index
        elif lines[index].strip():
            break
    return start


def _is_forward(tail: list[str], reply: str) -> bool:
    """The quoted part is forwarded content, not an earlier mail answered.

    A mail with nothing of its own above the quote is a forward too: what it quotes is
    all the respondent sent.
    """
    if not reply.strip():
        return True
    first = next((line for line in tail if line.strip()), "")
    if _FORWARD_LINE.match(first) or (
        _SEPARATOR_LINE.match(first) and _FORWARD_WORDS.search(first)
    ):
        return True
    for line in tail[:8]:
        subject = _HEADER_SUBJECT.match(line)
        if subject:
            return bool(_FORWARD_PREFIX.match(subject.group(1))) or bool(
                _POINTS_BELOW.search(reply)
            )
    return bool(_POINTS_BELOW.search(reply))


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [paragraph for paragraph in paragraphs if paragraph]


def _split_disclaimer(lines: list[str]) -> tuple[list[str], list[str]]:
    """Set aside every paragraph that reads as legal boilerplate."""
    kept: list[str] = []
    disclaimer: list[str] = []
    for paragraph in _paragraphs(lines):
        target = disclaimer if _DISCLAIMER.search(" ".join(paragraph)) else kept
        target.extend([*paragraph, ""])
    return kept, disclaimer


def _split_signature(lines: list[str]) -> tuple[list[str], list[str]]:
    """Cut at the last closing ("Med venlig hilsen", "Mvh"), a "-- " line or a device line."""
    candidates = []
    for index, line in enumerate(lines):
        if _DASHES.match(line) or _DEVICE.match(line):
            candidates.append(index)
            break
    closings = [
        index
        for index, line in enumerate(lines)
        if _CLOSING.match(line) and len(line.split()) <= _CLOSING_MAX_WORDS
    ]
    if closings:
        below = [line for line in lines[closings[-1] + 1 :] if line.strip()]
        if len(below) <= _SIGNATURE_MAX_LINES:
            candidates.append(closings[-1])
    if not candidates:
        return lines, []
    cut = min(candidates)
    return lines[:cut], lines[cut:]
