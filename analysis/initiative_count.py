"""The number of proposals a reply says it makes ("Vi har tre forslag", "følgende fire
initiativer", "to konkrete forslag", "Our five proposals"), for the initiative splitter
(analysis/initiatives.py): where the reply's structure offers more than one reading
(headings or the list under them, items or their sub-items), the one that gives the stated
number is the writer's own. The count never makes a split: it only chooses between the
readings the structure offers.
"""

from __future__ import annotations

import re

_NUMBERS = {
    "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10,
}  # fmt: skip
# Words that may stand between the number and the noun: "to konkrete forslag", "three
# specific proposals", "fire overordnede anbefalinger".
_BETWEEN = (
    r"konkrete|nye|overordnede|centrale|korte|specifikke|enkle|vigtige|primære|større|mindre|"
    r"praktiske|forskellige|selvstændige|concrete|specific|main|key|practical|simple|short|"
    r"separate|further|new"
)
_STATED = re.compile(
    rf"(?<![-\w])(?P<n>{'|'.join(_NUMBERS)}|[2-9]|10)\s+(?:(?:{_BETWEEN})\s+)?"
    r"(?:forslag|initiativforslag|initiativer|anbefalinger|idéer|ideer|tiltag|bud|"
    r"proposals|suggestions|recommendations|ideas|initiatives)\b",
    re.IGNORECASE,
)
# "tre til fire initiativer", "2-3 forslag": a range says how many the plan should hold.
# "to forslag på dette område": a section's count, not the reply's.
_LOCAL = re.compile(
    r"\s+(?:på|inden for|under|i|in|on) (?:dette|det|hvert|this|each) (?:område|tema|emne|"
    r"punkt|area|theme|topic)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?:\beller|\btil|\bor|[-–])\s*$", re.IGNORECASE)


def stated_count(text: str) -> int:
    """The number of proposals the text says it makes, when it says one number (2-10)
    once or more and no other; 0 when it says none or several. Only the text above its
    first marked heading counts (title, introduction): under a theme's heading, "Vi har to
    forslag på dette område" counts that theme's."""
    found = set()
    own = re.split(r"^#{1,6} ", text, maxsplit=1, flags=re.MULTILINE)[0]
    for sentence in re.split(r"(?<=[.!?:])\s+|\n\s*\n", own):
        for match in _STATED.finditer(sentence):
            before, after = sentence[: match.start()], sentence[match.end() :]
            if _RANGE.search(before) or _LOCAL.match(after):
                continue
            word = match.group("n").casefold()
            found.add(_NUMBERS.get(word) or int(word))
    return found.pop() if len(found) == 1 else 0
