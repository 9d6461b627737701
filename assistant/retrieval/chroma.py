"""The Chroma side of the policy index: an embedded PersistentClient in the build directory (the default),
or a Chroma server (`CANDOR_CHROMA_URL`, started with `chroma run`) holding one collection per build.

Chroma never embeds anything itself: ingest hands it the vectors Candor's embedding model already made,
and queries go through the same model, so the server needs no model of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

COLLECTION = "policy_chunks"


def chroma_client(path: Path) -> Any:
    # Lazy: only ingest (and answers on a Chroma server) need chromadb, about a second to import.
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def chroma_server(url: str) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    parts = urlsplit(url)
    return chromadb.HttpClient(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or (443 if parts.scheme == "https" else 8000),
        ssl=parts.scheme == "https",
        settings=ChromaSettings(anonymized_telemetry=False),
    )


def collection_name(build: str | None) -> str:
    """The embedded index has one collection; a server holds one per build, so builds switch atomically."""
    return COLLECTION if build is None else f"{COLLECTION}-{build}"


class _Precomputed(Embeddings):
    """Hands Chroma the vectors ingest already made, so each chunk is embedded once."""

    def __init__(self, vectors: list[list[float]]) -> None:
        self._vectors = vectors

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        assert len(texts) == len(self._vectors)
        return self._vectors

    def embed_query(self, text: str) -> list[float]:
        raise RuntimeError("the ingest-time index is never queried through this")


def build_vector_index(docs: list[Document], vectors: list[list[float]], client: Any, build: str | None) -> None:
    from langchain_chroma import Chroma

    store = Chroma(
        collection_name=collection_name(build),
        embedding_function=_Precomputed(vectors),
        client=client,
        collection_metadata={"hnsw:space": "cosine"},
    )
    store.add_documents(docs, ids=[str(d.id) for d in docs])


def drop_collections(client: Any, keep: set[str]) -> None:
    """Delete a server's collections of builds no longer kept."""
    wanted = {collection_name(b) for b in keep}
    for collection in client.list_collections():
        name = getattr(collection, "name", collection)
        if name.startswith(f"{COLLECTION}-") and name not in wanted:
            client.delete_collection(name)


class ChromaRetriever(BaseRetriever):
    """Nearest chunks from a Chroma server's collection, the query embedded by Candor's model; the
    documents come back as the build's own chunks, so citations are the same either way."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    collection: Any
    embeddings: Embeddings
    docs: dict[str, Document]
    k: int = 4

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        found = self.collection.query(query_embeddings=[self.embeddings.embed_query(query)], n_results=self.k)
        return [self.docs[i] for i in found["ids"][0] if i in self.docs]


def server_retriever(url: str, build: str, embeddings: Embeddings, docs: list[Document], k: int) -> ChromaRetriever:
    collection = chroma_server(url).get_collection(collection_name(build))
    return ChromaRetriever(collection=collection, embeddings=embeddings, docs={str(d.id): d for d in docs}, k=k)
