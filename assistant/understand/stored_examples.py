"""The classifier's training texts embedded and its two heads fitted once, stored beside a build (and, when a
cache folder is set, shared between builds and data folders: they depend on the texts, the model and the heads'
settings, never on the pack)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import zipfile
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.understand import head as head_settings
from assistant.understand import text_head as text_head_settings
from assistant.understand.head import IntentHead, unit_rows
from assistant.understand.text_head import TextHead
from assistant.understand.training import example_labels, example_texts

Trained = tuple[np.ndarray, IntentHead, TextHead]


KEEP_CACHED = 3  # cache files kept, newest first: each change of the training texts makes a new one (~30 MB)


def fingerprint(model_id: str = "") -> str:
    """What the stored arrays were made from: the texts and labels, the code that fits and featurises the heads
    (any change to it makes a new fingerprint) and, for the cache's file names, the model and library."""
    digest = hashlib.sha256()
    for part in (model_id, *example_labels(), *example_texts()):
        digest.update(part.encode("utf-8") + b"\0")
    for module in (head_settings, text_head_settings):
        digest.update(Path(str(module.__file__)).read_bytes())
    return digest.hexdigest()[:16]


def model_key(embeddings: Embeddings) -> str:
    """The model and, for the local one, its precision (two precisions share an id but not their last bits), and
    the scikit-learn that fits the heads."""
    from sklearn import __version__ as sklearn_version  # ingest only: serving never imports scikit-learn

    model = getattr(embeddings, "embedding_id", type(embeddings).__name__)
    return f"{model}:{getattr(embeddings, 'precision', '')}:scikit-learn {sklearn_version}"


def save_example_vectors(
    path: Path, embeddings: Embeddings, earlier: Path | None = None, cache_dir: Path | None = None
) -> None:
    """Embed the training texts and fit the heads at ingest, so that start-up reads them instead of running the
    model and scikit-learn. `earlier`, the same file of a previous build made with the same model, or the cache
    folder's copy is used when it was made from these very texts and settings."""
    made_from, model = fingerprint(), model_key(embeddings)
    cached = cache_dir / f"intent-examples-{fingerprint(model)}.npz" if cache_dir is not None else None
    for source in (earlier, cached):
        if source is not None and load_example_vectors(source, made_from, model) is not None:
            shutil.copyfile(source, path)
            return
    texts, labels = example_texts(), example_labels()
    vectors = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    arrays: dict[str, np.ndarray] = {
        "fingerprint": np.array(made_from),
        # Checked when a later build reuses it: two precisions of one model share an id, not their vectors.
        "model": np.array(model),
        "texts": np.array(texts),
        "vectors": vectors,
        **IntentHead.train(unit_rows(vectors), labels).arrays(),
        **TextHead.train(texts, labels).arrays(),
    }
    with path.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    if cached is not None:
        keep_in_cache(path, cached)


def keep_in_cache(path: Path, cached: Path) -> None:
    """Copy a fresh file into the cache, keeping its newest few. A cache is a saving, never a need: a read-only
    or full disk only costs the next ingest its time."""
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.part")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, partial)
        os.replace(partial, cached)
        older = sorted(cached.parent.glob("intent-examples-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in older[KEEP_CACHED:]:
            stale.unlink(missing_ok=True)
    except OSError:
        with contextlib.suppress(OSError):  # the folder itself may be what failed
            partial.unlink(missing_ok=True)


def load_example_vectors(path: Path, made_from: str | None = None, model: str | None = None) -> Trained | None:
    """The stored vectors and heads, or None when there are none, the file is damaged, or the texts, labels or
    the heads' code changed since they were made. `made_from`: the current fingerprint, if already worked out;
    `model`: the model key they must have been made with (ingest checks it; start-up trusts its own build)."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = dict(stored)  # each array read once
        stamp, vectors = str(arrays["fingerprint"]), arrays["vectors"]
        if model is not None and str(arrays.get("model", "")) != model:
            return None
        head, text_head = IntentHead.from_arrays(arrays), TextHead.from_arrays(arrays)
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        return None
    # The fingerprint covers the texts and labels: no second comparison of 7,000 strings at start-up.
    return (vectors, head, text_head) if stamp == (made_from or fingerprint()) else None
