"""Rules 2 and 3 of the initiative splitter (analysis/initiatives.py): numbered proposal
headings, and document headings (markup or layout) with what stands under them.

A heading whose section is a list ("Borgerinddragelse" over "1. ... 2. ...", "Vores
forslag" over bullets) groups proposals: its items are the initiatives, not the heading.
A heading's section that says it holds no proposal ("Her har vi ikke et konkret forslag")
is a remark, not an initiative.
"""

from __future__ import annotations

import re
from collections import Counter

from hoering.analysis.initiative_fields import label_of
from hoering.analysis.initiative_lists import announces, list_items
from hoering.analysis.initiative_sequence import split_sequenced
from hoering.analysis.initiative_text import (
    CLOSING,
    HEADING,
    ITEM,
    NO_COMMENTS,
    PROPOSING,
    Span,
    clean_title,
    trim,
)

# Proposals counted by letter as by number: "Forslag A: ...", "Forslag B: ...".
NUMBERED_HEADING = re.compile(
    r"^(?:#{1,6}\s+)?(?:\*\*)?(?:initiativ\s*forslag|initiativ|forslag|idé)\s*(?:nr\.?\s*)?"
    r"(\d{1,2}|(?<=\s)[a-h](?=\s*(?:[:.)–—]|$)|\s+-\s))\s*(?:[:.)–—-]\s*|$)(.*)$",
    re.IGNORECASE,
)
# Headings that name the proposals below them: a grouping heading, never a proposal itself.
PROPOSALS_HEADING = re.compile(
    r"(?:^|\s)(?:forslag|initiativ\w*|anbefaling\w*|idéer|ideer|proposals|recommendations)$",
    re.IGNORECASE,
)
# Letter sections, not proposals: they end the initiative before them.
LETTER_SECTION = re.compile(
    r"^(?:\d+\.?\s*)?(?:indledning|indledende|baggrund(?:en)?$|generel|generelle|generelt|"
    r"høringssvar|høring\b|resumé|sammenfatning|om (?:os|\w+)$|kontakt|afslutning|afsluttende|"
    r"afrunding|opsummering|konklusion|bilag|vedr\.?|vedrørende\b|re:|til digitaliseringsstyrelsen|"
    # a notat's last chapter: "3. Videre proces", "Det videre forløb"
    r"(?:den |det )?videre (?:proces|forløb|arbejde|dialog)$|"
    r"øvrige bemærkninger|bemærkninger|"
    r"forord|introduktion|vores forslag|forslag til initiativer|initiativforslag$|uddybning|"
    # chapters of a report: never a proposal of their own
    r"metoden?$|diskussion$|litteratur\w*$|referencer$|kilder$|noter$|summary$|"
    r"introduction$|conclusions?$|background$|about us$|contact$|methods?$|findings$|"
    r"general (?:comments?|remarks?|observations?)$|"
    r"(?:executive\s+)?summary$|key findings$|analysen?$|analysis$|hovedkonklusion\w*$|"
    r"læsevejledning$|indhold(?:sfortegnelse)?$|(?:table of )?contents$|appendi(?:x|ks)\b|"
    # sections of a council's minutes (a beslutningsreferat sent as the reply)
    r"sagsfremstilling$|sagsbeskrivelse$|indstilling(?:en)?$|beslutning(?:en)?$|lovgrundlag$|"
    r"dagsorden$|referat$|punkt\s+\d{1,2}\b|"
    # the letter's title: "PROSAs bidrag til Danmarks OGP-handlingsplan 2017-2019"
    r"[^:]{0,60}\b(?:bidrag|input|(?:initiativ)?forslag|idéer|ideer|bemærkninger|kommentarer|"
    r"anbefalinger|høringssvar)\s+(?:til|om|vedr\.?|vedrørende)\s+(?:\S+\s+){0,3}?"
    r"(?:\S*handlingsplan\w*|ogp\S*|høring\w*|open government\w*)"
    r"(?:\s+(?:for\s+)?(?:open government(?: partnership)?|åben forvaltning"
    r"|\d{4}(?:\s*[-–]\s*\d{4})?))*$)",
    re.IGNORECASE,
)
# Sections inside one proposal (the call's template among them): part of the initiative
# they follow.
SUBSECTION = re.compile(
    r"^(?:baggrund|formål|beskrivelse|kort beskrivelse|forvente\w*|effekt(?:en|er)?|"
    # "Ansvar", "Ansvarlig myndighed"; not a title "Ansvarlig offentliggørelse af sårbarheder"
    r"ansvar(?:et|sfordeling|lig(?:e)?(?: \w+)?)?(?: (?:og|for)\b.*)?$|"
    r"økonomi|tids(?:plan|ramme|horisont|perspektiv)|budget|ressourcer|risici|risiko|"
    r"målgrupper?|niveau|aktører|gevinst(?:er)?$|omkostning\w*|forudsætning\w*|varighed|"
    # what argues for the proposal: "Erfaringer fra udlandet", "Eksempler", "Fordele ved ..."
    r"erfaring(?:er|erne)?\b|eksempl\w*|eksempel\b|fordele\w*|inspiration\b|"
    r"nuværende situation|næste skridt|deltagere$|"
    r"implementering|succeskriteri\w*|indikatorer|udfordring\w*|løsning\w*|relevans|"
    r"sammenhæng|ogp-værdier|perspektiv|problem\w*|målsætning\w*|mål$|aktiviteter|"
    r"konkrete aktiviteter|måling|milepæle|resultater|interessenter|partnere|partnerskab\w*|"
    r"organisering|forankring|finansiering|begrundelse|forslag$|forslaget|hvorfor|hvordan|"
    r"hvem$)\b",
    re.IGNORECASE,
)
_INTRO_MAX = 300  # characters of a letter's introduction under its title
_ANNOUNCES = re.compile(
    r"\b(?:nedenfor|nedenstående|i det følgende|herunder|følgende|below|following)\b",
    re.IGNORECASE,
)
_THEME_INTRO = 200  # characters of a line a theme heading may open with before its proposals
# "ingen forslag", also in a compound: "ingen konkrete initiativforslag"; "Vi har ikke haft
# mulighed for at udarbejde forslag".
NO_PROPOSAL = re.compile(
    r"\b(?:ikke|ingen)\s+(?:\w+\s+){0,2}(?:konkrete?|egentlige?|nye)\s+\w*forslag|"
    r"\b(?:ikke|ingen)\s+(?:selv\s+)?(?:nogen\s+)?\w*forslag\b|"
    # "Styrelsen har ikke selvstændige forslag": any adjective, but not a determiner or one
    # that says "more" ("ingen yderligere forslag" after the proposals).
    r"\bha(?:r|ve)\s+(?:\w+\s+)?(?:ikke|ingen)\s+(?:nogen\s+)?(?!(?:andre|flere|yderligere|"
    r"disse|alle|mange|samme|følgende|nogle)\b)\w{3,}e\s+\w*forslag\b|"
    r"\bikke\s+(?:\w+\s+)?(?:haft\s+)?(?:mulighed\s+for|tid\s+til|nået|kunnet)\s+(?:at\s+)?"
    r"(?:\w+\s+){0,3}\w*forslag|"
    r"no (?:specific |concrete )?proposals?",
    re.IGNORECASE,
)
# Paragraphs that turn from the proposals to the whole plan or the process.
_GENERAL = re.compile(
    r"^(?:generelt|overordnet|i øvrigt|alt i alt|samlet set|(?:vi|jeg) har (?:\w+ ){0,3}?"
    r"(?:et par|nogle|enkelte) spørgsmål|(?:vi|jeg) (?:bemærker|gør opmærksom på|vil (?:gerne )?"
    r"(?:bemærke|gøre opmærksom på))|"
    r"(?:in general|overall|finally|we note|i note)\b)\b",
    re.IGNORECASE,
)
# "HK Stat deltager gerne i den videre dialog": a closing that names the sender first.
_OWN_CLOSING = re.compile(
    r"^[^.]{0,60}\b(?:deltager|indgår|bidrager|stiller|uddyber|står)\s+(?:\w+\s+)?gerne\b",
    re.IGNORECASE,
)


