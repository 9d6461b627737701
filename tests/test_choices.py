"""'Did you mean…?': a close second reading is offered as a question that reads back as that reading."""

from __future__ import annotations

import pytest

from assistant.pipeline import Candor
from assistant.turn import IntentResult
from assistant.understand.choices import CLOSE, QUESTIONS, alternative


@pytest.mark.parametrize(("intent", "question"), sorted(QUESTIONS.items()))
def test_each_offered_question_is_read_as_its_own_intent(candor: Candor, intent: str, question: str) -> None:
    assert candor.parts.classifier.classify(question).intent == intent


def test_a_close_second_reading_is_offered() -> None:
    result = IntentResult("retention", 0.6, "how long", runner_up="access_delete", margin=CLOSE / 2)
    assert alternative(result) == QUESTIONS["access_delete"]


@pytest.mark.parametrize(
    "result",
    [
        IntentResult("retention", 0.6, "q", runner_up="access_delete", margin=CLOSE * 2),
        IntentResult("retention", 0.6, "q", runner_up="consent_change", margin=0.0),
        IntentResult("out_of_scope", 0.6, "q", runner_up="retention", margin=0.0),
        IntentResult("retention", 0.6, "q"),
    ],
    ids=["far-behind", "consent-change-never-clicked", "refusal", "no-runner-up"],
)
def test_no_choice_is_offered_when_the_reading_is_clear_or_unsafe(result: IntentResult) -> None:
    assert alternative(result) is None


def test_an_answer_carries_the_offered_question(candor: Candor) -> None:
    conversation = candor.conversation("NW-1007")
    offered = []
    for question in ["can I see or delete how long you keep it", "how long do you keep what you know about me"]:
        answer = candor.ask(conversation, question)
        offered += answer.choices
        assert all(f"“{c}”" in answer.text for c in answer.choices)
        assert answer.as_dict()["did_you_mean"] == answer.choices
    assert offered and all(c in QUESTIONS.values() for c in offered)


def test_clicking_the_offered_question_reads_the_other_way(candor: Candor) -> None:
    conversation = candor.conversation("NW-1001")
    first = candor.ask(conversation, "how long do you keep what you know about me")
    assert first.choices, "a question between two readings offers the other one"
    second = candor.ask(conversation, first.choices[0])
    assert second.intent != first.intent and not second.choices
