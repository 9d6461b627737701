"""Engines and migrations: one SQLAlchemy URL names where state (and, on a server, records) lives."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

MIGRATIONS = Path(__file__).with_name("migrations")
Branch = Literal["records", "state"]


def sqlite_url(path: Path, read_only: bool = False) -> str:
    if read_only:
        return f"sqlite:///file:{path}?mode=ro&uri=true"
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never wait for the writer; FULL: a committed event survives a power cut.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(url: str, read_only: bool = False, shared: bool = True) -> Engine:
    """An engine for `url`; servers get a small pool. A `shared` SQLite file (written by several processes at
    once) gets WAL; a build's records file is written once and then only read, so it keeps a plain journal."""
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and not read_only:
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        # Connections are cheap and threads many: no pool, so no connection crosses threads.
        engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": 30, "check_same_thread": False})
        if shared and not read_only:
            event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=8, max_overflow=16, pool_pre_ping=True)


def migrate(engine: Engine, branch: Branch) -> None:
    """Bring `branch`'s tables to the newest revision (Alembic, run in-process)."""
    # Lazy: only writers and first opens migrate; alembic costs start-up time otherwise.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Replicas starting together: one migrates, the others wait and then find nothing to do.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4242001)")
        config.attributes["connection"] = connection
        command.upgrade(config, f"{branch}@head")
