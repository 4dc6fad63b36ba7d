"""the bruttoliste's candidates.themes and theme_labels as JSON arrays, as 0013 made the
initiatives' own; the last list columns that were text, one value a line

candidates has no triggers and no full-text index, so SQLite's batch rebuild loses nothing.

Revision ID: 0019
Revises: 0013
Create Date: 2026-12-07 01:40:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0013"
branch_labels = None
depends_on = None

COLUMNS = ("themes", "theme_labels")


def upgrade() -> None:
    _convert(_lines_to_json)
    _retype(sa.Text(), sa.JSON(), "json")


def downgrade() -> None:
    _retype(sa.JSON(), sa.Text(), "text")
    _convert(_json_to_lines)


def _lines_to_json(value: str | None) -> str:
    return json.dumps([line for line in (value or "").splitlines() if line.strip()])


def _json_to_lines(value: str | None) -> str:
    return "\n".join(json.loads(value or "[]"))


def _convert(convert) -> None:
    """Rewrite every value as text, in Python: the same on SQLite and PostgreSQL."""
    bind = op.get_bind()
    rows = sa.table("candidates", sa.column("id"), *(sa.column(name) for name in COLUMNS))
    changes = [
        {"row_id": row.id, **{f"new_{name}": convert(getattr(row, name)) for name in COLUMNS}}
        for row in bind.execute(sa.select(rows))
    ]
    if changes:
        values = {name: sa.bindparam(f"new_{name}") for name in COLUMNS}
        update = rows.update().where(rows.c.id == sa.bindparam("row_id")).values(values)
        bind.execute(update, changes)


def _retype(old, new, cast: str) -> None:
    with op.batch_alter_table("candidates") as batch_op:
        for name in COLUMNS:
            batch_op.alter_column(
                name,
                type_=new,
                existing_type=old,
                existing_nullable=False,
                server_default=None,
                postgresql_using=f"{name}::{cast}",
            )