def numbered_heading_spans(lines: list[str]) -> list[Span]:
    starts = [i for i, line in enumerate(lines) if NUMBERED_HEADING.match(line.strip())]
    spans = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else closing_end(lines, start + 1)
        title = NUMBERED_HEADING.match(lines[start].strip()).group(2).strip(" *")
        body = lines[start:end]
        if not title:
            title = _first_value(body[1:])
        spans.append(Span(clean_title(title), tuple(trim(body)), "numbered-heading"))
    return spans


def closing_end(lines: list[str], start: int, stop: int | None = None, level: int = 0) -> int:
    """Where the last initiative ends: a closing line, a letter-section heading, a general
    paragraph that asks for nothing, or the end (`stop`, when the caller knows where the
    section ends anyway: each heading's scan stays within its section, not to the end).
    Under a proposal's heading of `level`, a deeper heading that names one of its parts
    ("## Baggrund" under "# Åbne postlister") is that part, not a letter's section."""
    stop = len(lines) if stop is None else stop
    return next(
        (
            i
            for i in range(start, stop)
            if (ends_initiative(lines[i]) and not _inner_part(lines[i], level))
            or _general(lines, i)
            or _chapter(lines[i])
        ),
        stop,
    )


def _inner_part(line: str, level: int) -> bool:
    heading = HEADING.match(line.strip())
    return bool(
        level and heading and len(heading.group(1)) > level and SUBSECTION.match(heading.group(2))
    )


