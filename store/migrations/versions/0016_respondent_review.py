"""proposals.reviewed_respondent_name, proposals.reviewed_organisation: a reviewer's name and
organisation for the respondent, kept through reparse and `hoering analyse`

NULL (every existing reply) means the rules' reading stands.

Revision ID: 0016
Revises: 0017
Create Date: 2026-12-07 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0017"  # migrations are chained in the order they landed
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("proposals") as batch_op:
        batch_op.add_column(sa.Column("reviewed_respondent_name", sa.String(500), nullable=True))
        batch_op.add_column(sa.Column("reviewed_organisation", sa.String(500), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("proposals") as batch_op:
        batch_op.drop_column("reviewed_organisation")
        batch_op.drop_column("reviewed_respondent_name")
