"""The trained intent head and the phrasings it learns from."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.ingest import INTENT_VECTORS, ingest
from assistant.pipeline import Candor
from assistant.understand.examples import EXAMPLES
from assistant.understand.head import IntentHead
from assistant.understand.stored_examples import load_example_vectors
from assistant.understand.training import PHRASINGS, read_phrasings, training_examples


def _clusters() -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(7)
    centres = {"retention": np.eye(8)[0], "sell_share": np.eye(8)[3]}
    rows, labels = [], []
    for label, centre in centres.items():
        for _ in range(20):
            v = centre + 0.1 * rng.standard_normal(8)
            rows.append(v / np.linalg.norm(v))
            labels.append(label)
    return np.asarray(rows, dtype=np.float32), labels


def test_head_gives_most_probability_to_the_label_whose_examples_a_question_sits_among() -> None:
    vectors, labels = _clusters()
    head = IntentHead.train(vectors, labels)
    near_sharing = np.eye(8, dtype=np.float32)[3]
    probabilities = head.probabilities(near_sharing)
    assert max(probabilities, key=lambda k: probabilities[k]) == "sell_share"
    assert sum(probabilities.values()) == pytest.approx(1.0)


def test_head_stored_as_arrays_reads_back_the_same_probabilities() -> None:
    vectors, labels = _clusters()
    head = IntentHead.train(vectors, labels)
    again = IntentHead.from_arrays(head.arrays())
    assert again.probabilities(vectors[0]) == pytest.approx(head.probabilities(vectors[0]))


def test_every_shipped_phrasing_names_a_known_intent_and_every_intent_has_many() -> None:
    pairs = read_phrasings(PHRASINGS)
    counts = {label: sum(1 for x, _ in pairs if x == label) for label in EXAMPLES}
    assert min(counts.values()) >= 40, counts


def test_training_texts_are_unique_and_start_with_the_curated_examples() -> None:
    pairs = training_examples()
    keys = [" ".join(text.lower().split()) for _, text in pairs]
    assert len(keys) == len(set(keys))
    curated = [(label, text) for label, texts in EXAMPLES.items() for text in texts]
    assert list(pairs[: len(curated)]) == curated


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ('{"intent": "weather", "text": "is it sunny"}', "unknown intent 'weather'"),
        ('{"label": "retention", "text": "how long"}', "not an {intent, text} object"),
        ("not json", "not an {intent, text} object"),
    ],
)
def test_a_bad_phrasing_line_is_an_error_naming_its_file_and_line(tmp_path: Path, line: str, error: str) -> None:
    (tmp_path / "a.jsonl").write_text('{"intent": "retention", "text": "how long do you keep it"}\n' + line + "\n")
    with pytest.raises(ValueError, match=r"a\.jsonl:2: ") as raised:
        read_phrasings(tmp_path)
    assert error in str(raised.value)


def test_reingesting_with_the_same_model_reuses_the_stored_intent_vectors(tmp_path: Path, candor: Candor) -> None:
    settings = candor.settings.model_copy(update={"data_dir": tmp_path})
    first = ingest(settings, candor.embeddings)
    path = first.path / INTENT_VECTORS
    with np.load(path, allow_pickle=False) as stored:
        arrays = dict(stored)
    arrays["vectors"] = np.ones_like(arrays["vectors"])  # a mark a fresh embedding would never make
    with path.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    second = ingest(settings, candor.embeddings)
    assert second.path != first.path
    reused = load_example_vectors(second.path / INTENT_VECTORS)
    assert reused is not None and np.all(reused[0] == 1.0)
