"""proposals.forwarded: the reply forwards mail (flag "videresendt")

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 11:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not batch mode: a batch rebuild of `proposals` on SQLite drops the
# full-text index triggers of revision 0004. SQLite adds and (since 3.35) drops a column
# in place, as PostgreSQL does.
def upgrade() -> None:
    # Existing rows get the flag on their next reparse or `hoering analyse`.
    op.add_column(
        "proposals",
        sa.Column("forwarded", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE proposals DROP COLUMN forwarded")
    else:
        op.drop_column("proposals", "forwarded")
