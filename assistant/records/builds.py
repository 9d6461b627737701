"""Where builds live and which one is current: files beside a pointer, or rows in a shared database.

A build is written under a fresh name while the current one keeps serving, then made current by one atomic
switch; readers check the pointer and move over without a restart.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine, insert, select

from assistant.records import schema as t
from assistant.records.database import make_engine, migrate, sqlite_url
from assistant.records.store import RecordStore
from assistant.records.writing import drop_build

POINTER = "current.json"
RECORDS_FILE = "records.sqlite"


class BuildStore(Protocol):
    """The storage side of builds; a build's files are always cached in `data_dir/builds/<name>`."""

    def current_name(self) -> str | None: ...

    def lock(self) -> AbstractContextManager[None]:
        """Held for a whole ingest: one writer of builds at a time."""
        ...

    def writer(self, name: str, directory: Path) -> Engine:
        """Where ingest writes build `name`'s records (its tables migrated)."""
        ...

    def publish(self, name: str, directory: Path) -> None:
        """Make `name`, whose files are in `directory`, the current build: atomically."""
        ...

    def fetch(self, name: str, directory: Path) -> bool:
        """Make sure build `name`'s files are in `directory`; False when the build is gone."""
        ...

    def open_records(self, name: str, directory: Path) -> RecordStore: ...

    def prune(self, keep: set[str]) -> None: ...


@contextmanager
def _file_lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class FileBuilds:
    """Each build a directory with its own SQLite records; `current.json` points at one (the default)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def lock(self) -> AbstractContextManager[None]:
        return _file_lock(self.data_dir)

    def current_name(self) -> str | None:
        try:
            name = json.loads((self.data_dir / POINTER).read_text())["build"]
        except (OSError, ValueError, KeyError):
            return None
        return str(name)

    def writer(self, name: str, directory: Path) -> Engine:
        engine = make_engine(sqlite_url(directory / RECORDS_FILE), shared=False)
        migrate(engine, "records")
        return engine

    def publish(self, name: str, directory: Path) -> None:
        tmp = self.data_dir / f".{POINTER}.{uuid.uuid4().hex}"
        tmp.write_text(json.dumps({"build": name}))
        os.replace(tmp, self.data_dir / POINTER)  # atomic: readers see the old build or the new, never half

    def fetch(self, name: str, directory: Path) -> bool:
        return (directory / "manifest.json").is_file()

    def open_records(self, name: str, directory: Path) -> RecordStore:
        engine = make_engine(sqlite_url(directory / RECORDS_FILE, read_only=True), read_only=True)
        return RecordStore(engine, name, owns_engine=True)

    def prune(self, keep: set[str]) -> None:
        # Keep the previous build too: a running server may still be reading it.
        for path in (self.data_dir / "builds").iterdir():
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)


class DatabaseBuilds:
    """Records of every build in one shared database, with the files answering reads; a row names the
    current one. Replicas fetch a build's files into their own data directory the first time they serve it."""

    def __init__(self, engine: Engine, data_dir: Path) -> None:
        self.engine = engine
        self.data_dir = data_dir
        migrate(engine, "records")

    @contextmanager
    def lock(self) -> Iterator[None]:
        # Ingests on two machines take turns too: neither prunes the build the other is writing.
        with _file_lock(self.data_dir), self.engine.connect() as con:
            con.exec_driver_sql("SELECT pg_advisory_lock(4242002)")
            try:
                yield
            finally:
                con.exec_driver_sql("SELECT pg_advisory_unlock(4242002)")

    def current_name(self) -> str | None:
        with self.engine.connect() as con:
            return con.execute(select(t.current_build.c.build).where(t.current_build.c.id == 1)).scalar()

    def writer(self, name: str, directory: Path) -> Engine:
        return self.engine

    def publish(self, name: str, directory: Path) -> None:
        # Every file answering reads (chunks, vectors, sentences, manifest); an embedded Chroma's directory
        # stays local, as nothing answers from it.
        files = [
            {"build": name, "name": f.name, "body": f.read_bytes()} for f in sorted(directory.iterdir()) if f.is_file()
        ]
        with self.engine.begin() as con:
            con.execute(insert(t.build_files), files)
            # One row, replaced in the same transaction as the files land: readers see old or new.
            con.execute(t.current_build.delete())
            con.execute(insert(t.current_build).values(id=1, build=name))

    def fetch(self, name: str, directory: Path) -> bool:
        if (directory / "manifest.json").is_file():
            return True
        f = t.build_files.c
        with self.engine.connect() as con:
            rows = con.execute(select(f.name, f.body).where(f.build == name)).all()
        if not rows:
            return False
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = directory.parent / f".fetch-{uuid.uuid4().hex}"
        tmp.mkdir()
        for file_name, body in rows:
            (tmp / file_name).write_bytes(body)
        try:
            os.rename(tmp, directory)
        except OSError:  # another process of this replica fetched it first
            shutil.rmtree(tmp, ignore_errors=True)
        return True

    def open_records(self, name: str, directory: Path) -> RecordStore:
        return RecordStore(self.engine, name)

    def prune(self, keep: set[str]) -> None:
        with self.engine.connect() as con:
            names = set(con.execute(select(t.meta.c.build).distinct()).scalars())
        for name in names - keep:
            drop_build(self.engine, name)
        FileBuilds(self.data_dir).prune(keep)
