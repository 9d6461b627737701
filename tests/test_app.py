"""The served app, over HTTP through gradio_client, as a signed-in demo customer."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from gradio_client import Client

from assistant.pipeline import Candor
from assistant.settings import Settings
from assistant.ui.app import build_app
from assistant.ui.server import launch_options


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(candor: Candor, settings: Settings) -> Iterator[str]:
    port = _free_port()
    demo = settings.model_copy(update={"demo": True, "port": port})
    app = build_app(candor, demo)
    app.launch(**launch_options(candor, demo), prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.close()


def _client(url: str, customer: str, password: str = "candor-demo") -> Client:
    return Client(url, auth=(customer, password), verbose=False)


def test_served_app_answers_a_why_offer_question(served: str, candor: Candor) -> None:
    decision = candor.store.records_for("NW-1007").decisions[3]  # type: ignore[union-attr]
    result: dict[str, Any] = _client(served, "NW-1007").predict(
        f"Why did I see {decision.decision_id}?", api_name="/ask"
    )
    assert result["intent"] == "why_offer"
    assert result["decision_ids"] == [decision.decision_id]
    assert result["citations"] and result["verified"] is True


def test_chat_endpoint_streams_into_history_with_sources(served: str) -> None:
    history, cleared, sources = _client(served, "NW-1001").predict("Do you sell my data?", [], api_name="/chat")
    assert cleared == ""
    assert history[-1]["role"] == "assistant"
    assert "sell" in str(history[-1]["content"]).lower()
    assert "privacy-policy#" in str(sources)


def test_served_app_refuses_wrong_demo_password(served: str) -> None:
    with pytest.raises(Exception, match=r"(?i)login|credentials|auth"):
        _client(served, "NW-1001", password="wrong")


def test_served_app_keeps_each_customer_to_their_own_records(served: str, candor: Candor) -> None:
    other = candor.store.records_for("NW-1002").decisions[0]  # type: ignore[union-attr]
    result = _client(served, "NW-1001").predict(f"Why did I see {other.decision_id}?", api_name="/ask")
    assert result["decision_ids"] == []
    assert "I have no record" in result["answer"]


def test_profile_rows_carry_a_why_subject_from_the_customers_own_records(candor: Candor) -> None:
    from assistant.ui import views

    conversation = candor.conversation("NW-1015")
    rows = views.profile(candor, conversation)
    records = candor.records(conversation)
    own = {f"segment:{m.segment_id}" for m in records.memberships} | {
        f"prediction:{p.prediction_id}" for p in records.predictions
    }
    assert rows and {r.subject for r in rows} <= own
    answer = candor.ask(conversation, rows[0].question, subject=rows[0].subject)
    assert answer.intent in ("segments", "predictions") and answer.verified
