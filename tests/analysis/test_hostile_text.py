"""Analysis stays linear in its input: no unbounded `\\w*` scanned from every position of a
long word, and capped inputs. A 200,000-letter word after "Med venlig hilsen" took 197 s
in the respondent rules; these run in well under a second each (bench/bench_hostile.py
times the whole import)."""

from __future__ import annotations

import time

import pytest

from hoering.analysis import respondent
from hoering.analysis.cleaning import clean_reply
from hoering.analysis.personal_data import find_personal_data, redact
from hoering.analysis.respondent import identify_respondent
from hoering.analysis.themes import tag_themes

LONG = 200_000


@pytest.mark.parametrize(
    "rule",
    [*respondent.PUBLIC_RULES, *respondent.PRIVATE_RULES, respondent.CVR_RULE],
    ids=lambda rule: rule.id,
)
@pytest.mark.parametrize("letter", ["a", "A", "1"])
def test_no_rule_is_quadratic_in_a_long_word(rule, letter: str) -> None:
    # A hang guard, not a speed goal: quadratic took 37 s here, linear takes milliseconds.
    started = time.process_time()
    rule.pattern.search(letter * 100_000)
    assert time.process_time() - started < 2


def test_a_long_word_in_the_signature_and_display_name_is_read() -> None:
    signature = clean_reply(f"Tak.\n\nMed venlig hilsen\n{'a' * LONG}ministeriet\n").signature
    who = identify_respondent("b" * LONG, "x@example.dk", signature)
    assert who.type == "borger" and len(who.name) <= respondent.MAX_NAME_CHARS


def test_a_ministry_in_a_long_signature_is_found_within_the_cap() -> None:
    signature = "Med venlig hilsen\nJens Hansen\nVejministeriet\n" + "x " * LONG
    assert identify_respondent("", "j@example.dk", signature).rule_id == "public-ministry"


def test_a_long_word_holds_no_email_address_and_takes_no_theme() -> None:
    text = "a" * LONG + " åbne data"
    assert find_personal_data("a." * LONG) == ()
    assert redact(text) == text
    assert [tag.theme for tag in tag_themes(text)]  # the real words still count
    assert tag_themes("data" * (LONG // 4)) == ()
