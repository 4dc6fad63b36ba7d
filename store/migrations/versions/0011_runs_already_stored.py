"""runs.already_stored: messages stored before (a rerun, one mail in two folders), counted
apart from duplicates as the run's summary line does

Runs recorded before this revision keep both in `duplicates` (0 here).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 19:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch_op:
        batch_op.add_column(
            sa.Column("already_stored", sa.Integer(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch_op:
        batch_op.drop_column("already_stored")
