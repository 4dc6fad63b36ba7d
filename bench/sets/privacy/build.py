"""Build the privacy set: one raw RFC 5322 message per case in mails/<id>.eml.

Run once with /work/main/.venv/bin/python (python-docx) and LibreOffice (soffice) on PATH:

    /work/main/.venv/bin/python bench/sets/privacy/build.py

The .eml files are the set; FROZEN.sha256 pins them. Re-running rewrites them with new PDF creation
dates (the text content is the same), so do not re-run after the freeze.

Every person in these mails is invented. Organisations in the two control cases (c14, c15) are real
Danish bodies; their contact persons are invented.
"""

from __future__ import annotations

import hashlib
import html
import shutil
import subprocess
import sys
import tempfile
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "mails"
TO = "rumth@digst.dk"
CEST = timezone(timedelta(hours=2))

# A body is a list of blocks: ("p", "line\nline") a paragraph, ("li", text) a bullet item,
# ("b", text) a bold one-line heading, ("fwd", header_lines, [blocks]) a forwarded/quoted part.


def P(text):
    return ("p", text)


def LI(text):
    return ("li", text)


def B(text):
    return ("b", text)


CASES = []


def case(**kw):
    CASES.append(kw)


# ---------------------------------------------------------------- c01: Gmail, PDF letter with letterhead
case(
    id="c01",
    mailer="gmail",
    from_=("Jonas Kjærgaard", "jonas.kjaergaard@gmail.com"),
    subject="OGP-høring – forslag om åbne budgetdata",
    date=datetime(2017, 7, 25, 21, 14, 7, tzinfo=CEST),
    msgid="<CAH4kQx7Rz1pNq0vE3sYc8W2dJm5tLfKb9uXo6gTa1iVe0nPw@mail.gmail.com>",
    body=[P("Hej"), P("Hermed mit bidrag til OGP-høringen, se vedhæftede fil."), P("Venlig hilsen\nJonas")],
    attachments=[
        dict(
            filename="forslag-jonas-kjaergaard.pdf",
            kind="pdf",
            author="Jonas Kjærgaard",
            blocks=[
                ("letterhead", "Jonas Kjærgaard\nSkovbrynet 14\n5700 Svendborg\nTelefon 28 61 47 90\njonas.kjaergaard@gmail.com"),
                ("p", "Svendborg, 25. juli 2017"),
                ("p", "Til Digitaliseringsstyrelsen"),
                ("title", "Forslag til Danmarks OGP-handlingsplan 2017-2019: Kommunernes budgetter som åbne data"),
                ("p", "Jeg har i et par år fulgt budgetforhandlingerne i min kommune, og hver gang er tallene kun at finde som en lang PDF, hvor tabellerne ikke kan kopieres ud. Det gør det næsten umuligt for en almindelig borger at se, hvad der er flyttet fra det ene år til det næste."),
                ("p", "Mit forslag er derfor, at alle kommuner og regioner forpligter sig til at offentliggøre deres vedtagne budgetter og regnskaber som åbne data i et fælles, maskinlæsbart format, fx CSV, med den samme kontoplan, så man kan sammenligne på tværs."),
                ("p", "Data kunne samles ét sted, fx på Open Data DK, og opdateres hver gang et byråd eller et regionsråd har vedtaget et nyt budget."),
                ("p", "Det vil give journalister, foreninger og borgere et langt bedre grundlag for at deltage i debatten om prioriteringerne i deres egen kommune."),
                ("p", "Med venlig hilsen"),
                ("p", "Jonas Kjærgaard"),
            ],
        )
    ],
)

# ---------------------------------------------------------------- c02: webmail, co-signer not in From
case(
    id="c02",
    mailer="webmail",
    from_=("Karen Dalsgaard", "karen.dalsgaard@mail.dk"),
    subject="Ogp-Høring: lobbyregister",
    date=datetime(2017, 8, 2, 9, 47, 31, tzinfo=CEST),
    msgid="<1501660051.4417.mail.dk@webmail3.mail.dk>",
    body=[
        P("Til Digitaliseringsstyrelsen"),
        P("Vi vil gerne komme med et forslag til den nye handlingsplan."),
        P("Danmark bør indføre et egentligt lobbyregister for Folketinget og ministerierne. I dag kan man ikke se, hvem ministre og ordførere mødes med, eller hvilke interesser der har været inde over et lovforslag, før det bliver fremsat. I mange andre lande skal lobbyister registrere sig og oplyse, hvem de arbejder for, og hvilke sager de forsøger at påvirke. Det bør også gælde herhjemme, og registret bør være offentligt og søgbart på nettet."),
        P("Vi er begge pensionerede lærere og har gennem mange år undervist i samfundsfag. Poul Erik har desuden siddet i kommunalbestyrelsen i to perioder og har set på nært hold, hvor meget det betyder, hvem der får adgang til beslutningstagerne."),
        P("Med venlig hilsen"),
        P("Karen Dalsgaard og Poul Erik Thygesen\nRibe"),
    ],
)

