"""backfill derived fields of proposals stored before normalization (0004)

Rows stored before 0004 have an empty respondent_rule_id: the exports used to run the
analysis on them at export time, with the default codebook, so old and new rows could show
different themes. This fills them once, as ingest would have, with the default codebook;
`hoering analyse` re-tags with a configured codebook afterwards.

Core statements with the columns as they are at this revision, not the ORM models: later
revisions may add columns the models know and this schema does not yet have.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 11:20:00
"""

import sqlalchemy as sa
from alembic import op

# Frozen copies (frozen/__init__.py): what this revision does must not change with analysis/.
from hoering.store.migrations.frozen.r0006.cleaning import clean_reply
from hoering.store.migrations.frozen.r0006.respondent import identify_respondent
from hoering.store.migrations.frozen.r0006.themes import DEFAULT_CODEBOOK, tag_themes

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

proposals = sa.table(
    "proposals",
    *(sa.column(name) for name in (
        "id", "sender_name", "sender_email", "body_text", "respondent_name",
        "respondent_email", "respondent_organisation", "respondent_type", "respondent_rule",
        "respondent_rule_id", "respondent_type_source", "reply_text", "signature_text",
        "points_to_attachment", "no_comments", "language", "reference_numbers",
    )),
)  # fmt: skip
attachments = sa.table("attachments", sa.column("proposal_id"), sa.column("text"))
themes = sa.table(
    "proposal_themes",
    *(sa.column(name) for name in (
        "proposal_id", "theme", "label", "codebook_version", "words", "keywords", "hits",
        "source", "active",
    )),
)  # fmt: skip


def upgrade() -> None:
    bind = op.get_bind()
    pending = bind.execute(
        sa.select(proposals.c.id, proposals.c.sender_name, proposals.c.sender_email,
                  proposals.c.body_text, proposals.c.respondent_type_source)
        .where(sa.func.coalesce(proposals.c.respondent_rule_id, "") == "")
        .order_by(proposals.c.id)
    ).all()  # fmt: skip
    for row in pending:
        _backfill(bind, row)


def _backfill(bind: sa.Connection, row: sa.Row) -> None:
    cleaned = clean_reply(row.body_text or "")
    who = identify_respondent(row.sender_name or "", row.sender_email or "", cleaned.signature)
    values = {
        "respondent_name": who.name,
        "respondent_email": who.email,
        "reply_text": cleaned.content,
        "signature_text": cleaned.signature,
        "points_to_attachment": cleaned.attachment_only,
        "no_comments": cleaned.no_comments,
        "language": cleaned.language,
        "reference_numbers": "\n".join(f"{r.label}: {r.value}" for r in cleaned.references),
    }
    if row.respondent_type_source != "reviewer":
        values |= {
            "respondent_organisation": who.organisation,
            "respondent_type": who.type,
            "respondent_rule": who.rule,
            "respondent_rule_id": who.rule_id,
            "respondent_type_source": "auto",
        }
    bind.execute(proposals.update().where(proposals.c.id == row.id).values(**values))
    texts = bind.scalars(
        sa.select(attachments.c.text).where(attachments.c.proposal_id == row.id)
    ).all()
    analysed = "\n\n".join(t for t in [cleaned.content, *texts] if t and t.strip())
    have = set(bind.scalars(sa.select(themes.c.theme).where(themes.c.proposal_id == row.id)))
    for tag in tag_themes(analysed, DEFAULT_CODEBOOK):
        if tag.theme in have:  # a reviewer's tag (or removal) wins
            continue
        bind.execute(themes.insert().values(
            proposal_id=row.id, theme=tag.theme, label=tag.label,
            codebook_version=tag.codebook_version, words="\n".join(tag.words),
            keywords="\n".join(tag.keywords), hits=tag.hits, source="auto", active=True,
        ))  # fmt: skip


def downgrade() -> None:
    """Nothing to undo: the filled fields are what ingest writes today."""
