"""The concepts initiatives are grouped by: Danish and English words for one ask, folded.

A concept is a name, a weight and the folded word forms (æ -> ae, ø -> oe, å -> aa) that
express it. A form matches a whole word, a word it begins (a compound's head: "lobbyregister")
or, when long enough, a word it ends (a compound's tail: "udbudsregister"); a form with a
space matches those words in a row ("citizens assembly"); a form that ends in WHOLE
matches whole words only ("kilder=" are sources; "datakilder" are not). A longer form wins
over the forms inside it, so "borgerbudget" is its own concept and not "borger" plus "budget".

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
WHOLE = "="  # a form's last character: whole words only


@dataclass(frozen=True)
class Concept:
    name: str
    weight: float
    forms: tuple[str, ...]


def _c(name: str, weight: float, forms: str) -> Concept:
    return Concept(name, weight, tuple(form.strip() for form in forms.split(",")))


CONCEPTS: tuple[Concept, ...] = (
    _c(
        "lobby",
        SPECIFIC,
        "lobby, lobbyis, lobbyist, lobbying, lobbyer, interessevaretag, public affairs, "
        "paavirke politikerne, paavirke beslutningstagerne, paavirkning af politikere",
    ),
    _c(
        "register",
        RELATED,
        "regist, registrer, registrering, register, registry, tilmeld, fortegnelse",
    ),
    _c("kalender", SPECIFIC, "kalender, calendar, diary, diaries, moedekalender, moedeplan"),
    _c("minister", RELATED, "minister, ministre, ministrene, ministers, ministerens"),
    _c("moede", GENERIC, "moede, moeder, meeting, meetings"),
    _c(
        "udbud",
        SPECIFIC,
        "udbud, udbudt, tender, tenders, procurement, indkoeb, purchasing, "
        "kontrakt, contract, contracts, contracting, ocds, leverandoer, supplier, suppliers, "
        "tildeling, award, awards, tilbudsgiver, ordregiver, licitation, bidder, bidders, "
        "offentlige opgaver",
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
        "participatory budgeting, medborgerbudget, nabolagsbudget, pulje til borgernes, "
        "anlaegsmidler, selv bestemme over, selv bestemme hvad",
    ),
    _c("stemme", RELATED, "stemme, stemmer, vote, votes, voting"),
    # Open parliament: how each member voted, not citizens voting themselves.
    _c(
        "afstemning",
        SPECIFIC,
        "afstemning, afstemninger, stemmeafgivning, voting record, voting records, "
        "roll call, roll-call, har stemt, stemte=, voted=, stemmeadfaerd, stemmer i salen, "
        "how they voted, how members voted, voting behaviour, voting behavior",
    ),
    _c(
        "folketingsmedlem",
        RELATED,
        "folketingsmedlem, folketingspolitiker, members of parliament, member of "
        "parliament, mps, medlemmer af folketinget, mf=, mf'er=, mf'erne=",
    ),
    _c("folketing", GENERIC, "folketing, folketinget, parliament, parlament, christiansborg"),
    # Citizens' initiatives and petitions: citizens put a proposal to a council or parliament.
    _c(
        "borgerforslag",
        SPECIFIC,
        "borgerforslag, borgerinitiativ, folkeinitiativ, citizens initiative, "
        "citizens initiatives, citizen initiative, citizen initiatives, e-petition, "
        "e-petitions, petition, petitions, underskriftindsamling, underskrift, signatures, "
        "signature, borgerforslagsordning, skrive under, skrevet under, skriver under",
    ),
    _c(
        "ungdomsraad",
        SPECIFIC,
        "ungdomsraad, ungeraad, ungdomsparlament, ungdomsbyraad, boerne- og ungeraad, "
        "youth council, youth councils, youth parliament",
    ),
    _c("unge", GENERIC, "unge, ungdom, ungdommen, young people, youth, youngsters"),
    _c(
        "valgret",
        SPECIFIC,
        "valgret, valgretsalder, stemmeret, stemmeretsalder, valgalder, voting age, "
        "vote at 16, votes at 16, right to vote, 16-aarige, 16 aarige, 16-year-olds, 16 year "
        "olds, 16 aar=",
    ),
    _c("valg", GENERIC, "kommunalvalg, regionsraadsvalg, folketingsvalg, election, elections"),
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
        "aaben standard, aabne formater, aabent format, open formats, open format, "
        "lukkede formater, proprietary formats, microsoft office",
    ),
    _c(
        "whistleblower",
        SPECIFIC,
        "whistleblow, whistle-blow, whistleblower, "
        # Not a bare "varsl": to "varsle ændringer" is to give notice of them.
        "whistleblowerordning, indberet, indberetning, varslere, varslerne, varslerordning, "
        "varslingsordning, varslerbeskyttelse, repressalie, retaliation, "
        "slaa alarm, slaar alarm, blow the whistle",
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
        "access to information, dokumentindsigt, indsigt i dokumenter, indsigt i sagens "
        "dokumenter, foi requests, information requests, records requests",
    ),
    _c(
        "reelle-ejere",
        SPECIFIC,
        "reelle ejere, reel ejer, beneficial owner, beneficial "
        "owners, beneficial ownership, ejerregister, ownership register, skjult ejerskab, "
        "ejerforhold, hidden ownership, hvem der ejer, who owns, ultimate owner",
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
        "it-kursus, it-cafe",
    ),
    # The right to be served without digital channels: paper, telephone, in person.
    _c(
        "analog",
        SPECIFIC,
        "ikke-digital, ikke digital, non-digital, analog, analoge, paa papir, "
        "papirbrev, papirbreve, on paper, paper letters, personligt fremmoede, fremmoede, "
        "in person, by phone, by telephone, pr telefon, telefonisk, fritagelse, fritaget, "
        "exemption, exempted, digital post, obligatorisk digital, tvungen digital, moede op, "
        "moeder op, telefonen=, post i postkassen",
    ),
    _c(
        "selvbetjening",
        RELATED,
        "selvbetjening, self-service, digitale loesninger, digitalisering, digitaliseringen, "
        "digital by default, digitalt som udgangspunkt",
    ),
    # Press freedom: the sources of journalists.
    _c(
        "kildebeskyttelse",
        SPECIFIC,
        "kildebeskyttelse, kildebeskyt, kildeskyt, source protection, protection of "
        "sources, protect sources, protect their sources, journalistic sources, beskytte "
        "kilder, beskytte deres kilder, kildernes anonymitet, kilders anonymitet, kilde=, "
        "kilder=, kilderne=, source=, sources=, afsloere kilder",
    ),
    _c(
        "presse",
        RELATED,
        "journalist, journalister, journalistik, presse, pressen, pressefrihed, "
        "journalism, journalists, press freedom, free press, medierne, redaktoer, editors",
    ),
    _c(
        "frist",
        RELATED,
        "frist, fristen, frister, svarfrist, tidsfrist, deadline, deadlines, svartid, "
        "svartider, sagsbehandlingstid, response time, response times, arbejdsdage, "
        "working days, overskrid",
    ),
    # Health and care: waiting times, inspection reports.
    _c(
        "ventetid",
        SPECIFIC,
        "ventetid, ventetider, venteliste, ventelister, waiting time, waiting times, "
        "waiting list, waiting lists, behandlingsgaranti",
    ),
    _c(
        "tilsyn",
        SPECIFIC,
        "tilsyn, tilsynsrapport, tilsynsbesoeg, inspection, inspections, inspektion, "
        "inspection report, inspection reports, kontrolbesoeg, kontrolrapport",
    ),
    _c(
        "sundhed",
        RELATED,
        "sundhed, sundhedsvaesen, sygehus, sygehuse, hospital, hospitaler, hospitals, "
        "patient, patienter, patients, psykiatri, health, healthcare, plejehjem, botilbud, "
        "nursing home, nursing homes, care home, care homes",
    ),
    # Open data by domain: maps and places, research.
    _c(
        "geodata",
        SPECIFIC,
        "geodata, geografisk, geografiske, geospatial, spatial data, kortdata, kortene, "
        "kortet, digitale kort, tekniske kort, kortvaerk, maps, map data, luftfoto, "
        "ortofoto, aerial photo, lokalplan, plandata, ledningsoplysning, ledningsdata, "
        "ledningsejer, ledninger i jorden, wms, wfs, gis, matrikel, grunddata, "
        "kortmateriale, kortvaerk, map=, maps=, mapping data",
    ),
    _c(
        "forskning",
        SPECIFIC,
        "forskningsdata, forskning, forskere, forskningsresultat, research, researchers, "
        "research data, open access, open science, aaben videnskab, videnskabelig, "
        "scientific, repositor, datahaandteringsplan, data management plan, "
        "forskningsraad, forskningsfond, research fund, universitet, universiteter, "
        "university, universities",
    ),
    # Plain language of laws (klart-sprog above is the language itself).
    _c(
        "lovgivning",
        GENERIC,
        "lovgivning, lovforslag, bekendtgoerelse, bekendtgoerelser, legislation, laws, "
        "law, regler, regulations",
    ),
    # Money to and from politics and business.
    _c(
        "erhvervsstoette",
        SPECIFIC,
        "erhvervsstoette, statsstoette, stoetteordning, stoettemodtager, stoettebeloeb, "
        "offentlig stoette, tilskud, subsidy, subsidies, subsidised, subsidized, state "
        "aid, erhvervsfremme, skattebegunstigelse, tax breaks, tax break, stoettemidler, "
        "stoettekroner",
    ),
    _c(
        "partistoette",
        SPECIFIC,
        "partistoette, partibidrag, private bidrag, bidrag til partier, bidrag til "
        "politiske partier, partifinansiering, party funding, party financing, political "
        "finance, political donations, campaign finance, donation, donations, donor, "
        "donors, bidragyder, anonyme bidrag, valgkampsbidrag",
    ),
    _c(
        "interesser",
        SPECIFIC,
        "interesseregistrering, formueforhold, asset declaration, asset declarations, "
        "declaration of interests, hverv og oekonomiske interesser, bijob, bibeskaeftigelse",
    ),
    # Open justice.
    _c(
        "domme",
        SPECIFIC,
        "domme, dommene, retsafgoerelse, retsafgoerelser, domsdatabase, court decisions, "
        "court rulings, judgments, judgements, domstol, domstole, courts",
    ),
    _c(
        "algoritme",
        SPECIFIC,
        "algoritm, algorithm, algorithms, automatiseret, automated, "
        "profilering, profiling, kunstig intelligens, artificial intelligence, machine "
        "learning, maskinlaering, beslutningsstoette, decision support, regnemodel, "
        "risikomodel, risk model, risk scoring, ai, computermodel, computerprogram, "
        "beregningsmodel, it-model, praediktiv, prediktiv, predictive, "
        "automatiske afgoerelser, automatisk afgoerelse, automatiske beslutninger, "
        "automatisk sagsbehandling, decision-making systems",
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
