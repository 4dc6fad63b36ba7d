# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on structure it reads from layout and wording (issue 18 item 2): each
pattern in general terms, on short texts written for these tests."""

from __future__ import annotations

import pytest

from bench.bench_initiatives import sections
from hoering.analysis.initiatives import Initiative, Section, split_initiatives
from tests.analysis.initiative_cases import Case


def split(text: str, subject: str = "") -> tuple[Initiative, ...]:
    return split_initiatives([Section("brødtekst", text)], subject)


def titles(text: str, subject: str = "") -> list[str]:
    return [i.title for i in split(text, subject)]


def test_short_lines_over_paragraphs_in_a_pdf_are_headings_and_the_last_keeps_its_text() -> None:
    # The real path: a PDF with larger-type heading lines, read back by the extractor.
    blocks = [
        ("p", "Foreningen for Lokaldemokrati"),
        ("h2", "Høringssvar om handlingsplanen"),
        (
            "p",
            "Vi har drøftet høringen i bestyrelsen og har to ønsker til den nye plan, som vi beskriver nedenfor.",
        ),
        ("h2", "Åbne byrådsmøder på video"),
        (
            "p",
            "Alle kommuner bør optage deres byrådsmøder og lægge dem på nettet sammen med dagsordenen, så borgerne kan se debatten.",
        ),
        ("h2", "Sagsnumre på alle breve"),
        (
            "p",
            "Breve fra det offentlige bør altid vise sagens nummer, så man kan henvise til den, når man ringer.",
        ),
        ("p", "Det gælder også breve i Digital Post og svar på mails fra borgerne."),
        ("p", "Med venlig hilsen"),
        ("p", "Lise Dam"),
    ]
    case = Case("pdf_layout", "Høringssvar", "Se vedhæftede.", (), ("pdf", blocks))
    found = split_initiatives(sections(case), case.subject)
    assert [i.title for i in found] == ["Åbne byrådsmøder på video", "Sagsnumre på alle breve"]
    assert "Digital Post" in found[1].text
    assert "Lise Dam" not in found[1].text


def test_layout_headings_in_text_without_blank_lines_end_at_a_general_section() -> None:
    text = (
        "Seniorrådet i Nordby\nHøringssvar til handlingsplanen\n"
        "Rådet har læst materialet og vil gerne komme med to konkrete ønsker til arbejdet.\n"
        "Papirblanketter ved siden af de digitale\n"
        "Ældre uden computer skal fortsat kunne søge om ydelser på papir og få hjælp på borgerservice.\n"
        "Oplæsning af breve\n"
        "Digitale breve bør kunne læses højt af systemet, så svagtseende kan følge med i egne sager.\n"
        "Generelt\n"
        "Rådet vil gerne inddrages tidligere i processen end ved en høring.\n"
    )
    assert titles(text) == ["Papirblanketter ved siden af de digitale", "Oplæsning af breve"]


def test_numbered_proposals_under_theme_headings_are_the_initiatives_not_the_themes() -> None:
    text = (
        "Til styrelsen\n\nVi har ordnet vores forslag efter temaerne.\n\n"
        "Gennemsigtighed\n\n"
        "   1. En samlet oversigt over statens tilskud til foreninger.\n"
        "   2. Offentlige kalendere for ministre.\n\n"
        "Digital deltagelse\n\n"
        "   1. Borgerpaneler på nettet om lokalplaner, herunder:\n"
        "      o et panel i hver kommune\n"
        "      o en fælles evaluering\n"
        "   2. Høringssvar skal kunne afgives på mobilen.\n\n"
        "Med venlig hilsen\nPer Ravn"
    )
    found = split(text)
    assert len(found) == 4
    assert "fælles evaluering" in found[2].text


def test_a_heading_that_names_the_proposals_groups_its_list_with_nested_points() -> None:
    text = (
        "# Om høringen\nVi takker for invitationen.\n"
        "# Foreningens forslag\n"
        "- Åbne regnskaber for alle regioner.\n"
        "  - Data på kontoniveau.\n"
        "  - Opdateret hvert kvartal.\n"
        "- En fælles portal for høringer.\n"
        "# Om os\nForeningen har 400 medlemmer."
    )
    found = split(text)
    assert [i.title for i in found] == [
        "Åbne regnskaber for alle regioner",
        "En fælles portal for høringer",
    ]
    assert "kvartal" in found[0].text
    assert "400 medlemmer" not in found[1].text


def test_a_flattened_sub_list_after_a_titled_items_paragraph_stays_with_that_item() -> None:
    text = (
        "# Antikorruption\n"
        "- Uafhængig indberetningsordning\n"
        "Ansatte skal kunne indberette lovbrud anonymt til en ordning uden for arbejdspladsen.\n"
        "- Obligatorisk kursus i habilitet\n"
        "Alle nye medarbejdere bør gennemgå et kursus om habilitet og gaver.\n"
        "- Kurset udbydes som e-læring\n"
        "- Deltagelsen registreres\n"
    )
    found = split(text)
    assert len(found) == 2
    assert "registreres" in found[1].text


def test_template_sections_under_a_title_heading_are_one_initiative() -> None:
    text = (
        "Idé til handlingsplanen\n"
        "## Titel på initiativet\nÅbne referater fra skolebestyrelser\n"
        "## Kort beskrivelse\nReferaterne lægges på skolens hjemmeside.\n"
        "## Problem\nForældre ved ikke, hvad der besluttes.\n"
        "## Målsætning\nAlle skoler inden 2019.\n"
        "## Aktiviteter\n- Skabelon\n- Vejledning\n"
        "## Måling af fremskridt\nAndel skoler med referater online.\n"
        "## Om os\nVi er en forældreforening."
    )
    (only,) = split(text)
    assert only.title == "Åbne referater fra skolebestyrelser"
    assert "Andel skoler" in only.text and "forældreforening" not in only.text


def test_ordinal_paragraphs_are_one_initiative_each() -> None:
    text = (
        "Hej\n\nVi har to ønsker.\n\n"
        "For det første bør alle kommuners indkøbsaftaler ligge offentligt på nettet.\n\n"
        "For det andet foreslår vi, at borgere kan se, hvem der har slået dem op i registrene.\n\n"
        "Vi synes i øvrigt, at høringen er en god idé."
    )
    found = split(text)
    assert len(found) == 2
    assert "høringen er en god idé" not in found[1].text


def test_english_first_and_second_paragraphs_are_two_initiatives() -> None:
    text = (
        "Dear colleagues,\n\n"
        "First, ministries should publish their meeting diaries every month.\n\n"
        "Second, all public procurement contracts should be searchable online.\n\n"
        "Kind regards,\nAnna Berg"
    )
    assert len(split(text)) == 2


def test_proposals_numbered_inside_a_sentence_are_split() -> None:
    text = (
        "Kære styrelse\n\nVi foreslår, at staten (1) offentliggør alle tilskud i en database; "
        "(2) giver borgerne adgang til egne data ét sted; og (3) udgiver kildekoden til egne systemer. "
        "Det vil styrke tilliden.\n\nVenlig hilsen\nOle"
    )
    found = split(text)
    assert [i.text[:3] for i in found] == ["(1)", "(2)", "(3)"]
    assert found[2].text.endswith("egne systemer.")


def test_a_list_after_a_paragraph_that_counts_the_proposals_is_split() -> None:
    text = (
        "Hej\n\nHer er to forslag fra vores forening. Vi har talt om dem længe.\n\n"
        "- Åbne data om busruter i hele landet.\n- Et register over offentlige bygningers tilgængelighed.\n"
    )
    assert len(split(text)) == 2


def test_ad_notes_below_a_list_of_titles_join_their_title() -> None:
    text = (
        "Vi har følgende forslag:\n\n1. Åbne kalendere\n2. Lobbyregister\n\n"
        "Ad 1\nMinistrenes møder bør fremgå af en offentlig kalender.\n\n"
        "Ad 2\nLobbyister bør registrere sig."
    )
    first, second = split(text)
    assert (first.title, second.title) == ("Åbne kalendere", "Lobbyregister")
    assert "offentlig kalender" in first.text
    assert "registrere sig" in second.text


def test_a_theme_section_that_says_it_has_no_proposal_is_no_initiative() -> None:
    text = (
        "Kære styrelse\n\n"
        "Ad tema 1: Åbenhed\nVi foreslår, at alle kommuner offentliggør deres postlister hver uge på nettet.\n\n"
        "Ad tema 2: Teknologi\nHer har vi ikke et konkret forslag, men vi ser gerne mere fokus på sikkerhed i løsningerne.\n\n"
        "Ad tema 3: Deltagelse\nVi foreslår faste borgerpaneler i alle regioner, der mødes to gange om året.\n"
    )
    assert titles(text) == ["Ad tema 1: Åbenhed", "Ad tema 3: Deltagelse"]


def test_sub_numbers_inside_a_numbered_proposal_belong_to_it() -> None:
    text = (
        "Vi foreslår:\n\n1. Åbne data om skoler.\n2. Bedre høringer.\n2.1 Længere frister.\n"
        "2.2 Høringsnotater til tiden.\n3. Åben kildekode."
    )
    found = split(text)
    assert len(found) == 3
    assert "Høringsnotater" in found[1].text


def test_a_long_no_comments_letter_is_no_initiative() -> None:
    letterhead = "Styrelsen for Vandløb\nVandvej 1\n9999 Nordby\nTlf. 11 22 33 44\n" * 6
    text = f"{letterhead}\nStyrelsen har modtaget høringen og har ingen bemærkninger.\n\nMed venlig hilsen\nKaj"
    assert len(text) > 400
    assert split(text) == ()


def test_an_addressee_line_over_a_no_comments_letter_is_no_initiative() -> None:
    text = (
        "Digitaliseringsstyrelsen\n\n"
        "Styrelsen for Vandløb har modtaget høringen om forslag til initiativer til "
        "handlingsplanen.\n\nStyrelsen har ingen bemærkninger til høringen."
    )
    assert split(text) == ()


def test_a_heading_whose_section_declines_one_theme_but_proposes_stays_an_initiative() -> None:
    text = (
        "# Åbne data\nVi har ingen bemærkninger til tema 1, men vi foreslår, at alle "
        "kommuner lægger deres budgetter ud som åbne data.\n\n"
        "# Borgerpaneler\nVi foreslår faste borgerpaneler i alle regioner.\n"
    )
    assert titles(text) == ["Åbne data", "Borgerpaneler"]


def test_a_closing_section_numbered_on_from_the_proposals_is_no_initiative() -> None:
    text = (
        "Vi vil pege på to initiativer.\n\n"
        "1. Åben kommentering af lovforslag. Udkast lægges ud, så alle kan kommentere.\n\n"
        "2. Et borgerting om digitalisering. Tilfældigt udvalgte borgere drøfter data.\n\n"
        "3. Afrunding\nVi håber, at den nye plan giver borgerne en større rolle.\n"
    )
    assert len(split(text)) == 2


def test_a_title_naming_the_plan_for_open_government_in_danish_is_no_initiative() -> None:
    text = (
        "Forslag til Danmarks handlingsplan for åben forvaltning\n\n"
        "Vi er tre naboer, som sender vores fælles forslag.\n\n"
        "Lokale data om vand\n\nVi foreslår, at forsyningerne offentliggør målinger af "
        "drikkevand som åbne data.\n\n"
        "Kommunale tilsyn\n\nDer bør være én samlet oversigt over kommunens tilsynsrapporter.\n"
    )
    assert titles(text) == ["Lokale data om vand", "Kommunale tilsyn"]


def test_the_last_of_a_list_of_explained_titles_keeps_its_paragraph() -> None:
    text = (
        "Vi har tre forslag:\n\n"
        "1. Åbne afgørelser\n\nAlle afgørelser bør offentliggøres som åbne data.\n\n"
        "2. Overblik over gebyrer\n\nKommunerne bør indberette gebyrer til en oversigt.\n\n"
        "3. Hurtigere høringssvar\n\nHøringssvar bør lægges på portalen inden en uge.\n\n"
        "Vi uddyber gerne forslagene.\n\nMed venlig hilsen\nSusanne"
    )
    found = split(text)
    assert len(found) == 3
    assert "inden en uge" in found[2].text and "uddyber" not in found[2].text


def test_a_general_paragraph_after_a_list_of_bare_titles_joins_no_title() -> None:
    text = (
        "Vi foreslår:\n\n- Åbne afgørelser\n- Overblik over gebyrer\n- Hurtigere høringssvar\n\n"
        "Vi håber, at planen bliver ambitiøs.\n\nMed venlig hilsen\nSusanne"
    )
    found = split(text)
    assert len(found) == 3 and "ambitiøs" not in found[2].text


def test_bullets_after_the_following_remarks_are_initiatives_where_they_ask() -> None:
    text = (
        "Til Digitaliseringsstyrelsen\n\nRådet har drøftet høringen og har følgende bemærkninger:\n\n"
        "·        Alle offentlige hjemmesider bør kontrolleres for tilgængelighed én gang om året.\n\n"
        "·        Rådet støtter en værktøjskasse til borgerinddragelse, som skal kunne bruges af alle.\n\n"
        "·        Rådet bemærker, at høringsmaterialet ikke forelå på let dansk.\n\n"
        "Med venlig hilsen\nKarin"
    )
    found = split(text)
    assert len(found) == 2
    assert "tilgængelighed" in found[0].text and "værktøjskasse" in found[1].text


def test_support_or_questions_without_a_proposal_are_no_initiative() -> None:
    support = "Hej\n\nJeg synes, det er fint, at staten arbejder med åbenhed. Held og lykke med det.\n\nHilsen Bente"
    questions = "Hej\n\nHvornår offentliggøres svarene? Kan man svare anonymt?\n\nTak, Jens"
    none_of_mine = (
        "Hej\n\nJeg har ikke selv nogen forslag, men følger arbejdet med interesse.\n\nKarl"
    )
    assert split(support) == split(questions) == split(none_of_mine) == ()


def test_a_short_letter_with_one_ask_is_still_one_initiative() -> None:
    text = "Hej\n\nJeg synes, at alle kommuner bør lægge deres budgetter ud som åbne data.\n\nHilsen Mia"
    assert len(split(text)) == 1


def test_a_list_of_titles_takes_each_titles_explanation_further_down() -> None:
    text = (
        "# Forslag\n- Åbne skemaer for byggesager\n- Offentlige postlister\n"
        "# Uddybning af forslagene\n"
        "Åbne skemaer for byggesager\nAnsøgere bør kunne følge deres byggesag trin for trin.\n"
        "Offentlige postlister\nAlle kommuner bør lægge postlisten ud hver uge.\n"
        "Med venlig hilsen\nGrethe"
    )
    first, second = split(text)
    assert "trin for trin" in first.text and "postlisten ud" not in first.text
    assert "postlisten ud hver uge" in second.text and "Grethe" not in second.text


def test_a_forwarded_letter_is_its_own_words_without_the_cover_note_and_header() -> None:
    text = (
        "Hej\n\nEn låner har bedt os sende nedenstående brev videre.\n\nVenlig hilsen\nBiblioteket\n\n"
        "-----Oprindelig meddelelse-----\nFra: Borgerservice\nSendt: 3. august 2017\nEmne: Brev\n\n"
        "Til styrelsen\n\nJeg foreslår, at alle breve fra kommunen også sendes med posten til dem uden computer.\n\n"
        "Kan I bekræfte, at brevet er modtaget?"
    )
    (only,) = split(text)
    assert only.text.startswith("Jeg foreslår")
    assert "Biblioteket" not in only.text and "Fra:" not in only.text
    assert "bekræfte" not in only.text


def test_headings_set_apart_by_blank_lines_as_html_mail_gives_them_are_read() -> None:
    # What parse/text.html_to_text makes of <h2>/<p><b> headings: paragraphs between blank lines.
    from hoering.parse.text import html_to_text

    markup = (
        # A framing heading over a paragraph that asks for nothing ("<h2>Input fra
        # Foreningen ...</h2>") is still read as an initiative: the rule that dropped it also
        # dropped real proposals written in the passive, and was reverted (see README).
        "<p>Kære styrelse</p>"
        "<p>Foreningen har samlet medlemmernes ønsker til den nye handlingsplan her.</p>"
        "<p><b>Livestreaming af byråd</b></p>"
        "<p>Alle byrådsmøder bør sendes direkte på nettet og gemmes med dagsordenen.</p>"
        "<p><b>Åbne kontrakter</b></p>"
        "<p>Kommunernes kontrakter over en million kroner skal offentliggøres.</p>"
        "<p>Med venlig hilsen<br>Eva</p>"
    )
    assert titles(html_to_text(markup)) == ["Livestreaming af byråd", "Åbne kontrakter"]


def test_first_line_of_a_paragraph_that_runs_on_is_not_a_heading() -> None:
    # PDF text parts paragraphs by blank lines: the opening line of a paragraph, broken
    # where the page's margin fell, stands alone above the rest of its sentence.
    text = (
        "Vi har to forslag til handlingsplanen.\n\n"
        "Åbne udvalgsmøder\n\n"
        "Der bør indføres åbne møder i alle kommunale udvalg, så borgerne\n"
        "kan følge de drøftelser, der går forud for byrådets beslutninger om budgettet.\n\n"
        "Referater på nettet\n\n"
        "Vi foreslår, at referaterne lægges på kommunens hjemmeside senest to dage efter hvert møde.\n"
    )
    assert titles(text) == ["Åbne udvalgsmøder", "Referater på nettet"]


def test_a_letter_whose_only_asks_are_about_the_plan_itself_proposes_nothing() -> None:
    # "Planen bør have færre mål" and "vurdér konsekvenserne ved alle initiativer" say how
    # the plan should be, not what someone should do: remarks for the notat, no initiative.
    text = (
        "Til Digitaliseringsstyrelsen\n\n"
        "Foreningen støtter arbejdet med en mere åben forvaltning og har fulgt de tidligere planer.\n\n"
        "Vi mener, at handlingsplanen bør have færre og mere ambitiøse mål end de tidligere planer, "
        "med datoer og ansvarlige for hvert mål.\n\n"
        "Vi skal også opfordre til, at konsekvenserne for borgere uden computer vurderes ved alle "
        "initiativer i planen.\n\nMed venlig hilsen\nLone Berg"
    )
    assert split(text) == ()


def test_an_ask_that_puts_a_thing_into_the_plan_is_a_proposal() -> None:
    text = (
        "Til Digitaliseringsstyrelsen\n\n"
        "Vi foreslår, at handlingsplanen indeholder et konkret initiativ om åbne kalendere for alle "
        "ministre, med datoer for hvornår kalenderne offentliggøres.\n\nMed venlig hilsen\nLone Berg"
    )
    assert len(split(text)) == 1


def test_a_proposal_in_template_sections_written_in_the_passive_is_one_initiative() -> None:
    # No "foreslår" or "bør": the sections (Problem, Forslag, Aktiviteter) say it proposes.
    text = (
        "Transparency Danmark\n\nOffentligt register over reelle ejere\n\n"
        "Problem\nAnonyme selskaber bruges til at skjule korruption.\n\n"
        "Forslag\nOplysningerne i registret gøres tilgængelige som åbne data.\n\n"
        "Aktiviteter\n• Udstilling af registret\n• Stikprøvekontrol\n\n"
        "Med venlig hilsen\nKaren Holm"
    )
    found = split(text)
    assert len(found) == 1 and "åbne data" in found[0].text


def test_a_numbered_question_with_a_sentence_on_why_it_asks_is_no_proposal() -> None:
    # A plain mail's numbered list: item 1 asks the agency and says why; it proposes nothing.
    text = (
        "Hej\n\nVi har disse spørgsmål og forslag:\n\n"
        "1. Hvorfor ligger høringen midt i sommerferien? Mange af vores frivillige er væk.\n"
        "2. Vi foreslår, at høringer altid varer mindst seks uger.\n"
        "3. Hvorfor ikke et fælles register over alle høringer?\n\nMvh Lis\n"
    )
    found = split(text)
    assert [i.title for i in found] == [
        "Vi foreslår, at høringer altid varer mindst seks uger",
        "Hvorfor ikke et fælles register over alle høringer?",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # a citizen's wish, short, with no other proposing word
        "Hej\n\nJeg vil gerne kunne se alle mine sager hos kommunen samlet ét sted.\n\nHilsen Ib",
        # an English imperative
        "Hello,\n\nPlease publish the minutes of every municipal committee as open data.\n\nJane",
        # a labelled ask in the imperative
        "Hej\n\nForslag: Sørg for at alle høringer kan findes på én side.\n\nMvh Ole",
    ],
)
def test_a_short_letter_asking_in_a_wish_or_an_imperative_is_one_initiative(text: str) -> None:
    assert len(split(text)) == 1


def test_please_find_attached_asks_for_nothing() -> None:
    assert (
        split("Dear colleagues,\n\nPlease find attached our comments.\n\nBest regards, Jane") == ()
    )


def test_a_list_after_a_short_label_under_one_ask_is_that_ask_s_parts() -> None:
    # "X foreslår, at ...": one ask with its content; "Vi forestiller os:" sets out its parts.
    text = (
        "Kære styrelse\n\nRegionen foreslår, at handlingsplanen får et initiativ om åbne "
        "ventetider på sygehusene. Vi forestiller os:\n"
        "1. at ventetiderne opdateres hver dag\n"
        "2. at de vises for hver afdeling\n"
        "3. at de kan hentes som åbne data\n\n"
        "Med venlig hilsen\nRegion Nord\n"
    )
    assert len(split(text)) == 1


def test_a_list_after_a_short_label_under_announced_proposals_is_the_proposals() -> None:
    text = (
        "Hej\n\nVi foreslår, at planen rummer følgende. Konkret:\n"
        "- Åbne kalendere for alle ministre.\n"
        "- Et register over lobbymøder.\n\nMvh Per\n"
    )
    assert len(split(text)) == 2