# ---------------------------------------------------------------- c03: Apple Mail HTML, a couple named Have
case(
    id="c03",
    mailer="apple-mail",
    from_=("Lene Have", "lt.have@hotmail.com"),
    subject="OGP-høring",
    date=datetime(2017, 8, 6, 16, 3, 55, tzinfo=CEST),
    msgid="<9E2B6F41-0C7A-4D3B-8E15-5A7C2F9D4B60@hotmail.com>",
    html=True,
    body=[
        P("Kære Digitaliseringsstyrelse"),
        P("Vi har læst om høringen i avisen og vil gerne have lov at bidrage med en idé."),
        P("Når kommunen laver en ny lokalplan, får man som nabo et brev, og så er der et borgermøde en hverdag klokken 17, hvor planen stort set er færdig. Vi ville gerne have, at borgerne blev inddraget langt tidligere. Vores forslag er, at kommunerne opretter faste borgerpaneler, hvor tilfældigt udtrukne borgere fra lokalområdet mødes nogle gange om året og giver råd, inden planerne bliver skrevet, ligesom man har prøvet i Irland med en borgerforsamling."),
        P("Panelets anbefalinger bør offentliggøres, og kommunen bør skriftligt svare på, hvad den har brugt og hvorfor."),
        P("Vi deltager gerne selv, hvis det bliver til noget."),
        P("Mange hilsner\nLene og Torben Have\nEgevænget 3\nTlf. 51 90 23 64"),
    ],
)

# ---------------------------------------------------------------- c04: Outlook, forwarded by a library
case(
    id="c04",
    mailer="outlook",
    from_=("Vejle Bibliotekerne", "vejlebib@vejle.dk"),
    subject="VS: OGP-høring - forslag fra en låner",
    date=datetime(2017, 8, 2, 11, 5, 12, tzinfo=CEST),
    msgid="<5C1D0B7E4A2F9D4C8B3E6A1F0D2C7B95@EXCH02.vejle.dk>",
    body=[
        P("Videresendt af Vejle Bibliotekerne"),
        P("Hej"),
        P("En af vores lånere har bedt os om at sende nedenstående videre, da han ikke selv har en e-mailadresse. Teksten er skrevet af ham selv i bibliotekets it-café, og vi har ikke rettet i den."),
        P("Venlig hilsen\nVejle Bibliotekerne\nHovedbiblioteket, Information"),
        ("fwd", ["-----Oprindelig meddelelse-----", "Fra: Vejle Bibliotekerne", "Sendt: 2. august 2017 10:41", "Til: Vejle Bibliotekerne", "Emne: OGP-høring"], [
            P("Til Digitaliseringsstyrelsen"),
            P("Jeg er 79 år og har aldrig haft computer. Alt skal nu foregå over nettet, også når jeg skal søge om noget hos kommunen eller se mine papirer fra sygehuset. Det er et demokratisk problem, når en stor gruppe ældre ikke kan følge med i, hvad myndighederne gør."),
            P("Jeg foreslår, at alle borgere får ret til at få breve og svar på papir, hvis de beder om det, og at der på hvert bibliotek og borgerservice er en person, der har tid til at hjælpe med de digitale løsninger, uden at man skal bestille tid en uge før."),
            P("Venlig hilsen\nEjnar Bech\nDæmningen 31, 1. th.\ntlf. 75 82 14 39"),
        ]),
    ],
)

# ---------------------------------------------------------------- c05: webmail (Outlook.com), CPR number in the text
case(
    id="c05",
    mailer="webmail",
    from_=("Susanne Krogh Madsen", "susannekm@live.dk"),
    subject="OGP-hoering aktindsigt",
    date=datetime(2017, 8, 11, 22, 38, 2, tzinfo=CEST),
    msgid="<HE1PR0701MB2187C3F0A1B94E5D6C2A8F3BB9E40@HE1PR0701MB2187.eurprd07.prod.outlook.com>",
    body=[
        P("Hej."),
        P("Jeg har et forslag til jeres handlingsplan om åbenhed."),
        P("Sidste år bad jeg min kommune om aktindsigt i min egen sag om et handicaptillæg. Der gik over fire måneder, før jeg fik svar, og så var halvdelen af dokumenterne sorte. Loven siger, at man skal have svar inden for 7 arbejdsdage, men ingen holder øje med det."),
        P("Forslag: Lav en fælles digital indgang, hvor man kan bede om aktindsigt hos alle myndigheder, følge sin anmodning undervejs og se, hvor lang tid den enkelte myndighed i gennemsnit er om at svare. Tallene skal offentliggøres hvert år."),
        P("I er velkomne til at bruge min sag som eksempel. Mit cpr-nr. er 140267-2318, hvis I vil finde den i kommunens system."),
        P("Mvh\nSusanne Krogh Madsen"),
    ],
)

