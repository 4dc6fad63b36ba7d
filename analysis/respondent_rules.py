"""The name rules and domain lists of analysis.respondent: which words in a signature or a
display name make an authority, a company or an association, and which mail domains are public
authorities' or free webmail.

Kept apart from the reading itself so each module has one job; the registry
(analysis/respondents.toml) names known bodies, these rules recognise unknown ones by form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from hoering.vocab import RespondentType


@dataclass(frozen=True)
class Rule:
    """A name rule: when `pattern` matches the signature or display name, the type is `type`."""

    id: str  # stable key for storage, e.g. "company-form"
    type: RespondentType
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Domains:
    """The domain lists the rules use; the defaults below, extendable from configuration."""

    public: Mapping[str, str]  # domain -> authority name
    webmail: frozenset[str]


def _rule(rule_id: str, type_: RespondentType, pattern: str, flags: int = 0) -> Rule:
    return Rule(rule_id, type_, re.compile(pattern, flags))


_I = re.IGNORECASE
PUBLIC_RULES: tuple[Rule, ...] = (
    _rule("public-municipality", RespondentType.MYNDIGHED, r"\b\w*[Kk]ommune\b|\bByråd(?:et)?\b"),
    _rule(
        "public-region", RespondentType.MYNDIGHED, r"\bRegion(?:s(?:rådet|huset))?\s+[A-ZÆØÅ]\w+"
    ),
    # Every `\w*` before a suffix starts at a word boundary: unanchored, each letter of a
    # long word is a start and the search is quadratic (a 200,000-letter word took 197 s).
    _rule(
        "public-ministry",
        RespondentType.MYNDIGHED,
        r"\b\w*ministeriet?\b|\bministerium\b|\bMinistry\b",
        _I,
    ),
    # "Digitaliseringsstyrelsen", "Styrelsen for ..."; not a board ("bestyrelsen",
    # "Afdelingsbestyrelsen": a housing estate's tenants' board).
    _rule(
        "public-agency",
        RespondentType.MYNDIGHED,
        r"\b(?![Bb]estyrelse)[A-ZÆØÅ]\w*(?<![Bb]e)styrelsen\b|\bStyrelsen\b",
    ),
    _rule(
        "public-institution",
        RespondentType.MYNDIGHED,
        r"\b\w*[Tt]ilsynet\b|\bRigsrevisionen\b|\bFolketinget\b|\bOmbudsmand(?:en)?\b"
        r"|\bStatsforvaltningen\b|\bDanmarks Statistik\b|\bRigspolitiet\b|\bPoliti\b"
        r"|\bAgency\b|\bMunicipality\b",
    ),
)
# Company forms and association words (step 6).
PRIVATE_RULES: tuple[Rule, ...] = (
    # (?<!\w) and (?!\w) rather than \b: "A/S" ends in a letter, "a.m.b.a." in a dot.
    _rule(
        "company-form",
        RespondentType.VIRKSOMHED,
        r"(?<!\w)(?:A/S|ApS|I/S|IVS|K/S|P/S|a\.m\.b\.a\.?|A\.m\.b\.A\.?|Ltd\.?|GmbH|Inc\.?|LLC)"
        r"(?!\w)",
    ),
    _rule(
        "association",
        RespondentType.ORGANISATION,
        r"\b\w*[Ff]orening(?:en)?\b|\b\w*[Ff]ond(?:en)?\b|\b\w*[Ff]orbund(?:et)?\b"
        r"|\bNGO\b|\b[Aa]ssociation\b|\b[Ff]oundation\b|\bDanske Regioner\b"
        r"|\b\w*[Oo]rganisation(?:en|erne|er)?\b|\bTænketank(?:en)?\b|\bNetværk(?:et)?\b"
        # A municipality's advisory council is no authority: "Handicaprådet i Nordby Kommune".
        r"|\b\w*(?:[Ææ]ldre|[Ss]enior|[Hh]andicap|[Uu]ngdoms|[Uu]nge|[Ii]ntegrations|[Bb]ruger"
        r"|[Pp]atient|[Ee]lev|[Bb]ørne)råd(?:et)?\b"
        # Any other council but a town's or a region's ("Landsbyrådet", "Rådet for ...").
        r"|\b(?!(?:[Bb]y|[Rr]egions|[Kk]ommunal|[Ss]ogne|[Aa]mts)råd)\w+råd(?:et)?\b"
        r"|\bRådet\s+for\b"
        r"|\b\w*[Ss]amfund(?:et)?\b|\b\w*[Ss]ammenslutning(?:en)?\b|\b[Ss]elskab(?:et)?\s+for\b"
        r"|\b[Aa]lliance(?:n)?\b|\b\w*[Bb]evægelse(?:n)?\b|\b\w*[Ll]aug(?:et)?\b"
        # a housing estate's tenants' board (beboerdemokrati)
        r"|\b(?:[Aa]fdelings|[Bb]eboer)bestyrelse(?:n)?\b"
        r"|\b(?:Society|Institute|Network|Council|Coalition|Watch|Forum|Initiative|Federation"
        r"|Trust|Partnership|International)\b",
    ),
)
ASSOCIATION = PRIVATE_RULES[1]
# After the association words: a forening with a CVR number is still a forening.
CVR_RULE = _rule(
    "cvr-number",
    RespondentType.VIRKSOMHED,
    r"\bCVR(?:-?n(?:r|ummer))?\.?\s*:?\s*\d{2} ?\d{2} ?\d{2} ?\d{2}\b",
    _I,
)

# Domains of Danish public authorities that the name rules miss (no "Kommune" in them).
# Extend here; subdomains count ("mail.digst.dk").
PUBLIC_DOMAINS: dict[str, str] = {
    "digst.dk": "Digitaliseringsstyrelsen",
    "fm.dk": "Finansministeriet",
    "stm.dk": "Statsministeriet",
    "jm.dk": "Justitsministeriet",
    "um.dk": "Udenrigsministeriet",
    "em.dk": "Erhvervsministeriet",
    "uvm.dk": "Undervisningsministeriet",
    "sum.dk": "Sundhedsministeriet",
    "kum.dk": "Kulturministeriet",
    "erst.dk": "Erhvervsstyrelsen",
    "sst.dk": "Sundhedsstyrelsen",
    "mst.dk": "Miljøstyrelsen",
    "skat.dk": "Skattestyrelsen",
    "dst.dk": "Danmarks Statistik",
    "datatilsynet.dk": "Datatilsynet",
    "ombudsmanden.dk": "Folketingets Ombudsmand",
    "rigsrevisionen.dk": "Rigsrevisionen",
    "ft.dk": "Folketinget",
    "kk.dk": "Københavns Kommune",
    "aarhus.dk": "Aarhus Kommune",
    "odense.dk": "Odense Kommune",
    "aalborg.dk": "Aalborg Kommune",
    "regionh.dk": "Region Hovedstaden",
    "regionsjaelland.dk": "Region Sjælland",
    "rsyd.dk": "Region Syddanmark",
    "rm.dk": "Region Midtjylland",
    "rn.dk": "Region Nordjylland",
}
# Free mail services and Danish ISPs' mail: a private person, unless the signature says more.
# fmt: off
WEBMAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.dk", "outlook.com", "outlook.dk",
    "live.com", "live.dk", "msn.com", "yahoo.com", "yahoo.dk", "ymail.com", "icloud.com",
    "me.com", "mac.com", "aol.com", "gmx.com", "gmx.net", "protonmail.com", "proton.me",
    "mail.dk", "jubii.dk", "ofir.dk", "get2net.dk", "post.tele.dk", "mail.tele.dk",
    "stofanet.dk", "webspeed.dk", "youmail.dk", "tdcadsl.dk", "tdcspace.dk",
    "email.dk", "sol.dk", "privat.dk", "kabelmail.dk", "cybercity.dk", "worldonline.dk",
    "pc.dk", "image.dk", "fiberpost.dk", "gmx.dk", "gmx.de", "web.de", "t-online.de",
    "hotmail.co.uk", "live.co.uk", "yahoo.co.uk", "hotmail.se", "live.se", "hotmail.de",
    "outlook.de", "icloud.dk", "tutanota.com", "mail.com", "zoho.com",
})
# Universities' mail for their students: a student writes as a person, not as the university
# (au.dk and ku.dk are the universities' own; post.au.dk, uni.au.dk and alumni.ku.dk are the
# students'). Any "student." or "stud." subdomain is read the same way.
STUDENT_DOMAINS = frozenset({
    "post.au.dk", "uni.au.dk", "alumni.ku.dk", "student.sdu.dk", "student.aau.dk",
    "student.dtu.dk", "student.cbs.dk", "student.ruc.dk", "student.itu.dk",
})
# fmt: on
_STUDENT_LABEL = re.compile(r"^stud(?:ent|ents)?$")
DEFAULT_DOMAINS = Domains(PUBLIC_DOMAINS, WEBMAIL_DOMAINS)


def is_student_domain(domain: str) -> bool:
    """A university's mail domain for its students ("post.au.dk", "student.dtu.dk")."""
    labels = domain.split(".")
    return domain in STUDENT_DOMAINS or (len(labels) >= 3 and bool(_STUDENT_LABEL.match(labels[0])))


# Domain labels that name an authority: "nordbykommune.dk", "regionsydkyst.dk" (not "regional").
PUBLIC_LABEL = re.compile(r"kommune|^region(?!al)")
