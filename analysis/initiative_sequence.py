"""Proposals a letter puts in sequence by words rather than numbers, for the initiative
splitter (analysis/initiatives.py): paragraphs opened by ordinals or by words that add one
more ("For det første ... For det andet", "Det første forslag er ... Det andet forslag er",
"Vi foreslår ... Dernæst ...", "Derudover bør ...", "X foreslår desuden, at ..."), or
paragraphs that open alike with who asks and the asking verb ("DUF anbefaler, at ...").

A paragraph that adds one more proposal ("Derudover", "Desuden", "Dernæst", "Endelig") needs
a proposal before it: the first marked paragraph, or else the nearest paragraph above that
proposes. A marked paragraph that asks for nothing ("Endelig vil vi takke for ...") starts
nothing. Under a heading the same words split the heading's section: "Borgerinddragelse"
over "Vi foreslår X." and "Derudover bør Y." holds two proposals.
"""

from __future__ import annotations

import re

from hoering.analysis.initiative_text import CLOSING, HEADING, PROPOSING, Span, item_title

_FIRST = re.compile(
    r"^(?:for det første|først og fremmest|(?:det|den|vores|vort|mit|min|et|en) første "
    r"(?:forslag|initiativ|ønske|idé|ide|er)|first(?:ly)?\b|(?:our|my|the) first "
    r"(?:proposal|suggestion|recommendation))",
    re.IGNORECASE,
)
_LATER = re.compile(
    r"^(?:for det (?:andet|anden|tredje|fjerde|femte|sjette)|(?:det|den|vores|vort|mit|min|et|"
    # "Og så vil jeg foreslå, at ...": spoken Danish for "dernæst", as a citizen writes it.
    # "Den anden er, at ...": the second of the ideas the letter announced; "En anden ting
    # er ...", "Et andet problem ...": an ordinal before any noun counts one more.
    r"en) (?:(?:andet|anden|tredje|fjerde|femte|sjette) \w+|sidste (?:forslag|initiativ|ønske|"
    r"idé|ide|er))|"
    r"dernæst|og så|"
    r"derudover|desuden|endvidere|herudover|yderligere|endelig|til sidst|sidst,? men ikke "
    r"mindst|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|finally|lastly|in addition|"
    r"furthermore|(?:our|my|the) (?:second|third|fourth|last) (?:proposal|suggestion|"
    r"recommendation))\b",
    re.IGNORECASE,
)
# "Københavns Kommune foreslår desuden, at ...", "Så vil jeg også foreslå, at ...": the
# sender adds a proposal mid-sentence.
_ALSO = re.compile(
    r"^[^.!?]{0,80}?\b(?:foreslår|anbefaler|opfordrer|ønsker|propose|recommend|suggest)\s+"
    r"(?:vi\s+|jeg\s+|we\s+)?(?:desuden|endvidere|også|derudover|herudover|yderligere|"
    r"endelig|additionally|also)\b"
    # "Så vil jeg også foreslå, at ...": the adverb before the verb.
    r"|^[^.!?]{0,80}?\b(?:også|desuden|endvidere|derudover|yderligere|also)\s+(?:\w+\s+)?"
    r"(?:foreslå|propose|suggest)\b",
    re.IGNORECASE,
)
# "Jeg har et forslag", "Vi har ét forslag", "I have one suggestion": a single proposal.
_ONE = re.compile(
    r"\b(?:har|have|sende\w*|kommer med|here is)\s+(?:(?:kun|blot|bare|only|just)\s+)?"
    r"(?:ét|et|one|a)\s+(?:enkelt\s+|single\s+|konkret\s+)?(?:forslag|idé|ide|ønske|"
    r"suggestion|proposal)\b",
    re.IGNORECASE,
)
_COUNTING = re.compile(
    r"^(?:for det \w+|(?:det|den|vores|vort|mit|min|et|en) \w+ (?:forslag|initiativ|ønske|idé|ide)|"
    r"second|third|fourth|(?:our|my|the) \w+ (?:proposal|suggestion|recommendation))",
    re.IGNORECASE,
)
_SENTENCE_END = (".", "!", "?", ":")
# "DUF anbefaler, at ...", "Vi foreslår, at ...": a paragraph opening with who asks and the
# asking verb; two or more paragraphs opening the same way are one proposal each.
_VOICE = {"vi", "jeg", "we", "i", "our", "vores", "min", "mit", "vor"}
_OPENING = re.compile(
    r"^((?:[\w'’.-]+\s+){1,4}?(?:foreslår|anbefaler|opfordrer|propose[sd]?|recommends?|"
    r"suggests?))\b",
    re.IGNORECASE,
)


