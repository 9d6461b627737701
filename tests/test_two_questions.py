"""Two questions in one message get both answers, each from its own evidence."""

from __future__ import annotations

import pytest

from assistant.pipeline import Candor


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        (
            "what data do you have on me and how long do you keep it",
            "Here is what our records hold",
            "How long we keep",
        ),
        ("Do you sell my data? How do I download my data?", "Our data catalog lists who receives", "Download my data"),
    ],
)
def test_a_message_asking_two_things_answers_both(candor: Candor, question: str, first: str, second: str) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), question)
    assert first in answer.text and second in answer.text
    assert answer.text.index(first) < answer.text.index(second)
    assert answer.verified


def test_one_question_with_and_inside_is_one_question(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), "how long do you keep my name and address")
    assert answer.intent == "retention"
    assert "Here is what our records hold" not in answer.text
