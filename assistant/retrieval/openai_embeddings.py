"""OpenAI embeddings behind the same retriever (CANDOR_EMBEDDINGS=openai); the local model stays the default.

`embedding_id` names the model, and the ingest build key includes it: changing the embedding model makes
a new build (re-indexing) instead of mixing vectors from two models in one index. Requests go through httpx
clients Candor owns, with its timeout and bounded retries (the SDK's own are off).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
from langchain_core.embeddings import Embeddings

from assistant.remote.client import HttpClients, make_http_clients, make_openai_embeddings
from assistant.remote.retry import LLMUnavailable, RetryPolicy, call_with_retries
from assistant.settings import Settings


class OpenAIEmbeddingError(RuntimeError):
    """The embedding service failed after Candor's retries; the message says why (no stack trace needed)."""


class OpenAIEmbeddingProvider(Embeddings):
    """`langchain_openai.OpenAIEmbeddings` (settings.openai_embedding_model) on Candor's own httpx clients."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        batch_size: int = 256,
    ) -> None:
        self.model = settings.openai_embedding_model
        self.embedding_id = f"openai:{self.model}"
        self.clients: HttpClients = make_http_clients(settings, transport)
        self._embeddings: Any = make_openai_embeddings(settings, self.clients)
        self._policy = RetryPolicy(retries=settings.llm_retries, sleep=sleep)
        self._batch = batch_size

    def _call(self, fn: Callable[[], list[Any]]) -> list[Any]:
        try:
            result, _ = call_with_retries(fn, self._policy)
        except LLMUnavailable as exc:
            raise OpenAIEmbeddingError(f"OpenAI embeddings ({self.model}) failed: {exc.reason}") from None
        return result

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self._batch):
            batch = texts[start : start + self._batch]
            out += self._call(lambda batch=batch: self._embeddings.embed_documents(batch))  # type: ignore[misc]
        return out

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = self._call(lambda: self._embeddings.embed_query(text))
        return vector

    def close(self) -> None:
        self.clients.close()
