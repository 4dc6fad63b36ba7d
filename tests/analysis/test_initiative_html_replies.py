# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on whole Outlook HTML mails whose structure is the letter's conventions:
proposals counted by letter ("Forslag A:")."""

from __future__ import annotations

from tests.analysis.test_initiative_html_letters import outlook, split_mail


def test_proposals_counted_by_letter_under_the_call_s_questions_are_one_each() -> None:
    # The call's questions quoted as lines of their own, the answer to one holding
    # "Forslag A: ..." and "Forslag B: ..." paragraphs.
    html = outlook(
        "Kære Digitaliseringsstyrelsen",
        "",
        "Rådet har drøftet høringen og svarer på de spørgsmål, som styrelsen stiller.",
        "",
        "Hvilke udfordringer ser I?",
        "Myndighederne mangler fælles retningslinjer for, hvornår et datasæt er anonymiseret godt nok.",
        "",
        "Hvilke konkrete initiativer foreslår I?",
        "Forslag A: Der udarbejdes en fælles vejledning om anonymisering, som alle myndigheder skal følge.",
        "",
        "Forslag B: Statslige myndigheder offentliggør en årlig oversigt over alvorlige sikkerhedshændelser.",
        "",
        "Med venlig hilsen",
        "Jens Dahl",
    )
    found = split_mail(html)
    assert len(found) == 2
    assert "anonymisering" in found[0].text and "sikkerhedshændelser" in found[1].text
