"""message states: per-place processing status, parse attempts and post-actions

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 06:10:51.279190
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Databases from before this revision: every sighting becomes a state row, so failed
# messages stored then are retried and listed by `hoering failures` like new ones.
BACKFILL = """
INSERT INTO message_states (account, folder, uidvalidity, uid, raw_message_id, status,
                            attempts, last_error, action_attempts, created_at, updated_at)
SELECT s.account, s.folder, s.uidvalidity, s.uid, s.raw_message_id,
       CASE WHEN r.parse_error IS NOT NULL THEN 'failed'
            WHEN s.id = (SELECT min(s2.id) FROM sightings s2
                         WHERE s2.raw_message_id = s.raw_message_id) THEN 'stored'
            ELSE 'duplicate' END,
       1, r.parse_error, 0, s.seen_at, s.seen_at
FROM sightings s JOIN raw_messages r ON r.id = s.raw_message_id
"""


def upgrade() -> None:
    op.create_table(
        "message_states",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=500), nullable=False),
        sa.Column("folder", sa.String(length=1000), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("uid", sa.BigInteger(), nullable=True),
        sa.Column("raw_message_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("action", sa.String(length=1000), nullable=True),
        sa.Column("action_state", sa.String(length=20), nullable=True),
        sa.Column("action_attempts", sa.Integer(), nullable=False),
        sa.Column("action_error", sa.Text(), nullable=True),
        sa.Column("action_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["raw_message_id"], ["raw_messages.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("account", "folder", "uidvalidity", "uid"),
    )
    with op.batch_alter_table("message_states", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_message_states_action_state"), ["action_state"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_message_states_raw_message_id"), ["raw_message_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_message_states_status"), ["status"], unique=False)
    op.execute(BACKFILL)


def downgrade() -> None:
    with op.batch_alter_table("message_states", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_states_status"))
        batch_op.drop_index(batch_op.f("ix_message_states_raw_message_id"))
        batch_op.drop_index(batch_op.f("ix_message_states_action_state"))
    op.drop_table("message_states")
