"""Asking for a person or how to complain gets the company's own contacts, whatever else the policy quotes."""

from __future__ import annotations

import pytest

from assistant.pipeline import Candor


@pytest.mark.parametrize(
    ("question", "regulator"),
    [
        ("is there someone i can phone about my data, like a real person", False),
        ("how do I contact your DPO?", False),
        ("who can I talk to about what you do with my info", False),
        ("how do I complain to the regulator about you", True),
        ("can i report you to the data protection authority?", True),
    ],
)
def test_a_question_asking_for_a_person_gets_the_privacy_contacts(
    candor: Candor, question: str, regulator: bool
) -> None:
    answer = candor.ask(candor.conversation("NW-1001"), question)
    assert answer.verified
    assert "privacy@northwind.example" in answer.text and "dpo@northwind.example" in answer.text
    assert ("complain to the regulator" in answer.text) is regulator
