"""Words that introduce a list or labelled paragraphs for the initiative splitter
(analysis/initiative_lists.py): introductions that name proposals, counts of proposals, and
the words that make a list one proposal's own parts, steps or examples."""

from __future__ import annotations

import re

# Introductions that name proposals outright, even with a word of OWN_PARTS in them.
STRONG_INTRO = re.compile(
    r"\b(?:vi foreslår|foreslår vi|jeg foreslår|følgende (?:initiativ|forslag)\w*|"
    r"handlingsplan\w*\b.*\bindeholde\w*|forslag til (?:handlingsplan|initiativ)\w*)",
    re.IGNORECASE,
)
# "Her er tre forslag", "I have two suggestions": a count of the proposals to come.
COUNTED = re.compile(
    r"\b(?:to|tre|fire|fem|seks|syv|otte|two|three|four|five|six|\d) (?:\w+ )?(?:forslag|"
    r"initiativer|idéer|ideer|ønsker|anbefalinger|bud|tiltag|suggestions|proposals|"
    r"recommendations|ideas)\b",
    re.IGNORECASE,
)
# "Foreningen har følgende forslag.", "Vi foreslår følgende.", "Vores forslag følger
# herunder.": the proposals to come, named in a sentence that ends in a full stop rather
# than a colon.
FOLLOWING = re.compile(
    r"\b(?:følgende|nedenstående|the following)\s+(?:\w+\s+){0,2}?(?:forslag|initiativ\w*|"
    r"idéer|ideer|anbefalinger|tiltag|suggestions|proposals|recommendations|ideas)\b|"
    r"\b(?:foreslå\w*|anbefale\w*|propose|suggest|recommend)\s+(?:vi\s+|we\s+)?"
    r"(?:følgende|the following)\s*[.!]?$|"
    # "Vores forslag er kort beskrevet herunder.", "Nedenfor følger foreningens anbefalinger."
    r"^(?=.*\b(?:herunder|nedenfor|below)\b).*\b(?:forslag|initiativer|idéer|ideer|"
    r"anbefalinger|suggestions|proposals|recommendations|ideas)\b",
    re.IGNORECASE,
)
INTRO = re.compile(
    r"\b(?:foreslå\w*|forslag\w*|anbefal\w*|initiativ\w*|opfordr\w*|ønske\w*|idéer|ideer|støtte\w*|"
    r"bud på|suggest\w*|propos\w*|recommend\w*|ideas)\b",
    re.IGNORECASE,
)
# "Rådet har følgende bemærkninger:" over bullets: the items that ask for something are
# proposals, the others remarks.
REMARKS_INTRO = re.compile(
    r"\b(?:følgende|the following)\s+(?:\w+\s+)?(?:bemærkninger|kommentarer|synspunkter|"
    r"comments|remarks)\s*:\s*$",
    re.IGNORECASE,
)
# Enumerations of one proposal's own parts, steps or examples.
OWN_PARTS = re.compile(
    r"\b(?:trin|faser?|etaper?|dele|skridt|elementer|består|bestå|gennemføres|indeholde\w*|"
    r"omfatte\w*|eksempel|eksempler|fx|f\.eks\.?|såsom|bl\.a\.|blandt andet|herunder|"
    r"følgende data|datasæt|kræver|forudsætninger|fordele\w*|hensyn|forhold|opmærksom|"
    r"bemærkning\w*|pege på|ingen (?:nye |konkrete )?forslag)\b",
    re.IGNORECASE,
)

# Template sections whose numbered lists are one proposal's parts (a subset of the heading
# rule's sub-sections, kept apart: the heading rule imports the list rule).
PART_HEADING = re.compile(
    r"^(?:aktiviteter|konkrete aktiviteter|milepæle|tidsplan|trin|faser|delmål|leverancer|"
    r"målsætning\w*|mål|succeskriteri\w*|indikatorer|måling\w*|resultater|forventede? \w+|"
    r"løsning\w*|problem\w*|baggrund|udfordring\w*|implementering|beskrivelse|kort beskrivelse|"
    r"risici|ressourcer|budget|økonomi|aktører|partnere|interessenter)\b",
    re.IGNORECASE,
)

# "... foreslår vi, at der etableres et register": one ask with its content, not "Vi
# foreslår, at planen rummer følgende:".
ONE_ASK = re.compile(
    r"\b(?:foreslå\w*|anbefale\w*|propose\w*|recommend\w*)(?:\s+\w+){0,2},?\s+(?:at|that)\b"
    r"(?!.*\b(?:følgende|the following)\b)",
    re.IGNORECASE,
)
PARTS_SENTENCE = re.compile(
    r"\b(?:trin|faser?|etaper?|dele|skridt|elementer|består|bestå|gennemføres|omfatte\w*|"
    r"eksempler?|følgende (?:aktiviteter|elementer|trin|milepæle))\b",
    re.IGNORECASE,
)
