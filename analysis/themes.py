"""Tag reply text with the themes of a versioned Danish codebook, offline and explainably.

Every tag lists the words in the text that triggered it and the codebook keywords they
matched, so a reviewer can see why a reply got a theme and remove the tag if it is wrong.

Matching, per text word and keyword (both lower-cased, hyphenated words split at the hyphen):

- same Snowball stem (Danish): "beslutninger" ~ "beslutning", "demokratiet" ~ "demokrati";
- the keyword opens a compound: the word starts with the keyword as written (optionally
  followed by the linking -s- or -e-) and at least 3 letters follow: "datasæt" ~ "data",
  "åbenhedsloven" ~ "åbenhed", "borgerinddragelse" ~ "borger", "lobbyregister" ~ "lobby";
- the keyword closes a compound: the word's stem ends with the keyword's stem after at least
  3 letters, and the keyword stem has at least 5 letters: "borgerinddragelsen" ~
  "inddragelse", "borgerservice" ~ "service". Short stems ("borg") would fire inside
  unrelated words ("Nordborg"), hence the minimum;
- a word more than one letter shorter than the keyword does not match by stem alone:
  Snowball stems both "åben" and "åbenhed" to "åben", but "åben" is not "åbenhed"
  ("offentliggør" still matches "offentliggøre").

Words in the codebook's `ignore` list never count: the consulting agency's own name,
"Digitaliseringsstyrelsen", would otherwise tag every reply with "digitalisering".

Multi-word keywords ("åbne data", "sociale medier") match consecutive words by stem; the
first may close a compound and the last may open one ("offentlige datasæt").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

MIN_REST = 3  # letters the other half of a compound must have
MIN_TAIL_STEM = 5  # a keyword stem shorter than this only matches whole words or heads
_LINKS = ("", "s", "e")  # Danish compound linking letters: "åbenhed-s-loven", "borger-e-"
_WORD = re.compile(r"[^\W_]+")


class CodebookError(ValueError):
    """A codebook read from configuration is malformed; the message names the key."""


@dataclass(frozen=True)
class Theme:
    """One theme: a stable key, the Danish label people see, and its keywords."""

    key: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Codebook:
    """A versioned list of themes; the version is stored with every tag it produced."""

    version: str
    themes: tuple[Theme, ...]
    ignore: tuple[str, ...] = ()  # words that never trigger a theme (matched by stem)


@dataclass(frozen=True)
class ThemeTag:
    """A theme found in a text, with the words that triggered it."""

    theme: str  # Theme.key
    label: str
    codebook_version: str
    words: tuple[str, ...]  # as in the text, lower-cased, first occurrence first
    keywords: tuple[str, ...]  # the codebook keywords those words matched
    hits: int  # how many times keywords matched in all


def _theme(key: str, label: str, keywords: str) -> Theme:
    return Theme(key, label, tuple(word.strip() for word in keywords.split(",")))


DEFAULT_CODEBOOK = Codebook(
    version="ogp-2017-1",
    themes=(
        _theme(
            "transparens",
            "transparens og ansvarsplacering",
            "transparens, gennemsigtighed, gennemsigtig, åbenhed, ansvarsplacering, "
            "ansvarlighed, aktindsigt, offentlighedslov, offentliggøre, offentliggørelse, "
            "lobby, lobbyisme, kalender, transparency, accountability, freedom of information",
        ),
        _theme(
            "borgerdeltagelse",
            "borgerdeltagelse og civilsamfund",
            "borgerdeltagelse, borgerinddragelse, inddragelse, offentlig deltagelse, "
            "civilsamfund, borgerpanel, borgerforslag, borgerbudget, høringsportal, "
            "frivillighed, frivillige foreninger, frivilligt arbejde, "
            "participation, civil society, citizen engagement",
        ),
        _theme(
            "antikorruption",
            "antikorruption",
            "antikorruption, korruption, bestikkelse, whistleblower, whistleblowerordning, "
            "interessekonflikt, habilitet, partistøtte, uregelmæssighed, "
            "corruption, anti-corruption, bribery, whistleblowing",
        ),
        _theme(
            "teknologi",
            "teknologi og innovation",
            "teknologi, innovation, digitalisering, kunstig intelligens, algoritme, "
            "it-projekt, it-system, digitale løsninger, technology, artificial intelligence",
        ),
        _theme(
            "aabne-data",
            "åbne data og open source",
            "åbne data, data, datasæt, open data, open source, åben kildekode, kildekode, "
            "åben licens, maskinlæsbar, api, open government data",
        ),
        _theme(
            "co-creation",
            "co-creation",
            "co-creation, samskabelse, samproduktion, partnerskab, cocreation, co-production",
        ),
        _theme(
            "demokrati",
            "demokrati og beslutningsprocesser",
            "demokrati, demokratisk, beslutningsproces, beslutning, dagsorden, referat, "
            "lovgivningsproces, lovforslag, folkeafstemning, democracy, decision-making",
        ),
        _theme(
            "sociale-medier",
            "sociale medier og crowdsourcing",
            "sociale medier, facebook, twitter, crowdsourcing, crowdfunding, social media, "
            "online debat, crowdsource",
        ),
        _theme(
            "offentlig-service",
            "effektiv offentlig service",
            "offentlig service, service, selvbetjening, brugervenlig, brugertest, ventetid, "
            "effektivisering, sagsbehandlingstid, public service, self-service",
        ),
    ),
    ignore=("digitaliseringsstyrelsen",),
)


def codebook_from_mapping(data: Mapping[str, object]) -> Codebook:
    """A codebook from parsed TOML: `version`, optional `ignore`, and [[themes]] tables.

    Each theme table has `key`, `label` and `keywords`; errors name the offending key.
    """
    version = data.get("version")
    if not isinstance(version, str) or not version.strip():
        raise CodebookError("version: must be a non-empty string")
    themes = data.get("themes")
    if not isinstance(themes, list) or not themes:
        raise CodebookError("themes: must be a non-empty list of tables")
    parsed = tuple(_theme_from_mapping(entry, index) for index, entry in enumerate(themes))
    keys = [theme.key for theme in parsed]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise CodebookError(f"themes: duplicate key {duplicates[0]!r}")
    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(isinstance(word, str) for word in ignore):
        raise CodebookError("ignore: must be a list of words")
    return Codebook(version.strip(), parsed, tuple(ignore))


def _theme_from_mapping(entry: object, index: int) -> Theme:
    where = f"themes[{index}]"
    if not isinstance(entry, Mapping):
        raise CodebookError(f"{where}: must be a table")
    for name in ("key", "label"):
        if not isinstance(entry.get(name), str) or not entry[name].strip():
            raise CodebookError(f"{where}.{name}: must be a non-empty string")
    keywords = entry.get("keywords")
    if (
        not isinstance(keywords, list)
        or not keywords
        or not all(isinstance(word, str) and _WORD.search(word) for word in keywords)
    ):
        raise CodebookError(f"{where}.keywords: must be a non-empty list of words")
    return Theme(entry["key"].strip(), entry["label"].strip(), tuple(keywords))


def tag_themes(text: str, codebook: Codebook = DEFAULT_CODEBOOK) -> tuple[ThemeTag, ...]:
    """The codebook's themes found in the text, in codebook order, each with its triggers."""
    document = _Document.of(text, codebook.ignore)
    tags = []
    for theme, keywords in _compiled(codebook):
        hits = _hits(document, keywords)
        if hits:
            words = dict.fromkeys(word for _, word, _ in sorted(hits))
            matched = dict.fromkeys(keyword for _, _, keyword in sorted(hits))
            tags.append(
                ThemeTag(
                    theme.key, theme.label, codebook.version, (*words,), (*matched,), len(hits)
                )
            )
    return tuple(tags)


