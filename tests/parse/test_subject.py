"""decode_subject and SubjectMatcher."""

from __future__ import annotations

import base64

import pytest

from hoering.parse.subject import SubjectMatcher, decode_subject


def test_plain_ascii_subject_is_unchanged() -> None:
    assert decode_subject("OGP-hoering: svar") == "OGP-hoering: svar"


def test_latin1_q_word_after_reply_prefix() -> None:
    # Danish Outlook: "SV:" prefix and ISO-8859-1 Q encoding.
    assert decode_subject(b"SV: =?iso-8859-1?Q?OGP-h=F8ring?=") == "SV: OGP-høring"


def test_utf8_b_word() -> None:
    word = base64.b64encode("OGP-høring – svar".encode()).decode()
    assert decode_subject(f"=?UTF-8?B?{word}?=") == "OGP-høring – svar"


def test_windows_1252_q_word_with_euro_and_quotes() -> None:
    # Outlook labels Windows-1252 text as such (corpus msgreader_*, zbateson_m0010).
    assert decode_subject("=?Windows-1252?Q?=93OGP=94_koster_80_=80?=") == "“OGP” koster 80 €"


def test_q_underscore_is_a_space() -> None:
    assert decode_subject("=?utf-8?Q?OGP_h=C3=B8ring?=") == "OGP høring"


def test_whitespace_between_adjacent_encoded_words_vanishes() -> None:
    value = "=?iso-8859-1?Q?OGP-h=F8?= =?iso-8859-1?Q?ring?="
    assert decode_subject(value) == "OGP-høring"


def test_multibyte_character_split_across_words_is_rejoined() -> None:
    # Long UTF-8 subjects get cut into words by byte count (corpus mikel_bad_subject).
    encoded = "ø".encode()
    first = base64.b64encode(b"OGP-h" + encoded[:1]).decode()
    second = base64.b64encode(encoded[1:] + b"ring").decode()
    assert decode_subject(f"=?utf-8?B?{first}?= =?utf-8?B?{second}?=") == "OGP-høring"


def test_words_in_different_charsets_are_joined() -> None:
    # Corpus phpmmp_m0023: adjacent ISO-8859-1 and ISO-8859-2 words.
    assert decode_subject("=?iso-8859-1?Q?h=F8ring?= =?iso-8859-2?Q?_=B3?=") == "høring ł"


def test_space_between_word_and_plain_text_is_kept() -> None:
    assert decode_subject("Re: =?utf-8?Q?h=C3=B8ring?= svar") == "Re: høring svar"


def test_folded_subject_is_unfolded() -> None:
    folded = b"SV: OGP-h\xc3\xb8ring\r\n  om \xc3\xa5bne data"
    assert decode_subject(folded) == "SV: OGP-høring om åbne data"


def test_raw_8bit_utf8_bytes() -> None:
    # RFC 6532 mailers send UTF-8 headers unencoded (corpus mikel_utf8_headers).
    assert decode_subject("OGP-høring".encode()) == "OGP-høring"


def test_raw_8bit_latin1_bytes_read_as_windows_1252() -> None:
    # Outlook 2000 sends Latin-1 headers unencoded (corpus zbateson_m0001).
    assert decode_subject(b"SV: OGP-h\xf8ring \x93svar\x94") == "SV: OGP-høring “svar”"


def test_utf8_tag_before_a_latin1_subject_reads_word_by_word() -> None:
    # A forwarding rule prefixes a UTF-8 tag to a Latin-1 subject: one header, two charsets.
    raw = "OGP-høring: ".encode() + "Ønske om åbenhed".encode("latin-1")
    assert decode_subject(raw) == "OGP-høring: Ønske om åbenhed"
    assert SubjectMatcher(["OGP-høring"]).matches(decode_subject(raw))


def test_cyrillic_8bit_subject_is_still_read_as_a_whole() -> None:
    raw = "Отзыв о плане".encode("cp1251")
    assert decode_subject(raw) == "Отзыв о плане"


def test_surrogate_escaped_str_from_compat32_is_restored() -> None:
    # The stdlib compat32 parser keeps raw 8-bit header bytes as surrogate escapes.
    raw = b"OGP-h\xf8ring".decode("ascii", "surrogateescape")
    assert decode_subject(raw) == "OGP-høring"


def test_unknown_charset_is_tolerated() -> None:
    # Corpus mikel_bad_encoded_subject: "=?NONE?B?...?=".
    assert decode_subject("=?x-unknown?Q?h=C3=B8ring?=") == "høring"


