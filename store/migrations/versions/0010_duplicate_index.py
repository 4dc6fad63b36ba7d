"""incremental duplicate grouping: per-proposal text key and LSH band keys of group leaders

Filled by `hoering duplicates --refresh` or `hoering analyse`; until then the first poll
that stores a reply indexes the proposals that are not indexed yet (once).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 11:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "duplicate_index",
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("text_key", sa.String(length=64), nullable=True),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("leader", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("proposal_id"),
    )
    op.create_table(
        "duplicate_bands",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("duplicate_index") as batch_op:
        batch_op.create_index(batch_op.f("ix_duplicate_index_text_key"), ["text_key"])
    with op.batch_alter_table("duplicate_bands") as batch_op:
        batch_op.create_index(batch_op.f("ix_duplicate_bands_key"), ["key"])
        batch_op.create_index(batch_op.f("ix_duplicate_bands_proposal_id"), ["proposal_id"])


def downgrade() -> None:
    op.drop_table("duplicate_bands")
    op.drop_table("duplicate_index")
