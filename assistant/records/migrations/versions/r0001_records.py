"""Records: one build's copy of the pack, every table keyed by build; build files and the current pointer.

Revision ID: r0001
Branch labels: records
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "r0001"
down_revision = None
branch_labels = ("records",)
depends_on = None


def _body() -> sa.Column[str]:
    return sa.Column("body", sa.Text, nullable=False)


def _build() -> sa.Column[str]:
    return sa.Column("build", sa.String(80), primary_key=True)


def upgrade() -> None:
    op.create_table("meta", _build(), sa.Column("key", sa.String(80), primary_key=True), sa.Column("value", sa.Text))
    op.create_table(
        "catalog",
        _build(),
        sa.Column("kind", sa.String(40), primary_key=True),
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        _body(),
    )
    op.create_table("customers", _build(), sa.Column("customer_id", sa.String(80), primary_key=True), _body())
    op.create_table(
        "consents",
        _build(),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("event_id", sa.String(80), nullable=False),
        sa.Column("customer_id", sa.String(80), nullable=False),
        _body(),
    )
    op.create_table("offers", _build(), sa.Column("offer_id", sa.String(80), primary_key=True), _body())
    op.create_table(
        "decisions",
        _build(),
        sa.Column("decision_id", sa.String(80), primary_key=True),
        sa.Column("customer_id", sa.String(80), nullable=False),
        sa.Column("shown_at", sa.String(40), nullable=False),
        _body(),
    )
    op.create_table(
        "memberships",
        _build(),
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("customer_id", sa.String(80), nullable=False),
        _body(),
    )
    op.create_table(
        "predictions",
        _build(),
        sa.Column("prediction_id", sa.String(80), primary_key=True),
        sa.Column("customer_id", sa.String(80), nullable=False),
        _body(),
    )
    op.create_table(
        "flags",
        _build(),
        sa.Column("ref", sa.String(200), primary_key=True),
        sa.Column("customer_id", sa.String(80), primary_key=True),
        sa.Column("kind", sa.String(80), primary_key=True),
        sa.Column("detail", sa.Text, nullable=False),
    )
    # Every question reads one customer's rows of one build: these keep it an index look-up at any size.
    op.create_index("consents_customer", "consents", ["build", "customer_id", "seq"])
    op.create_index("decisions_customer", "decisions", ["build", "customer_id", "shown_at"])
    op.create_index("memberships_customer", "memberships", ["build", "customer_id", "seq"])
    op.create_index("predictions_customer", "predictions", ["build", "customer_id"])
    op.create_table(
        "build_files", _build(), sa.Column("name", sa.String(80), primary_key=True), sa.Column("body", sa.LargeBinary)
    )
    op.create_table(
        "current_build",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("build", sa.String(80), nullable=False),
    )


def downgrade() -> None:
    for table in ("current_build", "build_files", "flags", "predictions", "memberships", "decisions", "offers"):
        op.drop_table(table)
    for table in ("consents", "customers", "catalog", "meta"):
        op.drop_table(table)
