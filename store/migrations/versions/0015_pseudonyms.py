"""pseudonyms: the stored "Borger N" number of each private sender, global and stable

Revision ID: 0015
Revises: 0019 (0011 when written; main gained 0017 to 0019 meanwhile)
Create Date: 2026-12-06 22:30:00

Creates the table empty: the first export with --pseudonymize numbers the private senders
already stored in order of first reply, as exports numbered them before.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0019"  # migrations are chained in the order they landed
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pseudonyms",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
        sa.UniqueConstraint("number"),
    )


def downgrade() -> None:
    op.drop_table("pseudonyms")
