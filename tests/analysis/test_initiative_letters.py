# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on letter structures the earlier sets left out (issue 18 item 2): themes
numbered over sub-numbered proposals, a council's minutes sent as the reply, questions to
the agency numbered before a proposal, a reference line in a letterhead, the call's themes
quoted and answered, a summary of recommendations repeated over their sections. Each text
is written for these tests, modelled on Danish letters in general."""

from __future__ import annotations

import time

from hoering.analysis.initiatives import Initiative, Section, split_initiatives


def split(text: str, source: str = "brødtekst", subject: str = "") -> tuple[Initiative, ...]:
    return split_initiatives([Section(source, text)], subject)


def test_numbered_themes_over_sub_numbered_proposals_give_the_proposals() -> None:
    text = """Til Digitaliseringsstyrelsen

Kommunen har samlet sine bidrag under to temaer nedenfor.

1. Åbne planer

1.1 Alle kommuner bør offentliggøre deres lokalplanforslag som åbne data med kort, så borgerne kan se dem samlet.

1.2 Der bør laves en fælles oversigt over verserende planforslag i hele landet.

2. Dialog med borgerne

2.1 Vi foreslår, at kommunerne afprøver borgerbudgetter, hvor borgerne i et lokalområde prioriterer en del af anlægsbudgettet.

Med venlig hilsen
Karen Dahl"""
    found = split(text)
    assert [i.text.split()[1] for i in found] == ["1.1", "1.2", "2.1"]
    assert "lokalplanforslag" in found[0].text and "borgerbudgetter" in found[2].text


def test_sub_points_under_a_proposal_written_as_a_sentence_stay_its_parts() -> None:
    text = """Til Digitaliseringsstyrelsen

1. Kommunerne bør offentliggøre referater fra alle udvalgsmøder senest to dage efter mødet.

1.1 Referaterne skal kunne søges på tværs af udvalg.

1.2 Bilag skal med, når de ikke er fortrolige.

2. Staten bør oprette en fælles portal for høringer, hvor alle svar offentliggøres.

Med venlig hilsen
Ole Hansen"""
    found = split(text)
    assert len(found) == 2
    assert "Bilag skal med" in found[0].text


def test_a_councils_minutes_give_the_proposals_of_its_decision_not_its_sections() -> None:
    minutes = """Nordby Kommune
Ældrerådet

Beslutningsprotokol

Møde: Ældrerådet
Dato: 14. august 2017

Punkt 6. Høring om handlingsplan for åben forvaltning

Sagsfremstilling

Styrelsen har sendt handlingsplanen i høring, og sekretariatet har lavet et kort oplæg til rådets drøftelse.

Indstilling

Sekretariatet indstiller, at rådet drøfter sagen og afgiver et høringssvar.

Beslutning

Ældrerådet er enigt i, at borgerne skal have bedre indsigt i forvaltningen. Rådet foreslår:

\uf0b7 at alle breve fra kommunen også kan fås på papir, så ældre uden computer kan følge deres sag

\uf0b7 at kommunen holder et årligt borgermøde om sine digitale løsninger med mulighed for at stille spørgsmål

Ældrerådet · Nordby Kommune · Torvet 1 · 9999 Nordby"""
    found = split(minutes, "Referat Ældrerådet.pdf")
    assert [i.text.split()[1:3] for i in found] == [["at", "alle"], ["at", "kommunen"]]


def test_numbered_questions_to_the_agency_are_no_initiatives() -> None:
    text = """Kære Digitaliseringsstyrelse

Før vi kommer med vores forslag, har vi to spørgsmål til processen:

1. Hvornår offentliggør styrelsen de indkomne høringssvar, og sker det med navn?

2. Vil der blive holdt et møde med de organisationer, der har svaret, inden planen vedtages?

Vores forslag er, at alle ministerier offentliggør deres aftaler med eksterne konsulenter med beløb, formål og varighed.

