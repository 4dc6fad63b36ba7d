"""Placing a reply into a campaign costs the same however large the campaign is: the number
of leaders it is compared with, and of leaders a band key holds, are bounded. Comparisons
are counted, not timed."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import event, func, select

from hoering.analysis import duplicates as analysis
from hoering.rules import duplicate_joins as joins
from hoering.rules import duplicates as placing
from hoering.store import duplicates, models
from hoering.store.db import open_database

# fmt: off
WORDS = ["borgere", "data", "kommune", "demokrati", "budget", "aktindsigt", "kildekode", "panel",
         "region", "licens", "register", "udbud", "kontrakt", "minister", "kalender", "indkøb"]
# fmt: on
LETTER = " ".join(random.Random(1).choices(WORDS, k=120)).capitalize() + "."


def _own_paragraph(number: int) -> str:
    # As long as the letter: two copies share the letter but not half of their shingles, so
    # neither is near the other and each would become a leader sharing every band key.
    words = random.Random(1000 + number).choices(WORDS, k=130)
    return f"Jeg hedder Borger {number}. " + " ".join(words) + "."


def _near_twin(number: int) -> str:
    return f"{_own_paragraph(number)}\n\n{LETTER}"


def _form_letter(number: int) -> str:
    return f"{random.Random(number).choice(WORDS).capitalize()} {number}.\n\n{LETTER}"


@pytest.fixture
def sessions(tmp_path):
    return open_database(f"sqlite:///{tmp_path / 'hoering.db'}")


def _store(sessions, texts: list[str], start: int) -> None:
    with sessions.begin() as session:
        for number, text in enumerate(texts, start=start):
            raw = models.RawMessage(dedup_key=f"k{number}", sha256="0" * 64, size=1, data=b"x")
            session.add(raw)
            session.add(models.Proposal(raw_message=raw, reply_text=text, body_text=text,
                                        combined_text=text, source_account="a",
                                        source_folder="INBOX"))  # fmt: skip


def _comparisons_placing_one(sessions, monkeypatch, text: str, number: int) -> int:
    """How many leaders placing one more reply compares it with."""
    compared = []
    real = analysis.is_near
    monkeypatch.setattr(analysis, "is_near", lambda a, b: compared.append(1) or real(a, b))
    _store(sessions, [text], number)
    with sessions.begin() as session:
        placing.place_new(session)
    monkeypatch.setattr(analysis, "is_near", real)
    return len(compared)


def _place(sessions, texts: list[str]) -> None:
    _store(sessions, texts, 0)
    with sessions.begin() as session:
        placing.place_new(session)


def test_a_reply_is_compared_with_at_most_max_comparisons_leaders_among_many(
    sessions, monkeypatch
) -> None:
    _place(sessions, [_near_twin(n) for n in range(40)])
    with sessions() as session:
        leaders = session.scalar(select(func.count()).where(models.DuplicateIndex.leader))
    assert leaders == 40  # every copy shares the letter's bands and is near no other copy
    compared = _comparisons_placing_one(sessions, monkeypatch, _near_twin(40), 40)
    assert 0 < compared <= placing.MAX_COMPARISONS


def test_comparisons_for_one_reply_do_not_grow_with_the_leaders_before_it(
    tmp_path, monkeypatch
) -> None:
    compared = {}
    for size in (20, 60):
        sessions = open_database(f"sqlite:///{tmp_path / f'{size}.db'}")
        _place(sessions, [_near_twin(n) for n in range(size)])
        compared[size] = _comparisons_placing_one(sessions, monkeypatch, _near_twin(size), size)
    assert compared[60] == compared[20] <= placing.MAX_COMPARISONS


def test_a_band_key_holds_at_most_band_leaders_leaders(sessions) -> None:
    _place(sessions, [_near_twin(n) for n in range(30)])
    per_key = select(func.count(models.DuplicateBand.id)).group_by(models.DuplicateBand.key)
    with sessions() as session:
        assert max(session.scalars(per_key)) == placing.BAND_LEADERS


def test_a_form_letter_joining_a_large_campaign_is_compared_once(sessions, monkeypatch) -> None:
    _place(sessions, [_form_letter(n) for n in range(60)])
    compared = _comparisons_placing_one(sessions, monkeypatch, _form_letter(60), 60)
    with sessions() as session:
        (group,) = duplicates.groups(session)
    assert compared == 1
    assert group.size == 61 and group.distinct == 61 and group.kind == "near"


def test_a_chunk_reads_the_stored_leaders_it_compares_with_in_one_read(
    sessions, monkeypatch
) -> None:
    _place(sessions, [_near_twin(n) for n in range(20)])  # 20 leaders sharing bands
    reads = []
    real = placing._texts
    monkeypatch.setattr(placing, "_texts", lambda s, ids: reads.append(list(ids)) or real(s, ids))
    compared = _comparisons_placing_one(sessions, monkeypatch, _near_twin(20), 20)
    # One read of the chunk's own texts, one of the leaders it is compared with, however many.
    assert len(reads) == 2
    assert len(reads[1]) == compared == placing.MAX_COMPARISONS


def _statements_placing(sessions, texts: list[str], start: int) -> int:
    """SQL statements sent while placing `texts`, stored as replies numbered from `start`."""
    _store(sessions, texts, start)
    sent = []
    engine = sessions.kw["bind"]
    count = lambda *_args: sent.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", count)
    with sessions.begin() as session:
        placing.place_new(session)
    event.remove(engine, "before_cursor_execute", count)
    return len(sent)


def test_letters_joining_a_large_campaign_cost_no_statements_of_their_own(tmp_path) -> None:
    # Their member rows go in with the chunk's, and the group is read once: placing 40 costs
    # the statements that placing 5 does.
    sent = {}
    for more in (5, 40):
        sessions = open_database(f"sqlite:///{tmp_path / f'{more}.db'}")
        _place(sessions, [_form_letter(n) for n in range(joins.RECOMPUTE_UP_TO + 5)])
        start = joins.RECOMPUTE_UP_TO + 5
        letters = [_form_letter(n) for n in range(start, start + more)]
        sent[more] = _statements_placing(sessions, letters, start)
        with sessions() as session:
            (group,) = duplicates.groups(session)
            assert group.size == start + more and len(group.members) == start + more
            assert all(member.added_text for member in group.members[start:])
    assert sent[40] == sent[5]
