# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on proposals put in sequence by words, labelled paragraphs after a count, and
list markers as PDF text and English replies carry them (issue 18 item 2): short texts
written for these tests."""

from __future__ import annotations

from hoering.analysis.initiatives import Initiative, Section, split_initiatives


def split(text: str, subject: str = "") -> tuple[Initiative, ...]:
    return split_initiatives([Section("brødtekst", text)], subject)


def test_a_paragraph_opened_by_dernaest_adds_a_proposal_to_the_one_above() -> None:
    text = (
        "Hej\n\nJeg skriver som borger i Vejle.\n\n"
        "Jeg vil foreslå, at kommunernes budgetter lægges ud som regneark, så man kan regne på dem selv.\n\n"
        "Dernæst synes jeg, at byrådets afstemninger skulle kunne hentes som data med navn og parti.\n\n"
        "Tak for initiativet.\n"
    )
    found = split(text)
    assert len(found) == 2
    assert "regneark" in found[0].text and "Jeg skriver som borger" not in found[0].text
    assert "afstemninger" in found[1].text and "Tak for" not in found[1].text


def test_also_before_the_verb_adds_a_proposal_to_the_one_above() -> None:
    text = (
        "Til dem der laver planen\n\n"
        "Mit forslag er, at byrådets dagsordener også kan fås på papir på biblioteket.\n\n"
        "Så vil jeg også foreslå, at man kan ringe og få læst op, hvad byrådet besluttede.\n\n"
        "Med venlig hilsen\nPoul\n"
    )
    found = split(text)
    assert len(found) == 2
    assert "papir" in found[0].text and "ringe" in found[1].text


def test_det_foerste_and_det_andet_forslag_are_two_initiatives() -> None:
    text = (
        "Kære styrelse\n\nForeningen har to forslag.\n\n"
        "Det første forslag er, at alle statslige råd og nævn offentliggør deres mødereferater.\n\n"
        "Det andet forslag er en årlig åben dag, hvor borgerne kan møde styrelsernes direktører.\n"
    )
    found = split(text)
    assert [("referater" in i.text, "åben dag" in i.text) for i in found] == [
        (True, False),
        (False, True),
    ]


def test_a_closing_opened_by_endelig_that_asks_nothing_adds_no_proposal() -> None:
    text = (
        "Vi foreslår, at alle høringssvar offentliggøres samlet på høringsportalen.\n\n"
        "Endelig vil vi takke for et godt samarbejde gennem årene.\n"
    )
    assert len(split(text)) == 1


def test_derudover_under_a_theme_heading_splits_its_section_in_two() -> None:
    text = (
        "Kære Digitaliseringsstyrelse\n\nVores bemærkninger følger temaerne.\n\n"
        "Ad tema 1 (Åbenhed)\n"
        "Vi foreslår, at alle kommuners postlister lægges på nettet hver uge, så pressen kan følge sagerne.\n\n"
        "Ad tema 2 (Inddragelse)\n"
        "Vi foreslår, at borgerne inviteres til åbne værksteder, når nye digitale løsninger designes.\n"
        "Derudover bør der laves et forsøg med lodtrukne borgerpaneler om skolestrukturen i tre kommuner.\n\n"
        "Vi ser frem til den videre proces.\n"
    )
    found = split(text)
    assert len(found) == 3
    assert "værksteder" in found[1].text and "borgerpaneler" not in found[1].text
    assert "borgerpaneler" in found[2].text


def test_a_sender_that_proposes_desuden_under_a_word_heading_adds_a_proposal() -> None:
    text = (
        "# Høringssvar fra Odder Kommune\n"
        "Odder Kommune bidrager gerne med erfaringer.\n"
        "## Åbne data\n"
        "Odder Kommune foreslår, at kommunernes data om vandkvalitet i badevandet deles i realtid.\n"
        "## Borgerinddragelse\n"
        "Odder Kommune foreslår, at erfaringer med lokalrådenes budgetter samles i en fælles vejledning.\n"
        "Odder Kommune foreslår desuden, at reglerne for livestreaming af borgermøder afklares.\n"
        "Med venlig hilsen\n"
    )
    found = split(text)
    assert len(found) == 3
    assert "livestreaming" in found[2].text and "livestreaming" not in found[1].text


def test_explanation_under_a_heading_without_an_adding_word_stays_with_its_proposal() -> None:
    text = (
        "# Forslag 1: Åbne kalendere\n"
        "Vi foreslår, at ministrenes kalendere offentliggøres hver uge.\n"
        "Det bør også gælde departementscheferne, og kalenderne bør kunne hentes som data.\n"
    )
    assert len(split(text)) == 1


def test_labelled_paragraphs_with_a_dash_after_a_paragraph_that_counts_them_are_split() -> None:
    text = (
        "Til styrelsen\n\nTak for invitationen. Vi har to forslag, som vi håber bliver taget med.\n\n"
        "Åbne tilskudsdata – Vi foreslår, at alle statslige tilskud til foreninger offentliggøres som data.\n\n"
        "Klarsprog i breve – Vi foreslår, at standardbreve fra styrelserne testes med borgere.\n\n"
        "Generelt finder vi, at civilsamfundet bør høres tidligere.\n"
    )
    found = split(text)
    assert [i.title for i in found] == ["Åbne tilskudsdata", "Klarsprog i breve"]
    assert "Generelt" not in found[1].text


def test_word_symbol_bullets_in_pdf_text_are_list_items() -> None:
    # Word's Symbol-font bullet reaches PDF text as the private-use code point U+F0B7.
    text = (
        "Foreningen foreslår:\n\n"
        "\uf0b7 At alle ministerier laver en kort ungeversion af høringer om uddannelse.\n"
        "\uf0b7 At der oprettes et ungepanel, der hvert år vurderer handlingsplanen.\n\n"
        "Med venlig hilsen\n"
    )
    assert [i.title for i in split(text)] == [
        "At alle ministerier laver en kort ungeversion af høringer om uddannelse",
        "At der oprettes et ungepanel, der hvert år vurderer handlingsplanen",
    ]


def test_items_lettered_in_parentheses_are_list_items() -> None:
    text = (
        "Our recommendations:\n\n"
        "(a) Publish every grant made by the ministries as open data within a month.\n\n"
        "(b) Set up a public register of lobby meetings with ministers and officials.\n\n"
        "We would be happy to help.\n"
    )
    assert len(split(text)) == 2


def test_bullets_set_apart_under_a_labelled_paragraph_do_not_end_the_run() -> None:
    text = (
        "Vi har disse forslag:\n\n"
        "Borgerpaneler: Kommunerne bør prøve lodtrukne borgerpaneler om svære prioriteringer.\n\n"
        "- panelerne mødes fire gange\n- de afgiver en skriftlig anbefaling\n\n"
        "Åbne data: Alle kommunale nøgletal bør udgives som åbne data hvert kvartal.\n\n"
        "Med venlig hilsen\n"
    )
    found = split(text)
    assert [i.title for i in found] == ["Borgerpaneler", "Åbne data"]
    assert "skriftlig anbefaling" in found[0].text


def test_a_report_attached_for_information_beside_a_proposal_in_the_body_adds_nothing() -> None:
    body = (
        "Kære styrelse\n\n"
        "Vi foreslår, at alle ministerier offentliggør deres mødekalendere hver uge.\n\n"
        "Vedlagt er til orientering vores rapport om lobbyisme, som uddyber baggrunden.\n"
    )
    report = (
        "Lobbyisme i Danmark\n\nMetode\n"
        "Vi har interviewet 40 embedsmænd og gennemgået 300 mødekalendere fra ministerierne.\n\n"
        "Anbefalinger\nMinisterierne bør offentliggøre kalendere, og der bør indføres et lobbyregister.\n"
    )
    found = split_initiatives([Section("brødtekst", body), Section("rapport.pdf", report)])
    assert len(found) == 1 and "mødekalendere hver uge" in found[0].text


def test_og_saa_after_for_det_foerste_adds_the_second_proposal() -> None:
    # A citizen's "For det første ... Og så vil jeg foreslå ...": spoken Danish for "dernæst".
    text = (
        "Til dem der laver planen\n\nJeg er 79 år og har læst om høringen i avisen.\n\n"
        "For det første synes jeg, at brevene i e-Boks skal kunne printes gratis på biblioteket.\n\n"
        "Og så vil jeg foreslå, at der kører en bus fra landsbyerne, når kommunen holder borgermøde.\n\n"
        "Jeg håber I vil tænke på os.\n\nEllen\n"
    )
    found = split(text)
    assert len(found) == 2
    assert "printes" in found[0].text and "bus" in found[1].text


def test_og_saa_that_asks_for_nothing_starts_no_proposal() -> None:
    text = (
        "Vi foreslår et lobbyregister for alle ministerier med møder og deltagere.\n\n"
        "Og så vil vi gerne takke for invitationen til at svare.\n\nMed venlig hilsen\nKaren\n"
    )
    assert len(split(text)) == 1


def test_en_anden_ting_adds_a_proposal_to_the_first_ask_not_to_an_aside() -> None:
    # A citizen's plain mail: the second ask opens "En anden ting er ..." (an ordinal before
    # any noun), and a remark that says "skal" sits between the two asks.
    text = (
        "Hej\n\nJeg så jeres opslag på Facebook og vil gerne bidrage, selv om jeg ikke er ekspert.\n\n"
        "Jeg mener derfor, at kommunerne skal vise alle vejarbejder på et kort, så man kan se, hvor længe de varer.\n\n"
        "Min nabo siger, at jeg skal huske at rose vejmændene, og det gør jeg gerne.\n\n"
        "En anden ting er, at kommunens svar på klager er svære at forstå. Der burde være et krav om et kort resumé i almindeligt sprog.\n\n"
        "Hilsen Bent\n"
    )
    found = split(text)
    assert len(found) == 2
    assert "vejarbejder" in found[0].text and "klager" in found[1].text
    assert found[1].title.startswith("Kommunens svar")
