"""æ, ø and å as Danes write them where only ASCII will do: ae, oe, aa ("hoering" for
"høring", in e-mail addresses, file names and searches). One table for every place that
folds text to those spellings or tries both; it imports nothing, so every package may use
it (the store included).
"""

from __future__ import annotations

DIGRAPHS: dict[str, str] = {"æ": "ae", "ø": "oe", "å": "aa"}  # lower case: casefold first
_AS_DIGRAPHS = str.maketrans(DIGRAPHS)


def with_digraphs(text: str) -> str:
    """`text` with æ, ø and å written ae, oe and aa ("høring" -> "hoering"); capitals are
    left as they are, so casefold first."""
    return text.translate(_AS_DIGRAPHS)
