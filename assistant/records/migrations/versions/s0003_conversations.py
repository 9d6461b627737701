"""What a conversation remembers between API requests (decision ids, the last intent, a pending consent
change), in the shared database so that a follow-up may reach any replica.

Revision ID: s0003
Revises: s0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
    op.create_index("conversations_expiry", "conversations", ["expires_at"])


def downgrade() -> None:
    op.drop_table("conversations")
