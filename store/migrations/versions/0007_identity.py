"""identity: raw_messages keyed by Message-ID plus content; automatic mail kept with a reason

Recomputes raw_messages.dedup_key from the stored bytes (parse/identity.py: Message-ID and a
digest of From, Date, Subject and body, transport headers left out), indexes message_id (two
messages may share one) and adds raw_messages.automatic (why a machine sent it).

Existing rows are never merged or split: two rows that now have one identity (stored apart
before, e.g. the same mail without Message-ID in two folders) both stay, the later one keyed
"<key>#<row id>". A message stored once for two different mails (the old key was the
Message-ID alone) cannot be split: only the first one's bytes were kept.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 11:30:00
"""

import sqlalchemy as sa
from alembic import op

# A frozen copy (frozen/__init__.py): what this revision does must not change with parse/.
from hoering.store.migrations.frozen.r0007.identity import message_identity

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CHUNK = 200  # rows read at a time: raw messages can be megabytes each

raw_messages = sa.table(
    "raw_messages",
    sa.column("id", sa.Integer),
    sa.column("dedup_key", sa.String),
    sa.column("data", sa.LargeBinary),
)


def upgrade() -> None:
    with op.batch_alter_table("raw_messages") as batch_op:
        batch_op.add_column(sa.Column("automatic", sa.Text(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_raw_messages_message_id"), ["message_id"], unique=False
        )
    _rekey(op.get_bind())


def _rekey(bind: sa.Connection) -> None:
    """New keys in id order; a key already given keeps its first row, later rows get a suffix."""
    given: set[str] = set()
    last_id = 0
    while True:
        rows = bind.execute(
            sa.select(raw_messages.c.id, raw_messages.c.data)
            .where(raw_messages.c.id > last_id)
            .order_by(raw_messages.c.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            return
        for row_id, data in rows:
            key = message_identity(bytes(data)).key
            if key in given:
                key = f"{key}#{row_id}"
            given.add(key)
            bind.execute(
                raw_messages.update().where(raw_messages.c.id == row_id).values(dedup_key=key)
            )
        last_id = rows[-1][0]


def downgrade() -> None:
    # The old keys ("mid:<Message-ID>", else "sha256:<bytes>") are derived again; rows sharing
    # a Message-ID keep their new key, as the old scheme cannot tell them apart.
    bind = op.get_bind()
    taken: set[str] = set()
    query = sa.text("SELECT id, message_id, sha256 FROM raw_messages ORDER BY id")
    for row_id, message_id, sha256 in bind.execute(query).all():
        key = f"mid:{message_id}" if message_id else f"sha256:{sha256}"
        if key in taken:
            continue
        taken.add(key)
        bind.execute(raw_messages.update().where(raw_messages.c.id == row_id).values(dedup_key=key))
    with op.batch_alter_table("raw_messages") as batch_op:
        batch_op.drop_index(batch_op.f("ix_raw_messages_message_id"))
        batch_op.drop_column("automatic")
