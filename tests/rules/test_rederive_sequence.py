"""Re-derivation after the splitter learned proposals put in sequence by words (issue 18
item 2): a reviewer's split stays as it is; elsewhere an old initiative carries on only into
a new one that shares most of its words, never by its number."""

from __future__ import annotations

import dataclasses

from hoering.derived import ReplyInputs, StoredInitiative
from hoering.rules.reply_derive import derive_reply

FIRST = (
    "Jeg vil foreslå, at kommunernes budgetter lægges ud som regneark, så alle kan regne på dem."
)
SECOND = (
    "Dernæst synes jeg, at byrådets afstemninger skulle kunne hentes som data med navn og parti."
)
REPLY = ReplyInputs(
    sender_name="Ida Holm",
    sender_email="ida@example.org",
    subject="Høringssvar",
    body_text=f"Hej\n\n{FIRST}\n\n{SECOND}\n\nTak for initiativet.\n",
)
# What the splitter made of this letter before: one initiative holding both proposals.
OLD = (
    StoredInitiative(1, "Budgetter som regneark", f"{FIRST}\n\n{SECOND}", "single", "brødtekst"),
)


def test_a_reviewed_reply_keeps_its_one_initiative_though_the_rules_now_find_two() -> None:
    derived = derive_reply(dataclasses.replace(REPLY, initiatives=OLD, split_kept=True))
    assert [(i.number, i.text) for i in derived.initiatives] == [(1, OLD[0].text)]


def test_an_unreviewed_reply_is_split_anew_and_the_old_row_carries_on_by_words() -> None:
    derived = derive_reply(dataclasses.replace(REPLY, initiatives=OLD))
    assert [i.text for i in derived.initiatives] == [FIRST, SECOND]
    # The old row (its id, its place) goes on in at most one of them: the one it shares
    # most words with, and only when that is at least half of them.
    assert [i.continues for i in derived.initiatives].count(0) <= 1
