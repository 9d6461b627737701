"""The HTTP API at /api/v1: answers and records for the authenticated customer only, the agent role, and
errors as JSON (422 naming the field, 401/403/404/409, 429 with Retry-After, 500 without a traceback)."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient

from assistant.accounts import sessions
from assistant.accounts.agents import AgentStore
from assistant.api.http_errors import JSONErrorRoute
from assistant.api.routes import api_router
from assistant.api.schema import schema_text
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT, Settings

SECRET = "api-test-secret"
AGENT, AGENT_PASSWORD = "bob", "a-long-agent-password"


@pytest.fixture(scope="module")
def api_settings(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A data directory of this module's own: consent changes here must not reach other tests."""
    return settings.model_copy(
        update={"data_dir": tmp_path_factory.mktemp("api-data"), "secret": SECRET, "rate_per_session_minute": 5}
    )


@pytest.fixture(scope="module")
def live(candor: Candor, api_settings: Settings) -> Candor:
    AgentStore(api_settings.data_dir / "agents.json").add(AGENT, AGENT_PASSWORD)
    return Candor(api_settings, embeddings=candor.embeddings)


def _client(candor: Candor, settings: Settings) -> TestClient:
    app = FastAPI()
    app.include_router(api_router(candor, settings))
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def client(live: Candor, api_settings: Settings) -> TestClient:
    return _client(live, api_settings)


def bearer(identity: str, ttl: int = 600) -> dict[str, str]:
    return {"Authorization": f"Bearer {sessions.issue(SECRET, identity, ttl)}"}


def test_ask_answers_the_token_holder_with_citations_and_decision_ids(client: TestClient) -> None:
    headers = bearer("NW-1001")
    latest = client.get("/api/v1/offers", headers=headers).json()[0]["decision_id"]
    question = {"question": "Why was this offer shown?", "decision_id": latest}
    response = client.post("/api/v1/ask", json=question, headers=headers)
    assert response.status_code == 200
    body = response.json()
    assert body["intent"] == "why_offer" and body["mode"] == "grounded" and body["verified"] is True
    assert body["citations"] and body["decision_ids"] == [latest]
    assert set(body) >= {"answer", "verification", "did_you_mean", "needs_clarification"}


def test_the_customer_id_cannot_be_given_in_the_request(client: TestClient) -> None:
    response = client.post(
        "/api/v1/ask", json={"question": "What data do you hold?", "customer_id": "NW-1002"}, headers=bearer("NW-1001")
    )
    assert response.status_code == 422
    assert response.json()["fields"][0]["field"] == "body.customer_id"


