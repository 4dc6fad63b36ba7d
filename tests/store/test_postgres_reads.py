"""A run's check for stored copies reads outside a transaction on PostgreSQL (issue 20,
goal 6): one round trip instead of BEGIN, the query and ROLLBACK, on the loop's thread."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import event

from hoering import pipeline
from hoering.config import load_config
from hoering.pipeline.run import Pipeline
from hoering.store.db import open_database
from tests.kit.mails import make_mail
from tests.store.test_postgres import write_pg_config


def test_stored_copies_are_read_in_autocommit_and_the_pool_gets_a_transaction_back(
    tmp_path: Path, postgres_url: str
) -> None:
    cfg = load_config(write_pg_config(tmp_path / "pg", postgres_url))
    db = open_database(cfg.store_url)
    data = make_mail(message_id="<kopi@example.dk>", body="Vi foreslår åbne data.\n")
    path = tmp_path / "svar.eml"
    path.write_bytes(data)
    assert pipeline.import_paths(cfg, db, [path]).stored == 1
    sha = hashlib.sha256(data).hexdigest()
    engine = db.kw["bind"]
    autocommit: list[bool] = []

    def seen(conn, *_args) -> None:
        autocommit.append(conn.connection.driver_connection.autocommit)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        found = Pipeline(cfg, db).known_bytes([sha, "0" * 64])
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert found == {sha}
    assert autocommit == [True]  # one statement, no transaction around it
    with db() as session:  # a pooled connection, in a transaction again
        connection = session.connection().connection.driver_connection
        assert connection.autocommit is False
