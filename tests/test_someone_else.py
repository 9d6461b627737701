"""A question about a relative's or friend's records is refused as another customer's; a question that only
names them to compare, or asks about data the customer gave about them, is the customer's own."""

from __future__ import annotations

import pytest

from assistant.pipeline import Candor


@pytest.mark.parametrize(
    "question",
    [
        "can you check what offers my wife got, her account is under her name",
        "my husband gets the same emails, why does he get them?",
        "my friend wants to know what data you have on her account",
        # Comparing or asking whether it is allowed does not make their account the customer's.
        "My wife keeps getting your beer offers, can you check her account? Is that allowed?",
        "my daughter says she gets emails from you, what data do you hold on her account? I'm 45",
        "my mother gets more offers than me, can you check her account?",
    ],
)
def test_a_question_about_a_relatives_records_is_refused(candor: Candor, question: str) -> None:
    assert candor.ask(candor.conversation("NW-1001"), question).intent == "other_customer"


@pytest.mark.parametrize(
    "question",
    [
        "My neighbour is 30 and she gets way more personalised offers than me. I'm 68. Is that age discrimination?",
        "my daughter gets loads of deals in her app and I have not had a single offer. is it my age?",
        "I invited my sister to our plan ages ago. Why would you still need her name and email?",
        "My son is 15 and wants his own account for the Rewards stuff. Is that allowed?",
        "my wife thinks you read what we watch; our kids watch on my account now and then. what have you worked out?",
    ],
)
def test_a_relative_named_to_compare_or_as_a_policy_case_is_still_the_customers_question(
    candor: Candor, question: str
) -> None:
    assert candor.ask(candor.conversation("NW-1001"), question).intent != "other_customer"
