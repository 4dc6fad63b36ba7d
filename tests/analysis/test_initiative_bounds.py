"""Bounds that keep the splitter linear on hostile text: a text of one sentence per line, or
of "1." lines that never count on, is not read again from each line to the end."""

from __future__ import annotations

from hoering.analysis import initiative_count
from hoering.analysis.initiative_count import counted_paragraph_spans
from hoering.analysis.initiative_lists import (
    LOOKAHEAD,
    PARAGRAPH_LINES,
    list_items,
    paragraph_before,
)


def test_a_paragraph_is_read_back_at_most_paragraph_lines() -> None:
    lines = [f"linje {n} uden punktum" for n in range(PARAGRAPH_LINES * 3)]
    before = paragraph_before(lines, len(lines) - 1)
    assert before.split(" uden punktum ")[0] == f"linje {len(lines) - 1 - PARAGRAPH_LINES}"
    assert paragraph_before(["", "Første linje", "anden linje"], 2) == "Første linje"


def test_a_list_ends_when_no_item_follows_within_the_lookahead() -> None:
    lines = ["1. Åbne data om udbud.", "2. Et lobbyregister."]
    lines += ["En lang forklaring uden nyt punkt"] * (LOOKAHEAD + 5) + ["3. Åbne budgetter."]
    items, end = list_items(lines, 0)
    assert len(items) == 2
    assert end == 1 + LOOKAHEAD + 1


def test_only_the_first_counts_of_a_text_are_tried() -> None:
    lines = ["Vi har tre gode bud."] * 5000
    assert sum(1 for _ in initiative_count._counts(lines)) == initiative_count.COUNTS_READ
    assert counted_paragraph_spans(lines) == []
