# Frozen for migration 0007: hoering/parse/charset.py at 6196859; never edit.
"""Guess the charset of undeclared text (TXT, CSV attachments; bodies without a charset).

Undeclared 8-bit text is UTF-8 when it decodes as UTF-8 (parse/text.py tries that first),
else read in the Western code page where it reads most naturally: windows-1252 (which
Latin-1 is a part of), the DOS code page 850 or Mac Roman, as Danish senders use them.

A Cyrillic code page (windows-1251, KOI8-R) is only a candidate when the text it gives is
proven Cyrillic, never guessed from a few bytes: Latin-1 "tekstfil æøå" is "tekstfil жше"
in windows-1251, one Cyrillic-looking word. Proven means mostly Cyrillic words:

- of the words holding a non-ASCII letter, more than half are all Cyrillic letters and
  three letters or longer, and
- Cyrillic letters are more than half of all the letters of the text.

So a Russian or Ukrainian sentence passes, and a Danish line with a few æøå never does
(its Latin letters outnumber them). The cost: a Cyrillic text with more English than
Russian in it is read as windows-1252; Danish is the common case here. charset-normalizer's
own guess takes part on the same terms: when it gives letters of another script than Latin,
that script must be proven the same way.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from itertools import pairwise

from charset_normalizer import from_bytes

_SAMPLE = 64 * 1024
# charset-normalizer picks almost at random on short text (windows-1252 "Søren" came back
# as windows-1250 "Sřren" or Urdu cp1006, windows-1251 "Привет" as cp1125), so its guess
# competes with the code pages senders here use on how natural the text reads; ties go to
# the reading with the most Danish letters, then to the first in this order.
_WESTERN = ("cp1252", "cp850", "mac_roman")
_CYRILLIC = ("cp1251", "koi8_r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W\d_]+")
_DANISH = frozenset("æøåÆØÅ")
_PROVEN_WORD_LENGTH = 3


def guess_charset(data: bytes) -> str | None:
    """A codec name for bytes that are neither UTF-8 nor BOM-marked; None if no guess."""
    sample = data[:_SAMPLE]
    best = from_bytes(sample).best()
    guess = codecs.lookup(best.encoding).name.replace("-", "_") if best else None
    if guess is None and sample.isascii():
        return None
    readings = {
        codec: sample.decode(codec, errors="replace")
        for codec in dict.fromkeys([*_WESTERN, *_CYRILLIC, *filter(None, [guess])])
    }
    candidates = [codec for codec, text in readings.items() if codec in _WESTERN or _proven(text)]
    # min keeps the first of equals: the Western code pages come first.
    return min(candidates, key=lambda codec: _rank(readings[codec]))


def _rank(text: str) -> tuple[int, int]:
    return _oddities(text), -sum(char in _DANISH for char in text)


def _proven(text: str) -> bool:
    """The text is Latin, or mostly words of one other script (see the module docstring)."""
    letters = [char for char in text if char.isalpha()]
    foreign = Counter(_script(char) for char in letters if not char.isascii())
    foreign.pop("LATIN", None)
    if not foreign:
        return True  # Latin letters only: no other script to prove (UTF-16, windows-1250)
    script = foreign.most_common(1)[0][0]
    words = [word for word in _WORD.findall(text) if not word.isascii()]
    in_script = [
        word
        for word in words
        if len(word) >= _PROVEN_WORD_LENGTH and all(_script(char) == script for char in word)
    ]
    mostly_words = 2 * len(in_script) > len(words)
    mostly_letters = 2 * sum(_script(char) == script for char in letters) > len(letters)
    return mostly_words and mostly_letters


def _oddities(text: str) -> int:
    """How unnatural a reading is: undecodable bytes and control characters,
    symbols wedged between letters ("S›ren"), and words no language writes.

    A wrong code page turns letters into symbols inside words (or UTF-16 into NULs), or
    Cyrillic into words of accented Latin letters ("Ïðèâåò") and Danish into words that mix
    scripts ("Sшren"); the right one does neither.
    """
    odd = (text.count("\ufffd") + len(_CONTROL.findall(text))) * 10
    for before, char, after in zip(text, text[1:], text[2:], strict=False):
        if ord(char) > 127 and not char.isalpha() and before.isalpha() and after.isalpha():
            odd += 1
    return odd + sum(_odd_word(word) for word in _WORD.findall(text) if not word.isascii())


def _odd_word(word: str) -> bool:
    """A word mixing scripts, of three or more accented Latin letters and no plain ones (but
    æ, ø and å alone), or with a capital after a small letter (KOI8-R read as windows-1251:
    "пРИВЕТ")."""
    scripts = {_script(char) for char in word}
    if len(scripts) > 1:
        return True
    if scripts == {"LATIN"} and len(word) >= 3 and not any(char.isascii() for char in word):
        return not set(word) <= _DANISH  # "æøå", the letters Danes test a file with
    return any(a.islower() and b.isupper() for a, b in pairwise(word))


def _script(char: str) -> str:
    if char.isascii():
        return "LATIN"
    return unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
