"""LLM mode: the model writes the answer from the same evidence the grounded mode uses, and the answer is
shown only if it checks out against that evidence; otherwise the grounded answer is.

The chain is LCEL — `RunnableLambda(pack) | ChatPromptTemplate | chat model` — streamed token by token.
Its input is the turn after redact and gather (the question already redacted); the evidence items are
redacted by `evidence_items` before they are packed. The model's text is converted into an `Answer`
(`convert.py`) and checked by the same verifier as grounded answers (`assistant.verify.checks`), after the
checks only a model's text needs (`checks.py`). Restoring the customer's own values is the caller's job
(`vault.restore` on the final text), as in grounded mode.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.guardrails.redactor import Redactor
from assistant.llm.budget import evidence_budget, pack, relevance_order, render_evidence
from assistant.llm.call import ModelCall, invoke_once, stream_once
from assistant.llm.convert import to_answer
from assistant.llm.items import EvidenceItem, evidence_items
from assistant.llm.model_checks import model_problems
from assistant.llm.prompt import load_answer_prompt
from assistant.llm.result import NOTICE_UNAVAILABLE, NOTICE_UNVERIFIED, LLMResult, StreamReset, call_result, skipped
from assistant.llm.router import LLMRouter
from assistant.records.store import Catalog
from assistant.remote.client import HttpClients, make_chat_model, make_http_clients
from assistant.remote.endpoint import ChatEndpoint, open_endpoint
from assistant.remote.retry import LLMUnavailable, Retrying, RetryPolicy, call_with_retries, retrying_stream
from assistant.settings import Settings
from assistant.turn import Answer, Turn
from assistant.verify.checks import verify

log = logging.getLogger("candor.llm")

# Refusals, input problems and consent changes (which ask the customer to confirm, then record) are fixed
# text: no model writes them.
GROUNDED_ONLY = frozenset(
    {"out_of_scope", "other_customer", "injection", "invalid_input", "rate_limited", "consent_change"}
)


class LLMAnswerer:
    """Writes answers with a chat model from the turn's evidence, verifies them, falls back to grounded.

    `chat_model` defaults to `ChatOpenAI` on httpx clients this object owns, talking to the endpoint
    `CANDOR_LLM` picks (`close()` closes the clients and stops a local server).
    `sleep` and `rng` drive the retry backoff (tests inject them); `transport` is an httpx transport for
    the owned clients (benchmarks).
    """

    def __init__(
        self,
        settings: Settings,
        redactor: Redactor,
        catalog: Catalog,
        prompts_dir: Path | None = None,
        chat_model: Any = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.clients: HttpClients | None = None
        self.endpoint: ChatEndpoint | None = None
        if chat_model is None:
            # CANDOR_LLM=local starts a server here; its settings carry that server's URL, key and model.
            self.endpoint = open_endpoint(settings)
            settings = self.endpoint.settings
            self.clients = make_http_clients(settings, transport)
            chat_model = make_chat_model(settings, self.clients)
        self.settings = settings
        self.redactor = redactor
        self.catalog = catalog
        self.company = catalog.company.name
        self.model_name = settings.model
        self.prompts_dir = prompts_dir or settings.prompts_dir
        self.prompt = load_answer_prompt(self.prompts_dir)
        self.chat_model = chat_model
        self.policy = RetryPolicy(retries=settings.llm_retries, sleep=sleep, rng=rng or random.Random().random)
        self.chain: Runnable[ModelCall, Any] = (
            RunnableLambda(self._pack, name="pack_evidence") | self.prompt.chat_template() | chat_model
        )

    def router(self) -> LLMRouter:
        """The same model as a router for close calls between two readings of a question."""
        return LLMRouter(self.chat_model, self.prompts_dir, grammar=self.settings.llm_mode == "local")

    def close(self) -> None:
        """Close the HTTP clients this object owns, and stop the local server it started (if any)."""
        if self.clients is not None:
            self.clients.close()
        if self.endpoint is not None:
            self.endpoint.close()

    # The entry points ---------------------------------------------------------------------------------

    def skip_reason(self, turn: Turn, grounded: Answer) -> str | None:
        """Why this turn is answered without a model, or None."""
        if grounded.intent in GROUNDED_ONLY:
            return f"{grounded.intent} is answered without a model"
        if grounded.needs_clarification:
            return "the question needs the customer to pick an offer first"
        if getattr(grounded, "proposed_change", None) is not None:
            return "the answer asks the customer to confirm a consent change"
        if turn.policy_selection is not None:
            # The policy's own sentences as the selector chose them, quoted exactly (or "the policy does not
            # say"), also after another intent's answer ("can you erase my data?" quotes the deletion section):
            # a model would paraphrase them, and quotes are where paraphrase misleads.
            return "the answer quotes the policy's own sentences"
        if turn.records is None and not turn.passages:
            return "no evidence to give a model"
        return None

    def stream(self, turn: Turn, grounded: Answer) -> Iterator[str | StreamReset | LLMResult]:
        """Text deltas as the model streams them (redacted, with [E#] marks; see `display_text`), a
        `StreamReset` before each retry, and last an `LLMResult`. Never raises for a model or network fault."""
        started = time.perf_counter()
        skip = self.skip_reason(turn, grounded)
        if skip is not None:
            yield skipped(grounded, self.model_name, skip)
            return
        call = ModelCall(turn, [])
        try:
            call.items = evidence_items(turn, self.redactor, self.catalog)
            for event in retrying_stream(lambda: stream_once(self.chain, call), self.policy):
                yield StreamReset(event.attempt, event.reason) if isinstance(event, Retrying) else event
        except LLMUnavailable as exc:
            yield self._fallback(grounded, call, exc.reason, NOTICE_UNAVAILABLE, started)
            return
        except Exception as exc:  # a bug of ours, or of a library: never a stack trace for the customer
            yield self._unexpected(exc, grounded, call, started)
            return
        yield self._finish(call, grounded, started)

    def answer(self, turn: Turn, grounded: Answer) -> LLMResult:
        """The same, as one plain (non-streamed) completion: for the CLI and scripts."""
        started = time.perf_counter()
        skip = self.skip_reason(turn, grounded)
        if skip is not None:
            return skipped(grounded, self.model_name, skip)
        call = ModelCall(turn, [])
        try:
            call.items = evidence_items(turn, self.redactor, self.catalog)
            call_with_retries(lambda: invoke_once(self.chain, call), self.policy)
        except LLMUnavailable as exc:
            return self._fallback(grounded, call, exc.reason, NOTICE_UNAVAILABLE, started)
        except Exception as exc:  # never a stack trace for the customer
            return self._unexpected(exc, grounded, call, started)
        return self._finish(call, grounded, started)

    # The chain's first stage, and the check of what the model wrote --------------------------------------

    def _pack(self, call: ModelCall) -> dict[str, str]:
        if call.values is not None:  # a retry sends the same prompt
            return call.values
        t0 = time.perf_counter()
        turn = call.turn
        # Already redacted by the guard; redacting again is a no-op on placeholders, and a second lock.
        question = self.redactor.redact(turn.question, turn.conversation.vault)
        scaffold = self.prompt.scaffold_tokens(self.company, question)
        budget = evidence_budget(self.settings.llm_context_tokens, self.settings.llm_answer_reserve, scaffold)
        call.packed = pack(relevance_order(call.items, turn), budget, scaffold)
        values = {"company": self.company, "evidence": render_evidence(call.packed.items), "question": question}
        call.prompt_tokens = self.prompt.prompt_tokens(**values)
        call.values = values
        call.pack_s = time.perf_counter() - t0
        return values

    def check(self, text: str, items: list[EvidenceItem], turn: Turn, grounded: Answer) -> tuple[Answer, list[str]]:
        """The model's text as an answer, and the problems found in it: those only a model's text can have,
        then the verifier's, the same as for a grounded answer. No problems means it may be shown."""
        problems = model_problems(text, items, turn, self.redactor)
        answer = self.to_answer(text, items, turn, grounded)
        problems += [p for p in verify(answer, self.catalog, turn.records) if p not in problems]
        return answer, problems

    def to_answer(self, text: str, items: list[EvidenceItem], turn: Turn, grounded: Answer) -> Answer:
        """The model's text as an `Answer` (see `assistant.llm.convert`)."""
        return to_answer(text, items, grounded.intent, self.catalog, turn.records)

    # Results -------------------------------------------------------------------------------------------

    def _finish(self, call: ModelCall, grounded: Answer, started: float) -> LLMResult:
        try:
            return self._checked(call, grounded, started)
        except Exception as exc:  # never a stack trace for the customer
            return self._unexpected(exc, grounded, call, started)

    def _checked(self, call: ModelCall, grounded: Answer, started: float) -> LLMResult:
        t0 = time.perf_counter()
        assert call.packed is not None
        answer, problems = self.check(call.text, call.packed.items, call.turn, grounded)
        verify_s = time.perf_counter() - t0
        if problems:
            result = self._fallback(
                grounded, call, "verification failed: " + "; ".join(problems), NOTICE_UNVERIFIED, started
            )
            result.problems = problems
        else:
            answer.verified = True
            result = call_result(
                call, answer, self.model_name, verified=True, reason=None, notice=None, started=started
            )
            log.info(
                "llm answer: model=%s verified=True tokens=%d+%d attempts=%d",
                self.model_name,
                result.prompt_tokens,
                result.completion_tokens,
                result.attempts,
            )
        result.seconds["verify"] = verify_s
        return result

    def _fallback(self, grounded: Answer, call: ModelCall, reason: str, notice: str, started: float) -> LLMResult:
        log.warning("LLM mode fell back to the grounded answer: %s", reason)
        return call_result(
            call, grounded, self.model_name, verified=False, reason=reason, notice=notice, started=started
        )

    def _unexpected(self, exc: Exception, grounded: Answer, call: ModelCall, started: float) -> LLMResult:
        # The traceback goes to the debug log only: the CLI and the UI print warnings, never stack traces.
        log.debug("unexpected error in LLM mode", exc_info=exc)
        return self._fallback(grounded, call, f"unexpected error ({type(exc).__name__})", NOTICE_UNAVAILABLE, started)
