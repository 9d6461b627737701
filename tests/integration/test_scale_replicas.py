"""Two Candor replicas sharing PostgreSQL and a Chroma server, as behind a load balancer: each with its own
data directory (its own machine), so everything they share goes through the servers."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import psycopg
import pytest
from langchain_core.embeddings import Embeddings
from sqlalchemy.engine import make_url

from assistant.accounts.signin import TokenError, mint, verify
from assistant.pipeline import Candor
from assistant.records.builds import DatabaseBuilds
from assistant.retrieval.chroma import server_retriever
from assistant.retrieval.embeddings import LocalEmbeddings
from assistant.retrieval.retrievers import VECTORS, VectorRetriever, read_chunks
from assistant.settings import REPO_ROOT, Settings
from assistant.turn import ChangeRequest

SAMPLE_NOW_ISO = "2024-10-31T12:00:00Z"


def _settings(data_dir: Path, database_url: str, chroma_url: str, **extra: object) -> Settings:
    return Settings(
        knowledge_dir=REPO_ROOT / "knowledge",
        data_dir=data_dir,
        database_url=database_url,
        chroma_url=chroma_url,
        now=SAMPLE_NOW_ISO,
        transcripts=False,
        build_check_seconds=0,
        **extra,
    )


@pytest.fixture(scope="module")
def embeddings() -> Embeddings:
    return LocalEmbeddings()


@pytest.fixture(scope="module")
def replicas(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, chroma_url: str, embeddings: Embeddings
) -> tuple[Candor, Candor]:
    first = Candor(_settings(tmp_path_factory.mktemp("replica-a"), database_url, chroma_url), embeddings=embeddings)
    # The second finds the build current in the database and fetches its files: no second ingest.
    second = Candor(_settings(tmp_path_factory.mktemp("replica-b"), database_url, chroma_url), embeddings=embeddings)
    assert second.build.name == first.build.name
    return first, second


def _psql(database_url: str) -> psycopg.Connection[tuple[object, ...]]:
    dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(dsn, autocommit=True)


def test_both_replicas_answer_from_the_shared_records_and_the_chroma_server(replicas: tuple[Candor, Candor]) -> None:
    first, second = replicas
    assert isinstance(first.storage.builds, DatabaseBuilds)
    for candor in replicas:
        records = candor.records(candor.conversation("NW-1001"))
        decision = records.decisions[0]
        answer = candor.ask(candor.conversation("NW-1001"), "Why am I seeing this?", decision_id=decision.decision_id)
        assert answer.verified, answer.problems
        assert decision.decision_id in answer.decision_ids and answer.citations
        policy = candor.ask(candor.conversation("NW-1001"), "Do you sell my data?")
        assert policy.verified and policy.citations, policy.text
    assert first.records_for("NW-1001") == second.records_for("NW-1001")


def test_the_chroma_servers_ranking_is_the_exact_ranking_of_the_stored_vectors(
    replicas: tuple[Candor, Candor], chroma_url: str
) -> None:
    candor = replicas[1]
    docs = read_chunks(candor.build_dir / "chunks.jsonl")
    server = server_retriever(chroma_url, candor.build.name, candor.embeddings, docs, k=8)
    with np.load(candor.build_dir / VECTORS) as stored:
        exact = VectorRetriever(docs=docs, vectors=stored["vectors"], embeddings=candor.embeddings, k=8)
    for query in ["do you sell my data", "how long do you keep my purchase history", "cookies", "withdraw consent"]:
        assert [d.id for d in server.invoke(query)] == [d.id for d in exact.invoke(query)], query


def test_a_consent_change_on_one_replica_is_seen_by_the_other_at_once(replicas: tuple[Candor, Candor]) -> None:
    first, second = replicas
    before = len(second.records_for("NW-1002").consents)  # type: ignore[union-attr]
    event = first.change_consent(first.conversation("NW-1002"), ChangeRequest("email_marketing", "withdrawn"))
    seen = second.records_for("NW-1002")
    assert seen is not None and len(seen.consents) == before + 1 and seen.consents[-1] == event
    audit = [e for e in second.state.audit_entries() if event.event_id in e.detail]
    assert [e.action for e in audit] == ["consent_withdrawn"]


def test_a_sign_in_link_used_on_one_replica_is_refused_by_the_other(replicas: tuple[Candor, Candor]) -> None:
    first, second = replicas
    token = mint("s3cret", "NW-1003", ttl_seconds=600)
    assert verify("s3cret", token, first.state.use_nonce).customer_id == "NW-1003"
    with pytest.raises(TokenError):
        verify("s3cret", token, second.state.use_nonce)


def test_a_follow_up_continues_the_conversation_on_the_other_replica(replicas: tuple[Candor, Candor]) -> None:
    """As the API does: the proposal's memory saved by one replica, the "yes" answered by the other."""
    first, second = replicas
    asking = first.conversation("NW-1010")
    asked = first.ask(asking, "stop using my purchase history for offers")
    assert "Please confirm" in asked.text
    first.storage.conversations.save("api-session", "NW-1010", asking.memory())
    resumed = second.conversation("NW-1010")
    memory = second.storage.conversations.load("api-session", "NW-1010")
    assert memory is not None
    resumed.recall(memory)
    assert "Done." in second.ask(resumed, "yes").text
    assert first.records_for("NW-1010").consents[-1].status == "withdrawn"  # type: ignore[union-attr]


