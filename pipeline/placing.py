"""New replies placed in duplicate groups and their initiatives in candidates, by the
persisted indexes (rules/duplicates.py, rules/candidates.py), each in a transaction of its
own: after a run, and with workers also during it, every PLACE_EVERY stored replies.

Placing in the loop overlaps the placements' work in the run's process with the workers'
derivation of the next replies, where placing everything after the loop left one core idle
for minutes on a backlog. Placing goes in id order and each pass places what the last one
left, so where the passes fall changes no group and no candidate.
"""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from hoering.parse.model import Extractor
from hoering.pipeline.sandbox import Sandbox
from hoering.rules import candidates as rules_candidates
from hoering.rules import duplicates as rules_duplicates
from hoering.rules.pure_map import in_process
from hoering.store.db import writing

# Stored replies between two placements in a run's loop: about one chunk of each placement
# (rules.duplicates.REFRESH_CHUNK, rules.candidates.CHUNK), so passes cost no more queries
# than one pass after the loop would.
PLACE_EVERY = 500


def place_new(sessions: sessionmaker[Session], extract: Extractor) -> None:
    """Place every reply and initiative not placed yet; a run's sandbox makes the texts'
    fingerprints and term vectors in its workers."""
    mapper = extract.map_parts if isinstance(extract, Sandbox) else in_process
    with writing(), sessions.begin() as session:
        rules_duplicates.place_new(session, mapper=mapper)
    # Their initiatives join the bruttoliste's candidates the same way (rules/candidates.py).
    with writing(), sessions.begin() as session:
        rules_candidates.place_new(session, mapper)
