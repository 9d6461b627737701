"""Complaints carry a question: the facts behind them, not an offer to change a consent or a refusal."""

from __future__ import annotations

from assistant.pipeline import Candor

# NW-1043 withdrew personalised offers on 9 May 2024; D-414 was shown on 11 May relying on the old grant.
CUSTOMER = "NW-1043"


def test_still_got_an_offer_after_switching_off_finds_it_and_says_it_should_not_have_been_shown(
    candor: Candor,
) -> None:
    answer = candor.ask(
        candor.conversation(CUSTOMER),
        "I switched personalised offers off in May and still got an offer on 11 May, how is that allowed?",
    )
    assert answer.intent == "why_offer" and answer.decision_ids == ["D-414"]
    assert "should not have been shown" in answer.text and "9 May 2024" in answer.text
    assert answer.proposed_change is None


def test_i_never_signed_up_is_answered_from_the_consent_record(candor: Candor) -> None:
    answer = candor.ask(candor.conversation(CUSTOMER), "I never signed up for your emails")
    assert answer.intent == "consent_status"
    assert "25 September 2023" in answer.text and "checkout page" in answer.text


def test_did_i_turn_it_off_asks_for_the_status_and_changes_nothing(candor: Candor) -> None:
    answer = candor.ask(candor.conversation(CUSTOMER), "did I turn it off or on in the end?")
    assert answer.intent == "consent_status" and answer.proposed_change is None
    assert "withdrew consent on 9 May 2024" in answer.text
