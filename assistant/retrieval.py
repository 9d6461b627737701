"""Policy retrieval: Chroma vectors and BM25 terms, fused by reciprocal rank, as LangChain retrievers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr
from rank_bm25 import BM25Okapi

COLLECTION = "policy_chunks"
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "our",
        "the",
        "this",
        "to",
        "us",
        "we",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
    ]
)


def terms(text: str) -> list[str]:
    """Lowercase word stems for BM25; a crude plural strip is enough for policy prose."""
    out = []
    for word in _WORD.findall(text.lower()):
        if word in _STOP:
            continue
        # British and American spellings meet: personalised/personalized, organisation/organization.
        word = re.sub(r"is(e|ed|es|ing|ation|ations)$", r"iz\1", word) if len(word) > 6 else word
        out.append(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
    return out


def chroma_client(path: Path) -> Any:
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def build_vector_index(docs: list[Document], embeddings: Embeddings, path: Path) -> None:
    store = Chroma(
        collection_name=COLLECTION,
        embedding_function=embeddings,
        client=chroma_client(path),
        collection_metadata={"hnsw:space": "cosine"},
    )
    store.add_documents(docs, ids=[str(d.id) for d in docs])


def write_chunks(docs: list[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for d in docs:
            handle.write(json.dumps({"id": d.id, "text": d.page_content, "metadata": d.metadata}) + "\n")


def read_chunks(path: Path) -> list[Document]:
    with path.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [Document(page_content=r["text"], id=r["id"], metadata=r["metadata"]) for r in rows]


class BM25Retriever(BaseRetriever):
    """Lexical ranking over the same chunks the vector index holds."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    docs: list[Document]
    k: int = 4
    _bm25: BM25Okapi = PrivateAttr()

    def model_post_init(self, context: Any) -> None:
        self._bm25 = BM25Okapi([terms(d.page_content) for d in self.docs])

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        q = terms(query)
        if not q:
            return []
        scores = self._bm25.get_scores(q)
        ranked = sorted(range(len(self.docs)), key=lambda i: -scores[i])
        return [self.docs[i] for i in ranked[: self.k] if scores[i] > 0]


class FusionRetriever(BaseRetriever):
    """Reciprocal-rank fusion of several retrievers: robust to their different score scales."""

    retrievers: list[BaseRetriever]
    k: int = 4
    rrf_k: int = 60

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        scores: dict[str, float] = {}
        by_id: dict[str, Document] = {}
        for retriever in self.retrievers:
            for rank, doc in enumerate(retriever.invoke(query)):
                key = str(doc.id or doc.page_content)
                by_id.setdefault(key, doc)
                scores[key] = scores.get(key, 0.0) + 1.0 / (self.rrf_k + rank + 1)
        best = sorted(scores, key=lambda key: -scores[key])[: self.k]
        return [by_id[key] for key in best]


def open_retriever(build_dir: Path, embeddings: Embeddings, k: int) -> FusionRetriever:
    docs = read_chunks(build_dir / "chunks.jsonl")
    vectors = Chroma(
        collection_name=COLLECTION, embedding_function=embeddings, client=chroma_client(build_dir / "chroma")
    )
    depth = max(k * 3, 10)
    return FusionRetriever(
        retrievers=[vectors.as_retriever(search_kwargs={"k": depth}), BM25Retriever(docs=docs, k=depth)],
        k=k,
    )
