"""One question's trip through the model: what the chain is given, and one try of it, streamed or plain.

A try that ends without the model finishing its answer raises: a stream cut short is retried
(`TruncatedStream`); an answer stopped at the token limit or by a content filter is not (`AnswerCutOff`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from langchain_core.runnables import Runnable

from assistant.llm.budget import Packed
from assistant.llm.items import EvidenceItem
from assistant.llm.reading import repeated_sentence
from assistant.remote.retry import AnswerCutOff, TruncatedStream
from assistant.turn import Turn

# Candor stopped reading: the model had begun to repeat itself. What it wrote is checked (and rejected).
STOPPED_REPEATING = "candor_stopped_repeating"
# Finish reasons that mean the answer is complete (local servers use some of the others).
FINISHED = frozenset({"stop", "end_turn", "eos", "stop_sequence", STOPPED_REPEATING})
_SENTENCE_END = frozenset(".!?]\n")


@dataclass
class ModelCall:
    """The input of the chain, and what each try leaves behind."""

    turn: Turn
    items: list[EvidenceItem]
    packed: Packed | None = None
    parts: list[str] = field(default_factory=list)
    finish: str | None = None
    usage: dict[str, Any] | None = None
    attempts: int = 0
    pack_s: float = 0.0
    prompt_tokens: int = 0  # the whole prompt as sent, counted with tiktoken
    values: dict[str, str] | None = None  # the prompt's variables, made once per question

    def restart(self) -> None:
        self.parts, self.finish, self.usage = [], None, None
        self.attempts += 1

    @property
    def text(self) -> str:
        return "".join(self.parts)


def stream_once(chain: Runnable[ModelCall, Any], call: ModelCall) -> Iterator[str]:
    """One streamed try: the text deltas as they arrive. A model that says a sentence twice is stopped
    there (closing the stream makes the server stop generating) instead of looping to the token limit."""
    call.restart()
    for chunk in chain.stream(call):
        _note(call, chunk)
        delta = content_text(chunk.content)
        if delta:
            call.parts.append(delta)
            yield delta
            if _SENTENCE_END & set(delta) and repeated_sentence(call.text) is not None:
                call.finish = STOPPED_REPEATING
                break
    check_finish(call.finish)


def invoke_once(chain: Runnable[ModelCall, Any], call: ModelCall) -> None:
    """One plain try: the whole completion at once."""
    call.restart()
    message = chain.invoke(call)
    _note(call, message)
    call.parts.append(content_text(message.content))
    check_finish(call.finish)


def _note(call: ModelCall, message: Any) -> None:
    meta = getattr(message, "response_metadata", None) or {}
    if meta.get("finish_reason"):
        call.finish = str(meta["finish_reason"])
    usage = getattr(message, "usage_metadata", None)
    if usage:
        call.usage = dict(usage)


def content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")


def check_finish(reason: str | None) -> None:
    if reason is None:
        raise TruncatedStream()
    if reason == "length":
        raise AnswerCutOff("the answer was cut off at the token limit")
    if reason == "content_filter":
        raise AnswerCutOff("the AI service's content filter stopped the answer")
    if reason not in FINISHED:
        raise AnswerCutOff(f"the model stopped without finishing ({reason})")
