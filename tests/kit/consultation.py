"""A generated 140-reply consultation for the høringsnotat (issue 19 item 3): deterministic
.eml files imported through the real pipeline, then decided the way reviewers do.

What it holds: 24 bodies (authorities, organisations, companies; most on the høringsliste
it writes beside the mails, five on the list do not reply), 7 of them "ingen bemærkninger";
a campaign of 14 citizens' form letters naming its organiser, 5 with sentences of their
own; 94 citizens proposing one or two of twelve proposals in their own words, 5 of them in
English (one proposing what no one else does); 8 general remarks without a proposal; 3
replies after the deadline; decisions on replies and on candidates (`decide`).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from tests.kit.mails import make_mail

DEADLINE = "2017-08-20"
START = datetime.fromisoformat("2017-07-03T09:00:00+02:00")
SUBJECT = "OGP-høring: Udkast til handlingsplan"

# Twelve proposals, each said in three ways: who proposes the same thing in other words.
PROPOSALS = (
    (
        "Ministrenes kalendere bør offentliggøres hver uge, så åbenhed om møder med lobbyister "
        "bliver reglen.",
        "Jeg foreslår, at ministrenes kalendere offentliggøres ugentligt med alle møder med "
        "lobbyister.",
        "Ministres og topembedsmænds kalendere skal offentliggøres, så møder med lobbyister kan "
        "ses.",
    ),
    (
        "Der bør indføres en lovfæstet whistleblowerordning i hele den offentlige sektor.",
        "Vi foreslår en lovfæstet whistleblowerordning, der gælder alle offentlige arbejdspladser.",
        "En whistleblowerordning bør lovfæstes for hele den offentlige sektor, så korruption kan "
        "anmeldes trygt.",
    ),
    (
        "Kommunernes budgetter og regnskaber bør udgives som åbne data i et maskinlæsbart format.",
        "Jeg foreslår, at alle kommuner udgiver budget og regnskab som åbne data, maskinlæsbart.",
        "Budgetdata fra kommunerne skal være åbne data, så de kan sammenlignes på tværs.",
    ),
    (
        "Offentligt udviklet software bør udgives som open source under en åben licens.",
        "Vi foreslår, at software betalt af det offentlige frigives som open source med åben "
        "kildekode.",
        "Kildekoden til offentlige it-systemer skal være open source under åben licens.",
    ),
    (
        "Der bør oprettes et register over lobbyister, der mødes med folketingsmedlemmer og "
        "embedsfolk.",
        "Jeg foreslår et offentligt lobbyregister over alle, der mødes med politikere om "
        "lovforslag.",
        "Et lobbyregister bør vise, hvem der mødes med politikere og embedsfolk om lobbyisme.",
    ),
    (
        "Der bør nedsættes borgerpaneler, som inddrages i kommunernes store beslutninger.",
        "Vi foreslår faste borgerpaneler med lodtrukne borgere til borgerinddragelse i kommunerne.",
        "Kommunerne skal bruge borgerpaneler for at styrke borgerinddragelse og borgerdeltagelse.",
    ),
    (
        "Sagsbehandlingstiden for aktindsigt bør højst være syv dage, og ventetid skal "
        "offentliggøres.",
        "Jeg foreslår, at aktindsigt gives inden syv dage, og at myndighedernes "
        "sagsbehandlingstid offentliggøres.",
        "Myndighederne skal besvare anmodninger om aktindsigt inden syv dage.",
    ),
    (
        "Offentlige algoritmer, der træffer afgørelser om borgere, bør kunne efterprøves og "
        "beskrives åbent.",
        "Vi foreslår, at algoritmer og kunstig intelligens i offentlige afgørelser beskrives "
        "åbent.",
        "Kunstig intelligens og algoritmer i den offentlige sektor skal kunne efterprøves af "
        "borgerne.",
    ),
    (
        "Partistøtte og private bidrag til partier bør offentliggøres løbende og samlet.",
        "Jeg foreslår, at alle private bidrag til partierne offentliggøres, så partistøtte er "
        "gennemsigtig.",
        "Private bidrag til partier skal offentliggøres løbende for gennemsigtighed om "
        "partistøtte.",
    ),
    (
        "Dagsordener og referater fra kommunalbestyrelsernes udvalg bør offentliggøres som "
        "søgbare data.",
        "Vi foreslår, at alle referater og dagsordener fra kommunale udvalg gøres søgbare på "
        "nettet.",
        "Referater fra udvalgsmøder skal offentliggøres med dagsorden, så beslutningsprocessen "
        "kan følges.",
    ),
    (
        "Staten bør indgå partnerskaber om samskabelse med civilsamfundet om nye digitale "
        "løsninger.",
        "Jeg foreslår samskabelse med frivillige foreninger, når offentlige digitale løsninger "
        "udvikles.",
        "Der skal laves partnerskaber om samskabelse mellem myndigheder og civilsamfund.",
    ),
    (
        "Selvbetjeningsløsninger bør brugertestes med borgere, før de tages i brug.",
        "Vi foreslår, at al offentlig selvbetjening brugertestes, så den bliver brugervenlig.",
        "Offentlig selvbetjening skal brugertestes med rigtige brugere for at blive brugervenlig "
        "service.",
    ),
)
ENGLISH = (
    "We propose that ministers' calendars are published every week, including meetings with "
    "lobbyists.",
    "We propose open source licences for all software the public sector pays for.",
    "We recommend publishing municipal budgets as open data in a machine-readable format.",
    "We propose a whistleblower protection scheme covering the whole public sector.",
    "We propose that every contract with an IT supplier above one million kroner is "
    "published in full, so that citizens can follow how the money is spent.",
)
BODIES = (  # name, domain, type on the høringsliste, proposals (indices) or None: no comments
    ("KL", "kl.dk", "myndighed", (2, 5)),
    ("Danske Regioner", "regioner.dk", "myndighed", (11,)),
    ("Københavns Kommune", "kk.dk", "myndighed", (2, 9)),
    ("Aarhus Kommune", "aarhus.dk", "myndighed", (5,)),
    ("Odense Kommune", "odense.dk", "myndighed", (9,)),
    ("Datatilsynet", "datatilsynet.dk", "myndighed", None),
    ("Rigsarkivet", "sa.dk", "myndighed", None),
    ("Erhvervsstyrelsen", "erst.dk", "myndighed", None),
    ("Dansk Erhverv", "danskerhverv.dk", "organisation", (3, 11)),
    ("Dansk Industri", "di.dk", "organisation", (7,)),
    ("Transparency International Danmark", "transparency.dk", "organisation", (1, 4, 8)),
    ("Open Knowledge Danmark", "okfn.dk", "organisation", (2, 3)),
    ("Dansk Journalistforbund", "journalistforbundet.dk", "organisation", (0, 6)),
    ("Forbrugerrådet Tænk", "taenk.dk", "organisation", (11,)),
    ("Ældre Sagen", "aeldresagen.dk", "organisation", (11,)),
    ("Dansk Ungdoms Fællesråd", "duf.dk", "organisation", (5, 10)),
    ("Danske Medier", "danskemedier.dk", "organisation", None),
    ("Landbrug & Fødevarer", "lf.dk", "organisation", None),
    ("Danske Advokater", "danskeadvokater.dk", "organisation", None),
    ("IT-Branchen", "itb.dk", "organisation", (3, 7)),
    ("Dataforeningen", "dataforeningen.dk", "organisation", (7,)),
    ("Frivilligrådet", "frivilligraadet.dk", "organisation", (10,)),
    ("Netcompany A/S", "netcompany.com", "virksomhed", (3,)),
    ("Septima ApS", "septima.dk", "virksomhed", None),
)
NOT_REPLYING = (
    ("Danske Handicaporganisationer", "dh.dk", "organisation"),
    ("Rigsrevisionen", "rigsrevisionen.dk", "myndighed"),
    ("Danmarks Statistik", "dst.dk", "myndighed"),
    ("Institut for Menneskerettigheder", "humanrights.dk", "organisation"),
    ("Dansk Sprognævn", "dsn.dk", "myndighed"),
)
CAMPAIGN = "\n\n".join(
    (
        "Til Digitaliseringsstyrelsen",
        "Jeg støtter, at Danmarks nye handlingsplan for Open Government Partnership indeholder "
        "en lovfæstet whistleblowerordning i hele den offentlige sektor.",
        "Jeg foreslår desuden, at ministrenes kalendere offentliggøres, og at der oprettes et "
        "register over lobbyister.",
        "Åbenhed og gennemsigtighed er forudsætningen for tillid til vores demokrati.",
        "Brevet er udarbejdet af Foreningen Åben Forvaltning.",
    )
)
CAMPAIGN_ADDED = (
    "Det bør også gælde de selvejende institutioner, som får offentlige midler.",
    "Det bør også gælde de selvejende institutioner, som får offentlige midler.",
    "Jeg har selv oplevet, at en kollega ikke turde sige fra over for uregelmæssigheder.",
    "Det bør også gælde de selvejende institutioner, som får offentlige midler.",
    "Kalenderne bør også vise, hvilke emner der blev drøftet på møderne.",
)
GENERAL = (
    "Vi bakker generelt op om udkastet og ser frem til det videre arbejde.",
    "Høringsfristen midt i sommerferien er for kort til at vi kan nå at drøfte udkastet "
    "ordentligt.",
    "Udkastet er alt for uambitiøst og gentager i det store hele den forrige plan.",
    "Jeg synes, udkastet er godt skrevet og let at læse.",
    "Det er positivt, at udkastet nu sendes bredt ud, men processen har været lukket indtil nu.",
    "Planen er et skridt i den rigtige retning, selv om den kunne være mere konkret.",
    "Vi er kritiske over for, at så få af de tidligere tilsagn er blevet opfyldt.",
    "Jeg har læst udkastet med interesse og har kun ros til arbejdsgruppen.",
)
FIRST = ("Anne", "Bo", "Carsten", "Dorthe", "Emil", "Freja", "Gustav", "Hanne", "Ida", "Jens")
LAST = ("Hansen", "Nielsen", "Jensen", "Pedersen", "Larsen", "Sørensen", "Rasmussen", "Holm")
ROLES = (  # what a body says of the draft as a whole, after its proposals
    "støtter overordnet udkastet, men savner konkrete mål for de enkelte initiativer",
    "finder, at processen har været åben, og at udkastet er godt gennemarbejdet",
    "er skuffet over, at udkastet ikke bygger videre på erfaringerne fra den forrige plan",
    "bakker op om handlingsplanens overordnede retning og ambitionsniveau",
    "finder høringsperioden for kort til en grundig behandling i bestyrelsen",
)
REASONS = (
    "Det ville gøre en stor forskel for mig og mine naboer her i byen.",
    "Min erfaring fra arbejdet i en lokal forening peger i samme retning.",
    "Sådan gør man allerede i flere af vores nabolande med gode resultater.",
    "Som pensioneret embedsmand har jeg set, hvor meget det betyder i praksis.",
    "Mine børn spørger ofte, hvorfor tingene ikke fungerer sådan i forvejen.",
    "Jeg har skrevet om emnet i min lokalavis flere gange de seneste år.",
    "Vi talte netop om det på sidste møde i grundejerforeningen i vores kvarter.",
    "Det koster ikke mange penge, men giver meget tilbage til fællesskabet.",
)
OPENINGS = (
    "Kære Digitaliseringsstyrelsen",
    "Hej",
    "Til rette vedkommende",
    "Kære høringsansvarlige",
)


def hearing_list_csv() -> str:
    """The høringsliste (name;domain;type): the replying bodies on it, and five that do not
    reply; Netcompany and Septima are not on it."""
    rows = ["navn;domæne;type"]
    rows += [f"{n};{d};{t}" for n, d, t, _ in BODIES if t != "virksomhed"]
    rows += [f"{n};{d};{t}" for n, d, t in NOT_REPLYING]
    return "\n".join(rows) + "\n"


def _when(rng: random.Random, late: bool = False) -> datetime:
    if late:
        return datetime.fromisoformat("2017-08-21T08:30:00+02:00") + timedelta(
            hours=rng.randint(0, 30)
        )
    return START + timedelta(days=rng.randint(1, 47), minutes=rng.randint(0, 600))


def _body_mail(rng: random.Random, index: int, body: tuple) -> bytes:
    name, domain, _, proposals = body
    if proposals is None:
        text = f"{name} har ingen bemærkninger til udkastet.\n\nMed venlig hilsen\n{name}\n"
    else:
        lines = [f"{name} har følgende forslag til udkastet:"]
        lines += [f"{n}. {PROPOSALS[p][index % 3]}" for n, p in enumerate(proposals, start=1)]
        lines.append(f"{name} {ROLES[index % len(ROLES)]}.")
        text = "\n\n".join(lines) + f"\n\nMed venlig hilsen\n{name}\n"
    sender = f"{name} <post@{domain}>"
    mid = f"<org-{index}@{domain}>"
    return make_mail(SUBJECT, text, sender=sender, message_id=mid, date=_when(rng))


def _context(index: int) -> str:
    """A citizen's own sentence, never the same for two citizens with the same proposal:
    their letters share one sentence and are no form letter."""
    return REASONS[(index // len(PROPOSALS)) % len(REASONS)]


def _citizen_mail(rng: random.Random, index: int, text: str, late: bool = False) -> bytes:
    person = f"{FIRST[index % len(FIRST)]} {LAST[(index // len(FIRST)) % len(LAST)]}"
    body = f"{rng.choice(OPENINGS)}\n\n{text}\n\nMed venlig hilsen\n{person}\n"
    sender = f"{person} <borger{index}@borgermail.example>"
    mid = f"<borger-{index}@borgermail.example>"
    return make_mail(SUBJECT, body, sender=sender, message_id=mid, date=_when(rng, late))


def consultation_mails(seed: int = 19) -> list[bytes]:
    """The 140 replies, in a fixed order."""
    rng = random.Random(seed)
    mails = [_body_mail(rng, n, body) for n, body in enumerate(BODIES)]
    for n in range(14):
        added = f"\n\n{CAMPAIGN_ADDED[n]}" if n < len(CAMPAIGN_ADDED) else ""
        mails.append(_citizen_mail(rng, 100 + n, CAMPAIGN.strip() + added))
    for n in range(94):
        if n < len(ENGLISH):
            mails.append(_citizen_mail(rng, 200 + n, ENGLISH[n]))
            continue
        first = PROPOSALS[n % len(PROPOSALS)][rng.randint(0, 2)]
        text = f"{first} {_context(n)}"
        if n % 5 == 0:
            # Two with the same two proposals (n and n + 60) say them in other words.
            first = PROPOSALS[n % len(PROPOSALS)][(n // 60) % 3]
            second = PROPOSALS[(n * 7 + 3) % len(PROPOSALS)][(n // 60 + 1) % 3]
            text = f"Jeg har to forslag:\n\n1. {first}\n\n2. {second}"
        mails.append(_citizen_mail(rng, 200 + n, text, late=n in (10, 40, 70)))
    for n, text in enumerate(GENERAL):
        mails.append(_citizen_mail(rng, 300 + n, text))
    return mails


def write_consultation(folder: Path, seed: int = 19) -> list[Path]:
    """The replies as .eml files in `folder` and the høringsliste as høringsliste.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "høringsliste.csv").write_text(hearing_list_csv(), encoding="utf-8")
    paths = []
    for number, mail in enumerate(consultation_mails(seed), start=1):
        path = folder / f"{number:03d}.eml"
        path.write_bytes(mail)
        paths.append(path)
    return paths


