"""Conversations remembered between API requests: what "how sure are you about that?" or "yes" (to a proposed
consent change) needs from the turns before it.

Only `Conversation.memory()` is kept (decision ids, the last intent, a pending change), never the question or
the vault of personal values, and only for `ttl` seconds of silence. As with rate limits, SQLite means one
machine, so memory stays in the process (no write per answer); on PostgreSQL it lives in the shared database,
so a follow-up may reach any replica behind the balancer.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from typing import Any, Protocol

from sqlalchemy import Engine, delete, insert, select
from sqlalchemy.exc import IntegrityError

from assistant.records import schema as t

DEFAULT_TTL = 30 * 60  # seconds of silence after which a conversation starts afresh
MAX_IN_PROCESS = 10_000  # conversations one process remembers at most; the oldest are forgotten first


def conversation_key(session: str, customer_id: str) -> str:
    """One conversation per credential and customer; the key reveals neither."""
    return hashlib.sha256(f"{session}\x00{customer_id}".encode()).hexdigest()


class ConversationMemory(Protocol):
    def load(self, session: str, customer_id: str) -> dict[str, Any] | None: ...

    def save(self, session: str, customer_id: str, memory: dict[str, Any]) -> None: ...


class ProcessConversations:
    """One process's memory: a bounded map with expiry."""

    def __init__(self, ttl: float = DEFAULT_TTL, limit: int = MAX_IN_PROCESS) -> None:
        self.ttl, self.limit = ttl, limit
        self._kept: OrderedDict[str, tuple[float, str]] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, session: str, customer_id: str) -> dict[str, Any] | None:
        with self._lock:
            kept = self._kept.get(conversation_key(session, customer_id))
        return json.loads(kept[1]) if kept and kept[0] >= time.time() else None

    def save(self, session: str, customer_id: str, memory: dict[str, Any]) -> None:
        key = conversation_key(session, customer_id)
        with self._lock:
            self._kept.pop(key, None)
            self._kept[key] = (time.time() + self.ttl, json.dumps(memory))
            while len(self._kept) > self.limit:
                self._kept.popitem(last=False)


class DatabaseConversations:
    """The shared database's `conversations` table (migration s0003): every replica reads the same memory."""

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
