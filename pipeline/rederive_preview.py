"""`hoering analyse --dry-run`: what re-deriving would change, reply by reply, with nothing
written. Run it after an upgrade, before `hoering analyse`, to see which replies the new
rules read differently and which splits are kept because a reviewer worked on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from hoering.analysis.initiatives import split_initiatives
from hoering.config import Config
from hoering.pipeline.report import Tick, no_tick
from hoering.rules.initiative_derive import sections
from hoering.rules.reply_derive import derive_reply
from hoering.rules.reply_inputs import inputs_of
from hoering.store import models
from hoering.store.derived_rows import apply_derived
from hoering.store.queries import proposals_for_analysis

CHUNK = 200


@dataclass(frozen=True)
class Reading:
    """What analysis reads in one reply, compared before and after."""

    respondent: str
    themes: tuple[str, ...]
    initiatives: tuple[str, ...]


@dataclass(frozen=True)
class Change:
    proposal_id: int
    before: Reading
    after: Reading
    kept_split: int | None = None  # a reviewer's split stays; the new rules would find this many

    def lines(self) -> list[str]:
        """One line per field that would change, in the words `analyse --dry-run` prints."""
        found = []
        if self.before.respondent != self.after.respondent:
            found.append(f"respondent {self.before.respondent} -> {self.after.respondent}")
        if self.before.themes != self.after.themes:
            found.append(f"themes {_listed(self.before.themes)} -> {_listed(self.after.themes)}")
        if self.before.initiatives != self.after.initiatives:
            found.append(
                f"initiatives {len(self.before.initiatives)} -> {len(self.after.initiatives)}"
            )
        if self.kept_split is not None:
            found.append(
                f"split kept ({len(self.before.initiatives)}: a reviewer worked on the reply; "
                f"the new rules would find {self.kept_split})"
            )
        return found


def reading(proposal: models.Proposal) -> Reading:
    who = proposal.respondent_organisation or proposal.respondent_name or ""
    return Reading(
        f"{proposal.respondent_type or '?'}: {who or '-'}",
        tuple(sorted(theme.theme for theme in proposal.themes if theme.active)),
        tuple(f"{row.number}. {row.title}" for row in proposal.initiatives),
    )


@dataclass(frozen=True)
class Preview:
    analysed: int
    changes: list[Change]


def preview(config: Config, sessions: sessionmaker[Session], tick: Tick = no_tick) -> Preview:
    """Every reply whose derived fields would change; each chunk is rolled back."""
    changes: list[Change] = []
    analysed = after = 0
    while True:
        with sessions() as session:
            chunk = proposals_for_analysis(session, after=after, limit=CHUNK)
            for proposal in chunk:
                changes += _change(proposal, config)
                tick()
            analysed, after = analysed + len(chunk), chunk[-1].id if chunk else after
            session.rollback()
        if not chunk:
            return Preview(analysed, changes)


def _change(proposal: models.Proposal, config: Config) -> list[Change]:
    before = reading(proposal)
    kept_split = None
    inputs = inputs_of(proposal)
    if inputs.split_kept:
        # Read before deriving again: the split the reviewer kept was made of this text.
        current = sections(inputs, proposal.reply_text or "", proposal.forwarded)
        found = split_initiatives(current, inputs.subject)
        if [item.text for item in found] != [row.text for row in proposal.initiatives]:
            kept_split = len(found)
    derived = derive_reply(inputs, config.codebook, config.respondent_registry)
    apply_derived(proposal, derived)  # as normalize_proposal, from the inputs read above
    change = Change(proposal.id, before, reading(proposal), kept_split)
    return [change] if change.lines() else []


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(values) or "(none)"
