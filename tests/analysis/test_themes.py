"""tag_themes against the default OGP codebook and codebooks read from TOML."""

from __future__ import annotations

import tomllib

import pytest

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.themes import (
    DEFAULT_CODEBOOK,
    MATCHED_WORDS,
    Codebook,
    CodebookError,
    Theme,
    codebook_from_mapping,
    tag_themes,
)
from hoering.parse.message import parse_message
from tests.kit.paths import SAMPLE_INBOX as INBOX


def themes_of(text: str, codebook: Codebook = DEFAULT_CODEBOOK) -> dict[str, tuple[str, ...]]:
    return {tag.theme: tag.words for tag in tag_themes(text, codebook)}


def sample_text(name: str) -> str:
    message = parse_message((INBOX / name).read_bytes())
    texts = [clean_reply(message.body_text).content, *(a.text for a in message.attachments)]
    return "\n\n".join(texts)


def test_default_codebook_has_the_nine_areas_of_the_call() -> None:
    assert [theme.label for theme in DEFAULT_CODEBOOK.themes] == [
        "transparens og ansvarsplacering",
        "borgerdeltagelse og civilsamfund",
        "antikorruption",
        "teknologi og innovation",
        "åbne data og open source",
        "samskabelse",  # Danish for the call's "co-creation" (issue 19 item 5)
        "demokrati og beslutningsprocesser",
        "sociale medier og crowdsourcing",
        "effektiv offentlig service",
    ]
    assert DEFAULT_CODEBOOK.version


# --- matching -----------------------------------------------------------------------------


def test_inflected_form_matches_by_stem() -> None:
    assert themes_of("Kommunens beslutninger skal være tilgængelige.")["demokrati"] == (
        "beslutninger",
    )


def test_keyword_as_first_part_of_a_compound() -> None:
    assert themes_of("Vi ønsker flere datasæt.")["aabne-data"] == ("datasæt",)


def test_compound_with_linking_s() -> None:
    assert themes_of("Åbenhedsloven bør revideres.")["transparens"] == ("åbenhedsloven",)


def test_keyword_as_last_part_of_an_inflected_compound() -> None:
    assert "borgerdeltagelse" in themes_of("Brugerinddragelsen var god.")


def test_keyword_as_first_part_borger_in_borgerinddragelse() -> None:
    tag = next(t for t in tag_themes("Mere borgerinddragelse!") if t.theme == "borgerdeltagelse")
    assert tag.words == ("borgerinddragelse",)
    assert tag.keywords == ("borgerinddragelse",)


def test_short_stem_does_not_fire_inside_unrelated_words() -> None:
    # "borg" (stem of "borger") would otherwise hit "Nordborg", "borgmester".
    codebook = Codebook("t", (Theme("b", "borgere", ("borger",)),))
    assert themes_of("Borgmesteren i Nordborg svarede.", codebook) == {}


def test_shorter_word_with_the_same_stem_is_not_the_keyword() -> None:
    # Snowball stems "åben" and "åbenhed" alike; "en åben proces" is not about "åbenhed".
    codebook = Codebook("t", (Theme("t", "t", ("åbenhed",)),))
    assert themes_of("en åben proces", codebook) == {}


def test_multi_word_keyword_matches_across_a_line_break() -> None:
    assert themes_of("brug af sociale\nmedier")["sociale-medier"] == ("sociale medier",)


def test_hyphenated_keyword_and_text() -> None:
    assert themes_of("Alle statslige it-projekter over 10 mio. kr.")["teknologi"] == (
        "it-projekter",
    )


def test_english_keywords() -> None:
    assert set(themes_of("We ask for open data and less corruption.")) == {
        "aabne-data",
        "antikorruption",
    }


def test_word_inside_a_matched_phrase_is_not_counted_twice() -> None:
    tag = next(t for t in tag_themes("åbne data") if t.theme == "aabne-data")
    assert (tag.words, tag.hits) == (("åbne data",), 1)


