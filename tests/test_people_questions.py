"""The people-style question set (evals/people/) stays held out from the classifier, stays true to the packs,
and Candor's intent accuracy on it does not fall below where it stood."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.understand.examples import EXAMPLES
from evals.people.check import main as check_main
from evals.people.score import QUESTIONS, read_questions, run_pack, summarise

# The development set (tuned on) and the held-out test set (never tuned on): neither may share a sentence with
# the classifier's examples.
QUESTION_SETS = [QUESTIONS, QUESTIONS.with_name("test.jsonl")]

# Where Candor stands (evals/people/results.md; 0.725 / 0.777 before, results-before.md), less a little noise;
# raise it as the classifier improves. The aim in issue 14 is 0.95.
FLOOR = {"northwind": 0.83, "lumen": 0.81}


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.name)
def test_no_people_question_is_a_classifier_example(path: Path) -> None:
    examples = {_norm(e) for texts in EXAMPLES.values() for e in texts}
    questions = read_questions(path)
    clashes = [q["id"] for q in questions if _norm(q["question"]) in examples]
    clashes += [q["id"] for q in questions if q.get("previous") and _norm(q["previous"]) in examples]
    assert questions
    assert not clashes


@pytest.mark.parametrize("path", QUESTION_SETS, ids=lambda p: p.name)
def test_every_fact_a_question_expects_is_in_its_pack(path: Path) -> None:
    assert check_main(["check.py", str(path)]) == 0


@pytest.mark.parametrize("pack", sorted(FLOOR))
def test_intent_accuracy_on_people_questions_holds_its_floor(
    pack: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    questions = [q for q in read_questions() if q["pack"] == pack]
    results = run_pack(pack, questions, tmp_path_factory.mktemp(f"people-{pack}"))
    summary = summarise(results)[pack]
    assert summary["intent_accuracy"] >= FLOOR[pack], summary["per_intent"]
