# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on whole Outlook HTML mails whose structure is the letter's conventions:
proposals counted by letter ("Forslag A:"), and a reply that says it has no proposal of its
own above a forwarded thread."""

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


def test_a_reply_saying_it_has_no_proposals_of_its_own_above_a_forwarded_thread_has_none() -> None:
    # An agency's "har ikke selvstændige forslag": an adjective the letter chose, not one of
    # a list; the colleague's forwarded request and the call below it propose nothing.
    html = outlook(
        "Kære Digitaliseringsstyrelsen",
        "",
        "Undskyld det sene svar. Styrelsen har ikke selvstændige forslag til handlingsplanen. Vi arbejder allerede på at udstille data om vindmøller som åbne data og orienterer gerne om arbejdet, hvis det er relevant for planen.",
        "",
        "Med venlig hilsen",
        "Anders Bech",
        "",
        "<b>Fra:</b> Lise Vang<br><b>Sendt:</b> 9. august 2017 15:02<br><b>Til:</b> Anders Bech<br><b>Emne:</b> VS: OGP-høring",
        "",
        "Hej Anders, kan du svare på denne? Fristen er 20/8. Jeg tror ikke, vi har noget nyt at byde på.",
        "",
        "Digitaliseringsstyrelsen inviterer hermed borgere, virksomheder og myndigheder til at komme med forslag til initiativer til Danmarks tredje handlingsplan for Open Government Partnership. Forslag sendes til rumth@digst.dk senest den 20. august 2017 med emnet OGP-høring. Høringen gælder alle fire temaer i partnerskabet: åbenhed, borgerinddragelse, antikorruption og teknologi.",
    )
    assert split_mail(html, "VS: OGP-høring") == ()


def test_a_reply_with_no_further_proposals_after_its_proposal_keeps_it() -> None:
    # "ingen yderligere forslag" closes a letter that proposed: it is no "no proposal".
    html = outlook(
        "Kære Digitaliseringsstyrelsen",
        "",
        "Vi foreslår, at alle kommuner offentliggør deres postlister hver uge.",
        "",
        "Vi har ingen yderligere forslag til handlingsplanen.",
        "",
        "Med venlig hilsen",
        "Anders Bech",
    )
    assert len(split_mail(html)) == 1


def test_paragraphs_opening_with_a_bold_run_in_title_are_one_proposal_each() -> None:
    # Outlook: "<b>Åbne ventetider.</b> Vi foreslår ..." - each proposal titled by its
    # first words in bold, no numbers, no headings of their own.
    html = outlook(
        "Til Digitaliseringsstyrelsen",
        "",
        "Danske Patienter takker for invitationen og har tre konkrete bud til handlingsplanen.",
        "",
        "<b>Åbne ventetider.</b> Vi foreslår, at regionernes ventetider offentliggøres som åbne data hver uge.",
        "",
        "<b>Patienter med i beslutningerne.</b> Der bør altid sidde patienter med, når nye kvalitetsmål fastlægges.",
        "",
        "<b>Indsigt i egne data.</b> Borgerne bør på sundhed.dk kunne se, hvem der har set deres helbredsoplysninger.",
        "",
        "Vi står gerne til rådighed for uddybning.",
        "",
        "Med venlig hilsen",
        "Karen Skov",
    )
    assert [i.title for i in split_mail(html)] == [
        "Åbne ventetider",
        "Patienter med i beslutningerne",
        "Indsigt i egne data",
    ]