@dataclass(frozen=True)
class _Document:
    """A text's words (lower-cased), their stems and spans, and which may trigger a theme."""

    text: str
    spans: tuple[tuple[int, int], ...]
    words: tuple[str, ...]
    usable: tuple[bool, ...]
    stem_of: dict[str, str]  # each distinct word once: long texts repeat their words
    where: dict[str, list[int]]  # word -> its positions

    @classmethod
    def of(cls, text: str, ignore: tuple[str, ...]) -> _Document:
        spans = tuple(match.span() for match in _WORD.finditer(text))
        words = tuple(text[start:end].casefold() for start, end in spans)
        where: dict[str, list[int]] = {}
        for position, word in enumerate(words):
            where.setdefault(word, []).append(position)
        stem_of = dict(zip(where, _stems(tuple(where)), strict=True))
        ignored = set(_stems(tuple(word.casefold() for word in ignore)))
        usable = tuple(stem_of[word] not in ignored for word in words)
        return cls(text, spans, words, usable, stem_of, where)


def _hits(document: _Document, keywords: tuple[_Keyword, ...]) -> list[tuple[int, str, str]]:
    """(position, words as in the text, keyword) for each match.

    Longer keywords go first and claim their words: "data" inside a matched "åbne data" is
    no second hit, and "whistleblowerordninger" is credited to "whistleblowerordning".
    """
    hits = []
    covered: set[int] = set()
    for keyword in sorted(keywords, key=lambda k: (-len(k.words), -len(k.text))):
        for start, length in _occurrences(keyword, document):
            positions = range(start, start + length)
            if covered.intersection(positions) or not all(document.usable[p] for p in positions):
                continue
            covered.update(positions)
            first, last = document.spans[start][0], document.spans[start + length - 1][1]
            found = " ".join(document.text[first:last].casefold().split())
            hits.append((start, found, keyword.text))
    return hits