def test_rate_limits_count_questions_on_every_replica(replicas: tuple[Candor, Candor]) -> None:
    first, second = replicas
    limit = first.settings.rate_per_session_minute
    answers = [(first, second)[i % 2].rate.check("session-x", "NW-1004") for i in range(limit)]
    assert answers == [None] * limit
    refused = first.rate.check("session-x", "NW-1004")
    assert refused is not None and "in the last minute" in refused
    assert second.rate.check("session-x", "NW-1004") is not None


def test_transcripts_and_feedback_of_both_replicas_go_to_one_log_with_one_pseudonym(
    replicas: tuple[Candor, Candor], database_url: str
) -> None:
    first, second = replicas
    a, b = first.storage.log("transcripts"), second.storage.log("transcripts")
    assert a.pseudonym("NW-1004") == b.pseudonym("NW-1004") != "NW-1004"
    a.append({"customer": a.pseudonym("NW-1004"), "question": "from replica a"})
    b.append({"customer": b.pseudonym("NW-1004"), "question": "from replica b"})
    assert [line["question"] for line in a.lines()][-2:] == ["from replica a", "from replica b"]
    assert second.storage.log("feedback").lines() == []  # one table, kept apart by kind
    with _psql(database_url) as con, pytest.raises(psycopg.errors.RestrictViolation):
        con.execute("DELETE FROM redacted_log")


def test_the_ledger_and_audit_log_refuse_update_delete_and_truncate_on_postgres(database_url: str) -> None:
    with _psql(database_url) as con:
        for statement in (
            "UPDATE consent_events SET body = body",
            "DELETE FROM consent_events",
            "TRUNCATE consent_events",
            "UPDATE audit SET detail = 'x'",
            "DELETE FROM audit",
        ):
            with pytest.raises(psycopg.errors.RestrictViolation, match="append-only"):
                con.execute(statement)


def test_a_replica_moves_to_a_new_build_another_ingested_without_a_restart(
    replicas: tuple[Candor, Candor], tmp_path: Path, database_url: str, chroma_url: str, embeddings: Embeddings
) -> None:
    first, second = replicas
    old = second.build.name
    settings = _settings(tmp_path / "ingester", database_url, chroma_url)
    from assistant.ingest import ingest

    new = ingest(settings, embeddings, builds=DatabaseBuilds(first.storage.engine, settings.data_dir))
    conversation = second.conversation("NW-1001")  # checks for a newer build first
    assert second.build.name == new.name != old
    assert second.ask(conversation, "Do you sell my data?").verified
    with _psql(database_url) as con:
        builds = {r[0] for r in con.execute("SELECT DISTINCT build FROM customers")}
    assert builds == {old, new.name}  # the previous build is kept for readers still on it


_WRITER = """
import sys
from assistant.records.state import LiveState
state = LiveState(sys.argv[1])
print("ready", flush=True)
n = 0
while True:
    event = state.append_consent("NW-1011", "email_marketing", "withdrawn" if n % 2 else "granted",
                                 "assistant", "3.1", sys.argv[2])
    print(event.event_id, flush=True)  # only after the commit returned
    n += 1
"""


def test_no_event_is_lost_when_a_replica_is_killed_mid_write(database_url: str, tmp_path: Path) -> None:
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, database_url, name],
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        )
        for name in ("replica-a", "replica-b")
    ]
    for w in writers:
        assert w.stdout is not None and w.stdout.readline().strip() == "ready"
    time.sleep(1.5)
    os.kill(writers[0].pid, signal.SIGKILL)
    time.sleep(0.5)
    writers[1].terminate()
    confirmed: dict[str, set[str]] = {}
    for w, name in zip(writers, ("replica-a", "replica-b"), strict=True):
        w.wait(timeout=30)
        assert w.stdout is not None
        out = w.stdout.read()  # not communicate(): it would skip what readline() above already buffered
        confirmed[name] = {line for line in out.split() if line.startswith("CE-")}
    with _psql(database_url) as con:
        rows = con.execute(
            "SELECT body::json->>'event_id', body::json->>'evidence', seq FROM consent_events "
            "WHERE customer_id = 'NW-1011' ORDER BY seq"
        ).fetchall()
    stored: dict[str, set[str]] = {}
    for event_id, evidence, _seq in rows:
        stored.setdefault(str(evidence), set()).add(str(event_id))
    for name, ids in confirmed.items():
        assert ids, name
        # Every event a replica was told is committed is there; at most the one in flight may be too.
        assert ids <= stored[name] and len(stored[name] - ids) <= 1, name
