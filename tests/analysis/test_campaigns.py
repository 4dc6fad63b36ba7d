"""campaign_entries: a duplicate group as one entry, with what its variants add."""

from __future__ import annotations

from hoering.analysis.campaigns import MAX_ADDED, campaign_entries, organiser
from hoering.store.models import DuplicateGroup, DuplicateMember

COMMON = "\n".join(
    [
        "Til Digitaliseringsstyrelsen",
        "Jeg støtter, at handlingsplanen indeholder en lovfæstet whistleblowerordning i hele "
        "den offentlige sektor.",
        "Åbenhed er forudsætningen for tillid til vores demokrati.",
        "Brevet er udarbejdet af Foreningen Åben Forvaltning.",
    ]
)


def group(added: list[str], kind: str = "near", first_id: int = 10) -> DuplicateGroup:
    """A stored group (the real model, not saved) with one member per `added` text."""
    members = [
        DuplicateMember(proposal_id=first_id + index, added_text=text)
        for index, text in enumerate(added)
    ]
    return DuplicateGroup(kind=kind, size=len(members), common_text=COMMON, members=members)


def test_a_group_is_one_entry_counting_its_replies() -> None:
    [entry] = campaign_entries([group([""] * 12)])
    assert entry.count == 12
    assert entry.reply_ids == tuple(range(10, 22))
    assert entry.describe() == "12 borgere har sendt enslydende høringssvar"


def test_the_entry_summarizes_the_common_letter_not_its_greeting() -> None:
    [entry] = campaign_entries([group(["", ""])])
    assert entry.summary.startswith("Jeg støtter, at handlingsplanen indeholder")


def test_a_letter_s_list_is_summed_up_item_by_item_not_run_into_the_next_sentence() -> None:
    # Sample inbox 10-11: "- " items under "... indeholder:"; the common letter keeps one
    # sentence a line without the marks, and the items ran into "Åbenhed ..." unseparated.
    common = "\n".join(
        [
            "Til Digitaliseringsstyrelsen",
            "Jeg støtter, at handlingsplanen indeholder:",
            "en lovfæstet whistleblowerordning",
            "offentlige kalendere for ministre",
            "Åbenhed er forudsætningen for tillid til vores demokrati.",
        ]
    )
    members = [DuplicateMember(proposal_id=i, added_text="") for i in (9, 10)]
    stored = DuplicateGroup(kind="near", size=2, common_text=common, members=members)
    [entry] = campaign_entries([stored])
    assert entry.summary == (
        "Jeg støtter, at handlingsplanen indeholder: en lovfæstet whistleblowerordning; "
        "offentlige kalendere for ministre."
    )


def test_the_organiser_is_named_when_the_letter_names_one() -> None:
    [entry] = campaign_entries([group(["", ""])])
    assert entry.organiser == "Foreningen Åben Forvaltning"


def test_no_organiser_when_the_letter_names_none() -> None:
    assert organiser("Jeg støtter forslaget om åbne kalendere for ministre.") == ""


def test_an_english_letter_names_its_organiser() -> None:
    assert organiser("This letter was drafted by Open Knowledge Denmark.") == (
        "Open Knowledge Denmark"
    )


def test_added_sentences_come_most_frequent_first() -> None:
    rare = "Jeg bor selv i en kommune uden åbne data om budgettet."
    common = "Kalenderne bør også omfatte departementscheferne."
    [entry] = campaign_entries([group([rare, common, f"{common}\n{rare}", common])])
    assert entry.added == (common, rare)


def test_at_most_five_added_sentences() -> None:
    variants = [f"Tilføjelse nummer {n} handler om noget helt andet." for n in range(8)]
    [entry] = campaign_entries([group(variants)])
    assert len(entry.added) == MAX_ADDED


def test_greetings_signatures_and_addresses_are_no_additions() -> None:
    personal = (
        "Med venlig hilsen Jens Hansen\nJens Hansen\njens@example.dk\nSkolegade 4, 8000 Aarhus"
    )
    [entry] = campaign_entries([group([personal, personal])])
    assert entry.added == ()


def test_a_sentence_repeated_in_one_reply_counts_once() -> None:
    twice = "Kalenderne bør også omfatte departementscheferne."
    once = "Registeret over lobbyister bør være offentligt tilgængeligt."
    [entry] = campaign_entries([group([f"{twice}\n{twice}", once, once])])
    assert entry.added[0] == once


def test_an_addition_is_shown_as_its_first_senders_privacy_rules_leave_it() -> None:
    text = "Jeg, Ida Holm, ønsker åbne kalendere for alle ministre."
    [entry] = campaign_entries(
        [group([text, text])], clean=lambda reply, s: s.replace("Ida Holm", f"Borger {reply}")
    )
    assert entry.added == ("Jeg, Borger 10, ønsker åbne kalendere for alle ministre.",)


def test_a_single_reply_is_no_campaign() -> None:
    assert campaign_entries([group(["x"])]) == []


def test_largest_campaign_first() -> None:
    small, large = group(["", ""], first_id=1), group([""] * 5, first_id=50)
    assert [entry.count for entry in campaign_entries([small, large])] == [5, 2]


def test_an_introduction_is_no_addition() -> None:
    [entry] = campaign_entries([group(["Jeg har to forslag til planen:"] * 2)])
    assert entry.added == ()