def test_bad_input_is_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/api/v1/ask", json={"question": ""}, headers=bearer("NW-1001"))
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_input" and body["fields"][0]["field"] == "body.question"
    broken = client.post("/api/v1/ask", content=b"{not json", headers=bearer("NW-1001"))
    assert broken.status_code == 422 and broken.json()["error"] == "invalid_input"


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer not-a-token"},
        {"Authorization": f"Bearer {sessions.issue('another-secret', 'NW-1001')}"},
        {"Authorization": f"Bearer {sessions.issue(SECRET, 'NW-1001', ttl_seconds=-5)}"},
        {"Authorization": f"Bearer {sessions.issue(SECRET, 'NW-9999')}"},
    ],
    ids=["none", "malformed", "other-secret", "expired", "unknown-customer"],
)
def test_missing_or_bad_credentials_are_401_with_a_challenge(client: TestClient, headers: dict[str, str]) -> None:
    response = client.get("/api/v1/offers", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_session_cookie_works_as_well_as_a_bearer_token(client: TestClient) -> None:
    client.cookies.set(sessions.COOKIE, sessions.issue(SECRET, "NW-1003"))
    try:
        response = client.get("/api/v1/profile")
    finally:
        client.cookies.clear()
    assert response.status_code == 200 and response.json()["customer_id"] == "NW-1003"


def test_roles_are_kept_apart(client: TestClient) -> None:
    agent = bearer(f"agent:{AGENT}")
    assert client.get("/api/v1/offers", headers=agent).status_code == 403
    customer = client.post("/api/v1/agent/lookup", json={"query": "NW-1001"}, headers=bearer("NW-1001"))
    assert customer.status_code == 403 and customer.json()["error"] == "forbidden"


def test_records_are_the_callers_own(client: TestClient) -> None:
    headers = bearer("NW-1004")
    offers = client.get("/api/v1/offers", headers=headers).json()
    export = client.get("/api/v1/export", headers=headers).json()
    assert offers and {o["decision_id"] for o in offers} == {d["decision_id"] for d in export["decisions"]}
    assert {d["customer_id"] for d in export["decisions"]} == {"NW-1004"}
    assert export["customer"]["customer_id"] == "NW-1004"
    assert {e["decision_id"] for e in export["explanations"]} == {d["decision_id"] for d in export["decisions"]}
    assert all(e["purpose"] and e["policy_section"] for e in export["explanations"])
    assert any(e["data_categories"] for e in export["explanations"])
    assert client.get("/api/v1/profile", headers=headers).json()["customer_id"] == "NW-1004"


def test_consent_changes_are_appended_to_the_ledger_and_audited(client: TestClient, live: Candor) -> None:
    headers = bearer("NW-1005")
    changed = client.post("/api/v1/consents/email_marketing", json={"status": "withdrawn"}, headers=headers)
    assert changed.status_code == 200 and changed.json()["status"] == "withdrawn"
    listed = {c["purpose"]: c for c in client.get("/api/v1/consents", headers=headers).json()}
    assert listed["email_marketing"]["status"] == "withdrawn" and listed["email_marketing"]["source"] == "assistant"
    assert any(e.action == "consent_withdrawn" and e.target == "NW-1005" for e in live.state.audit_entries())
    again = client.post("/api/v1/consents/email_marketing", json={"status": "given"}, headers=headers)
    assert again.json()["status"] == "given"


def test_a_confirmation_asked_in_one_request_is_answered_in_the_next(client: TestClient) -> None:
    """The API is stateless per request, yet "yes" confirms the change the previous answer proposed."""
    headers = bearer("NW-1014")
    asked = client.post("/api/v1/ask", json={"question": "stop using my purchase history for offers"}, headers=headers)
    assert asked.json()["intent"] == "consent_change" and "Please confirm" in asked.json()["answer"]
    done = client.post("/api/v1/ask", json={"question": "yes"}, headers=headers)
    assert "Done." in done.json()["answer"]
    state = {c["purpose"]: c["status"] for c in client.get("/api/v1/consents", headers=headers).json()}
    assert state["personalized_offers"] == "withdrawn"


def test_another_credential_does_not_continue_the_conversation(client: TestClient) -> None:
    mine = bearer("NW-1017")
    asked = client.post("/api/v1/ask", json={"question": "withdraw my consent to marketing emails"}, headers=mine)
    assert "Please confirm" in asked.json()["answer"]
    other_token = client.post("/api/v1/ask", json={"question": "yes"}, headers=bearer("NW-1017", ttl=900))
    assert "Done." not in other_token.json()["answer"]
    assert "Done." in client.post("/api/v1/ask", json={"question": "yes"}, headers=mine).json()["answer"]


def test_consent_changes_need_a_consent_purpose_and_a_known_status(client: TestClient) -> None:
    headers = bearer("NW-1005")
    assert client.post("/api/v1/consents/no_such", json={"status": "given"}, headers=headers).status_code == 404
    basis = client.post("/api/v1/consents/fraud_prevention", json={"status": "withdrawn"}, headers=headers)
    assert basis.status_code == 409 and basis.json()["error"] == "conflict"
    wrong = client.post("/api/v1/consents/email_marketing", json={"status": "maybe"}, headers=headers)
    assert wrong.status_code == 422 and wrong.json()["fields"][0]["field"] == "body.status"


def test_agents_look_up_and_draft_with_every_lookup_audited(client: TestClient, live: Candor) -> None:
    agent = bearer(f"agent:{AGENT}")
    found = client.post("/api/v1/agent/lookup", json={"query": "NW-1006"}, headers=agent)
    assert found.status_code == 200 and found.json()["customer_id"] == "NW-1006" and found.json()["offers"]
    missing = client.post("/api/v1/agent/lookup", json={"query": "nobody@example.invalid"}, headers=agent)
    assert missing.status_code == 404
    draft = client.post(
        "/api/v1/agent/draft", json={"customer_id": "NW-1006", "question": "What data do you hold?"}, headers=agent
    )
    assert draft.status_code == 200 and "Sources:" in draft.json()["ticket_text"]
    actions = [(e.actor, e.action) for e in live.state.audit_entries()]
    assert actions.count((AGENT, "lookup")) >= 2 and (AGENT, "draft_reply") in actions


def test_too_many_questions_are_429_with_retry_after(client: TestClient) -> None:
    headers = bearer("NW-1008")  # one token is one session: the per-session limit here is 5 a minute
    codes = [
        client.post("/api/v1/ask", json={"question": "What data do you hold?"}, headers=headers).status_code
        for _ in range(6)
    ]
    assert codes == [200] * 5 + [429]
    limited = client.post("/api/v1/ask", json={"question": "What data do you hold?"}, headers=headers)
    assert limited.json()["error"] == "rate_limited" and 1 <= int(limited.headers["Retry-After"]) <= 60


def test_demo_mode_accepts_the_demo_sign_in_over_http_basic(live: Candor, api_settings: Settings) -> None:
    demo = _client(live, api_settings.model_copy(update={"demo": True, "secret": None}))

    def basic(user: str, password: str) -> dict[str, str]:
        return {"Authorization": "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()}

    assert demo.get("/api/v1/profile", headers=basic("NW-1002", api_settings.demo_password)).status_code == 200
    assert demo.get("/api/v1/profile", headers=basic("NW-1002", "wrong")).status_code == 401
    agent = demo.post(
        "/api/v1/agent/lookup", json={"query": "NW-1002"}, headers=basic(f"agent:{AGENT}", AGENT_PASSWORD)
    )
    assert agent.status_code == 200
    # Outside demo mode the demo password opens nothing.
    signed = _client(live, api_settings)
    assert signed.get("/api/v1/profile", headers=basic("NW-1002", api_settings.demo_password)).status_code == 401


def test_an_unexpected_error_is_a_plain_500_without_a_traceback() -> None:
    router = APIRouter(route_class=JSONErrorRoute)

    @router.get("/boom")
    def boom() -> dict[str, str]:
        raise RuntimeError("secret internals /srv/candor/state.sqlite")

    app = FastAPI()
    app.include_router(router)
    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500
    assert response.json()["error"] == "internal" and "secret internals" not in response.text


def test_the_committed_openapi_schema_is_the_generated_one() -> None:
    committed = (REPO_ROOT / "docs" / "openapi.json").read_text(encoding="utf-8")
    assert json.loads(committed) == json.loads(schema_text()), (
        "docs/openapi.json is out of date: run `python -m assistant.api.schema > docs/openapi.json`"
    )


def test_the_served_schema_is_the_committed_one(client: TestClient) -> None:
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.json() == json.loads(schema_text())


def test_candor_token_api_prints_a_bearer_token_the_api_accepts(client: TestClient, api_settings: Settings) -> None:
    env = os.environ | {"CANDOR_SECRET": SECRET}
    args = [sys.executable, "-m", "assistant.cli", "token", "--api", "--data-dir", str(api_settings.data_dir)]
    token = subprocess.run([*args, "--customer", "NW-1007"], env=env, capture_output=True, text=True, check=True)
    response = client.get("/api/v1/profile", headers={"Authorization": f"Bearer {token.stdout.strip()}"})
    assert response.status_code == 200 and response.json()["customer_id"] == "NW-1007"
    agent = subprocess.run([*args, "--agent", AGENT, "--ttl", "5m"], env=env, capture_output=True, text=True)
    assert client.get("/api/v1/offers", headers={"Authorization": f"Bearer {agent.stdout.strip()}"}).status_code == 403
    wrong = subprocess.run([*args], env=env, capture_output=True, text=True)
    assert wrong.returncode == 2


def test_the_sign_in_server_serves_the_api_beside_the_app(live: Candor, api_settings: Settings) -> None:
    from assistant.ui.server import build_server

    served = TestClient(build_server(live, api_settings), raise_server_exceptions=False)
    response = served.get("/api/v1/consents", headers=bearer("NW-1002"))
    assert response.status_code == 200 and {c["purpose"] for c in response.json()} >= {"email_marketing"}
