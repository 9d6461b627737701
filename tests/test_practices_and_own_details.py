"""What a fifth fresh batch of development questions found: a practice the policy speaks of in a few sentences
("was that call recorded?") is answered by those sentences, and one it never mentions (breaches, a minimum age,
who at home can see an account) is said to be unaddressed; "what do you know about me" shows the customer's own
details; and phrasings that read as the wrong question ("who else gets to know that about me?", "how long does it
take to arrive?", "why keep the rest at all?")."""

from __future__ import annotations

import pytest

from assistant.guardrails.injection import asks_about_others
from assistant.pipeline import Candor
from assistant.settings import REPO_ROOT
from assistant.understand.silent_topics import practice_sentences, silent_topic

LUMEN = REPO_ROOT / "tests" / "fixtures" / "packs" / "lumen"


def _quoted(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- “") or ": “" in line]


@pytest.mark.parametrize(
    "question",
    ["was that call recorded?", "When I rang your support line in May to stop the emails, was that call recorded?"],
)
def test_a_practice_the_policy_speaks_of_is_answered_by_its_own_sentences(candor: Candor, question: str) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), question)
    assert answer.intent == "policy_question"
    assert "“We do not record phone calls.”" in answer.text
    # Not every sentence where "record" means the offer-decision log.
    assert "decision log" not in answer.text


def test_a_practice_spoken_of_in_many_sentences_quotes_only_the_likeliest(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), "Can my 14 year old make her own account?")
    assert "aged 16 and over" in answer.text
    assert len(_quoted(answer.text)) <= 3, answer.text


@pytest.mark.parametrize(
    ("question", "silence"),
    [
        ("have you ever been hacked? would you even tell me if my stuff leaked", "data breaches"),
        ("my 13 year old wants her own account. is there a minimum age?", "a minimum age"),
        ("Can my wife see everything I've watched if she logs in on our TV?", "people you live or work with"),
        ("Where are my data physically stored, EU servers or some US cloud?", "other countries"),
    ],
)
def test_a_practice_the_policy_never_mentions_is_said_to_be_unaddressed(
    lumen: Candor, question: str, silence: str
) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), question)
    assert answer.intent == "policy_question"
    assert "The policy does not say anything about" in answer.text
    assert silence in answer.text


def test_a_breach_the_policy_does_speak_of_is_quoted(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), "have you ever been hacked? would you tell me?")
    assert "within 72 hours" in answer.text
    assert "does not say" not in answer.text


def test_the_policy_sentences_on_a_practice_are_found_only_when_it_is_asked_about(candor: Candor) -> None:
    sections = list(candor.catalog.sections.values())
    assert practice_sentences("was my call recorded?", sections) == ("We do not record phone calls.",)
    assert practice_sentences("what do you know about me?", sections) == ()
    assert silent_topic("can my husband see what I bought?", sections) is not None


def test_everything_held_shows_the_customers_own_details(candor: Candor) -> None:
    customer = candor.parts.records_for("NW-1007")
    assert customer is not None
    answer = candor.ask(candor.conversation("NW-1007"), "wat do u know about me lol")
    assert answer.intent == "data_held"
    details = customer.customer
    for value in (details.name, details.email, details.phone, details.postal_address):
        assert value and value in answer.text
    assert "age band: 35-64" in answer.text


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("When I ask for my data, how long does it take to arrive?", "access_delete"),
        (
            "You keep seven years of what I bought but only use two years for offers. Why keep the rest at all?",
            "minimisation",
        ),
        ("why do you still have the names of the people I invited to my account?", "minimisation"),
        ("Do you rate me on whether I open your emails?", "predictions"),
        ("is a computer deciding stuff about me? and can a human check it if it's wrong", "policy_question"),
        ("Can my wife see what I have bought if she logs in to my account?", "policy_question"),
    ],
)
def test_a_fifth_batch_phrasing_reaches_its_intent(candor: Candor, question: str, intent: str) -> None:
    assert candor.ask(candor.conversation("NW-1007"), question).intent == intent


def test_who_else_learns_something_about_me_is_a_sharing_question(lumen: Candor) -> None:
    assert not asks_about_others("and who else gets to know that about me?")
    conversation = lumen.conversation("lumen:u:30417")
    lumen.ask(conversation, "am i on some list of people with sleep problems?")
    assert lumen.ask(conversation, "and who else gets to know that about me?").intent == "sell_share"
    assert lumen.ask(lumen.conversation("lumen:u:30417"), "Does Kestrel Mobile now know what I watch?").intent == (
        "sell_share"
    )


def test_a_thing_named_by_what_i_do_continues_the_question_before(candor: Candor) -> None:
    conversation = candor.conversation("NW-1007")
    candor.ask(conversation, "how long do u keep my browsng history")
    answer = candor.ask(conversation, "and the stuff I do in the app?")
    assert answer.intent == "retention"
    assert "13 months" in answer.text


def test_where_the_company_is_based_is_its_controller_sentence_alone(lumen: Candor) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), "where are you based?")
    assert "L-1855 Luxembourg" in answer.text
    assert len(_quoted(answer.text)) == 1, answer.text


def test_stopping_tailored_emails_names_the_emails_that_rest_on_a_legitimate_interest(lumen: Candor) -> None:
    answer = lumen.ask(lumen.conversation("lumen:u:30417"), "stop emailing me about deals")
    assert answer.intent == "consent_change"
    assert "do not rest on your consent to Tailored picks and promotions but on our legitimate interest" in answer.text
    assert "To stop them, use Object to uses based on our legitimate interests" in answer.text


def test_withdrawing_the_marketing_email_consent_itself_stops_every_marketing_email(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), "stop emailing me")
    assert "You asked to withdraw your consent to Marketing emails" in answer.text
    assert "do not rest on your consent" not in answer.text


def test_data_partners_send_is_data_held_from_others(candor: Candor) -> None:
    assert candor.ask(candor.conversation("NW-1007"), "do partners send you stuff about me?").intent == "data_held"


def test_a_recorded_call_asks_no_person_to_call(candor: Candor) -> None:
    answer = candor.ask(candor.conversation("NW-1007"), "hey did anyone record my phone call last week??")
    assert "“We do not record phone calls.”" in answer.text
    assert "To reach a person" not in answer.text


def test_a_question_after_a_reported_change_is_what_is_asked(candor: Candor) -> None:
    question = "I switched it off in May. Have you deleted the interests yet?"
    assert candor.ask(candor.conversation("NW-1007"), question).intent == "retention"
    # A complaint about what came after the change still reads as the consent record.
    complaint = "I unsubscribed in March. Why am I STILL getting your emails?"
    assert candor.ask(candor.conversation("NW-1007"), complaint).intent in ("consent_status", "why_offer")


def test_a_way_back_in_is_a_grant_whatever_the_customer_reports_having_done(candor: Candor) -> None:
    question = "can u put me back on the newsletter? unsubscribed by accident"
    answer = candor.ask(candor.conversation("NW-1044"), question)
    assert "withdraw" not in answer.text.split("\n")[0], answer.text
