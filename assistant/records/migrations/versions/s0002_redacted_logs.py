"""Redacted transcripts and feedback in the shared database, and the salt of their customer pseudonyms, so
every replica writes to one log and names a customer by the same pseudonym.

Revision ID: s0002
Revises: s0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from assistant.records.migrations.versions.s0001_state import _append_only

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "redacted_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("redacted_log_kind", "redacted_log", ["kind", "seq"])
    op.create_table(
        "state_meta",
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    for statement in _append_only("redacted_log", "transcripts and feedback are append-only"):
        op.execute(statement)


def downgrade() -> None:
    # What customers said and rated is kept: it is evidence for evaluation and audit.
    op.drop_table("state_meta")