# ---------------------------------------------------------------- c06: Outlook HTML, bare phone number on a signature line
case(
    id="c06",
    mailer="outlook",
    from_=("Rasmus Dal", "rasmus.dal@outlook.dk"),
    subject="Svar på OGP-høring",
    date=datetime(2017, 7, 19, 8, 12, 44, tzinfo=CEST),
    msgid="<AM4PR0501MB2254D8E1F7A04C9B3E5F6A2DC1B70@AM4PR0501MB2254.eurprd05.prod.outlook.com>",
    html=True,
    body=[
        P("Hej Digitaliseringsstyrelsen"),
        P("Tak for muligheden for at komme med input. Jeg arbejder selv med software til daglig, men skriver her som privatperson."),
        P("Mit forslag: Software, som det offentlige betaler for at få udviklet, skal som udgangspunkt frigives som open source, så andre myndigheder, virksomheder og borgere kan genbruge det, se hvordan det virker og foreslå rettelser. Det gælder især systemer, der træffer eller forbereder afgørelser over for borgerne, for her er åbenhed om logikken afgørende for tilliden."),
        P("Konkret kunne handlingsplanen indeholde:"),
        LI("en fælles kodedelingsplatform for stat, regioner og kommuner"),
        LI("en regel om, at udbud af nyudvikling som standard kræver en åben licens"),
        LI("en årlig opgørelse over, hvor meget kode der er delt"),
        P("Jeg tror, det kan være med til at vende den dalende tillid til offentlige it-projekter."),
        P("Med venlig hilsen\nRasmus Dal\n40125577"),
    ],
)

# ---------------------------------------------------------------- c07: iPhone reply to the newsletter, name Skov
case(
    id="c07",
    mailer="iphone",
    from_=("Mette Skov", "metteskov71@icloud.com"),
    subject="Re: OGP-høring",
    date=datetime(2017, 7, 4, 7, 51, 20, tzinfo=CEST),
    msgid="<3F8C2D1A-7B6E-4A95-B0C4-E12D9F5A8C37@icloud.com>",
    body=[
        P("Hej. Et forslag: Gør alle miljøgodkendelser, tilladelser til skovrejsning og naturgenopretning og de tilhørende kort tilgængelige som åbne data ét sted, så man kan se, hvad der er planlagt i ens nærområde, før gravkøerne kommer. Lige nu skal man skrive til tre forskellige myndigheder for at få et samlet billede."),
        P("Mvh Mette Skov"),
        P("Sendt fra min iPhone"),
        ("quote", "Den 3. jul. 2017 kl. 09.12 skrev Digitaliseringsstyrelsen <nyhedsbrev@digst.dk>:", [
            P("Digitaliseringsstyrelsen indbyder alle til at sende forslag til Danmarks næste handlingsplan for Open Government Partnership. Send dit forslag til rumth@digst.dk senest den 20. august 2017 og skriv \"OGP-høring\" i emnefeltet."),
        ]),
    ],
)

# ---------------------------------------------------------------- c08: Apple Mail from an own domain (Message-ID domain), street without postcode
case(
    id="c08",
    mailer="apple-mail",
    from_=("Niels Aagesen", "niels@aagesen.dk"),
    subject="OGP-høring: video fra byrådsmøder",
    date=datetime(2017, 8, 14, 20, 26, 9, tzinfo=CEST),
    msgid="<7C1E2A90-4B5D-4E61-9F0C-2D8A6B3E5F11@aagesen.dk>",
    body=[
        P("Hej"),
        P("Et konkret forslag til handlingsplanen:"),
        P("Alle byrådsmøder og regionsrådsmøder bør transmitteres direkte og gemmes som video, hvor man kan springe til det enkelte punkt på dagsordenen. Dagsordener, bilag og referater bør ligge som søgbar tekst og ikke kun som scannede dokumenter, og det bør fremgå, hvordan hvert medlem har stemt."),
        P("Flere kommuner gør det allerede, men det er op til den enkelte kommune, og kvaliteten svinger meget. En fælles minimumsstandard ville gøre det langt lettere at følge med i lokalpolitik."),
        P("Bedste hilsner"),
        P("Niels Aagesen\nMejlgade 58, 1. tv.\nniels@aagesen.dk"),
    ],
)

