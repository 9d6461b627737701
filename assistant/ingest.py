"""Ingest: validate the pack, build records + index under a new build name, then switch over atomically.

A failed ingest leaves the previous build in place and in use. Where the build's records and the pointer
live (files under the data directory, or a shared database) is the BuildStore's business
(assistant/records/builds.py); the index is an embedded Chroma or a Chroma server (retrieval/chroma.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.pack.loader import fingerprint
from assistant.pack.stream import load_without_log
from assistant.records.builds import BuildStore, FileBuilds
from assistant.retrieval.embeddings import LocalEmbeddings, embedding_id
from assistant.settings import Settings

# 3: the chunk vectors (vectors.npz) and the intent examples' vectors (intent_examples.npz) are stored too.
# 4: the policy's sentences and their vectors (sentences.jsonl, sentences.npz), for the sentence selector.
# 5: records are tables keyed by build, created by Alembic migrations.
# 6: the practice audit is stored with the catalog.
SCHEMA_VERSION = "6"
INTENT_VECTORS = "intent_examples.npz"
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Build:
    path: Path
    key: str
    manifest: dict[str, str]

    @property
    def name(self) -> str:
        return self.path.name


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


def current_build(data_dir: Path, builds: BuildStore | None = None) -> Build | None:
    """The build in use, its files cached under `data_dir/builds` (fetched there first if need be)."""
    builds = builds or FileBuilds(data_dir)
    name = builds.current_name()
    if name is None:
        return None
    path = data_dir / "builds" / name
    try:
        if not builds.fetch(name, path):
            return None
        manifest = json.loads((path / "manifest.json").read_text())
    except (OSError, ValueError):
        return None
    return Build(path=path, key=manifest["key"], manifest=manifest)


def is_current(settings: Settings, embeddings_name: str, builds: BuildStore | None = None) -> bool:
    build = current_build(settings.data_dir, builds)
    return build is not None and build.key == build_key(settings, embeddings_name)


def _vector_client(settings: Settings, directory: Path, name: str) -> tuple[object, str | None]:
    """The Chroma client ingest writes to, and the build name its collection carries (None: embedded)."""
    from assistant.retrieval.chroma import chroma_client, chroma_server

    if settings.chroma_url:
        return chroma_server(settings.chroma_url), name
    return chroma_client(directory / "chroma"), None


def ingest(
    settings: Settings, embeddings: Embeddings, progress: Progress = lambda _: None, builds: BuildStore | None = None
) -> Build:
    """Validate and build; raises PackError (nothing changed) when the pack is bad."""
    # Lazy: answering only checks whether the build is current; these are for writing one.
    from assistant.records.streamed import PartedLog
    from assistant.records.writing import build_store
    from assistant.retrieval.chroma import build_vector_index, drop_collections
    from assistant.retrieval.chunking import chunk_sections
    from assistant.retrieval.data_kinds import EmbeddingReader
    from assistant.retrieval.retrievers import VECTORS, write_chunks, write_vectors
    from assistant.retrieval.sentence_index import build_index, write_index
    from assistant.understand.stored_examples import save_example_vectors

    if builds is None:
        from assistant.records.storage import open_storage

        builds = open_storage(settings).builds
    started = time.perf_counter()
    progress(f"Validating knowledge pack {settings.knowledge_dir}")
    # Everything but the decision log is loaded and checked now; the log is read in parts while the records
    # are written (records/streamed.py), so memory does not grow with it. A bad log fails the ingest there.
    pack = load_without_log(settings.knowledge_dir)
    name_of_model = embedding_id(embeddings)
    key = build_key(settings, name_of_model)
    with builds.lock():
        root = settings.data_dir / "builds"
        root.mkdir(parents=True, exist_ok=True)
        previous = builds.current_name()
        name = f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{key[:12]}-{uuid.uuid4().hex[:6]}"
        tmp = root / f".tmp-{uuid.uuid4().hex}"
        tmp.mkdir()
        final = root / name
        try:
            manifest = {
                "key": key,
                "schema": SCHEMA_VERSION,
                "embeddings": name_of_model,
                "knowledge_dir": str(settings.knowledge_dir.resolve()),
                "company": pack.company.name,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            }
            progress(f"Writing records: {len(pack.customers)} customers; reading the decision log in parts")
            # The reader's thresholds were chosen on the local model's vectors: other embeddings skip that check.
            reader = EmbeddingReader(embeddings) if isinstance(embeddings, LocalEmbeddings) else None
            log = PartedLog(pack, progress, reader=reader)
            writer = builds.writer(name, tmp)
            try:
                build_store(pack, writer, name, manifest, log=log)
            finally:
                writer.dispose()
            progress(f"Wrote {log.count:,} decisions, with the practice audit (the Practices view)")
            for warning in log.warnings:
                progress(f"warning: {warning.message}")
            if log.practices_note:
                progress(f"warning: no practice audit in this build: {log.practices_note}")
            docs = chunk_sections(list(pack.sections.values()), settings.chunk_tokens, settings.chunk_overlap_tokens)
            progress(f"Embedding {len(docs)} policy chunks from {len(pack.sections)} sections")
            write_chunks(docs, tmp / "chunks.jsonl")
            vectors = embeddings.embed_documents([d.page_content for d in docs])
            write_vectors(docs, vectors, tmp / VECTORS)
            client, collection_build = _vector_client(settings, tmp, name)
            build_vector_index(docs, vectors, client, collection_build)
            # The intent thresholds are tuned on the local model: other embeddings get no stored examples.
            if isinstance(embeddings, LocalEmbeddings):
                progress("Embedding the intent classifier's training questions (reused when unchanged)")
                save_example_vectors(
                    tmp / INTENT_VECTORS, embeddings, _same_model(root, previous, name_of_model), settings.cache_dir
                )
                # The selector's head and practice layers read this model's vectors: other models get none.
                progress("Embedding the policy's sentences for the sentence selector")
                write_index(build_index(list(pack.sections.values()), embeddings), tmp)
            manifest["seconds"] = f"{time.perf_counter() - started:.2f}"
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2))
            os.rename(tmp, final)
            builds.publish(name, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        keep = {name} | ({previous} if previous else set())
        builds.prune(keep)
        if collection_build is not None:
            drop_collections(client, keep)
    progress(f"Ready: {final}")
    return Build(path=final, key=key, manifest=manifest)


def _same_model(root: Path, previous: str | None, model: str) -> Path | None:
    """The previous build's intent vectors, when that build used the same embedding model."""
    if previous is None:
        return None
    try:
        manifest = json.loads((root / previous / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return root / previous / INTENT_VECTORS if manifest.get("embeddings") == model else None
