"""General remarks: a reply's sentences outside its initiatives that say something."""

from __future__ import annotations

from hoering.analysis.initiatives import Section, split_initiatives
from hoering.analysis.remarks import MAX_SENTENCE, REMARKS_LIMIT, general_remarks

LETTER = """\
Dansk Oplysningsforbund
Vester Voldgade 7
1552 København V

Høringssvar vedr. OGP-handlingsplan 2017-2019

Kære Digitaliseringsstyrelse

Tak for muligheden for at afgive høringssvar.

Vi bakker generelt op om regeringens arbejde med åbenhed i forvaltningen.
Vi savner dog, at civilsamfundet inddrages tidligere i processen end ved denne høring.

1. Åbne data om offentlige indkøb
Alle kommuner bør offentliggøre deres indkøbsdata som åbne data hvert kvartal.

2. Et lobbyregister
Der bør oprettes et offentligt register over møder mellem ministre og lobbyister.

Med venlig hilsen
Karen Holm
Sekretariatschef
"""


def remarks_of(text: str) -> str:
    initiatives = split_initiatives([Section("brødtekst", text)])
    return general_remarks(text, [i.text for i in initiatives])


def test_support_and_criticism_outside_the_initiatives_are_the_remarks() -> None:
    assert remarks_of(LETTER) == (
        "Vi bakker generelt op om regeringens arbejde med åbenhed i forvaltningen. "
        "Vi savner dog, at civilsamfundet inddrages tidligere i processen end ved denne høring."
    )


def test_the_proposals_themselves_are_no_remark() -> None:
    remarks = remarks_of(LETTER)
    assert "indkøbsdata" not in remarks and "lobbyister" not in remarks


def test_letterhead_greeting_thanks_and_signature_are_left_out() -> None:
    remarks = remarks_of(LETTER)
    for part in ("Vester Voldgade", "Kære", "Tak for", "hilsen", "Karen Holm", "Høringssvar"):
        assert part not in remarks


def test_a_reply_of_remarks_only_keeps_them_all() -> None:
    text = (
        "Hej\n\nJeg synes, at høringsperioden midt i sommerferien er alt for kort til en "
        "ordentlig debat. Næste gang bør høringen ligge uden for ferien.\n\nMvh Ole"
    )
    assert general_remarks(text) == (
        "Jeg synes, at høringsperioden midt i sommerferien er alt for kort til en ordentlig "
        "debat. Næste gang bør høringen ligge uden for ferien."
    )


def test_a_reply_with_no_comments_has_no_remarks() -> None:
    text = "KL har ingen bemærkninger til høringen, men takker for muligheden for at svare."
    assert general_remarks(text, no_comments=True) == ""
    assert general_remarks(text) == ""


def test_a_sentence_with_a_removed_cpr_number_is_left_out() -> None:
    text = "Mit cpr-nummer er [CPR-nummer fjernet], hvis I skal bruge det til noget."
    assert general_remarks(text) == ""


def test_remarks_end_at_a_whole_sentence_within_the_limit() -> None:
    sentence = "Vi støtter i høj grad arbejdet for mere åbenhed i hele den offentlige sektor."
    remarks = general_remarks(" ".join([sentence] * 20))
    assert len(remarks) <= REMARKS_LIMIT and remarks.endswith("sektor.")
    assert remarks.count(sentence) == REMARKS_LIMIT // (len(sentence) + 1)


def test_support_beside_a_pleasantry_is_a_remark_and_an_offer_alone_is_not() -> None:
    text = (
        "Dansk Byggeri støtter overordnet regeringens arbejde med åbenhed og ser frem til "
        "den videre proces.\n\nVi står gerne til rådighed og ønsker jer god arbejdslyst."
    )
    assert general_remarks(text) == (
        "Dansk Byggeri støtter overordnet regeringens arbejde med åbenhed og ser frem til "
        "den videre proces."
    )


def test_a_remark_after_a_cover_notes_signature_and_a_letters_title_is_found() -> None:
    # Word text: one line per paragraph, no blank lines; the cover note's signature above.
    text = (
        "Hermed vores høringssvar.\n\nVenlig hilsen\nLone Birk\nDansk Byggeri\n\n"
        "--- Vedhæftet fil: svar.docx ---\nDansk Byggeri\nNørre Voldgade 106\n"
        "Høringssvar om Danmarks OGP-handlingsplan\n"
        "Dansk Byggeri bakker op om, at Danmark fortsat er med i samarbejdet. "
        "Åbne data er en forudsætning for nye forretningsmodeller.\n"
        "Med venlig hilsen\nLone Birk\nDirektør\nDansk Byggeri · Nørre Voldgade 106"
    )
    assert general_remarks(text) == (
        "Dansk Byggeri bakker op om, at Danmark fortsat er med i samarbejdet. "
        "Åbne data er en forudsætning for nye forretningsmodeller."
    )