# ---------------------------------------------------------------- c09: Thunderbird, DOCX letter with a lower-case file name
case(
    id="c09",
    mailer="thunderbird",
    from_=("Kirsten Bak Holm", "kirstenbakholm@yahoo.dk"),
    subject="OGP-Høring - forslag om borgerbudgetter",
    date=datetime(2017, 8, 17, 13, 2, 58, tzinfo=CEST),
    msgid="<6b2f0c1e-93d4-4a7e-b5c8-0f1d2e3a4b5c@yahoo.dk>",
    body=[
        P("Til rette vedkommende"),
        P("Hermed vedhæftet mit forslag til OGP-handlingsplanen. Jeg håber, det kan bruges."),
        P("Venlig hilsen\nKirsten Bak Holm"),
    ],
    attachments=[
        dict(
            filename="kirsten bak holm - ogp forslag.docx",
            kind="docx",
            author="Kirsten Bak Holm",
            blocks=[
                ("letterhead", "Kirsten Bak Holm\nTjørnevej 22\n9000 Aalborg\nTlf. 61 33 48 02"),
                ("title", "Forslag: Borgerbudgetter i kommunerne"),
                ("bold", "Baggrund"),
                ("p", "I Paris og Porto Alegre har man i flere år ladet borgerne bestemme over en del af byens anlægsbudget. Borgerne stiller forslag, kommunens forvaltning regner på dem, og til sidst stemmer indbyggerne om, hvilke projekter der skal gennemføres."),
                ("bold", "Forslag"),
                ("p", "Jeg foreslår, at regeringen i handlingsplanen forpligter sig til at bakke op om forsøg med borgerbudgetter i mindst fem kommuner, fx ved at afsætte en pulje og samle erfaringerne i en fælles vejledning."),
                ("p", "Borgerbudgetter giver folk en grund til at engagere sig mellem valgene, og det gør det synligt, hvad pengene går til."),
                ("p", "Med venlig hilsen"),
                ("p", "Kirsten Bak Holm"),
            ],
        )
    ],
)

# ---------------------------------------------------------------- c10: Gmail HTML, co-signer named in the text and the signature
case(
    id="c10",
    mailer="gmail",
    from_=("Frederik Lindberg", "frederiklindberg88@gmail.com"),
    subject="OGP-høring: whistleblowerordning i staten",
    date=datetime(2017, 8, 19, 10, 31, 40, tzinfo=CEST),
    msgid="<CAJx9pT2mW8fQz4nH1bRk7sLc0dYv3eGa6uNo5iPt2wEr8yKq@mail.gmail.com>",
    html=True,
    body=[
        P("Hej"),
        P("Jeg sender hermed et forslag, som jeg har skrevet sammen med Amalie Winther. Vi har begge arbejdet i en styrelse og oplevet, hvor svært det er at sige fra, når noget ikke er i orden."),
        B("Forslag: En fælles whistleblowerordning for hele staten"),
        P("Ansatte i ministerier og styrelser bør have adgang til en uafhængig whistleblowerordning, hvor de anonymt kan indberette mistanke om fx misbrug af midler, habilitetsproblemer eller bevidst vildledning. Ordningen bør ligge uden for den enkelte myndighed, fx hos Ombudsmanden, og der bør hvert år offentliggøres en opgørelse over antal sager og udfald."),
        P("Ordningen skal suppleres med en klar beskyttelse mod repressalier, så det ikke koster karrieren at gøre opmærksom på fejl."),
        P("Venlig hilsen\nFrederik Lindberg og Amalie Winther"),
        ("sig", "Frederik Lindberg\nMobil: +45 31 72 90 56"),
    ],
)

