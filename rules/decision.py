"""Which decision stands for an initiative, everywhere it is shown (notat, exports, desk):
its own, else its bruttoliste candidate's, else its reply's. The reason goes with it.
Pure: the callers read the three rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class Decided(Protocol):
    """A reply, an initiative or a candidate: what a reviewer decided and why."""

    @property
    def decision(self) -> str | None: ...
    @property
    def reason(self) -> str: ...


@dataclass(frozen=True)
class Standing:
    """The decision that stands, its reason, and whose it is ("" when none is made)."""

    decision: str
    reason: str
    source: str  # "initiative" | "candidate" | "reply" | ""


def standing(initiative: Decided, candidate: Decided | None, reply: Decided | None) -> Standing:
    """The first of initiative, candidate, reply that has a decision."""
    for source, row in (("initiative", initiative), ("candidate", candidate), ("reply", reply)):
        if row is not None and row.decision:
            return Standing(row.decision, row.reason or "", source)
    return Standing("", initiative.reason or "", "")
