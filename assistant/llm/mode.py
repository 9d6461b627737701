"""LLM mode: the model writes the answer from the same evidence the grounded mode uses, and the answer is
shown only if it checks out against that evidence; otherwise the grounded answer is.

The chain is LCEL — `RunnableLambda(pack) | ChatPromptTemplate | chat model` — streamed token by token.
Its input is the turn after redact and gather (the question already redacted); the evidence items are
redacted by `evidence_items` before they are packed. Restoring the customer's own values is the caller's
job (`vault.restore` on the final text), as in grounded mode.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx
from langchain_core.runnables import Runnable, RunnableLambda

from assistant.compose.builder import best_quote, plain, sentences
from assistant.guardrails.redactor import Redactor
from assistant.llm.budget import Packed, evidence_budget, pack, relevance_order, render_evidence
from assistant.llm.checks import CITATION, cited_ids, verify_llm_answer
from assistant.llm.items import EvidenceItem, evidence_items
from assistant.llm.prompt import load_answer_prompt
from assistant.records.store import Catalog
from assistant.remote.client import HttpClients, make_chat_model, make_http_clients
from assistant.remote.retry import (
    AnswerCutOff,
    LLMUnavailable,
    Retrying,
    RetryPolicy,
    TruncatedStream,
    call_with_retries,
    retrying_stream,
)
from assistant.retrieval.retrievers import terms
from assistant.retrieval.tokenizer import count_tokens
from assistant.settings import Settings
from assistant.turn import Answer, Citation, Line, Turn
from assistant.verify.checks import verify

log = logging.getLogger("candor.llm")

NOTICE_UNVERIFIED = (
    "I couldn't check the AI-written answer against our records, so here is the answer built directly from them."
)
NOTICE_UNAVAILABLE = "The AI service is unavailable right now; here is the answer built directly from our records."

# Refusals, input problems and consent changes (which ask the customer to confirm, then record) are fixed
# text: no model writes them.
GROUNDED_ONLY = frozenset(
    {"out_of_scope", "other_customer", "injection", "invalid_input", "rate_limited", "consent_change"}
)
# Finish reasons that mean the model ended its answer itself (local servers use some of the others).
FINISHED = frozenset({"stop", "end_turn", "eos", "stop_sequence"})
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_PARTIAL_MARK = re.compile(r"[\[(]\s*E?[\d,;\sE]*$", re.I)


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


@dataclass
class _Call:
    """One question's trip through the model: the input of the chain, and what each try leaves behind."""

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


