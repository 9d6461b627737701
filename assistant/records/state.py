"""Live state that outlives ingests: consent events made through Candor, the audit log, used sign-in nonces.

In the database `CANDOR_DATABASE_URL` names (by default state.sqlite under the data directory, in WAL mode;
on PostgreSQL shared by every replica). Consent events and audit entries are append-only: triggers refuse
UPDATE and DELETE (see the migration), and every append is one transaction, so a crash mid-write leaves
either the whole event or none of it.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from assistant.pack.models import ConsentEvent
from assistant.records import schema as t
from assistant.records.database import make_engine, migrate, sqlite_url


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    role: str
    action: str
    target: str
    detail: str


def _now() -> datetime:
    return datetime.now(UTC)


class LiveState:
    def __init__(self, where: Path | str | Engine) -> None:
        """`where`: a SQLite file, a SQLAlchemy URL, or an engine; its state tables are migrated on open."""
        if isinstance(where, Path):
            where = sqlite_url(where)
        self._engine = make_engine(where) if isinstance(where, str) else where
        migrate(self._engine, "state")
        self._sqlite = self._engine.dialect.name == "sqlite"
        # Appends in one process take turns, so ledger order and time order agree; across processes
        # the database's own write lock (SQLite) or the sequence plus a short lock (PostgreSQL) does it.
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    # Consent ledger ---------------------------------------------------------------------------------

    def append_consent(
        self, customer_id: str, purpose: str, status: str, source: str, policy_version: str, evidence: str
    ) -> ConsentEvent:
        with self._lock, self._engine.begin() as con:
            if self._sqlite:
                # A write first takes SQLite's write lock (as BEGIN IMMEDIATE would) before the stamp below.
                con.execute(t.used_nonces.delete().where(t.used_nonces.c.expires_at < time.time()))
            else:
                # One customer's events are stamped and numbered in one order across replicas.
                con.exec_driver_sql("LOCK TABLE consent_events IN SHARE ROW EXCLUSIVE MODE")
            # Stamped inside the write transaction, so ledger order and time order agree.
            event = ConsentEvent(
                event_id=f"CE-A{uuid.uuid4().hex[:12]}",
                customer_id=customer_id,
                purpose=purpose,
                status=status,  # type: ignore[arg-type]
                at=_now(),
                source=source,
                policy_version=policy_version,
                evidence=evidence,
            )
            con.execute(
                insert(t.consent_events).values(
                    event_id=event.event_id, customer_id=customer_id, body=event.model_dump_json()
                )
            )
        return event

    def consents_for(self, customer_id: str) -> list[ConsentEvent]:
        c = t.consent_events.c
        query = select(c.body).where(c.customer_id == customer_id).order_by(c.seq)
        with self._engine.connect() as con:
            return [ConsentEvent.model_validate_json(b) for (b,) in con.execute(query)]

    def all_consents(self) -> list[ConsentEvent]:
        c = t.consent_events.c
        with self._engine.connect() as con:
            return [ConsentEvent.model_validate_json(b) for (b,) in con.execute(select(c.body).order_by(c.seq))]

    # Audit log ----------------------------------------------------------------------------------------

    def audit(self, actor: str, role: str, action: str, target: str, detail: str) -> None:
        """Append one entry; callers pass redacted text only."""
        at = _now().isoformat(timespec="seconds")
        with self._engine.begin() as con:
            con.execute(
                insert(t.audit).values(at=at, actor=actor, role=role, action=action, target=target, detail=detail)
            )

    def audit_entries(self) -> list[AuditEntry]:
        a = t.audit.c
        query = select(a.seq, a.at, a.actor, a.role, a.action, a.target, a.detail).order_by(a.seq)
        with self._engine.connect() as con:
            return [AuditEntry(*r) for r in con.execute(query)]

    # Sign-in nonces -------------------------------------------------------------------------------------

    def use_nonce(self, nonce: str, expires_at: float) -> bool:
        """Record a nonce; False when it was already used (a replayed token), by this replica or another."""
        n = t.used_nonces.c
        try:
            with self._engine.begin() as con:
                con.execute(t.used_nonces.delete().where(n.expires_at < time.time()))
                con.execute(insert(t.used_nonces).values(nonce=nonce, expires_at=expires_at))
        except IntegrityError:
            return False
        return True


def export_jsonl(events: list[ConsentEvent]) -> str:
    """Consent events as the pack's consents.jsonl lines."""
    return "".join(json.dumps(json.loads(e.model_dump_json()), ensure_ascii=False) + "\n" for e in events)
