"""A property-based run of the HTTP API against its own OpenAPI schema (schemathesis): generated requests, valid
and not, sent to the live app served on loopback. No 5xx, and every response matches the schema."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import schemathesis
import uvicorn
from fastapi import FastAPI
from hypothesis import HealthCheck, settings

from assistant.accounts import sessions
from assistant.api.routes import api_router
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT, Settings

SECRET = "schemathesis-secret"
pytestmark = pytest.mark.api_fuzz
# The committed schema, which tests/test_api.py proves is the one the app serves.
schema = schemathesis.openapi.from_path(REPO_ROOT / "docs" / "openapi.json")


@pytest.fixture(scope="module")
def base_url(candor: Candor, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A data directory of its own: the run withdraws and gives consents.
    own = settings.model_copy(update={"data_dir": tmp_path_factory.mktemp("fuzz-data"), "secret": SECRET})
    app = FastAPI()
    app.include_router(api_router(Candor(own, embeddings=candor.embeddings), own))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the API did not start on loopback"
    base = f"http://127.0.0.1:{port}"
    yield base
    server.should_exit = True
    thread.join(timeout=10)


@schema.parametrize()
# Few examples per operation: each /ask runs the real chain; the point is breadth, not volume.
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_schema_and_never_fails_with_a_5xx(case: schemathesis.Case, base_url: str) -> None:
    identity = "agent:fuzz" if "/agent/" in case.path else "NW-1001"
    token = {"Authorization": f"Bearer {sessions.issue(SECRET, identity)}"}
    # The schema offers three credentials as alternatives; schemathesis's ignored-auth check spoils one (a cookie)
    # while the bearer token stays good, and counts the 200 as a fault. tests/test_api.py covers bad credentials.
    case.call_and_validate(base_url=base_url, headers=token, excluded_checks=[schemathesis.checks.ignored_auth])
