"""What LLM mode hands back: the answer to show (the model's, verified, or the grounded one with a notice),
why, and what it cost — and the notices the customer sees when the grounded answer stands in."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.llm.call import ModelCall
from assistant.retrieval.tokenizer import count_tokens
from assistant.turn import Answer

NOTICE_UNVERIFIED = (
    "I couldn't check the AI-written answer against our records, so here is the answer built directly from them."
)
NOTICE_UNAVAILABLE = "The AI service is unavailable right now; here is the answer built directly from our records."


@dataclass(frozen=True)
class StreamReset:
    """Yielded by `LLMAnswerer.stream` before a retry: the text streamed so far is void (clear the bubble)."""

    attempt: int
    reason: str


@dataclass
class LLMResult:
    """The last item of `LLMAnswerer.stream`, and what `LLMAnswerer.answer` returns."""

    answer: Answer  # mode="llm" when the model's answer passed verification, else the grounded answer
    verified: bool  # the model's answer passed verification (False on every fallback, and when skipped)
    fallback_reason: str | None  # why the grounded answer is shown instead (None when the model's is)
    notice: str | None  # short text for the customer when the grounded answer replaced the model's
    model: str
    prompt_tokens: int
    completion_tokens: int
    llm_called: bool = True  # False when the intent is answered without a model (see `skipped`)
    skipped: str | None = None  # why no model was asked (a refusal, a clarifying question)
    llm_text: str = ""  # the model's own text, redacted, with its [E#] marks (for logs and evals; not shown)
    problems: list[str] = field(default_factory=list)  # what verification found
    attempts: int = 0
    evidence_ids: list[str] = field(default_factory=list)  # the items that were in the prompt, in order
    evidence_tokens: int = 0
    evidence_budget: int = 0
    tokens_from: Literal["usage", "tiktoken", "none"] = "none"
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def mode(self) -> str:
        return self.answer.mode

    def as_dict(self) -> dict[str, Any]:
        """For `candor ask --json`: merge into `answer.as_dict()`."""
        return {
            "mode": self.answer.mode,
            "model": self.model if self.llm_called else None,
            "llm_verified": self.verified,
            "verification": "passed" if self.verified else ("not_run" if not self.llm_called else "failed"),
            "fallback_reason": self.fallback_reason,
            "notice": self.notice,
            "tokens": {
                "prompt": self.prompt_tokens,
                "completion": self.completion_tokens,
                "total": self.prompt_tokens + self.completion_tokens,
                "evidence": self.evidence_tokens,
                "evidence_budget": self.evidence_budget,
                "counted_by": self.tokens_from,
            },
            "attempts": self.attempts,
            "evidence_ids": self.evidence_ids,
        }


def skipped(grounded: Answer, model: str, reason: str) -> LLMResult:
    """No model was asked: the grounded answer, with why."""
    return LLMResult(grounded, False, None, None, model, 0, 0, llm_called=False, skipped=reason)


def call_result(
    call: ModelCall,
    answer: Answer,
    model: str,
    *,
    verified: bool,
    reason: str | None,
    notice: str | None,
    started: float,
) -> LLMResult:
    """The result of a call that reached the model (or tried to): tokens as the server reported them, or
    counted with tiktoken when it did not."""
    packed = call.packed
    usage = call.usage or {}
    if usage.get("input_tokens") is not None:
        prompt_tokens, completion_tokens = int(usage["input_tokens"]), int(usage.get("output_tokens") or 0)
        source: Literal["usage", "tiktoken", "none"] = "usage"
    elif packed is not None:
        prompt_tokens, completion_tokens, source = call.prompt_tokens, count_tokens(call.text), "tiktoken"
    else:
        prompt_tokens, completion_tokens, source = 0, 0, "none"
    return LLMResult(
        answer=answer,
        verified=verified,
        fallback_reason=reason,
        notice=notice,
        model=model,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        llm_text=call.text,
        attempts=call.attempts,
        evidence_ids=packed.ids if packed else [],
        evidence_tokens=packed.evidence_tokens if packed else 0,
        evidence_budget=packed.budget if packed else 0,
        tokens_from=source,
        seconds={"pack": call.pack_s, "total": time.perf_counter() - started},
    )
