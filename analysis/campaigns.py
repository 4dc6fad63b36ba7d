"""Campaigns as one entry: identical replies and form letters ("N borgere har sendt
enslydende høringssvar") instead of N rows, for the høringsnotat, the bruttoliste and the
people exports (issue 19 item 2).

Built from the duplicate groups as stored (store/models_duplicates.py, or anything shaped
like them): the common letter's summary (analysis.summary), the organiser when the letter
names one ("Brevet er udarbejdet af Foreningen Åben By"), and what the variants add: their
added sentences, most frequent first, at most MAX_ADDED. An added sentence that is a
greeting, a signature, an address or a removed CPR number is no addition: it names the
sender, not what they propose. Pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from hoering.analysis.summary import fit, summarize

MAX_ADDED = 5
MIN_ADDED_WORDS = 4  # "Mvh Jens Hansen", "Aarhus C": shorter lines name, they do not add
ADDED_LIMIT = 200  # characters of one added sentence in the entry

_NAME = r"([A-ZÆØÅ][\w&'’.-]*(?:\s+(?:[A-ZÆØÅ&][\w&'’.-]*|for|og|af|i|mod|til|of|the|and)){0,7})"
_ORGANISER = (
    re.compile(
        r"(?:organiseret|udarbejdet|formuleret|skrevet|koordineret|igangsat|iværksat|"
        r"arrangeret|startet)\s+(?:af|i\s+samarbejde\s+med)\s+" + _NAME
    ),
    re.compile(r"(?:kampagne|underskriftsindsamling|initiativ)\s+(?:fra|af)\s+" + _NAME),
    re.compile(r"(?:organi[sz]ed|drafted|written|coordinated|launched)\s+by\s+(?:the\s+)?" + _NAME),
)
_NOT_ADDED = re.compile(
    r"(?i)^(?:med\s+)?venlig(?:st)?\s+hilsen|^mvh\b|^hilsen\b|^(?:hej|kære|dear|hello|goddag)\b"
    r"|^(?:best\s+)?regards|@|\btlf\.?\b|\bcpr\b|\[[^\]]{0,40}fjernet\]|\b\d{6}-?\d{4}\b"
    r"|\b\d{4}\s+[A-ZÆØÅ][\wæøå]+\s*$"
)


class StoredMember(Protocol):
    """A member of a duplicate group: its reply and the sentences it adds (one a line)."""

    @property
    def proposal_id(self) -> int: ...
    @property
    def added_text(self) -> str: ...


class StoredGroup(Protocol):
    """A duplicate group: exact or near, the common letter (one sentence a line), members."""

    @property
    def kind(self) -> str: ...
    @property
    def common_text(self) -> str: ...
    @property
    def members(self) -> Sequence[StoredMember]: ...


@dataclass(frozen=True)
class CampaignEntry:
    """Identical or form letters as one entry."""

    kind: str  # "exact" | "near"
    count: int
    reply_ids: tuple[int, ...]  # ascending
    summary: str  # the common letter in one sentence ("" when it says nothing)
    organiser: str  # "" when the letter names none
    added: tuple[str, ...]  # what variants add, most frequent first, at most MAX_ADDED

    def describe(self, who: str = "borgere") -> str:
        """ "14 borgere har sendt enslydende høringssvar" (who: "høringsparter" for a mix)."""
        return f"{self.count} {who} har sendt enslydende høringssvar"


Clean = Callable[[int, str], str]


def campaign_entries(
    groups: Iterable[StoredGroup], clean: Clean | None = None, min_size: int = 2
) -> list[CampaignEntry]:
    """One entry per group of at least `min_size` replies, largest first, then by first
    reply. `clean(reply_id, sentence)`: the privacy rules of that reply for an added
    sentence (pseudonymize, redact); the sentence as stored when None."""
    entries = [_entry(group, clean) for group in groups if len(group.members) >= min_size]
    return sorted(entries, key=lambda entry: (-entry.count, entry.reply_ids[:1]))


def _entry(group: StoredGroup, clean: Clean | None) -> CampaignEntry:
    ids = tuple(sorted(member.proposal_id for member in group.members))
    common = group.common_text
    return CampaignEntry(
        kind=group.kind,
        count=len(ids),
        reply_ids=ids,
        summary=summarize(_items_joined(common)) or "",
        organiser=organiser(common),
        added=added_sentences(group.members, clean),
    )


def _items_joined(common: str) -> str:
    """The common letter (one sentence a line, list marks lost) with the items after an
    introduction ("... indeholder:"), lines without a stop, joined onto it with "; ": read
    as wrapped lines they ran into the sentence after them, and a campaign is summed up
    by all it asks for, not its first item."""
    lines: list[str] = []
    joined: set[int] = set()  # the introductions items were joined onto
    listing = False
    for line in common.splitlines():
        stripped = line.strip()
        listing = listing and bool(stripped) and not stripped.endswith((".", "!", "?", ":"))
        if listing:
            joint = " " if lines[-1].endswith(":") else "; "
            lines[-1] = f"{lines[-1]}{joint}{stripped}"
            joined.add(len(lines) - 1)
        else:
            lines.append(line)
        listing = listing or stripped.endswith(":")
    # The list ends a sentence: the line after it is no continuation of its last item.
    return "\n".join(f"{line}." if i in joined else line for i, line in enumerate(lines))


def organiser(text: str) -> str:
    """Who organised the letter, when it names them; "" otherwise."""
    flat = " ".join(text.split())
    for pattern in _ORGANISER:
        found = pattern.search(flat)
        if found:
            return found.group(1).rstrip(" .,;:")
    return ""


def added_sentences(members: Iterable[StoredMember], clean: Clean | None = None) -> tuple[str, ...]:
    """The sentences variants add beyond the common letter, most frequent first (ties: the
    first seen), each counted once per reply, at most MAX_ADDED; counted as stored (a
    pseudonym differs per reply), shown cleaned."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for member in members:
        seen = set()
        for line in member.added_text.splitlines():
            sentence = " ".join(line.split())
            if not _is_addition(sentence):
                continue
            key = sentence.casefold().rstrip(".!? ")
            if key in seen:
                continue
            seen.add(key)
            counts[key] += 1
            if key not in first:  # shown as its first sender's privacy rules leave it
                first[key] = clean(member.proposal_id, sentence) if clean else sentence
    order = {key: index for index, key in enumerate(first)}
    ranked = sorted(counts, key=lambda key: (-counts[key], order[key]))
    return tuple(fit(first[key], ADDED_LIMIT) for key in ranked[:MAX_ADDED])


def _is_addition(sentence: str) -> bool:
    # "Jeg har to forslag:" introduces what follows; it adds nothing of its own.
    if sentence.endswith(":") or len(sentence.split()) < MIN_ADDED_WORDS:
        return False
    return not _NOT_ADDED.search(sentence)
