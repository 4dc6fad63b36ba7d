# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on Word letters whose lead sentences and bold lines carry the structure:
a lead that ends in a full stop, bold lead sentences, and one proposal with bold parts.
Real DOCX files (python-docx) through the extractor."""

from __future__ import annotations

from tests.analysis.test_initiative_word import split_docx


def test_a_lead_sentence_ending_in_a_full_stop_introduces_the_bullets_below_it() -> None:
    # "... har følgende forslag." where a colon would be: the bullets are the proposals.
    found = split_docx(
        [
            ("p", "Foreningen har drøftet invitationen i bestyrelsen og har følgende forslag."),
            (
                "bullet",
                "Et offentligt register over lobbymøder i ministerierne, opdateret hver måned.",
            ),
            ("bullet", "Åbne kommunale budgetter i et fælles maskinlæsbart format."),
            ("bullet", "Borgerpaneler i alle regioner før større beslutninger om sundhedsvæsenet."),
        ]
    )
    assert len(found) == 3
    assert "maskinlæsbart" in found[1].text


def test_a_lead_that_places_the_proposals_below_introduces_the_bullets() -> None:
    found = split_docx(
        [
            ("p", "Vores forslag er kort beskrevet herunder."),
            ("bullet", "Et offentligt register over lobbymøder i ministerierne."),
            ("bullet", "Åbne kommunale budgetter i et fælles maskinlæsbart format."),
        ]
    )
    assert len(found) == 2


def test_a_proposal_that_names_its_parts_in_a_full_stop_sentence_stays_one() -> None:
    # No sentence names the proposals to come: the bullets are the one proposal's parts.
    found = split_docx(
        [
            (
                "p",
                "Vi foreslår et register over lobbymøder i alle ministerier. Det skal vise tre ting.",
            ),
            ("bullet", "hvem ministeren mødtes med"),
            ("bullet", "hvornår mødet fandt sted"),
            ("bullet", "hvad mødet handlede om"),
        ]
    )
    assert len(found) == 1


def test_a_letter_with_no_proposal_in_a_compound_word_proposes_nothing() -> None:
    # "ingen initiativforslag" says what "ingen forslag" says; "ønsker at tilkendegive" is
    # a wish to say something, not an ask.
    found = split_docx(
        [
            (
                "p",
                "Styrelsen har ingen initiativforslag til handlingsplanen. Vi ønsker dog at tilkendegive, at vi gerne bidrager med vores erfaringer fra arbejdet med åbne geodata, hvis der kommer initiativer på det område.",
            ),
        ]
    )
    assert found == ()


def test_a_letter_with_no_comments_in_a_compound_word_proposes_nothing() -> None:
    found = split_docx(
        [
            (
                "p",
                "Styrelsen har ingen høringsbemærkninger. Vi ønsker blot at understrege, at styrelsen fortsat vil offentliggøre sine data som hidtil og gerne deler sine erfaringer med andre myndigheder.",
            ),
        ]
    )
    assert found == ()


def test_a_wish_that_asks_for_something_still_proposes() -> None:
    found = split_docx(
        [
            (
                "p",
                "Vi ønsker, at alle kommuner offentliggør deres svar på aktindsigter i et fælles arkiv, så borgerne kan se, hvad andre har fået udleveret.",
            ),
        ]
    )
    assert len(found) == 1


REGISTER = "I dag kan borgerne ikke se, hvem ministrene mødes med. Et register over lobbymøder vil øge tilliden til beslutningerne."
BUDGETS = "Budgetterne findes i dag som PDF-filer i vidt forskellige formater. Et fælles format gør det muligt at sammenligne kommunerne."


def test_bold_lead_sentences_over_their_paragraphs_are_the_proposals() -> None:
    found = split_docx(
        [
            ("b", "Der bør indføres et lobbyregister."),
            ("p", REGISTER),
            ("b", "Kommunernes budgetter skal være åbne data."),
            ("p", BUDGETS),
        ]
    )
    assert [i.title for i in found] == [
        "Der bør indføres et lobbyregister",
        "Kommunernes budgetter skal være åbne data",
    ]
    assert "øge tilliden" in found[0].text


def test_bold_labels_ending_in_a_colon_are_the_proposals_and_their_sections() -> None:
    # "Økonomi:" is a section of the proposal above it and "Om os:" a section of the
    # letter, as they would be without the colon.
    found = split_docx(
        [
            ("b", "Lobbyregister:"),
            ("p", REGISTER),
            ("b", "Økonomi:"),
            ("p", "Et register koster kun lidt at drive, og flere lande har allerede et."),
            ("b", "Åbne kommunale budgetter:"),
            ("p", BUDGETS),
            ("b", "Om os:"),
            ("p", "Foreningen arbejder for åbenhed i den offentlige forvaltning."),
        ]
    )
    assert [i.title for i in found] == ["Lobbyregister", "Åbne kommunale budgetter"]
    assert "koster kun lidt" in found[0].text


def test_styled_headings_ending_in_a_colon_read_as_without_it() -> None:
    # "Vores forslag:" over bullets groups the proposals as "Vores forslag" does, and
    # "Om os:" is the letter's section, no proposal.
    found = split_docx(
        [
            ("h2", "Vores forslag:"),
            ("bullet", "Et offentligt register over lobbymøder i alle ministerier."),
            ("bullet", "Åbne kommunale budgetter i et fælles format."),
            ("h2", "Om os:"),
            ("p", "Foreningen arbejder for åbenhed i forvaltningen og har 300 medlemmer."),
        ]
    )
    assert len(found) == 2
    assert "lobbymøder" in found[0].text and "budgetter" in found[1].text


def test_paragraphs_opening_alike_with_the_sender_s_ask_are_one_proposal_each() -> None:
    # "DUF anbefaler, at ..." twice: two recommendations; the fact after the second is its
    # own, the sender's offer of dialogue is the closing.
    found = split_docx(
        [
            (
                "p",
                "DUF anbefaler, at alle lovforslag, der berører unge, sendes i høring hos ungdomsorganisationerne.",
            ),
            (
                "p",
                "DUF anbefaler, at kommunerne giver unge en formel stemme gennem ungeråd med ret til at sætte sager på dagsordenen.",
            ),
            (
                "p",
                "Flere kommuner har gode erfaringer med ungebyråd, men mange steder er de nedlagt igen.",
            ),
            ("p", "DUF stiller gerne op til dialog om forslagene."),
        ]
    )
    assert len(found) == 2
    assert "gode erfaringer" in found[1].text and "dialog" not in found[1].text


def test_bold_sections_that_argue_for_one_proposal_are_its_parts() -> None:
    # A one-proposal letter: its bold title, then bold sections with the experience and the
    # benefits behind it, not proposals of their own.
    found = split_docx(
        [
            ("b", "Forslag: Et åbent lobbyregister"),
            (
                "p",
                "Vi foreslår, at regeringen opretter et register over lobbymøder i ministerierne.",
            ),
            ("b", "Erfaringer fra udlandet"),
            (
                "p",
                "Irland og Storbritannien har gode erfaringer med registre, der koster lidt at drive.",
            ),
            ("b", "Fordele for borgerne"),
            ("p", "Borgerne kan se, hvem ministrene mødes med, og det styrker tilliden."),
        ]
    )
    assert len(found) == 1
    assert "Irland" in found[0].text and "tilliden" in found[0].text


def test_bold_questions_of_the_call_head_their_answers_and_an_unanswered_one_is_none() -> None:
    # The letter says it answers the call's questions, each quoted in bold.
    found = split_docx(
        [
            ("p", "Vi besvarer styrelsens spørgsmål i rækkefølge nedenfor."),
            ("b", "Hvordan kan den offentlige sektor blive mere åben?"),
            ("p", "Vi foreslår et offentligt register over lobbymøder i ministerierne."),
            ("b", "Hvordan kan borgerne inddrages bedre?"),
            ("p", "Der bør oprettes borgerpaneler i alle regioner før større beslutninger."),
            ("b", "Har I andre forslag?"),
            ("p", "Nej, ikke på nuværende tidspunkt."),
        ]
    )
    assert [i.title for i in found] == [
        "Hvordan kan den offentlige sektor blive mere åben?",
        "Hvordan kan borgerne inddrages bedre?",
    ]


def test_a_theme_heading_whose_section_counts_its_proposals_over_bullets_gives_the_bullets() -> (
    None
):
    found = split_docx(
        [
            ("h2", "Åbenhed"),
            ("p", "Vi foreslår et offentligt register over lobbymøder i ministerierne."),
            ("h2", "Borgerinddragelse"),
            ("p", "Vi har to forslag på dette område."),
            ("bullet", "Borgerpaneler i alle regioner før større beslutninger."),
            (
                "bullet",
                "Digitale høringer, hvor borgerne kan kommentere lovforslag afsnit for afsnit.",
            ),
        ]
    )
    assert [i.title for i in found] == [
        "Åbenhed",
        "Borgerpaneler i alle regioner før større beslutninger",
        "Digitale høringer, hvor borgerne kan kommentere lovforslag afsnit for afsnit",
    ]


def test_theme_headings_over_paragraphs_opening_alike_give_a_proposal_per_paragraph() -> None:
    # A union's letter: styled theme headings, each section going straight to "LO foreslår,
    # at ..." paragraphs; a fact under an ask stays with it, a lone ask keeps its heading.
    found = split_docx(
        [
            ("h2", "Åbenhed"),
            (
                "p",
                "LO foreslår, at myndighederne offentliggør de arbejdsklausuler, der er stillet i udbud.",
            ),
            (
                "p",
                "LO foreslår, at staten hvert år offentliggør sit forbrug af eksterne konsulenter.",
            ),
            ("p", "Tallene findes allerede i statens regnskabssystem, men de bliver ikke udgivet."),
            ("h2", "Antikorruption"),
            (
                "p",
                "LO foreslår, at alle kommuner får en whistleblowerordning, som ansatte kan bruge anonymt.",
            ),
            (
                "p",
                "LO foreslår en karensperiode for topembedsmænd, der går til private virksomheder.",
            ),
            ("h2", "Teknologi"),
            (
                "p",
                "LO foreslår, at borgere, der er fritaget for digital post, får personlig hjælp.",
            ),
        ]
    )
    assert len(found) == 5
    assert found[1].title.startswith("Staten hvert år offentliggør")
    assert "regnskabssystem" in found[1].text
    assert found[4].title == "Teknologi"


def test_a_proposal_heading_over_its_argument_keeps_its_later_asks() -> None:
    # The section opens with the problem, not with an ask: one proposal whose asks are its own.
    found = split_docx(
        [
            ("h2", "Et lobbyregister"),
            (
                "p",
                "I dag kan ingen se, hvem ministrene mødes med, og det svækker tilliden til beslutningerne.",
            ),
            ("p", "Foreningen foreslår, at alle møder med interesseorganisationer registreres."),
            ("p", "Foreningen foreslår, at registret offentliggøres hver måned."),
            ("h2", "Åbne budgetter"),
            ("p", "Kommunernes budgetter bør udgives i et fælles maskinlæsbart format."),
        ]
    )
    assert [i.title for i in found] == ["Et lobbyregister", "Åbne budgetter"]
