"""forget log: one row per `hoering forget`, with a sha256 of the address and the counts

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 06:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forget_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("email_sha256", sa.String(length=64), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("forget_log") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_forget_log_email_sha256"), ["email_sha256"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("forget_log") as batch_op:
        batch_op.drop_index(batch_op.f("ix_forget_log_email_sha256"))
    op.drop_table("forget_log")
