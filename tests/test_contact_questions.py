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


@pytest.mark.parametrize(
    "question",
    [
        "which company am I actually dealing with legally",
        "who is the data controller?",
        "whats the legal name of your company",
    ],
)
def test_asking_who_the_company_legally_is_quotes_the_policys_controller_sentence(
    candor: Candor, question: str
) -> None:
    answer = candor.ask(candor.conversation("NW-1001"), question)
    assert answer.verified
    assert "Northwind Outfitters, Inc., 1200 Cedar Landing Avenue" in answer.text


def test_asking_which_companies_get_the_data_is_not_a_question_about_the_controller(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1001"), "which company do you share my data with?")
    assert "the “controller”" not in answer.text
