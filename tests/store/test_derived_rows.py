"""The store's mapping of a DerivedReply to rows (store/derived_rows.py): automatic values
are written, what a reviewer set stays, and initiative rows carry on by `continues`."""

from __future__ import annotations

from hoering.derived import (
    DerivedInitiative,
    DerivedReply,
    DerivedRespondent,
    DerivedTheme,
    InitiativeFields,
)
from hoering.store import models
from hoering.store.derived_rows import apply_derived
from hoering.vocab import AUTO, REVIEWER, RespondentType

FIELDS = InitiativeFields(("transparens",), ("transparens og ansvarsplacering",), "", "national")
WHO = DerivedRespondent(
    "Hanne Berg", "hb@dataklar.example", "Dataklar ApS", RespondentType.VIRKSOMHED, "ApS", "cf"
)


def initiative(number: int, text: str, continues: int | None = None) -> DerivedInitiative:
    return DerivedInitiative(number, text[:20], text, "list", "brødtekst", FIELDS, continues)


def derived(**fields) -> DerivedReply:
    values = {
        "respondent": WHO,
        "reply_text": "Vi foreslår et lobbyregister.",
        "forwarded": False,
        "signature": "Hanne Berg\nDataklar ApS",
        "points_to_attachment": False,
        "no_comments": False,
        "language": "da",
        "references": (("Vores ref.", "17-42"),),
        "themes": (DerivedTheme("transparens", "transparens", "v1", ("lobby",), ("lobby",), 2),),
        "initiatives": (initiative(1, "Et lobbyregister for alle ministerier."),),
    }
    return DerivedReply(**(values | fields))


def test_every_automatic_field_is_written() -> None:
    proposal = models.Proposal()

    apply_derived(proposal, derived())

    assert (proposal.respondent_type, proposal.respondent_organisation) == (
        RespondentType.VIRKSOMHED,
        "Dataklar ApS",
    )
    assert (proposal.respondent_rule_id, proposal.respondent_type_source) == ("cf", AUTO)
    assert proposal.reply_text == "Vi foreslår et lobbyregister."
    assert proposal.reference_numbers == ("Vores ref.: 17-42",)  # a list column since 0013
    assert [(t.theme, t.words, t.hits, t.source) for t in proposal.themes] == [
        ("transparens", ("lobby",), 2, AUTO)
    ]
    row = proposal.initiatives[0]
    assert (row.number, row.source, row.themes, row.level) == (
        1,
        AUTO,
        ("transparens",),
        "national",
    )


def test_a_reviewers_respondent_type_organisation_and_name_stay() -> None:
    proposal = models.Proposal(
        respondent_type=RespondentType.BORGER,
        respondent_organisation="",
        respondent_rule="sat af en sagsbehandler",
        respondent_type_source=REVIEWER,
        reviewed_respondent_name="H. Berg",
    )

    apply_derived(proposal, derived())

    assert (proposal.respondent_type, proposal.respondent_organisation) == ("borger", "")
    assert proposal.respondent_rule == "sat af en sagsbehandler"
    assert proposal.respondent_type_source == REVIEWER
    assert (proposal.respondent_name, proposal.respondent_email) == (
        "H. Berg",
        "hb@dataklar.example",
    )


def test_a_reviewers_organisation_replaces_the_rules_reading() -> None:
    proposal = models.Proposal(reviewed_organisation="Dataklar Holding ApS")

    apply_derived(proposal, derived())

    assert proposal.respondent_organisation == "Dataklar Holding ApS"
    assert proposal.respondent_type == RespondentType.VIRKSOMHED  # the type stays the rules'


def test_reviewer_theme_tags_stay_and_automatic_ones_are_replaced() -> None:
    removed = models.ProposalTheme(theme="transparens", source=REVIEWER, active=False)
    added = models.ProposalTheme(theme="demokrati", source=REVIEWER, active=True)
    stale = models.ProposalTheme(theme="teknologi", source=AUTO, active=True)
    proposal = models.Proposal(themes=[stale, removed, added])

    apply_derived(proposal, derived())

    assert proposal.themes == [removed, added]
    assert not removed.active


def test_an_automatic_tag_that_stays_keeps_its_row() -> None:
    row = models.ProposalTheme(theme="transparens", source=AUTO, hits=1)
    proposal = models.Proposal(themes=[row])

    apply_derived(proposal, derived())

    assert proposal.themes == [row] and row.hits == 2


def test_a_kept_split_gets_only_its_fields() -> None:
    rows = [
        models.Initiative(number=1, title="Lobby", text="Lobby og kalendere.", source=REVIEWER),
        models.Initiative(number=2, title="Rest", text="Resten.", source=REVIEWER),
    ]
    proposal = models.Proposal(initiatives=list(rows))
    kept = tuple(
        DerivedInitiative(r.number, r.title, r.text, "reviewer", "", FIELDS, i)
        for i, r in enumerate(rows)
    )

    apply_derived(proposal, derived(initiatives=kept, split_kept=True))

    assert proposal.initiatives == rows
    assert [(r.number, r.title, r.source) for r in rows] == [
        (1, "Lobby", REVIEWER),
        (2, "Rest", REVIEWER),
    ]
    assert [r.level for r in rows] == ["national", "national"]


def test_a_new_split_carries_on_the_rows_it_continues() -> None:
    same = models.Initiative(number=1, text="Kalendere hver uge.", source=AUTO, candidate_id=7)
    moved = models.Initiative(number=2, text="Et lobbyregister.", source=AUTO, candidate_id=8)
    gone = models.Initiative(number=3, text="Noget helt andet.", source=AUTO, candidate_id=9)
    proposal = models.Proposal(initiatives=[same, moved, gone])
    split = (
        initiative(1, "Åbne data om udbud."),
        initiative(2, "Kalendere hver uge.", continues=0),
        initiative(3, "Et lobbyregister for alle.", continues=1),
    )

    apply_derived(proposal, derived(initiatives=split))

    new, *carried = proposal.initiatives
    assert carried == [same, moved] and gone not in proposal.initiatives
    assert (new.number, new.text, new.source) == (1, "Åbne data om udbud.", AUTO)
    assert [(r.number, r.candidate_id) for r in carried] == [(2, 7), (3, None)]
