"""candidates: the bruttoliste's groups of initiatives that propose the same thing, their
term index, and initiatives.candidate_id

Revision ID: 0017
Revises: 0011
Create Date: 2026-12-08 10:00:00

Creates the tables only; `hoering analyse` (or the next poll or import) places the
initiatives already stored.
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0011"
branch_labels = None
depends_on = None

FOREIGN_KEY = "fk_initiatives_candidate_id_candidates"


def upgrade() -> None:
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("themes", sa.Text(), nullable=False),
        sa.Column("theme_labels", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("owner", sa.String(length=500), nullable=False),
        sa.Column("terms", sa.Text(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "candidate_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["candidate_id"], ["candidates.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("candidate_terms") as batch_op:
        for column in ("candidate_id", "term"):
            batch_op.create_index(batch_op.f(f"ix_candidate_terms_{column}"), [column])
    with op.batch_alter_table("initiatives") as batch_op:
        batch_op.add_column(sa.Column("candidate_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_initiatives_candidate_id"), ["candidate_id"])
        batch_op.create_foreign_key(
            FOREIGN_KEY, "candidates", ["candidate_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("initiatives") as batch_op:
        batch_op.drop_constraint(FOREIGN_KEY, type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_initiatives_candidate_id"))
        batch_op.drop_column("candidate_id")
    op.drop_table("candidate_terms")
    op.drop_table("candidates")