def _chapter(line: str) -> bool:
    """A report's numbered chapter after its proposals ("4. Afslutning"): a letter section."""
    item = ITEM.match(line.strip())
    return bool(item and len(item.group(5).split()) <= 2 and LETTER_SECTION.match(item.group(5)))


def _general(lines: list[str], index: int) -> bool:
    """A paragraph that turns to the whole ("Generelt ser kommunen gerne, at planen ...",
    "Vi har et par spørgsmål til processen: ...") and asks for nothing: a general remark
    after the proposals, not part of the last one."""
    line = lines[index].strip()
    opens = index > 0 and not lines[index - 1].strip()
    return opens and bool(_GENERAL.match(line)) and not PROPOSING.search(line)


def ends_initiative(line: str) -> bool:
    """A closing line or a letter-section heading ("# Om os"): no initiative goes past it."""
    text = line.strip()
    heading = HEADING.match(text)
    if heading:
        return bool(LETTER_SECTION.match(heading.group(2)))
    return bool(CLOSING.match(text) or _OWN_CLOSING.match(text))


def _proposes_nothing(text: str) -> bool:
    """ "Vi har ingen konkrete forslag", or "SDFE har ingen bemærkninger til høringen" with
    no proposing word: a heading over such text (an addressee line) is no proposal."""
    return bool(NO_PROPOSAL.search(text)) or bool(
        NO_COMMENTS.search(text) and not PROPOSING.search(text)
    )


