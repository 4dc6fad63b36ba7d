# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""Where a general remark sits and what makes one: the closing paragraph after the last
proposal and the opening one before the first, also when the splitter's last initiative runs
on into them; a view stated as the writer's or on the plan, not a statement about the world.
Real mails (and a DOCX) parsed, derived and read as the notat reads them."""

from __future__ import annotations

from hoering.analysis.remarks import general_remarks
from hoering.derived import AttachmentText, ReplyInputs
from hoering.parse.combined import combined_text
from hoering.parse.message import parse_message
from hoering.rules.reply_derive import derive_reply
from tests.kit.initiative_docs import to_docx
from tests.kit.mails import make_mail

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def read_mail(data: bytes) -> tuple[str, list[str]]:
    """The mail's general remarks and its initiatives' texts, as import and the notat see them."""
    msg = parse_message(data)
    inputs = ReplyInputs(
        msg.sender_name,
        msg.sender_email,
        msg.subject,
        msg.body_text,
        tuple(AttachmentText(a.filename, a.detected_type, a.text) for a in msg.attachments),
    )
    derived = derive_reply(inputs)
    initiatives = [item.text for item in derived.initiatives]
    return general_remarks(combined_text(msg), initiatives, derived.no_comments), initiatives


def test_a_closing_paragraph_the_last_proposal_runs_on_into_is_a_remark() -> None:
    body = (
        "Kære Digitaliseringsstyrelse\n\n"
        "Vi har ét forslag til handlingsplanen.\n\n"
        "Et register over algoritmer\n\n"
        "Myndighederne bør offentliggøre, hvilke algoritmer de bruger i sagsbehandlingen, og hvilke data de bygger på.\n\n"
        "Registeret kunne starte med de statslige myndigheder og senere udvides til kommunerne.\n\n"
        "Til sidst vil jeg nævne, at en høringsfrist midt i sommerferien gør det svært for mange at nå at svare.\n\n"
        "Med venlig hilsen\nIb Lund\n"
    )
    remarks, initiatives = read_mail(make_mail(body=body))
    assert "høringsfrist" in initiatives[-1]  # the splitter's span: the proposal is kept as it is
    assert remarks.startswith("Til sidst vil jeg nævne, at en høringsfrist")
    assert "kommunerne" not in remarks  # the proposal's own last paragraph stays the proposal's


def test_a_general_wish_after_the_proposals_of_a_word_letter_is_a_remark() -> None:
    letter = to_docx(
        [
            ("p", "Forbrugerrådet Tænk takker for invitationen og har to forslag."),
            ("h2", "1. Forbrugernes egne data"),
            (
                "p",
                "Forbrugerne bør kunne hente deres egne data fra det offentlige i et maskinlæsbart format.",
            ),
            ("h2", "2. Åbne prisdata"),
            ("p", "Offentlige prisdata om forsyning bør udgives som åbne data hver måned."),
            (
                "p",
                "Forbrugerrådet Tænk finder det generelt vigtigt, at åbne data ikke kun ses som en gevinst for virksomheder, men at forbrugerne også får direkte gavn af dem.",
            ),
            ("p", "Med venlig hilsen"),
            ("p", "Karen Holm"),
        ]
    )
    mail = make_mail(body="Se vedhæftede høringssvar.", attachments=[("svar.docx", DOCX, letter)])
    remarks, _ = read_mail(mail)
    assert "finder det generelt vigtigt" in remarks
    assert "prisdata" not in remarks and "maskinlæsbart" not in remarks


def test_the_paragraph_under_a_proposals_heading_stays_the_proposals_even_about_the_plan() -> None:
    body = (
        "Vi har to forslag.\n\n"
        "1) Åbne byrådsmøder\n\n"
        "Alle byrådsmøder bør optages og lægges på nettet.\n\n"
        "2) Digitale høringer\n\n"
        "Høringssvarene bør kunne læses af alle, når fristen er udløbet, og handlingsplanen bør sikre det.\n\n"
        "Med venlig hilsen\nIb Lund\n"
    )
    remarks, _ = read_mail(make_mail(body=body))
    assert "Høringssvarene" not in remarks


def test_a_view_on_the_world_is_background_and_the_writers_view_a_remark() -> None:
    body = (
        "Kære Digitaliseringsstyrelse\n\n"
        "For journalister er adgangen til oplysninger fra forvaltningen en forudsætning for at kunne løfte pressens rolle.\n\n"
        "Vi oplever, at beslutninger om vores område træffes, uden at vi hører om dem i tide.\n\n"
        "Vi har to forslag:\n\n"
        "1. Alle kommuner offentliggør deres postlister hver uge.\n"
        "2. Byrådets dagsordener lægges på nettet en uge før mødet.\n\n"
        "Med venlig hilsen\nIb Lund\n"
    )
    remarks, _ = read_mail(make_mail(body=body))
    assert (
        remarks
        == "Vi oplever, at beslutninger om vores område træffes, uden at vi hører om dem i tide."
    )


def test_a_stated_opinion_and_a_noted_gap_are_remarks() -> None:
    body = (
        "Det er Danske Regioners opfattelse, at de to første handlingsplaner har haft stor vægt på staten.\n\n"
        "We note that the previous action plans concentrated on open data and digital services.\n\n"
        "Med venlig hilsen\nIb Lund\n"
    )
    remarks, _ = read_mail(make_mail(body=body))
    assert "opfattelse" in remarks and "We note" in remarks


def test_a_short_question_about_the_consultation_is_a_remark() -> None:
    body = "Vi foreslår et lobbyregister for Folketinget.\n\nBliver høringssvarene offentliggjort?\n\nMvh Ib"
    remarks, _ = read_mail(make_mail(body=body))
    assert remarks == "Bliver høringssvarene offentliggjort?"


def test_a_matter_of_is_no_question_to_be_answered_and_a_late_reply_no_remark() -> None:
    body = (
        "Jeg ved godt, at fristen var i søndags, men håber I vil tage mit brev med alligevel.\n\n"
        "Vi mener, at åbenhed først og fremmest er et spørgsmål om forudsigelighed for borgerne.\n\n"
        "Jeg håber, at I vil skrive tilbage til dem, der har sendt forslag, når handlingsplanen er færdig.\n\n"
        "Mvh Ib"
    )
    remarks, _ = read_mail(make_mail(body=body))
    assert "fristen" not in remarks
    assert "spørgsmål om forudsigelighed" in remarks and "skrive tilbage" in remarks


def test_a_proposing_sentence_no_initiative_holds_is_still_no_remark() -> None:
    # A splitter that misses a proposal leaves its sentence outside every initiative: it
    # proposes, so it is no general remark either; the support beside it is.
    text = (
        "Vi støtter arbejdet for en mere åben forvaltning. Vi foreslår derfor, at alle "
        "kommuner bør offentliggøre deres postlister hver uge, så borgerne kan følge med."
    )
    assert general_remarks(text) == "Vi støtter arbejdet for en mere åben forvaltning."


def test_a_remark_below_a_proposal_table_and_above_the_signature_is_found() -> None:
    # Word letter: proposals as table rows, then a closing remark, then the closing lines,
    # all inside the splitter's one initiative.
    letter = to_docx(
        [
            ("p", "IT-Branchen foreslår tre initiativer, som vil styrke åbenheden."),
            (
                "table",
                [
                    ["Open source", "Software udviklet for offentlige midler bør udgives frit."],
                    ["Åbne kontrakter", "Statens it-kontrakter bør offentliggøres med bilag."],
                    ["Markedsdialog", "Myndighederne bør offentliggøre deres kommende udbud."],
                ],
            ),
            (
                "p",
                "IT-Branchen bemærker, at flere af forslagene kan gennemføres uden lovændringer.",
            ),
            ("p", "Med venlig hilsen"),
            ("p", "Mette Frydendahl"),
            ("p", "Politisk chef"),
        ]
    )
    mail = make_mail(body="Hermed vores høringssvar.", attachments=[("svar.docx", DOCX, letter)])
    remarks, _ = read_mail(mail)
    assert (
        remarks == "IT-Branchen bemærker, at flere af forslagene kan gennemføres uden lovændringer."
    )


def test_asking_to_be_invited_beside_an_offer_is_a_remark() -> None:
    body = (
        "Vi foreslår, at regionernes ventetider offentliggøres som åbne data hver uge.\n\n"
        "Vi står gerne til rådighed for uddybning og vil gerne inviteres med, når "
        "initiativerne skal formes.\n\nMed venlig hilsen\nKaren Holm\n"
    )
    remarks, _ = read_mail(make_mail(body=body))
    assert "vil gerne inviteres med" in remarks


def test_naming_the_areas_to_come_and_noticing_the_consultation() -> None:
    body = (
        "Vi vil gerne pege på to områder, hvor åbenhed kan gøre en forskel for børn og unge.\n\n"
        "1. Elevråd skal kunne se skolens budget i en forenklet form.\n"
        "2. Data om kommunernes idrætshaller bør være åbne.\n\n"
        "I also noticed that this consultation itself was only announced in Danish.\n\nMvh Ib\n"
    )
    remarks, _ = read_mail(make_mail(body=body))
    assert remarks == "I also noticed that this consultation itself was only announced in Danish."


def test_a_name_below_a_one_paragraph_reply_is_no_heading_of_a_proposal() -> None:
    # The late note and the idea share one paragraph, which is the proposal's.
    body = (
        "Ved godt fristen var i søndags men her er en ide alligevel. Når kommunen sender et brev "
        "om en afgørelse burde der altid stå navn og telefonnummer på sagsbehandleren.\n\nMads\n"
    )
    remarks, initiatives = read_mail(make_mail(body=body, sender="Mads <mads@gmail.com>"))
    assert len(initiatives) == 1 and remarks == ""