# Candidate decisions, found by a word of the candidate's title: what the drafting team
# decided on proposals many made.
CANDIDATE_DECISIONS = (
    ("whistleblower", "optaget", "Initiativ 2.1 i handlingsplanen indfører ordningen."),
    ("kalender", "delvist optaget", "Ministrenes kalendere offentliggøres månedligt."),
    ("partistøtte", "uden for rammen", "Partistøtte hører under Indenrigsministeriet."),
    ("selvbetjening", "ikke optaget", None),
)


def decide(sessions, codebook) -> None:
    """Decide as reviewers do: the campaign's replies and one general remark on the reply,
    four candidates on the candidate (rules/review.py, rules/candidate_review.py)."""
    from sqlalchemy import select

    from hoering.edits import Change
    from hoering.rules import candidate_review
    from hoering.rules.review import review_reply, validated
    from hoering.store import models

    with sessions.begin() as session:
        for proposal in session.scalars(select(models.Proposal)):
            text = proposal.combined_text or ""
            if "Foreningen Åben Forvaltning" in text:
                change = Change(decision="delvist optaget", reason="Se initiativ 2.1 og 2.3.")
            elif "Høringsfristen midt i sommerferien" in text:
                change = Change(decision="ikke optaget", reason="Høringen varede syv uger.")
            else:
                continue
            review_reply(session, proposal, validated(change, codebook), "karen", codebook)
        candidates = list(session.scalars(select(models.Candidate).order_by(models.Candidate.id)))
        for word, decision, reason in CANDIDATE_DECISIONS:
            found = next((c for c in candidates if word in c.title.casefold()), None)
            if found is not None:
                change = validated(Change(decision=decision, reason=reason), codebook)
                candidate_review.review(session, found, change, "karen")


CONFIG = """start = 2017-07-03
title = "Udkast til Danmarks handlingsplan for Open Government Partnership 2017-2019"
ministry = "Digitaliseringsstyrelsen"
journal_number = "2017-1234"

[notat]
office = "Kontor for Offentlig Digitalisering"
published_at = "Høringsportalen (hoeringsportalen.dk)"
hearing_list = "mails/høringsliste.csv"
"""


def imported_consultation(folder: Path, notat: str = ""):
    """The consultation written to `folder`, imported by the real pipeline and decided;
    returns (config, sessions). `notat`: more [notat] keys."""
    from hoering.config import load_config
    from hoering.pipeline import import_paths
    from hoering.store.db import open_database
    from tests.kit.mails import write_config

    write_consultation(folder / "mails")
    cfg = load_config(write_config(folder, CONFIG + notat))
    sessions = open_database(cfg.store_url)
    import_paths(cfg, sessions, [folder / "mails"])
    decide(sessions, cfg.codebook)
    return cfg, sessions