def test_a_wrapped_paragraph_is_kept_whole_and_its_thanks_left_out() -> None:
    text = (
        "Seniorrådet takker for muligheden for at svare på høringen om den nye\n"
        "handlingsplan. Vi er dog bekymrede for, at borgermøder flytter over på\n"
        "nettet. Mange ældre har ingen computer derhjemme.\n"
    )
    assert general_remarks(text) == (
        "Vi er dog bekymrede for, at borgermøder flytter over på nettet. "
        "Mange ældre har ingen computer derhjemme."
    )


def test_a_hope_about_the_process_is_a_remark_and_a_hope_for_the_proposals_is_not() -> None:
    said = "Vi håber, at der kommer en offentlig opfølgning på de indsendte forslag."
    polite = "Vi håber, at I kan bruge vores forslag i det videre arbejde."
    assert general_remarks(f"{said}\n\n{polite}") == said


def test_an_introduction_to_the_proposals_is_no_remark_but_support_in_it_is() -> None:
    intro = "Vi har læst om høringen og vil gerne komme med to forslag, som vi har drøftet."
    assert general_remarks(intro) == ""
    support = "Vi støtter overordnet regeringens ambition og har følgende forslag:"
    assert general_remarks(support) == support
    # Support for the list below it is the proposals' lead-in, not a remark.
    lead_in = "Jeg støtter, at den nye handlingsplan for åben forvaltning indeholder:"
    assert general_remarks(f"{lead_in}\n\n- et lobbyregister\n- åbne kalendere") == ""


def test_questions_about_the_process_are_remarks_and_the_lead_in_is_not() -> None:
    text = (
        "Inden jeg sender mine forslag, vil jeg gerne spørge om et par ting, som jeg synes er "
        "vigtige. Hvordan udvælger I de forslag, der kommer med i planen? Bliver "
        "høringssvarene offentliggjort med afsenderens navn?"
    )
    assert general_remarks(text) == (
        "Hvordan udvælger I de forslag, der kommer med i planen? "
        "Bliver høringssvarene offentliggjort med afsenderens navn?"
    )


def test_asking_to_be_involved_is_a_remark_and_offering_to_elaborate_is_not() -> None:
    asks = "Foreningen vil gerne inddrages i arbejdet med den kommende handlingsplan."
    offers = (
        "Vi står gerne til rådighed og uddyber gerne forslagene. Du er velkommen til at "
        "kontakte mig, hvis noget er uklart."
    )
    assert general_remarks(f"{asks}\n\n{offers}") == asks


def test_who_the_writer_is_is_no_remark_and_the_rest_of_the_paragraph_is() -> None:
    text = (
        "Foreningen er en landsdækkende forening med 12.000 medlemmer. Vi mener, at "
        "høringsfristen midt i sommerferien er for kort. Mange lokalafdelinger holder ferie i juli."
    )
    assert general_remarks(text) == (
        "Vi mener, at høringsfristen midt i sommerferien er for kort. "
        "Mange lokalafdelinger holder ferie i juli."
    )


def test_text_under_an_about_us_heading_is_no_remark() -> None:
    text = (
        "Om Foreningen Åben By\n\n"
        "Vi mener, at borgerne skal høres tidligt, og har arbejdet for det i tyve år."
    )
    assert general_remarks(text) == ""


def test_a_report_sent_for_information_gives_no_remarks() -> None:
    text = (
        "Vedlagt til orientering vores rapport fra i år.\n\n"
        "Vi støtter regeringens arbejde med åbenhed i forvaltningen.\n\n"
        "--- Vedhæftet fil: rapport.pdf ---\n"
        "Det er vores vurdering, at åbenheden i kommunerne bør styrkes markant."
    )
    assert general_remarks(text) == "Vi støtter regeringens arbejde med åbenhed i forvaltningen."


