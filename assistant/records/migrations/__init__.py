"""Alembic migrations: two branches, `records` (one build's tables) and `state` (live state)."""