def ordinal_spans(lines: list[str]) -> list[Span]:
    """Paragraphs put in sequence (module docstring), or opening alike with the sender's
    ask ("DUF anbefaler, at ..." twice): one initiative each, when there are two or more;
    the last ends with its paragraph (_last_end)."""
    starts = _sequence_starts(lines, 0, len(lines))
    parallel = _parallel_starts(lines)
    if len(parallel) >= 2:
        starts = sorted({*starts, *parallel})
    if len(starts) < 2 or (_ONE.search(" ".join(lines)) and not _ordinal(lines, starts)):
        return []  # "Jeg har et forslag": its "Derudover bør ..." adds to that one
    spans = []
    for position, start in enumerate(starts):
        last = position + 1 == len(starts)
        end = starts[position + 1] if not last else _last_end(lines, start, parallel)
        body = _trimmed(lines[start:end])
        spans.append(Span(_title(body[0]), tuple(body), "ordinal"))
    return spans


def split_sequenced(span: Span) -> list[Span]:
    """A heading's section split where a paragraph adds one more proposal; the heading and
    what precedes the first such paragraph stay one initiative. A section with sub-headings
    is one proposal in parts and stays whole."""
    lines = list(span.lines)
    begin = 1 if lines and HEADING.match(lines[0].strip()) else 0
    if any(HEADING.match(line.strip()) for line in lines[begin:]):
        return [span]  # a proposal in sections of its own: "Derudover" adds to a section
    starts = [i for i in _sequence_starts(lines, begin, len(lines)) if i > begin]
    parallel = [i for i in _parallel_starts(lines) if i >= begin]
    first = next((i for i in range(begin, len(lines)) if lines[i].strip()), len(lines))
    if len(parallel) >= 2 and parallel[0] == first:
        # "## Antikorruption" over "LO foreslår, at ..." twice: the heading names a theme
        # and its section goes straight to the asks, one proposal each.
        return _parts(lines, sorted({*starts, *parallel}), span.rule)
    if not starts or not PROPOSING.search(" ".join(lines[begin : starts[0]])):
        return [span]
    first_part = Span(span.title, tuple(_trimmed(lines[: starts[0]])), span.rule, span.fields)
    return [first_part, *_parts(lines, starts, span.rule)]


def _parts(lines: list[str], starts: list[int], rule: str) -> list[Span]:
    """One span from each start to the next (the last to the end), titled by its opening."""
    parts = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        body = _trimmed(lines[start:end])
        parts.append(Span(_title(body[0]), tuple(body), rule))
    return parts


def _sequence_starts(lines: list[str], begin: int, end: int) -> list[int]:
    """Where the proposals put in sequence start, from the first one on."""
    marked = [
        index
        for index in range(begin, end)
        if _paragraph_start(lines, index, begin)
        and (_FIRST.match(lines[index].strip()) or _adds(lines[index]))
        and _proposes(lines, index)
    ]
    firsts = [i for i in marked if _FIRST.match(lines[i].strip())]
    if firsts:
        return [i for i in marked if i >= firsts[0]]
    if not marked:
        return []
    before = _proposing_paragraph_before(lines, marked[0], begin)
    return [before, *marked] if before is not None else marked


