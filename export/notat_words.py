"""The høringsnotat's Danish phrasing: lists, supporters, the ministry's remarks. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hoering.vocab import Decision, RespondentType

TO_FILL = "[udfyldes]"
ADOPTED = frozenset({Decision.ADOPTED.value, Decision.PARTLY_ADOPTED.value})
_DECIDED = {
    Decision.ADOPTED.value: "Forslaget er optaget.",
    Decision.PARTLY_ADOPTED.value: "Forslaget er delvist optaget.",
    Decision.NOT_ADOPTED.value: "Forslaget er ikke optaget.",
    Decision.OUT_OF_SCOPE.value: "Forslaget ligger uden for rammerne af høringen.",
}


@dataclass(frozen=True)
class Voice:
    """One party behind an entry: who, and what kind of respondent."""

    name: str
    type: str
    reply_id: int


def joined(items: Sequence[str]) -> str:
    """ "A", "A og B", "A, B og C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


def citizens(count: int) -> str:
    return f"{count} borger" if count == 1 else f"{count} borgere"


def supporters(voices: Iterable[Voice], name_citizens: bool = False) -> str:
    """ "KL, Dansk Erhverv og 4 borgere": bodies by name, alphabetically, each once; citizens
    counted (each reply once), or named when `name_citizens`."""
    voices = list({voice.reply_id: voice for voice in voices}.values())
    people = [v for v in voices if v.type == RespondentType.BORGER]
    bodies = sorted({v.name for v in voices if v.type != RespondentType.BORGER}, key=str.casefold)
    if name_citizens:
        return joined(bodies + sorted({v.name for v in people}, key=str.casefold))
    return joined(bodies + ([citizens(len(people))] if people else []))


def as_subject(who: str) -> str:
    """A supporters phrase opening a sentence: "En borger foreslår", not "1 borger"."""
    return "En borger" if who == citizens(1) else who


def genitive(name: str) -> str:
    """ "Digitaliseringsstyrelsens"; "Finans'" after s, x or z."""
    return f"{name}'" if name[-1:].lower() in "sxz" else f"{name}s"


def remark(decision: str, reason: str) -> str:
    """The ministry's remark from a decision and its reason; TO_FILL until decided."""
    if not decision:
        return TO_FILL
    said = _DECIDED.get(decision, f"Beslutning: {decision}.")
    reason = " ".join(reason.split())
    if reason and reason[-1] not in ".!?":
        reason += "."
    return f"{said} {reason}".strip()


def agreed(decisions: Iterable[tuple[str, str]]) -> tuple[str, str]:
    """The (decision, reason) all decided ones share; ("", "") when none or they differ."""
    found = {pair for pair in decisions if pair[0]}
    return found.pop() if len(found) == 1 else ("", "")
