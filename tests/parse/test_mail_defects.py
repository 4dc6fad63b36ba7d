"""read_mail's cut-down mail-parser parse (parse/message_read.DefectsOnly) finds the defects
mail-parser's whole parse finds, in its order, on every mail of the shared corpus and the
sample inbox, and crashes where it crashes (read_mail's stdlib fallback)."""

from __future__ import annotations

import email

import mailparser
import pytest

from hoering.parse.message_read import DefectsOnly, strip_leading_junk, unindented_words_folded
from tests.kit.needs import missing
from tests.kit.paths import CORPUS, SAMPLE_INBOX

pytestmark = pytest.mark.corpus

EML = CORPUS / "eml"
# A multipart whose inner boundary never starts and whose epilogue holds a part (which
# mail-parser recovers), and one with bad address, date and MIME-header bytes: the defects
# outside the parts' own.
EPILOGUE = (
    b"From: a@b.dk\nSubject: x\nMIME-Version: 1.0\n"
    b'Content-Type: multipart/mixed; boundary="XX"\n\n'
    b'--XX\nContent-Type: multipart/alternative; boundary="ZZ"\n\nno start\n--XX--\n'
    b"--XX\nContent-Type: text/plain\n\nskjult\n--XX--\n"
)
BAD_HEADERS = (
    b"From: Jens <jens@@eksempel..dk>, <>\nTo: ,,\nDate: 31 Feb 2026 25:61 +9999\n"
    b"Received: from ? by ? ; not a date\nSubject: x\nMIME-Version: 1.0\n"
    b'Content-Type: multipart/mixed; boundary="YY"\n\n--YY\n'
    b'Content-Type: application/pdf; name="\xe6bler\xff.pdf"\n'
    b"Content-Disposition: attachment; filename==?utf-8?q?=FF=FE?=\n\n%PDF\n--YY--\n"
)


def _mails() -> list[tuple[str, bytes]]:
    files = sorted(EML.glob("*.eml")) if EML.is_dir() else []
    files += sorted(SAMPLE_INBOX.glob("*.eml"))
    built = [("epilogue", EPILOGUE), ("bad-headers", BAD_HEADERS)]
    return [*built, *((path.name, path.read_bytes()) for path in files)]


def _outcome(parse, data: bytes) -> tuple[str, list[dict[str, list[str]]]]:
    """(what the parse raised, "" if nothing; its defects less the body-decoding ones)."""
    data = unindented_words_folded(strip_leading_junk(data))
    try:
        parser = parse(data)
    except (AttributeError, TypeError) as exc:  # what read_mail falls back from
        return type(exc).__name__, []
    kept = [
        group
        for group in parser.defects
        if not all(item.startswith("CharsetDecodeDefect") for v in group.values() for item in v)
    ]
    return "", kept


@pytest.mark.parametrize(("name", "data"), _mails(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_cut_parse_finds_the_defects_of_the_whole_one(name: str, data: bytes) -> None:
    if name not in ("epilogue", "bad-headers") and not EML.is_dir():
        missing(f"mail corpus not found at {EML}")
    whole = _outcome(mailparser.parse_from_bytes, data)
    assert _outcome(DefectsOnly.from_bytes, data) == whole


def test_the_built_mails_have_the_defects_they_are_for() -> None:
    _, epilogue = _outcome(mailparser.parse_from_bytes, EPILOGUE)
    _, bad = _outcome(mailparser.parse_from_bytes, BAD_HEADERS)
    assert epilogue == [
        {"multipart/alternative": ["StartBoundaryNotFoundDefect: The claimed start boundary "
                                   "was never found."]}
    ]  # fmt: skip
    kinds = {key for group in bad for key in group}
    assert {"address-headers", "date-headers"} <= kinds


def test_the_cut_parse_gives_the_stdlib_message() -> None:
    parser = DefectsOnly.from_bytes(EPILOGUE)
    assert parser.message.as_bytes() == email.message_from_bytes(EPILOGUE).as_bytes()
