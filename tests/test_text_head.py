"""The character n-gram head: what it reads of a question, and what it learns."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.ingest import INTENT_VECTORS
from assistant.pipeline import Candor
from assistant.understand.stored_examples import load_example_vectors
from assistant.understand.text_head import TextHead, grams

TEXTS = {
    "change_control": [
        "how do i unsubscribe from the emails",
        "where is the unsubscribe link",
        "unsubscribe me how",
        "how can I unsubscribe from your newsletter",
    ],
    "retention": [
        "how long do you keep my data",
        "how long is my history kept",
        "do you keep my data forever",
        "how long until you delete my old orders",
    ],
}


def _head() -> TextHead:
    texts = [t for group in TEXTS.values() for t in group]
    labels = [label for label, group in TEXTS.items() for _ in group]
    return TextHead.train(texts, labels)


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Opt out", {" o", "opt", "opt ", " out ", "ou"}, {"t o", "opt o"}),  # words padded, never joined
        ("I'm", {" i'm ", "'m"}, set()),  # an apostrophe stays inside its word
        ("e-mail!", {" e ", "mail ", " mai"}, {"-", "!"}),  # punctuation splits words and is dropped
    ],
)
def test_grams_are_each_words_letters_padded_at_its_edges(text: str, present: set[str], absent: set[str]) -> None:
    found = set(grams(text))
    assert present <= found
    assert not absent & found


def test_a_misspelt_word_reads_like_the_word_it_misspells() -> None:
    probabilities = _head().probabilities("unsubscibe pls")
    assert max(probabilities, key=lambda k: probabilities[k]) == "change_control"
    assert sum(probabilities.values()) == pytest.approx(1.0)


def test_a_question_of_unknown_letters_gets_the_prior_not_an_error() -> None:
    probabilities = _head().probabilities("ßßß ∆∆")
    assert set(probabilities) == set(TEXTS)
    assert sum(probabilities.values()) == pytest.approx(1.0)


def test_text_head_stored_as_arrays_reads_back_the_same_probabilities() -> None:
    head = _head()
    again = TextHead.from_arrays({k: np.array(v) for k, v in head.arrays().items()})
    for question in ("how long do you keep it", "unsubscribe"):
        assert again.probabilities(question) == pytest.approx(head.probabilities(question))


def test_ingest_stores_the_text_head_beside_the_example_vectors(candor: Candor) -> None:
    stored = load_example_vectors(candor.build_dir / INTENT_VECTORS)
    assert stored is not None
    probabilities = stored[2].probabilities("how long do you keep my purchase history")
    assert max(probabilities, key=lambda k: probabilities[k]) == "retention"
