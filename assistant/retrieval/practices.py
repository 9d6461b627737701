"""Privacy practices (the OPP-115 taxonomy: collection, sharing, choices, access, retention, security, policy
changes, audiences…) recognised in policy sentences and in questions, from their embeddings.

Two levels: the practice and its attribute ("Third Party Sharing/Collection|||Purpose"), and the value
("…|||Purpose|||Advertising"). For each level, a one-vs-rest logistic layer reads a sentence (its vector, its
neighbourhood's and its section's) and a softmax layer reads a question. How well a sentence matches a
question is the chance that they concern the same practice. Weights: a `practices.npz` learned from
OPP-115's annotations by `benchmarks/policy_qa/train_head.py --out-dir DIR`, locally and for research use
only: they are never shipped (benchmarks/policy_qa/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

PRACTICES_FILE = Path("practices.npz")  # its name inside a research-weights directory
LEVELS = ("attribute", "value")


@dataclass(frozen=True)
class Layer:
    """One level: sentence weights (types × 3·dim) and biases, question weights (types × dim) and biases."""

    sentence_w: np.ndarray
    sentence_b: np.ndarray
    question_w: np.ndarray
    question_b: np.ndarray

    def sentences(self, features: np.ndarray) -> np.ndarray:
        """P(type | sentence), one row per sentence (independent per type)."""
        z = features @ self.sentence_w.T + self.sentence_b
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))), dtype=np.float32)

    def question(self, vector: np.ndarray) -> np.ndarray:
        """P(type | question), summing to 1."""
        z = self.question_w @ vector + self.question_b
        e = np.exp(z - z.max())
        return np.asarray(e / e.sum(), dtype=np.float32)


@dataclass(frozen=True)
class Practices:
    layers: dict[str, Layer]

    @classmethod
    def load(cls, path: Path = PRACTICES_FILE) -> Practices:
        with np.load(path, allow_pickle=False) as stored:
            return cls(
                {
                    level: Layer(
                        *(
                            np.asarray(stored[f"{level}_{name}"], dtype=np.float32)
                            for name in ("sentence_w", "sentence_b", "question_w", "question_b")
                        )
                    )
                    for level in LEVELS
                }
            )

    def save(self, path: Path) -> None:
        arrays = {
            f"{level}_{name}": np.asarray(getattr(layer, name), dtype=np.float16)
            for level, layer in self.layers.items()
            for name in ("sentence_w", "sentence_b", "question_w", "question_b")
        }
        with path.open("wb") as handle:
            np.savez_compressed(handle, **arrays)  # type: ignore[arg-type]
