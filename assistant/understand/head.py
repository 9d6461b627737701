"""A small trained head over the local embeddings: multinomial logistic regression on the labelled examples and
the written phrasings, whose class probabilities are blended with the nearest-neighbour scores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# Inverse regularisation strength, chosen on the people-style development set (evals/people/questions.jsonl).
C = 4.0


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to unit length (a zero row stays zero)."""
    unit: np.ndarray = matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return unit


@dataclass(frozen=True)
class IntentHead:
    labels: tuple[str, ...]
    weights: np.ndarray  # labels × dimensions
    bias: np.ndarray  # labels

    @classmethod
    def train(cls, vectors: np.ndarray, labels: Sequence[str], c: float = C) -> IntentHead:
        """Fit on unit-length vectors; scikit-learn is imported only here (ingest), not on the question path."""
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=c, max_iter=500)
        model.fit(vectors, list(labels))
        weights, bias = np.asarray(model.coef_, dtype=np.float32), np.asarray(model.intercept_, dtype=np.float32)
        if len(model.classes_) == 2:
            # Two classes get one row (the second's log-odds); a zero row for the first gives the same softmax.
            weights = np.vstack([np.zeros_like(weights), weights])
            bias = np.concatenate([[0.0], bias]).astype(np.float32)
        return cls(tuple(str(x) for x in model.classes_), weights, bias)

    def probabilities(self, query: np.ndarray) -> dict[str, float]:
        """Each label's probability for one unit-length query vector."""
        logits = self.weights @ query + self.bias
        logits -= logits.max()
        exp = np.exp(logits)
        exp /= exp.sum()
        return dict(zip(self.labels, (float(x) for x in exp), strict=True))

    def arrays(self) -> dict[str, np.ndarray]:
        """The head as arrays, for storing beside the example vectors."""
        return {"head_labels": np.array(self.labels), "head_weights": self.weights, "head_bias": self.bias}

    @classmethod
    def from_arrays(cls, stored: dict[str, np.ndarray]) -> IntentHead:
        return cls(tuple(stored["head_labels"].tolist()), stored["head_weights"], stored["head_bias"])
