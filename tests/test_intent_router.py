"""The optional router for close calls: asked only when the classifier's two readings are close, its choice
validated (one of the two, never a consent change unasked), any fault ignored, and the question it sees is
the redacted one."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.guardrails.vault import Vault
from assistant.llm.router import LLMRouter
from assistant.pipeline import Candor
from assistant.remote.client import make_chat_model, make_http_clients
from assistant.settings import Settings
from assistant.turn import Intent, IntentResult
from assistant.understand.routing import MEANINGS, ROUTE_BELOW, routed

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
BASE = "http://llm.test/v1"


class PickingRouter:
    """A router that always picks `choice`, and remembers what it was asked."""

    def __init__(self, choice: Intent | None) -> None:
        self.choice = choice
        self.asked: list[tuple[str, list[Intent]]] = []

    def choose(self, question: str, candidates: Sequence[Intent]) -> Intent | None:
        self.asked.append((question, list(candidates)))
        return self.choice


def _close(intent: Intent, runner_up: Intent, margin: float = 0.01, text: str = "a question") -> IntentResult:
    return IntentResult(intent, 0.5, text, runner_up, margin)


def test_a_close_call_takes_the_routers_pick_and_offers_the_classifiers_reading() -> None:
    router = PickingRouter("sell_share")
    result = routed(_close("data_held", "sell_share"), "what info have you got on me from trailhead", router)
    assert result.intent == "sell_share" and result.runner_up == "data_held" and result.routed
    assert router.asked == [("what info have you got on me from trailhead", ["data_held", "sell_share"])]


def test_a_clear_reading_is_not_sent_to_the_router() -> None:
    router = PickingRouter("sell_share")
    result = routed(_close("data_held", "sell_share", margin=ROUTE_BELOW + 0.01), "what do you hold", router)
    assert result.intent == "data_held" and not result.routed and router.asked == []


@pytest.mark.parametrize(
    ("choice", "why"),
    [
        ("retention", "not one of the two readings"),
        (None, "no usable choice"),
        ("data_held", "the classifier's own reading"),
    ],
)
def test_a_routers_choice_outside_the_two_readings_is_ignored(choice: Intent | None, why: str) -> None:
    result = routed(_close("data_held", "sell_share"), "q", PickingRouter(choice))
    assert (result.intent, result.routed) == ("data_held", False), why


def test_the_router_cannot_change_a_consent_nobody_asked_to_change() -> None:
    status = _close("consent_status", "consent_change", text="did i turn the emails off in the end")
    assert routed(status, status.normalized, PickingRouter("consent_change")).intent == "consent_status"
    asked = _close("consent_status", "consent_change", text="stop emailing me")
    assert routed(asked, asked.normalized, PickingRouter("consent_change")).intent == "consent_change"


def test_refusals_are_never_routed() -> None:
    router = PickingRouter("other_customer")
    result = routed(_close("why_offer", "other_customer"), "q", router)
    assert result.intent == "why_offer" and router.asked == []


@pytest.mark.parametrize(
    ("replies", "picked"),
    [
        (["2", "1"], "sell_share"),
        (["1.", "Option 2"], "data_held"),
        (["3", "3"], None),
        (["banana", "1"], None),
    ],
)
def test_the_model_router_reads_a_number_and_nothing_else(replies: list[str], picked: Intent | None) -> None:
    router = LLMRouter(FakeListChatModel(responses=replies), PROMPTS)
    assert router.choose("what info do you have from trailhead", ["data_held", "sell_share"]) == picked


def test_a_model_that_picks_the_first_option_whatever_it_says_is_not_followed() -> None:
    router = LLMRouter(FakeListChatModel(responses=["1", "1"]), PROMPTS)
    assert router.choose("what info do you have from trailhead", ["data_held", "sell_share"]) is None


class BrokenModel(FakeListChatModel):
    def _call(self, *args: Any, **kwargs: Any) -> str:
        raise httpx.ConnectTimeout("no answer")


def test_a_router_that_fails_keeps_the_classifiers_reading() -> None:
    router = LLMRouter(BrokenModel(responses=["1"]), PROMPTS)
    assert router.choose("q", ["data_held", "sell_share"]) is None


def _completion(text: str) -> dict[str, Any]:
    return {
        "id": "c",
        "object": "chat.completion",
        "created": 1,
        "model": "m",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 90, "completion_tokens": 1, "total_tokens": 91},
    }


def test_a_local_server_is_held_to_the_option_numbers_by_a_grammar(settings: Settings) -> None:
    bodies: list[dict[str, Any]] = []

    def reply(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return httpx.Response(200, json=_completion("2" if len(bodies) == 1 else "1"))

    local = settings.model_copy(update={"openai_base_url": BASE, "openai_api_key": "sk-local", "llm_retries": 0})
    clients = make_http_clients(local, httpx.MockTransport(reply))
    try:
        router = LLMRouter(make_chat_model(local, clients), PROMPTS, grammar=True)
        assert router.choose("can you stop the emails", ["change_control", "consent_change"]) == "consent_change"
    finally:
        clients.close()
    body = bodies[0]
    limit = body.get("max_completion_tokens", body.get("max_tokens"))  # langchain-openai sends the newer name
    assert body["grammar"] == 'root ::= "1" | "2"' and limit <= 4 and body["temperature"] == 0
    assert "can you stop the emails" in json.dumps(body["messages"]) and len(bodies) == 2


def test_in_llm_mode_the_router_sees_the_redacted_question_and_its_pick_is_reported(
    candor: Candor, settings: Settings
) -> None:
    routes: list[str] = []

    def reply(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        if body.get("max_completion_tokens", body.get("max_tokens", 0)) <= 4:  # the router's request
            routes.append(json.dumps(body["messages"]))
            return httpx.Response(200, json=_completion("2" if len(routes) == 1 else "1"))  # the same pick twice
        return httpx.Response(200, json=_completion("I can't say more than the records show."))

    routing = settings.model_copy(
        update={
            "llm": "openai",
            "openai_api_key": "sk-test",
            "openai_base_url": BASE,
            "llm_retries": 0,
            "llm_router": "close",
        }
    )
    with respx.mock(base_url=BASE, assert_all_called=False) as api:
        api.post("/chat/completions").mock(side_effect=reply)
        llm_candor = Candor(routing, embeddings=candor.embeddings)
        try:
            question = "I'm Hannelore Brzezinski, do you sell my data or keep it for ever"
            # The classifier reads the question as redacted, so the close call is checked on that text.
            redacted = candor.parts.redactor.redact(question, Vault("NW-1001"))
            assert "Brzezinski" not in redacted
            reading = candor.parts.classifier.classify(redacted)
            answer = llm_candor.ask(llm_candor.conversation("NW-1001"), question)
        finally:
            llm_candor.close()
    assert reading.margin < ROUTE_BELOW and reading.runner_up is not None  # a close call, so the router is asked
    sent, reversed_order = routes
    assert not any(name in text for name in ("Brzezinski", "Hannelore") for text in (sent, reversed_order))
    second = next(intent for intent, meaning in MEANINGS.items() if f"2. {meaning}" in json.loads(sent)[1]["content"])
    assert answer.intent == second and answer.meta.get("intent_routed") is True