@dataclass(frozen=True)
class _Keyword:
    text: str  # as written in the codebook
    words: tuple[str, ...]  # lower-cased
    stems: tuple[str, ...]


@lru_cache(maxsize=8)
def _compiled(codebook: Codebook) -> tuple[tuple[Theme, tuple[_Keyword, ...]], ...]:
    """Keywords split and stemmed once per codebook."""
    compiled = []
    for theme in codebook.themes:
        keywords = []
        for text in theme.keywords:
            words = tuple(word.casefold() for word in _WORD.findall(text))
            keywords.append(_Keyword(text, words, _stems(words)))
        compiled.append((theme, tuple(keywords)))
    return tuple(compiled)


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    # Built on first use, not at import: no module-level state beyond this cache.
    return snowballstemmer.stemmer("danish")


def _stems(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_stemmer().stemWords(list(words)))


def _occurrences(keyword: _Keyword, document: _Document) -> Iterator[tuple[int, int]]:
    """(start, length) of each place the keyword matches the text's words, in text order."""
    size = len(keyword.words)

    def matches(i: int, word: str) -> bool:
        return _word_matches(keyword, i, word, document.stem_of[word], size)

    starts = sorted(
        position
        for word, positions in document.where.items()
        if matches(0, word)
        for position in positions
    )
    for start in starts:
        following = document.words[start + 1 : start + size]
        if len(following) == size - 1 and all(
            matches(i, word) for i, word in enumerate(following, start=1)
        ):
            yield start, size


def _word_matches(keyword: _Keyword, i: int, word: str, stem: str, size: int) -> bool:
    """Does the text word match word i of the keyword (see the module docstring)?"""
    key_word, key_stem = keyword.words[i], keyword.stems[i]
    if stem == key_stem and len(word) >= len(key_word) - 1:
        return True
    opens = i == size - 1 and any(
        word.startswith(key_word + link) and len(word) - len(key_word + link) >= MIN_REST
        for link in _LINKS
    )
    closes = (
        i == 0
        and len(key_stem) >= MIN_TAIL_STEM
        and stem.endswith(key_stem)
        and len(stem) - len(key_stem) >= MIN_REST
    )
    return opens or closes
