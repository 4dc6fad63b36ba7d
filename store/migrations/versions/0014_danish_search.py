"""search that finds compound parts and inflections: a trigram index over search_text

SQLite: the FTS5 table proposals_fts is made again with the trigram tokenizer (substrings,
so "lobby" finds "lobbyregistret"), over search_text (what is matched) and reply_text (the
reply's own words, for ranking). The old table indexed subject, sender_name, sender_email,
respondent_organisation and combined_text word by word; its three triggers keep their names
and now follow search_text and reply_text.
PostgreSQL: the pg_trgm extension (a trusted extension since PostgreSQL 13: the database's
owner may create it) and a GIN index over search_text, which answers LIKE '%...%'.
Both: search_text gets its runs of white space folded to one space, as store.messages now
writes it, so a quoted phrase also finds text broken over two lines.

Revision ID: 0014
Revises: 0021
Create Date: 2026-12-06 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0021"  # migrations are chained in the order they landed
branch_labels = None
depends_on = None

FTS_COLUMNS = "search_text, reply_text"
NEW_ROW = "new.search_text, new.reply_text"
OLD_ROW = "old.search_text, old.reply_text"
TRIGRAM_INDEX = "proposals_search_trgm"  # also named in store.search.include_object


def fts_statements(columns: str, new_row: str, old_row: str, tokenize: str) -> list[str]:
    """An external-content FTS5 index over proposals and the triggers that keep it in step."""
    return [
        f"""CREATE VIRTUAL TABLE proposals_fts USING fts5({columns},
            content='proposals', content_rowid='id', tokenize='{tokenize}')""",
        f"""CREATE TRIGGER proposals_fts_insert AFTER INSERT ON proposals BEGIN
            INSERT INTO proposals_fts(rowid, {columns}) VALUES (new.id, {new_row}); END""",
        f"""CREATE TRIGGER proposals_fts_delete AFTER DELETE ON proposals BEGIN
            INSERT INTO proposals_fts(proposals_fts, rowid, {columns})
            VALUES ('delete', old.id, {old_row}); END""",
        f"""CREATE TRIGGER proposals_fts_update AFTER UPDATE OF {columns} ON proposals BEGIN
            INSERT INTO proposals_fts(proposals_fts, rowid, {columns})
            VALUES ('delete', old.id, {old_row});
            INSERT INTO proposals_fts(rowid, {columns}) VALUES (new.id, {new_row}); END""",
        "INSERT INTO proposals_fts(proposals_fts) VALUES ('rebuild')",
    ]


FTS_DROP = [
    "DROP TRIGGER IF EXISTS proposals_fts_update",
    "DROP TRIGGER IF EXISTS proposals_fts_delete",
    "DROP TRIGGER IF EXISTS proposals_fts_insert",
    "DROP TABLE IF EXISTS proposals_fts",
]
# What 0004 made, for the downgrade.
OLD_COLUMNS = "subject, sender_name, sender_email, respondent_organisation, combined_text"
OLD_NEW_ROW = (
    "new.subject, new.sender_name, new.sender_email, new.respondent_organisation, new.combined_text"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in FTS_DROP:  # first, so the backfill below does not feed the old index
            op.execute(statement)
    _fold_white_space(bind)
    if bind.dialect.name == "sqlite":
        for statement in fts_statements(FTS_COLUMNS, NEW_ROW, OLD_ROW, "trigram"):
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON proposals "
            "USING gin (search_text gin_trgm_ops)"
        )


def _fold_white_space(bind) -> None:
    """search_text with every run of white space as one space (Python's idea of white space,
    as store.messages.search_text), in batches by id."""
    proposals = sa.table("proposals", sa.column("id"), sa.column("search_text"))
    after = 0
    while True:
        rows = bind.execute(
            sa.select(proposals.c.id, proposals.c.search_text)
            .where(proposals.c.id > after)
            .order_by(proposals.c.id)
            .limit(1000)
        ).all()
        if not rows:
            return
        changed = [
            {"row_id": row_id, "folded": " ".join(text.split())}
            for row_id, text in rows
            if text != " ".join(text.split())
        ]
        if changed:
            bind.execute(
                proposals.update()
                .where(proposals.c.id == sa.bindparam("row_id"))
                .values(search_text=sa.bindparam("folded")),
                changed,
            )
        after = rows[-1][0]


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in FTS_DROP:
            op.execute(statement)
        old_row = OLD_NEW_ROW.replace("new.", "old.")
        tokenize = "unicode61 remove_diacritics 0"
        for statement in fts_statements(OLD_COLUMNS, OLD_NEW_ROW, old_row, tokenize):
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