def test_charset_with_rfc2231_language_suffix() -> None:
    assert decode_subject("=?utf-8*da?Q?h=C3=B8ring?=") == "høring"


def test_result_is_nfc_normalized() -> None:
    decomposed = "hoering".replace("oe", "o\u0308")  # o + combining diaeresis
    assert decode_subject(decomposed) == "höring"


def test_8bit_bytes_inside_q_word_use_its_charset() -> None:
    # Corpus zbateson_m2004: raw 8-bit bytes inside an ISO-8859-1 Q word.
    assert decode_subject(b"=?iso-8859-1?Q?Fr\xf6sche?=") == "Frösche"


def test_undecodable_word_is_kept_literally() -> None:
    assert decode_subject("=?utf-8?B?A?= svar") == "=?utf-8?B?A?= svar"


@pytest.fixture
def matcher() -> SubjectMatcher:
    return SubjectMatcher(["OGP-høring"])


@pytest.mark.parametrize(
    "subject",
    [
        "OGP-høring",
        "ogp-HØRING",
        "SV: VS: Re: OGP-høring",
        "Fwd: FW: AW: WG: OGP-høring",
        "Svar på OGP-høring fra Nordby Kommune",
        "OGP – høring",
        "OGP — høring",
        "OGP høring",
        "OGPhøring",
        "OGP-hoering",
        "OGP horing",
        "OGP\u2011høring",  # non-breaking hyphen
        "OGP\u00a0høring",  # no-break space
    ],
)
def test_matcher_accepts_spelling_variants(matcher: SubjectMatcher, subject: str) -> None:
    assert matcher.matches(subject)


def test_marker_followed_by_more_letters_matches(matcher: SubjectMatcher) -> None:
    # Deliberate: "OGP-høringssvar" is a reply, so only the marker's start is anchored.
    assert matcher.matches("OGP-høringssvar fra Dansk Forening")


@pytest.mark.parametrize(
    "subject",
    [
        "Spørgsmål til høringen",
        "Høring om OGP",
        "OGP: høring",
        "OGP og høring",
        "BLOGP-høring",
        "",
    ],
)
def test_matcher_rejects_unrelated_subjects(matcher: SubjectMatcher, subject: str) -> None:
    assert not matcher.matches(subject)


def test_pattern_is_built_from_configured_markers() -> None:
    matcher = SubjectMatcher(["Åben forvaltning", "Strategi-høring"])
    assert matcher.matches("SV: aaben forvaltning")
    assert matcher.matches("Strategi hoering")
    assert not matcher.matches("OGP-høring")


def test_ae_spelled_as_two_letters_matches() -> None:
    assert SubjectMatcher(["Ærø-sag"]).matches("aeroe sag")


def test_marker_given_in_ascii_matches_danish_spelling() -> None:
    assert SubjectMatcher(["OGP-hoering"]).matches("OGP-høring")


def test_markers_without_letters_are_refused() -> None:
    with pytest.raises(ValueError):
        SubjectMatcher([" - ", ""])


@pytest.mark.parametrize(
    "subject",
    [
        "OGP-hXXring",  # raw UTF-8 "ø" (2 bytes) through Cyrus munge8bit
        "SV: OGP-hXring",  # raw Latin-1 "ø" (1 byte) through Cyrus munge8bit
        "OGP-h?ring",  # a gateway that puts "?" for what it cannot convert
        "OGP-h??ring",
        "Re: OGP-h\ufffd\ufffdring",  # undecodable bytes as U+FFFD
        "OGP-hXXringssvar",
    ],
)
def test_marker_with_munged_non_ascii_letters_matches(
    matcher: SubjectMatcher, subject: str
) -> None:
    assert matcher.matches(subject)


@pytest.mark.parametrize(
    "subject",
    [
        "OGP-hXXXring",  # three: no letter of the marker arrives as more than two bytes
        "OGP-hring",
        "OGP-hxaring",
        "XGP-høring",  # only the non-ASCII letters may be munged
        "OGP-h?r?ng",
    ],
)
def test_munging_does_not_make_unrelated_subjects_match(
    matcher: SubjectMatcher, subject: str
) -> None:
    assert not matcher.matches(subject)


def test_every_non_ascii_letter_of_a_marker_may_be_munged() -> None:
    matcher = SubjectMatcher(["Åben forvaltning", "Ærø-sag"])
    assert matcher.matches("XXben forvaltning")
    assert matcher.matches("XrX-sag")
    assert matcher.matches("XXrXX sag")
