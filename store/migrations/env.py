"""Alembic environment: runs on the engine handed over by store.db (no alembic.ini)."""

from alembic import context

from hoering.store.models import Base
from hoering.store.search import include_object

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables.
        include_object=include_object,  # the FTS5 index is made by hand, not by a model
    )
    context.run_migrations()
