# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""The splitter on whole HTML mails (issue 18): each mail built with the email package,
read by the parser and cleaned as an import does, then split. Letters by their conventions:
what says it proposes nothing, theme headings over proposal headings."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from hoering.analysis.cleaning import clean_reply
from hoering.analysis.initiatives import Initiative, Section, split_initiatives
from hoering.parse.message import parse_message


def split_mail(html: str, subject: str = "OGP-høring") -> tuple[Initiative, ...]:
    """An HTML-only mail (webmail, Outlook's "HTML only") through parse, clean and split."""
    message = EmailMessage(policy=SMTP)
    message["From"], message["Subject"] = "afsender@forening.dk", subject
    message.set_content(html, subtype="html")
    parsed = parse_message(message.as_bytes())
    text = clean_reply(parsed.body_text).content
    return split_initiatives([Section("brødtekst", text)], parsed.subject or "")


def outlook(*paragraphs: str) -> str:
    """Outlook desktop's HTML: every line a <p class=MsoNormal>, blank lines empty ones."""
    lines = "\n".join(
        f"<p class=MsoNormal>{text or '<o:p>&nbsp;</o:p>'}<o:p></o:p></p>" for text in paragraphs
    )
    return f"<html><body lang=DA><div class=WordSection1>{lines}</div></body></html>"


def test_a_reply_that_has_no_initiativforslag_proposes_nothing() -> None:
    # Outlook, a reply on top of the agency's reminder: "initiativforslag" is the call's word.
    html = outlook(
        "Kære Rune Thomsen",
        "",
        "Tak for påmindelsen. Foreningen har ikke konkrete initiativforslag til handlingsplanen, men vi har et par generelle bemærkninger.",
        "",
        "Vi savner, at planen forholder sig til de ressourcer, som myndighederne skal bruge på at besvare aktindsigter.",
        "",
        "Med venlig hilsen",
        "Bente Lauritsen",
    )
    assert split_mail(html, "SV: Påmindelse: OGP-høring frist 20. august") == ()


def test_a_letter_that_had_no_time_for_proposals_makes_a_remark_not_a_proposal() -> None:
    # Gmail: <div> lines. "vigtigt at" stresses a point; the letter said it has no proposal.
    html = (
        '<div dir="ltr">Hej<div><br></div><div>Tak for invitationen. Lokalafdelingen har desværre ikke haft mulighed for at udarbejde initiativforslag inden fristen.</div>'
        "<div><br></div><div>Vi vil dog gerne understrege, at mange ældre ikke bruger internettet, og at det er vigtigt at tænke dem med, når der tales om åbenhed.</div>"
        "<div><br></div><div>Venlig hilsen</div><div>Inger Lund</div></div>"
    )
    assert split_mail(html) == ()


def test_a_letter_without_proposals_that_still_proposes_outright_keeps_its_proposal() -> None:
    html = (
        '<div dir="ltr">Hej<div><br></div><div>Vi har ingen konkrete forslag til temaerne. Til gengæld foreslår vi, at alle kommuner offentliggør deres postlister.</div>'
        "<div><br></div><div>Venlig hilsen</div><div>Inger Lund</div></div>"
    )
    assert len(split_mail(html)) == 1


def test_a_theme_heading_right_above_proposal_headings_is_no_proposal() -> None:
    # Outlook: the themes bold and underlined, the proposals bold; the text shows both alike.
    html = outlook(
        "Til Digitaliseringsstyrelsen",
        "",
        "Dansk Industri har nedenfor samlet sine forslag under høringens temaer.",
        "",
        "<b><u>Åbne data</u></b>",
        "",
        "<b>Grunddata om virksomheder</b>",
        "CVR-registret bør udvides med historiske oplysninger om ejerskab og gøres gratis tilgængeligt.",
        "",
        "<b>Offentlige udbud</b>",
        "Alle offentlige kontrakter over tærskelværdien bør offentliggøres med pris og leverandør.",
        "",
        "<b><u>Bedre regulering</u></b>",
        "",
        "<b>Tidlig inddragelse i lovforberedelsen</b>",
        "Erhvervslivet bør inddrages, før lovforslag sendes i høring, fx gennem åbne udkast på en portal.",
        "",
        "Med venlig hilsen",
        "Anne Berg",
    )
    assert [i.title for i in split_mail(html)] == [
        "Grunddata om virksomheder",
        "Offentlige udbud",
        "Tidlig inddragelse i lovforberedelsen",
    ]


