"""find_duplicates: exact duplicates, form letters and what each member adds."""

from __future__ import annotations

import random
import time

import pytest

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.duplicates import EXACT, NEAR, find_duplicates, normalize
from hoering.parse.message import parse_message
from tests.kit.paths import SAMPLE_INBOX as INBOX

LETTER = """Til Digitaliseringsstyrelsen

Jeg støtter, at Danmarks nye handlingsplan for Open Government Partnership indeholder:

- en lovfæstet whistleblowerordning i hele den offentlige sektor
- offentlige kalendere for ministre og topembedsmænd
- et register over lobbyister, der mødes med politikere og embedsfolk

Åbenhed og gennemsigtighed er forudsætningen for tillid til vores demokrati."""

OTHER = (
    "Nordby Kommune foreslår en fælles kommunal platform for åbne data om budget, regnskab og "
    "service, så data kan sammenlignes på tværs af kommunegrænser."
)


def reply_text(name: str) -> str:
    """What the store will pass: the reply's content and its attachments' text."""
    message = parse_message((INBOX / name).read_bytes())
    parts = [clean_reply(message.body_text).content, *(a.text for a in message.attachments)]
    return "\n\n".join(parts)


@pytest.fixture(scope="module")
def inbox_report():
    names = sorted(path.name for path in INBOX.glob("*.eml"))[:11]  # 01-11: the marked replies
    return find_duplicates((name[:2], reply_text(name)) for name in names)


# --- the sample inbox -----------------------------------------------------------------------------


def test_sample_inbox_counts_raw_distinct_and_independent(inbox_report) -> None:
    assert (inbox_report.raw, inbox_report.distinct, inbox_report.independent) == (11, 10, 9)


def test_sample_inbox_resent_mail_is_an_exact_duplicate(inbox_report) -> None:
    # 09 is 08 delivered again by the sender's server.
    group = next(g for g in inbox_report.groups if g.kind == EXACT)
    assert [member.key for member in group.members] == ["08", "09"]
    assert all(member.added == () and member.similarity == 1.0 for member in group.members)


def test_sample_inbox_campaign_is_a_near_duplicate_group(inbox_report) -> None:
    group = next(g for g in inbox_report.groups if g.kind == NEAR)
    assert [member.key for member in group.members] == ["10", "11"]
    assert group.common.startswith("Til Digitaliseringsstyrelsen\nJeg støtter, at Danmarks")
    assert "Åbenhed og gennemsigtighed er forudsætningen" in group.common


def test_sample_inbox_campaign_members_keep_their_personal_sentences(inbox_report) -> None:
    group = next(g for g in inbox_report.groups if g.kind == NEAR)
    added = {member.key: member.added for member in group.members}
    assert added["10"] == (
        "Personligt har jeg oplevet, hvor svært det er at få aktindsigt i kommunens "
        "beslutninger, så det betyder meget for mig.",
    )
    assert added["11"] == ("Jeg synes også, at kommunerne skal være med i whistleblowerordningen.",)


def test_sample_inbox_other_replies_are_in_no_group(inbox_report) -> None:
    grouped = {member.key for group in inbox_report.groups for member in group.members}
    assert grouped == {"08", "09", "10", "11"}


# --- exact duplicates -----------------------------------------------------------------------------


def test_case_punctuation_and_line_wrapping_do_not_make_texts_different() -> None:
    rewrapped = LETTER.replace("Open Government Partnership", "Open Government\nPartnership")
    report = find_duplicates([("a", LETTER), ("b", rewrapped.upper().replace(".", "!"))])
    assert [(g.kind, g.size) for g in report.groups] == [(EXACT, 2)]
    assert report.distinct == 1


def test_normalize_keeps_danish_letters_and_folds_case() -> None:
    assert normalize("ÅBNE  Data,\nfor alle!") == "åbne data for alle"


def test_identical_short_notes_are_exact_duplicates_only() -> None:
    report = find_duplicates(
        [("a", "Se vedhæftede."), ("b", "Se vedhæftede."), ("c", "Se vedlagte.")]
    )
    assert [[m.key for m in g.members] for g in report.groups] == [["a", "b"]]


# --- near duplicates ------------------------------------------------------------------------------


def test_unrelated_replies_are_not_grouped() -> None:
    assert find_duplicates([("a", LETTER), ("b", OTHER)]).groups == ()


def test_form_letter_with_a_long_personal_paragraph_is_grouped_by_containment() -> None:
    personal = " ".join(f"Min egen erfaring nummer {n} handler om aktindsigt." for n in range(12))
    report = find_duplicates([("a", LETTER), ("b", f"{LETTER}\n\n{personal}")])
    assert [g.kind for g in report.groups] == [NEAR]


def test_member_that_drops_a_sentence_shows_it_as_omitted() -> None:
    shorter = LETTER.replace("- offentlige kalendere for ministre og topembedsmænd\n", "")
    report = find_duplicates([("a", LETTER), ("b", LETTER + "\nTak."), ("c", shorter)])
    omitted = {m.key: m.omitted for m in report.groups[0].members}
    assert omitted == {
        "a": (),
        "b": (),
        "c": ("offentlige kalendere for ministre og topembedsmænd",),
    }


def test_common_letter_is_what_at_least_half_the_members_share() -> None:
    texts = [(str(n), f"{LETTER}\n\nPersonlig tilføjelse nummer {n}.") for n in range(5)]
    group = find_duplicates(texts).groups[0]
    assert "Personlig tilføjelse" not in group.common
    assert [m.added for m in group.members][2] == ("Personlig tilføjelse nummer 2.",)


def test_groups_compare_with_their_first_member_so_edits_do_not_chain() -> None:
    # b is a with its end rewritten, c is b with more rewritten: c ~ b and b ~ a, but c !~ a.
    words = [f"ord{n}" for n in range(60)]
    new, other = [f"nyt{n}" for n in range(10)], [f"andet{n}" for n in range(10)]
    a = " ".join(words)
    b = " ".join(words[:50] + new)
    c = " ".join(words[:40] + new + other)
    groups = find_duplicates([("a", a), ("b", b), ("c", c)]).groups
    assert [[m.key for m in g.members] for g in groups] == [["a", "b"]]


def test_nothing_is_deleted_every_key_is_in_a_group_or_alone() -> None:
    texts = [("a", LETTER), ("b", LETTER), ("c", OTHER), ("d", LETTER + " Tak.")]
    report = find_duplicates(texts)
    grouped = [m.key for g in report.groups for m in g.members]
    assert sorted(grouped) == ["a", "b", "d"]
    assert (report.raw, report.distinct, report.independent) == (4, 3, 2)


def test_keys_must_be_unique() -> None:
    with pytest.raises(ValueError, match="unique"):
        find_duplicates([("a", LETTER), ("a", OTHER)])


def test_campaign_of_two_thousand_letters_is_one_group_quickly() -> None:
    rng = random.Random(7)
    vocabulary = ("åbne", "data", "borgere", "kommune", "lobby", "register", "demokrati", "service")
    texts = [
        (f"c{n}", f"{LETTER}\n\n{' '.join(rng.choices(vocabulary, k=rng.randint(5, 20)))}.")
        for n in range(2000)
    ]
    texts += [
        (f"o{n}", f"{OTHER} Forslag {n}: {' '.join(rng.choices(vocabulary, k=60))}")
        for n in range(3)
    ]
    started = time.process_time()  # CPU time: other work on the machine does not count
    report = find_duplicates(texts)
    assert time.process_time() - started < 10
    assert report.groups[0].size == 2000
    assert report.groups[0].common.endswith("forudsætningen for tillid til vores demokrati.")
