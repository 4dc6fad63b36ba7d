"""Alembic environment: runs on the engine handed over by store.db (no alembic.ini)."""

from alembic import context

from hoering.store.models import Base
from hoering.store.search import include_object

engine = context.config.attributes["engine"]
sqlite = engine.dialect.name == "sqlite"
with engine.connect() as connection:
    if sqlite:
        # Batch mode copies a table and drops the old one; with foreign keys on, SQLite's
        # DROP deletes the rows that point at it first (ON DELETE CASCADE) or refuses
        # ("table is locked"). Off for the migration only: it must be set outside a transaction.
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()  # pysqlite sends no BEGIN for a PRAGMA; end SQLAlchemy's autobegin
    with connection.begin():
        context.configure(
            connection=connection,
            target_metadata=Base.metadata,
            render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables.
            include_object=include_object,  # the FTS5 index is made by hand, not by a model
        )
        context.run_migrations()
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
