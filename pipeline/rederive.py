"""`hoering analyse`: derive respondents, cleaned text, flags, themes and initiatives again
from the stored text, then rebuild the duplicate groups and the bruttoliste's candidates;
reviewer choices are kept.

Streams the proposals in id ranges, one short transaction per chunk, so 50,000 replies take
bounded memory and a reviewer's write waits at most one chunk.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from hoering.config import Config
from hoering.pipeline.report import Tick, no_tick
from hoering.rules import candidates, duplicates
from hoering.rules.derive import normalize_proposal
from hoering.store.db import writing
from hoering.store.queries import proposals_for_analysis

CHUNK = 200  # proposals per transaction


@dataclass(frozen=True)
class RederiveReport:
    analysed: int  # proposals derived again (the CLI says "analysed", as cron logs expect)
    initiatives: int
    groups: int
    candidates: int = 0


def rederive(
    config: Config, sessions: sessionmaker[Session], tick: Tick = no_tick
) -> RederiveReport:
    """Normalize every proposal again with the config's codebook, then regroup duplicates.

    `tick()` after each proposal, for the CLI's progress bar."""
    analysed = initiatives = after = 0
    with writing():
        while True:
            with sessions.begin() as session:
                chunk = proposals_for_analysis(session, after=after, limit=CHUNK)
                for proposal in chunk:
                    normalize_proposal(proposal, config.codebook, config.respondent_registry)
                    tick()
                session.flush()
                initiatives += sum(len(proposal.initiatives) for proposal in chunk)
            if not chunk:
                break
            analysed, after = analysed + len(chunk), chunk[-1].id
        with sessions.begin() as session:
            counts = duplicates.refresh(session)
        with sessions.begin() as session:
            placed = candidates.refresh(session)
    return RederiveReport(analysed, initiatives, counts.groups, placed)
