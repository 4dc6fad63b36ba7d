"""What every command needs first: the config, the database, the checked filters.

Imported when a command runs (config, store), not at start-up: see cli.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from hoering import config as config_module
    from hoering.store.filters import ProposalFilter
    from hoering.ui.options import FilterArgs


def load(path: Path | None) -> config_module.Config:
    """The config from --config, else $HOERING_CONFIG, else ./hoering.toml."""
    from hoering import config as config_module

    return config_module.load_config(config_module.resolve_config_path(path))


def sessions(cfg: config_module.Config) -> sessionmaker[Session]:
    """The database, created and migrated if needed."""
    from hoering.store.db import open_database

    return open_database(cfg.store_url)


def proposal_filter(cfg: config_module.Config, filters: FilterArgs) -> ProposalFilter:
    """The filters of `list` and the exports, each checked against its allowed list (exit 2);
    --since is a day in the consultation's zone."""
    from hoering.store.filters import proposal_filter as checked_filter

    return checked_filter(
        cfg.codebook, cfg.timezone, decisions=cfg.decisions, since=filters.since, late=filters.late,
        search=filters.search, status=filters.status, decision=filters.decision,
        assignee=filters.assignee, respondent_type=filters.type_, theme=filters.theme,
        language=filters.language,
    )  # fmt: skip


def where_filter(cfg: config_module.Config, **values: str | None) -> ProposalFilter:
    """A ProposalFilter from review fields given as CLI values, each checked (exit 2)."""
    from hoering.store.filters import proposal_filter as checked_filter

    return checked_filter(cfg.codebook, decisions=cfg.decisions, **values)
