"""Bounded retries with backoff for calls to the model: Candor decides what is retried, not the SDK.

Retried: timeouts, connection errors, 408/409/429 and 5xx (honouring Retry-After), malformed or truncated
streams. Not retried: 400/401/403/404 and other client errors, an answer cut off at the token limit,
and anything unexpected. After the last try the caller gets `LLMUnavailable` with a short reason that is
safe to log and to show in `--json` output (it never carries the prompt or the answer).
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import httpx

log = logging.getLogger("candor.llm")

T = TypeVar("T")


class LLMUnavailable(Exception):
    """The model could not give an answer; `reason` says why in a few words."""

    def __init__(self, reason: str, attempts: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.attempts = attempts


class TruncatedStream(Exception):
    """The stream ended without a finish reason: the answer may be cut short."""


class MalformedResponse(Exception):
    """The server's reply could not be read as a chat completion."""


class AnswerCutOff(Exception):
    """The model stopped for a reason other than finishing (token limit, content filter): not retried."""


@dataclass(frozen=True)
class Fault:
    retryable: bool
    reason: str
    retry_after: float | None = None


@dataclass
class RetryPolicy:
    """`retries` extra tries after the first; exponential backoff with jitter, capped; Retry-After honoured
    up to `retry_after_cap` seconds. `sleep` and `rng` are injectable for tests."""

    retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    retry_after_cap: float = 20.0
    sleep: Callable[[float], None] = time.sleep
    rng: Callable[[], float] = field(default_factory=lambda: random.Random().random)

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """Seconds to wait after failed try number `attempt` (0-based)."""
        if retry_after is not None:
            return max(0.0, min(retry_after, self.retry_after_cap))
        backoff = min(self.max_delay, self.base_delay * (2**attempt))
        # "Equal jitter": at least half the backoff, so retries never bunch up at zero.
        return float(backoff / 2 + backoff / 2 * self.rng())


@dataclass(frozen=True)
class Retrying:
    """Yielded by `retrying_stream` before it waits and tries again; text streamed so far is void."""

    attempt: int  # the try that is about to start, 2 for the first retry
    reason: str
    delay: float


def parse_retry_after(headers: Any, now: datetime | None = None) -> float | None:
    """Seconds from `Retry-After` (seconds or an HTTP date) or OpenAI's `retry-after-ms`; None if absent or
    unreadable."""
    if headers is None:
        return None
    millis = headers.get("retry-after-ms")
    if millis:
        try:
            return max(0.0, float(millis) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


_NO_RETRY = {
    400: "the AI service rejected the request (400)",
    401: "the AI service rejected the API key (401); check OPENAI_API_KEY",
    403: "the AI service refused access (403); check the key's permissions for this model",
    404: "model or endpoint not found (404); check CANDOR_MODEL and OPENAI_BASE_URL",
}


def _status_fault(status: int, headers: Any, code: str | None) -> Fault:
    detail = f" [{code}]" if code else ""
    if status in _NO_RETRY:
        return Fault(False, _NO_RETRY[status] + detail)
    retry_after = parse_retry_after(headers)
    if status == 429:
        return Fault(True, f"rate limited by the AI service (429){detail}", retry_after)
    if status in (408, 409) or status >= 500:
        return Fault(True, f"AI service error ({status}){detail}", retry_after)
    return Fault(False, f"the AI service rejected the request ({status}){detail}")


def classify(exc: BaseException) -> Fault:
    """What went wrong, and whether another try may help."""
    import openai

    if isinstance(exc, LLMUnavailable):
        return Fault(False, exc.reason)
    if isinstance(exc, AnswerCutOff):
        return Fault(False, str(exc))
    if isinstance(exc, TruncatedStream):
        return Fault(True, "the answer stream ended before the model finished")
    if isinstance(exc, openai.APITimeoutError | httpx.TimeoutException) or _is_httpx2(exc, "TimeoutException"):
        return Fault(True, "the AI service timed out")
    if isinstance(exc, openai.APIConnectionError | httpx.TransportError) or _is_httpx2(exc, "TransportError"):
        return Fault(True, "could not reach the AI service")
    if isinstance(exc, openai.APIStatusError):
        body = exc.body if isinstance(exc.body, dict) else {}
        code = body.get("code") or body.get("type")
        return _status_fault(exc.status_code, exc.response.headers, str(code) if code else None)
    if isinstance(exc, httpx.HTTPStatusError):
        return _status_fault(exc.response.status_code, exc.response.headers, None)
    if isinstance(exc, openai.APIResponseValidationError | MalformedResponse | json.JSONDecodeError | ValueError):
        # JSONDecodeError and pydantic's ValidationError are ValueErrors; so is langchain's "No generation chunks".
        return Fault(True, "the AI service sent a malformed response")
    return Fault(False, f"unexpected error in the AI call ({type(exc).__name__})")


def _is_httpx2(exc: BaseException, name: str) -> bool:
    """openai ≥ 3 raises httpx2 errors when it made its own client; ours are classic httpx, but be safe."""
    try:
        import httpx2
    except ImportError:  # pragma: no cover - httpx2 comes with openai 3
        return False
    kind = getattr(httpx2, name, None)
    return isinstance(kind, type) and isinstance(exc, kind)


def call_with_retries(attempt: Callable[[], T], policy: RetryPolicy) -> tuple[T, int]:
    """Run `attempt` until it succeeds or the policy is spent; returns (result, tries used)."""
    for n in range(policy.retries + 1):
        try:
            return attempt(), n + 1
        except Exception as exc:
            wait = _after_failure(exc, n, policy)
            policy.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover


def retrying_stream(open_stream: Callable[[], Iterator[T]], policy: RetryPolicy) -> Iterator[T | Retrying]:
    """Items from `open_stream()`; on a retryable failure, a `Retrying` marker, a wait, and a fresh stream.

    A consumer that shows the stream must drop what it showed when it sees `Retrying`.
    """
    for n in range(policy.retries + 1):
        try:
            yield from open_stream()
            return
        except Exception as exc:
            wait = _after_failure(exc, n, policy)
            reason = classify(exc).reason
        yield Retrying(n + 2, reason, wait)
        policy.sleep(wait)


def _after_failure(exc: Exception, n: int, policy: RetryPolicy) -> float:
    """The wait before the next try, or `LLMUnavailable` when there is none."""
    fault = classify(exc)
    tries = n + 1
    if not fault.retryable:
        log.info("AI call failed, not retried: %s", fault.reason)
        raise LLMUnavailable(fault.reason, tries) from exc
    if n >= policy.retries:
        log.info("AI call failed after %d tries: %s", tries, fault.reason)
        tried = "1 try" if tries == 1 else f"{tries} tries"
        raise LLMUnavailable(f"{fault.reason} (gave up after {tried})", tries) from exc
    wait = policy.delay(n, fault.retry_after)
    log.info("AI call failed (%s); try %d of %d in %.2f s", fault.reason, tries + 1, policy.retries + 1, wait)
    return wait
