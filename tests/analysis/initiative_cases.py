# ruff: noqa: E501 - replies are data: their sentences stay on one line to be read as written
"""A labelled set of Danish replies for the initiative splitter (tests and bench).

Each case is a mail body, optionally one attachment built from blocks (tests/kit/
initiative_docs.py: DOCX, ODT or PDF, so the real extraction path is used), and the titles
of the initiatives a reviewer would list. Written for this purpose; names are invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.kit.initiative_docs import Block


@dataclass(frozen=True)
class Case:
    name: str
    subject: str
    body: str
    titles: tuple[str, ...]
    attachment: tuple[str, list[Block]] | None = None  # (format, blocks)


SIGN = (
    "\n\nMed venlig hilsen\n\nKaren Holm\nSekretariatschef\nDansk Borgerforum\nTlf. 33 12 45 67\n"
)
COVER = "Kære Digitaliseringsstyrelse\n\nHermed fremsendes vores høringssvar, se vedhæftede." + SIGN

FORM_ROWS = (
    (
        "Åbne data om offentlige indkøb",
        "Alle kommuner offentliggør deres indkøbsdata som åbne data.",
        "KL",
        "Lokalt",
    ),
    (
        "Whistleblowerordning i staten",
        "En fælles ordning for statsansatte.",
        "Justitsministeriet",
        "Nationalt",
    ),
    (
        "Regionale sundhedsdata som API",
        "Ventetider og kvalitetsdata udstilles maskinlæsbart.",
        "Danske Regioner",
        "Regionalt",
    ),
)


def _form(rows: tuple[tuple[str, str, str, str], ...]) -> list[Block]:
    blocks: list[Block] = [
        ("h1", "Skabelon for initiativforslag"),
        ("p", "Udfyld ét skema pr. initiativ."),
    ]
    for title, text, owner, level in rows:
        blocks.append(
            (
                "table",
                [
                    ["Initiativets titel", title],
                    ["Beskrivelse", text],
                    ["Ansvarlig myndighed", owner],
                    ["Niveau", level],
                ],
            )
        )
        blocks.append(("p", ""))
    return blocks


CASES: tuple[Case, ...] = (
    Case(
        "body_numbered_after_intro",
        "Høringssvar OGP-handlingsplan 2017-2019",
        "Kære Digitaliseringsstyrelse\n\nTak for muligheden for at komme med input. Vi foreslår følgende initiativer:\n\n"
        "1. Åbne kommunale budgetdata: Alle kommuner bør offentliggøre budget og regnskab som åbne data i et fælles format.\n"
        "2. Lobbyregister for Folketinget: Et offentligt register over møder mellem lobbyister og folketingsmedlemmer.\n"
        "3. Borgerbudgetter i kommunerne – borgerne får indflydelse på en del af anlægsbudgettet.\n"
        + SIGN,
        (
            "Åbne kommunale budgetdata",
            "Lobbyregister for Folketinget",
            "Borgerbudgetter i kommunerne",
        ),
    ),
    Case(
        "body_forslag_headings",
        "Input til handlingsplanen",
        "Hej\n\nTransparens Danmark har to forslag.\n\nForslag 1: Offentliggørelse af ministrenes kalendere\n"
        "Ministrenes kalendere bør offentliggøres løbende, som det allerede sker i Norge. Ansvaret bør ligge hos Statsministeriet.\n\n"
        "Forslag 2: Whistleblowerordning i staten\nDer bør etableres en fælles whistleblowerordning for alle statslige myndigheder på nationalt niveau.\n"
        + SIGN,
        ("Offentliggørelse af ministrenes kalendere", "Whistleblowerordning i staten"),
    ),
    Case(
        "body_initiativforslag_dash",
        "OGP",
        "Til Digitaliseringsstyrelsen\n\nInitiativforslag 1 – Åben kildekode i offentlige it-projekter\n"
        "Kode udviklet for offentlige midler bør som udgangspunkt frigives under en åben licens.\n\n"
        "Initiativforslag 2 – Fælles katalog over offentlige datasæt\nEt søgbart katalog over alle datasæt, staten og kommunerne har.\n"
        + SIGN,
        ("Åben kildekode i offentlige it-projekter", "Fælles katalog over offentlige datasæt"),
    ),
    Case(
        "body_bullets_vi_foreslaar",
        "Høringssvar fra Open Knowledge Danmark",
        "Kære modtager\n\nVi foreslår:\n\n- Et fælles datasæt over offentlige indkøb\n"
        "- Åbne API'er til sagsbehandlingstider\n- Offentliggørelse af aktindsigter, der er givet\n\n"
        "Vi uddyber gerne forslagene." + SIGN,
        (
            "Et fælles datasæt over offentlige indkøb",
            "Åbne API'er til sagsbehandlingstider",
            "Offentliggørelse af aktindsigter, der er givet",
        ),
    ),
    Case(
        "body_no_comments",
        "Høring over OGP-handlingsplan",
        "Styrelsen har ingen bemærkninger til høringen.\n\nMed venlig hilsen\nSøren Vang\nErhvervsstyrelsen",
        (),
    ),
    Case(
        "body_no_comments_kl",
        "SV: Høring",
        "Kære Digitaliseringsstyrelse\n\nKL har ikke bemærkninger til udkastet til handlingsplan.\n\nVenlig hilsen\nKL",
        (),
    ),
    Case(
        "body_single_subject_title",
        "Forslag: Digitalt borgerpanel om lokalplaner",
        "Hej\n\nJeg vil foreslå, at kommunerne opretter et digitalt borgerpanel, hvor borgere kan kommentere lokalplaner, "
        "før de sendes i høring. Det vil give flere borgere en stemme i planlægningen og gøre processen mere gennemsigtig.\n\nMvh Grethe",
        ("Digitalt borgerpanel om lokalplaner",),
    ),
    Case(
        "body_single_with_steps",
        "Høringssvar",
        "Kære Digitaliseringsstyrelse\n\nVi foreslår en national portal for åbne kommunale data. "
        "Initiativet kan gennemføres i tre trin:\n\n1. Kortlægning af eksisterende datasæt\n2. Pilotprojekt med fem kommuner\n"
        "3. Udrulning til alle kommuner\n\nPortalen bør forankres i Digitaliseringsstyrelsen."
        + SIGN,
        ("national portal for åbne kommunale data",),
    ),
    Case(
        "body_single_with_examples",
        "OGP høring",
        "Hej\n\nKommunerne bør offentliggøre alle dokumenter fra byrådsmøder samme dag. Det kunne fx være:\n"
        "- dagsordener\n- referater\n- bilag til sagerne\n\nDet styrker den lokale demokratiske debat.\n\nVenlig hilsen\nPeter Juul",
        ("Kommunerne bør offentliggøre alle dokumenter fra byrådsmøder samme dag",),
    ),
    Case(
        "body_numbered_with_inner_steps",
        "Høringssvar fra Dataforeningen",
        "Kære Digitaliseringsstyrelse\n\nVores forslag til initiativer er følgende:\n\n"
        "1. Åbne data om luftkvalitet: Målinger fra alle stationer udstilles i realtid. Det kan gennemføres i tre trin:\n"
        "   1. Fælles dataformat\n   2. Pilot i Aarhus\n   3. Landsdækkende udrulning\n"
        "2. Offentlige algoritmer: Myndigheder offentliggør en beskrivelse af de algoritmer, der bruges i sagsbehandlingen.\n"
        + SIGN,
        ("Åbne data om luftkvalitet", "Offentlige algoritmer"),
    ),
    Case(
        "docx_cover_headings",
        "Høringssvar",
        COVER,
        ("Åbne data om kommunale indkøb", "Borgerinddragelse i lovgivningsprocessen"),
        (
            "docx",
            [
                ("h1", "Høringssvar fra Dansk Borgerforum"),
                ("p", "Dansk Borgerforum takker for invitationen."),
                ("h2", "Åbne data om kommunale indkøb"),
                ("p", "Kommunernes indkøb bør offentliggøres som åbne data på lokalt niveau."),
                ("h2", "Borgerinddragelse i lovgivningsprocessen"),
                ("p", "Lovforslag bør kunne kommenteres af alle på høringsportalen."),
                ("h2", "Afsluttende bemærkninger"),
                ("p", "Vi stiller gerne op til et møde."),
            ],
        ),
    ),
    Case(
        "docx_form_vertical",
        "Initiativforslag",
        "Vedhæftet er den udfyldte skabelon." + SIGN,
        tuple(row[0] for row in FORM_ROWS),
        ("docx", _form(FORM_ROWS)),
    ),
    Case(
        "docx_form_horizontal",
        "Forslag til OGP",
        "Se vedlagte skema." + SIGN,
        ("Åben adgang til tilskudsdata", "Digitale borgermøder"),
        (
            "docx",
            [
                ("p", "Skema til initiativforslag"),
                (
                    "table",
                    [
                        ["Initiativets titel", "Beskrivelse", "Ansvarlig myndighed", "Niveau"],
                        [
                            "Åben adgang til tilskudsdata",
                            "Alle tilskud over 10.000 kr. offentliggøres.",
                            "Finansministeriet",
                            "National",
                        ],
                        [
                            "Digitale borgermøder",
                            "Byrådet afholder digitale borgermøder.",
                            "Kommunerne",
                            "Lokal",
                        ],
                    ],
                ),
            ],
        ),
    ),
    Case(
        "docx_list_after_intro",
        "Høringssvar - Foreningen Åben Forvaltning",
        COVER,
        ("Offentlige postlister", "Aktindsigt på 7 dage", "Åbne kommunalbestyrelsesmøder"),
        (
            "docx",
            [
                ("p", "Foreningen Åben Forvaltning har følgende forslag til initiativer:"),
                ("num", "Offentlige postlister: Alle ministerier offentliggør deres postlister."),
                ("bullet2", "gælder også styrelser"),
                ("bullet2", "opdateres dagligt"),
                ("num", "Aktindsigt på 7 dage: Fristen for aktindsigt nedsættes og overholdes."),
                ("num", "Åbne kommunalbestyrelsesmøder: Møderne transmitteres og arkiveres."),
                ("p", "Vi ser frem til det videre arbejde."),
            ],
        ),
    ),
    Case(
        "docx_single_heading",
        "OGP",
        COVER,
        ("Åbent register over kommunale tilskud til foreninger",),
        (
            "docx",
            [
                ("h1", "Åbent register over kommunale tilskud til foreninger"),
                ("h2", "Baggrund"),
                ("p", "I dag er det svært at se, hvilke foreninger der får tilskud."),
                ("h2", "Forventet effekt"),
                ("p", "Større gennemsigtighed og tillid."),
            ],
        ),
    ),
    Case(
        "docx_no_comments",
        "Høring",
        "Se vedhæftede brev." + SIGN,
        (),
        (
            "docx",
            [
                ("p", "Danske Regioner har ingen bemærkninger til udkastet til handlingsplan."),
                ("p", "Med venlig hilsen"),
            ],
        ),
    ),
    Case(
        "odt_headings",
        "Høringssvar",
        COVER,
        ("Åbne byrådsmøder med livestreaming", "Digital aktindsigt på tværs af myndigheder"),
        (
            "odt",
            [
                ("h1", "Høringssvar til OGP-handlingsplanen"),
                ("p", "Vi har to ønsker."),
                ("h2", "Åbne byrådsmøder med livestreaming"),
                ("p", "Alle byrådsmøder streames og gemmes."),
                ("h2", "Digital aktindsigt på tværs af myndigheder"),
                ("p", "En fælles indgang til aktindsigt."),
                ("h2", "Kontakt"),
                ("p", "Spørgsmål kan rettes til sekretariatet."),
            ],
        ),
    ),
    Case(
        "odt_forslag_paragraphs",
        "Forslag",
        COVER,
        (
            "Frivilligportal med åbne data",
            "Samskabelse af velfærdsløsninger",
            "Crowdsourcing af lovforslag",
        ),
        (
            "odt",
            [
                ("p", "Foreningen har tre forslag til handlingsplanen."),
                ("p", "Forslag 1: Frivilligportal med åbne data"),
                ("p", "En portal for frivillige foreninger."),
                ("p", "Forslag 2: Samskabelse af velfærdsløsninger"),
                ("p", "Kommuner og civilsamfund udvikler løsninger sammen."),
                ("p", "Forslag 3: Crowdsourcing af lovforslag"),
                ("p", "Borgere kan foreslå ændringer online."),
            ],
        ),
    ),
    Case(
        "odt_form",
        "Initiativforslag",
        "Hermed vores forslag i skabelonen." + SIGN,
        tuple(row[0] for row in FORM_ROWS[:2]),
        ("odt", _form(FORM_ROWS[:2])),
    ),
    Case(
        "odt_bullets",
        "Høringssvar",
        COVER,
        (
            "Åbne møder i regionsrådet",
            "Offentlige kalendere for borgmestre",
            "Åbne data om trafik",
            "Borgerforslag i kommunerne",
        ),
        (
            "odt",
            [
                ("p", "Konkret foreslår vi:"),
                ("bullet", "Åbne møder i regionsrådet"),
                ("bullet", "Offentlige kalendere for borgmestre"),
                ("bullet", "Åbne data om trafik"),
                ("bullet", "Borgerforslag i kommunerne"),
                ("p", "Med venlig hilsen"),
            ],
        ),
    ),
    Case(
        "pdf_forslag",
        "Høringssvar",
        COVER,
        (
            "Åbne data om energiforbrug i offentlige bygninger",
            "Whistleblowerordning i kommunerne",
            "Gennemsigtig partistøtte",
        ),
        (
            "pdf",
            [
                ("h1", "Høringssvar fra Grøn Omstilling Nu"),
                ("p", "Forslag 1: Åbne data om energiforbrug i offentlige bygninger"),
                ("p", "Forbruget offentliggøres måned for måned."),
                ("p", "Forslag 2: Whistleblowerordning i kommunerne"),
                ("p", "Alle kommuner skal have en ordning."),
                ("p", "Forslag 3: Gennemsigtig partistøtte"),
                ("p", "Private bidrag over 5.000 kr. offentliggøres."),
            ],
        ),
    ),
    Case(
        "pdf_numbered_after_intro",
        "OGP-høring",
        COVER,
        (
            "Åbne data om skolernes trivselsmålinger",
            "Borgerpanel om kunstig intelligens",
            "Offentlige referater fra regionsråd",
        ),
        (
            "pdf",
            [
                ("p", "Vi anbefaler følgende initiativer:"),
                (
                    "num",
                    "Åbne data om skolernes trivselsmålinger: resultaterne offentliggøres pr. skole",
                ),
                ("num2", "første år som pilot"),
                ("num2", "derefter alle skoler"),
                (
                    "num",
                    "Borgerpanel om kunstig intelligens: et panel rådgiver om algoritmer i det offentlige",
                ),
                ("num", "Offentlige referater fra regionsråd: referaterne lægges online samme uge"),
            ],
        ),
    ),
    Case(
        "pdf_form_colon",
        "Initiativforslag",
        COVER,
        tuple(row[0] for row in FORM_ROWS[1:]),
        ("pdf", _form(FORM_ROWS[1:])),
    ),
    Case(
        "pdf_single_letter",
        "Høringssvar",
        COVER,
        ("offentlig adgang til data om vandkvalitet",),
        (
            "pdf",
            [
                (
                    "p",
                    "Forbrugerrådet foreslår offentlig adgang til data om vandkvalitet fra alle vandværker.",
                ),
                (
                    "p",
                    "Data bør være maskinlæsbare og opdateres mindst en gang om måneden. Ansvaret bør ligge hos Miljøstyrelsen.",
                ),
            ],
        ),
    ),
    Case(
        "body_letter_markers",
        "Høringssvar fra Ældre Sagen lokalafdeling",
        "Tak for muligheden for at svare.\n\nVores forslag til handlingsplanen er:\n\n"
        "a) Hjælp til digital selvbetjening på bibliotekerne\nb) Brugertest af nye selvbetjeningsløsninger med ældre borgere\n"
        + SIGN,
        (
            "Hjælp til digital selvbetjening på bibliotekerne",
            "Brugertest af nye selvbetjeningsløsninger med ældre borgere",
        ),
    ),
    Case(
        "body_points_not_proposals",
        "Bemærkninger til handlingsplanen",
        "Kære Digitaliseringsstyrelse\n\nVi har ingen nye forslag, men vil gerne gøre opmærksom på tre forhold:\n\n"
        "1. Handlingsplanen bør have klare mål for hvert initiativ.\n2. Civilsamfundet bør inddrages i opfølgningen.\n"
        "3. Der bør afsættes midler til evaluering.\n\nVi håber, at bemærkningerne kan indgå i det videre arbejde."
        + SIGN,
        ("Handlingsplanen bør have klare mål for hvert initiativ",),
    ),
    Case(
        "body_bullet_dots",
        "Høringssvar",
        "Hej\n\nVi foreslår følgende:\n\n• Offentlige data om hospitalernes ventetider\n• Åbne data om ledige daginstitutionspladser\n\nMvh\nJens",
        (
            "Offentlige data om hospitalernes ventetider",
            "Åbne data om ledige daginstitutionspladser",
        ),
    ),
    Case(
        "body_initiativ_dot",
        "OGP input",
        "Hej\n\nInitiativ 1. Åbne data om luftkvalitet\nMålinger udstilles i realtid.\n\n"
        "Initiativ 2. Digital deltagelse i kommunale høringer\nHøringer gøres tilgængelige på en fælles portal.\n"
        + SIGN,
        ("Åbne data om luftkvalitet", "Digital deltagelse i kommunale høringer"),
    ),
    Case(
        "body_single_subject_colon",
        "Forslag til OGP-handlingsplanen: Offentlig adgang til kommunale lobbymøder",
        "Kære Digitaliseringsstyrelse\n\nJeg foreslår, at kommunerne skal offentliggøre, hvornår borgmestre og udvalgsformænd "
        "mødes med virksomheder og interesseorganisationer, og hvad møderne handlede om.\n\nVenlig hilsen\nAnne Møller",
        ("Offentlig adgang til kommunale lobbymøder",),
    ),
    Case(
        "body_no_comments_short",
        "SV: Høring over OGP",
        "Vi har ingen kommentarer til høringen.\n\nMed venlig hilsen\nNaturstyrelsen",
        (),
    ),
    Case(
        "pdf_no_comments",
        "Høringssvar",
        "Se vedhæftede brev." + SIGN,
        (),
        (
            "pdf",
            [
                ("p", "Erhvervsstyrelsen har ikke bemærkninger til høringen."),
                ("p", "Med venlig hilsen"),
            ],
        ),
    ),
    Case(
        "docx_numbered_headings_with_phases",
        "Høringssvar",
        COVER,
        ("Åbne data om ventetider i sundhedsvæsenet", "Borgerpanel om digital velfærd"),
        (
            "docx",
            [
                ("h1", "Initiativforslag 1 – Åbne data om ventetider i sundhedsvæsenet"),
                ("p", "Initiativet kan gennemføres i to faser:"),
                ("num", "Kortlægning af data"),
                ("num", "Offentliggørelse på sundhed.dk"),
                ("h1", "Initiativforslag 2 – Borgerpanel om digital velfærd"),
                (
                    "p",
                    "Et panel af borgere drøfter nye digitale velfærdsløsninger på regionalt niveau.",
                ),
            ],
        ),
    ),
    Case(
        "body_two_lists",
        "Høringssvar",
        "Kære Digitaliseringsstyrelse\n\nVi foreslår:\n\n- Åbne data om offentlige kontrakter\n- Et fælles lobbyregister\n\n"
        "Derudover har vi følgende forslag på det lokale område:\n\n1. Borgerbudgetter\n2. Åbne udvalgsmøder\n"
        + SIGN,
        (
            "Åbne data om offentlige kontrakter",
            "Et fælles lobbyregister",
            "Borgerbudgetter",
            "Åbne udvalgsmøder",
        ),
    ),
    Case(
        "body_single_with_benefits",
        "Lobbyregister",
        "Hej\n\nVores forslag er et lobbyregister for centraladministrationen. Fordelene er:\n\n"
        "- større tillid til beslutningerne\n- lige vilkår for interesseorganisationer\n\nMed venlig hilsen\nBo Lund",
        ("Lobbyregister",),
    ),
    Case(
        "docx_form_with_empty_template",
        "Initiativforslag",
        "Vedhæftet skema." + SIGN,
        ("Åbne data om offentlige indkøb",),
        (
            "docx",
            [
                *_form(FORM_ROWS[:1]),
                (
                    "table",
                    [
                        ["Initiativets titel", ""],
                        ["Beskrivelse", ""],
                        ["Ansvarlig myndighed", ""],
                        ["Niveau", ""],
                    ],
                ),
            ],
        ),
    ),
)


# The sample inbox (examples/inbox, written for the project's demo before the splitter):
# the titles a reviewer would list for each reply the pipeline stores. 09 is a duplicate of
# 08 and 12-14 are not replies (question, newsletter, out-of-office), so they are left out.
SAMPLE_LABELS: dict[str, tuple[str, ...]] = {
    "01-borger-videresendt-aabne-data.eml": (
        "Alle kommuner og regioner bør offentliggøre deres budgetter og regnskaber som åbne data",
        "Data om luftkvalitet, trafik og støj",
        "Oversigt over hvilke datasæt myndighederne har",
    ),
    "02-borger-svar-citat-cpr.eml": ("Borgerdeltagelse", "Sociale medier", "Borgerpaneler"),
    "03-forening-dfdd-html.eml": (
        "Et offentligt lobbyregister",
        "Open source som standard",
        "Åbne beslutningsprocesser",
        "Forsøg med digitalt demokrati",
    ),
    "04-virksomhed-pdf-bilag.eml": (
        "Stabile API'er til offentlige data",
        "Åbne data om offentlige indkøb",
        "Open source-komponenter",
        "Samskabelse med erhvervslivet",
    ),
    "05-virksomhed-windows1252.eml": (
        "Digital selvbetjening for virksomheder",
        "Open source først",
        "Gennemsigtighed om it-projekter",
    ),
    "06-kommune-docx-bilag.eml": (
        "Fælles kommunal platform for åbne data om budget, regnskab og service",
        "Digital selvbetjening med ret til personlig hjælp i borgerservice",
        "Digitale høringer om lokalplaner med kort og kommentarfunktion",
        "Whistleblowerordning for alle kommunale medarbejdere",
    ),
    "07-region-sent-svar.eml": (
        "Fælles whistleblowerordning for hele den offentlige sektor",
        "Regionerne og staten udgiver åbne data om ventetider og kvalitet på sygehusene",
        "Effektiv offentlig service måles på borgernes oplevelse",
    ),
    "08-forening-gennemsigtighed.eml": (
        "Whistleblowerordning",
        "Gennemsigtighed i lobbyisme",
        "Åbenhed om bidrag",
        "Aktindsigt",
    ),
    "10-borger-kampagne-a.eml": (
        "Lovfæstet whistleblowerordning i hele den offentlige sektor",
        "Offentlige kalendere for ministre og topembedsmænd",
        "Register over lobbyister",
    ),
    "11-borger-kampagne-b.eml": (
        "Lovfæstet whistleblowerordning i hele den offentlige sektor",
        "Offentlige kalendere for ministre og topembedsmænd",
        "Register over lobbyister",
    ),
    "15-borger-scannet-brev.eml": (
        "Borgerbudgetter",
        "Kommunalbestyrelsens møder bør kunne følges på internettet",
        "Glem ikke os ældre",
    ),
    "16-forening-odt-bilag.eml": (
        "Dagsordener og bilag til alle kommunale udvalgsmøder offentliggøres",
        "Et fælles lobbyregister for Folketinget, ministerierne og de fem regioner",
        "Aktindsigt skal kunne søges digitalt ét sted",
    ),
    "17-virksomhed-winmail-dat.eml": ("Åbne energidata", "Åbne kontrakter"),
}
