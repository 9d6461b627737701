"""The tables Candor reads and writes, as SQLAlchemy Core objects for queries.

Alembic (assistant/records/migrations) creates and migrates them; nothing else issues DDL. Every record
table is keyed by `build`, so one shared database holds an old build being served and a new one being
written, and a switch of the pointer moves readers from one to the other.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, LargeBinary, MetaData, String, Table, Text

metadata = MetaData()


def _keyed(name: str, *columns: Column[object]) -> Table:
    return Table(name, metadata, Column("build", String(80), primary_key=True), *columns)


# Records: one build's copy of the pack, written at ingest, read by customer id.
meta = _keyed("meta", Column("key", String(80), primary_key=True), Column("value", Text, nullable=False))
catalog = _keyed(
    "catalog",
    Column("kind", String(40), primary_key=True),
    Column("id", String(200), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("body", Text, nullable=False),
)
customers = _keyed(
    "customers", Column("customer_id", String(80), primary_key=True), Column("body", Text, nullable=False)
)
consents = _keyed(
    "consents",
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("event_id", String(80), nullable=False),
    Column("customer_id", String(80), nullable=False),
    Column("body", Text, nullable=False),
)
offers = _keyed("offers", Column("offer_id", String(80), primary_key=True), Column("body", Text, nullable=False))
decisions = _keyed(
    "decisions",
    Column("decision_id", String(80), primary_key=True),
    Column("customer_id", String(80), nullable=False),
    Column("shown_at", String(40), nullable=False),
    Column("body", Text, nullable=False),
)
memberships = _keyed(
    "memberships",
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("customer_id", String(80), nullable=False),
    Column("body", Text, nullable=False),
)
predictions = _keyed(
    "predictions",
    Column("prediction_id", String(80), primary_key=True),
    Column("customer_id", String(80), nullable=False),
    Column("body", Text, nullable=False),
)
flags = _keyed(
    "flags",
    Column("ref", String(200), primary_key=True),
    Column("customer_id", String(80), primary_key=True),
    Column("kind", String(80), primary_key=True),
    Column("detail", Text, nullable=False),
)
RECORD_TABLES = (meta, catalog, customers, consents, offers, decisions, memberships, predictions, flags)

# Builds in a shared database: the files answering reads (chunks, vectors), and which build is current.
build_files = _keyed("build_files", Column("name", String(80), primary_key=True), Column("body", LargeBinary))
current_build = Table(
    "current_build",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("build", String(80), nullable=False),
)

# Live state: outlives ingests, shared by every replica.
consent_events = Table(
    "consent_events",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(80), unique=True, nullable=False),
    Column("customer_id", String(80), nullable=False, index=True),
    Column("body", Text, nullable=False),
)
audit = Table(
    "audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("actor", Text, nullable=False),
    Column("role", String(40), nullable=False),
    Column("action", String(80), nullable=False),
    Column("target", Text, nullable=False),
    Column("detail", Text, nullable=False),
)
used_nonces = Table(
    "used_nonces",
    metadata,
    Column("nonce", String(200), primary_key=True),
    Column("expires_at", Float, nullable=False),
)
# Redacted transcripts and feedback when replicas share the database (records/redacted_log.py).
redacted_log = Table(
    "redacted_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("at", String(40), nullable=False),
    Column("body", Text, nullable=False),
)
state_meta = Table(
    "state_meta",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("value", Text, nullable=False),
)
# What an API conversation remembers between requests (records/conversations.py): no question text, no
# personal value; keyed by a hash of the session and the customer.
conversations = Table(
    "conversations",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("body", Text, nullable=False),
    Column("expires_at", Float, nullable=False),
)
rate_hits = Table(
    "rate_hits",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("key", String(200), nullable=False),
    Column("at", Float, nullable=False),
)
