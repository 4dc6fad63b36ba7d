"""The concepts initiatives are grouped by: Danish and English words for one ask, folded.

A concept is a name, a weight and the folded word forms (æ -> ae, ø -> oe, å -> aa) that
express it. A form matches a whole word, a word it begins (a compound's head: "lobbyregister")
or, when long enough, a word it ends (a compound's tail: "udbudsregister"); a form with a
space matches those words in a row ("citizens assembly"). A longer form wins over the forms
inside it, so "borgerbudget" is its own concept and not "borger" plus "budget".

Weights say how much sharing a concept means: the specific asks weigh most; the words every
reply on a theme uses ("data", "åben", "offentlig") weigh little, so two asks on one theme
(open procurement data, open municipal budgets) are kept apart by what differs. Written for
open-government consultations; other words still count through their Danish stems.
"""

from __future__ import annotations

from dataclasses import dataclass

SPECIFIC = 3.0  # an ask's own words
RELATED = 1.5  # words that narrow the theme
GENERIC = 0.4  # words every reply on the theme uses


@dataclass(frozen=True)
class Concept:
    name: str
    weight: float
    forms: tuple[str, ...]


def _c(name: str, weight: float, forms: str) -> Concept:
    return Concept(name, weight, tuple(form.strip() for form in forms.split(",")))


CONCEPTS: tuple[Concept, ...] = (
    _c("lobby", SPECIFIC, "lobby, lobbyis, lobbyist, lobbying, lobbyer, interessevaretag"),
    _c("register", RELATED, "regist, registrer, registrering, register, registry, tilmeld"),
    _c("kalender", SPECIFIC, "kalender, calendar, diary, diaries, moedekalender, moedeplan"),
    _c("minister", RELATED, "minister, ministre, ministrene, ministers, ministerens"),
    _c("moede", GENERIC, "moede, moeder, meeting, meetings"),
    _c(
        "udbud",
        SPECIFIC,
        "udbud, udbudt, tender, tenders, procurement, indkoeb, purchasing, "
        "kontrakt, contract, contracts, contracting, ocds, leverandoer, supplier, suppliers, "
        "tildeling, award, awards",
    ),
    _c(
        "regnskab",
        SPECIFIC,
        "regnskab, budget, budgets, budgetter, accounts, udgift, "
        "spending, expenditure, skattekron, kommunekass, bevilling",
    ),
    _c(
        "borgerbudget",
        SPECIFIC,
        "borgerbudget, borgerbudgetter, participatory budget, "
        "participatory budgeting, medborgerbudget, nabolagsbudget, pulje til borgernes",
    ),
    _c("stemme", RELATED, "stemme, stemmer, afstemning, vote, votes, voting"),
    _c(
        "borgerpanel",
        SPECIFIC,
        "borgerpanel, borgerting, borgersamling, borgerraad, "
        "citizens assembly, citizens assemblies, citizen assembly, citizen panel, "
        "citizens panel, citizens jury, mini public, minipublic, deliberativ, deliberation, "
        "lodtraek, lodtrukn, udtrukn, chosen by lot, randomly selected, random selection, "
        "sortition, tilfaeldigt udvalgt",
    ),
    _c(
        "open-source",
        SPECIFIC,
        "open source, fri software, free software, aaben kildekode, "
        "aabne kildekode, kildekode, source code, opensource, open-source, foss",
    ),
    _c(
        "software",
        RELATED,
        "software, it-system, it-systemer, programmel, anskaff, "
        "leverandoerlaas, vendor lock, lock-in",
    ),
    _c(
        "dokumentformat",
        SPECIFIC,
        "filformat, dokumentformat, dokumentstandard, file format, "
        "file formats, document format, document formats, document standard, odf, odt, "
        "pdf/a, ooxml, docx, xlsx, open standard, open standards, aabne standarder, "
        "aaben standard",
    ),
    _c(
        "whistleblower",
        SPECIFIC,
        "whistleblow, whistle-blow, whistleblower, "
        "whistleblowerordning, indberet, indberetning, varsl, repressalie, retaliation",
    ),
    _c(
        "kursus",
        SPECIFIC,
        "kursus, kurser, uddannelse, undervisning, training, course, "
        "courses, e-learning, efteruddannelse",
    ),
    _c(
        "integritet",
        RELATED,
        "integritet, integrity, habilitet, gaver, gifts, etik, ethics, "
        "interessekonflikt, conflict of interest, conflicts of interest",
    ),
    _c(
        "korruption",
        GENERIC,
        "korruption, corruption, anti-corruption, antikorruption, bestikkelse, bribery",
    ),
    _c(
        "hoeringsportal",
        SPECIFIC,
        "hoeringsportal, hoeringsportalen, consultation portal, "
        "hoeringsside, consultation responses, tilbagemelding, feedback",
    ),
    _c("hoering", RELATED, "hoering, hoeringer, hoeringssvar, consultation, consultations"),
    _c(
        "aktindsigt",
        SPECIFIC,
        "aktindsigt, offentlighedslov, offentlighedsloven, "
        "freedom of information, foi, access to documents, ministerbetjening, "
        "access to information",
    ),
    _c(
        "reelle-ejere",
        SPECIFIC,
        "reelle ejere, reel ejer, beneficial owner, beneficial "
        "owners, beneficial ownership, ejerregister, ownership register",
    ),
    _c("selskab", RELATED, "selskab, selskaber, companies, company, shell company"),
    _c(
        "klart-sprog",
        SPECIFIC,
        "klart sprog, klar sprog, letlaest, let-laest, "
        "plain language, plain danish, forstaaelig, forstaaeligt, forstaa, kancellisprog",
    ),
    _c("breve", RELATED, "breve, brev, brevene, skrivelse, skrivelser"),
    _c(
        "dagsorden",
        SPECIFIC,
        "dagsorden, dagsordener, referat, referater, agenda, agendas, minutes, council meeting",
    ),
    _c(
        "digital-hjaelp",
        SPECIFIC,
        "digitalt udfordrede, digitalt udfordret, it-hjaelp, "
        "digital hjaelp, digital inclusion, digitally excluded, digital assistance, "
        "fritaget for digital post, ikke-digitale, it-kursus, it-cafe",
    ),
    _c(
        "algoritme",
        SPECIFIC,
        "algoritm, algorithm, algorithms, automatiseret, automated, "
        "profilering, profiling, kunstig intelligens, artificial intelligence, machine "
        "learning, maskinlaering",
    ),
    _c(
        "sociale-medier",
        SPECIFIC,
        "sociale medier, social media, facebook, twitter, "
        "instagram, kommentarfelt, blokering, blokere, block",
    ),
    _c(
        "kommune",
        GENERIC,
        "kommune, kommuner, kommunal, kommunale, kommunernes, municipal, "
        "municipality, municipalities, local government, kommunalbestyrelse, byraad",
    ),
    _c(
        "data",
        GENERIC,
        "data, open data, aabne data, maskinlaesbar, machine-readable, "
        "machine readable, api, datasaet, dataset, database",
    ),
    _c(
        "aaben",
        GENERIC,
        "aaben, aabne, aabent, aabenhed, open, openness, transparency, "
        "transparent, gennemsigtig, gennemsigtighed, offentliggoer, publish, publication",
    ),
    _c(
        "offentlig",
        GENERIC,
        "offentlig, offentlige, offentligt, public, myndighed, "
        "myndigheder, authority, authorities, government",
    ),
    _c(
        "borger",
        GENERIC,
        "borger, borgere, borgerne, citizen, citizens, beboer, beboere, residents",
    ),
)
