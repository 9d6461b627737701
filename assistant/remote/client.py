"""The HTTP clients Candor owns and hands to langchain-openai, and the chat-model factory.

openai ≥ 3 would otherwise make its own httpx2 clients, which respx cannot intercept and whose timeouts and
connection limits would not be ours. Candor creates classic `httpx` clients with the timeout from
settings and bounded connection pools, passes them as `http_client` / `http_async_client`, turns the SDK's
own retries off (`max_retries=0`) and retries in `retry.py` instead.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any

import httpx

from assistant.settings import Settings

# A local OpenAI-compatible server (vLLM, Ollama, llama.cpp) accepts any key; the SDK insists on one.
PLACEHOLDER_KEY = "not-needed-for-a-local-server"

LIMITS = httpx.Limits(max_connections=8, max_keepalive_connections=4, keepalive_expiry=30.0)


class LLMSetupError(RuntimeError):
    """LLM mode is asked for but cannot start; the message says what to do."""


def http_timeout(settings: Settings) -> httpx.Timeout:
    """`llm_timeout` for reading, writing and the pool; connecting gets at most 10 s of it."""
    return httpx.Timeout(settings.llm_timeout, connect=min(10.0, settings.llm_timeout))


@dataclass
class HttpClients:
    """One sync and one async client, owned by Candor and closed by it."""

    sync: httpx.Client
    async_: httpx.AsyncClient

    def close(self) -> None:
        self.sync.close()
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            with contextlib.suppress(Exception):
                asyncio.run(self.async_.aclose())
        # Inside a running loop the async client is left to the garbage collector; Candor's calls are sync.


def make_http_clients(
    settings: Settings,
    transport: httpx.BaseTransport | None = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
) -> HttpClients:
    """Clients with Candor's timeout and connection limits; `transport` is for benchmarks and tests."""
    common: dict[str, Any] = {"timeout": http_timeout(settings), "limits": LIMITS, "follow_redirects": False}
    return HttpClients(
        httpx.Client(transport=transport, **common),
        httpx.AsyncClient(transport=async_transport, **common),
    )


def api_key(settings: Settings) -> str:
    """The key to send: OPENAI_API_KEY, or a stand-in when only a local server's base URL is given."""
    if settings.openai_api_key:
        return settings.openai_api_key
    if settings.openai_base_url:
        return PLACEHOLDER_KEY
    raise LLMSetupError(
        "CANDOR_LLM=openai needs OPENAI_API_KEY, or OPENAI_BASE_URL pointing at an OpenAI-compatible server "
        "(for example OPENAI_BASE_URL=http://localhost:11434/v1 for Ollama)"
    )


def _langchain_openai() -> Any:
    try:
        import langchain_openai
    except ImportError as exc:
        raise LLMSetupError(
            "LLM mode needs the langchain-openai package: pip install -e '.[llm]' "
            "(or unset OPENAI_API_KEY / set CANDOR_LLM=none for the grounded mode)"
        ) from exc
    return langchain_openai


def make_chat_model(settings: Settings, clients: HttpClients) -> Any:
    """A `ChatOpenAI` on Candor's clients: no SDK retries, usage reported at the end of a stream."""
    module = _langchain_openai()
    return module.ChatOpenAI(
        model=settings.model,
        api_key=api_key(settings),
        base_url=settings.openai_base_url,
        http_client=clients.sync,
        http_async_client=clients.async_,
        # The SDK would otherwise send its own per-request timeout (or none) over the client's.
        timeout=http_timeout(settings),
        max_retries=0,
        stream_usage=True,
        max_tokens=settings.llm_answer_reserve,
    )


def make_openai_embeddings(settings: Settings, clients: HttpClients) -> Any:
    """`OpenAIEmbeddings` on Candor's clients. Texts go as text (no tiktoken download for the model name)."""
    module = _langchain_openai()
    return module.OpenAIEmbeddings(
        model=settings.openai_embedding_model,
        api_key=api_key(settings),
        base_url=settings.openai_base_url,
        http_client=clients.sync,
        http_async_client=clients.async_,
        timeout=http_timeout(settings),
        max_retries=0,
        check_embedding_ctx_length=False,
    )
