"""Reads whether a policy passage describes a kind of data, with the local embedding model: the practice audit's
`PolicyReader` (practices/policy_use.py).

A policy names data in its own words ("what you bought" for purchase history), so words are compared by meaning.
Two readings, either enough: the category's short name against each clause of the passage ("your approximate
region" for "Approximate location"), and its name with its description against each whole sentence. The two
thresholds were chosen on PolicyQA's development policies and measured on its test policies
(benchmarks/policy_qa/data_kinds.py, results in benchmarks/results/policy_data_kinds.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.practices.policy_use import Reading
from assistant.retrieval.sentences import split_sentences

NAME_MIN = 0.5  # cosine of the category's name and a clause
DESCRIPTION_MIN = 0.4  # cosine of "name: description" and a sentence

_CLAUSE = re.compile(r"[,;:()]|\band\b|\bor\b")


def clauses(sentence: str) -> list[str]:
    """The parts of a sentence between commas, brackets, "and" and "or": where a list names one kind of data."""
    return [c.strip() for c in _CLAUSE.split(sentence) if len(c.strip()) > 2]


class EmbeddingReader:
    def __init__(
        self, embeddings: Embeddings, name_min: float = NAME_MIN, description_min: float = DESCRIPTION_MIN
    ) -> None:
        self._embeddings = embeddings
        self.name_min = name_min
        self.description_min = description_min
        self._cache: dict[str, np.ndarray] = {}  # a section is read once per category: embed each text once
        self._split: dict[tuple[str, ...], list[str]] = {}  # and split into sentences once

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if new:
            for text, v in zip(new, self._embeddings.embed_documents(new), strict=True):
                a = np.asarray(v, dtype=np.float32)
                self._cache[text] = a / (np.linalg.norm(a) or 1.0)
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)

    def scores(self, name: str, description: str, texts: Sequence[str]) -> tuple[float, float, str | None]:
        """The best name-to-clause and description-to-sentence cosines, and the sentence of the better reading."""
        key = tuple(texts)
        if key not in self._split:
            self._split[key] = [s for t in texts for s in split_sentences(t)]
        sentences = self._split[key]
        if not sentences:
            return 0.0, 0.0, None
        parts = [(c, i) for i, s in enumerate(sentences) for c in clauses(s)]
        name_v, whole_v = self.vectors([name, f"{name}: {description}"])
        by_name = self.vectors([c for c, _ in parts]) @ name_v if parts else np.zeros(0)
        by_whole = self.vectors(sentences) @ whole_v
        best_name = float(by_name.max()) if len(by_name) else 0.0
        best_whole = float(by_whole.max())
        if best_name - self.name_min >= best_whole - self.description_min and len(by_name):
            return best_name, best_whole, sentences[parts[int(by_name.argmax())][1]]
        return best_name, best_whole, sentences[int(by_whole.argmax())]

    def read(self, name: str, description: str, texts: Sequence[str]) -> Reading:
        best_name, best_whole, sentence = self.scores(name, description, texts)
        return Reading(best_name >= self.name_min or best_whole >= self.description_min, sentence)
