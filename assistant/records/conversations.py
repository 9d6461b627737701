"""Conversations remembered between requests, in the live state's database: on PostgreSQL every replica
reads the same memory, so "how sure are you about that?" or "yes" (to a proposed consent change) may land on
any replica behind the balancer.

Only `Conversation.memory()` is kept (decision ids, the last intent, a pending change), never the question
or the vault of personal values. Rows expire after `ttl` seconds of silence and are pruned on write.
"""

from __future__ import annotations

import hashlib
import json
import time
from typing import Any

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from assistant.records import schema as t

DEFAULT_TTL = 30 * 60  # seconds of silence after which a conversation starts afresh


def conversation_key(session: str, customer_id: str) -> str:
    """One conversation per credential and customer; the key reveals neither."""
    return hashlib.sha256(f"{session}\x00{customer_id}".encode()).hexdigest()


class ConversationMemory:
    def __init__(self, engine: Engine, ttl: float = DEFAULT_TTL) -> None:
        """`engine`: the live state's, already migrated (records/state.py)."""
        self._engine = engine
        self.ttl = ttl

    def load(self, session: str, customer_id: str) -> dict[str, Any] | None:
        c = t.conversations.c
        query = select(c.body).where(c.key == conversation_key(session, customer_id), c.expires_at >= time.time())
        with self._engine.connect() as con:
            row = con.execute(query).first()
        return json.loads(row[0]) if row else None

    def save(self, session: str, customer_id: str, memory: dict[str, Any]) -> None:
        key = conversation_key(session, customer_id)
        c = t.conversations.c
        now = time.time()
        # Delete then insert in one transaction: an upsert both SQLite and PostgreSQL understand alike. Two
        # replicas saving the same conversation at once: the second insert conflicts, and its retry wins.
        for attempt in (1, 2):
            try:
                with self._engine.begin() as con:
                    con.execute(delete(t.conversations).where((c.key == key) | (c.expires_at < now)))
                    row = {"key": key, "body": json.dumps(memory), "expires_at": now + self.ttl}
                    con.execute(insert(t.conversations).values(**row))
                return
            except IntegrityError:
                if attempt == 2:
                    raise
