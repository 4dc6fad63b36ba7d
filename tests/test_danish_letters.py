"""æ, ø and å written ae, oe and aa: the one table every folding and search uses."""

from __future__ import annotations

from hoering.danish_letters import DIGRAPHS, with_digraphs


def test_each_danish_letter_is_written_as_danes_write_it_in_ascii() -> None:
    assert with_digraphs("høring om åbne data i ærø") == "hoering om aabne data i aeroe"


def test_capitals_are_left_for_casefold() -> None:
    assert with_digraphs("ÆRØ") == "ÆRØ"
    assert with_digraphs("ÆRØ".casefold()) == "aeroe"


def test_the_table_holds_the_three_letters_only() -> None:
    # Other letters (ä, ö, ü in candidate_terms) are each caller's own addition.
    assert DIGRAPHS == {"æ": "ae", "ø": "oe", "å": "aa"}
