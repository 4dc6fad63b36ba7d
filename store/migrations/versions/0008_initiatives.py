"""initiatives: the proposals inside each reply, with their own review fields and notes

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 11:20:00

Creates the tables only; `hoering analyse` splits the replies already stored.
audit_events gets initiative_id (no foreign key: the trail of a merged initiative stays).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "initiatives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("themes", sa.Text(), nullable=False),
        sa.Column("theme_labels", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=500), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("rule", sa.String(length=30), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("decision", sa.String(length=30), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("assignee", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("initiatives") as batch_op:
        for column in ("proposal_id", "level", "status", "decision", "assignee"):
            batch_op.create_index(batch_op.f(f"ix_initiatives_{column}"), [column], unique=False)
    op.create_table(
        "initiative_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiative_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["initiative_id"], ["initiatives.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("initiative_notes") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_initiative_notes_initiative_id"), ["initiative_id"], unique=False
        )
    # add_column outside batch mode: a batch rebuild of audit_events is not needed for a
    # nullable column, on SQLite or PostgreSQL.
    op.add_column("audit_events", sa.Column("initiative_id", sa.Integer(), nullable=True))
    op.create_index(
        op.f("ix_audit_events_initiative_id"), "audit_events", ["initiative_id"], unique=False
    )


def downgrade() -> None:
    with op.batch_alter_table("audit_events") as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_initiative_id"))
        batch_op.drop_column("initiative_id")
    op.drop_table("initiative_notes")
    op.drop_table("initiatives")
