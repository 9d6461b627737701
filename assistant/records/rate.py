"""Rate limits shared by every replica: the same sliding windows, kept as rows in the shared database."""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable

from sqlalchemy import Engine, func, insert, select

from assistant.guardrails.rate import SPANS, limit_message
from assistant.records import schema as t


class SharedRateLimiter:
    def __init__(
        self,
        engine: Engine,
        per_session_per_minute: int,
        per_account_per_hour: int,
        clock: Callable[[], float] = time.time,  # wall time: replicas' monotonic clocks do not agree
    ) -> None:
        self._engine = engine
        self._limits = {"session": per_session_per_minute, "account": per_account_per_hour}
        self._clock = clock

    def check(self, session: str, account: str) -> str | None:
        now = self._clock()
        h = t.rate_hits.c
        keys = (("session", session), ("account", account))
        with self._engine.begin() as con:
            if con.dialect.name == "postgresql":
                # Two replicas counting the same account take turns, so neither lets the limit+1st through.
                for kind, key in sorted(keys):
                    lock = zlib.crc32(f"{kind}:{key}".encode())
                    con.exec_driver_sql(f"SELECT pg_advisory_xact_lock({lock})")
            for kind, key in keys:
                limit, span = self._limits[kind], SPANS[kind]
                mine = (h.kind == kind) & (h.key == key)
                con.execute(t.rate_hits.delete().where(mine & (h.at <= now - span)))
                count, oldest = con.execute(select(func.count(), func.min(h.at)).where(mine)).one()
                if count >= limit:
                    return limit_message(kind, limit, oldest + span - now)
            con.execute(insert(t.rate_hits), [{"kind": k, "key": v, "at": now} for k, v in keys])
        return None
