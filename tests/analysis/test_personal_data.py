"""CPR numbers, phone numbers and e-mail addresses: finding them and redacting them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hoering.analysis.personal_data import (
    CPR,
    EMAIL,
    PHONE,
    find_cpr,
    find_personal_data,
    redact,
    redact_report,
)

REPLY = """Hej

Jeg ved ikke, om I skal bruge mit cpr-nummer for at registrere mit svar,
men det er 010180-1234.

Mvh
Søren Ærø Jørgensen
Tlf. 11 22 33 44
soeren.joergensen@borgernet.example
"""


def kinds(text: str) -> list[str]:
    return [finding.kind for finding in find_personal_data(text)]


# --- CPR numbers ----------------------------------------------------------------------


@pytest.mark.parametrize("number", ["010180-1234", "0101801234", "010180 1234", "010180 - 1234"])
def test_cpr_with_dash_without_and_with_space(number: str) -> None:
    assert [f.text for f in find_cpr(f"Mit cpr-nr. er {number}.")] == [number]


def test_cpr_with_en_dash_from_word_autocorrect() -> None:
    # Word and Outlook turn "-" between spaces into an en dash.
    assert len(find_cpr("cpr: 010180 – 1234")) == 1


def test_cpr_without_valid_modulus_11_is_still_found() -> None:
    # 010180-1234 fails the old modulus-11 check; numbers issued since 2007 may too.
    assert len(find_cpr("010180-1234")) == 1


@pytest.mark.parametrize("number", ["320180-1234", "011380-1234", "000180-1234", "310480-1234"])
def test_impossible_dates_are_not_cpr(number: str) -> None:
    assert find_cpr(number) == ()


def test_29_february_only_in_years_divisible_by_4() -> None:
    assert len(find_cpr("290296-1234")) == 1
    assert find_cpr("290297-1234") == ()


def test_ten_digits_inside_a_longer_run_are_not_cpr() -> None:
    assert find_cpr("Kontonummer 99010180123456") == ()
    assert find_cpr("ID 0101801234567") == ()


@pytest.mark.parametrize(
    "text",
    [
        "den 01-01-2017",
        "den 20.08.2017",
        "handlingsplanen 2017-2019",
        "budget 250000-3000 kr.",  # month 00: an amount, not a date
        "mellem 150.000-200.000 kr.",
        "CVR-nr. 36123456",
        "P-nr. 1012345678",  # production units have ten digits
        "EAN 5798000012345",
        "Tlf. 11 22 33 44",
        "+45 1234 5678",
    ],
)
def test_dates_amounts_cvr_and_phones_are_not_cpr(text: str) -> None:
    assert find_cpr(text) == ()


# Issue 16: each of these survived every export; people write their birth date as a date.
CPR_SPELLINGS = [
    "01.01.80-1234",
    "01-01-80-1234",
    "01 01 80 1234",
    "010180/1234",
    "010180.1234",
    "17.05.92-1234",
    "01.01.80 1234",
    "01/01/80-1234",
    "01.01.80.1234",
    "01–01–80–1234",  # Word's en dash throughout
    "01.01.1980-1234",
    "01-01-1980-1234",
    "01 01 1980 1234",
    "01011980-1234",
    "29.02.2000-1234",  # 2000 is a leap year
]


@pytest.mark.parametrize("number", CPR_SPELLINGS)
def test_cpr_spelt_as_a_date_is_found(number: str) -> None:
    assert [f.text for f in find_cpr(f"Mit cpr-nummer er {number}, tak.")] == [number]


@pytest.mark.parametrize("number", CPR_SPELLINGS)
def test_cpr_spelt_as_a_date_is_redacted(number: str) -> None:
    redacted = redact(f"cpr: {number}.", phone=False, email=False)
    assert redacted == "cpr: [CPR-nummer fjernet]."


@pytest.mark.parametrize(
    "number",
    [
        "31.04.80-1234",  # 31 April
        "29.02.81-1234",  # 1981 is no leap year
        "29.02.1900-1234",  # a four-digit year names its century: 1900 is no leap year
        "00.01.80-1234",
        "01.13.80-1234",
    ],
)
def test_impossible_dates_in_date_spellings_are_not_cpr(number: str) -> None:
    assert find_cpr(number) == ()


def test_two_digit_year_29_february_00_passes_whatever_the_century() -> None:
    # The century sits in the serial; like the compact form, the date form errs on redacting.
    assert len(find_cpr("29.02.00-1234")) == 1


@pytest.mark.parametrize("number", ["01.01-80-1234", "01-01.80-1234", "01 01.80-1234"])
def test_day_month_and_year_share_one_kind_of_separator(number: str) -> None:
    assert find_cpr(number) == ()


def test_a_rejected_candidate_does_not_hide_a_cpr_number_inside_it() -> None:
    # "45 01" starts a candidate with day 45; the number starting at "01" must still go.
    assert [f.text for f in find_cpr("45 01.01.80-1234")] == ["01.01.80-1234"]


@pytest.mark.parametrize(
    "text",
    [
        "J.nr. 13.02.17-1234",
        "j.nr.: 13.02.17-1234",
        "Jour.nr. 13.02.17-1234",
        "Journalnummer 13-02-17-1234",
        "Sagsnr. 13.02.17-1234",
        "Sag nr. 13.02.17-1234",
        "Vores ref.: 13.02.17-1234",
    ],
)
def test_journal_number_in_date_spelling_after_its_label_is_kept(text: str) -> None:
    assert find_cpr(text) == ()


@pytest.mark.parametrize(
    "text",
    [
        "J.nr. 130217-1234",  # the compact spelling is a CPR number's own
        "Sagsnr. 0101801234",  # a case about a person may be filed under their number
        "Deres ref.: 01.01.80-1234",  # echoes the addressee's reference: maybe their CPR
        "J.nr. 2017-123, cpr 01.01.80-1234",  # the label belongs to another number
    ],
)
def test_journal_labels_do_not_protect_a_cpr_number(text: str) -> None:
    assert len(find_cpr(text)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Reg.nr. 1234 Kontonr. 0101801234",
        "reg. nr. 1234 konto 0101801234",
        "Reg.nr. og kontonr.: 1234 0101801234",
        "Reg.nr. 1234-0101801234",
        "Kontonummer: 0101801234",
    ],
)
def test_bank_account_after_its_label_is_not_cpr(text: str) -> None:
    assert find_cpr(text) == ()


# Danish text with numbers that are no CPR numbers, in every spelling the detector knows.
NOT_CPR = [
    "Mødet er den 01.01.80, og svarfristen er 01-01-80.",  # dates alone
    "født 01 01 80 i Vejle",
    "senest 12.05.2017 kl. 12.30",
    "fra 2017-05-12 til 2017-06-01",  # ISO dates
    "kl. 12.30-13.45",
    "ring på 12 34 56 78 eller 20 30 40 50",
    "+45 12345678",
    "tlf. 31 12 80 12",
    "beløbet 1.234.567 kr.",
    "mellem 150.000-200.000 kr.",
    "version 2.10.12-1234",
    "version 1.12.05.17",
    "IP 192.168.10.12 og 10.12.10.80",
    "CVR 12345678",
    "EAN 5798000012345",
    "J.nr. 27.12.04-P20-1-17",  # a KLE journal number
    "Reg.nr. 1234 Kontonr. 0012345678",
    "vedtaget 13/02/17, j.nr. 17/01234",
    "§ 12, stk. 05.17",
]


@pytest.mark.parametrize("text", NOT_CPR)
def test_danish_numbers_that_are_no_cpr_stay(text: str) -> None:
    assert find_cpr(text) == ()
    assert redact(text, phone=False, email=False) == text


def test_redact_replaces_cpr_with_marker() -> None:
    assert redact("cpr 010180-1234.") == "cpr [CPR-nummer fjernet]."


# --- phone numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["+45 12 34 56 78", "+4512345678", "0045 1234 5678", "(+45) 12345678", "+45 12-34-56-78"],
)
def test_phone_with_country_code(text: str) -> None:
    assert [f.text for f in find_personal_data(text)] == [text]


@pytest.mark.parametrize(
    "text", ["Tlf. 11 22 33 44", "tlf.: 12345678", "Mobil 1234 5678", "Telefon: 87654321"]
)
def test_phone_after_a_label_in_any_grouping(text: str) -> None:
    assert kinds(text) == [PHONE]


@pytest.mark.parametrize("number", ["23 45 67 89", "2345 6789", "23.45.67.89"])
def test_bare_phone_in_the_usual_groups(number: str) -> None:
    assert kinds(f"ring på {number} i dag") == [PHONE]


@pytest.mark.parametrize(
    "text",
    [
        "CVR 29876543",  # a bare 8-digit run is as likely a CVR number
        "sagen 12345678",
        "årene 2017 2019",
        "beløbet 1.234.567 kr.",
        "gruppe 12 34 56 78 90",  # ten digits in pairs: no Danish phone number
    ],
)
def test_not_phones(text: str) -> None:
    assert PHONE not in kinds(text)


def test_redact_replaces_phone_with_marker() -> None:
    assert redact("Tlf. 11 22 33 44") == "Tlf. [telefonnummer fjernet]"


def test_cpr_number_is_never_half_taken_as_a_phone() -> None:
    assert kinds("tlf 010180 1234") == [CPR]


# --- e-mail addresses -----------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["rumth@digst.dk", "soeren.joergensen@borgernet.example", "søren@æblehaven.dk"]
)
def test_email_addresses(address: str) -> None:
    assert [f.text for f in find_personal_data(f"Skriv til {address}.")] == [address]


def test_email_in_outlook_mailto_bracket() -> None:
    # Outlook's forward header: "Fra: Birgitte Nørgaard [mailto:bn@dfdd.example]".
    assert redact("Fra: B [mailto:bn@dfdd.example]") == "Fra: B [mailto:[e-mailadresse fjernet]]"


def test_an_address_glued_to_the_one_before_is_found_in_the_same_pass() -> None:
    # Two signature lines joined without a space: the second address used to survive the
    # first redaction (hypothesis found it for test_redaction_is_idempotent).
    assert redact("a@b.dk-c@d.dk") == "[e-mailadresse fjernet][e-mailadresse fjernet]"


# --- redaction as a whole -------------------------------------------------------------


def test_redact_reply_with_all_three_kinds() -> None:
    result = redact_report(REPLY)
    assert [f.kind for f in result.findings] == [CPR, PHONE, EMAIL]
    assert "[CPR-nummer fjernet]" in result.text
    assert "[telefonnummer fjernet]" in result.text
    assert "[e-mailadresse fjernet]" in result.text
    assert "010180" not in result.text and "11 22 33 44" not in result.text


def test_findings_point_into_the_original_text() -> None:
    for finding in redact_report(REPLY).findings:
        assert REPLY[finding.start : finding.end] == finding.text


def test_each_kind_can_be_switched_off() -> None:
    kept = redact(REPLY, phone=False, email=False)
    assert "11 22 33 44" in kept and "borgernet.example" in kept
    assert "010180-1234" not in kept
    assert "010180-1234" in redact(REPLY, cpr=False)


def test_cpr_inside_an_address_is_covered_once() -> None:
    assert redact("svar fra 010180 1234@example.dk") == "svar fra [CPR-nummer fjernet]"


def test_phone_label_glued_to_a_cpr_number_is_found_in_one_pass() -> None:
    # Found by the idempotence property below: "Tlf." only reads as a label once the CPR
    # number stuck to it is a marker, so the phone number must go in the same pass.
    once = redact("0101000000Tlf. 00010100-0000")
    assert once == "[CPR-nummer fjernet]Tlf. [telefonnummer fjernet]-0000"
    assert redact(once) == once


def test_text_without_personal_data_is_unchanged() -> None:
    text = "Åbne data om ventetider, fx 2017-2019, 10 mio. kr. og CVR 29876543."
    assert redact(text) == text


# --- property: nothing date-valid survives ---------------------------------------------

# An oracle written independently of the detector: six digits, an optional separator and
# four digits, not touching other digits, whose first six form a date in 2000-2099.
ORACLE = re.compile(
    r"(?<!\d)(\d\d)(\d\d)(\d\d)(?:[ \u00a0]?[-\u2013][ \u00a0]?|[ \u00a0])?\d{4}(?!\d)"
)


def oracle_finds_cpr(text: str) -> bool:
    for match in ORACLE.finditer(text):
        day, month, year = (int(part) for part in match.groups())
        try:
            date(2000 + year, month, day)
        except ValueError:
            continue
        return True
    return False


def cpr_numbers() -> st.SearchStrategy[str]:
    day_month = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
    return st.builds(
        lambda d, sep, tail: f"{d:%d%m%y}{sep}{tail:04d}",
        day_month,
        st.sampled_from(["", "-", " ", "\u00a0", " - ", "–"]),
        st.integers(0, 9999),
    )


# The same for date spellings: day, month and year split by one separator, then the serial.
DATE_ORACLE = re.compile(r"(?<!\d)(\d\d)([-. /])(\d\d)\2(\d\d)[-. /]\d{4}(?!\d)")


def oracle_finds_dated_cpr(text: str) -> bool:
    for match in DATE_ORACLE.finditer(text):
        try:
            date(2000 + int(match[4]), int(match[3]), int(match[1]))
        except ValueError:
            continue
        return True
    return False


def dated_cpr_numbers() -> st.SearchStrategy[str]:
    separators = st.sampled_from(["-", ".", " ", "/"])
    return st.builds(
        lambda d, sep, serial_sep, tail: f"{d:%d}{sep}{d:%m}{sep}{d:%y}{serial_sep}{tail:04d}",
        st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
        separators,
        separators,
        st.integers(0, 9999),
    )


chunks = st.one_of(
    cpr_numbers(),
    st.from_regex(r"\d{1,12}", fullmatch=True),
    st.sampled_from([" ", "-", ".", ",", "\n", "/", "+45 ", "Tlf. ", "@", "a@b.dk", "kr."]),
    st.sampled_from(["cpr", "nummer", "Søren", "høring", "x"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(chunks, max_size=12).map("".join))
def test_redacted_text_never_holds_a_date_valid_cpr(text: str) -> None:
    assert not oracle_finds_cpr(redact(text, phone=False, email=False))


@settings(max_examples=200, deadline=None)
@given(st.lists(chunks, max_size=12).map("".join))
def test_redacted_text_never_holds_a_date_valid_cpr_with_all_kinds_on(text: str) -> None:
    assert not oracle_finds_cpr(redact(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(dated_cpr_numbers(), chunks), max_size=12).map("".join))
def test_redacted_text_never_holds_a_cpr_spelt_as_a_date(text: str) -> None:
    assert not oracle_finds_dated_cpr(redact(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(chunks, max_size=12).map("".join))
def test_redaction_is_idempotent(text: str) -> None:
    once = redact(text)
    assert redact(once) == once


# --- street addresses (used by --pseudonymize) ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Engtoften 3\n9999 Nordby", "[adresse fjernet]\n[adresse fjernet]"),
        ("Nørregade 7, 2. th., 8000 Aarhus C", "[adresse fjernet], [adresse fjernet]"),
        ("Gammel Kongevej 12A, st. tv.", "[adresse fjernet]"),
        ("H.C. Andersens Boulevard 27, 1. sal", "[adresse fjernet]"),
        ("Birkely 4\nDK-4000 Roskilde", "[adresse fjernet]\n[adresse fjernet]"),
        ("Postboks 123, 9999 Nordby", "[adresse fjernet], [adresse fjernet]"),
    ],
)
def test_danish_street_addresses_and_postcode_lines(text: str, expected: str) -> None:
    assert redact(text, address=True) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Jeg bor i 9999 Nordby, og i 2017 Digitaliseringsstyrelsen har",  # not after a comma
        "Planen for 2017-2019 bør indeholde 3 forslag.",
        "Alle kommuner bør have en fælles vej 2 succes.",  # "vej" is no street name here
        "Det gælder fra 1. januar 2018 efter § 5.",
    ],
)
def test_prose_with_numbers_is_no_address(text: str) -> None:
    assert redact(text, address=True) == text


def test_addresses_are_left_alone_unless_asked_for() -> None:
    assert redact("Engtoften 3\n9999 Nordby") == "Engtoften 3\n9999 Nordby"