class LLMAnswerer:
    """Writes answers with a chat model from the turn's evidence, verifies them, falls back to grounded.

    `chat_model` defaults to `ChatOpenAI` on httpx clients this object owns (`close()` closes them).
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
        self.settings = settings
        self.redactor = redactor
        self.catalog = catalog
        self.company = catalog.company.name
        self.model_name = settings.model
        self.prompt = load_answer_prompt(prompts_dir or settings.prompts_dir)
        self.clients: HttpClients | None = None
        if chat_model is None:
            self.clients = make_http_clients(settings, transport)
            chat_model = make_chat_model(settings, self.clients)
        self.chat_model = chat_model
        self.policy = RetryPolicy(retries=settings.llm_retries, sleep=sleep, rng=rng or random.Random().random)
        self.chain: Runnable[_Call, Any] = (
            RunnableLambda(self._pack, name="pack_evidence") | self.prompt.chat_template() | chat_model
        )

    def close(self) -> None:
        if self.clients is not None:
            self.clients.close()

    # The entry points ---------------------------------------------------------------------------------

    def skip_reason(self, turn: Turn, grounded: Answer) -> str | None:
        """Why this turn is answered without a model, or None."""
        if grounded.intent in GROUNDED_ONLY:
            return f"{grounded.intent} is answered without a model"
        if grounded.needs_clarification:
            return "the question needs the customer to pick an offer first"
        if getattr(grounded, "proposed_change", None) is not None:
            return "the answer asks the customer to confirm a consent change"
        if turn.records is None and not turn.passages:
            return "no evidence to give a model"
        return None

    def stream(self, turn: Turn, grounded: Answer) -> Iterator[str | StreamReset | LLMResult]:
        """Text deltas as the model streams them (redacted, with [E#] marks; see `display_text`), a
        `StreamReset` before each retry, and last an `LLMResult`. Never raises for a model or network fault."""
        started = time.perf_counter()
        skip = self.skip_reason(turn, grounded)
        if skip is not None:
            yield self._skipped(grounded, skip)
            return
        call = _Call(turn, [])
        try:
            call.items = evidence_items(turn, self.redactor, self.catalog)
            for event in retrying_stream(lambda: self._stream_once(call), self.policy):
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
            return self._skipped(grounded, skip)
        call = _Call(turn, [])
        try:
            call.items = evidence_items(turn, self.redactor, self.catalog)
            call_with_retries(lambda: self._invoke_once(call), self.policy)
        except LLMUnavailable as exc:
            return self._fallback(grounded, call, exc.reason, NOTICE_UNAVAILABLE, started)
        except Exception as exc:  # never a stack trace for the customer
            return self._unexpected(exc, grounded, call, started)
        return self._finish(call, grounded, started)

    # The chain's first stage, and one try of the model ------------------------------------------------

    def _pack(self, call: _Call) -> dict[str, str]:
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

    def _stream_once(self, call: _Call) -> Iterator[str]:
        call.restart()
        for chunk in self.chain.stream(call):
            self._note(call, chunk)
            delta = _text(chunk.content)
            if delta:
                call.parts.append(delta)
                yield delta
        _check_finish(call.finish)

    def _invoke_once(self, call: _Call) -> None:
        call.restart()
        message = self.chain.invoke(call)
        self._note(call, message)
        call.parts.append(_text(message.content))
        _check_finish(call.finish)

    @staticmethod
    def _note(call: _Call, message: Any) -> None:
        meta = getattr(message, "response_metadata", None) or {}
        if meta.get("finish_reason"):
            call.finish = str(meta["finish_reason"])
        usage = getattr(message, "usage_metadata", None)
        if usage:
            call.usage = dict(usage)

    # Results -------------------------------------------------------------------------------------------

    def _finish(self, call: _Call, grounded: Answer, started: float) -> LLMResult:
        try:
            return self._check(call, grounded, started)
        except Exception as exc:  # never a stack trace for the customer
            return self._unexpected(exc, grounded, call, started)

    def _check(self, call: _Call, grounded: Answer, started: float) -> LLMResult:
        t0 = time.perf_counter()
        assert call.packed is not None
        text = call.text
        problems = verify_llm_answer(text, call.packed.items, call.turn, self.redactor, self.catalog)
        answer: Answer | None = None
        if not problems:
            answer = self.to_answer(text, call.packed.items, call.turn, grounded)
            # The grounded verifier too: every citation resolves to a real section and quotes it, every
            # decision and consent event is this customer's.
            problems = verify(answer, self.catalog, call.turn.records)
        verify_s = time.perf_counter() - t0
        if problems or answer is None:
            reason = "verification failed: " + "; ".join(problems)
            result = self._fallback(grounded, call, reason, NOTICE_UNVERIFIED, started)
            result.problems = problems
            result.seconds["verify"] = verify_s
            return result
        answer.verified = True
        result = self._result(call, answer, True, None, None, started)
        result.seconds["verify"] = verify_s
        log.info(
            "llm answer: model=%s verified=True tokens=%d+%d attempts=%d",
            self.model_name,
            result.prompt_tokens,
            result.completion_tokens,
            result.attempts,
        )
        return result

    def _fallback(self, grounded: Answer, call: _Call, reason: str, notice: str, started: float) -> LLMResult:
        log.warning("LLM mode fell back to the grounded answer: %s", reason)
        return self._result(call, grounded, False, reason, notice, started)

    def _unexpected(self, exc: Exception, grounded: Answer, call: _Call, started: float) -> LLMResult:
        # The traceback goes to the debug log only: the CLI and the UI print warnings, never stack traces.
        log.debug("unexpected error in LLM mode", exc_info=exc)
        return self._fallback(grounded, call, f"unexpected error ({type(exc).__name__})", NOTICE_UNAVAILABLE, started)

    def _skipped(self, grounded: Answer, reason: str) -> LLMResult:
        return LLMResult(grounded, False, None, None, self.model_name, 0, 0, llm_called=False, skipped=reason)

    def _result(
        self, call: _Call, answer: Answer, verified: bool, reason: str | None, notice: str | None, started: float
    ) -> LLMResult:
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
            model=self.model_name,
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

    def to_answer(self, text: str, items: list[EvidenceItem], turn: Turn, grounded: Answer) -> Answer:
        """The model's text as an `Answer`: paragraphs and bullets as lines, [E#] marks of policy passages as
        citations (quoting the passage's sentence that best fits the line), of decisions as decision ids,
        of consent events as claims the grounded verifier checks."""
        by_id = {i.evidence_id: i for i in items}
        citations: list[Citation] = []
        decision_ids: list[str] = []
        claims: list[tuple[str, str, str]] = []
        lines: list[Line] = []
        for block, bullet in _blocks(text):
            clean = strip_citations(block)
            if not clean:
                continue
            cites: list[int] = []
            for eid in cited_ids(block):
                item = by_id.get(eid)
                if item is None:
                    continue
                if item.kind == "policy":
                    index = self._cite(citations, item, clean)
                    if index is not None and index not in cites:
                        cites.append(index)
                elif item.kind == "decision" and item.ref not in decision_ids:
                    decision_ids.append(item.ref)
                elif item.kind == "consent" and ("consent", "", item.ref) not in claims:
                    claims.append(("consent", "", item.ref))
            lines.append(Line(clean, cites, bullet))
        return Answer(grounded.intent, lines, citations, decision_ids, mode="llm", claims=claims)

    def _cite(self, citations: list[Citation], item: EvidenceItem, context: str) -> int | None:
        section = self.catalog.sections.get(item.ref)
        if section is None:
            return None
        for i, c in enumerate(citations):
            if c.section_id == section.section_id:
                return i
        citations.append(Citation(section.doc_id, section.section_id, section.title, _quote(item, section, context)))
        return len(citations) - 1


def _quote(item: EvidenceItem, section: Any, context: str) -> str:
    """The passage's sentence that shares most words with the line citing it, if it is in the section."""
    body = item.text.split("\n", 1)[1] if "\n" in item.text else item.text
    candidates = [s.removeprefix("Plain language:").strip() for s in sentences(body)]
    candidates = [s for s in candidates if s and plain(s) in plain(section.text)]
    if not candidates:
        return best_quote(section, frozenset(terms(context)))
    wanted = set(terms(context))
    return max(candidates, key=lambda s: (len(wanted & set(terms(s))), -candidates.index(s)))


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content or "")


def _check_finish(reason: str | None) -> None:
    if reason is None:
        raise TruncatedStream()
    if reason == "length":
        raise AnswerCutOff("the answer was cut off at the token limit")
    if reason == "content_filter":
        raise AnswerCutOff("the AI service's content filter stopped the answer")
    if reason not in FINISHED:
        raise AnswerCutOff(f"the model stopped without finishing ({reason})")


def _blocks(text: str) -> Iterator[tuple[str, bool]]:
    """Paragraphs (lines joined) and bullet items, in order."""
    paragraph: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _BULLET.match(line):
            if paragraph:
                yield " ".join(paragraph), False
                paragraph = []
            if line:
                yield _BULLET.sub("", line, count=1), True
            continue
        paragraph.append(line)
    if paragraph:
        yield " ".join(paragraph), False


def strip_citations(text: str) -> str:
    """The text without its [E#] marks, spaces before punctuation tidied."""
    out = CITATION.sub("", text)
    out = re.sub(r"\s+([.,;:!?])", r"\1", out)
    return " ".join(out.split())


def display_text(raw: str) -> str:
    """What to show while the answer streams: [E#] marks (and a half-received one at the end) removed.
    The final answer (`LLMResult.answer`) shows numbered sources instead."""
    return _PARTIAL_MARK.sub("", "\n".join(_tidy_line(line) for line in raw.split("\n")))


def _tidy_line(line: str) -> str:
    out = CITATION.sub("", line)
    return re.sub(r"[ \t]+([.,;:!?])", r"\1", re.sub(r"[ \t]{2,}", " ", out))
