"""Live state: the append-only consent ledger and audit log, used sign-in nonces, rate-limit hits.

A state.sqlite made before migrations existed already holds the first three tables, the same shape:
creation is skipped where they exist, and the file is then stamped like any other.

Revision ID: s0001
Branch labels: state
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0001"
down_revision = None
branch_labels = ("state",)
depends_on = None

APPEND_ONLY = {"consent_events": "consent events are append-only", "audit": "the audit log is append-only"}

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION candor_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$
"""


def _append_only(table: str, message: str) -> list[str]:
    """Statements that make `table` refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL)."""
    if op.get_bind().dialect.name == "postgresql":
        return [
            f"CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION candor_append_only('{message}')",
            f"CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION candor_append_only('{message}')",
        ]
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        for verb in ("UPDATE", "DELETE")
    ]


def upgrade() -> None:
    op.create_table(
        "consent_events",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(80), unique=True, nullable=False),
        sa.Column("customer_id", sa.String(80), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sqlite_autoincrement=True,
        if_not_exists=True,
    )
    op.create_index("consent_events_customer", "consent_events", ["customer_id", "seq"], if_not_exists=True)
    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("role", sa.String(40), nullable=False),
        sa.Column("action", sa.String(80), nullable=False),
        sa.Column("target", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sqlite_autoincrement=True,
        if_not_exists=True,
    )
    op.create_table(
        "used_nonces",
        sa.Column("nonce", sa.String(200), primary_key=True),
        sa.Column("expires_at", sa.Float, nullable=False),
        if_not_exists=True,
    )
    op.create_table(
        "rate_hits",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
    )
    op.create_index("rate_hits_key", "rate_hits", ["kind", "key", "at"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_PG_FUNCTION)
    for table, message in APPEND_ONLY.items():
        for statement in _append_only(table, message):
            op.execute(statement)


def downgrade() -> None:
    # The ledger and the audit log are kept: they are the record of what customers and agents did.
    op.drop_table("rate_hits")
