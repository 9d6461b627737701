"""The local model in bfloat16 is the same model as in float32: vectors agree far below any ranking's resolution."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieval import embeddings as embeddings_module
from assistant.retrieval.embeddings import EmbeddingError, LocalEmbeddings
from assistant.retrieval.minilm import bf16_native
from assistant.settings import REPO_ROOT
from assistant.understand.training import example_texts

needs_bf16 = pytest.mark.skipif(not bf16_native(), reason="this CPU has no native bf16")


def _texts() -> list[str]:
    policy = (REPO_ROOT / "knowledge" / "policies" / "privacy-policy.md").read_text(encoding="utf-8")
    paragraphs = [p for p in policy.split("\n\n") if p.strip()]
    return [*example_texts()[:80], *paragraphs[:40], "", "word " * 400, "why did i see the hikng boot ofer"]


@pytest.fixture(scope="module")
def both() -> tuple[np.ndarray, np.ndarray]:
    texts = _texts()
    single = np.asarray(LocalEmbeddings("float32").embed_documents(texts))
    if not bf16_native():
        return single, single
    return single, np.asarray(LocalEmbeddings("bfloat16").embed_documents(texts))


@needs_bf16
def test_bfloat16_vectors_keep_a_cosine_of_at_least_0_9998_with_float32(both: tuple[np.ndarray, np.ndarray]) -> None:
    single, half = both
    cosines = (single * half).sum(axis=1)
    assert cosines.min() >= 0.9998, cosines.min()


@needs_bf16
def test_bfloat16_ranks_the_policy_for_each_question_as_float32_does(both: tuple[np.ndarray, np.ndarray]) -> None:
    single, half = both
    questions, passages = slice(0, 80), slice(80, 120)
    top_single = np.argsort(-(single[questions] @ single[passages].T), axis=1)[:, :3]
    # Questions in bf16 against an index built in float32: the mix a rebuilt-elsewhere index would see.
    top_mixed = np.argsort(-(half[questions] @ single[passages].T), axis=1)[:, :3]
    assert (top_single[:, 0] == top_mixed[:, 0]).mean() >= 0.98


def test_auto_uses_bfloat16_exactly_where_the_cpu_has_it() -> None:
    assert LocalEmbeddings("auto").precision == ("bfloat16" if bf16_native() else "float32")
    assert LocalEmbeddings("float32").precision == "float32"


def test_asking_for_bfloat16_without_native_support_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings_module, "bf16_native", lambda: False)
    with pytest.raises(EmbeddingError, match="native bf16"):
        LocalEmbeddings("bfloat16").embed_query("hello")
