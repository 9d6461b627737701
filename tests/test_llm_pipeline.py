"""LLM mode wired through Candor and `candor ask --json`: streamed, verified, or the grounded answer."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
import respx

from assistant.cli import main
from assistant.pipeline import Candor
from assistant.settings import Settings
from assistant.turn import Answer

BASE = "http://llm.test/v1"
QUESTION = "Do you sell my data?"


def _sse(text: str) -> httpx.Response:
    def chunk(delta: dict[str, str], finish: str | None = None) -> str:
        body = {
            "id": "c",
            "object": "chat.completion.chunk",
            "created": 1,
            "model": "gpt-4o-mini",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(body)}\n\n"

    parts = [chunk({"content": text[i : i + 9]}) for i in range(0, len(text), 9)] + [chunk({}, "stop")]
    return httpx.Response(200, headers={"content-type": "text/event-stream"}, text="".join(parts) + "data: [DONE]\n\n")


def _completion(text: str) -> httpx.Response:
    return httpx.Response(
        200,
        json={
            "id": "c",
            "object": "chat.completion",
            "created": 1,
            "model": "gpt-4o-mini",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 900, "completion_tokens": 12, "total_tokens": 912},
        },
    )


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    with respx.mock(base_url=BASE, assert_all_called=False) as router:
        yield router


@pytest.fixture(scope="module")
def llm_candor(candor: Candor, settings: Settings) -> Candor:
    llm_settings = settings.model_copy(
        update={"llm": "openai", "openai_api_key": "sk-test", "openai_base_url": BASE, "llm_retries": 0}
    )
    return Candor(llm_settings, embeddings=candor.embeddings)


def test_llm_answer_streams_then_arrives_verified(api: respx.MockRouter, llm_candor: Candor) -> None:
    api.post("/chat/completions").mock(return_value=_sse("We do not sell your data for money [E1]."))
    events = list(llm_candor.ask_stream(llm_candor.conversation("NW-1001"), QUESTION))
    partial, final = events[:-1], events[-1]
    assert partial and all(isinstance(e, str) for e in partial) and "[E1]" not in str(partial[-1])
    assert isinstance(final, Answer) and final.mode == "llm"
    assert final.meta["verification"] == "passed" and final.meta["model"] == "gpt-4o-mini"


def test_unverifiable_llm_answer_is_replaced_by_the_grounded_one_with_a_notice(
    api: respx.MockRouter, llm_candor: Candor, candor: Candor
) -> None:
    api.post("/chat/completions").mock(return_value=_completion("Your shoe size drove this offer [E99]."))
    answer = llm_candor.ask(llm_candor.conversation("NW-1001"), QUESTION)
    assert answer.mode == "grounded" and answer.meta["verification"] == "failed"
    assert answer.meta["fallback_reason"]
    grounded = candor.ask(candor.conversation("NW-1001"), QUESTION)
    assert answer.lines[0].text.startswith("I couldn") or "answer built directly from" in answer.lines[0].text
    assert [line.text for line in answer.lines[1:]] == [line.text for line in grounded.lines]


def test_ask_json_reports_mode_model_verification_and_tokens(
    api: respx.MockRouter, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    api.post("/chat/completions").mock(return_value=_completion("We do not sell your data for money [E1]."))
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", BASE)
    monkeypatch.setenv("CANDOR_NOW", "2024-10-31T12:00:00Z")
    code = main(
        [
            "ask",
            "--customer",
            "NW-1001",
            "--json",
            "--knowledge",
            str(settings.knowledge_dir),
            "--data-dir",
            str(settings.data_dir),
            QUESTION,
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["mode"] == "llm" and data["model"] == "gpt-4o-mini" and data["verification"] == "passed"
    assert data["tokens"]["prompt"] == 900 and data["tokens"]["completion"] == 12


def test_grounded_mode_json_says_no_model_was_used(candor: Candor) -> None:
    data = candor.ask(candor.conversation("NW-1001"), QUESTION).as_dict()
    assert data["mode"] == "grounded" and data["model"] is None and data["verification"] == "not_run"
