"""Where redacted transcripts and feedback go: day files under the data directory (one machine), or the
shared database (replicas), behind one small Protocol. Lines are written already redacted; customers appear
only as a salted pseudonym, and the salt lives with the log so every writer names a customer the same way."""

from __future__ import annotations

import hashlib
import json
import secrets
import threading
import time
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import IntegrityError

from assistant.records import schema as t


class RedactedLog(Protocol):
    def append(self, line: dict[str, Any]) -> None: ...

    def pseudonym(self, customer_id: str) -> str: ...

    def lines(self) -> list[dict[str, Any]]: ...


def _hash(salt: str, customer_id: str) -> str:
    return hashlib.sha256(f"{salt}:{customer_id}".encode()).hexdigest()[:16]


class FileLog:
    """One JSON line per entry in `<directory>/<day>.jsonl`; the salt in `<directory>/.salt`."""

    def __init__(self, directory: Path) -> None:
        self.dir = directory
        self._lock = threading.Lock()
        self._salt: str | None = None

    def pseudonym(self, customer_id: str) -> str:
        if self._salt is None:
            self.dir.mkdir(parents=True, exist_ok=True)
            salt_file = self.dir / ".salt"
            if not salt_file.exists():
                salt_file.write_text(secrets.token_hex(16))
            self._salt = salt_file.read_text().strip()
        return _hash(self._salt, customer_id)

    def append(self, line: dict[str, Any]) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        path = self.dir / f"{time.strftime('%Y-%m-%d', time.gmtime())}.jsonl"
        with self._lock, path.open("a", encoding="utf-8") as handle:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")

    def lines(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for path in sorted(self.dir.glob("*.jsonl")):
            out += [json.loads(row) for row in path.read_text(encoding="utf-8").splitlines() if row.strip()]
        return out


class DatabaseLog:
    """Rows of the append-only `redacted_log` table of kind `kind`; the salt in `state_meta`, made by whichever
    writer comes first. The engine's state tables must be migrated (`LiveState` does it)."""

    def __init__(self, engine: Engine, kind: str) -> None:
        self._engine, self._kind = engine, kind
        self._salt: str | None = None

    def pseudonym(self, customer_id: str) -> str:
        if self._salt is None:
            key = "pseudonym_salt"
            try:
                with self._engine.begin() as con:
                    con.execute(insert(t.state_meta).values(key=key, value=secrets.token_hex(16)))
            except IntegrityError:
                pass  # another writer made it first: use theirs
            with self._engine.connect() as con:
                self._salt = con.execute(select(t.state_meta.c.value).where(t.state_meta.c.key == key)).scalar_one()
        return _hash(self._salt, customer_id)

    def append(self, line: dict[str, Any]) -> None:
        at = str(line.get("at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
        with self._engine.begin() as con:
            con.execute(
                insert(t.redacted_log).values(kind=self._kind, at=at, body=json.dumps(line, ensure_ascii=False))
            )

    def lines(self) -> list[dict[str, Any]]:
        query = select(t.redacted_log.c.body).where(t.redacted_log.c.kind == self._kind).order_by(t.redacted_log.c.seq)
        with self._engine.connect() as con:
            return [json.loads(body) for body in con.execute(query).scalars()]