def test_typed_sub_numbers_titled_over_their_paragraphs_are_the_proposals_of_a_theme() -> None:
    # Outlook: "1. Åbenhed" and "1.1 ..." typed by hand in bold lines, as a høringsnotat is
    # laid out; a sub-number's paragraph may offer ("Kommunen vil gerne være pilot") not ask.
    html = outlook(
        "Til Digitaliseringsstyrelsen",
        "",
        "Kommunen har ordnet sine idéer efter to af høringens temaer.",
        "",
        "<b>1. Åbenhed</b>",
        "",
        "<b>1.1 Budgetter som åbne data</b>",
        "Vi foreslår en fælles standard, så alle kommuner udgiver budget og regnskab som åbne data.",
        "",
        "<b>1.2 Målinger af luftkvalitet</b>",
        "Kommunen vil gerne være pilot på at udstille sine målinger løbende sammen med statens.",
        "",
        "<b>2. Borgerinddragelse</b>",
        "",
        "<b>2.1 Borgerbudgetter i bydelene</b>",
        "Vi foreslår forsøg med borgerbudgetter, hvor borgerne i en bydel stemmer om en pulje.",
        "",
        "Med venlig hilsen",
        "Mikkel Frandsen",
    )
    assert [i.title for i in split_mail(html)] == [
        "Budgetter som åbne data",
        "Målinger af luftkvalitet",
        "Borgerbudgetter i bydelene",
    ]


def test_typed_chapters_of_a_letter_with_titled_sub_numbers_stay_chapters() -> None:
    # "1. Indledning" is the letter's own section: its titled sub-numbers are no proposals.
    html = outlook(
        "Til Digitaliseringsstyrelsen",
        "",
        "<b>1. Indledning</b>",
        "<b>1.1 Rådets medlemmer</b>",
        "Rådet består af syv medlemmer, der vælges af foreningerne i kommunen.",
        "<b>1.2 Rådets møde i juni</b>",
        "Rådet har drøftet høringen på sit møde i juni.",
        "",
        "<b>2. Åbenhed</b>",
        "<b>2.1 Åbne referater</b>",
        "Vi foreslår, at alle kommunale råd lægger deres referater på kommunens hjemmeside.",
        "<b>2.2 Åbne kalendere</b>",
        "Borgmesterens kalender bør være offentlig.",
        "",
        "Med venlig hilsen",
        "Rådet",
    )
    assert [i.title for i in split_mail(html)] == ["Åbne referater", "Åbne kalendere"]


def apple_mail(*lines: str) -> str:
    """Apple Mail's HTML: a <div class=""> per line, blank lines as <div><br></div>."""
    blank = '<br class="">'
    divs = "".join(f'<div class="">{text or blank}</div>' for text in lines)
    return f'<html><body style="word-wrap: break-word;" class="">{divs}</body></html>'


def test_dashed_titles_each_over_a_paragraph_that_asks_are_proposals_without_an_intro() -> None:
    # Apple Mail: a citizen sets each proposal out as a "– " line with its reason below.
    html = apple_mail(
        "Hej Digitaliseringsstyrelsen",
        "",
        "Vi er et ægtepar fra Møn og har talt om jeres opslag ved aftensmaden.",
        "",
        "– Byrådets afstemninger bør kunne ses navn for navn.",
        "I dag står der kun i referatet, om et forslag blev vedtaget.",
        "",
        "– Spørgetid for borgere ved byrådsmøderne.",
        "Det burde være en fast ret at stille byrådet et spørgsmål.",
        "",
        "Venlige hilsner",
        "Hanne og Jesper",
    )
    assert [i.title for i in split_mail(html)] == [
        "Byrådets afstemninger bør kunne ses navn for navn",
        "Spørgetid for borgere ved byrådsmøderne",
    ]


def test_dashed_points_that_only_tell_stay_one_letter() -> None:
    html = apple_mail(
        "Hej",
        "",
        "Jeg foreslår, at kommunerne offentliggør deres postlister.",
        "",
        "– Det gør kun få kommuner i dag.",
        "Min egen kommune gør det ikke.",
        "",
        "– Postlister er nemme at lave.",
        "Systemerne kan allerede det.",
        "",
        "Venlig hilsen",
        "Per",
    )
    assert len(split_mail(html)) == 1


def test_paragraphs_opening_alike_with_the_senders_recommendation_are_one_proposal_each() -> None:
    # Outlook: no numbers, no headings; each recommendation a paragraph "DUF anbefaler, at".
    html = outlook(
        "Til Digitaliseringsstyrelsen",
        "",
        "Unge har mindst tillid til, at politikerne lytter. DUF mener derfor, at åben forvaltning også må handle om unge.",
        "",
        "DUF anbefaler, at lovforslag, der berører unge, sendes i høring hos ungdomsorganisationerne.",
        "",
        "DUF anbefaler, at alle kommuner får et ungeråd med ret til at sætte sager på byrådets dagsorden.",
        "",
        "Med venlig hilsen",
        "Ida Thorsen",
    )
    found = split_mail(html)
    assert [i.text.split(", at ")[1][:12] for i in found] == ["lovforslag, ", "alle kommune"]


def test_one_recommendation_with_its_reasons_stays_one_proposal() -> None:
    html = outlook(
        "Til Digitaliseringsstyrelsen",
        "",
        "DUF anbefaler, at lovforslag, der berører unge, sendes i høring hos ungdomsorganisationerne.",
        "",
        "DUF mener, at unge ellers ikke bliver hørt.",
        "",
        "Med venlig hilsen",
        "Ida Thorsen",
    )
    assert len(split_mail(html)) == 1


