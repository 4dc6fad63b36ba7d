"""What every command needs first: the config, the database, the checked filters.

Imported when a command runs (config, store), not at start-up: see cli.py.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from hoering import config as config_module
    from hoering.store.queries import ProposalFilter


def load(path: Path | None) -> config_module.Config:
    """The config from --config, else $HOERING_CONFIG, else ./hoering.toml."""
    from hoering import config as config_module

    return config_module.load_config(config_module.resolve_config_path(path))


def sessions(cfg: config_module.Config) -> sessionmaker[Session]:
    """The database, created and migrated if needed."""
    from hoering.store.db import open_database

    return open_database(cfg.store_url)


def proposal_filter(
    cfg: config_module.Config,
    since: datetime | None,
    late: bool | None,
    search: str | None,
    **review_fields: str | None,
) -> ProposalFilter:
    """The filters of `list` (and the exports): --since is a day in the consultation's zone."""
    from datetime import time

    since_at = datetime.combine(since.date(), time(0), tzinfo=cfg.timezone) if since else None
    return where_filter(cfg, **review_fields, since=since_at, late=late, search=search)


def where_filter(
    cfg: config_module.Config,
    status: str | None = None,
    decision: str | None = None,
    assignee: str | None = None,
    respondent_type: str | None = None,
    theme: str | None = None,
    language: str | None = None,
    **others,
) -> ProposalFilter:
    """A ProposalFilter from CLI values, each checked against its allowed list (exit 2)."""
    from hoering.store import review
    from hoering.store.queries import ProposalFilter
    from hoering.vocab import DECISIONS, NO_DECISION, RESPONDENT_TYPES, STATUSES

    if decision is not None:
        decision = (
            NO_DECISION
            if decision.strip().casefold() == NO_DECISION
            else review.canonical(decision, DECISIONS, "decision")
        )
    return ProposalFilter(
        status=None if status is None else review.canonical(status, STATUSES, "status"),
        decision=decision,
        assignee=assignee,
        respondent_type=None
        if respondent_type is None
        else review.canonical(respondent_type, RESPONDENT_TYPES, "respondent type"),
        theme=None if theme is None else review.theme_key(theme, cfg.codebook),
        language=None
        if language is None
        else review.canonical(language, ("da", "en", "other"), "language"),
        **others,
    )
