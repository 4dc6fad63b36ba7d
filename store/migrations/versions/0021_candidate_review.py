"""candidate review: review fields and a touched flag on candidates, candidate_events (the
reviewers' trail, with what `undo` puts back), initiatives.candidate_pinned, and decision
columns wide enough for the call's decisions ("indgår i det videre OGP-samarbejde")

Revision ID: 0021
Revises: 0018
Create Date: 2026-12-09 10:00:00

Existing candidates start untouched, their members unpinned: as before, re-analysis places
them freely until a reviewer acts on one.
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0018"  # migrations are chained in the order they landed
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("candidates") as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(30), nullable=False, server_default="ny"))
        batch_op.add_column(sa.Column("decision", sa.String(100), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("assignee", sa.String(200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("touched", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("initiatives") as batch_op:
        batch_op.add_column(
            sa.Column("candidate_pinned", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    for table in ("proposals", "initiatives"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("decision", type_=sa.String(100), existing_nullable=True)
    op.create_table(
        "candidate_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("undone", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("candidate_events") as batch_op:
        for column in ("candidate_id", "other_id"):
            batch_op.create_index(batch_op.f(f"ix_candidate_events_{column}"), [column])


def downgrade() -> None:
    op.drop_table("candidate_events")
    for table in ("proposals", "initiatives"):
        with op.batch_alter_table(table) as batch_op:
            batch_op.alter_column("decision", type_=sa.String(30), existing_nullable=True)
    with op.batch_alter_table("initiatives") as batch_op:
        batch_op.drop_column("candidate_pinned")
    with op.batch_alter_table("candidates") as batch_op:
        for column in ("touched", "assignee", "reason", "decision", "status"):
            batch_op.drop_column(column)
