"""The people-style question set (evals/people/) stays held out from the classifier, stays true to the packs,
and Candor's intent accuracy on it does not fall below where it stood."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.understand.training import example_texts
from evals.people.check import main as check_main
from evals.people.score import QUESTIONS, read_questions, run_pack, score_one, summarise

# The development set (tuned on) and the held-out test set (never tuned on): neither may share a sentence with
# the classifier's examples.
QUESTION_SETS = [QUESTIONS, QUESTIONS.with_name("test.jsonl")]

# Where Candor stands (evals/people/results.md; 0.725 / 0.777 before, results-before.md), less a little noise;
# raise it as the classifier improves. The aim in issue 14 is 0.95. 250 fresh questions joined the set in
# December 2026 (nw-601…, lu-301…), so it reads lower than before on the same code.
FLOOR = {"northwind": 0.95, "lumen": 0.95}


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.name)
def test_no_people_question_is_a_classifier_example(path: Path) -> None:
    examples = {_norm(e) for e in example_texts()}
    questions = read_questions(path)
    clashes = [q["id"] for q in questions if _norm(q["question"]) in examples]
    clashes += [q["id"] for q in questions if q.get("previous") and _norm(q["previous"]) in examples]
    assert questions
    assert not clashes


def test_no_training_text_is_close_to_a_held_out_test_question() -> None:
    """The test set was written with word-set overlap under 0.7 to the classifier's examples; the phrasings
    written later keep that distance, so the test set still measures phrasings the classifier has not seen."""

    def words(text: str) -> set[str]:
        return set(_norm(text).split())

    held_out = [words(q[k]) for q in read_questions(QUESTION_SETS[1]) for k in ("question", "previous") if q.get(k)]
    examples = [(text, words(text)) for text in example_texts()]
    close = [text for text, mine in examples if any(len(mine & q) / len(mine | q) >= 0.7 for q in held_out if mine | q)]
    assert examples
    assert not close


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.name)
def test_every_fact_a_question_expects_is_in_its_pack(path: Path) -> None:
    assert check_main(["check.py", str(path)]) == 0


def _floor_holds(pack: str, every: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    questions = [q for q in read_questions() if q["pack"] == pack][::every]
    results = run_pack(pack, questions, tmp_path_factory.mktemp(f"people-{pack}"))
    summary = summarise(results)[pack]
    assert summary["intent_accuracy"] >= FLOOR[pack], summary["per_intent"]


@pytest.mark.parametrize("pack", sorted(FLOOR))
def test_intent_accuracy_on_every_other_people_question_holds_its_floor(
    pack: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Half the set keeps the default run lean (the whole set took about 4 minutes of CI); the slow test below,
    # and evals/people/score.py, read all of it.
    _floor_holds(pack, 2, tmp_path_factory)


@pytest.mark.slow
@pytest.mark.parametrize("pack", sorted(FLOOR))
def test_intent_accuracy_on_people_questions_holds_its_floor(
    pack: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    _floor_holds(pack, 1, tmp_path_factory)


@pytest.mark.parametrize(
    ("fact", "answer", "found"),
    [
        ("2023-12-02", "You said yes on 2 December 2023.", True),
        ("2023-12-02", "You said yes on 2023-12-02.", True),
        ("2023-12-02", "You said yes on 12 February 2023.", False),
        ("Gold", "a gold member", True),
    ],
)
def test_a_date_fact_counts_in_the_form_answers_write_dates(fact: str, answer: str, found: bool) -> None:
    question = {"id": "q", "accepted_intents": ["consent_status"], "must_contain": [fact]}
    assert score_one(question, {"intent": "consent_status", "answer": answer})["complete"] is found
