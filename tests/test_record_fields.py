"""A question asking what the customer's own record says ("what address do you have for me?") is read as such,
and answered with the value itself, whole and readable, from their own record only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.compose.account import compose_data_held
from assistant.compose.builder import Draft
from assistant.pipeline import Candor
from assistant.understand.record_fields import attributes_named, record_fields


@pytest.mark.parametrize(
    ("question", "fields"),
    [
        ("what address do you have for me", ("postal_address",)),
        ("is my phone number up to date?", ("phone",)),
        ("which email address is on my account", ("email",)),
        ("what age do you have on file for me?", ("age_band",)),
        ("what name do you have for me", ("name",)),
        ("hey whats the email you've got for me, is it still my old one?", ("email",)),
        ("Do you have my home address in Milan on file?", ("postal_address",)),
        ("Which age group you have me in your system?", ("age_band",)),
        # Not the postal address: an email or IP address; not a value asked for at all.
        ("what email address do you have for me", ("email",)),
        ("why do you keep my IP address?", ()),
        # Data in general, or the company's own contact details: no field of the customer's record.
        ("What data do you hold about me, including my name and address?", ()),
        ("How old is the data you have on me?", ()),
        ("What is the address of your headquarters?", ()),
        ("What email address do you have for privacy questions?", ()),
        ("what phone number do you have for customer service?", ()),
        ("what do you record about my phone / device", ()),
        ("stop emailing me", ()),
    ],
)
def test_record_fields_asked_for_are_read_from_everyday_words(question: str, fields: tuple[str, ...]) -> None:
    assert record_fields(question, ("age_band",)) == fields


def test_a_customer_asking_whether_their_phone_number_is_right_gets_it_from_their_own_record(candor: Candor) -> None:
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


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("why do you even need my age for offers?", ("age_band",)),
        ("Why did you ask for my year of birth when I signed up?", ("age_band",)),
        ("why do you need my birthday", ("age_band",)),
        ("why do you need my email address", ()),
    ],
)
def test_declared_attributes_are_named_by_everyday_words(question: str, named: tuple[str, ...]) -> None:
    assert attributes_named(question, ("age_band",)) == named


def test_a_data_need_question_about_an_attribute_says_what_it_is_and_why_it_is_held(candor: Candor) -> None:
    text = candor.ask(candor.conversation("NW-1001"), "why do you even need my age for offers?").text
    assert "Your age band: the age band a customer may give in their Northwind Rewards profile" in text
    assert "(contact and account details)" in text and "groups customers by it" in text
