"""The classifier's embedded training texts and fitted heads: stored with a build, shared through the cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.ingest import INTENT_VECTORS
from assistant.pipeline import Candor
from assistant.settings import Settings
from assistant.understand import text_head
from assistant.understand.stored_examples import fingerprint, load_example_vectors, save_example_vectors


def _marked_copy(source: Path, target: Path) -> None:
    """The stored arrays with vectors no fresh embedding would give, to see where a file came from."""
    with np.load(source, allow_pickle=False) as stored:
        arrays = dict(stored)
    arrays["vectors"] = np.full_like(arrays["vectors"], 0.5)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)


def _model_id(candor: Candor) -> str:
    embeddings = candor.embeddings
    return f"{getattr(embeddings, 'embedding_id', '')}:{getattr(embeddings, 'precision', '')}"


def test_a_build_in_another_data_folder_reuses_the_cached_arrays(tmp_path: Path, candor: Candor) -> None:
    cache = tmp_path / "cache"
    _marked_copy(candor.build_dir / INTENT_VECTORS, cache / f"intent-examples-{fingerprint(_model_id(candor))}.npz")
    target = tmp_path / "build" / INTENT_VECTORS
    target.parent.mkdir()
    save_example_vectors(target, candor.embeddings, None, cache)
    stored = load_example_vectors(target)
    assert stored is not None and np.all(stored[0] == 0.5)


def test_arrays_made_under_other_head_settings_are_not_used(candor: Candor, monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_example_vectors(candor.build_dir / INTENT_VECTORS) is not None
    monkeypatch.setattr(text_head, "C", text_head.C * 2)  # a head fitted otherwise than the stored one
    assert load_example_vectors(candor.build_dir / INTENT_VECTORS) is None


def test_arrays_without_a_fingerprint_are_from_an_older_build_and_not_used(tmp_path: Path, candor: Candor) -> None:
    with np.load(candor.build_dir / INTENT_VECTORS, allow_pickle=False) as stored:
        arrays = {k: v for k, v in stored.items() if k != "fingerprint"}
    path = tmp_path / INTENT_VECTORS
    with path.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    assert load_example_vectors(path) is None


def test_an_empty_cache_setting_keeps_no_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CANDOR_CACHE_DIR", "")
    assert Settings().cache_dir is None  # not the current folder
    monkeypatch.delenv("CANDOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert Settings().cache_dir == tmp_path / "candor"