# ---------------------------------------------------------------- c11: webmail, PDF with a transliterated file name and a one-line letterhead
case(
    id="c11",
    mailer="webmail",
    from_=("Søren Grønbech", "soeren.groenbech@jubii.dk"),
    subject="Høringssvar OGP-høring",
    date=datetime(2017, 8, 18, 15, 44, 21, tzinfo=CEST),
    msgid="<20170818134421.Horde.Kq3xR8n2Zp0vLw5Ty7Jc1Aa@webmail.jubii.dk>",
    body=[P("Hej"), P("Vedlagt mit høringssvar til OGP-høringen."), P("Mvh\nSøren Grønbech")],
    attachments=[
        dict(
            filename="Hoeringssvar_Soeren_Groenbech.pdf",
            kind="pdf",
            author="Søren Grønbech",
            blocks=[
                ("letterhead", "Søren Grønbech · Fjordvej 9 · 4000 Roskilde · tlf. 42 18 66 05"),
                ("p", "Roskilde, 18. august 2017"),
                ("title", "Høringssvar vedr. Danmarks OGP-handlingsplan 2017-2019"),
                ("p", "Jeg har to forslag til handlingsplanen."),
                ("bold", "1. Offentlige kalendere for ministre"),
                ("p", "Ministrenes kalendere bør offentliggøres løbende, så det fremgår, hvem de mødes med og om hvad. Flere ministre gjorde det i en periode frivilligt, men det er aldrig blevet en fast praksis. Kalenderne bør lægges ud senest en uge efter mødet."),
                ("bold", "2. Åbenhed om ministerbetjening"),
                ("p", "Offentlighedsloven fra 2013 begrænsede adgangen til dokumenter, der udveksles mellem embedsværket og ministeren. Regeringen bør bruge handlingsplanen til at tage reglen om ministerbetjening op til revision, så pressen og borgerne igen kan få indsigt i, hvordan lovforslag bliver til."),
                ("p", "Med venlig hilsen"),
                ("p", "Søren Grønbech"),
            ],
        )
    ],
)

# ---------------------------------------------------------------- c12: Outlook plain reply, own letterhead at the top, own domain
case(
    id="c12",
    mailer="outlook",
    from_=("Hanne Berg", "hanne@hberg.dk"),
    subject="SV: OGP-høring 2017",
    date=datetime(2017, 7, 12, 19, 9, 3, tzinfo=CEST),
    msgid="<000c01d2fb3e$5e2f8a70$1a8e9f50$@hberg.dk>",
    body=[
        P("Hanne Berg\nLærkevej 5\n7400 Herning\nTelefon 97 12 34 56"),
        P("Kære Digitaliseringsstyrelse"),
        P("Tak for invitationen. Mit forslag handler om høringerne selv."),
        P("Når man har sendt et høringssvar, hører man som regel aldrig mere. Jeg foreslår, at alle statslige høringer afsluttes med et kort høringsnotat, der offentliggøres på Høringsportalen og sendes til alle, der har svaret, og hvor det står klart, hvilke forslag der er taget med, og hvorfor de øvrige er valgt fra. Høringsportalen bør også give mulighed for at se andres svar, mens høringen kører."),
        P("Det vil gøre det mere meningsfuldt at bruge tid på at svare, og det vil vise, at inddragelsen er reel."),
        P("Med venlig hilsen\nHanne Berg"),
        ("fwd", ["Fra: Digitaliseringsstyrelsen [mailto:nyhedsbrev@digst.dk]", "Sendt: 30. juni 2017 13:05", "Til: Hanne Berg", "Emne: OGP-høring 2017"], [
            P("Digitaliseringsstyrelsen indbyder alle til at sende forslag til Danmarks næste handlingsplan for Open Government Partnership. Send dit forslag til rumth@digst.dk senest den 20. august 2017 og skriv \"OGP-høring\" i emnefeltet."),
        ]),
    ],
)

# ---------------------------------------------------------------- c13: OWA HTML, forwarded by Borgerservice; the citizen is in the inner header
case(
    id="c13",
    mailer="exchange-owa",
    from_=("Borgerservice Aarhus", "borgerservice@aarhus.dk"),
    subject="VS: OGP-høring (henvendelse i Borgerservice)",
    date=datetime(2017, 8, 15, 9, 18, 37, tzinfo=CEST),
    msgid="<DB6PR0202MB2904A7C1E3F24B8D9E0F1A2B3C4D5@DB6PR0202MB2904.eurprd02.prod.outlook.com>",
    html=True,
    body=[
        P("Hej"),
        P("Vi har fået nedenstående henvendelse via vores kontaktformular. Borgeren ønsker, at den indgår i jeres høring, så vi sender den videre."),
        P("Med venlig hilsen\nBorgerservice Aarhus\nAarhus Kommune"),
        ("fwd", ["Fra: Yusuf Demir <yusuf.demir@hotmail.com>", "Sendt: 14. august 2017 19:22", "Til: Borgerservice Aarhus", "Emne: OGP-høring"], [
            P("Hej. Jeg har boet i Danmark i 11 år og taler godt dansk, men brevene fra det offentlige er meget svære at forstå, også for mine danske naboer. Mit forslag er at alle breve fra kommuner og styrelser skal skrives i klart sprog og testes på rigtige borgere, før de sendes ud. Vigtige informationer på borger.dk bør også findes på engelsk, arabisk og tyrkisk."),
            P("Venlig hilsen\nYusuf Demir\nGudrunsvej 40, 3. mf.\n8220 Brabrand"),
        ]),
    ],
)

