"""list-valued columns as JSON arrays: proposals.warnings and reference_numbers,
proposal_themes.words and keywords, initiatives.themes and theme_labels

They were text, one value a line; each becomes the array of its non-empty lines, as every
reader split them before. None of them is in the full-text index. On SQLite the type change
rebuilds `proposals` in batch mode, which drops the triggers that keep proposals_fts in step:
they are read from sqlite_master before and created again after, unchanged; the rows keep
their ids, so the index itself stays valid.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-10 09:30:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

LIST_COLUMNS = {
    "proposals": ("warnings", "reference_numbers"),
    "proposal_themes": ("words", "keywords"),
    "initiatives": ("themes", "theme_labels"),
}
# The one server default among them (migration 0004); '' is no JSON array, and the models
# always give a value, so the JSON column has none.
OLD_DEFAULTS = {"reference_numbers": ""}


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # PostgreSQL would cast the default along with the type, and '' is no JSON.
        for name in OLD_DEFAULTS:
            op.alter_column("proposals", name, server_default=None, existing_type=sa.Text())
    for table, columns in LIST_COLUMNS.items():
        _convert(table, columns, _lines_to_json)
        defaults = {name: None for name in OLD_DEFAULTS}
        _retype(table, columns, sa.Text(), sa.JSON(), "json", defaults)


def downgrade() -> None:
    for table, columns in LIST_COLUMNS.items():
        _retype(table, columns, sa.JSON(), sa.Text(), "text", OLD_DEFAULTS)
        _convert(table, columns, _json_to_lines)


def _lines_to_json(value: str | None) -> str:
    return json.dumps([line for line in (value or "").splitlines() if line])


def _json_to_lines(value: str | None) -> str:
    return "\n".join(json.loads(value or "[]"))


def _convert(table: str, columns: tuple[str, ...], convert) -> None:
    """Rewrite every value of `columns` as text, in Python: the same on SQLite and PostgreSQL."""
    bind = op.get_bind()
    rows = sa.table(table, sa.column("id"), *(sa.column(name) for name in columns))
    changes = [
        {"row_id": row.id, **{f"new_{name}": convert(getattr(row, name)) for name in columns}}
        for row in bind.execute(sa.select(rows))
    ]
    if changes:
        values = {name: sa.bindparam(f"new_{name}") for name in columns}
        update = rows.update().where(rows.c.id == sa.bindparam("row_id")).values(values)
        bind.execute(update, changes)


def _retype(table: str, columns: tuple[str, ...], old, new, cast: str, defaults: dict) -> None:
    """Change the columns' type; on SQLite in one rebuild of the table, its triggers kept."""
    triggers = _triggers(table)
    with op.batch_alter_table(table) as batch_op:
        for name in columns:
            batch_op.alter_column(
                name,
                type_=new,
                existing_type=old,
                existing_nullable=False,
                server_default=defaults.get(name, False),  # False: leave it as it is
                postgresql_using=f"{name}::{cast}",
            )
    for statement in triggers:  # SQLite's batch rebuild dropped them with the old table
        op.get_bind().exec_driver_sql(statement)


def _triggers(table: str) -> list[str]:
    """The CREATE TRIGGER statements on `table` (SQLite; other databases keep their triggers)."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return []
    found = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
        (table,),
    )
    return [row[0] for row in found]
