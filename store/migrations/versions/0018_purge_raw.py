"""raw_messages.purged_at and purge_log: `hoering purge --raw-before` drops the raw bytes of
old replies and logs when, by whom, the cutoff and how many

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-06 22:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0016"  # migrations are chained in the order they landed
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("raw_messages") as batch_op:
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "purge_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("purge_log")
    with op.batch_alter_table("raw_messages") as batch_op:
        batch_op.drop_column("purged_at")