# ---------------------------------------------------------------- c14: control, organisation, Outlook HTML, numbered proposals
case(
    id="c14",
    mailer="outlook",
    from_=("Mikkel Ravn Olesen", "mro@transparency.dk"),
    subject="OGP-høring - bidrag fra Transparency International Danmark",
    date=datetime(2017, 8, 18, 16, 55, 10, tzinfo=CEST),
    msgid="<VI1PR0301MB2318E4B7C9A04D1F8E2B6C5A3D9F0@VI1PR0301MB2318.eurprd03.prod.outlook.com>",
    html=True,
    body=[
        P("Til Digitaliseringsstyrelsen"),
        P("Transparency International Danmark takker for muligheden for at bidrage til den kommende OGP-handlingsplan og har følgende forslag:"),
        B("1. Et offentligt register over reelle ejere"),
        P("Registret over reelle ejere, som Erhvervsstyrelsen er ved at etablere, bør være frit tilgængeligt for alle og udstilles som åbne data, så journalister og civilsamfund kan spore, hvem der står bag selskaber, der modtager offentlige midler."),
        B("2. Et lobbyregister"),
        P("Danmark bør indføre et obligatorisk register over lobbyvirksomhed rettet mod Folketinget og centraladministrationen, med oplysninger om klienter, emner og møder."),
        B("3. Åbenhed om partistøtte"),
        P("Private bidrag til partier og kandidater over en lav beløbsgrænse bør offentliggøres løbende og ikke kun én gang om året."),
        P("Vi uddyber gerne forslagene på et møde."),
        P("Med venlig hilsen"),
        P("Mikkel Ravn Olesen\nPolitisk rådgiver\nTransparency International Danmark\nTlf. 26 80 41 17\nmro@transparency.dk"),
    ],
)

# ---------------------------------------------------------------- c15: control, organisation, plain cover note + PDF letter
case(
    id="c15",
    mailer="outlook",
    from_=("Trine Vestergaard Ebbesen", "tve@handicap.dk"),
    subject="OGP-høring: høringssvar fra Danske Handicaporganisationer",
    date=datetime(2017, 8, 20, 14, 7, 26, tzinfo=CEST),
    msgid="<4A9B3C2D1E0F47A8B6C5D4E3F2A1B0C9@EXCH01.handicap.dk>",
    body=[
        P("Til Digitaliseringsstyrelsen"),
        P("Hermed Danske Handicaporganisationers høringssvar vedr. OGP-handlingsplanen 2017-2019."),
        P("Med venlig hilsen"),
        P("Trine Vestergaard Ebbesen\nKonsulent\nDanske Handicaporganisationer\nDirekte: 36 75 17 93"),
    ],
    attachments=[
        dict(
            filename="DH høringssvar OGP-handlingsplan 2017-2019.pdf",
            kind="pdf",
            author="Trine Vestergaard Ebbesen",
            blocks=[
                ("letterhead", "Danske Handicaporganisationer\nBlekinge Boulevard 2\n2630 Taastrup"),
                ("p", "20. august 2017"),
                ("title", "Høringssvar vedr. Danmarks OGP-handlingsplan 2017-2019"),
                ("p", "Danske Handicaporganisationer (DH) takker for invitationen til at komme med forslag til handlingsplanen. DH vil gerne fremhæve, at åbenhed og borgerinddragelse kun virker, hvis alle kan deltage."),
                ("bold", "Tilgængelige digitale løsninger"),
                ("p", "Offentlige hjemmesider, selvbetjeningsløsninger og høringsportaler skal leve op til tilgængelighedsstandarden WCAG 2.0 på niveau AA, og det bør løbende måles og offentliggøres, hvilke myndigheder der gør det."),
                ("bold", "Inddragelse af mennesker med handicap"),
                ("p", "Når nye digitale løsninger udvikles, bør brugere med forskellige handicap være med fra starten. DH's medlemsorganisationer stiller gerne testpersoner til rådighed."),
                ("p", "Med venlig hilsen"),
                ("p", "Trine Vestergaard Ebbesen\nKonsulent"),
            ],
        )
    ],
)


# ================================================================ rendering


