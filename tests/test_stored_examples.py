"""The classifier's embedded training texts and fitted heads: stored with a build, shared through the cache."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from assistant.ingest import INTENT_VECTORS
from assistant.pipeline import Candor
from assistant.settings import Settings
from assistant.understand.stored_examples import (
    KEEP_CACHED,
    fingerprint,
    keep_in_cache,
    load_example_vectors,
    model_key,
    save_example_vectors,
)


def _marked_copy(source: Path, target: Path) -> None:
    """The stored arrays with vectors no fresh embedding would give, to see where a file came from."""
    with np.load(source, allow_pickle=False) as stored:
        arrays = dict(stored)
    arrays["vectors"] = np.full_like(arrays["vectors"], 0.5)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)


def test_a_build_in_another_data_folder_reuses_the_cached_arrays(tmp_path: Path, candor: Candor) -> None:
    cache = tmp_path / "cache"
    _marked_copy(
        candor.build_dir / INTENT_VECTORS, cache / f"intent-examples-{fingerprint(model_key(candor.embeddings))}.npz"
    )
    target = tmp_path / "build" / INTENT_VECTORS
    target.parent.mkdir()
    save_example_vectors(target, candor.embeddings, None, cache)
    stored = load_example_vectors(target)
    assert stored is not None and np.all(stored[0] == 0.5)


def test_arrays_made_by_other_head_code_are_not_used(tmp_path: Path, candor: Candor) -> None:
    assert load_example_vectors(candor.build_dir / INTENT_VECTORS) is not None
    with np.load(candor.build_dir / INTENT_VECTORS, allow_pickle=False) as stored:
        arrays = dict(stored)
    arrays["fingerprint"] = np.array("0" * 16)  # fitted or featurised by code that has since changed
    path = tmp_path / INTENT_VECTORS
    with path.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    assert load_example_vectors(path) is None


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 cut short"])
def test_a_damaged_file_is_not_used_and_stops_nothing(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / INTENT_VECTORS
    path.write_bytes(damage)
    assert load_example_vectors(path) is None


def test_the_cache_keeps_its_newest_files_only(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for n in range(KEEP_CACHED + 2):  # files of earlier training texts, oldest first
        old = cache / f"intent-examples-old{n}.npz"
        old.write_bytes(b"stale")
        os.utime(old, (1_000_000 + n, 1_000_000 + n))
    fresh = tmp_path / INTENT_VECTORS
    fresh.write_bytes(b"fresh")
    keep_in_cache(fresh, cache / "intent-examples-new.npz")
    kept = {p.name for p in cache.glob("intent-examples-*")}
    assert kept == {"intent-examples-new.npz", *(f"intent-examples-old{n}.npz" for n in (3, 4))}


def test_an_unwritable_cache_costs_time_not_the_build(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    fresh = tmp_path / INTENT_VECTORS
    fresh.write_bytes(b"fresh")
    keep_in_cache(fresh, blocked / "intent-examples-new.npz")  # no error
    assert fresh.read_bytes() == b"fresh"


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


def test_an_earlier_builds_arrays_made_at_another_precision_are_not_reused(candor: Candor) -> None:
    path = candor.build_dir / INTENT_VECTORS
    same = model_key(candor.embeddings)
    assert load_example_vectors(path, model=same) is not None
    # Two precisions of the local model share its id: only the stored key tells their vectors apart.
    other = same.replace(f":{getattr(candor.embeddings, 'precision', '')}:", ":int8:", 1)
    assert other != same
    assert load_example_vectors(path, model=other) is None
