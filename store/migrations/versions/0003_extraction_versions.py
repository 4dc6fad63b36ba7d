"""extraction versions: which parser and extractor versions produced the stored texts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 07:30:00

Rows from before this revision keep NULL, which `hoering reparse --outdated` treats as
older than any version.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals") as batch_op:
        batch_op.add_column(sa.Column("parser_version", sa.String(length=20), nullable=True))
    with op.batch_alter_table("attachments") as batch_op:
        batch_op.add_column(sa.Column("extractor_version", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("attachments") as batch_op:
        batch_op.drop_column("extractor_version")
    with op.batch_alter_table("proposals") as batch_op:
        batch_op.drop_column("parser_version")