def plain_blocks(blocks, quote=False):
    out = []
    for b in blocks:
        if b[0] in ("p", "b", "sig"):
            if b[0] == "sig":
                out.append("-- \n" + b[1])
            else:
                out.append(b[1])
        elif b[0] == "li":
            out.append("- " + b[1])
        elif b[0] == "fwd":
            out.append("\n".join(b[1]) + "\n\n" + plain_blocks(b[2]))
        elif b[0] == "quote":
            inner = plain_blocks(b[2])
            out.append(b[1] + "\n\n" + "\n".join("> " + ln if ln else ">" for ln in inner.split("\n")))
    # consecutive list items sit on adjacent lines
    text = ""
    for i, chunk in enumerate(out):
        if i and chunk.startswith("- ") and out[i - 1].startswith("- "):
            text += "\n" + chunk
        else:
            text += ("\n\n" if i else "") + chunk
    return text


def esc(text, entities=False):
    s = html.escape(text, quote=False)
    if entities:  # Outlook writing a us-ascii HTML part
        s = s.encode("ascii", "xmlcharrefreplace").decode("ascii")
        for ch, name in (("&#230;", "&aelig;"), ("&#248;", "&oslash;"), ("&#229;", "&aring;"),
                         ("&#198;", "&AElig;"), ("&#216;", "&Oslash;"), ("&#197;", "&Aring;")):
            s = s.replace(ch, name)
    return s


def html_outlook(blocks):
    lines = []
    for b in blocks:
        if b[0] == "p":
            for ln in b[1].split("\n"):
                lines.append(f"<p class=MsoNormal>{esc(ln, True)}<o:p></o:p></p>")
            lines.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
        elif b[0] == "b":
            lines.append(f"<p class=MsoNormal><b>{esc(b[1], True)}<o:p></o:p></b></p>")
        elif b[0] == "li":
            lines.append(
                "<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
                "<![if !supportLists]><span style='font-family:Symbol'>&middot;<span style='font:7.0pt \"Times New Roman\"'>"
                "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>"
                f"{esc(b[1], True)}<o:p></o:p></p>"
            )
    body = "\n".join(lines)
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
        'xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=us-ascii">'
        '<meta name=Generator content="Microsoft Word 15 (filtered medium)"><style><!--\n'
        "p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;margin-bottom:.0001pt;font-size:11.0pt;font-family:\"Calibri\",sans-serif;}\n"
        "p.MsoListParagraph\n\t{margin-top:0cm;margin-right:0cm;margin-bottom:0cm;margin-left:36.0pt;font-size:11.0pt;font-family:\"Calibri\",sans-serif;}\n"
        "--></style></head><body lang=DA link=\"#0563C1\" vlink=\"#954F72\"><div class=WordSection1>\n"
        + body
        + "\n</div></body></html>\n"
    )


def html_gmail(blocks):
    parts = []
    for b in blocks:
        if b[0] == "p":
            parts.append("<div>" + "<br>".join(esc(ln) for ln in b[1].split("\n")) + "</div>")
        elif b[0] == "b":
            parts.append(f"<div><b>{esc(b[1])}</b></div>")
        elif b[0] == "sig":
            parts.append(
                '<div>-- <br><div class="gmail_signature" data-smartmail="gmail_signature"><div dir="ltr">'
                + "<br>".join(esc(ln) for ln in b[1].split("\n")) + "</div></div></div>"
            )
            continue
        parts.append("<div><br></div>")
    return '<div dir="ltr">' + "".join(parts) + "</div>\n"


def html_apple(blocks):
    parts = []
    for b in blocks:
        if b[0] == "p":
            parts.append("".join(f'<div class="">{esc(ln)}</div>' for ln in b[1].split("\n")))
            parts.append('<div class=""><br class=""></div>')
    return (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>'
        '<body style="word-wrap: break-word; -webkit-nbsp-mode: space; -webkit-line-break: after-white-space;" class="">'
        + "".join(parts) + "</body></html>\n"
    )


def html_owa(blocks):
    def paras(bs):
        return "".join("<p>" + "<br>\n".join(esc(ln) for ln in b[1].split("\n")) + "</p>\n" for b in bs if b[0] == "p")

    out = ['<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
           '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n</head>\n'
           '<body dir="ltr">\n<div id="divtagdefaultwrapper" style="font-size:12pt;color:#000000;font-family:Calibri,Helvetica,sans-serif;" dir="ltr">\n']
    for b in blocks:
        if b[0] == "p":
            out.append(paras([b]) + "<p><br>\n</p>\n")
        elif b[0] == "fwd":
            hdr = []
            for ln in b[1]:
                k, _, v = ln.partition(": ")
                hdr.append(f"<b>{esc(k)}:</b> {esc(v)}")
            out.append('<div style="color: rgb(0, 0, 0);">\n<hr style="display:inline-block;width:98%" tabindex="-1">\n'
                       '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
                       + "<br>\n".join(hdr) + '</font>\n<div>&nbsp;</div>\n</div>\n<div>\n' + paras(b[2]) + "</div>\n</div>\n")
    out.append("</div>\n</body>\n</html>\n")
    return "".join(out)


