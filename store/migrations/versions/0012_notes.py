"""one notes table: review_notes (on replies) and initiative_notes become `notes`, a note
naming its target by kind ("reply", "initiative") and id

The rows move over with their author, text and time; reply notes first, then initiative
notes, each in their old id order, so every target lists its notes in the order it did.

Revision ID: 0012
Revises: 0014
Create Date: 2026-12-10 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0014"  # migrations are chained in the order they landed
branch_labels = None
depends_on = None

# (kind, old table, its column naming the target, the table that column points at)
OLD_TABLES = (
    ("reply", "review_notes", "proposal_id", "proposals"),
    ("initiative", "initiative_notes", "initiative_id", "initiatives"),
)


def upgrade() -> None:
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_notes_target", "notes", ["target_kind", "target_id"], unique=False)
    for kind, table, column, _ in OLD_TABLES:
        op.execute(
            "INSERT INTO notes (target_kind, target_id, author, text, created_at) "
            f"SELECT '{kind}', {column}, author, text, created_at FROM {table} ORDER BY id"
        )
    op.drop_table("initiative_notes")
    op.drop_table("review_notes")


def downgrade() -> None:
    for kind, table, column, parent in OLD_TABLES:
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column(column, sa.Integer(), nullable=False),
            sa.Column("author", sa.String(length=200), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint([column], [f"{parent}.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)
        # Only notes whose target still exists: the old tables had foreign keys.
        op.execute(
            f"INSERT INTO {table} ({column}, author, text, created_at) "
            "SELECT target_id, author, text, created_at FROM notes "
            f"WHERE target_kind = '{kind}' AND target_id IN (SELECT id FROM {parent}) ORDER BY id"
        )
    op.drop_index("ix_notes_target", table_name="notes")
    op.drop_table("notes")