def _ordinal(lines: list[str], starts: list[int]) -> bool:
    """A start names its place ("For det første", "Det andet forslag"), not just "Derudover"."""
    return any(_FIRST.match(lines[i].strip()) or _COUNTING.match(lines[i].strip()) for i in starts)


def _last_end(lines: list[str], start: int, parallel: list[int]) -> int:
    """Where the last proposal ends: with its paragraph; after paragraphs opening the same
    way ("DUF anbefaler, at ..."), the paragraphs after it that speak of the matter (an
    example, a fact) are its own, up to one in the sender's voice ("Vi håber ...", "DUF
    stiller gerne op ..."), a closing or a heading."""
    if start not in parallel:
        return paragraph_end(lines, start)
    opening = _OPENING.match(lines[start].strip())
    speaker = opening.group(1).split()[0].casefold() if opening else ""
    end = start + 1
    for index in range(start + 1, len(lines)):
        text = lines[index].strip()
        if text and _paragraph_start(lines, index, 0):
            first = text.split()[0].casefold()
            if CLOSING.match(text) or HEADING.match(text) or first in {speaker, *_VOICE}:
                return index
        end = index + 1 if text else end
    return end


def _parallel_starts(lines: list[str]) -> list[int]:
    """The paragraphs that open the same way as another one with who asks and the asking
    verb ("DUF anbefaler, at ..." twice), each a proposal of its own."""
    openings: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        opening = _OPENING.match(line.strip())
        if opening and _paragraph_start(lines, index, 0):
            openings.setdefault(" ".join(opening.group(1).casefold().split()), []).append(index)
    return sorted(index for found in openings.values() if len(found) >= 2 for index in found)


def _adds(line: str) -> bool:
    text = line.strip()
    return bool(_LATER.match(text) or _ALSO.match(text))


def _paragraph_start(lines: list[str], index: int, begin: int) -> bool:
    """The line opens a paragraph: the first line, or after a blank line, a heading or the
    end of a sentence (a paragraph is a line of its own in Word text)."""
    if index <= begin or not lines[index].strip():
        return index == begin and bool(lines[index].strip())
    before = lines[index - 1].strip()
    return not before or bool(HEADING.match(before)) or before.endswith(_SENTENCE_END)


def _proposes(lines: list[str], index: int) -> bool:
    return bool(PROPOSING.search(" ".join(lines[index : paragraph_end(lines, index)])))


def _proposing_paragraph_before(lines: list[str], index: int, begin: int) -> int | None:
    """The start of the first paragraph of the section above line `index` that proposes,
    if any: what "Derudover" or "En anden ting" adds to is the letter's first ask, not an
    aside in between ("Min kone siger, at jeg skal huske at skrive ...")."""
    found = None
    for start in range(index - 1, begin - 1, -1):
        text = lines[start].strip()
        if HEADING.match(text):
            break  # another section's proposal is not this one's first
        if _paragraph_start(lines, start, begin) and _proposes(lines, start):
            found = start
    return found


def paragraph_end(lines: list[str], start: int) -> int:
    """Where the paragraph starting at `start` ends: a blank line, a closing line, or (PDF
    text, which has no blank lines) a line ending a sentence well short of the longest."""
    width = max((len(line.strip()) for line in lines), default=0)
    for index in range(start, len(lines)):
        text = lines[index].strip()
        if not text or (index > start and (CLOSING.match(text) or HEADING.match(text))):
            return index
        if text.endswith((".", "!", "?")) and len(text) < 0.75 * width:
            return index + 1
    return len(lines)


def _trimmed(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _title(line: str) -> str:
    text = _FIRST.sub("", line.strip()) if _FIRST.match(line.strip()) else line.strip()
    text = _LATER.sub("", text) if _LATER.match(text) else text
    # "LO foreslår, at staten ...": the ask, not who asks, names the proposal.
    # "En anden ting er, at ...": the ask after the counting words.
    text = re.sub(r"^[\s,]*(?:(?:er|var),?\s+)?(?:at\s+)?", "", _OPENING.sub("", text, count=1))
    return item_title(text.lstrip(" ,;:") or line)
