"""A reply's general remarks (issue 18 item 2): what it says outside its initiatives.

Support, criticism and remarks on the process carry no concrete proposal, yet the
høringsnotat reports them under "Generelle bemærkninger", under the party's name. They
are the paragraphs of the reply's own words (analysis/remark_paragraphs.py: no letterhead,
signature, footer, quoted call or report sent for information) that no initiative holds
and that say something about the plan, a theme or the consultation:

- a stance: support or criticism ("støtter", "bakker op om", "savner", "er bekymrede
  for"), an opinion ("mener", "finder det afgørende", "bør"), a wish for the plan;
- a remark on the process: the hearing period, how proposals are chosen, a question about
  it ("Bliver svarene offentliggjort?"), a wish to be involved in the further work.

A remark is kept as the paragraph it was written in, less the sentences that say nothing
to the call: greetings, thanks, cover notes ("Hermed fremsendes ..."), offers to elaborate
or be contacted, pleasantries, a description of the writer ("X er en forening med ...").
A paragraph that introduces the proposals ("Vi har følgende tre forslag", "vil gerne komme
med et par idéer") is their preamble: only an explicit position in it ("Vi støtter
overordnet ...") is a remark. Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from hoering.analysis.cleaning import NO_COMMENTS_PATTERN
from hoering.analysis.remark_paragraphs import (
    PROPOSES,
    is_heading,
    own_paragraphs,
    proposal_parts,
    speaks_of_whole,
)
from hoering.analysis.summary import fit, sentences

REMARKS_LIMIT = 900  # characters: a paragraph or two of the notat, not the reply again
MIN_WORDS = 6  # a shorter sentence is a heading, a label or a fragment
MAX_SENTENCE = 1000  # characters: a longer "sentence" is a table or a run of text, no remark
_ITEM = re.compile(r"^(?:\(?\d{1,2}(?:\.\d{1,2})*[.)]?|\(?[a-h]\)|[-•*–·▪●◦➢►])\s+")
_REMOVED = re.compile(r"\[[^\]]{0,40}\bfjernet\]")
# "støtter", "vil gerne støtte", "vores fulde støtte"; not the noun in "sende deres støtte".
_SUPPORTS = (
    r"støtter|støttes|støttet|(?:vil|kan|skal|må|gerne)\s+(?:\w+\s+){0,2}støtte"
    r"|(?:vores|vor|sin|fulde|stor|varm|klar)\s+støtte"
)
# An explicit position on the plan or the process: support, criticism, concern, a call.
_POSITION = re.compile(
    r"(?i)\b(?:" + _SUPPORTS + r"|bakke[rs]?\s+(?:\w+\s+){0,2}op|opbakning|(?:u)?enig[e]?"
    r"|kriti\w*|bekymr\w*|savne[rs]?|beklage[rs]?|skuffe\w*|positiv\w*|glæde[rs]?\s+(?:os|mig|sig)"
    r"|hilse[rs]?\s+(?:\w+\s+){0,3}velkommen|opfordre[rs]?|anbefale[rs]?|påpege[rs]?"
    r"|understrege[rs]?|bemærke[rs]?|fremhæve[rs]?|advare[rs]?|pege[rs]?\s+på|mene[rs]?"
    r"|finder\s+(?:\w+\s+)?(?:det|at)|tilfreds|utilfreds|anerkende[rs]?|roser"
    r"|kvittere[rs]?\s+for|gøre?[rs]?\s+(?:\w+\s+)?opmærksom\s+på"
    r"|ambiti\w*|support\w*|welcome[sd]?|concern\w*|regret\w*|urge[sd]?|believe[sd]?"
    r"|appreciate[sd]?|endorse[sd]?|commend\w*|encourage[sd]?|recommend\w*|disappoint\w*"
    r"|critici[sz]\w*|(?:dis)?agree[sd]?)\b"
)
# Support or criticism of the plan: kept even in the sentence that introduces proposals.
_SUPPORT = re.compile(
    r"(?i)\b(?:" + _SUPPORTS + r"|bakke[rs]?\s+(?:\w+\s+){0,2}op|opbakning|(?:u)?enig[e]?"
    r"|kriti\w*"
    r"|bekymr\w*|savne[rs]?|beklage[rs]?|skuffe\w*|positiv\w*|glæde[rs]?\s+(?:os|mig|sig)"
    r"|velkommen|tilfreds|utilfreds|support\w*|welcome[sd]?|concern\w*|critici[sz]\w*)\b"
)
# A lead-in whose support is for the list below ("Jeg støtter, at planen indeholder:"):
# the proposals are what it says.
_LEADS_LIST = re.compile(
    r"(?i)\b(?:støtte[rs]?|bakke[rs]?\s+op\s+om|anbefale[rs]?|foreslå[rs]?|ønske[rs]?)\s*,?"
    r"\s+(?:at|følgende|de\s+følgende)\b[^.!?]*:$"
)
# Apologies for the reply itself (late, forwarded) and notes passed along with it.
_APOLOGY = re.compile(
    r"(?i)\bbeklage[rs]?\b.*\b(?:kommer|sent|fristen|forsink\w*|videresend\w*|ulejlighed)\b"
    r"|\bundskyld\w*|\bvideresend\w*|\bsender\s+(?:den|det|dem|svaret|mailen)\s+videre\b"
    # a reply sent after the deadline: "Jeg ved godt, at fristen var i søndags, men ..."
    r"|\bved\s+godt,?\s+(?:at\s+)?fristen\b|\bfristen\s+(?:\w+\s+){0,2}(?:overskredet|udløbet)"
    # the language the reply is written in ("I hope it is acceptable that I write in English")
    r"|\b(?:write|writing|written|skriver|skrevet|svarer)\s+(?:\w+\s+){0,3}(?:in\s+english"
    r"|på\s+engelsk)\b"
)
# Welcoming the chance to answer ("We welcome the opportunity to contribute", "Vi glæder os
# over muligheden for at bidrage"): courtesy, not a position on the plan.
_COURTESY = re.compile(
    r"(?i)\b(?:welcome[sd]?|appreciate[sd]?|value[sd]?)\s+(?:the|this)\s+(?:\w+\s+)?"
    r"(?:opportunity|chance|invitation)\b|\bglæde[rs]?\s+(?:os|mig)\s+over\s+(?:\w+\s+){0,2}"
    r"(?:muligheden|invitationen|chancen)\b|\bsætte[rs]?\s+pris\s+på\s+(?:\w+\s+){0,2}"
    r"(?:muligheden|invitationen)\b|\bhilse[rs]?\s+(?:\w+\s+){0,2}(?:muligheden|invitationen)"
    r"\s+(?:\w+\s+){0,6}velkommen\b"
)
# A view without an explicit position word: what matters, what is hard, what should be.
_VIEW = re.compile(
    r"(?i)\b(?:synes|vigtig\w*|afgørende|væsentlig\w*|nødvendig\w*|bør|burde|ønske[rst]?"
    r"|håbe[rs]?|oplev\w*|svær[te]?|vanskelig\w*|desværre|ærgerlig\w*|for\s+kort|fint|godt"
    r"|fornuftig\w*|overset|mangle[rsd]?|problem\w*|forudsætning\w*|should|must|important"
    r"|essential|crucial|hope[sd]?|unfortunate\w*|rightly|not(?:e|ice)[sd]?\s+that"
    r"|(?:vores|vor|min|mit|\w+s)\s+(?:\w+\s+)?(?:opfattelse|vurdering|holdning|indtryk)"
    r"|ser\s+(?:\w+\s+){0,3}gerne)\b"
)
# Asking to take part in what comes next ("vil gerne inddrages"), not offering to
# ("deltager gerne", "står til rådighed"): the drafting team wants to know who asks.
_INVOLVED = re.compile(
    r"(?i)\b(?:gerne|ønske[rs]?|ønsker\s+at)\s+(?:\w+\s+){0,3}(?:inddrages|involveres"
    r"|inviteres|være\s+(?:med|repræsenteret))\b"
    r"|\b(?:have|få|får)\s+(?:en\s+)?(?:\w+\s+)?(?:plads|stemme|sæde)\s+(?:i|ved|når)\b"
    r"|\b(?:blive|bliver|være)\s+(?:\w+\s+)?(?:inddraget|involveret|repræsenteret)\b"
    r"|\b(?:would\s+like|wish|ask|want)\s+to\s+(?:be\s+(?:involved|consulted|represented)"
    r"|take\s+part|participate)\b"
)
# The writer speaking: "vi", "jeg", "vores"; English "I" only as a capital (Danish "i" is "in").
_OWN = re.compile(r"(?i:\b(?:vi|jeg|os|mig|vores|vor|min|mit|mine|we|us|our|my)\b)|\bI\b")
# Sentences that say nothing to the call, unless a position is taken in them.
_NOISE = re.compile(
    r"(?i)^(?:mange\s+)?tak\b|\btakke[rs]?\b|^thank|\bhermed\b|\bvedhæfte\w*|\bvedlag\w*"
    r"|\bfremsend\w*|\battached\b|\benclosed\b|\bplease\s+find\b|\bkontaktperson\w*"
    r"|\bkontakt(?:e|es)?\s+(?:mig|os|undertegnede|gerne)\b|\bkontaktes\b|\bcontact\s+(?:me|us)\b"
    r"|(?<!\bet )\bspørgsmål\s+(?:til|om|kan|vedr)|\bhar\s+(?:i|du)\s+(?:\w+\s+)?spørgsmål"
    r"|\btil\s+rådighed\b|\buddyb\w*|\bvelkomne?\s+til\s+at\b|\bhesitate\b"
    r"|\b(?:happy|glad)\s+to\s+(?:elaborate|answer|discuss|provide|share|support|help|assist)\b"
    r"|\bgod\s+arbejdslyst\b"
    r"|\bheld\s+og\s+lykke\b|\bgod\s+sommer\b|\bgood\s+luck\b|\bser\s+(?:\w+\s+)?frem\s+til\b"
    r"|\blook(?:ing)?\s+forward\b|\bhåbe[rs]?\b.*\b(?:kan\s+bruge|brugbar\w*|til\s+nytte"
    r"|kan\s+anvendes|tages?\s+(?:\w+\s+){0,2}med|taget\s+med|komme\s+med|indgå\w*|inspiration|useful)\b"
    r"|\b(?:deltager|bidrager|indgår|medvirker)\s+(?:meget\s+)?gerne\b"
)
# "Vi vil gerne spørge om et par ting": the questions that follow are the remark.
_ASKS = re.compile(
    r"(?i)\bgerne\s+spørge\b"
    r"|\bhar\s+(?:\w+\s+){0,4}?(?:et\s+par|nogle|enkelte|to|tre)\s+spørgsmål\b"
)
# "Jeg vil meget gerne høre, hvordan I bruger forslagene": a question about the process
# asked without a question mark.
_WANTS_TO_KNOW = re.compile(
    r"(?i)\bgerne\s+(?:høre|vide)\b[^.!?]*\b(?:hvordan|hvornår|hvad|hvem|hvorfor|om)\b"
)
# The writer's history and size ("Foreningen blev stiftet i 2015 af borgere, som ønsker
# ...", "Vi er 21 unge", "har i dag godt 60 medlemmer"): no remark, whatever the clause says.
_HISTORY = re.compile(
    r"(?i)\b(?:blev|er|was|were)\s+(?:\w+\s+)?(?:stiftet|grundlagt|founded|established)\b"
    r"|^vi\s+er\s+(?:\w+\s+)?\d+\b|\b(?:har|has|have)\s+(?:i\s+dag\s+)?(?:over\s+|godt\s+"
    r"|cirka\s+|ca\.\s+|omkring\s+|knap\s+|about\s+|around\s+|more\s+than\s+|some\s+)?[\d.,]+\s+"
    r"(?:medlemmer|beboere|indbyggere|ansatte|medarbejdere|elever|studerende|frivillige|brugere"
    r"|members|residents|inhabitants|employees|staff|students|volunteers)\b"
)
# Who the writer is and what it did with the call: "X er en landsdækkende forening med
# 40.000 medlemmer", "Rådet har drøftet høringen på sit møde": no remark unless a view is
# taken in the same sentence.
_ABOUT = re.compile(
    r"(?i)\b(?:er|is)\s+(?:en|et|danmarks|landets|a|an|the)\s+(?:\w+\s+){0,4}\w*(?:forening"
    r"|organisation|sammenslutning|netværk|forbund|virksomhed|firma|selskab"
    r"|association|organi[sz]ation|network|union|company|firm)\b"
    r"|\b(?:repræsenterer|organiserer|samler|represents?|brings\s+together)\s+(?:\w+\s+){0,5}"
    r"(?:\d|medlem\w*|members|medarbejdere|ansatte|husstande|virksomheder|\w*organisationer"
    r"|foreninger)"
    r"|\bhar\s+(?:over\s+|cirka\s+|ca\.\s+)?[\d.]+\s+medlemmer\b"
    r"|\bhar\s+(?:\w+\s+){0,2}(?:drøftet|behandlet|modtaget|læst|gennemgået)\s+(?:\w+\s+){0,3}"
    r"(?:høring\w*|materiale\w*|invitation\w*|opfordring\w*|indkaldelse\w*|brev\w*|udkast\w*)"
    r"|\bhas\s+(?:received|read|discussed|reviewed)\s+(?:\w+\s+){0,3}(?:call|invitation|consultation)"
)

# A sentence that announces the proposals below it; "har ikke et konkret forslag" does not.
_ANNOUNCES = re.compile(
    r"(?i)\b(?:følgende|nedenstående|nedenfor|herunder|below|following)\b|:$"
    r"|\b(?:komme|bidrage|byde\s+ind)\s+med\s+(?:\w+\s+){0,3}(?:forslag|idéer|ideer|input"
    r"|bud|bidrag)\b|\b(?:vil|skal)\s+(?:gerne\s+)?(?:foreslå|give|sende)\b"
    r"|(?<!der )(?<!som )\bhar\s+(?:\w+\s+){0,2}(?:forslag|idéer|ideer|input|bud|ønsker)\b"
    r"|\binvitation\b"
    r"|\b(?:to|tre|fire|fem|seks|syv|et\s+par|nogle|få|\d)\s+(?:\w+\s+)?(?:forslag"
    r"|initiativer|idéer|ideer|ønsker|tiltag|anbefalinger|områder|emner|punkter|temaer)\b"
    r"|\bskriver\s+(?:på\s+vegne\s+af|til\s+(?:jer|dig))\b|\bon\s+behalf\s+of\b"
    r"|\b(?:our|my|some|two|three|four|several)\s+(?:\w+\s+)?(?:proposals|suggestions|ideas"
    r"|recommendations|areas|points)\b"
)
# Stems one of which starts a word of each alternative of a long pattern: where none does,
# the pattern (many alternatives tried at every word) is not run. Keep in step with it.
_POSITION_WORDS = (
    "støtte", "bakke", "opbakning", "enig", "uenig", "kriti", "bekymr", "savne", "beklage",
    "skuffe", "positiv", "glæde", "velkommen", "opfordre", "anbefale", "pege", "påpege",
    "understrege", "bemærke",
    "fremhæve", "advare", "mene", "finder", "tilfreds", "anerkende", "roser", "ambiti",
    "kvitter", "gør",
    "support", "welcome", "concern", "regret", "urge", "believe", "appreciate", "endorse",
    "commend", "encourage", "recommend", "disappoint", "critici", "agree",
)  # fmt: skip
_NOISE_WORDS = (
    "tak", "thank", "hermed", "vedhæft", "vedlag", "fremsend", "attached", "enclosed",
    "please", "kontakt", "contact", "spørgsmål", "rådighed", "uddyb", "velkom", "hesitate",
    "happy", "glad", "arbejdslyst", "lykke", "sommer", "luck", "frem", "forward", "håbe",
    "gerne",
)  # fmt: skip
_ANNOUNCES_WORDS = (
    "følgende", "nedenstående", "nedenfor", "herunder", "below", "following",
    "forslag", "idé", "ideer", "input", "bud", "bidrag", "foreslå", "give", "sende", "ønske",
    "invitation", "initiativ", "tiltag", "anbefaling", "skriver", "behalf", "proposal",
    "suggestion", "idea", "område", "emne", "punkt", "tema", "recommendation", "area", "point",
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")
_GRAM = 4  # words in a run compared with the initiatives' text
_INSIDE = 0.5  # a sentence with this share of its words in an initiative belongs to it
_SOME_COMMENTS = re.compile(
    r"(?i)\b(?:yderligere|videre|øvrige|andre|further|other)\s+(?:\w+\s+)?(?:bemærkninger"
    r"|comments)|\b(?:til|om|vedrørende|on|to)\s+(?:tema|afsnit|punkt|kapitel|forslag|theme"
    r"|section)\w*|\b(?:men|dog|but|however)\b"
)
_NEGATED = re.compile(r"(?i)\b(?:ikke|ingen|intet|no|not)\b")


def general_remarks(
    text: str, initiative_texts: Sequence[str] = (), no_comments: bool = False
) -> str:
    """The paragraphs of `text` that say something and belong to no initiative, or ""."""
    if no_comments:
        return ""
    paragraphs = own_paragraphs(text)
    if not initiative_texts and any(map(_says_no_comments, paragraphs)):
        return ""  # "Styrelsen har ingen bemærkninger": what else it says is courtesy
    proposed = _grams(" ".join(proposal_parts(initiative_texts)))
    kept = [remark_of(paragraph, proposed) for paragraph in paragraphs]
    return _within_limit([paragraph for paragraph in kept if paragraph])


def remark_of(paragraph: str, proposed: frozenset[str] = frozenset()) -> str:
    """The paragraph less what says nothing, if what is left says something; else ""."""
    if is_heading(paragraph):
        return ""
    units = [u for u in sentences(_ITEM.sub("", paragraph)) if len(u) <= MAX_SENTENCE]
    units = [unit for unit in units if not _proposed(unit, proposed)]
    own = _is_own(" ".join(units))
    if not any(_says_something(unit, own) for unit in units):
        return ""  # most paragraphs of a long letter: no need to look further
    if any(_announces(unit) for unit in units):
        units = [u for u in units if _SUPPORT.search(u) or (_takes_view(u) and not _announces(u))]
    # What proposes ("Vi foreslår, at ...") is no remark, also where no initiative holds it.
    units = [unit for unit in units if not PROPOSES.search(unit)]
    units = [unit for unit in units if not _is_noise(unit)]
    return " ".join(units) if any(_says_something(unit, own) for unit in units) else ""


def _says_no_comments(paragraph: str) -> bool:
    """The reply as a whole has no comments: not "ingen yderligere bemærkninger" (after
    some), not "ingen bemærkninger til afsnit 3, men ..." (to one part)."""
    return any(
        NO_COMMENTS_PATTERN.search(unit) and not _SOME_COMMENTS.search(unit)
        for unit in sentences(paragraph)
    )


def _proposed(unit: str, proposed: frozenset[str]) -> bool:
    """Most of the sentence's words lie in runs of _GRAM words an initiative holds."""
    words = _WORD.findall(unit.casefold())
    covered: set[int] = set()
    for start in range(len(words) - _GRAM + 1):
        if " ".join(words[start : start + _GRAM]) in proposed:
            covered.update(range(start, start + _GRAM))
    return bool(words) and len(covered) >= _INSIDE * len(words)


