"""The storage factory: `CANDOR_DATABASE_URL`'s scheme picks where builds, live state and rate limits live."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from assistant.guardrails.rate import Limiter, RateLimiter
from assistant.records.builds import BuildStore, DatabaseBuilds, FileBuilds
from assistant.records.conversations import ConversationMemory, DatabaseConversations, ProcessConversations
from assistant.records.database import make_engine
from assistant.records.rate import SharedRateLimiter
from assistant.records.redacted_log import DatabaseLog, FileLog, RedactedLog
from assistant.records.state import LiveState
from assistant.settings import Settings

LogKind = Literal["transcripts", "feedback"]


@dataclass
class Storage:
    engine: Engine  # live state's database
    builds: BuildStore
    rate: Limiter
    data_dir: Path
    shared: bool  # replicas share the database: so do transcripts and feedback

    def log(self, kind: LogKind) -> RedactedLog:
        """Where redacted `kind` lines go: the shared database, or day files under the data directory."""
        if self.shared:
            self.state  # noqa: B018 - migrates the state tables the log lives in
            return DatabaseLog(self.engine, kind)
        return FileLog(self.data_dir / kind)

    @cached_property
    def state(self) -> LiveState:
        """Opened (and migrated) on first use: an ingest alone never touches live state."""
        return LiveState(self.engine)

    @cached_property
    def conversations(self) -> ConversationMemory:
        """API conversations' memory between requests: in the process on one machine (SQLite), in the shared
        database with replicas."""
        return DatabaseConversations(self.state.engine) if self.shared else ProcessConversations()

    def close(self) -> None:
        self.engine.dispose()


def open_storage(settings: Settings) -> Storage:
    """SQLite (the default): builds as files under the data directory, state in one file, rate limits in
    memory — one machine. PostgreSQL: everything in the shared database, for replicas behind a balancer."""
    url = settings.database
    per_minute, per_hour = settings.rate_per_session_minute, settings.rate_per_account_hour
    match make_url(url).get_backend_name():
        case "sqlite":
            rate = RateLimiter(per_minute, per_hour)
            return Storage(make_engine(url), FileBuilds(settings.data_dir), rate, settings.data_dir, shared=False)
        case "postgresql":
            engine = make_engine(url)
            builds = DatabaseBuilds(engine, settings.data_dir)
            rate_limits = SharedRateLimiter(engine, per_minute, per_hour)
            return Storage(engine, builds, rate_limits, settings.data_dir, shared=True)
        case other:
            raise ValueError(
                f"CANDOR_DATABASE_URL: the {other!r} database is not supported; use sqlite:///<file> "
                "or postgresql+psycopg://user@host/db"
            )
