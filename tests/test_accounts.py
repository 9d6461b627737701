"""Sign-in links, roles, consent self-service and the audit log, over HTTP against a served app."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from gradio_client import Client

from assistant.accounts import sessions
from assistant.accounts.agents import AgentStore
from assistant.accounts.signin import TokenError, mint, verify
from assistant.pack import load_pack
from assistant.pipeline import Candor
from assistant.records.state import LiveState
from assistant.settings import Settings
from assistant.turn import ChangeRequest
from assistant.ui import console
from assistant.ui.server import build_server

SECRET = "test-secret-not-for-production"
AGENT, AGENT_PASSWORD = "alice", "correct-horse-battery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def own_settings(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A data directory of this module's own: consent changes here must not reach other tests."""
    return settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("accounts-data"), "secret": SECRET, "port": _free_port()}
    )


@pytest.fixture(scope="module")
def live(candor: Candor, own_settings: Settings) -> Candor:
    return Candor(own_settings, embeddings=candor.embeddings)


@pytest.fixture(scope="module")
def server(live: Candor, own_settings: Settings) -> Iterator[str]:
    AgentStore(own_settings.data_dir / "agents.json").add(AGENT, AGENT_PASSWORD)
    app = build_server(live, own_settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=own_settings.port, log_level="warning")
    runner = uvicorn.Server(config)
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{own_settings.port}"
    for _ in range(100):
        try:
            httpx.get(base + "/", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.1)
    yield base
    runner.should_exit = True
    thread.join(timeout=10)


def _sign_in(base: str, token: str) -> httpx.Response:
    return httpx.get(f"{base}/?token={token}", follow_redirects=False, timeout=10)


def test_valid_link_signs_the_customer_in_and_opens_the_app(server: str) -> None:
    response = _sign_in(server, mint(SECRET, "NW-1007", 600))
    assert response.status_code == 303 and response.headers["location"] == "/app/"
    cookie = response.cookies[sessions.COOKIE]
    assert sessions.read(SECRET, cookie) == "NW-1007"
    assert httpx.get(f"{server}/app/", cookies={sessions.COOKIE: cookie}, timeout=10).status_code == 200


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda: mint(SECRET, "NW-1007", -5), "expired"),
        (lambda: mint(SECRET, "NW-1007", 600)[:-2] + "xx", "changed or not made by us"),
        (lambda: mint("another-secret", "NW-1007", 600), "changed or not made by us"),
        (lambda: "not-a-token", "not complete"),
        (lambda: mint(SECRET, "NW-0000", 600), "could not find your account"),
    ],
    ids=["expired", "tampered", "wrong-secret", "malformed", "unknown-customer"],
)
def test_bad_link_gets_a_clear_page_and_no_session(server: str, make: object, words: str) -> None:
    response = _sign_in(server, make())  # type: ignore[operator]
    assert response.status_code == 401
    assert words in response.text and sessions.COOKIE not in response.cookies


def test_replayed_link_is_refused(server: str) -> None:
    token = mint(SECRET, "NW-1007", 600)
    assert _sign_in(server, token).status_code == 303
    second = _sign_in(server, token)
    assert second.status_code == 401 and "already used" in second.text


def test_app_without_a_session_is_refused(server: str) -> None:
    assert httpx.get(f"{server}/app/", timeout=10).status_code == 401


def _client(server: str, identity_cookie: str) -> Client:
    return Client(f"{server}/app/", headers={"Cookie": f"{sessions.COOKIE}={identity_cookie}"}, verbose=False)


def _agent_cookie(server: str) -> str:
    response = httpx.post(f"{server}/agent/login", data={"name": AGENT, "password": AGENT_PASSWORD}, timeout=10)
    assert response.status_code == 303
    return str(response.cookies[sessions.COOKIE])


def test_agent_looks_up_a_customer_by_email_and_drafts_a_cited_reply(server: str, live: Candor) -> None:
    client = _client(server, _agent_cookie(server))
    email = live.store.records_for("NW-1001").customer.email  # type: ignore[union-attr]
    summary, found = client.predict(email, api_name="/agent_lookup")
    assert found == "NW-1001" and "Recent offers" in summary and "Consent" in summary
    reply = client.predict("NW-1001", "Do you sell my data?", api_name="/agent_ask")
    assert "Sources:" in reply and "privacy-policy#" in reply
    actions = [(e.actor, e.action, e.target) for e in live.state.audit_entries()]
    assert (AGENT, "lookup", "NW-1001") in actions and (AGENT, "draft_reply", "NW-1001") in actions
    assert not any(email in e.detail for e in live.state.audit_entries())