def _grams(text: str) -> frozenset[str]:
    """Every run of _GRAM words in `text`, case-folded: looked up per sentence in O(1)."""
    words = _WORD.findall(text.casefold())
    return frozenset(" ".join(words[i : i + _GRAM]) for i in range(len(words) - _GRAM + 1))


def _announces(unit: str) -> bool:
    return _has(_ANNOUNCES, _ANNOUNCES_WORDS, unit) and not _NEGATED.search(unit)


def _is_noise(unit: str) -> bool:
    if _REMOVED.search(unit) or NO_COMMENTS_PATTERN.search(unit) or _APOLOGY.search(unit):
        return True
    if _LEADS_LIST.search(unit):
        return True
    if _INVOLVED.search(unit):
        return False  # "Vi står gerne til rådighed og vil gerne inviteres med, når ..."
    if _has(_POSITION, _POSITION_WORDS, _COURTESY.sub("", unit)):
        return False
    if _COURTESY.search(unit) or _HISTORY.search(unit):
        return True
    if _ASKS.search(unit):
        return not _is_question(unit)  # the questions themselves are the remark
    if _has(_NOISE, _NOISE_WORDS, unit):
        return True
    return bool(_ABOUT.search(unit)) and not _VIEW.search(unit)


def _says_something(unit: str, own: bool = True) -> bool:
    """A question, a position, a wish to be involved, or a view in a paragraph that is the
    writer's own (`own`: see _is_own)."""
    if _is_question(unit) and speaks_of_whole(unit):
        return len(unit.split()) >= 3  # "Bliver høringssvarene offentliggjort?"
    if len(unit.split()) < MIN_WORDS:
        return False
    if _is_question(unit) or _WANTS_TO_KNOW.search(unit):
        return True  # a question about the process
    if _has(_POSITION, _POSITION_WORDS, unit) or _INVOLVED.search(unit):
        return True
    return own and bool(_VIEW.search(unit))


