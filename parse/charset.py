"""Guess the charset of undeclared text (TXT, CSV attachments; bodies without a charset)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from itertools import pairwise

from charset_normalizer import from_bytes

_SAMPLE = 64 * 1024
# charset-normalizer picks almost at random on short text (windows-1252 "Søren" came back
# as windows-1250 "Sřren" or Urdu cp1006, windows-1251 "Привет" as cp1125), so its guess
# competes with the code pages Danish senders use, and the Cyrillic ones replies from
# Ukraine and Russia come in, on how natural the text reads; ties go to windows-1252.
_CANDIDATES = ("cp1252", "cp850", "mac_roman", "cp1251", "koi8_r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W\d_]+")


def guess_charset(data: bytes) -> str | None:
    """A codec name for bytes that are neither UTF-8 nor BOM-marked; None if no guess."""
    sample = data[:_SAMPLE]
    best = from_bytes(sample).best()
    guess = codecs.lookup(best.encoding).name.replace("-", "_") if best else None
    if guess is None and sample.isascii():
        return None
    # The guess comes last: ties go to the code pages senders here actually use.
    candidates = dict.fromkeys([*_CANDIDATES, *filter(None, [guess])])
    return min(candidates, key=lambda codec: _oddities(sample, codec))


def _oddities(data: bytes, codec: str) -> int:
    """How unnatural the text reads in `codec`: undecodable bytes and control characters,
    symbols wedged between letters ("S›ren"), and words no language writes.

    A wrong code page turns letters into symbols inside words (or UTF-16 into NULs), or
    Cyrillic into words of accented Latin letters ("Ïðèâåò") and Danish into words that mix
    scripts ("Sшren"); the right one does neither.
    """
    text = data.decode(codec, errors="replace")
    odd = (text.count("\ufffd") + len(_CONTROL.findall(text))) * 10
    for before, char, after in zip(text, text[1:], text[2:], strict=False):
        if ord(char) > 127 and not char.isalpha() and before.isalpha() and after.isalpha():
            odd += 1
    return odd + sum(_odd_word(word) for word in _WORD.findall(text) if not word.isascii())


def _odd_word(word: str) -> bool:
    """A word mixing scripts, of three or more accented Latin letters and no plain ones, or
    with a capital after a small letter (KOI8-R read as windows-1251: "пРИВЕТ")."""
    scripts = {_script(char) for char in word}
    if len(scripts) > 1:
        return True
    if scripts == {"LATIN"} and len(word) >= 3 and not any(char.isascii() for char in word):
        return True
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