Med venlig hilsen
Lars Mikkelsen"""
    found = split(text)
    assert len(found) == 1
    assert "konsulenter" in found[0].text
    assert "Hvornår offentliggør" not in found[0].text


def test_a_reference_line_in_the_letterhead_is_no_heading_of_a_proposal() -> None:
    letter = """Lærernes Forening Nord
Havnegade 3
9000 Aalborg

Digitaliseringsstyrelsen

Vores ref. 17-412
15. august 2017

Høringssvar om handlingsplanen

Ad 1. Åbne skoledata

Skolernes resultater og trivselsmålinger bør offentliggøres i et fælles format, så forældre kan sammenligne skoler på tværs af kommuner.

Ad 2. Elevråd i kommunalpolitikken

Vi foreslår, at kommunernes børne- og ungeudvalg hvert år holder et åbent møde med elevrådene.

Med venlig hilsen
Bente Lund"""
    found = split(letter, "horingssvar.pdf")
    assert [i.title for i in found] == [
        "Ad 1. Åbne skoledata",
        "Ad 2. Elevråd i kommunalpolitikken",
    ]


def test_the_calls_themes_quoted_and_answered_give_the_answers_that_propose() -> None:
    letter = """Foreningen for Digitale Rettigheder

Vi svarer ud fra de tre temaer i høringsmaterialet.

»Åbne data«

Svar: Staten bør udgive alle registre over offentlige kontrakter som åbne data med leverandør, beløb og varighed for hver kontrakt.

»Borgerinddragelse«

Svar: Foreningen har ingen konkrete forslag til dette tema.

»Ny teknologi«

Svar: Vi foreslår, at algoritmer, der bruges til afgørelser om borgere, beskrives offentligt i et register, før de tages i brug.

På vegne af foreningen
Mads Krogh"""
    found = split(letter, "bidrag.pdf")
    assert len(found) == 2
    assert "kontrakter" in found[0].text and "algoritmer" in found[1].text


def test_a_summary_of_recommendations_repeated_over_their_sections_gives_each_once() -> None:
    letter = """Nordic Transparency Network

Re: Consultation on Denmark's action plan

We are a network of civil society groups working for open government in the Nordic countries.

Summary of recommendations

1. Open beneficial ownership data

2. A public register of lobby meetings

Recommendation 1: Open beneficial ownership data

Denmark should publish its register of beneficial owners as open data and verify the information companies submit to it.

Recommendation 2: A public register of lobby meetings

Ministers and senior officials should publish their meetings with interest groups every month, with the topic and the participants.

Kind regards,

Anna Berg
Director"""
    found = split(letter, "submission.pdf")
    assert [i.title for i in found] == [
        "Recommendation 1: Open beneficial ownership data",
        "Recommendation 2: A public register of lobby meetings",
    ]
    assert "Kind regards" not in found[1].text and "every month" in found[1].text


def test_the_calls_questions_quoted_and_answered_give_the_answers_that_propose() -> None:
    letter = """Seniorrådet i Vestby

Høringssvar

Vi har valgt at besvare de spørgsmål, som styrelsen stiller i høringsbrevet.

Hvordan kan den offentlige sektor blive mere åben?

Kommunerne bør offentliggøre alle svar på aktindsigt i en søgbar database, så andre borgere kan finde dem uden at spørge igen.

Hvordan kan borgerne inddrages bedre?

Der bør holdes mindst to borgermøder om året i hver kommune om de digitale løsninger, også for borgere uden computer.

Har I andre forslag?

Nej, ikke på nuværende tidspunkt.

Med venlig hilsen
Inge Madsen
formand"""
    found = split(letter, "svar.pdf")
    assert len(found) == 2
    assert "aktindsigt" in found[0].text and "borgermøder" in found[1].text


def test_a_reports_numbered_closing_chapter_is_not_part_of_its_last_recommendation() -> None:
    report = """Sammenfatning