def test_bold_labels_on_lines_of_their_own_over_paragraphs_are_the_proposals() -> None:
    # Outlook: each proposal's label a bold line ending in ":", its text the line below.
    html = outlook(
        "Kære Digitaliseringsstyrelse",
        "",
        "Ungdomsrådet har samlet tre forslag fra sine medlemsorganisationer.",
        "",
        "<b>Unge i høringer:</b>",
        "Alle ministerier bør sende relevante høringer til ungdomsorganisationerne.",
        "",
        "<b>Undervisning i demokrati:</b>",
        "Materiale om aktindsigt bør laves til gymnasiet.",
        "",
        "<b>Ungdomsråd i alle kommuner:</b>",
        "Staten bør støtte kommuner, der vil oprette et ungdomsråd med reel indflydelse.",
        "",
        "Med venlig hilsen",
        "Sofie Dam",
    )
    assert [i.title for i in split_mail(html)] == [
        "Unge i høringer",
        "Undervisning i demokrati",
        "Ungdomsråd i alle kommuner",
    ]


def test_bold_leads_after_nedenstaaende_forslag_are_the_proposals() -> None:
    # "har nedenstående forslag." announces them without a count or a colon.
    html = outlook(
        "Til Digitaliseringsstyrelsen",
        "",
        "Handicaporganisationerne har nedenstående forslag.",
        "",
        "<b>Tilgængelige hjemmesider</b> – Alle offentlige hjemmesider bør leve op til WCAG, og der bør føres tilsyn med det.",
        "",
        "<b>Inddragelse af handicaprådene</b> – Handicaprådene bør inddrages, når kommunerne laver nye digitale løsninger.",
        "",
        "Med venlig hilsen",
        "Thorkild Olesen",
    )
    assert [i.title for i in split_mail(html)] == [
        "Tilgængelige hjemmesider",
        "Inddragelse af handicaprådene",
    ]


def test_a_line_that_introduces_a_list_is_no_label_of_its_own() -> None:
    # "Kommunen foreslår:" over bullets, after a paragraph that counts the proposals.
    html = outlook(
        "Hej",
        "",
        "Vi vil gerne bidrage med to forslag til den nye handlingsplan.",
        "",
        "Kommunen foreslår:",
        "<ul><li>At alle lokalplaner samles på ét nationalt kort.</li><li>Et forsøg med åbne dagsordener i fagudvalgene.</li></ul>",
        "Med venlig hilsen",
        "Birgit",
    )
    assert [i.title for i in split_mail(html)] == [
        "At alle lokalplaner samles på ét nationalt kort",
        "Et forsøg med åbne dagsordener i fagudvalgene",
    ]


def test_den_foerste_er_and_den_anden_er_open_one_idea_each() -> None:
    # Apple Mail, a citizen: "Jeg har to idéer." then "Den første er, at ..." / "Den anden er, at ...".
    html = apple_mail(
        "Kære styrelse",
        "",
        "Jeg skriver som privatperson. Jeg har to idéer.",
        "",
        "Den første er, at kommunerne skal offentliggøre, hvor lang tid sagsbehandlingen af byggesager tager.",
        "",
        "Den anden er, at borgerne skal kunne følge deres egen sag digitalt, som man følger en pakke.",
        "",
        "Hilsen",
        "Bo Christensen",
    )
    assert len(split_mail(html)) == 2


def gmail(*lines: str) -> str:
    """Gmail's HTML: <div dir="ltr"> with a <div> per line, blank lines as <div><br></div>."""
    return '<div dir="ltr">' + "".join(f"<div>{text or '<br>'}</div>" for text in lines) + "</div>"


def test_a_letter_announcing_one_proposal_keeps_its_derudover_inside_it() -> None:
    # "Jeg har et forslag": "Derudover bør ..." elaborates that one, it adds no second.
    html = gmail(
        "Hej",
        "",
        "Jeg har et forslag om borgerbudgetter.",
        "",
        "Kommunerne bør afsætte en pulje, som borgerne selv stemmer om, fx 1 % af anlægsbudgettet.",
        "",
        "Derudover bør resultaterne af afstemningerne offentliggøres, så man kan se, hvad pengene gik til.",
        "",
        "Mvh",
        "Lise",
    )
    assert len(split_mail(html)) == 1


def test_a_letter_announcing_one_proposal_that_counts_on_still_gives_each() -> None:
    html = gmail(
        "Hej",
        "",
        "Jeg har et forslag og en idé mere.",
        "",
        "For det første bør kommunerne afsætte en pulje, som borgerne selv stemmer om.",
        "",
        "For det andet bør ministrenes kalendere være offentlige.",
        "",
        "Mvh",
        "Lise",
    )
    assert len(split_mail(html)) == 2