def test_wrong_agent_password_is_refused_and_audited(server: str, live: Candor) -> None:
    response = httpx.post(f"{server}/agent/login", data={"name": AGENT, "password": "guess"}, timeout=10)
    assert response.status_code == 401 and sessions.COOKIE not in response.cookies
    assert any(e.action == "login_failed" for e in live.state.audit_entries())


def test_an_agent_lookup_says_how_each_offer_was_chosen_without_spending_the_customers_questions(
    live: Candor, own_settings: Settings, candor: Candor
) -> None:
    strict = Candor(own_settings.model_copy(update={"rate_per_account_hour": 2}), embeddings=candor.embeddings)
    found = console.lookup(strict, f"{sessions.AGENT_PREFIX}{AGENT}", "NW-1001")
    assert found is not None
    offers = [line for line in found.summary.splitlines() if line.startswith("- **")]
    assert len(offers) > 2 and all("It was" in line for line in offers)
    assert strict.ask(strict.conversation("NW-1001"), "Do you sell my data?").intent != "rate_limited"


def test_customer_session_calling_the_console_endpoints_is_refused(server: str) -> None:
    cookie = _sign_in(server, mint(SECRET, "NW-1007", 600)).cookies[sessions.COOKIE]
    client = _client(server, cookie)
    summary, found = client.predict("NW-1002", api_name="/agent_lookup")
    assert "support agents only" in summary and found == ""
    assert "support agents only" in client.predict("NW-1002", "Why?", api_name="/agent_ask")


def test_an_agent_sees_the_practice_audit_and_a_customer_session_does_not(server: str, live: Candor) -> None:
    report = _client(server, _agent_cookie(server)).predict(api_name="/agent_practices")
    assert "Practice audit" in report and "Collected, never used" in report and "attribute age_band" in report
    assert "`D-" in report  # findings cite the decisions behind them, for agents only
    changes = sum(1 for e in live.state.all_consents() if e.purpose == "personalized_offers")
    assert f"| Personalized offers | 30 | 6 | {changes} |" in report  # consent at ingest, and changes since
    assert (AGENT, "practices") in [(e.actor, e.action) for e in live.state.audit_entries()]
    cookie = _sign_in(server, mint(SECRET, "NW-1007", 600)).cookies[sessions.COOKIE]
    refused = _client(server, cookie).predict(api_name="/agent_practices")
    assert "support agents only" in refused and "D-" not in refused


def test_consent_change_in_chat_needs_confirmation_and_survives_a_restart(
    live: Candor, candor: Candor, own_settings: Settings
) -> None:
    conversation = live.conversation("NW-1008")
    asked = live.ask(conversation, "stop using my purchase history for offers")
    assert asked.intent == "consent_change" and "Please confirm" in asked.text
    before = len(live.records(conversation).consents)
    done = live.ask(conversation, "yes")
    assert "Done." in done.text
    after = live.records(conversation).consents
    assert len(after) == before + 1 and after[-1].source == "assistant" and after[-1].status == "withdrawn"
    restarted = Candor(own_settings, embeddings=candor.embeddings)
    state = restarted.ask(restarted.conversation("NW-1008"), "Did I consent to personalised offers?")
    assert "you have withdrawn your consent" in state.text
    assert any(e.action == "consent_withdrawn" and e.target == "NW-1008" for e in restarted.state.audit_entries())


def test_saying_no_changes_nothing(live: Candor) -> None:
    conversation = live.conversation("NW-1009")
    live.ask(conversation, "withdraw my consent to marketing emails")
    before = len(live.records(conversation).consents)
    assert "not changed anything" in live.ask(conversation, "no").text
    assert len(live.records(conversation).consents) == before


