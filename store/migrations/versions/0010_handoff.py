"""proposals.forwarded: the reply forwards mail (flag "videresendt")

Revision ID: 0010_handoff
Revises: 0005
Create Date: 2026-12-03 11:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_handoff"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows get the flag on their next reparse or `hoering analyse`.
    with op.batch_alter_table("proposals") as batch_op:
        batch_op.add_column(
            sa.Column("forwarded", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("proposals") as batch_op:
        batch_op.drop_column("forwarded")
