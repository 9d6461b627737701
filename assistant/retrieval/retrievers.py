"""Policy retrieval: vectors and BM25 terms, fused by reciprocal rank, as LangChain retrievers.

Ingest embeds the chunks once and stores the vectors twice: in a Chroma collection (retrieval/chroma.py)
and in `vectors.npz`. With an embedded Chroma, answers rank by exact cosine over the latter: the order
Chroma's index gives (checked in tests/test_cli_startup.py), without importing chromadb, which costs about a
second of start-up. With a Chroma server, answers query the server's collection for the current build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, PrivateAttr
from rank_bm25 import BM25Okapi

VECTORS = "vectors.npz"
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
        # One stem for the verb, its participles and its noun: "personalisation" names "Personalized offers".
        word = re.sub(r"iz(e|ed|es|ing|ation|ations)$", "iz", word) if len(word) > 6 else word
        out.append(word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word)
    return out


# Words every question about a policy section uses ("tell me about your …"): a title's own words are the rest.
TITLE_NOISE = frozenset(terms("our your you we data how what why do does is are the a of to and about tell me"))


def write_vectors(docs: list[Document], vectors: list[list[float]], path: Path) -> None:
    with path.open("wb") as handle:
        np.savez(handle, ids=np.array([str(d.id) for d in docs]), vectors=np.asarray(vectors, dtype=np.float32))


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


class VectorRetriever(BaseRetriever):
    """Cosine similarity to every chunk's stored vector, best first: exact, and cheap for a few hundred chunks."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    docs: list[Document]
    vectors: np.ndarray
    embeddings: Embeddings
    k: int = 4
    _unit: np.ndarray = PrivateAttr()

    def model_post_init(self, context: Any) -> None:
        # Unit rows, as Chroma's cosine space stores them (an all-zero row stays zero).
        norms = np.linalg.norm(self.vectors, axis=1, keepdims=True)
        self._unit = self.vectors / np.where(norms == 0, 1.0, norms)

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        q = np.asarray(self.embeddings.embed_query(query), dtype=np.float32)
        scores = self._unit @ (q / (np.linalg.norm(q) or 1.0))
        return [self.docs[i] for i in np.argsort(-scores, kind="stable")[: self.k]]


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


def open_retriever(
    build_dir: Path, embeddings: Embeddings, k: int, vectors: BaseRetriever | None = None
) -> FusionRetriever:
    """BM25 over the build's chunks fused with `vectors` (a Chroma server's ranking), or by default with
    exact cosine over the build's stored vectors."""
    docs = read_chunks(build_dir / "chunks.jsonl")
    depth = max(k * 3, 10)
    if vectors is None:
        with np.load(build_dir / VECTORS, allow_pickle=False) as stored:
            ids, matrix = stored["ids"].tolist(), stored["vectors"]
        if ids != [str(d.id) for d in docs]:
            raise ValueError(f"{build_dir}: {VECTORS} does not match chunks.jsonl")
        vectors = VectorRetriever(docs=docs, vectors=matrix, embeddings=embeddings, k=depth)
    return FusionRetriever(retrievers=[vectors, BM25Retriever(docs=docs, k=depth)], k=k)