Vi anbefaler to initiativer, som uddybes i kapitel 3.

3. Anbefalinger

Anbefaling 1: Åbne ministerkalendere

Alle ministre bør offentliggøre deres kalendere hver uge med emne og deltagere.

Anbefaling 2: Et register over lobbymøder

Der bør oprettes et offentligt register over møder mellem lobbyister og embedsmænd.

4. Afslutning

Rapporten bygger på interviews med journalister og embedsmænd i foråret 2017."""
    found = split(report, "rapport.pdf")
    assert [i.title for i in found] == [
        "Anbefaling 1: Åbne ministerkalendere",
        "Anbefaling 2: Et register over lobbymøder",
    ]
    assert "Afslutning" not in found[1].text


def test_a_reports_executive_summary_and_analysis_chapters_are_no_proposals() -> None:
    report = """# Åbenhed i praksis

## Executive summary

Rapporten viser, at adgangen til dokumenter er blevet sværere. Vi anbefaler to initiativer: en evaluering af offentlighedsloven og åbne ministerkalendere.

## 1. Indledning

Denne rapport bygger på interviews med 40 journalister.

## 2. Analyse

Antallet af afslag er steget, og sagsbehandlingstiden er blevet længere.

## 3. Anbefalinger

### Anbefaling 1: Evaluering af offentlighedsloven

Regeringen bør nedsætte et uafhængigt udvalg, der evaluerer loven.

### Anbefaling 2: Åbne ministerkalendere

Alle ministre bør offentliggøre deres kalendere hver uge."""
    found = split(report, "rapport.docx")
    assert [i.title for i in found] == [
        "Anbefaling 1: Evaluering af offentlighedsloven",
        "Anbefaling 2: Åbne ministerkalendere",
    ]


def test_proposals_put_as_questions_stay_initiatives() -> None:
    text = """Kære styrelse

Jeg har to idéer:

1. Kan man ikke samle alle høringer på én hjemmeside, så man slipper for at lede?

2. Hvorfor ikke sende en sms, når der er en ny høring i ens kommune?

Hilsen Bo"""
    assert len(split(text)) == 2


def test_a_one_proposal_letter_put_as_a_question_is_an_initiative() -> None:
    # The same phrases make a question a proposal in a list and in a letter of one
    # proposal ("Kan man ikke ...?"), not a question to the agency that is dropped.
    text = """Hej

Jeg har set jeres høring om OGP-handlingsplanen.

Kan man ikke samle alle kommunernes høringer på én fælles hjemmeside, så borgerne ikke skal
lede efter dem på hver kommunes side?

Venlig hilsen
Jens Hansen"""
    found = split(text)
    assert len(found) == 1 and "fælles hjemmeside" in found[0].text


def test_a_first_heading_over_a_proposal_in_the_passive_is_no_letterhead() -> None:
    text = """Åbne kalendere

Ministrenes kalendere offentliggøres hver uge med emne og deltagere.

Et lobbyregister

Møder med lobbyister registreres i et offentligt register.

Åbne tilskud

Tilskud til foreninger vises som åbne data med modtager og beløb."""
    assert [i.title for i in split(text, "forslag.pdf")] == [
        "Åbne kalendere",
        "Et lobbyregister",
        "Åbne tilskud",
    ]


def test_a_long_text_of_headed_sections_splits_in_linear_time() -> None:
    # A hang guard: each heading scanned on to the end of the text for a closing, 3,000
    # sections took about a minute, 1,500 a quarter of it; within their sections, a second.
    sections = (
        f"Forbedring af punkt {n}\n\nDer bør gøres noget ved punkt {n} nu, for det haster."
        for n in range(1500)
    )
    text = "Vores forslag.\n\n" + "\n\n".join(sections)
    started = time.process_time()
    found = split(text, "forslag.pdf")
    assert len(found) == 1500 and time.process_time() - started < 5