def heading_spans(
    lines: list[str],
    minimum: int = 2,
    level: int = 0,
    grouped: bool = True,
    parts: frozenset[str] = frozenset(),
) -> list[Span]:
    """The sections under the shallowest heading level with `minimum` proposal headings
    (or under `level`, when it has them); a section that is a list gives its items instead,
    unless not `grouped` (a proposal's heading over its own points). `parts`: titles known
    as a template's sections (_repeated) in the text around `lines`."""
    headings = [(i, HEADING.match(line.strip())) for i, line in enumerate(lines)]
    found = [(i, len(m.group(1)), m.group(2).strip()) for i, m in headings if m]
    # A question the call asked ("Hvordan kan borgerne inddrages?"), not a template's label;
    # the whole text is read for it only when a heading is a question.
    asked = any(title.endswith("?") for _, _, title in found) and answers_call(lines)
    parts = parts | _repeated(found)
    proposals = [
        h
        for h in found
        if h[2].casefold() not in parts
        and (_proposal_heading(h[2], lines, h[0]) or (asked and h[2].endswith("?")))
    ]
    levels = sorted({level for _, level, _ in proposals})
    enough = [lv for lv in levels if sum(h[1] == lv for h in proposals) >= minimum]
    chosen = level if level in enough else (None if level else next(iter(enough), None))
    if chosen is None:
        return []
    spans: list[Span] = []
    chosen_starts = {start for start, level, _ in proposals if level == chosen}
    for index, (start, _level, title) in enumerate(found):
        if start not in chosen_starts:
            continue
        # The proposal's own template sections at its level ("Problem", "Aktiviteter") are
        # its parts: the next proposal (a question of the call too) or letter section ends it.
        end = next(
            (
                found[n][0]
                for n in range(index + 1, len(found))
                if found[n][1] <= chosen
                and (
                    not (_part_of(found[n][2]) or found[n][2].casefold() in parts)
                    or (asked and found[n][2].endswith("?"))
                )
            ),
            len(lines),
        )
        end = closing_end(lines, start + 1, end, chosen)
        items = (
            (_grouped_items(lines, start + 1, end) or _grouped_sections(lines, start, end, parts))
            if grouped
            else []
        )
        body = trim(lines[start:end])
        if items:
            spans += items
        elif _groups_next(lines, start, body):
            continue  # a theme heading set right above its proposals' headings
        elif not spans and (
            _introduces(body, len(proposals)) or _letterhead(lines, start, len(proposals))
        ):
            continue  # the letter's title or letterhead over its introduction
        elif spans and len(body) == 1:
            continue  # a heading after the proposals with nothing under it before the closing
        elif not (_proposes_nothing(" ".join(body)) or _unanswered(title, body)):
            spans += split_sequenced(Span(clean_title(title), tuple(body), "heading"))
    return spans


# "Vi har valgt at besvare de spørgsmål, som styrelsen stiller": the reply follows the call.
_ANSWERS_CALL = re.compile(
    r"\b(?:besvare\w*|svare\w*\s+på|følge\w*|tage\w*\s+udgangspunkt\s+i|tager\s+udgangspunkt\s+i|"
    r"answer\w*|respond\w*\s+to|follow\w*)\s+(?:\w+\s+){0,3}(?:spørgsmål\w*|temaer\w*|"
    r"questions|themes)\b",
    re.IGNORECASE,
)


def _groups_next(lines: list[str], start: int, body: list[str]) -> bool:
    """A heading with no text of its own, right above another heading ("Åbne data" over
    "Grunddata om virksomheder" and its paragraph, all set alike in a mail): it names the
    theme of the headings below it, not a proposal."""
    if any(line.strip() for line in body[1:]):
        return False
    following = next((line.strip() for line in lines[start + 1 :] if line.strip()), "")
    return HEADING.match(following) is not None


def answers_call(lines: list[str]) -> bool:
    """The reply says it answers the call's questions or themes in turn."""
    return any(_ANSWERS_CALL.search(line) for line in lines)


def _unanswered(title: str, body: list[str]) -> bool:
    """A question heading (one the call asked) whose answer asks for nothing ("Har I andre
    forslag?" / "Nej, ikke på nuværende tidspunkt."): no proposal."""
    return title.endswith("?") and not PROPOSING.search(" ".join(body[1:]))


def _repeated(found: list[tuple[int, int, str]]) -> frozenset[str]:
    """Titles (case-folded) that stand over two or more sections at one level ("Hvad" and
    "Hvorfor" under each proposal, set alike): the sections of a template each proposal
    follows, whatever their words, never proposals of their own."""
    counts = Counter((level, title.casefold()) for _, level, title in found)
    return frozenset(title for (_, title), count in counts.items() if count >= 2)


def _part_of(title: str) -> bool:
    """A template section of the proposal above it, not a section of the letter."""
    return bool(SUBSECTION.match(title)) and not LETTER_SECTION.match(title)


def _introduces(body: list[str], headings: int) -> bool:
    """A first section that only announces the proposals below it ("Foreningen har samlet
    sine idéer nedenfor."), with two or more proposal headings after it."""
    text = " ".join(line.strip() for line in body[1:] if line.strip())
    return headings >= 3 and len(text) <= _INTRO_MAX and bool(_ANNOUNCES.search(text))


