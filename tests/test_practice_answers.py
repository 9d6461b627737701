"""Customers' questions about data use and fair treatment are answered from the practice audit stored with the
build: aggregate figures only, never another customer, and honest when there is no audit."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from conftest import sample_customers

from assistant.compose.builder import Draft
from assistant.compose.practices import compose_fairness, compose_minimisation
from assistant.pipeline import Candor

FAIRNESS = ["do you treat people like me differently?", "is your offer engine biased against older people?"]
MINIMISATION = ["do you really need all this data?", "why do you collect so much information about me?"]


@pytest.mark.parametrize("question", FAIRNESS)
def test_a_fair_treatment_question_gets_the_audits_figures_for_the_customers_own_groups(
    candor: Candor, question: str
) -> None:
    answer = candor.ask(candor.conversation("NW-1002"), question)
    assert answer.intent == "fairness" and answer.verified, answer.text
    assert "Your age band (65+): 25% of 12 customers" in answer.text
    # The planted disparity is reported, with the data behind it, as a question to look into.
    assert "By age band: 25% of “65+” against 100% of “18-34”" in answer.text
    assert "not proof of unfair treatment" in answer.text
    assert "Personalized offers settings" in answer.text


@pytest.mark.parametrize("question", MINIMISATION)
def test_a_data_need_question_names_data_held_but_never_used_and_the_undeclared_use(
    candor: Candor, question: str
) -> None:
    answer = candor.ask(candor.conversation("NW-1001"), question)
    assert answer.intent == "minimisation" and answer.verified, answer.text
    for name in ("Device and connection details", "Payment details", "Support conversations"):
        assert name in answer.text
    assert "your region used in 24 offers for partner offers" in answer.text
    assert "Delete my data" in answer.text


def test_the_answers_reveal_no_other_customer_and_no_other_customers_decision(candor: Candor) -> None:
    me = "NW-1002"
    mine = {d.decision_id for d in candor.store.records_for(me).decisions}  # type: ignore[union-attr]
    for question in FAIRNESS + MINIMISATION:
        text = candor.ask(candor.conversation(me), question).text
        named = set(re.findall(r"\bD-\d+\b", text))
        assert named <= mine, named - mine
        for c in sample_customers():
            if c["customer_id"] != me:
                assert c["name"] not in text and c["customer_id"] not in text


def test_a_group_under_the_minimum_size_gets_no_figures(candor: Candor) -> None:
    text = candor.ask(candor.conversation("NW-1002"), FAIRNESS[0]).text
    assert "Your postcode area: fewer than 10 customers share it" in text
    assert "Your postcode area (" not in text


def test_without_an_audit_in_the_build_the_answer_says_so_instead_of_guessing(candor: Candor) -> None:
    catalog = replace(candor.catalog, practices=None)
    for compose in (compose_fairness, compose_minimisation):
        draft = Draft(intent="fairness", catalog=catalog)
        compose(draft, None)
        text = " ".join(line.text for line in draft.lines)
        assert "no audit" in text and "%" not in text


def test_a_characteristic_the_catalog_does_not_hold_is_said_to_be_not_held_with_the_policys_sentence(
    candor: Candor,
) -> None:
    answer = candor.ask(candor.conversation("NW-1002"), "are your offers racist?")
    assert answer.intent == "fairness" and answer.verified, answer.text
    assert "nothing in your record, is about your ethnic origin: we do not hold it" in answer.text
    assert "we do not hold or infer data about religion, politics, sexuality or ethnic origin" in answer.text
    women = candor.ask(candor.conversation("NW-1002"), "do women get worse deals from you than men?").text
    assert "about your gender" in women and "ethnic origin" not in women


def test_an_age_question_gets_no_sentence_about_characteristics_it_did_not_name(candor: Candor) -> None:
    text = candor.ask(candor.conversation("NW-1002"), FAIRNESS[1]).text
    assert "None of the kinds of data" not in text


def test_a_data_need_question_naming_a_kind_gets_its_purposes_and_use_first(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1001"), "why do you even need my payment details?")
    assert answer.intent == "minimisation" and answer.verified, answer.text
    first = answer.text.split("\n")[0]
    assert first.startswith("Payment details: we hold it for") and "preventing fraud" in first
    assert "no offer's own reason in our offer log" in first
    assert "Our audit found nothing in our records that uses it, and asks whether we need it." in answer.text
