"""Storage behind small Protocols: the default is SQLite files under the data directory, as always; the same
code serves a shared database (tests/integration runs it on PostgreSQL). Here: SQLite only, no server."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from langchain_core.runnables import RunnableLambda
from test_ingest_atomic import HashEmbeddings, copy_pack, rename_customer

from assistant.guardrails.rate import RateLimiter
from assistant.pipeline import Candor
from assistant.records.builds import FileBuilds
from assistant.records.database import make_engine, sqlite_url
from assistant.records.rate import SharedRateLimiter
from assistant.records.state import LiveState
from assistant.records.storage import open_storage
from assistant.settings import Settings
from assistant.turn import Conversation, Turn

# The state file as Candor wrote it before Alembic owned the schema.
LEGACY_STATE = """
CREATE TABLE consent_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT UNIQUE NOT NULL,
    customer_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX consent_events_customer ON consent_events (customer_id);
CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
    role TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE used_nonces (nonce TEXT PRIMARY KEY, expires_at REAL NOT NULL);
"""


def test_the_default_storage_is_files_under_the_data_directory(tmp_path: Path) -> None:
    storage = open_storage(Settings(data_dir=tmp_path))
    assert isinstance(storage.builds, FileBuilds) and storage.builds.data_dir == tmp_path
    assert isinstance(storage.rate, RateLimiter)
    storage.state.audit("a", "agent", "login", "-", "signed in")
    assert (tmp_path / "state.sqlite").is_file()
    assert [e.action for e in LiveState(tmp_path / "state.sqlite").audit_entries()] == ["login"]


def test_an_unsupported_database_url_is_refused_naming_the_ones_that_work(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"'mysql' database is not supported; use sqlite:///.* or postgresql"):
        open_storage(Settings(data_dir=tmp_path, database_url="mysql://db/candor"))


def test_a_state_file_from_before_migrations_keeps_its_ledger_and_gains_the_new_tables(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    con = sqlite3.connect(path)
    con.executescript(LEGACY_STATE)
    con.execute(
        "INSERT INTO consent_events (event_id, customer_id, body) VALUES (?, ?, ?)",
        (
            "CE-OLD",
            "NW-1001",
            '{"event_id": "CE-OLD", "customer_id": "NW-1001", "purpose": "email_marketing", '
            '"status": "withdrawn", "at": "2024-10-01T00:00:00Z", "source": "assistant", "policy_version": "3.1", '
            '"evidence": "x"}',
        ),
    )
    con.commit()
    con.close()
    state = LiveState(path)
    state.append_consent("NW-1001", "email_marketing", "granted", "assistant", "3.1", "x")
    assert [e.status for e in state.consents_for("NW-1001")] == ["withdrawn", "granted"]
    assert state.consents_for("NW-1001")[0].event_id == "CE-OLD"
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM consent_events")
    assert con.execute("SELECT count(*) FROM rate_hits").fetchone() == (0,)


def test_a_sign_in_nonce_is_accepted_once_by_two_instances_sharing_the_state(tmp_path: Path) -> None:
    first, second = LiveState(tmp_path / "state.sqlite"), LiveState(tmp_path / "state.sqlite")
    assert first.use_nonce("n-1", expires_at=4e9)
    assert not second.use_nonce("n-1", expires_at=4e9)
    assert not first.use_nonce("n-1", expires_at=4e9)
    assert second.use_nonce("n-2", expires_at=4e9)


def test_shared_rate_limits_count_every_instances_questions_and_forget_old_ones(tmp_path: Path) -> None:
    now = [1000.0]
    LiveState(tmp_path / "state.sqlite")  # migrates
    engine = make_engine(sqlite_url(tmp_path / "state.sqlite"))
    one, two = (SharedRateLimiter(engine, 3, 100, clock=lambda: now[0]) for _ in range(2))
    assert [one.check("s", "NW-1"), two.check("s", "NW-1"), one.check("s", "NW-1")] == [None, None, None]
    refused = two.check("s", "NW-1")
    assert refused is not None and "3 questions in the last minute" in refused and "about 61 seconds" in refused
    assert one.check("other-session", "NW-1") is None  # the account's hourly budget is not spent
    now[0] += 61
    assert two.check("s", "NW-1") is None


def test_a_running_candor_moves_to_a_newer_build_without_a_restart(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path, "pack")
    settings = Settings(knowledge_dir=pack, data_dir=tmp_path / "data", build_check_seconds=0, transcripts=False)
    serving = Candor(settings, embeddings=HashEmbeddings())
    before = serving.build.name
    assert serving.records(serving.conversation("NW-1001")).customer.name != "Renamed Person"

    rename_customer(pack, "NW-1001", "Renamed Person")
    Candor(settings, embeddings=HashEmbeddings())  # another process ingests the changed pack

    conversation = serving.conversation("NW-1001")
    assert serving.build.name != before
    assert serving.records(conversation).customer.name == "Renamed Person"
    assert not serving.refresh()  # nothing newer now


def test_a_turn_finishes_on_the_build_it_started_with_when_a_newer_one_arrives_mid_turn(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path, "pack")
    settings = Settings(knowledge_dir=pack, data_dir=tmp_path / "data", build_check_seconds=0, transcripts=False)
    serving = Candor(settings, embeddings=HashEmbeddings())
    started_on = serving.parts
    seen: list[Turn] = []

    def refresh_midway(turn: Turn) -> Turn:
        rename_customer(pack, "NW-1001", "Renamed Person")
        Candor(settings, embeddings=HashEmbeddings())  # another process publishes a newer build
        assert serving.refresh()  # and it is swapped in while this turn runs
        seen.append(started_on.chain.invoke(turn))
        return seen[-1]

    serving.parts = replace(started_on, chain=RunnableLambda(refresh_midway))
    answer = serving.ask(Conversation("NW-1001"), "What data do you hold about me?")
    assert answer.lines
    assert serving.build.name != started_on.build.name
    records = seen[0].records
    assert records is not None and records.customer.name != "Renamed Person"  # read from the build it started on
    assert serving.records(Conversation("NW-1001")).customer.name == "Renamed Person"  # the next turn's build