# What an introduction under a letterhead speaks of: the reply, the call, its themes.
_ON_THE_REPLY = re.compile(
    r"\b(?:høring\w*|handlingsplan\w*|bidrag\w*|svar\w*|besvar\w*|temaer\w*|spørgsmål\w*|"
    r"invitation\w*|consultation|submission|action plan|respond\w*|answer\w*)\b",
    re.IGNORECASE,
)


def _letterhead(lines: list[str], start: int, headings: int) -> bool:
    """The first line of the text read as a heading over a short introduction that asks for
    nothing ("Foreningen X" over "Vi svarer ud fra temaerne."), with two or more proposal
    headings after it: the sender's letterhead."""
    if headings < 3 or any(line.strip() for line in lines[:start]):
        return False
    end = next((i for i in range(start + 1, len(lines)) if HEADING.match(lines[i].strip())), 0)
    text = " ".join(line.strip() for line in lines[start + 1 : end] if line.strip())
    short = bool(end) and len(text) <= _INTRO_MAX and not PROPOSING.search(text)
    return short and bool(_ON_THE_REPLY.search(text))


def _proposal_heading(title: str, lines: list[str], index: int) -> bool:
    # "Vores forslag" over a list groups proposals; over prose it is a section of a letter
    # ("Forslag" under one proposal's "Baggrund" is part of that proposal).
    if PROPOSALS_HEADING.search(title) and _list_follows(lines, index + 1):
        return True
    return not (SUBSECTION.match(title) or LETTER_SECTION.match(title))


def _list_follows(lines: list[str], start: int) -> bool:
    first = next((line for line in lines[start:] if line.strip()), "")
    return bool(ITEM.match(first))


def _grouped_items(lines: list[str], start: int, end: int) -> list[Span]:
    """The items of a list that a heading's section opens with (two or more), perhaps after
    a line that counts or names them ("Vi har to forslag på dette område."), else []."""
    first = next((i for i in range(start, end) if lines[i].strip()), end)
    if first < end and not ITEM.match(lines[first]) and announces(lines[:end], first):
        start = first + 1
    if not _list_follows(lines[:end], start):
        return []
    items, _ = list_items(lines[:end], start)
    return items if len(items) >= 2 else []


def _grouped_sections(
    lines: list[str], start: int, end: int, parts: frozenset[str] = frozenset()
) -> list[Span]:
    """The proposals under deeper headings of a theme heading that goes straight to them
    ("# Åbenhed" over "## Åbne kalendere", "## Lobbyregister"), perhaps after a line that
    asks for nothing ("Her har vi to forslag."): a heading whose own text proposes first is
    one proposal whose sub-headings are its parts."""
    inner = lines[start + 1 : end]
    texts = [line.strip() for line in inner if line.strip()]
    direct = bool(texts) and HEADING.match(texts[0]) is not None
    # The intro is the first paragraph, wrapped over lines in PDF and plain text.
    paragraphs = "\n".join(line.strip() for line in inner).strip().split("\n\n")
    intro = " ".join(paragraphs[0].split("\n"))
    after = next((line for line in paragraphs[1:] if line.strip()), "")
    introduced = (
        len(paragraphs) > 1
        and len(intro) <= _THEME_INTRO
        and not PROPOSING.search(intro)
        and not HEADING.match(intro)
        and HEADING.match(after.split("\n")[0]) is not None
    ) or (
        len(texts) > 1
        and len(texts[0]) <= _THEME_INTRO
        and not PROPOSING.search(texts[0])
        and HEADING.match(texts[1]) is not None
    )
    return heading_spans(inner, 1, parts=parts) if direct or introduced else []


def _first_value(lines: list[str]) -> str:
    """The first line under a bare "Idé 1" heading, or the line after a "Titel" label."""
    texts = [line.strip() for line in lines if line.strip()]
    if len(texts) > 1 and label_of(texts[0]) == "title":
        return texts[1]
    return texts[0] if texts else ""