def test_a_letter_with_no_comments_has_no_remarks_beside_its_courtesies() -> None:
    text = (
        "Styrelsen har modtaget høringen og deltager gerne i det løbende samarbejde om "
        "åbne data, som vi finder vigtigt.\n\nStyrelsen har ingen bemærkninger til høringen."
    )
    assert general_remarks(text) == ""
    # "No further comments" comes after some: they stay.
    text = "Vi savner en tidsplan for handlingsplanen.\n\nVi har ikke yderligere bemærkninger."
    assert general_remarks(text) == "Vi savner en tidsplan for handlingsplanen."


def test_a_sentence_mostly_inside_an_initiative_is_no_remark() -> None:
    proposal = "(1) at alle kommuner offentliggør deres indkøbsdata hvert kvartal som åbne data"
    text = f"Vi har et konkret ønske til handlingsplanen: {proposal}, så alle kan se dem."
    assert general_remarks(text, [proposal]) == ""


def test_an_apology_for_a_late_reply_is_no_remark_and_criticism_is() -> None:
    late = "Vi beklager, at vores bemærkninger først kommer nu, efter fristen."
    critical = "Vi beklager, at høringsfristen er lagt midt i sommerferien."
    assert general_remarks(f"{late}\n\n{critical}") == critical


def test_support_as_a_noun_for_something_else_is_no_stance() -> None:
    text = "Vi har startet en kampagne, hvor borgere kan sende deres egen støtte til forslagene."
    assert general_remarks(text) == ""


def test_a_run_of_text_longer_than_a_sentence_is_no_remark() -> None:
    # A table or a page without stops read as one "sentence": not read for a stance (the
    # stance patterns would also cost time in proportion to its length squared).
    run = " ".join(["Vi støtter planen og håber på mere"] * 40) + "."
    assert len(run) > MAX_SENTENCE and general_remarks(run) == ""


def test_a_general_paragraph_after_the_last_proposal_is_a_remark_not_part_of_it() -> None:
    text = (
        "# Åbne budgetter\nVi foreslår, at budgettet vises grafisk for hver skole.\n\n"
        "# Samskabelse\nVi foreslår et netværk for samskabende kommuner.\n\n"
        "Generelt ser kommunen gerne, at planen bygger videre på det, kommunerne allerede gør.\n\n"
        "Med venlig hilsen\nJens"
    )
    assert "netværk" in split_initiatives([Section("brødtekst", text)])[-1].text
    assert "Generelt" not in split_initiatives([Section("brødtekst", text)])[-1].text
    assert remarks_of(text).startswith("Generelt ser kommunen gerne")


def test_questions_announced_as_a_couple_about_the_process_are_a_remark() -> None:
    text = (
        "Vi foreslår, at alle kommuner offentliggør deres postlister hver uge.\n\n"
        "Vi har i den forbindelse et par spørgsmål til processen: Forventes myndighederne "
        "selv at finansiere initiativerne?\n\nMed venlig hilsen\nNikolaj"
    )
    assert "Forventes myndighederne" in remarks_of(text)


def test_wanting_to_know_how_the_replies_are_used_is_a_remark() -> None:
    text = (
        "Hej\n\nJeg har to idéer:\n\n- Ministrenes kalendere bør ligge på nettet.\n"
        "- Der bør være et ungepanel, som høres om uddannelse.\n\n"
        "Jeg vil meget gerne høre, hvordan I bruger forslagene, når høringen er slut.\n\nMvh Frida"
    )
    assert "hvordan I bruger forslagene" in remarks_of(text)


def test_the_writers_history_and_size_are_no_remark() -> None:
    text = (
        "Foreningen Åbent Råd blev stiftet i 2015 af borgere, som ønsker mere indsigt i "
        "byrådets beslutninger.\n\nVi har i dag godt 60 medlemmer og følger byrådets arbejde.\n\n"
        "Vi foreslår, at alle byrådsmøder optages og lægges på nettet.\n\nMed venlig hilsen\nOle"
    )
    assert remarks_of(text) == ""


def test_calling_attention_and_acknowledging_the_process_are_remarks() -> None:
    text = (
        "Vi har to forslag:\n\n1. Lokalarkivernes samlinger bør gøres søgbare på nettet.\n"
        "2. Kommunerne bør give lokalarkiverne adgang til deres gamle sager.\n\n"
        "Vi gør opmærksom på, at lokalarkiverne i høj grad drives af frivillige med få timer.\n\n"
        "Vi vil i øvrigt gerne kvittere for, at flere denne gang inddrages i arbejdet.\n\n"
        "Med venlig hilsen\nKurt"
    )
    found = remarks_of(text)
    assert "gør opmærksom på" in found and "kvittere for" in found
