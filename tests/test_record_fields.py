"""A question asking what the customer's own record says ("what address do you have for me?") is read as such,
and answered with the value itself, whole and readable, from their own record only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.compose.account import compose_data_held
from assistant.compose.builder import Draft
from assistant.pipeline import Candor
from assistant.understand.record_fields import asks_own_value, record_fields


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("what address do you have for me", ("postal_address",)),
        ("is my phone number up to date?", ("phone",)),
        ("which email address is on my account", ("email",)),
        ("what age do you have on file for me?", ("age_band",)),
        ("what name do you have for me", ("name",)),
        # Not the postal address: an email or IP address; not a value asked for at all.
        ("what email address do you have", ("email",)),
        ("why do you keep my IP address?", ()),
        ("what do you record about my phone / device", ()),
        ("stop emailing me", ()),
    ],
)
def test_record_fields_asked_for_are_read_from_everyday_words(question: str, fields: tuple[str, ...]) -> None:
    assert record_fields(question, ("age_band",)) == fields


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("is my phone number up to date?", True),
        ("which email address do you have on file", True),
        ("do you share my address with anyone", False),
        ("why do you need my phone number", False),
    ],
)
def test_only_a_question_about_what_the_record_says_asks_for_its_value(question: str, asks: bool) -> None:
    assert asks_own_value(question, record_fields(question)) is asks


def test_a_customer_asking_for_their_address_gets_it_from_their_own_record(candor: Candor) -> None:
    me = candor.store.records_for("NW-1001").customer  # type: ignore[union-attr]
    answer = candor.ask(candor.conversation("NW-1001"), "is my phone number up to date?")
    assert answer.intent == "data_held" and answer.verified, answer.text
    assert f"The phone number we hold for you: {me.phone}." in answer.text
    assert "have it corrected" in answer.text


def test_a_field_the_record_lacks_is_said_to_be_missing_not_guessed(candor: Candor) -> None:
    records = candor.store.records_for("NW-1001")
    assert records is not None
    without = replace(records, customer=records.customer.model_copy(update={"phone": None}))
    draft = Draft(intent="data_held", catalog=candor.catalog)
    compose_data_held(draft, without, None, (), ("phone",))
    assert draft.lines[0].text == "We hold no phone number for you."