def _is_own(paragraph: str) -> bool:
    """The paragraph speaks as the writer ("vi oplever", "jeg synes") or of the plan or the
    consultation. "For journalister er adgangen til oplysninger en forudsætning for ...":
    a view word in a statement about the world is the letter's background, no remark."""
    return bool(_OWN.search(paragraph)) or speaks_of_whole(paragraph)


def _within_limit(paragraphs: list[str]) -> str:
    """Whole paragraphs up to REMARKS_LIMIT; a first paragraph longer than that keeps its
    whole sentences up to it (one sentence longer still is cut at a word)."""
    kept: list[str] = []
    for paragraph in paragraphs:
        if len(" ".join([*kept, paragraph])) > REMARKS_LIMIT:
            break
        kept.append(paragraph)
    if kept or not paragraphs:
        return " ".join(kept)
    for unit in sentences(paragraphs[0]):
        if len(" ".join([*kept, unit])) > REMARKS_LIMIT:
            break
        kept.append(unit)
    return " ".join(kept) if kept else fit(paragraphs[0], REMARKS_LIMIT)


def _takes_view(unit: str) -> bool:
    return bool(_VIEW.search(unit)) or _has(_POSITION, _POSITION_WORDS, unit)


def _has(pattern: re.Pattern[str], stems: tuple[str, ...], unit: str) -> bool:
    """`pattern.search(unit)`, not run when no word of `unit` starts with one of the stems
    it needs (nor, for ":", when it does not end in one)."""
    needed = _stems(stems).search(_spaced(unit)) or unit.endswith(":")
    return bool(needed) and bool(pattern.search(unit))


@cache
def _stems(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(" (?:" + "|".join(map(re.escape, stems)) + ")")


@lru_cache(maxsize=64)
def _spaced(unit: str) -> str:
    """The unit's words, case-folded, each after a space: " vi støtter planen"."""
    return f" {' '.join(_WORD.findall(unit.casefold()))}"


def _is_question(unit: str) -> bool:
    return unit.rstrip('"”») ').endswith("?")