def test_word_matches_kept_and_forgotten_at_the_cap_tag_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each distinct word's keyword matches are kept per codebook (_matches_of): a text
    tags the same the first time, again from the kept matches, and with the kept matches
    forgotten at every word (a cap of one)."""
    text = sample_text("08-forening-gennemsigtighed.eml")
    first = tag_themes(text)
    assert first and tag_themes(text) == first
    assert MATCHED_WORDS >= 100_000
    monkeypatch.setattr("hoering.analysis.themes.MATCHED_WORDS", 1)
    assert tag_themes(text) == first
    codebook = Codebook("other", DEFAULT_CODEBOOK.themes, DEFAULT_CODEBOOK.ignore)
    assert [tag.words for tag in tag_themes(text, codebook)] == [tag.words for tag in first]


def test_tag_records_words_keywords_hits_and_codebook_version() -> None:
    tag = next(t for t in tag_themes("Korruption og mere korruption; whistleblowerordninger"))
    assert tag.theme == "antikorruption"
    assert tag.words == ("korruption", "whistleblowerordninger")
    assert tag.keywords == ("korruption", "whistleblowerordning")
    assert tag.hits == 3
    assert tag.codebook_version == DEFAULT_CODEBOOK.version


def test_the_agency_name_does_not_tag_technology() -> None:
    # Almost every reply greets "Digitaliseringsstyrelsen"; that is no proposal about it.
    assert themes_of("Kære Digitaliseringsstyrelsen") == {}


def test_text_without_themes_has_no_tags() -> None:
    assert tag_themes("Tak for en god dag.") == ()


# --- the sample inbox ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("01-borger-videresendt-aabne-data.eml", {"aabne-data", "transparens"}),
        ("02-borger-svar-citat-cpr.eml", {"borgerdeltagelse", "sociale-medier"}),
        ("03-forening-dfdd-html.eml", {"transparens", "aabne-data", "demokrati"}),
        ("05-virksomhed-windows1252.eml", {"offentlig-service", "aabne-data", "transparens"}),
        ("07-region-sent-svar.eml", {"antikorruption", "aabne-data", "offentlig-service"}),
        ("08-forening-gennemsigtighed.eml", {"antikorruption", "transparens"}),
    ],
)
def test_sample_replies_get_the_themes_their_readme_names(name: str, expected: set[str]) -> None:
    assert expected <= set(themes_of(sample_text(name)))


def test_quoted_call_does_not_tag_the_reply() -> None:
    # Inbox 02 quotes the call, which names every theme; only the reply itself counts.
    assert "antikorruption" not in themes_of(sample_text("02-borger-svar-citat-cpr.eml"))


def test_pdf_attachment_text_is_tagged() -> None:
    themes = themes_of(sample_text("04-virksomhed-pdf-bilag.eml"))
    assert {"aabne-data", "antikorruption", "co-creation"} <= set(themes)


# --- codebooks from configuration ----------------------------------------------------------------

CODEBOOK_TOML = """
version = "nordby-2018-1"
ignore = ["Nordby"]

[[themes]]
key = "cykler"
label = "cykelstier"
keywords = ["cykelsti", "cyklisme"]
"""


def test_codebook_from_toml() -> None:
    codebook = codebook_from_mapping(tomllib.loads(CODEBOOK_TOML))
    assert codebook.version == "nordby-2018-1"
    assert themes_of("Flere cykelstier i Nordby", codebook) == {"cykler": ("cykelstier",)}


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('themes = [{key = "a", label = "a", keywords = ["a"]}]', "version"),
        ('version = "1"', "themes"),
        ('version = "1"\nthemes = [{label = "a", keywords = ["a"]}]', "themes[0].key"),
        ('version = "1"\nthemes = [{key = "a", label = "a", keywords = []}]', "themes[0].keywords"),
        (
            'version = "1"\nthemes = [{key = "a", label = "a", keywords = [1]}]',
            "themes[0].keywords",
        ),
        (
            'version = "1"\nthemes = [{key = "a", label = "a", keywords = ["a"]},'
            ' {key = "a", label = "b", keywords = ["b"]}]',
            "themes",
        ),
        (
            'version = "1"\nignore = "x"\nthemes = [{key = "a", label = "a", keywords = ["a"]}]',
            "ignore",
        ),
    ],
)
def test_malformed_codebook_names_the_key(toml: str, key: str) -> None:
    with pytest.raises(CodebookError) as caught:
        codebook_from_mapping(tomllib.loads(toml))
    assert str(caught.value).startswith(f"{key}:")
