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
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from hoering.errors import UsageError

MIN_REST = 3  # letters the other half of a compound must have
MIN_TAIL_STEM = 5  # a keyword stem shorter than this only matches whole words or heads
# Longer "words" (a base64 blob, a run of one letter) match nothing: compound lookups cut
# every prefix of a word, so their cost grows with the square of its length.
MAX_WORD = 80
MATCHED_WORDS = 100_000  # words whose keyword matches an index keeps (_matches_of): ~11 MB
_NO_MATCHES: frozenset[tuple[int, int]] = frozenset()
_LINKS = "se"  # Danish compound linking letters: "åbenhed-s-loven", "barn-e-vogn"
_WORD = re.compile(r"[^\W_]+")


class CodebookError(UsageError):
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
            "samskabelse",  # the call's "co-creation", as the drafting team writes it
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
    index = _compiled(codebook)
    document = _Document.of(text, codebook.ignore, index)
    tags = []
    for theme, keywords in zip(codebook.themes, index.by_theme, strict=True):
        hits = sorted(_hits(document, index, keywords))  # text order
        if hits:
            words = tuple(dict.fromkeys(word for _, word, _ in hits))
            matched = tuple(dict.fromkeys(keyword for _, _, keyword in hits))
            version = codebook.version
            tags.append(ThemeTag(theme.key, theme.label, version, words, matched, len(hits)))
    return tuple(tags)


@dataclass(frozen=True)
class _Keyword:
    text: str  # as written in the codebook
    words: tuple[str, ...]  # lower-cased
    stems: tuple[str, ...]


@dataclass(frozen=True)
class _Index:
    """A codebook's keywords, and lookups from a word's stem, head or tail to them."""

    keywords: tuple[_Keyword, ...]
    by_theme: tuple[tuple[int, ...], ...]  # keyword numbers per theme, longest first
    by_stem: dict[str, list[tuple[int, int]]]  # stem -> (keyword, word position)
    by_head: dict[str, list[int]]  # a keyword's last word -> keywords it may open a compound
    by_tail: dict[str, list[int]]  # a keyword's first stem -> keywords it may close one
    # A text word's matches (_word_matches), kept: replies share most of their words.
    matched: dict[str, frozenset[tuple[int, int]]] = field(default_factory=dict)


@lru_cache(maxsize=8)
def _compiled(codebook: Codebook) -> _Index:
    """Keywords split, stemmed and indexed once per codebook."""
    keywords: list[_Keyword] = []
    by_theme = []
    for theme in codebook.themes:
        first = len(keywords)
        for text in theme.keywords:
            words = tuple(word.casefold() for word in _WORD.findall(text))
            keywords.append(_Keyword(text, words, _stems(words)))
        # Longer keywords claim their words first (see _hits).
        numbers = range(first, len(keywords))
        by_theme.append(
            tuple(sorted(numbers, key=lambda n: (-len(keywords[n].words), -len(keywords[n].text))))
        )
    index = _Index(tuple(keywords), tuple(by_theme), {}, {}, {})
    for number, keyword in enumerate(keywords):
        for position, stem in enumerate(keyword.stems):
            index.by_stem.setdefault(stem, []).append((number, position))
        index.by_head.setdefault(keyword.words[-1], []).append(number)
        if len(keyword.stems[0]) >= MIN_TAIL_STEM:
            index.by_tail.setdefault(keyword.stems[0], []).append(number)
    return index


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    # Built on first use, not at import: no module-level state beyond this cache.
    return snowballstemmer.stemmer("danish")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    # Snowball in pure Python is the slow part of tagging; replies share most of their words.
    return _stemmer().stemWord(word)


def _stems(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(_stem, words))


