"""A second trained head, over the question's own letters: logistic regression on character n-grams (TF-IDF).

The embeddings blur what people type: misspellings, run-together words, slang and word forms the model never
saw. Character n-grams keep them, so this head sees "unsubscibe" and "unsubscribe" as nearly the same text. Its
class probabilities are blended with the nearest-neighbour scores like the embedding head's. Featurising is
written here (a few lines) so that the question path needs numpy only; scikit-learn fits the weights at ingest.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Inverse regularisation strength and n-gram sizes, chosen by leaving each phrasing file out in turn.
C = 10.0
SIZES = (2, 3, 4, 5)
# An n-gram seen in one training text only is noise more often than signal.
MIN_TEXTS = 2
_TOKEN = re.compile(r"[a-z0-9']+")


def grams(text: str) -> Counter[str]:
    """Each word's character n-grams, the word padded with a space at each end so its edges count."""
    counts: Counter[str] = Counter()
    for word in _TOKEN.findall(text.lower()):
        padded = f" {word} "
        for n in SIZES:
            counts.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return counts


@dataclass(frozen=True)
class TextHead:
    labels: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: np.ndarray  # n-grams
    weights: np.ndarray  # labels × n-grams
    bias: np.ndarray  # labels

    @classmethod
    def train(cls, texts: Sequence[str], labels: Sequence[str], c: float = C) -> TextHead:
        """Fit at ingest; scikit-learn and scipy are imported only here."""
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression

        counted = [grams(t) for t in texts]
        seen: Counter[str] = Counter(g for counts in counted for g in counts)
        kept = sorted(g for g, n in seen.items() if n >= MIN_TEXTS)
        vocabulary = {g: i for i, g in enumerate(kept)}
        # Smoothed inverse document frequency, as TF-IDF is usually written.
        idf = np.array([math.log((1 + len(texts)) / (1 + seen[g])) + 1 for g in kept], dtype=np.float32)
        rows, cols, values = [], [], []
        for row, counts in enumerate(counted):
            index, value = _weighted(counts, vocabulary, idf)
            rows.extend([row] * len(index))
            cols.extend(index.tolist())
            values.extend(value.tolist())
        matrix = csr_matrix((values, (rows, cols)), shape=(len(texts), len(kept)), dtype=np.float32)
        # saga to a loose tolerance: a third of lbfgs's time at ingest, the same accuracy left out file by file.
        model = LogisticRegression(C=c, solver="saga", tol=1e-3, max_iter=1000, random_state=0)  # same build, same head
        model.fit(matrix, list(labels))
        weights, bias = np.asarray(model.coef_, dtype=np.float32), np.asarray(model.intercept_, dtype=np.float32)
        if len(model.classes_) == 2:
            # Two classes get one row (the second's log-odds); a zero row for the first gives the same softmax.
            weights = np.vstack([np.zeros_like(weights), weights])
            bias = np.concatenate([[0.0], bias]).astype(np.float32)
        return cls(tuple(str(x) for x in model.classes_), vocabulary, idf, weights, bias)

    def probabilities(self, text: str) -> dict[str, float]:
        """Each label's probability for one question."""
        index, value = _weighted(grams(text), self.vocabulary, self.idf)
        logits = self.weights[:, index] @ value + self.bias
        logits -= logits.max()
        exp = np.exp(logits)
        exp /= exp.sum()
        return dict(zip(self.labels, (float(x) for x in exp), strict=True))

    def arrays(self) -> dict[str, np.ndarray]:
        """The head as arrays, for storing beside the example vectors."""
        ordered = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "text_labels": np.array(self.labels),
            "text_grams": np.array(ordered),
            "text_idf": self.idf,
            "text_weights": self.weights,
            "text_bias": self.bias,
        }

    @classmethod
    def from_arrays(cls, stored: dict[str, np.ndarray]) -> TextHead:
        vocabulary = {g: i for i, g in enumerate(stored["text_grams"].tolist())}
        return cls(
            tuple(stored["text_labels"].tolist()),
            vocabulary,
            stored["text_idf"],
            stored["text_weights"],
            stored["text_bias"],
        )


def _weighted(counts: Counter[str], vocabulary: dict[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The known n-grams' columns and their unit-length sublinear TF-IDF weights."""
    known = [(vocabulary[g], n) for g, n in counts.items() if g in vocabulary]
    index = np.array([i for i, _ in known], dtype=np.int64)
    value = np.array([1.0 + math.log(n) for _, n in known], dtype=np.float32) * idf[index]
    norm = float(np.linalg.norm(value))
    return index, (value / norm if norm else value)
