"""Live state that outlives ingests: consent events made through Candor, the audit log, used sign-in nonces.

One SQLite file under the data directory, in WAL mode. Consent events and audit entries are append-only:
triggers refuse UPDATE and DELETE, and every append is one transaction, so a crash mid-write leaves
either the whole event or none of it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from assistant.pack.models import ConsentEvent

SCHEMA = """
CREATE TABLE IF NOT EXISTS consent_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT UNIQUE NOT NULL, customer_id TEXT NOT NULL,
    body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS consent_events_customer ON consent_events (customer_id);
CREATE TRIGGER IF NOT EXISTS consent_events_no_update BEFORE UPDATE ON consent_events
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
CREATE TRIGGER IF NOT EXISTS consent_events_no_delete BEFORE DELETE ON consent_events
    BEGIN SELECT RAISE(ABORT, 'consent events are append-only'); END;
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS used_nonces (nonce TEXT PRIMARY KEY, expires_at REAL NOT NULL);
"""


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
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        # One connection per LiveState; SQLite serialises writers across processes.
        self._con = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=FULL")
        self._con.executescript(SCHEMA)

    def close(self) -> None:
        self._con.close()

    # Consent ledger ---------------------------------------------------------------------------------

    def append_consent(
        self, customer_id: str, purpose: str, status: str, source: str, policy_version: str, evidence: str
    ) -> ConsentEvent:
        with self._lock:
            self._con.execute("BEGIN IMMEDIATE")
            try:
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
                self._con.execute(
                    "INSERT INTO consent_events (event_id, customer_id, body) VALUES (?, ?, ?)",
                    (event.event_id, customer_id, event.model_dump_json()),
                )
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise
        return event

    def consents_for(self, customer_id: str) -> list[ConsentEvent]:
        with self._lock:
            rows = self._con.execute(
                "SELECT body FROM consent_events WHERE customer_id = ? ORDER BY seq", (customer_id,)
            ).fetchall()
        return [ConsentEvent.model_validate_json(b) for (b,) in rows]

    def all_consents(self) -> list[ConsentEvent]:
        with self._lock:
            rows = self._con.execute("SELECT body FROM consent_events ORDER BY seq").fetchall()
        return [ConsentEvent.model_validate_json(b) for (b,) in rows]

    # Audit log ----------------------------------------------------------------------------------------

    def audit(self, actor: str, role: str, action: str, target: str, detail: str) -> None:
        """Append one entry; callers pass redacted text only."""
        with self._lock:
            self._con.execute(
                "INSERT INTO audit (at, actor, role, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
                (_now().isoformat(timespec="seconds"), actor, role, action, target, detail),
            )

    def audit_entries(self) -> list[AuditEntry]:
        with self._lock:
            rows = self._con.execute("SELECT seq, at, actor, role, action, target, detail FROM audit ORDER BY seq")
            return [AuditEntry(*r) for r in rows.fetchall()]

    # Sign-in nonces -------------------------------------------------------------------------------------

    def use_nonce(self, nonce: str, expires_at: float) -> bool:
        """Record a nonce; False when it was already used (a replayed token)."""
        with self._lock:
            self._con.execute("DELETE FROM used_nonces WHERE expires_at < ?", (time.time(),))
            try:
                self._con.execute("INSERT INTO used_nonces VALUES (?, ?)", (nonce, expires_at))
            except sqlite3.IntegrityError:
                return False
        return True


def export_jsonl(events: list[ConsentEvent]) -> str:
    """Consent events as the pack's consents.jsonl lines."""
    return "".join(json.dumps(json.loads(e.model_dump_json()), ensure_ascii=False) + "\n" for e in events)