@dataclass(frozen=True)
class _Document:
    """A text's words (lower-cased) and spans, and which keyword words each one matches."""

    text: str
    spans: tuple[tuple[int, int], ...]
    words: tuple[str, ...]
    usable: tuple[bool, ...]  # False for words on the codebook's ignore list
    matches: dict[str, frozenset[tuple[int, int]]]  # distinct word -> (keyword, position)
    starts: dict[int, list[int]]  # keyword -> text positions where its first word matches

    @classmethod
    def of(cls, text: str, ignore: tuple[str, ...], index: _Index) -> _Document:
        spans = tuple(match.span() for match in _WORD.finditer(text))
        words = tuple(text[start:end].casefold() for start, end in spans)
        distinct = tuple(dict.fromkeys(words))  # long texts repeat their words: stem each once
        stem_of = {word: _stem(word) if len(word) <= MAX_WORD else word for word in distinct}
        ignored = set(_stems(tuple(word.casefold() for word in ignore)))
        usable = tuple(stem_of[word] not in ignored for word in words)
        matches = {word: _matches_of(index, word, stem_of[word]) for word in distinct}
        starts: dict[int, list[int]] = {}
        for position, word in enumerate(words):
            for number, place in matches[word]:
                if place == 0:
                    starts.setdefault(number, []).append(position)
        return cls(text, spans, words, usable, matches, starts)


def _matches_of(index: _Index, word: str, stem: str) -> frozenset[tuple[int, int]]:
    """_word_matches, each distinct word worked out once per codebook (`stem` is the word's,
    so the word alone is the key); forgotten when it holds MATCHED_WORDS words."""
    found = index.matched.get(word)
    if found is None:
        if len(index.matched) >= MATCHED_WORDS:
            index.matched.clear()
        # Most words match no keyword: they share one empty set, not one each (216 bytes).
        found = index.matched[word] = _word_matches(index, word, stem) or _NO_MATCHES
    return found


def _word_matches(index: _Index, word: str, stem: str) -> frozenset[tuple[int, int]]:
    """(keyword, word position) pairs this text word matches (see the module docstring)."""
    if len(word) > MAX_WORD:
        return frozenset()
    found = {
        (number, position)
        for number, position in index.by_stem.get(stem, ())
        if len(word) >= len(index.keywords[number].words[position]) - 1
    }
    for cut in range(1, len(word) - MIN_REST + 1):  # the keyword opens the compound
        head = word[:cut]
        heads = [head, head[:-1]] if head[-1] in _LINKS else [head]
        for key in heads:
            found.update((n, len(index.keywords[n].words) - 1) for n in index.by_head.get(key, ()))
    for cut in range(MIN_REST, len(stem) - MIN_TAIL_STEM + 1):  # the keyword closes it
        found.update((number, 0) for number in index.by_tail.get(stem[cut:], ()))
    return frozenset(found)


def _hits(
    document: _Document, index: _Index, keywords: tuple[int, ...]
) -> list[tuple[int, str, str]]:
    """(position, words as in the text, keyword) for each match of the theme's keywords.

    Longer keywords go first and claim their words: "data" inside a matched "åbne data" is
    no second hit, and "whistleblowerordninger" is credited to "whistleblowerordning".
    """
    hits = []
    covered: set[int] = set()
    usable = document.usable
    for number in keywords:
        starts = document.starts.get(number)
        if not starts:
            continue  # most of a codebook's keywords are not in a given text
        size = len(index.keywords[number].words)
        for start in starts:
            end = start + size
            if size == 1:  # most keywords are one word: no range, no following words
                free = start not in covered and usable[start]
            else:
                free = _phrase_free(document, covered, number, start, end)
            if not free:
                continue
            covered.update(range(start, end))
            first, last = document.spans[start][0], document.spans[end - 1][1]
            found = " ".join(document.text[first:last].casefold().split())
            hits.append((start, found, index.keywords[number].text))
    return hits


def _phrase_free(document: _Document, covered: set[int], number: int, start: int, end: int) -> bool:
    """Keyword `number` of several words at start..end: within the text, no word claimed by
    a longer keyword, each following word matching its place, every word usable."""
    if end > len(document.words) or covered.intersection(range(start, end)):
        return False
    following = zip(range(1, end - start), document.words[start + 1 : end], strict=True)
    return all((number, i) in document.matches[word] for i, word in following) and all(
        document.usable[p] for p in range(start, end)
    )
