"""Guess the charset of an undeclared text attachment (TXT, CSV) that is not UTF-8."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_SAMPLE = 64 * 1024
# charset-normalizer picks almost at random on short Danish text (windows-1252 "Søren"
# came back as windows-1250 "Sřren", or Urdu cp1006), so its guess competes with the code
# pages Danish senders use on how natural the text reads; ties go to windows-1252.
_DANISH = ("cp1252", "cp850", "mac_roman")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def guess_charset(data: bytes) -> str | None:
    """A codec name for bytes that are neither UTF-8 nor BOM-marked; None if no guess."""
    best = from_bytes(data[:_SAMPLE]).best()
    if best is None:
        return None
    guess = codecs.lookup(best.encoding).name.replace("-", "_")
    candidates = dict.fromkeys([_DANISH[0], guess, *_DANISH[1:]])
    return min(candidates, key=lambda codec: _oddities(data[:_SAMPLE], codec))


def _oddities(data: bytes, codec: str) -> int:
    """Undecodable bytes, control characters, and symbols wedged between letters ("S›ren").

    A wrong code page turns letters into symbols inside words (or UTF-16 into NULs); the
    right one does not.
    """
    text = data.decode(codec, errors="replace")
    odd = (text.count("\ufffd") + len(_CONTROL.findall(text))) * 10
    for before, char, after in zip(text, text[1:], text[2:], strict=False):
        if ord(char) > 127 and not char.isalpha() and before.isalpha() and after.isalpha():
            odd += 1
    return odd