HTML = {"outlook": html_outlook, "gmail": html_gmail, "apple-mail": html_apple, "exchange-owa": html_owa}

MAILER_HEADERS = {
    "gmail": [],
    "webmail": [("User-Agent", "Horde Application Framework 5")],
    "apple-mail": [("X-Mailer", "Apple Mail (2.3273)")],
    "iphone": [("X-Mailer", "iPhone Mail (14F89)")],
    "outlook": [("X-Mailer", "Microsoft Outlook 16.0"), ("Thread-Index", "AdMLb3T5kQ2n0sXeR8mJ4y1Vf7cZ9A==")],
    "thunderbird": [("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:52.0) Gecko/20100101 Thunderbird/52.2.1")],
    "exchange-owa": [("X-MS-Has-Attach", ""), ("x-originating-ip", "[10.20.4.17]")],
}


def make_docx(att, path):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.core_properties.author = att["author"]
    d.core_properties.last_modified_by = att["author"]
    d.core_properties.title = ""
    for style, text in att["blocks"]:
        if style == "letterhead":
            para = d.add_paragraph()
            for i, ln in enumerate(text.split("\n")):
                run = para.add_run(ln)
                run.font.size = Pt(10)
                if i < len(text.split("\n")) - 1:
                    run.add_break()
        elif style == "title":
            d.add_heading(text, level=1)
        elif style == "bold":
            d.add_paragraph().add_run(text).bold = True
        else:
            para = d.add_paragraph()
            lns = text.split("\n")
            for i, ln in enumerate(lns):
                run = para.add_run(ln)
                if i < len(lns) - 1:
                    run.add_break()
    d.save(path)


def make_attachment(att, tmp):
    stem = hashlib.sha1(att["filename"].encode()).hexdigest()[:10]
    docx_path = tmp / f"{stem}.docx"
    make_docx(att, docx_path)
    if att["kind"] == "docx":
        return docx_path.read_bytes(), "application", "vnd.openxmlformats-officedocument.wordprocessingml.document"
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    return (tmp / f"{stem}.pdf").read_bytes(), "application", "pdf"


def build(c, tmp):
    m = EmailMessage(policy=policy.SMTP)
    name, addr = c["from_"]
    from email.headerregistry import Address

    m["From"] = Address(display_name=name, addr_spec=addr)
    m["To"] = TO
    m["Subject"] = c["subject"]
    m["Date"] = format_datetime(c["date"])
    m["Message-ID"] = c["msgid"]
    m["MIME-Version"] = "1.0"
    for k, v in MAILER_HEADERS[c["mailer"]]:
        m[k] = v
    if c["mailer"] in ("outlook", "exchange-owa"):
        m["Content-Language"] = "da-DK"
    text = plain_blocks(c["body"]) + "\n"
    if c["mailer"] == "exchange-owa":
        m.set_content(HTML["exchange-owa"](c["body"]), subtype="html", charset="utf-8", cte="quoted-printable")
    else:
        cte = "base64" if c["mailer"] == "gmail" and not c.get("html") else "quoted-printable"
        m.set_content(text, charset="utf-8", cte=cte)
        if c.get("html"):
            m.add_alternative(HTML[c["mailer"]](c["body"]), subtype="html", charset="utf-8", cte="quoted-printable")
    for att in c.get("attachments", []):
        data, maintype, subtype = make_attachment(att, tmp)
        m.add_attachment(data, maintype=maintype, subtype=subtype, filename=att["filename"])
    seed = hashlib.sha1(c["id"].encode()).hexdigest()
    for i, part in enumerate(p for p in m.walk() if p.is_multipart()):
        part.set_boundary(f"----=_Part_{seed[:12]}_{i}")
    return m.as_bytes()


def main():
    if not shutil.which("soffice"):
        sys.exit("soffice not on PATH")
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as t:
        for c in CASES:
            (OUT / f"{c['id']}.eml").write_bytes(build(c, Path(t)))
            print("wrote", c["id"])


if __name__ == "__main__":
    main()
