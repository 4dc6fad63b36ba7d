"""Alembic environment: runs on the engine handed over by store.db (no alembic.ini)."""

from alembic import context

from store.models import Base

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables.
    )
    context.run_migrations()
