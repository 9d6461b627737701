"""Shared by the PolicyQA benchmark and the head's training: the converted data, cached embeddings, scoring."""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from assistant.retrieval.sentence_index import SentenceIndex, policy_sentences  # noqa: E402

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


@dataclass(frozen=True)
class Segment:
    """A PolicyQA segment as a section: OPP-115 kept no headings, so it has no title."""

    section_id: str
    title: str
    text: str


@dataclass
class Question:
    text: str
    relevant: set[int]  # sentence numbers in policy order; empty when the policy does not say


@dataclass
class Policy:
    name: str
    sections: list[Segment]
    questions: list[Question]
    index: SentenceIndex | None = None


def load(split: str) -> list[Policy]:
    path = DATA / f"{split}.jsonl"
    if not path.exists():
        raise SystemExit(f"{path} is missing: bring PolicyQA and convert it (benchmarks/policy_qa/README.md)")
    policies = []
    for line in path.read_text(encoding="utf-8").splitlines():
        raw: dict[str, Any] = json.loads(line)
        sections = [Segment(f"{raw['policy']}#segment-{s['index']}", "", s["text"]) for s in raw["segments"]]
        expected = [s["text"][a:b] for s in raw["segments"] for a, b in s["sentences"]]
        if [s.text for s in policy_sentences(sections)] != expected:  # type: ignore[arg-type]
            raise SystemExit(f"{raw['policy']}: the sentence splitter changed since conversion; run convert.py again")
        questions = [Question(q["question"], set(q["relevant"])) for q in raw["questions"]]
        questions += [Question(q["question"], set()) for q in raw["unanswerable"]]
        policies.append(Policy(raw["policy"], sections, questions))
    return policies


class CachedEmbeddings(Embeddings):
    """The local model, with every vector kept on disk by text: re-runs embed nothing twice."""

    def __init__(self, path: Path = DATA / "embedding-cache.npz") -> None:
        from assistant.retrieval.embeddings import LocalEmbeddings

        self._model = LocalEmbeddings()
        self.embedding_id = self._model.embedding_id
        self._path = path
        self._cache: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path) as stored:
                self._cache = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        self._dirty = False

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(text.encode()).hexdigest()[:24]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = list(dict.fromkeys(t for t in texts if self._key(t) not in self._cache))
        if missing:
            for t, v in zip(missing, self._model.embed_documents(missing), strict=True):
                self._cache[self._key(t)] = np.asarray(v, dtype=np.float32)
            self._dirty = True
        return [self._cache[self._key(t)].tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def model(self) -> Any:
        return self._model

    def save(self) -> None:
        if self._dirty:
            keys = sorted(self._cache)
            np.savez(self._path, keys=np.array(keys), vectors=np.stack([self._cache[k] for k in keys]))
            self._dirty = False


def prf(selected: set[int], relevant: set[int]) -> tuple[float, float, float]:
    """PrivacyQA's per-question score: precision, recall and F1 of the selected sentences. A question the
    policy does not answer scores 1 when nothing is selected (the system said so) and 0 otherwise."""
    if not relevant or not selected:
        same = float(not relevant and not selected)
        return same, same, same
    hit = len(selected & relevant)
    p, r = hit / len(selected), hit / len(relevant)
    return p, r, (2 * p * r / (p + r) if hit else 0.0)


def summarise(rows: list[tuple[set[int], set[int]]]) -> dict[str, float]:
    """Mean precision, recall and F1 over the answerable questions, the same over all questions, and how often
    the system said nothing on each kind."""
    answerable = [prf(s, r) for s, r in rows if r]
    unanswerable = [s for s, r in rows if not r]
    every = [prf(s, r) for s, r in rows]

    def mean(values: list[float]) -> float:
        return float(np.mean(values)) * 100 if values else 0.0

    return {
        "questions": len(rows),
        "answerable": len(answerable),
        "precision": mean([p for p, _, _ in answerable]),
        "recall": mean([r for _, r, _ in answerable]),
        "f1": mean([f for _, _, f in answerable]),
        "f1_all": mean([f for _, _, f in every]),
        "abstained_unanswerable": mean([float(not s) for s in unanswerable]),
        "abstained_answerable": mean([float(not s) for s, r in rows if r]),
        "selected_mean": float(np.mean([len(s) for s, _ in rows])) if rows else 0.0,
    }
