"""The initiative splitter on the labelled cases and on the rules one at a time."""

from __future__ import annotations

import pytest

from bench.bench_initiatives import same_title, score, sections
from hoering.analysis.initiative_fields import find_level, find_owner, form_fields
from hoering.analysis.initiatives import Section, split_initiatives, split_text, title_of
from tests.analysis.initiative_cases import CASES, Case


def split(text: str, subject: str = "") -> list[str]:
    return [i.title for i in split_initiatives([Section("brødtekst", text)], subject)]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_labelled_case_gets_the_labelled_number_of_initiatives(case: Case) -> None:
    predicted = split_initiatives(sections(case), case.subject)
    assert len(predicted) == len(case.titles), [i.title for i in predicted]


def test_labelled_set_is_large_and_mostly_right() -> None:
    # The figures themselves are printed by bench/bench_initiatives.py.
    assert len(CASES) >= 30
    totals = [score(split_initiatives(sections(c), c.subject), c.titles) for c in CASES]
    matched = sum(s.matched for s in totals)
    assert matched / sum(s.labelled for s in totals) >= 0.95
    assert matched / sum(s.predicted for s in totals) >= 0.95


def test_numbered_headings_split_and_keep_only_their_own_text() -> None:
    text = "Indledning.\n\nForslag 1: Åbne data\nTekst et.\n\nForslag 2: Lobbyregister\nTekst to."
    first, second = split_initiatives([Section("brødtekst", text)])
    assert (first.title, first.text) == ("Åbne data", "Forslag 1: Åbne data\nTekst et.")
    assert (second.title, second.text) == ("Lobbyregister", "Forslag 2: Lobbyregister\nTekst to.")


def test_a_proposals_own_steps_are_not_initiatives() -> None:
    text = (
        "Vi foreslår en dataportal. Den kan gennemføres i tre trin:\n1. Kortlæg\n2. Pilot\n3. Udrul"
    )
    assert len(split(text)) == 1


def test_no_comments_reply_has_no_initiative() -> None:
    assert split("Styrelsen har ingen bemærkninger til høringen.") == []


def test_empty_reply_has_no_initiative() -> None:
    assert split_initiatives([Section("brødtekst", ""), Section("a.pdf", "  ")]) == ()


def test_list_ends_at_the_closing_paragraph() -> None:
    text = "Vi foreslår:\n- Åbne data\n- Lobbyregister\n\nVi uddyber gerne.\n\nMed venlig hilsen"
    last = split_initiatives([Section("brødtekst", text)])[-1]
    assert last.text == "- Lobbyregister"


def test_form_table_gives_title_owner_and_level() -> None:
    text = (
        "Initiativets titel | Åbne indkøbsdata\nBeskrivelse | Alle indkøb offentliggøres.\n"
        "Ansvarlig myndighed | KL\nNiveau | Lokalt"
    )
    (initiative,) = split_initiatives([Section("skema.docx", text)])
    assert (initiative.title, initiative.owner, initiative.level, initiative.rule) == (
        "Åbne indkøbsdata", "KL", "lokal", "form",
    )  # fmt: skip


def test_owner_and_level_from_set_phrases_only() -> None:
    assert find_owner("Ordningen bør forankres i Digitaliseringsstyrelsen og KL.") == (
        "Digitaliseringsstyrelsen og KL"
    )
    assert find_level("Det skal ske på nationalt niveau.") == "national"
    assert (find_owner("Vi synes det er vigtigt."), find_level("Kommunen er god.")) == ("", "")


def test_form_fields_read_label_cells_and_typed_labels() -> None:
    assert form_fields("Ansvarlig myndighed: Danske Regioner") == [("owner", "Danske Regioner")]
    assert form_fields("Niveau | Regionalt") == [("level", "Regionalt")]
    assert form_fields("Beskrivelse | ") == []


def test_split_text_at_a_phrase_or_an_offset() -> None:
    assert split_text("Åbne data. Og et lobbyregister.", "og et") == (
        "Åbne data.",
        "Og et lobbyregister.",
    )
    assert split_text("abcdef", 3) == ("abc", "def")
    with pytest.raises(ValueError, match="does not occur"):
        split_text("abc", "xyz")


def test_title_of_a_split_off_part() -> None:
    assert title_of("Forslag 3: Åbne kalendere\nTekst") == "Åbne kalendere"
    assert title_of("- Borgerbudgetter: en del af budgettet") == "Borgerbudgetter"


def test_titles_match_when_one_contains_the_other() -> None:
    assert same_title(
        "Vi foreslår en national portal for åbne kommunale data",
        "national portal for åbne kommunale data",
    )
    assert not same_title("Åbne data", "Lobbyregister")


def test_split_text_phrase_matches_across_other_spacing_and_case() -> None:
    text = "Vi foreslår åbne data.  Det  styrker\ntilliden til myndighederne."
    assert split_text(text, "det STYRKER tilliden") == (
        "Vi foreslår åbne data.",
        "Det  styrker\ntilliden til myndighederne.",
    )
    assert split_text(text, "  åbne   data. ")[1].startswith("åbne data.")
