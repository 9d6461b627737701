"""Ingest: validate the pack, build records + index in a new directory, then switch over atomically.

A failed ingest leaves the previous build in place and in use.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.pack.loader import fingerprint, load_pack
from assistant.retrieval.embeddings import LocalEmbeddings, embedding_id
from assistant.settings import Settings

# 3: the chunk vectors (vectors.npz) and the intent examples' vectors (intent_examples.npz) are stored too.
# 4: the policy's sentences and their vectors (sentences.jsonl, sentences.npz), for the sentence selector.
SCHEMA_VERSION = "4"
INTENT_VECTORS = "intent_examples.npz"
POINTER = "current.json"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Build:
    path: Path
    key: str
    manifest: dict[str, str]


def build_key(settings: Settings, embeddings_name: str) -> str:
    """Identifies what a build was made from: pack content, embedding model, chunking, schema."""
    parts = [
        SCHEMA_VERSION,
        fingerprint(settings.knowledge_dir),
        embeddings_name,
        str(settings.chunk_tokens),
        str(settings.chunk_overlap_tokens),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def current_build(data_dir: Path) -> Build | None:
    pointer = data_dir / POINTER
    try:
        name = json.loads(pointer.read_text())["build"]
        path = data_dir / "builds" / name
        manifest = json.loads((path / "manifest.json").read_text())
    except (OSError, ValueError, KeyError):
        return None
    return Build(path=path, key=manifest["key"], manifest=manifest)


def is_current(settings: Settings, embeddings_name: str) -> bool:
    build = current_build(settings.data_dir)
    return build is not None and build.key == build_key(settings, embeddings_name)


@contextmanager
def _lock(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _switch(data_dir: Path, name: str) -> None:
    tmp = data_dir / f".{POINTER}.{uuid.uuid4().hex}"
    tmp.write_text(json.dumps({"build": name}))
    os.replace(tmp, data_dir / POINTER)  # atomic: readers see the old build or the new, never half


def _prune(data_dir: Path, keep: set[str]) -> None:
    # Keep the previous build too: a running server may still be reading it.
    for path in (data_dir / "builds").iterdir():
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def ingest(settings: Settings, embeddings: Embeddings, progress: Progress = lambda _: None) -> Build:
    """Validate and build; raises PackError (nothing changed) when the pack is bad."""
    # Lazy: answering only checks whether the build is current; these are for writing one.
    from assistant.records.store import build_store
    from assistant.retrieval.chunking import chunk_sections
    from assistant.retrieval.practices import Practices
    from assistant.retrieval.retrievers import VECTORS, build_vector_index, write_chunks, write_vectors
    from assistant.retrieval.selector import build_index, write_index
    from assistant.understand.intents import save_example_vectors

    started = time.perf_counter()
    progress(f"Validating knowledge pack {settings.knowledge_dir}")
    pack = load_pack(settings.knowledge_dir)
    for warning in pack.warnings:
        progress(f"warning: {warning.message}")
    name_of_model = embedding_id(embeddings)
    key = build_key(settings, name_of_model)
    with _lock(settings.data_dir):
        builds = settings.data_dir / "builds"
        builds.mkdir(parents=True, exist_ok=True)
        previous = current_build(settings.data_dir)
        tmp = builds / f".tmp-{uuid.uuid4().hex}"
        tmp.mkdir()
        try:
            manifest = {
                "key": key,
                "schema": SCHEMA_VERSION,
                "embeddings": name_of_model,
                "knowledge_dir": str(settings.knowledge_dir.resolve()),
                "company": pack.company.name,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            progress(f"Writing records: {len(pack.customers)} customers, {len(pack.decisions)} decisions")
            build_store(pack, tmp / "records.sqlite", manifest)
            docs = chunk_sections(list(pack.sections.values()), settings.chunk_tokens, settings.chunk_overlap_tokens)
            progress(f"Embedding {len(docs)} policy chunks from {len(pack.sections)} sections")
            write_chunks(docs, tmp / "chunks.jsonl")
            vectors = embeddings.embed_documents([d.page_content for d in docs])
            write_vectors(docs, vectors, tmp / VECTORS)
            build_vector_index(docs, vectors, tmp / "chroma")
            # The intent thresholds are tuned on the local model: other embeddings get no stored examples.
            if isinstance(embeddings, LocalEmbeddings):
                save_example_vectors(tmp / INTENT_VECTORS, embeddings)
                # The selector's head and practice layers read this model's vectors: other models get none.
                progress("Embedding the policy's sentences for the sentence selector")
                write_index(build_index(list(pack.sections.values()), embeddings, Practices.load()), tmp)
            manifest["seconds"] = f"{time.perf_counter() - started:.2f}"
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
            name = f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{key[:12]}-{uuid.uuid4().hex[:6]}"
            final = builds / name
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _switch(settings.data_dir, name)
        _prune(builds.parent, {name} | ({previous.path.name} if previous else set()))
    progress(f"Ready: {final}")
    return Build(path=final, key=key, manifest=manifest)
