"""normalized proposals, review workflow and audit, themes, duplicate groups, FTS5 search

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 06:30:16.388983

Existing proposals get empty normalized fields, status "ny" and no themes; `hoering
analyse` fills them from the stored text. On SQLite the full-text index proposals_fts
(FTS5) and the triggers that keep it in sync are created here and filled from the
existing rows; other databases search without it (see store/search.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# An external-content FTS5 index over proposals (rowid = proposals.id). unicode61 with
# remove_diacritics 0 folds case ("ÅBNE" = "åbne") but keeps æ, ø, å apart from a, o.
# A later migration that rebuilds `proposals` in batch mode drops these triggers: it must
# create them again (and run the 'rebuild' command).
FTS_COLUMNS = "subject, sender_name, sender_email, respondent_organisation, combined_text"
NEW_ROW = (
    "new.subject, new.sender_name, new.sender_email, new.respondent_organisation, new.combined_text"
)
OLD_ROW = NEW_ROW.replace("new.", "old.")
SQLITE_FTS = [
    f"""CREATE VIRTUAL TABLE proposals_fts USING fts5({FTS_COLUMNS},
        content='proposals', content_rowid='id', tokenize='unicode61 remove_diacritics 0')""",
    f"""CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
        INSERT INTO proposals_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {NEW_ROW}); END""",
    f"""CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
        INSERT INTO proposals_fts(proposals_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, {OLD_ROW}); END""",
    f"""CREATE TRIGGER proposals_fts_update AFTER UPDATE OF {FTS_COLUMNS} ON proposals BEGIN
        INSERT INTO proposals_fts(proposals_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.id, {OLD_ROW});
        INSERT INTO proposals_fts(rowid, {FTS_COLUMNS}) VALUES (new.id, {NEW_ROW}); END""",
    "INSERT INTO proposals_fts(proposals_fts) VALUES ('rebuild')",
]
SQLITE_FTS_DROP = [
    "DROP TRIGGER IF EXISTS proposals_fts_update",
    "DROP TRIGGER IF EXISTS proposals_fts_delete",
    "DROP TRIGGER IF EXISTS proposals_fts_insert",
    "DROP TABLE IF EXISTS proposals_fts",
]


def upgrade() -> None:
    op.create_table(
        "duplicate_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("distinct", sa.Integer(), nullable=False),
        sa.Column("common_text", sa.Text(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=50), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_events_proposal_id"), ["proposal_id"], unique=False
        )

    op.create_table(
        "duplicate_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("added_text", sa.Text(), nullable=False),
        sa.Column("omitted_text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["duplicate_groups.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("proposal_id"),
    )
    with op.batch_alter_table("duplicate_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_duplicate_members_group_id"), ["group_id"], unique=False
        )

    op.create_table(
        "proposal_themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(length=100), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("codebook_version", sa.String(length=50), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("proposal_id", "theme"),
    )
    with op.batch_alter_table("proposal_themes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_proposal_themes_theme"), ["theme"], unique=False)

    op.create_table(
        "review_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("proposal_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["proposal_id"], ["proposals.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("review_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_review_notes_proposal_id"), ["proposal_id"], unique=False
        )

    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("respondent_name", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("respondent_email", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "respondent_organisation", sa.String(length=500), nullable=False, server_default=""
            )
        )
        batch_op.add_column(
            sa.Column(
                "respondent_type", sa.String(length=30), nullable=False, server_default="borger"
            )
        )
        batch_op.add_column(
            sa.Column("respondent_rule", sa.String(length=500), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("respondent_rule_id", sa.String(length=50), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "respondent_type_source",
                sa.String(length=10),
                nullable=False,
                server_default="auto",
            )
        )
        batch_op.add_column(sa.Column("reply_text", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("signature_text", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "points_to_attachment", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.add_column(
            sa.Column("no_comments", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("language", sa.String(length=10), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("reference_numbers", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("status", sa.String(length=30), nullable=False, server_default="ny")
        )
        batch_op.add_column(sa.Column("decision", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("assignee", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.create_index(batch_op.f("ix_proposals_assignee"), ["assignee"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposals_decision"), ["decision"], unique=False)
        batch_op.create_index(batch_op.f("ix_proposals_language"), ["language"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_proposals_respondent_type"), ["respondent_type"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_proposals_status"), ["status"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS_DROP:
            op.execute(statement)
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposals_status"))
        batch_op.drop_index(batch_op.f("ix_proposals_respondent_type"))
        batch_op.drop_index(batch_op.f("ix_proposals_language"))
        batch_op.drop_index(batch_op.f("ix_proposals_decision"))
        batch_op.drop_index(batch_op.f("ix_proposals_assignee"))
        batch_op.drop_column("assignee")
        batch_op.drop_column("reason")
        batch_op.drop_column("decision")
        batch_op.drop_column("status")
        batch_op.drop_column("reference_numbers")
        batch_op.drop_column("language")
        batch_op.drop_column("no_comments")
        batch_op.drop_column("points_to_attachment")
        batch_op.drop_column("signature_text")
        batch_op.drop_column("reply_text")
        batch_op.drop_column("respondent_type_source")
        batch_op.drop_column("respondent_rule_id")
        batch_op.drop_column("respondent_rule")
        batch_op.drop_column("respondent_type")
        batch_op.drop_column("respondent_organisation")
        batch_op.drop_column("respondent_email")
        batch_op.drop_column("respondent_name")

    with op.batch_alter_table("review_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_notes_proposal_id"))

    op.drop_table("review_notes")
    with op.batch_alter_table("proposal_themes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_proposal_themes_theme"))

    op.drop_table("proposal_themes")
    with op.batch_alter_table("duplicate_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duplicate_members_group_id"))

    op.drop_table("duplicate_members")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_proposal_id"))

    op.drop_table("audit_events")
    op.drop_table("duplicate_groups")
