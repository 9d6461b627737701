"""The classifier's training texts embedded and its two heads fitted once, stored beside a build (and, when a
cache folder is set, shared between builds and data folders: they depend on the texts, the model and the heads'
settings, never on the pack)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.understand import head as head_settings
from assistant.understand import text_head as text_head_settings
from assistant.understand.head import IntentHead, unit_rows
from assistant.understand.text_head import TextHead
from assistant.understand.training import example_labels, example_texts

Trained = tuple[np.ndarray, IntentHead, TextHead]


def fingerprint(model_id: str = "") -> str:
    """What the stored arrays were made from: the texts and labels, the embedding model, the heads' settings."""
    digest = hashlib.sha256()
    settings = (
        head_settings.C,
        text_head_settings.C,
        text_head_settings.SIZES,
        text_head_settings.MIN_TEXTS,
    )
    for part in (model_id, repr(settings), *example_labels(), *example_texts()):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def save_example_vectors(
    path: Path, embeddings: Embeddings, earlier: Path | None = None, cache_dir: Path | None = None
) -> None:
    """Embed the training texts and fit the heads at ingest, so that start-up reads them instead of running the
    model and scikit-learn. `earlier`, the same file of a previous build made with the same model, or the cache
    folder's copy is used when it was made from these very texts and settings."""
    # The local model's two precisions share an id but not their last bits: the cache keeps them apart.
    model_id = (
        f"{getattr(embeddings, 'embedding_id', type(embeddings).__name__)}:{getattr(embeddings, 'precision', '')}"
    )
    cached = cache_dir / f"intent-examples-{fingerprint(model_id)}.npz" if cache_dir is not None else None
    for source in (earlier, cached):
        if source is not None and load_example_vectors(source) is not None:
            shutil.copyfile(source, path)
            return
    texts, labels = example_texts(), example_labels()
    vectors = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    arrays: dict[str, np.ndarray] = {
        # The model is not in it: the earlier build's manifest and the cache file's name say which model it was.
        "fingerprint": np.array(fingerprint()),
        "texts": np.array(texts),
        "vectors": vectors,
        **IntentHead.train(unit_rows(vectors), labels).arrays(),
        **TextHead.train(texts, labels).arrays(),
    }
    with path.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    if cached is not None:
        try:  # a cache is a saving, never a need: a read-only or full disk only costs the next ingest time
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
            shutil.copyfile(path, partial)
            os.replace(partial, cached)
        except OSError:
            pass


def load_example_vectors(path: Path) -> Trained | None:
    """The stored vectors and heads, or None when there are none or the texts, labels or heads' settings changed
    since they were made."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = dict(stored)  # each array read once
        made_from, texts, vectors = str(arrays["fingerprint"]), arrays["texts"].tolist(), arrays["vectors"]
        head, text_head = IntentHead.from_arrays(arrays), TextHead.from_arrays(arrays)
    except (OSError, KeyError, ValueError):
        return None
    return (vectors, head, text_head) if made_from == fingerprint() and texts == example_texts() else None
