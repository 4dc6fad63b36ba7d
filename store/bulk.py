"""Many plain rows into one table in the caller's transaction: COPY on PostgreSQL, one
executemany elsewhere.

For index rows (duplicate bands, candidate terms) that no ORM object stands for. psycopg
sends an executemany as one prepared statement per row; COPY streams the rows in one
statement, which is what makes the LSH band rows of a cold import cheap on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, object]]) -> None:
    """Insert `rows` (column name -> value, every row the same columns) into `table`."""
    if not rows:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    names = ", ".join(connection.dialect.identifier_preparer.quote(name) for name in columns)
    driver = connection.connection.driver_connection  # psycopg's, in this transaction
    assert driver is not None
    with driver.cursor() as cursor, cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[name] for name in columns])