def test_two_sessions_changing_consent_at_once_are_both_recorded_in_order(live: Candor) -> None:
    first, second = live.conversation("NW-1010"), live.conversation("NW-1010")
    changes = [ChangeRequest("email_marketing", "withdrawn"), ChangeRequest("email_marketing", "granted")] * 10
    threads = [
        threading.Thread(target=live.change_consent, args=(c, change))
        for i, change in enumerate(changes)
        for c in [(first, second)[i % 2]]
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    events = [e for e in live.state.consents_for("NW-1010")]
    assert len(events) == len(changes)
    assert [e.at for e in events] == sorted(e.at for e in events)


def test_ledger_refuses_updates_and_deletes(own_settings: Settings) -> None:
    con = sqlite3.connect(own_settings.data_dir / "state.sqlite")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("DELETE FROM consent_events")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        con.execute("UPDATE audit SET detail = 'x'")


_WRITER = """
import sys
from assistant.records.state import LiveState
state = LiveState(__import__("pathlib").Path(sys.argv[1]))
print("ready", flush=True)
n = 0
while True:
    state.append_consent("NW-1011", "email_marketing", "withdrawn" if n % 2 else "granted", "assistant", "3.1", "x")
    n += 1
"""


def test_kill_minus_nine_mid_write_leaves_the_ledger_consistent(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    time.sleep(1.0)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    events = LiveState(path).consents_for("NW-1011")
    assert len(events) > 0 and all(e.customer_id == "NW-1011" for e in events)


def test_export_consents_writes_the_ledger_in_the_packs_format(
    live: Candor, own_settings: Settings, tmp_path: Path
) -> None:
    from assistant.cli import main

    out = tmp_path / "consents.jsonl"
    code = main(
        [
            "export-consents",
            "--knowledge",
            str(own_settings.knowledge_dir),
            "--data-dir",
            str(own_settings.data_dir),
            "--out",
            str(out),
        ]
    )
    assert code == 0
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert any(e["source"] == "assistant" for e in lines)
    pack = tmp_path / "pack"
    shutil.copytree(own_settings.knowledge_dir, pack)
    shutil.copy(out, pack / "consents.jsonl")
    assert len(load_pack(pack).consents) == len(lines)


def test_rate_limit_answers_with_a_clear_message(candor: Candor, own_settings: Settings) -> None:
    strict = Candor(own_settings.model_copy(update={"rate_per_session_minute": 2}), embeddings=candor.embeddings)
    conversation = strict.conversation("NW-1001")
    strict.ask(conversation, "Do you sell my data?")
    strict.ask(conversation, "Do you sell my data?")
    limited = strict.ask(conversation, "Do you sell my data?")
    assert limited.intent == "rate_limited" and "Please wait" in limited.text


def test_token_verification_is_one_time_and_checks_expiry_offline() -> None:
    used: set[str] = set()

    def use(nonce: str, _: float) -> bool:
        fresh = nonce not in used
        used.add(nonce)
        return fresh

    token = mint(SECRET, "NW-1001", 60, now=1000.0)
    assert verify(SECRET, token, use, now=1010.0).customer_id == "NW-1001"
    with pytest.raises(TokenError, match="already used"):
        verify(SECRET, token, use, now=1010.0)
    with pytest.raises(TokenError, match="expired"):
        verify(SECRET, mint(SECRET, "NW-1001", 60, now=1000.0), use, now=2000.0)


def test_consent_change_over_http_is_kept_after_a_server_restart(
    server: str, live: Candor, candor: Candor, own_settings: Settings
) -> None:
    cookie = _sign_in(server, mint(SECRET, "NW-1012", 600)).cookies[sessions.COOKIE]
    client = _client(server, cookie)
    history, _, _ = client.predict("withdraw my consent to marketing emails", [], api_name="/chat")
    assert "Please confirm" in str(history[-1]["content"])
    history, _, _ = client.predict("yes", history, api_name="/chat")
    assert "Done." in str(history[-1]["content"])
    # A new process on the same data directory: a fresh Candor and a fresh server.
    restarted = Candor(own_settings, embeddings=candor.embeddings)
    port = _free_port()
    runner = uvicorn.Server(
        uvicorn.Config(
            build_server(restarted, own_settings.model_copy(update={"port": port})),
            host="127.0.0.1",
            port=port,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        again = _client(base, _sign_in(base, mint(SECRET, "NW-1012", 600)).cookies[sessions.COOKIE])
        result = again.predict("Did I consent to marketing emails?", api_name="/ask")
        assert "you have withdrawn your consent" in result["answer"] and "via assistant" in result["answer"]
    finally:
        runner.should_exit = True
        thread.join(timeout=10)
